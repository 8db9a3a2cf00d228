"""PERSON: spaCy's named-entity recognizer, corrected for chat register.

spaCy's small English model is trained on edited text. In chats it misses lowercase names
("im jake", "my boyfriend tom"), cuts non-Anglo names ("Thị Lan" out of "Nguyễn Thị Lan"), and
tags greetings, assistants and places as people ("Lol", "Claude", "Austin TX"). This recognizer
keeps spaCy's findings that survive a few checks, grows them over adjacent name tokens, and adds
names found by evidence spaCy does not use: a cue ("my name is", "call me", "this is"), a
relation word ("my sister", "my boss,"), an honorific ("Mrs. Okafor"), and known first names
(Faker's name lists, ~25 locales, offline).

Names that are everyday words (Will, Grace, April, Mark) need evidence; public figures mentioned
in passing and the assistant's own name are left alone.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from presidio_analyzer import EntityRecognizer, RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from proxy.detection.recognizers import person_name_words as W

_TOKEN = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")

_STRONG_CUE = re.compile(
    r"\b(?:my\s+name\s+is|my\s+name'?s|my\s+names|name'?s|name\s+is|(?:first|last|full|sur)\s?name\s+is|"
    r"(?:you\s+can\s+|u\s+can\s+|they\s+|people\s+|everyone\s+|friends\s+|just\s+)?call\s+me|"
    r"i\s+go\s+by|i\s+am\s+called|i'?m\s+called|(?:my\s+)?(?:first\s|last\s|full\s|sur)?name\s?[:=]|"
    r"signed|sincerely|me\s+llamo|je\s+m'appelle|ich\s+hei(?:ße|sse)|mijn\s+naam\s+is)\s*[,:]?\s+",
    re.IGNORECASE,
)
_WEAK_CUE = re.compile(
    r"\b(?:i'?m|i’m|im|i\s+am|this\s+is|it'?s|it’s|its|here'?s|meet|hi|hey|hello|hiya|dear|"
    r"thanks|thank\s+you|thx|ty|cheers|regards|best|love|xoxo|xo|bye|ask|tell|told|met|asked|"
    r"texted|called|named|with|and|from|for|to|about|like)\s*[,!]?\s+",
    re.IGNORECASE,
)
_HERE = re.compile(r"(?:^|[.!?\n]\s*|\b(?:it'?s|its|hey|hi|hello|yo)[,!]?\s+)(?P<name>[^\W\d_]+)\s+here\b", re.IGNORECASE)
_SIGN_OFF = re.compile(
    r"(?:\b(?:thanks|thank\s+you|thx|ty|cheers|regards|best|love|xoxo|xo|sincerely|yours|bye)|^|\n)"
    r"[,!.]?\s*(?:[-–—~]\s*)?(?P<name>[^\W\d_]+(?:[ \t]+[^\W\d_]+)?)[ \t]*[.!]?[ \t]*\Z",
    re.IGNORECASE,
)
_RELATION = re.compile(
    r"\b(?:my|our|his|her|their|your|mi|ma|mon|mein|meine)\s+"
    rf"(?:(?:{'|'.join(map(re.escape, W.RELATION_ADJECTIVES))})[\s-]+){{0,2}}"
    rf"(?:{'|'.join(map(re.escape, sorted(W.RELATION_WORDS, key=len, reverse=True)))})"
    rf"(?:['’]s\s+(?:(?:{'|'.join(map(re.escape, W.RELATION_ADJECTIVES))})\s+)?"
    rf"(?:{'|'.join(map(re.escape, sorted(W.RELATION_WORDS, key=len, reverse=True)))}))?"
    rf"(?:\s+(?:is|was|named|called))?\s*[,:(]?\s*(?:(?:{'|'.join(W.HONORIFICS)})\.?\s+)?",
    re.IGNORECASE,
)
_HONORIFIC = re.compile(rf"\b(?:{'|'.join(re.escape(h) for h in W.HONORIFICS)})\.?\s+", re.IGNORECASE)
_MONTH_CONTEXT = re.compile(
    r"\b(?:in|on|since|until|till|by|last|next|this|early|late|mid|of|from|through|during|every|each)\s+\Z",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"(?:\A|[.!?:;\n]|[\"“(])\s*\Z")
_GAP_IN_NAME = re.compile(r"[ \t]{1,2}\Z")

_US_STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY UK US USA".split()
)
_PLACE_WORDS = frozenset(
    "street st road rd avenue ave lane ln drive dr court ct boulevard blvd way close crescent place "
    "square park hill gardens terrace city county state university college school hospital "
    "station airport mall center centre inc ltd llc corp company bank cafe café restaurant hotel "
    "straße strasse straat rue calle".split()
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
    """(first names, last names), casefolded, from Faker's locale data; loaded once."""
    first: set[str] = set()
    last: set[str] = set()
    for locale in W.NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            first.update(_plain(n) for n in getattr(provider, attribute, ()) if " " not in n)
        last.update(_plain(n) for n in getattr(provider, "last_names", ()) if " " not in n)
    not_names = W.NOT_NAME_WORDS | W.COMMON_CHAT_WORDS | STOP_WORDS
    return frozenset(first - not_names), frozenset(last - not_names)


