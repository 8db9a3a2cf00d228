"""PERSON: spaCy's named-entity recognizer, corrected for chat register.

spaCy's small English model is trained on edited text. In chats it misses lowercase names
("im jake", "my boyfriend tom"), cuts non-Anglo names ("Thị Lan" out of "Nguyễn Thị Lan"), and
tags greetings, assistants and places as people ("Lol", "Claude", "Austin TX"). This recognizer
keeps spaCy's findings that survive a few checks, grows them over adjacent name tokens, and adds
names found by evidence spaCy does not use: a cue ("my name is", "call me", "this is"), a
relation word ("my sister", "my boss,"), an honorific ("Mrs. Okafor"), known first names
(Faker's name lists from 41 locales, offline), names listed with a found one ("Anil, Bettina
and Chidi"), and spaCy's own tags (a proper noun before "said" or "'s").

Names that are everyday words (Will, Grace, April, Mark) need evidence; public figures mentioned
in passing and the assistant's own name are left alone.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from presidio_analyzer import EntityRecognizer, RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from proxy.detection.recognizers import person_name_evidence as E
from proxy.detection.recognizers import person_name_gazetteer as G
from proxy.detection.recognizers import person_name_words as W
from proxy.detection.recognizers.span_recognizer import result_of

_TOKEN = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")

_NAME_HANDLE = re.compile(r"(?<![\w@])@(?P<handle>(?P<first>[^\W\d_]{2,15})[._](?P<last>[^\W\d_]{2,20})\d{0,4})\b")

# Usernames with no "@" that carry a first name: "lena.varga", "QuietFoxMargot", "tobyharwood91".
# Not after "." or "/" (a module path, a URL's path) nor before "(" or "." and a word (a call, a
# file name, a domain).
_BARE_HANDLE = re.compile(
    r"(?<![\w@./\\-])(?P<handle>"
    r"(?P<first>[a-z]{2,15})[._](?P<last>[a-z]{3,20})\d{0,4}"
    r"|(?-i:[A-Z]?[a-z]+(?:[A-Z][a-z]+){1,3})\d{0,4}"
    r"|(?P<letters>[a-z]{7,30})\d{2,4}"
    r")(?![\w@(/\\-]|\.\w)",
)
_CAMEL_PART = re.compile(r"[A-Z][a-z]+")
_THE_BEFORE = re.compile(r"\bthe[ \t]+\Z", re.IGNORECASE)
_FOREIGN_PREPOSITION_AFTER = re.compile(
    r"[ \t]+(?:en|in|im|bei|auf|nach|à|au|aux|chez|dans|em|no|na|nos|nas|nel|nella|op|aan|bij|con|con\s+la)\b", re.IGNORECASE
)
_TITLED_PLACE_BEFORE = re.compile(
    rf"\b(?-i:{'|'.join(t.capitalize() for t in sorted(W.STORY_TITLES))})[ \t]+(?-i:[A-Z])[^\W\d_]+[ \t]+of[ \t]+(?:the[ \t]+)?\Z"
)
_STAGED_TITLE_BEFORE = re.compile(r"(?:\[|\*\*?)[ \t]*(?-i:Professor|Prof\.?|Doctor|Dr\.?|Madame|Sensei)[ \t]+\Z")
_STAGED_CLOSE = re.compile(r"[ \t]*(?:\]|\*)")
_NICKNAME_THEN_SURNAME = re.compile(
    r"[ \t]+(?:\"[A-Z][^\W\d_]+\"|“[A-Z][^\W\d_]+”|'[A-Z][^\W\d_]+'|\([A-Z][^\W\d_]+\))[ \t]+"
    r"(?P<surname>(?-i:[A-Z])[^\W\d_]+(?:[-'’][^\W\d_]+)?)"
)
# Just before a username: "in the chat under", "my IG is", "gamertag:".
_HANDLE_CUE = re.compile(
    r"\b(?:under|user\s?name|handle|gamertag|ig|insta|instagram|tiktok|twitter|discord|reddit|snap|snapchat|"
    r"steam|xbox|psn|mods?|admins?)\b[^\n\w]{0,3}(?:is|are|=)?[ \t:]*\Z",
    re.IGNORECASE,
)
_NOT_A_SURNAME_PART = frozenset("com org net io dev app py js ts md txt json yaml yml html css csv log cfg ini".split())
_STRONG_CUE = re.compile(
    r"(?:\b(?:my\s+(?:name|nmae|naem|nam)\s+is|my\s+name'?s|my\s+names|name'?s|name\s+is|"
    r"(?:first|last|full|sur)\s?name\s+is|"
    r"(?:you\s+can\s+|u\s+can\s+|they\s+|people\s+|everyone\s+|friends\s+|just\s+)?call\s+me|"
    # "it's me bea": whoever says it next is the writer, even with a name that is a word
    r"it'?s\s+me|its\s+me|it’s\s+me|"
    r"i\s+go\s+by|i\s+am\s+called|i'?m\s+called|(?:my\s+)?(?:first\s|last\s|full\s|sur)?name\s?[:=]|"
    # "Signed, Ana" and "Sincerely,\nAna", never "the signed contract" or "I sincerely hope"
    r"signed(?=[ \t]*[,:\n–—-])|sincerely(?=[ \t]*[,:\n–—-])|me\s+llamo|mi\s+nombre\s+es|je\s+m'appelle|mon\s+nom\s+est|ich\s+hei(?:ße|sse)|"
    r"mein\s+name\s+ist|mijn\s+naam\s+is|mi\s+chiamo|mera\s+naa?m|meu\s+nome\s+é)"
    r"|^[ \t]*(?:name|nom|pr[ée]nom|nombre|vorname|nachname|naam|nome)[ \t]?[:=-]?"
    r"|\b(?:name|nom|nombre|naam)\s(?=(?-i:[A-Z])))[ \t]*[,:]?\s+",
    re.IGNORECASE | re.MULTILINE,
)
# Introductions: what follows is a name if it is not an ordinary word ("i'm tired").
_INTRO_CUE = re.compile(
    r"\b(?:i'?m|i’m|im|i\s+am|this\s+is|it'?s|it’s|c'est|je\s+suis|ik\s+ben|ich\s+bin|soy|sono|sou\s+o|sou\s+a)"
    r"\s*[,!]?\s+",
    re.IGNORECASE,
)
# Words after which a known first name is a name ("hi sarah", "with jake", "from kemi").
_WEAK_CUE = re.compile(
    r"\b(?:here'?s|meet|hi|hey|heyy+|hello|hiya|yo|dear|thanks|thank\s+you|thx|ty|cheers|regards|best|"
    r"love|xoxo|xo|bye|ask|tell|told|met|asked|texted|called|named|with|w/|w|and|n|from|for|to|about|"
    r"like|reply\s+to|me\s+and|me\s+n)\s*[,!:]?\s+",
    re.IGNORECASE,
)
_SIGN_OFF_CUE = re.compile(r"\b(?:cheers|thanks|thank\s+you|regards|best|love|xoxo|xo|sincerely|yours|bye)\s?[,!]\s+", re.IGNORECASE)
_HERE = re.compile(r"(?:^|[.!?\n]\s*|\b(?:it'?s|its|hey|hi|hello|yo)[,!]?\s+)(?P<name>[^\W\d_]+)\s+here\b", re.IGNORECASE)
# "- Imogen", "(Felix)", "Cheers, Tamsin 🌸": a name signing or labelling a message.
_SIGNATURE = re.compile(
    r"(?:(?:^|\s)[-–—~]\s?|\()(?P<name>[^\W\d_]+(?:[ \t][A-Z][^\W\d_]+)?)(?=\s*(?:[\"”)]|$|\n))",
    re.MULTILINE,
)
_RELATION_WORDS = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(W.RELATION_WORDS_PHRASES, key=len, reverse=True)
)
_RELATION = re.compile(
    r"\b(?:my|our|his|her|their|your|mi|mis|ma|mon|mes|mein|meine|meiner|meinen|meinem|mijn|mn|m'n|meri|mera|mere|"
    r"unser|unsere|unseren|unserem|unserer|seine|seinen|seinem|ihre|ihren|ihrem|onze|ons|zijn|notre|nos|sa|son|ses|"
    r"nuestra|nuestro|nuestras|nuestros|su|sus|nostra|nostro|nostri|nostre|nossa|nosso|nossas|nossos|"
    r"mia|mio|mie|miei|minha|meu|meus|minhas)\s+"
    rf"(?:(?:{'|'.join(map(re.escape, W.RELATION_ADJECTIVES))})[\s-]+){{0,2}}"
    rf"(?:{_RELATION_WORDS})"
    rf"(?:['’]s\s+(?:(?:{'|'.join(map(re.escape, W.RELATION_ADJECTIVES))})\s+)?(?:{_RELATION_WORDS}))?"
    rf"(?:\s+(?:is|was|named|called|heißt|s'appelle|se\s+llama|heet))?\s*[,:(]?\s*"
    rf"(?:(?:{'|'.join(W.HONORIFICS)})\.?\s+)?",
    re.IGNORECASE,
)
_RELATION_NO_POSSESSIVE = re.compile(r"(?:^|(?<=[\s,.!?]))(?:grandma|grandpa|granny|nana|auntie|aunty|uncle|cousin|oma|opa)\s+", re.IGNORECASE)
_HONORIFIC = re.compile(rf"\b(?:{'|'.join(re.escape(h) for h in W.HONORIFICS)})\.?\s+", re.IGNORECASE)
_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|on|since|until|till|by|last|next|this|early|late|mid|of|from|through|during|every|each)\s+|\d[ \t]?)\Z",
    re.IGNORECASE,
)
_NUMBER_BEFORE = re.compile(r"\d[ \t]?\Z")  # "5 min", "3 kim" is a count or a unit
_NUMBER_AFTER = re.compile(r"[ \t]?\d")
_SENTENCE_START = re.compile(r"(?:\A|[.!?:;\n]|[\"“(*])\s*\Z")
_GAP_IN_NAME = re.compile(r"[ \t]{1,2}")
# spaCy's Penn tags for words that are not names when typed in lowercase ("my mom keeps", "im done").
_NOT_NAME_TAGS = frozenset(
    "VB VBD VBG VBN VBP VBZ MD RB RBR RBS JJR JJS IN DT PRP PRP$ CC CD WDT WP WP$ WRB TO UH EX "
    "PDT RP NNS POS".split()
)
# spaCy labels whose spans are not people; ORG and NORP are not here because the small model
# often gives them to names ("Siobhán Ní Bhriain" ORG).
_PLACE_AND_THING_LABELS = frozenset("GPE LOC FAC EVENT WORK_OF_ART PRODUCT LANGUAGE DATE TIME LAW".split())
_US_STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY UK US USA".split()
)
# Words after which a capitalised word is a place or an institution, not a surname. Not
# "Park", "Hill", "Lane" or "Way": those are surnames too (Jenny Park, Lois Lane).
_PLACE_WORDS = frozenset(
    "street st road rd avenue ave boulevard blvd crescent terrace square city county state "
    "university college school hospital station airport mall center centre inc ltd llc corp "
    "company bank cafe café restaurant hotel straße strasse straat rue calle line centraal bridge "
    "tower tour day museum".split()
) | G.PLACE_HEAD_WORDS
_COORDINATION_BEFORE = re.compile(r"(?:,[ \t]?|[ \t](?:and|&|n|or|y|et|und|en|aur)[ \t])", re.IGNORECASE)
_COORDINATION_AFTER = re.compile(r"(?:,[ \t]?|[ \t](?:and|&|n|or|y|et|und|en|aur)[ \t])(?=[^\W\d_])", re.IGNORECASE)
_PRONOUN_AFTER = re.compile(r"(?:['’]s)?\s+\w+\s+(?:that\s+)?(?:he|she|him|her|his)\b", re.IGNORECASE)
_VERB_TAGS = frozenset("VBD VBZ VBP MD".split())
_DETERMINERS = frozenset("the a an my our your his her their this that these those".split())
_FUNCTION_WORD_TAGS = frozenset("IN DT CC TO PRP PRP$ CD WDT WP WP$ WRB EX POS PDT".split())
_NOT_A_NAME_AFTER_RELATION = frozenset(
    "will may might can must shall did does had has is was jeans jokes joke group groups city shower "
    "gloves bod vibes vibe energy appointment appointments training bag fight stuff things ones side "
    "job jobs friend friends life mode account visit call calls office visa bill bills".split()
)
@dataclass(frozen=True)
class NameSpan:
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def folded(self) -> str:
        return _plain(self.text)

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper() and not (self.text.isupper() and len(self.text) > 1)


@lru_cache(maxsize=1)
def known_names() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, last names), casefolded, from Faker's locale data; loaded once.

    Accented names are also stored without accents, so that "Siobhán" typed as "Siobhan" is
    found; ASCII words are looked up as they are, so "German" does not match "Germán".
    """
    first: set[str] = set()
    last: set[str] = set()
    for provider in _person_providers():
        # ja_JP's romanised lists: its plain lists are in kanji, useless for chat text.
        for attribute in ("first_names", "first_names_male", "first_names_female", "first_romanized_names"):
            first.update(_forms(_names_in(provider, attribute)))
        last.update(_forms(_names_in(provider, "last_names")))
        last.update(_forms(_names_in(provider, "last_romanized_names")))
    first.update(G.EXTRA_FIRST_NAMES)
    # Places typed like names ("travel to bali") are not first names; with evidence they still are.
    first -= W.PLACES
    # "tía", "lola", "nana" are also relation words: "mi tía Remedios" is one name, not two.
    first -= {w.casefold() for w in W.RELATION_WORDS}
    first -= {"~" + _plain(w) for w in W.RELATION_WORDS}
    never = W.NOT_NAME_WORDS | W.COMMON_CHAT_WORDS | STOP_WORDS
    return frozenset(first - never), frozenset(last - never)


def _person_providers():
    import faker.providers.person as person

    locales = (
        [m.name for m in pkgutil.iter_modules(person.__path__)] if W.NAME_LOCALES == "all" else W.NAME_LOCALES
    )
    for locale in locales:
        yield importlib.import_module(f"faker.providers.person.{locale}").Provider


def _names_in(provider, attribute: str):
    names = getattr(provider, attribute, ())
    # Some locales weight their names (a dict name -> frequency); a few define properties.
    return names if isinstance(names, (list, tuple, set, frozenset, dict)) else ()


def _forms(names) -> set[str]:
    forms = set()
    for name in names:
        if " " in name:
            continue
        forms.add(name.casefold())
        if not name.isascii():
            forms.add("~" + _plain(name))
    return forms


@lru_cache(maxsize=2)
def common_words(foreign: bool = True) -> frozenset[str]:
    """Everyday words that are never names when typed in lowercase. With `foreign`, the stop
    words of the other languages people write to assistants in ("ik ben femke", "15 de abril");
    without, for English text, where "mia" and "ben" are names, not pronouns."""
    lorem = importlib.import_module("faker.providers.lorem.en_US").Provider.word_list
    words = set(lorem) | W.NOT_NAME_WORDS | W.COMMON_CHAT_WORDS | W.COMMON_WORD_NAMES | STOP_WORDS
    if foreign:
        for language in W.OTHER_STOP_WORD_LANGUAGES:
            words |= stop_words(language)
    return frozenset(words | W.MONTHS_AND_DAYS)