def _plain(word: str) -> str:
    """Casefolded without accents: "Siobhán" and "siobhan" are the same name to a typist."""
    if word.isascii():
        return word.casefold()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class ChatPersonRecognizer(EntityRecognizer):
    """PERSON: spaCy's entities checked and grown, plus cue, relation and honorific names."""

    SCORE_STRONG_CUE = 0.85
    SCORE_RELATION = 0.8
    SCORE_HONORIFIC = 0.85
    SCORE_WEAK_CUE = 0.75
    SCORE_KNOWN_FULL_NAME = 0.75
    SCORE_KNOWN_FIRST_NAME = 0.6

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
        ner = []
        if nlp_artifacts is not None:
            for ent, score in zip(nlp_artifacts.entities, nlp_artifacts.scores or []):
                if ent.label_ in ("PERSON", "PER"):
                    ner.append(NameSpan(ent.start_char, ent.end_char, float(score)))
        return [
            RecognizerResult(
                entity,
                span.start,
                span.end,
                span.score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for span in find_names(text, ner)
        ]


def find_names(text: str, ner_spans: list[NameSpan] | tuple[NameSpan, ...] = ()) -> list[NameSpan]:
    """Person names in `text`; `ner_spans` are spaCy's PERSON entities, checked here."""
    tokens = [_Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    if not tokens:
        return []
    by_start = {t.start: i for i, t in enumerate(tokens)}
    spans: list[NameSpan] = []

    def first_token_at(pos: int) -> int | None:
        while pos < len(text) and text[pos] in " \t\"'“‘(":
            pos += 1
        return by_start.get(pos)

    for m in _STRONG_CUE.finditer(text):
        i = first_token_at(m.end())
        if i is not None:
            span = _grow(text, tokens, i, lowercase="any", score=ChatPersonRecognizer.SCORE_STRONG_CUE)
            spans += span
    for m in _RELATION.finditer(text):
        i = first_token_at(m.end())
        if i is not None:
            spans += _grow(text, tokens, i, lowercase="known", score=ChatPersonRecognizer.SCORE_RELATION, evidence=True)
    for m in _HONORIFIC.finditer(text):
        i = first_token_at(m.end())
        if i is not None:
            spans += _grow(text, tokens, i, lowercase="known", score=ChatPersonRecognizer.SCORE_HONORIFIC, evidence=True)
    for m in _WEAK_CUE.finditer(text):
        i = first_token_at(m.end())
        if i is not None and _is_known_first_name(tokens[i], ambiguous_ok=False):
            spans += _grow(text, tokens, i, lowercase="known", score=ChatPersonRecognizer.SCORE_WEAK_CUE)
    for pattern in (_HERE, _SIGN_OFF):
        for m in pattern.finditer(text):
            i = by_start.get(m.start("name"))
            if i is not None and (_is_known_first_name(tokens[i], ambiguous_ok=False) or (pattern is _SIGN_OFF and tokens[i].capitalised and _could_be_name(tokens[i]))):
                spans += _grow(text, tokens, i, lowercase="known", score=ChatPersonRecognizer.SCORE_WEAK_CUE)
    spans += _known_name_spans(text, tokens)
    for span in ner_spans:
        checked = _check_ner_span(text, tokens, by_start, span)
        if checked:
            spans.append(checked)
    return _merge(text, [s for s in spans if not _is_public_figure(text[s.start : s.end])])


def _could_be_name(token: _Token, lowercase: str = "none", evidence: bool = False) -> bool:
    folded = token.folded
    if folded in W.NOT_NAME_WORDS or len(folded) < 2 and not token.text.isupper():
        return False
    if token.capitalised:
        if folded in STOP_WORDS or folded in W.COMMON_CHAT_WORDS and folded not in known_names()[0]:
            return False
        return True
    if lowercase == "any":
        return folded not in STOP_WORDS and folded not in W.COMMON_CHAT_WORDS
    if lowercase == "known":
        first, last = known_names()
        return (folded in first or folded in last) and folded not in W.COMMON_WORD_NAMES
    return False


def _is_known_first_name(token: _Token, ambiguous_ok: bool) -> bool:
    folded = token.folded
    if folded not in known_names()[0]:
        return False
    return ambiguous_ok or folded not in W.COMMON_WORD_NAMES


def _grow(text: str, tokens: list[_Token], i: int, lowercase: str, score: float, evidence: bool = False) -> list[NameSpan]:
    """The name that starts at token i: it and the name tokens right after it, up to five."""
    first = tokens[i]
    if not _could_be_name(first, lowercase, evidence):
        return []
    if first.folded in W.NAME_PARTICLES and not first.capitalised:
        return []
    end = first.end
    j = i + 1
    taken = 1
    # After "my name is", a second lowercase word is a surname unless it is a common word.
    following_lowercase = "none" if first.capitalised else {"any": "any", "known": "known"}.get(lowercase, "none")
    while j < len(tokens) and taken < 5:
        token = tokens[j]
        if not _GAP_IN_NAME.search(text, end, token.start) or token.start - end > 2:
            break
        if token.folded in W.NAME_PARTICLES and j + 1 < len(tokens) and tokens[j + 1].capitalised:
            j += 1
            taken += 1
            continue
        if token.folded in _PLACE_WORDS or token.text in _US_STATE_CODES:
            break
        if not (token.capitalised and _could_be_name(token)) and not (
            following_lowercase != "none" and not token.capitalised and _could_be_name(token, following_lowercase)
        ):
            break
        end = token.end
        j += 1
        taken += 1
    return [NameSpan(first.start, end, score)]


def _known_name_spans(text: str, tokens: list[_Token]) -> list[NameSpan]:
    """A capitalised known first name with a capitalised surname after it ("Oluwaseun Adeyemi"),
    or alone in mid-sentence ("I met Priya yesterday")."""
    spans = []
    for i, token in enumerate(tokens):
        if not token.capitalised or not _is_known_first_name(token, ambiguous_ok=False):
            continue
        grown = _grow(text, tokens, i, lowercase="none", score=ChatPersonRecognizer.SCORE_KNOWN_FULL_NAME)
        if not grown:
            continue
        span = grown[0]
        if span.end > token.end:
            spans.append(span)
        elif not _SENTENCE_START.search(text, 0, token.start):
            spans.append(NameSpan(span.start, span.end, ChatPersonRecognizer.SCORE_KNOWN_FIRST_NAME))
    return spans


def _check_ner_span(text: str, tokens: list[_Token], by_start: dict[int, int], span: NameSpan) -> NameSpan | None:
    inside = [t for t in tokens if span.start <= t.start and t.end <= span.end]
    # "Hey Jake", "Mrs. Okafor", "Lol": greetings and titles are not part of the name.
    while inside and (inside[0].folded in W.NOT_NAME_WORDS or inside[0].folded in W.HONORIFICS):
        inside.pop(0)
    while inside and (inside[-1].folded in W.NOT_NAME_WORDS or inside[-1].text in _US_STATE_CODES):
        inside.pop()
    if not inside:
        return None
    raw = text[inside[0].start : inside[-1].end]
    if any(c.isdigit() or c in "@#/\\_" for c in raw):
        return None
    if any(t.folded in _PLACE_WORDS for t in inside) or text[inside[-1].end : inside[-1].end + 3].strip()[:2] in _US_STATE_CODES and text[inside[-1].end : inside[-1].end + 1] == " ":
        return None  # "Baker Street", "Austin TX": places
    if all(not t.capitalised for t in inside):
        first, last = known_names()
        if not all(t.folded in first or t.folded in last for t in inside):
            return None
    if len(inside) == 1:
        only = inside[0]
        if only.folded in W.COMMON_WORD_NAMES:
            before = text[max(0, only.start - 20) : only.start]
            if _SENTENCE_START.search(before) or _MONTH_CONTEXT.search(before):
                return None  # "Will you...", "Summer is...", "in April"
        if only.text.isupper() and len(only.text) <= 4:
            return None  # "LOL", "OMG", "TBH"
    start, end = inside[0].start, inside[-1].end
    # Grow over name tokens spaCy cut off: "Nguyễn" before "Thị Lan".
    i = by_start.get(start)
    first, last = known_names()
    while i is not None and i > 0:
        prev = tokens[i - 1]
        if not (prev.capitalised and (prev.folded in first or prev.folded in last) and prev.folded not in W.NOT_NAME_WORDS):
            break
        if not _GAP_IN_NAME.search(text, prev.end, start) or start - prev.end > 2:
            break
        start = prev.start
        i -= 1
    grown = _grow(text, tokens, by_start[inside[-1].start], lowercase="none", score=span.score, evidence=True)
    if grown:
        end = max(end, grown[0].end)
    return NameSpan(start, end, span.score)


def _is_public_figure(value: str) -> bool:
    folded = " ".join(_plain(w) for w in value.split())
    return folded in W.FAMOUS_PEOPLE


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