@lru_cache(maxsize=None)
def stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words for `language`, read from its stop_words.py alone. Importing
    `spacy.lang.fr.stop_words` runs the whole `spacy.lang.fr` package first (its tokenizer
    exceptions cost ~3 s at startup); the word list itself is a plain module without imports."""
    spec = importlib.util.find_spec("spacy")
    path = Path(spec.origin).parent / "lang" / language / "stop_words.py"
    namespace: dict = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return frozenset(namespace["STOP_WORDS"])


def _in_names(word: str, names: frozenset[str]) -> bool:
    folded = word.casefold()
    if folded in names:
        return True
    if not word.isascii() and (_plain(word) in names or "~" + _plain(word) in names):
        return True  # "Siobhán" typed with or without its accent
    if "-" in word:  # "Jean-Baptiste", "al-Farsi": a known first part
        parts = [p for p in word.split("-") if p]
        return len(parts) > 1 and _in_names(parts[0], names) and parts[0].casefold() not in W.NAME_PARTICLES
    return False


def _plain(word: str) -> str:
    """Casefolded without accents."""
    if word.isascii():
        return word.casefold()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def doc_evidence(doc) -> tuple[dict[int, str], list[tuple[int, int]], list[tuple[int, int]]]:
    """What spaCy's parse adds to the rules: part-of-speech tags by token offset, and the spans
    of places, things and organisations — a first name inside them is not a person ("San
    Francisco", "Florence Nightingale Hospital")."""
    tags = {t.idx: t.tag_ for t in doc}
    others = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _PLACE_AND_THING_LABELS]
    orgs = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("ORG", "NORP")]
    return tags, others, orgs


class ChatPersonRecognizer(EntityRecognizer):
    """PERSON: spaCy's entities checked and grown, plus cue, relation and honorific names."""

    SCORE_STRONG_CUE = 0.85
    SCORE_RELATION = 0.8
    SCORE_HONORIFIC = 0.85
    SCORE_WEAK_CUE = 0.75
    SCORE_KNOWN_FULL_NAME = 0.75
    SCORE_KNOWN_FIRST_NAME = 0.6
    SCORE_LOWERCASE_KNOWN_NAME = 0.6
    SCORE_TAGGED_NAME = 0.55
    SCORE_UNKNOWN_SINGLE_WORD = 0.45

    def __init__(self, supported_language: str = "en", supported_entity: str = "PERSON"):
        super().__init__(
            supported_entities=[supported_entity],
            supported_language=supported_language,
            name="ChatPersonRecognizer",
            context=[],
        )

    def load(self) -> None:
        known_names()

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        entity = self.supported_entities[0]
        if entities and entity not in entities:
            return []
        ner: list[NameSpan] = []
        others: list[tuple[int, int]] = []
        orgs: list[tuple[int, int]] = []
        tags: dict[int, str] = {}
        if nlp_artifacts is not None:
            for ent, score in zip(nlp_artifacts.entities, nlp_artifacts.scores or []):
                if ent.label_ in ("PERSON", "PER"):
                    ner.append(NameSpan(ent.start_char, ent.end_char, float(score)))
            doc = nlp_artifacts.tokens
            if doc is not None:
                tags, others, orgs = doc_evidence(doc)
        return [
            result_of(self, entity, span)
            for span in find_names(text, ner, tags=tags, other_entities=others, orgs=orgs)
        ]


def find_names(
    text: str,
    ner_spans: list[NameSpan] | tuple[NameSpan, ...] = (),
    tags: dict[int, str] | None = None,
    other_entities: list[tuple[int, int]] | tuple[tuple[int, int], ...] = (),
    orgs: list[tuple[int, int]] | tuple[tuple[int, int], ...] = (),
    _shouted: bool = True,
) -> list[NameSpan]:
    """Person names in `text`. `ner_spans` are spaCy's PERSON entities (checked here), `tags`
    spaCy's tag per token start, `other_entities` its non-person entities; all optional."""
    tokens = [_Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    if not tokens:
        return []
    shouted = _lower_shouting(text, tokens) if _shouted else None
    if shouted is not None:
        # spaCy reads words in capitals as acronyms and organisations ("MY BROTHER PRAKASH IS
        # STUCK"); the copy with shouted stretches lowercased goes through the same cues and
        # name lists (same offsets), and its names are added to those of the text as typed.
        return _merge(text, find_names(shouted) + find_names(text, ner_spans, tags, other_entities, orgs, _shouted=False))
    ctx = _Context(text, tokens, {t.start: i for i, t in enumerate(tokens)}, tags or {}, _mostly_foreign(tokens))
    S = ChatPersonRecognizer
    spans: list[NameSpan] = []
    for m in _STRONG_CUE.finditer(text):
        spans += ctx.grow_at(m.end(), lowercase="any", score=S.SCORE_STRONG_CUE, evidence=True)
    for pattern in (_RELATION, _RELATION_NO_POSSESSIVE):
        for m in pattern.finditer(text):
            i = ctx.token_at(m.end())
            if i is not None and not tokens[i].capitalised and tokens[i].folded in _NOT_A_NAME_AFTER_RELATION:
                if not (tokens[i].folded in W.COMMON_WORD_NAMES and ctx.verb_follows(i)):
                    continue  # "my friend will help", "my mom jeans", "my doctor appointment"
            # Without spaCy's tags "my mom keeps calling" cannot be told from "my mom sunita".
            spans += ctx.grow_at(m.end(), lowercase="any" if tags else "known", score=S.SCORE_RELATION, evidence=True)
    for m in _HONORIFIC.finditer(text):
        spans += ctx.grow_at(m.end(), lowercase="any" if tags else "known", score=S.SCORE_HONORIFIC, evidence=True)
    for m in _INTRO_CUE.finditer(text):
        i = ctx.token_at(m.end())
        if i is not None and ctx.is_known_first_name(i):
            spans += ctx.grow_at(m.end(), lowercase="known", score=S.SCORE_WEAK_CUE)
        elif i is not None and tags and (not tokens[i].capitalised or ctx.tags.get(tokens[i].start) == "NNP"):
            # "this is dre", "I'm Thandiwe": an unknown word spaCy takes for a noun
            spans += ctx.grow_at(m.end(), lowercase="strict", score=S.SCORE_WEAK_CUE)
    for m in _SIGN_OFF_CUE.finditer(text):
        i = ctx.token_at(m.end())
        if i is not None and tokens[i].capitalised and ctx.could_be_name(i) and ctx.tag_allows_name(i, strict=True):
            spans += ctx.grow(i, lowercase="none", score=S.SCORE_WEAK_CUE)
    for m in _WEAK_CUE.finditer(text):
        i = ctx.token_at(m.end())
        if i is not None and ctx.is_known_first_name(i):
            spans += ctx.grow_at(m.end(), lowercase="known", score=S.SCORE_WEAK_CUE)
    for pattern in (_HERE, _SIGNATURE):
        for m in pattern.finditer(text):
            i = ctx.by_start.get(m.start("name"))
            if i is not None and (ctx.is_known_first_name(i) or tokens[i].capitalised and ctx.could_be_name(i)):
                spans += ctx.grow(i, lowercase="known", score=S.SCORE_WEAK_CUE)
    spans += ctx.evidence_spans(tags)
    spans += ctx.known_name_spans(other_entities)
    if tags:
        spans += ctx.tagged_name_spans(list(other_entities), list(orgs))
    for span in ner_spans:
        checked = ctx.check_ner_span(span)
        if checked:
            spans.append(checked)
    spans = _merge(text, [s for s in (ctx.finish(s) for s in spans) if s is not None])
    # Lists run on from each found name: "Guests: Sunita, Harpreet, Deepak Malhotra".
    for _ in range(4):
        coordinated = [c for span in spans for c in ctx.coordinated_with(span)]
        grown = _merge(text, spans + [s for s in (ctx.finish(c) for c in coordinated) if s is not None])
        if grown == spans:
            break
        spans = grown
    spans = _merge(text, [ctx.with_nickname_and_surname(s) for s in spans])
    if "\n" in text:
        spans = [s for s in spans if not E.in_table_header(text, s.start)]
    for m in _WHO_WAS.finditer(text):
        if _FIRST_PERSON.search(m.group()):
            continue  # "who was the guy my sister Priya dated": the writer's own people
        spans = [s for s in spans if not (m.start() <= s.start and s.end <= m.end())]
    personas = E.persona_regions(text)
    if personas:
        spans = [s for s in spans if not any(a <= s.start and s.end <= b for a, b in personas)]
    return _every_occurrence(ctx, spans)


_TITLES_BEFORE_A_NAME = frozenset(W.HONORIFICS) | {"rev", "revd", "fr", "pastor", "father", "sister", "brother", "imam", "rabbi"}
# Between a public figure's words: a space, or a title's full stop ("Mrs. Meyer's").
_TITLE_GAP = re.compile(r"\.?[ \t]{1,2}")


def _lower_shouting(text: str, tokens: list[_Token]) -> str | None:
    """`text` with every run of three or more words in capitals lowercased ("HAPPY BIRTHDAY
    TOMASZ!!!"), or None when there is no such run or lowercasing would move offsets."""
    runs, run = [], []
    for t in tokens:
        if t.text.isupper() and len(t.text) >= 2:
            run.append(t)
            continue
        if len(run) >= 3:
            runs.append(run)
        run = []
    if len(run) >= 3:
        runs.append(run)
    if not runs:
        return None
    chars = list(text)
    for r in runs:
        lowered = text[r[0].start : r[-1].end].lower()
        if len(lowered) != r[-1].end - r[0].start:
            return None
        chars[r[0].start : r[-1].end] = lowered
    return "".join(chars)


def _every_occurrence(ctx: "_Context", spans: list[NameSpan]) -> list[NameSpan]:
    """A name found once is a name wherever it recurs in the message: "Ashworth — that's my
    son's teacher, Mr. Ashworth". Only words that are not everyday words are carried over."""
    text = ctx.text
    words = {
        t.text
        for span in spans
        for t in ctx.tokens
        if span.start <= t.start and t.end <= span.end and len(t.text) >= 3
        and t.folded not in common_words(ctx.foreign) and t.folded not in W.NAME_PARTICLES
    }
    extra = []
    for word in words:
        for m in re.finditer(rf"(?<![\w@.]){re.escape(word)}(?![\w@])", text, re.IGNORECASE):
            if not any(s.start <= m.start() < s.end for s in spans):
                checked = ctx.finish(NameSpan(m.start(), m.end(), ChatPersonRecognizer.SCORE_KNOWN_FIRST_NAME))
                if checked:
                    extra.append(checked)
    return _merge(text, spans + extra) if extra else spans


@dataclass(frozen=True)
class _Context:
    text: str
    tokens: list[_Token]
    by_start: dict[int, int]
    tags: dict[int, str]
    # spaCy's English model takes capitalised German nouns and Dutch or Spanish words at a
    # sentence start for names ("Meine Kreditkarte", "Stuur de pakketjes"); in such text its
    # names count only when they contain a known name.
    foreign: bool = False

    def evidence_spans(self, tags) -> list[NameSpan]:
        """Names where the layout or phrasing says one starts (see person_name_evidence)."""
        S = ChatPersonRecognizer
        tokens = self.tokens
        spans = []
        for place in E.name_starts(self.text):
            i = self.token_at(place.start)
            if i is None:
                continue
            while i + 1 < len(tokens) and tokens[i].folded in _TITLES_BEFORE_A_NAME:
                i += 1  # "the pastor Rev. Okechukwu", "our vet Dr Mensah"
            token = tokens[i]
            if place.how == E.RELATION:
                if not token.capitalised and token.folded in _NOT_A_NAME_AFTER_RELATION - W.COMMON_WORD_NAMES:
                    continue
                spans += self.grow(i, "any" if tags else "known", S.SCORE_RELATION, evidence=True)
            elif place.how == E.CAPITALISED and not token.capitalised:
                # the same cue typed in lowercase (or shouted): only listed names
                if self.is_known_first_name(i) and token.folded not in common_words(self.foreign):
                    spans += self.grow(i, "known", S.SCORE_WEAK_CUE, evidence=True)
            elif place.how == E.CAPITALISED:
                bare = token.folded.removesuffix("'s").removesuffix("’s")
                if bare in W.NOT_NAME_WORDS or bare in W.MONTHS_AND_DAYS:
                    continue  # "tag Friday's post"
                if token.capitalised and self.could_be_name(i) and (
                    self.is_known_first_name(i, ambiguous_ok=True) or token.folded not in common_words(self.foreign)
                ):
                    spans += self.grow(i, "none", S.SCORE_WEAK_CUE)
            elif place.how == E.FIRST:
                if self.is_known_first_name(i) and token.folded not in common_words(self.foreign) and token.folded not in W.PLACES:
                    spans += self.grow(i, "known", S.SCORE_WEAK_CUE, evidence=True)
            elif place.how == E.LISTED:
                folded = token.folded
                if (
                    len(token.text) >= 2
                    and token.text.isalpha()
                    and folded not in STOP_WORDS
                    and folded not in W.NOT_NAME_WORDS
                    and folded not in W.RELATION_WORDS
                    and (folded not in common_words(self.foreign) or self.is_known_first_name(i))
                ):
                    spans.append(NameSpan(token.start, token.end, S.SCORE_WEAK_CUE))  # the word alone
            elif place.how == E.INTRO:
                first, last = known_names()
                nxt = i + 1
                if (
                    token.folded not in common_words(self.foreign)
                    and (_in_names(token.text, first) or _in_names(token.text, last))
                    and nxt < len(tokens)
                    and _GAP_IN_NAME.fullmatch(self.text, token.end, tokens[nxt].start)
                    and (_in_names(tokens[nxt].text, first) or _in_names(tokens[nxt].text, last))
                ):
                    spans += self.grow(i, "known", S.SCORE_WEAK_CUE, evidence=True)
            elif (
                token.folded not in STOP_WORDS
                and token.folded not in W.NOT_NAME_WORDS
                and token.folded not in W.NAME_PARTICLES  # "le prof de maths"
                and (len(token.text) >= 3 or token.capitalised)
            ):
                first, last = known_names()
                if _in_names(token.text, first) or _in_names(token.text, last):
                    if token.folded in common_words(self.foreign):
                        if place.how == E.KNOWN:
                            spans.append(NameSpan(token.start, token.end, S.SCORE_WEAK_CUE))  # "jordan: we said 7"
                    else:
                        spans += self.grow(i, "known", S.SCORE_WEAK_CUE, evidence=True)
        for whole in E.whole_names(self.text):
            words = self.text[whole.start : whole.end].split()
            if any(w.casefold() not in common_words(self.foreign) or w.casefold() in W.COMMON_WORD_NAMES for w in words):
                spans.append(NameSpan(whole.start, whole.end, S.SCORE_STRONG_CUE))
        spans += self._bare_handles()
        # "@hannah_wexford": a handle made of a first name and another name names that person.
        for m in _NAME_HANDLE.finditer(self.text):
            first = m.group("first").casefold()
            if first in known_names()[0] and first not in W.COMMON_WORD_NAMES and first not in common_words(self.foreign):
                spans.append(NameSpan(m.start(), m.end("handle"), S.SCORE_WEAK_CUE))  # with the "@"
        return spans

    def with_nickname_and_surname(self, span: NameSpan) -> NameSpan:
        """A found first name with what completes it: a nickname in quotes or brackets and the
        surname after it ('Cornelius "Neil" Ashdown'), or, typed in lowercase, an unlisted
        surname after a listed first name ("priya mcandrew")."""
        m = _NICKNAME_THEN_SURNAME.match(self.text, span.end)
        if m and m.group("surname").casefold() not in common_words(self.foreign):
            return NameSpan(span.start, m.end(), span.score)
        i = self.by_start.get(span.start)
        if i is None or i + 1 >= len(self.tokens) or self.tokens[i].end != span.end:
            return span
        token, nxt = self.tokens[i], self.tokens[i + 1]
        if (
            not token.capitalised
            and self.tags
            and self.is_known_first_name(i)
            and self.text[token.end : nxt.start] == " "
            and nxt.text.isalpha()
            and nxt.text.islower()
            and len(nxt.text) >= 4
            and nxt.folded not in common_words(self.foreign)
            and nxt.folded not in _FOREIGN_STOP_WORDS
            and nxt.folded not in W.RELATION_WORDS
            and self.tags.get(nxt.start) not in _NOT_NAME_TAGS
        ):
            return NameSpan(span.start, nxt.end, span.score)
        return span

    def _bare_handles(self) -> list[NameSpan]:
        """Usernames typed without an "@" that contain a listed first name."""
        first = known_names()[0]
        cw = common_words(self.foreign)

        def given(word: str) -> bool:
            word = word.casefold()
            return len(word) >= 4 and word in first and word not in cw and word not in W.COMMON_WORD_NAMES

        found = []
        for m in _BARE_HANDLE.finditer(self.text):
            handle = m.group("handle")
            if m.group("first"):
                ok = given(m.group("first")) and m.group("last") not in _NOT_A_SURNAME_PART and m.group("last") not in cw
            elif m.group("letters"):
                # "tobyharwood91": a first name, a listed surname, then digits
                letters, surnames = m.group("letters"), known_names()[1]
                ok = letters not in cw and any(
                    given(letters[:k])
                    and letters[k:] not in cw
                    and (letters[k:] in surnames or len(letters) - k >= 5 and _HANDLE_CUE.search(self.text, 0, m.start()))
                    for k in range(4, len(letters) - 2)
                )
            else:
                parts = _CAMEL_PART.findall(handle)
                ok = (
                    len(parts) >= 2
                    and parts[0].casefold() not in W.NAME_PARTICLES | {"mc", "mac"}  # "McDonald", "DeShawn"
                    and any(given(p) for p in parts)
                    and not all(p.casefold() in first for p in parts)
                )
            if ok:
                found.append(NameSpan(m.start("handle"), m.end("handle"), ChatPersonRecognizer.SCORE_WEAK_CUE))
        return found

    def verb_follows(self, i: int) -> bool:
        """The next word is a finite verb in the past or third person ("bill split", "rose gave")."""
        if i + 1 >= len(self.tokens) or not _GAP_IN_NAME.fullmatch(self.text, self.tokens[i].end, self.tokens[i + 1].start):
            return False
        return self.tags.get(self.tokens[i + 1].start) in ("VBD", "VBZ")

    def token_at(self, pos: int) -> int | None:
        text = self.text
        while pos < len(text) and text[pos] in " \t\"'“‘(":
            pos += 1
        return self.by_start.get(pos)

    def tag_allows_name(self, i: int, strict: bool = False, evidence: bool = False) -> bool:
        # spaCy tags unknown lowercase words JJ as often as NN ("my name is priya"), so JJ
        # counts against a name only after a weak cue ("im canadian").
        tag = self.tags.get(self.tokens[i].start)
        if tag is None:
            return True
        if evidence:  # after "my grandma" only verbs and function words rule a name out
            return tag[:2] not in ("VB", "MD") and tag not in _FUNCTION_WORD_TAGS
        return tag in ("NN", "NNP", "NNPS", "FW", "XX") if strict else tag not in _NOT_NAME_TAGS

    def is_known_first_name(self, i: int, ambiguous_ok: bool = False) -> bool:
        token = self.tokens[i]
        if not _in_names(token.text, known_names()[0]):
            return False
        return ambiguous_ok or token.folded not in W.COMMON_WORD_NAMES

    def could_be_name(self, i: int, lowercase: str = "none", evidence: bool = False) -> bool:
        token = self.tokens[i]
        folded = token.folded
        if folded in W.NOT_NAME_WORDS or len(folded) < 2:
            return False
        if token.capitalised:
            if evidence and folded in W.COMMON_WORD_NAMES:
                return True  # "my friend Will"
            if folded in STOP_WORDS or folded in W.COMMON_CHAT_WORDS and not _in_names(token.text, known_names()[0]):
                return False
            return True
        if lowercase in ("any", "strict"):
            if folded in W.COMMON_WORD_NAMES:
                # "my neighbour rose gave me", "my friend bill split": the tagger calls the name a
                # verb or a noun, but a verb right after it says it is the subject.
                return evidence and (self.tag_allows_name(i) or self.verb_follows(i))
            return folded not in common_words(self.foreign) and self.tag_allows_name(i, lowercase == "strict", evidence)
        if "-" in folded and folded.split("-")[0] in ("al", "el", "bin", "ibn", "abu", "abd", "ben") and evidence:
            return True  # "mohammed al-farsi"
        if lowercase == "known":
            first, last = known_names()
            return (_in_names(token.text, first) or _in_names(token.text, last)) and folded not in common_words(self.foreign)
        return False

    def grow_at(self, pos: int, lowercase: str, score: float, evidence: bool = False) -> list[NameSpan]:
        i = self.token_at(pos)
        return [] if i is None else self.grow(i, lowercase, score, evidence)

    def grow(self, i: int, lowercase: str, score: float, evidence: bool = False) -> list[NameSpan]:
        """The name that starts at token i: it and the name tokens right after it, up to five."""
        tokens, text = self.tokens, self.text
        first = tokens[i]
        if not self.could_be_name(i, lowercase, evidence):
            return []
        if first.folded in W.NAME_PARTICLES and not first.capitalised:
            return []
        end = prev_end = first.end
        if text[end - 2 : end] in ("'s", "’s"):
            return [NameSpan(first.start, end, score)]  # "Kwabena's flight"
        # After "my name is", a second lowercase word is a surname unless it is a common word;
        # a capitalised name continues only with capitalised words.
        following = "none" if first.capitalised else ("any" if lowercase == "any" and self.tags else "known")
        j, taken = i + 1, 1
        while j < len(tokens) and taken < 5:
            token = tokens[j]
            if token.start - prev_end > 2 or not _GAP_IN_NAME.fullmatch(text, prev_end, token.start):
                break
            if token.folded in _PLACE_WORDS or token.text in _US_STATE_CODES:
                break
            if token.folded in W.NAME_PARTICLES and self._name_after_particles(j, following):
                prev_end = token.end
                j += 1
                taken += 1
                continue  # "van der Berg", "bin Salman", "Ní Bhriain": kept if a name follows
            if token.capitalised:
                if not self.could_be_name(j):
                    break
            elif following == "none" or not self.could_be_name(j, "known" if following == "known" else "any", evidence):
                break
            end = prev_end = token.end
            j += 1
            taken += 1
            if text[end - 2 : end] in ("'s", "’s"):
                break  # "Taylor Swift's Eras Tour": a possessive ends the name
        return [NameSpan(first.start, end, score)]

    def _used_as_a_word(self, i: int, start: int, end: int) -> bool:
        """A single name used as a common noun or an adjective, not to refer to someone."""
        tokens = self.tokens
        if tokens[i].end != end:
            return False
        if i > 0 and tokens[i - 1].folded in ("a", "an") and tokens[i - 1].end + 1 == start:
            return True
        after = self._tag_after(tokens[i])
        return (
            after == "NNS"
            and i + 1 < len(tokens)
            and tokens[i + 1].text.islower()
            and tokens[i + 1].folded not in W.NOT_NAME_WORDS  # "tell Sarah thanks"
            and tokens[i + 1].folded not in E.VERBS_TAGGED_AS_PLURALS  # "dimitra lives at"
        )

    def _part_of_public_figure(self, start: int, end: int) -> bool:
        """The name, or the name with the capitalised word before or after it, is a public
        figure's ("Marie Antoinette" when only "Antoinette" was found)."""
        text = self.text
        if _is_public_figure(text[start:end]):
            return True
        i, j = self.by_start.get(start), None
        for k, t in enumerate(self.tokens):
            if t.end == end:
                j = k
        # Neighbours in any case: "elton john", "jack daniel's" are typed in lowercase too.
        if i is not None and i > 0 and _TITLE_GAP.fullmatch(text, self.tokens[i - 1].end, start):
            if _is_public_figure(text[self.tokens[i - 1].start : end]):
                return True
        if j is not None and j + 1 < len(self.tokens) and _TITLE_GAP.fullmatch(text, end, self.tokens[j + 1].start):
            if _is_public_figure(text[start : self.tokens[j + 1].end]):
                return True
        return False

    def coordinated_with(self, span: NameSpan) -> list[NameSpan]:
        """Names listed with a found one: "Anil, Bettina and Chidi", "jaylen and marisol"."""
        found = []
        i = self.by_start.get(span.start)
        for k in (i - 1, i - 2) if i is not None else ():
            # the word before ", Bettina" or before "and marisol"
            if k >= 0 and _COORDINATION_BEFORE.fullmatch(self.text, self.tokens[k].end, span.start):
                if self._coordinated_name(k) and not self._noun_phrase_head(k):
                    found.append(NameSpan(self.tokens[k].start, self.tokens[k].end, span.score - 0.1))
                break
        m = _COORDINATION_AFTER.match(self.text, span.end)
        j = self.by_start.get(m.end()) if m else None
        if j is not None and self._coordinated_name(j):
            found += self.grow(j, "any" if self.tags else "known", span.score - 0.1, evidence=True)
        return found

    def _noun_phrase_head(self, k: int) -> bool:
        """The word is a role ("plumber", "babysitter") or follows an article or possessive: in
        "the plumber, Ezekiel" the comma sets a name beside a role, it does not list two people."""
        folded = self.tokens[k].folded
        if folded in W.SERVICE_ROLES or folded in W.RELATION_WORDS:
            return True
        return k > 0 and self.tokens[k - 1].folded in _DETERMINERS and _GAP_IN_NAME.fullmatch(
            self.text, self.tokens[k - 1].end, self.tokens[k].start
        ) is not None

    def _coordinated_name(self, i: int) -> bool:
        token = self.tokens[i]
        if token.text.isupper():
            return False  # "O'Brien, DOB 02/09/1986"
        if token.capitalised:
            first, last = known_names()
            known = _in_names(token.text, first) or _in_names(token.text, last)
            # Only known names: after "Dr. Rajesh Iyer, " comes "Consultant Cardiologist".
            return (
                self.could_be_name(i)
                and known
                and token.folded not in common_words(self.foreign)
                and token.folded not in W.COMMON_WORD_NAMES
            )
        if self.is_known_first_name(i) and token.folded not in common_words(self.foreign):
            return True
        # spaCy's English tagger calls most words of other languages NNP: "Alejandro y quiero"
        return not self.foreign and self.tags.get(token.start) == "NNP" and len(token.text) >= 3 and self._unusual_word(token)

    def _unusual_word(self, token: _Token) -> bool:
        folded = token.folded
        return (
            folded not in common_words(self.foreign)
            and folded not in W.PRODUCT_WORDS
            and folded not in W.PLACES
            and folded not in W.HONORIFICS
            and folded not in W.RELATION_WORDS
            and token.text.removesuffix("'s").removesuffix("’s").isalpha()
        )

    def tagged_name_spans(self, other_entities, orgs=()) -> list[NameSpan]:
        """Capitalised words spaCy's tagger calls proper nouns, where its NER found nothing,
        before a verb or a possessive ("Priyanka said", "Kwabena's flight"). Lowercase words it
        tags NNP are not used: in chat that is as often Hindi, Dutch or slang as a name."""
        spans = []
        tokens, text = self.tokens, self.text
        if self.foreign:
            return spans  # German nouns are capitalised: "mein Vermieter will"
        for i, token in enumerate(tokens):
            if self.tags.get(token.start) != "NNP" or len(token.text) < 3 or not self._unusual_word(token):
                continue
            if i > 0 and tokens[i - 1].capitalised and _GAP_IN_NAME.fullmatch(text, tokens[i - 1].end, token.start):
                continue  # the end of a longer proper noun ("Grace Hopper") was judged with it
            if any(s <= token.start < e for s, e in other_entities):
                continue
            # spaCy calls unfamiliar names organisations too ("Priyanka said she'd drive"):
            # then a he/she right after must say it is a person, not a brand.
            if any(s <= token.start < e for s, e in orgs) and not _PRONOUN_AFTER.match(self.text, token.end):
                continue
            if token.capitalised and not token.text.isupper():
                after = "POS" if token.text[-2:] in ("'s", "’s") else self._tag_after(token)
                if after == "POS" and i + 1 < len(tokens) and tokens[i + 1].capitalised:
                    continue  # "the Philosopher's Stone", "Regent's Park": a title or a place
                if after in _VERB_TAGS or after == "POS":
                    if after == "POS" or not _SENTENCE_START.search(text, 0, token.start):
                        spans += self.grow(i, "none", ChatPersonRecognizer.SCORE_TAGGED_NAME)
        return spans

    def _tag_after(self, token: _Token) -> str | None:
        pos = token.end
        while pos < len(self.text) and self.text[pos] == " ":
            pos += 1
        return self.tags.get(pos)

    def _inside_title_case_phrase(self, i: int) -> bool:
        """"Project Hail Mary", "Mary Celeste Street": a lone first name among capitalised words
        that are not names is part of a title, not a person."""
        tokens, text = self.tokens, self.text
        prev = tokens[i - 1] if i > 0 else None
        if prev is None or not prev.capitalised or not _GAP_IN_NAME.fullmatch(text, prev.end, tokens[i].start):
            return False
        if _SENTENCE_START.search(text, 0, prev.start):
            return prev.folded not in W.NOT_NAME_WORDS and prev.folded not in STOP_WORDS and not _in_names(prev.text, known_names()[0])
        return not _in_names(prev.text, known_names()[0])

    def _name_after_particles(self, j: int, following: str) -> bool:
        """Whether the particles from token j on ("van der") are followed by a name ("Berg")."""
        tokens = self.tokens
        k = j
        while k < len(tokens) and k - j < 3 and tokens[k].folded in W.NAME_PARTICLES:
            k += 1
        return k < len(tokens) and k > j and (tokens[k].capitalised or following != "none")

    def known_name_spans(self, other_entities) -> list[NameSpan]:
        """Known first names: capitalised with a surname ("Oluwaseun Adeyemi") or alone, and
        lowercase anywhere ("ok so jaden asked me out") unless the word is an everyday one."""
        spans = []
        S = ChatPersonRecognizer
        for i, token in enumerate(self.tokens):
            if not self.is_known_first_name(i):
                continue
            in_place = any(s <= token.start < e for s, e in other_entities) or token.folded in W.PLACES
            if token.capitalised:
                grown = self.grow(i, lowercase="none", score=S.SCORE_KNOWN_FULL_NAME)
                if grown and grown[0].end > token.end:
                    spans += grown
                elif grown and not in_place and not self._inside_title_case_phrase(i):
                    spans.append(NameSpan(token.start, token.end, S.SCORE_KNOWN_FIRST_NAME))
            elif (
                not in_place
                and token.text.islower()
                and len(token.text) >= 3
                and token.folded not in common_words(self.foreign)
                and not _NUMBER_BEFORE.search(self.text, max(0, token.start - 4), token.start)
            ):
                if self.tags.get(token.start, "NN")[:2] not in ("VB", "MD", "RB", "IN"):
                    spans.append(NameSpan(token.start, token.end, S.SCORE_LOWERCASE_KNOWN_NAME))
        return spans

    def check_ner_span(self, span: NameSpan) -> NameSpan | None:
        text, tokens = self.text, self.tokens
        raw = text[span.start : span.end]
        if any(c.isdigit() or c in "@#/\\_" for c in raw):
            return None  # "Austin TX 78701", "Batch L230914", "CoffeeHouse_Guest"
        # A name ends at a line break: "Yusuf Demir\nShip to: ..." is a name and a label.
        stop = _NAME_STOP.search(raw)
        end_limit = span.start + stop.start() if stop else span.end
        inside = [t for t in tokens if span.start <= t.start and t.end <= end_limit]
        # "Hey Jake", "Mrs. Okafor", "Lol": greetings and titles are not part of the name.
        while inside and (inside[0].folded in W.NOT_NAME_WORDS or inside[0].folded in W.HONORIFICS):
            inside.pop(0)
        while inside and (inside[-1].folded in W.NOT_NAME_WORDS or inside[-1].text in _US_STATE_CODES):
            inside.pop()
        # "Explain Einstein's", "Summarize Harry Potter", "Llego el": sentence-initial words
        # spaCy swept in; an imperative verb is tagged VB.
        while len(inside) > 1 and (
            inside[0].folded in common_words() and not _in_names(inside[0].text, known_names()[0])
            or self.tags.get(inside[0].start, "")[:2] in ("VB", "IN", "DT", "UH")
        ):
            inside.pop(0)
        for k, token in enumerate(inside):
            if text[token.end - 2 : token.end] in ("'s", "’s") and k < len(inside) - 1:
                inside = inside[: k + 1]  # "Taylor Swift's Eras Tour"
                break
        if inside and inside[0].folded in W.STORY_TITLES and inside[0].capitalised:
            return None  # "Lady Rowena", "Captain Vex": role-play characters
        if not inside or all(
            t.folded in common_words() and t.folded not in W.COMMON_WORD_NAMES and not _in_names(t.text, known_names()[0])
            for t in inside
        ):
            return None
        after = self.by_start.get(inside[-1].start, 0) + 1
        if any(t.folded in _PLACE_WORDS for t in inside) or (
            after < len(tokens) and tokens[after].folded in _PLACE_WORDS and tokens[after].start - inside[-1].end <= 1
        ):
            return None  # "Baker Street", "Jubilee line", "Utrecht Centraal"
        if len(inside) == 1 and (_PLACE_SUFFIX.search(inside[0].folded) or inside[0].folded in W.PLACES):
            return None  # "Hauptbahnhof", "Marktplatz"
        if text[inside[-1].end : inside[-1].end + 3].startswith(" ") and text[inside[-1].end + 1 : inside[-1].end + 3] in _US_STATE_CODES:
            return None  # "Austin TX"
        first_names, last_names = known_names()
        known = [_in_names(t.text, first_names) or _in_names(t.text, last_names) for t in inside]
        if all(not t.capitalised for t in inside):
            if not all(known) or len(inside) == 1 and (not _in_names(inside[0].text, first_names) or "-" in inside[0].text):
                return None  # "appointment", "kar": lowercase words spaCy took for names
        if self.foreign and not any(known):
            return None
        if len(inside) == 1 and not known[0] and _SENTENCE_START.search(text, 0, inside[0].start):
            return None  # "Server IP is...", "Bizum no funciona": a capitalised first word
        if len(inside) == 1:
            only = inside[0]
            before = text[max(0, only.start - 20) : only.start]
            if only.folded in W.COMMON_WORD_NAMES and (_SENTENCE_START.search(before) or _MONTH_CONTEXT.search(before)):
                return None  # "Will you...", "Summer is...", "in April"
            if only.folded in _MONTHS and (_MONTH_CONTEXT.search(before) or _NUMBER_AFTER.match(text, only.end)):
                return None  # "until 5 Jan", "Jan 5"
            if only.text.isupper() and len(only.text) <= 4:
                return None  # "LOL", "OMG", "TBH"
        start, end = inside[0].start, inside[-1].end
        # Grow over name tokens spaCy cut off: "Nguyễn" before "Thị Lan".
        first, last = known_names()
        i = self.by_start.get(start)
        while i is not None and i > 0:
            prev = tokens[i - 1]
            if not (
                prev.capitalised
                and (_in_names(prev.text, first) or _in_names(prev.text, last) or prev.folded in W.COMMON_WORD_NAMES)
            ):
                break
            if prev.folded in W.NOT_NAME_WORDS or start - prev.end > 2 or not _GAP_IN_NAME.fullmatch(text, prev.end, start):
                break
            start = prev.start
            i -= 1
        # ... and after: a known surname spaCy left out, not any capitalised word ("Eras Tour").
        j = self.by_start[inside[-1].start] + 1
        while j < len(tokens) and j - self.by_start[inside[-1].start] <= 2:
            nxt = tokens[j]
            if not (nxt.capitalised and _in_names(nxt.text, last)) or nxt.start - end > 1 or text[end : nxt.start] != " ":
                break
            if text[inside[-1].end - 2 : inside[-1].end] in ("'s", "’s"):
                break
            end = nxt.end
            j += 1
        if len(inside) == 1 and not known[0] and start == inside[0].start and end == inside[0].end:
            # One word spaCy calls a person, in no name list and with no cue: as often a
            # character, a brand or a place ("Darcy", "Churchgate") as an unusual name. Below
            # the default threshold; a cue or relation found by the rules above still counts.
            return NameSpan(start, end, ChatPersonRecognizer.SCORE_UNKNOWN_SINGLE_WORD)
        return NameSpan(start, end, span.score)

    def finish(self, span: NameSpan) -> NameSpan | None:
        """Checks every name passes, whoever found it."""
        text = self.text
        start, end = span.start, span.end
        if text[end - 2 : end] in ("'s", "’s"):
            end -= 2  # "Einstein's theory": the possessive is not part of the name
            if _THE_BEFORE.search(text, max(0, start - 6), start) and " " not in text[start:end]:
                return None  # "the Wendy's logo", "the Sainsbury's on Hale Road": a shop or a brand
        while True:  # "Meera ki", "Rohan ne": a Hindi postposition after the name is not part of it
            last = text[start:end].rsplit(maxsplit=1)
            if len(last) == 2 and last[1] in W.HINDI_POSTPOSITIONS:
                end = start + len(last[0].rstrip())
            else:
                break
        if start >= end:
            return None
        words = text[start:end].split()
        if (
            self.foreign
            and len(words) == 1
            and words[0].islower()
            and _FOREIGN_PREPOSITION_AFTER.match(text, end)
            and not _in_names(words[0], known_names()[0])
        ):
            return None  # "mi abuela vive en", "meine oma wohnt in": a verb before a preposition
        if words[0] in W.HINDI_POSTPOSITIONS:
            return None  # "uncle ko bolna": the postposition follows the relation word
        if len(words) >= 2 and words[0].casefold() in W.SHOP_HEADS:
            return None  # "Panadería Los Olivos"
        i = self.by_start.get(start)
        if i is not None and i > 0 and self.tokens[i - 1].capitalised and self.tokens[i - 1].folded in W.SHOP_HEADS:
            return None  # "Los Olivos" found on its own after "Panadería"
        if len(words) >= 2 and _organisation_tail(words[-1]):
            kept = list(words)
            while kept and _organisation_tail(kept[-1]):
                kept.pop()
            cued = span.score >= ChatPersonRecognizer.SCORE_STRONG_CUE  # "Account name:", "my name is"
            if len(kept) < 2 or not (cued or _in_names(kept[0], known_names()[0])):
                return None  # "Ondine Design Studio", "Thurgauer Kantonalbank"
            # "Account name: Imelda Stroud Design": the person's name before the business word
            end = text.index(kept[-1], start) + len(kept[-1])
        if _FORM_HEADING.fullmatch(text, start, end):
            return None  # "Cambio de titular", "Formulaire de la MSA": a form's heading
        before, after = text[start - 1 : start], text[end : end + 1]
        if before and (before.isalnum() or before in "_@") or after and (after.isalnum() or after in "_@"):
            return None  # part of an identifier
        if after == "-" and text[end + 1 : end + 2].isdigit() or before == "-" and text[start - 2 : start - 1].isalnum():
            return None  # "E-1043", "INV-Smith"
        i = self.by_start.get(start)
        if i is not None and self.tokens[i].capitalised and self.tokens[i].folded in W.STORY_TITLES:
            return None  # "Lady Rowena" found as a first name and a surname
        if i is not None and i > 0:
            prev = self.tokens[i - 1]
            if (
                prev.folded.rstrip(".") in W.STORY_TITLES
                and prev.capitalised
                and start - prev.end <= 2
                and text[prev.end : start].strip(" .") == ""  # not "Agent (Tamsin):" in a support chat
            ):
                return None  # "Captain Vex", "Lady Rowena": role-play characters
        if _TITLED_PLACE_BEFORE.search(text, max(0, start - 60), start):
            return None  # "Sir Aldric of Vennmoor": the realm of a story's knight
        if _STAGED_TITLE_BEFORE.search(text, max(0, start - 20), start) and _STAGED_CLOSE.match(text, end):
            return None  # "[Professor Bramblewick]", "**Doctor Quell**": a role-play speaker's label
        if self._part_of_public_figure(start, end) or all(
            w in W.PLACE_NAMES_MISTAKEN_FOR_PEOPLE for w in text[start:end].casefold().split()
        ):
            return None
        if text[start:end].split()[0].casefold() in G.PLACE_HEAD_WORDS:
            return None  # "Wadi Rum", "Mount Kenya": a place named like a person
        place = _WORD_AFTER.match(text, end)
        if place and place.group(1).casefold() in _PLACE_WORDS:
            return None  # "Abbey Road", "Baker Street", "Victoria Station": places
        if _EPONYM_AFTER.match(text, end) or _WORK_AFTER.match(text, end):
            return None  # "Parkinson's law", "Valentine's Day", "Peter Pan syndrome", "Chuck Norris joke"
        if i is not None and self._used_as_a_word(i, start, end):
            return None  # "a Karen", "Tiffany rings", "the Wright brothers"
        if _PET_BEFORE.search(text, max(0, start - 40), start):
            return None  # "a cat named Mr. Mittens": pets are not personal data
        if any(w.casefold() in W.PRODUCT_WORDS for w in text[start:end].split()):
            return None  # "Docker Compose", "Jupyter"
        value = text[start:end]
        if value.casefold() in _MONTHS and (
            _MONTH_CONTEXT.search(text, max(0, start - 20), start) or _NUMBER_AFTER.match(text, end)
        ):
            return None  # "until 5 Jan", "Jan 5", "in April"
        return NameSpan(start, end, span.score)


_NAME_STOP = re.compile(r"\n|[?!;:](?:\s|$)|\.\s+(?=[A-Z¿¡])")
_FOREIGN_STOP_WORDS = frozenset().union(
    *(stop_words(lang) for lang in W.OTHER_STOP_WORD_LANGUAGES)
) - STOP_WORDS
_WORD_AFTER = re.compile(r"[ \t]([^\W\d_]+)")
_EPONYM_AFTER = re.compile(
    r"['’]s\s+(?:law|laws|day|disease|syndrome|theorem|principle|razor|paradox|effect|rule|rules|constant|"
    r"equation|method|test|scale|number|problem|conjecture|hypothesis|dilemma|cube|pie|eve)\b",
    re.IGNORECASE,
)
_WORK_AFTER = re.compile(
    r"\s+(?:syndrome|joke|jokes|quote|quotes|meme|memes|brothers|sisters|costume|impression|"
    r"fan\s+fiction|fanfic|universe|franchise|movies|films|books|novels|songs|albums)\b",
    re.IGNORECASE,
)
_PET_BEFORE = re.compile(
    r"\b(?:(?:cat|cats|dog|dogs|puppy|kitten|pet|bunny|rabbit|hamster|fish|horse|parrot|bird|turtle|car|boat|"
    r"plant|guinea\s+pig|goldfish|retriever|labrador|poodle|dragon|unicorn|elf|dwarf|wizard|witch|robot|bot|"
    r"ship|spaceship|doll|teddy|bear|monster|alien|pony|fairy|knight|villain|hero|heroine|character|npc)"
    r"\s+(?:is\s+)?(?:named|called)\s+"
    r"|(?:my|our|his|her|the)\s+(?:cat|dog|puppy|kitten|pet|bunny|rabbit|hamster|horse|parrot|goldfish)\s+"
    r"(?:is\s+|was\s+)?(?:named\s+|called\s+)?"
    # "my dog's name is Noodle", "our new app is called Lumen", "the mascot is Toby the Toad"
    r"|(?:cat|dog|puppy|kitten|pet|bunny|rabbit|hamster|horse|parrot|goldfish|pony)['’]s\s+name\s+(?:is|was)\s+"
    r"|(?:cat|dog|puppy|kitten|bunny|rabbit|hamster|horse|parrot|tortoise|pony)\s*\(\s*"  # "the lost cat (Mr. Pudding)"
    r"|(?:mascot|product|app|brand|company|startup|band|podcast|channel|game|server|boat|yacht|robot|bot|"
    r"chatbot|plant|shop|store|bakery|cafe|café|restaurant)\s+(?:is|was|will\s+be)\s+(?:named\s+|called\s+)?)"
    r"(?:(?:mr|mrs|miss|sir|lady|captain|princess|prince|king|queen|lord|dr|sergeant|admiral|general|"
    r"colonel|major|professor|doctor)\.?\s+)?\Z",
    re.IGNORECASE,
)
# A capitalised word, a particle and then a lowercase word or an acronym: a heading in a Romance
# language, not "Inés de la Cruz" or "Luca di Marco".
_FORM_HEADING = re.compile(
    r"(?-i:[A-ZÀ-Ý][^\W\d_]+)(?:[ \t]+(?:de|del|de la|du|des|da|do|di|della))[ \t]+"
    r"(?:la[ \t]+|l['’])?(?:(?-i:[a-zà-ÿ][^\W\d_]+)|(?-i:[A-Z]{2,6}))"
)
# "Who was ...", "Who were ... and ...": a question about people the assistant knows of, who are
# famous, not the writer's acquaintances.
_WHO_WAS = re.compile(r"(?:^|(?<=[.!?\n]))[ \t]*who[ \t]+(?:was|were)[ \t][^.!?\n]*", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|me|my|mine|we|us|our|ours)\b", re.IGNORECASE)
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec april may june august".split())
_PLACE_SUFFIX = re.compile(r"(?:bahnhof|platz|straße|strasse|hof|burg|dorf|hausen|heim|stadt|centraal|station|plein|gracht)$")


def _organisation_tail(word: str) -> bool:
    folded = word.casefold()
    return folded in W.ORGANISATION_TAILS or (len(folded) > 6 and folded.endswith(W.ORGANISATION_TAIL_ENDINGS))


def _mostly_foreign(tokens: list[_Token]) -> bool:
    english = sum(1 for t in tokens if t.folded in STOP_WORDS)
    other = sum(1 for t in tokens if t.folded in _FOREIGN_STOP_WORDS)
    return other > english


def _is_public_figure(value: str) -> bool:
    folded = " ".join(w.casefold() for w in value.replace(",", " ").split())
    if folded.endswith(("'s", "’s")):
        folded = folded[:-2]  # "taylor swift's eras tour"
    return (
        folded in W.FAMOUS_PEOPLE
        or folded.rstrip(".") in W.FAMOUS_PEOPLE
        or folded.replace(".", "") in W.FAMOUS_PEOPLE  # "Mr. Darcy"
        or folded in G.EPONYMOUS_BRANDS
        or folded in G.MORE_PUBLIC_FIGURES
        or folded.replace(".", "") in G.MORE_PUBLIC_FIGURES
        or folded.replace(".", "") in G.EPONYMOUS_BRANDS
    )


def _merge(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """Overlapping spans, and spans separated by a single space, become one name."""
    merged: list[NameSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and (span.start <= merged[-1].end or (span.start - merged[-1].end == 1 and text[merged[-1].end] == " ")):
            last = merged[-1]
            merged[-1] = NameSpan(last.start, max(last.end, span.end), max(last.score, span.score))
        else:
            merged.append(span)
    return merged
