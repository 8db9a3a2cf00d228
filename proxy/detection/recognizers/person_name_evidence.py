"""Where a person's name starts, from the layout and phrasing of chat text.

`person_name.find_names` checks each place found here with the same tests as its own cues
(could the word be a name, is it an everyday word). This module only says where to look and how
strong the evidence is, in categories rather than strings:

- pasted e-mails and letters: "From: Name <addr>", a salutation line ("Kenji,"), a sign-off line;
- chat transcripts ("jordan: we said 7") and tables whose header has a Name column;
- surnames stated as such ("van der Berg is my surname"), honorifics before or after the name
  ("M. Garnier", "Frau Dr. Weber", "srinivas garu", "Tanaka-san");
- relations typed with a typo ("my freind"), in the plural ("my friends jess, marco and aisha"),
  without a possessive ("bhai vikram", "tita marites"), or with an adjective ("my maths teacher");
- a lowercase name before a verb of someone's life ("dimitra lives at", "priya moved");
- everyday-word names with evidence ("me and destiny have been", "the new guy august",
  "Ask Will if he ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from proxy.detection.recognizers import person_name_gazetteer as G
from proxy.detection.recognizers import person_name_words as W

# How a place found here is checked:
# RELATION: like "my sister <name>": lowercase words count, everyday-word names too.
# CAPITALISED: a capitalised word that could be a name and is not an everyday word.
# KNOWN: a word in the first- or last-name lists, lowercase or not, everyday-word names included.
# INTRO: a known name that is not an everyday word, followed by another known name.
# UNUSUAL: a known name that is not an everyday word ("layla al-hashimi here").
# FIRST: a listed first name that is not an everyday word ("o Thiago", never "o Porto").
RELATION, CAPITALISED, KNOWN, INTRO, UNUSUAL, FIRST = "relation", "capitalised", "known", "intro", "unusual", "first"
LISTED = "listed"  # one word in a list with "me": a name unless it is an everyday word


@dataclass(frozen=True)
class NameStart:
    start: int
    how: str


@dataclass(frozen=True)
class WholeName:
    """A span that is a name as a whole (a table cell, the words before "is my surname")."""

    start: int
    end: int


_HEADER = re.compile(
    r"^[ \t>]*(?:from|to|cc|bcc|reply-to|von|an|de|à|para|van|aan|da|a)[ \t]*:[ \t]*"
    r"(?=[^\W\d_][^<\n@:]{0,60}[<(\[][^>\n]*@)",
    re.IGNORECASE | re.MULTILINE,
)
_SALUTATION = re.compile(
    r"(?:\A|\n[ \t]*\n|:[ \t]*\n)[ \t]*[\"“']?(?:"
    r"(?:dear|dearest|hi|hello|hey|liebe|lieber|cher|chère|querida|querido|estimado|estimada|beste|hoi|ciao|cara|caro)"
    r"[ \t]+(?=[^\W\d_][^\n,]{0,40},)"  # with a greeting word the comma may run on: "Hi Rufus, HMRC has ..."
    r"|(?=[^\W\d_][^\n,]{0,40},[ \t]*\n))",
    re.IGNORECASE,
)
_SIGN_OFF_LINE = re.compile(
    r"(?:\b(?:thanks|thank\s+you|cheers|regards|best|best\s+wishes|kind\s+regards|warm\s+regards|"
    r"sincerely|yours|love|grüße|gruß|cordialement|saludos|groeten|groetjes|un\s+saludo|bisous|"
    r"abrazos|xx|x)[ \t]*[,!.]?[ \t]*\n[ \t]*|\n[ \t]*[-–—~][ \t]*)"
    r"(?=[^\W\d_][^\n]{0,40}(?:\n|\Z))",
    re.IGNORECASE,
)
# The last line of a multi-line message, one or two words: "...talk Thursday?\nRajesh".
_LAST_LINE = re.compile(r"[.!?)][ \t]*\n[ \t]*(?=[^\W\d_]+(?:[ \t][^\W\d_]+)?[ \t]*\Z)")
_NAMED_ROLE_SPEAKER = re.compile(r"^[ \t]*[^\W\d_]+[ \t]*\((?=[^\W\d_][^()\n]{0,40}\)[ \t]*:)", re.MULTILINE)
_SPEAKER = re.compile(r"^[ \t]*\[?(?:\d{1,2}:\d{2}\]?[ \t]*)?([^\W\d_][\w'-]{1,20})[ \t]*:[ \t]+\S", re.MULTILINE)
# Labels in pasted forms and documents, never speakers.
_NOT_SPEAKERS = frozenset(
    """
    me you i q a question answer user assistant bot ai system note notes subject date time from to
    cc bcc re fw fwd name email phone address tel mobile fax ref order id status summary title
    example input output error warning update ceremony reception venue dress location where when
    step tip pros cons edit ps nb todo done agenda action result total price cost day week
    """.split()
)
_TABLE_DELIMITERS = (",", "\t", "|", ";")
_NAME_HEADERS = re.compile(
    r"(?:full[ _]?)?name|(?:first|last|given|family|sur|customer|client|guest)[ _]?(?:name)?|employee|student|"
    r"person|member|staff|participant|attendee|contact|holder|recipient|payee|nom|naam|nombre|nome|vorname|nachname|apellido",
    re.IGNORECASE,
)
_SURNAME_STATEMENT = re.compile(
    r"(?:^|(?<=[.!?\n]))[ \t]*(?P<name>[^\W\d_][\w'’ -]{0,40}?)[ \t]+(?:is|was|'s)[ \t]+(?:my|our|his|her|their)[ \t]+"
    r"(?:(?:son|daughter|kid|baby|wife|husband|partner|mom|mum|dad|sister|brother|friend)['’]s[ \t]+)?"
    r"(?:(?:sur|last|family|maiden|middle|given|first|full)[ \t]?)?name\b",
    re.IGNORECASE | re.MULTILINE,
)
_NAME_IS = re.compile(r"\b(?:family|maiden|middle|given)[ \t]name[ \t]+(?:is|was)[ \t]+", re.IGNORECASE)
# "M. Garnier" (French Monsieur, only before a capital), stacked titles ("Frau Dr. Weber").
_STACKED_HONORIFIC = re.compile(
    r"\b(?:(?-i:M|MM)\.[ \t]+(?=(?-i:[A-Z]))|(?:herr|frau|mr|mrs|ms|mme|sra?|señora?)\.?[ \t]+(?:dr|prof|ing|mag)\.?[ \t]+)",
    re.IGNORECASE,
)
_HONORIFIC_AFTER = re.compile(
    r"\b(?P<name>[^\W\d_]{2,})(?:[ \t]+(?:garu|gaaru|sahab|saheb|saab|sahib|sensei|ssi|nim|bhaiya|didi)"
    r"|-(?:san|sama|kun|chan|sensei|ji|jee|garu|ssi|nim))\b",
    re.IGNORECASE,
)
# Short suffixes that are everyday words too ("haan ji", "ok san"): only after a listed name.
_SHORT_HONORIFIC_AFTER = re.compile(r"\b(?P<name>[^\W\d_]{3,})[ \t]+(?:ji|jee|san|sama|kun|chan|sahab)\b", re.IGNORECASE)
_PLURAL_RELATIONS = (
    "friends besties kids children sons daughters cousins sisters brothers siblings roommates "
    "flatmates housemates coworkers co-workers colleagues neighbours neighbors nieces nephews "
    "grandkids grandchildren students teammates classmates twins parents grandparents in-laws"
).split()
_PLURAL_RELATION = re.compile(
    rf"\b(?:my|our|his|her|their)[ \t]+(?:[^\W\d_]+[ \t]+)?(?:{'|'.join(map(re.escape, _PLURAL_RELATIONS))})"
    r"(?:[ \t]+(?:are|were|named|called))?[ \t]*[,:(]?[ \t]*",
    re.IGNORECASE,
)
# Relation words other than by possessive: Hindi, Filipino, Spanish ("bhai vikram ko", "tita marites").
_RELATION_WITHOUT_POSSESSIVE = re.compile(
    r"(?:^|(?<=[\s,.!?(]))(?:bhai|bhaiya|didi|chacha|chachi|mausi|bua|tita|tito|kuya|lola|lolo|tía|tío|tante|onkel|tatay|nanay|doctor|dr\.?|"
    r"uncle|auntie|aunty)[ \t]+",
    re.IGNORECASE,
)
_POSSESSIVE_WORDS = re.compile(
    r"\b(?:my|our|his|her|their|your)[ \t]+(?P<w1>[^\W\d_]+)(?:[ \t]+(?P<w2>[^\W\d_]+))?",
    re.IGNORECASE,
)
_AFTER_RELATION = re.compile(r"[ \t]*[,:(]?[ \t]*")
_LIFE_VERB = re.compile(
    r"\b(?P<name>[a-z][a-z'-]{2,})[ \t]+(?:lives|lived|moved|moves|is\s+moving|said|says|texted|txted|called|"
    r"told|asked|wants|wanted|thinks|keeps|kept|works|worked|got|gets|has\s+been|was\s+born|broke|dumped|"
    r"married|left|invited|cancelled|canceled|replied|messaged|dms|dm'd|ghosted|cheated|borrowed)\b",
)
# Third-person verbs spaCy's tagger often calls plural nouns after a lowercase name.
VERBS_TAGGED_AS_PLURALS = frozenset(
    "lives says texts works wants thinks keeps moves gets calls asks tells loves hates needs "
    "likes knows goes does has cooks drives plays sings teaches studies".split()
)
_ME_AND = re.compile(
    r"\bme[ \t]+(?:and|n|&)[ \t]+(?=[^\W\d_]+[ \t]+(?:have|has|are|were|was|went|got|had|'ve|been|started|broke|"
    r"used|decided|keep|kept|split|met)\b)",
    re.IGNORECASE,
)
_NEW_PERSON = re.compile(
    r"\bthe[ \t]+new[ \t]+(?:guy|girl|hire|intern|kid|neighbou?r|teacher|boss|manager|coworker|colleague|nanny|tenant)[ \t]*,?[ \t]+",
    re.IGNORECASE,
)
_ASK_PERSON = re.compile(
    r"\b(?:ask|tell|text|call|remind|email|message|ping|invite)[ \t]+(?=(?-i:[A-Z])[a-z]+\b[^.!?\n]{0,60}\b(?:he|she|him|her|his)\b)",
    re.IGNORECASE,
)
_RELATION_BEFORE = re.compile(
    rf"\b(?:{'|'.join(map(re.escape, W.RELATION_WORDS))})[ \t]*[,:(]?[ \t]*\Z", re.IGNORECASE
)
# The same in lowercase, for names in the name lists only ("tell summer i said hi ... her").
_ASK_KNOWN_PERSON = re.compile(
    r"\b(?:ask|tell|text|call|remind|message|ping|invite)[ \t]+(?=[a-z]+\b[^.!?\n]{0,60}\b(?:he|she|him|her|his)\b)",
)
# Who gets paid or is on a form: "Pay to Rosalind Ashby", "t.n.v. X", "Mitglied: X", "Name on bill: X".
_PAYEE_OR_FIELD = re.compile(
    r"\b(?:pay(?:able)?\s+to|payee|beneficiary|account\s+holder|account\s+name|card\s*holder|t\.?\s?n\.?\s?v\.?|"
    r"betalen\s+aan|zahlen\s+an|empfänger|kontoinhaber|inhaber|titular|bénéficiaire|destinataire|"
    r"name\s+on\s+(?:the\s+)?(?:bill|card|account|booking|ticket|reservation|invoice|lease|passport)"
    r"|(?:surname|family\s+name|last\s+name|given\s+names?|first\s+names?|full\s+name|maiden\s+name|"
    r"nachname|vorname|achternaam|voornaam|pr[ée]nom|apellidos?)(?![ \t]*(?:is|was|field|and|or)\b)"  # a form's field, colon or not
    r"|(?:guests?|attendees?|recipient|addressee|tenant|patient|customer|client|passenger|mitglied|member|"
    r"organi[sz]er|contact(?:\s+person)?|emergency\s+contact|chair|present|apologies|guardian|parent|"
    r"applicant|witness|driver|sender|signed|nom|nombre)(?=[ \t]*(?::|—|–)))"  # with a colon (or dash) only
    r"[ \t]*[:=—–]?[ \t]*",
    re.IGNORECASE,
)
# An initial and a surname, as in minutes and sign-up sheets: "J. Abernethy", "R. Oyelaran-Kitts".
# Only where a list item starts (line start, after a comma, colon, dash or bracket): after a word
# it is as often an organisation or a heading ("the U.S. Army", "Section A. Introduction").
_INITIAL_SURNAME = re.compile(
    r"(?:(?<=^)|(?<=[,;:(—–/&])|(?<=[,;:(—–/&][ \t]))(?-i:[A-Z])\.[ \t]?(?:(?-i:[A-Z])\.[ \t]?)?(?P<name>(?-i:[A-Z])[^\W\d_]{2,}(?:[-'’](?-i:[A-Z])?[^\W\d_]+)?)(?![\w.]*\.\w)",
    re.MULTILINE,
)
# A role and "is": "the groom is Dominic, the bride is Ifeoma", "her tutor is Anselm".
_ROLE_IS = re.compile(
    rf"\b(?:groom|bride|best\s+man|maid\s+of\s+hono(?:u)?r|host|organi[sz]er|{'|'.join(map(re.escape, W.RELATION_WORDS))})"
    r"[ \t]+(?:is|was|will\s+be)[ \t]+(?=(?-i:[A-Z]))",
    re.IGNORECASE,
)
# Who is addressed or tagged: "tag Ffion", "cc Ottilie", Filipino "si Jericho", Spanish/Italian "con Matteo".
_ADDRESSED = re.compile(r"\b(?:tag|cc|ping|dm)[ \t]+(?=(?-i:[A-Z]))", re.IGNORECASE)
# Filipino person markers; "si" and "ni" are Spanish words too, so only before a listed name.
_PERSON_MARKER = re.compile(r"\b(?:si|ni|kay)[ \t]+(?=(?-i:[A-Z]))", re.IGNORECASE)
# "with" in other languages: German and Dutch capitalise nouns, so only a listed name counts.
_WITH_FOREIGN = re.compile(r"\b(?:con|avec|mit|met|com)[ \t]+(?=(?-i:[A-Z]))", re.IGNORECASE)
# "the Abara family", "the Lindqvists next door".
_FAMILY = re.compile(r"\bthe[ \t]+(?=(?-i:[A-Z])[\w'’-]+?[ \t]+(?:family|household|twins|kids)\b)", re.IGNORECASE)
# A name in JSON or key=value data: "name": "Wendell Appiah".
_KEYED_NAME = re.compile(
    r"[\"']?(?:full_?name|first_?name|last_?name|given_?name|family_?name|surname|customer_?name|"
    r"contact_?name|holder_?name|name)[\"']?[ \t]*[:=][ \t]*[\"']",
    re.IGNORECASE,
)
# Someone met in a role: "the ISP tech Abdirahman gave me", "our plumber Teodor".
_SERVICE_ROLE = re.compile(
    r"\b(?:the|my|our|a|his|her)[ \t]+(?:[^\W\d_]+[ \t]+)?"
    rf"(?:{'|'.join(map(re.escape, W.SERVICE_ROLES))})[ \t]*,?[ \t]+(?=(?-i:[A-Z]))",
    re.IGNORECASE,
)
# "the babysitter, Tamar", "the new tutor, Mr Achebe": "the", a relation word and a comma is an
# apposition as surely as "my babysitter Tamar"; without the comma ("the boss Malenia") it is as
# often a game or a story.
_THE_RELATION_COMMA = re.compile(
    r"\bthe[ \t]+(?:[^\W\d_]+[ \t]+)?"
    rf"(?:{'|'.join(map(re.escape, W.RELATION_WORDS))})[ \t]*,[ \t]+(?=(?-i:[A-Z]))",
    re.IGNORECASE,
)
# "me and fi and jonno are going", "me, tash and dev went": every single word in a list of two or
# more with "me" before a verb is a person, lowercase nicknames included. One word alone ("me and
# jetlag have been fighting") is as often a thing, and counts only as a listed name (_ME_AND).
_ME_AND_LIST = re.compile(
    r"\bme(?:[ \t]*,[ \t]*|[ \t]+(?:and|n|&)[ \t]+)"
    r"(?P<items>[^\W\d_]+(?:(?:[ \t]*,[ \t]*|[ \t]*,?[ \t]+(?:and|n|&)[ \t]+)[^\W\d_]+){0,4})"
    r"[ \t]+(?:are|were|have|has|had|went|got|go|'re|'ve|been|will|'ll|can|should|might|want|wanna|"
    r"started|decided|keep|kept|split|met|moved|live|used)\b",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"[^\W\d_]+")
_LIST_JOINERS = frozenset(("and", "n"))
# Hindi "naam" (name): "mera naam Arjun hai", "Sir ka naam Rajendra Prasad Tiwari hai".
_NAAM = re.compile(r"\bnaa?m[ \t]+(?:hai[ \t]+)?(?:[:-][ \t]*)?", re.IGNORECASE)
# Portuguese and Italian articles before a first name: "O Thiago me deve", "la Giulia".
_ARTICLE_NAME = re.compile(r"\b(?:o|a|la|il)[ \t]+(?=(?-i:[A-Z]))", re.IGNORECASE)
_PLAY_AS = re.compile(
    r"\b(?:play|act\s+as|pretend\s+to\s+be|pretend\s+you'?re|you\s+are|you'?re|role-?play\s+as|be\s+my)[ \t]+"
    r"(?:a[ \t]+|an[ \t]+|the[ \t]+)?(?-i:(?:[A-Z][\w'’-]*\.?[ \t]+)?[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)",
    re.IGNORECASE,
)
_TITLED_ADDRESS = re.compile(
    r"\A[ \t]*(?:professor|prof|dr|doctor|captain|detective|sir|lady|lord|master|sensei|madame|coach)\.?[ \t]+"
    r"(?-i:[A-Z][\w'’-]+)(?=[ \t]*,[^\n]*(?:\b(?:you|your)\b|\?))",
    re.IGNORECASE,
)
_STAGE_NAME = re.compile(r"\b(?-i:DJ|MC)[ \t]+(?-i:[A-Z][\w'’-]+)")
_TYPO_CANDIDATES = tuple(w for w in W.RELATION_WORDS if len(w) >= 5 and w.isalpha())
# Real words one letter away from a relation word ("my employer", "my patience").
_NOT_TYPOS = frozenset(
    "employer employers patience farther father's mothers fathers sisters brothers daughters "
    "parents partners cousins clients patients students teachers tutors tenants lovers mentors "
    "coaches doctors lawyers dentists nannies sitters bosses managers matter mother's sister's "
    "tenant's patient's client's spouses nephews nieces uncles aunties grandmas grandpas babies".split()
)
# "this is nguyen thi lan", "i'm tanaka yuki": a surname first, then a given name.
_INTRO = re.compile(r"\b(?:this[ \t]+is|i'?m|i’m|im|i[ \t]+am|it'?s)[ \t]+", re.IGNORECASE)
# "layla al-hashimi here", "hey, Kofi Mensah here": two or three words before "here".
_HERE = re.compile(
    r"(?:^|[.!?\n][ \t]*|\b(?:it'?s|its|hey|hi|hello|yo)[,!]?[ \t]+)(?=[^\W\d_][\w'’-]*(?:[ \t][^\W\d_][\w'’-]*){1,2}[ \t]+here\b)",
    re.IGNORECASE | re.MULTILINE,
)
_SYLLABLE = r"[^\W\d_]{1,5}"
# The second syllable in a lookahead, so that "and Min-jae" does not consume "Min".
_SYLLABLE_PAIR = re.compile(rf"\b(?P<a>{_SYLLABLE})(?=(?P<gap>[ \t-])(?P<b>{_SYLLABLE})\b)")


def name_starts(text: str) -> list[NameStart]:
    starts: list[NameStart] = []
    starts += [NameStart(m.end(), CAPITALISED) for m in _HEADER.finditer(text)]
    if "\n" in text:
        starts += [NameStart(m.end(), CAPITALISED) for m in _SALUTATION.finditer(text)]
        starts += [NameStart(m.end(), CAPITALISED) for m in _SIGN_OFF_LINE.finditer(text)]
        starts += [NameStart(m.end(), FIRST) for m in _LAST_LINE.finditer(text)]
        starts += _speakers(text)
        starts += [NameStart(m.end(), CAPITALISED) for m in _NAMED_ROLE_SPEAKER.finditer(text)]
    starts += [NameStart(m.end(), RELATION) for m in _NAME_IS.finditer(text)]
    starts += [NameStart(m.end(), CAPITALISED) for m in _STACKED_HONORIFIC.finditer(text)]
    starts += [NameStart(m.start("name"), RELATION) for m in _HONORIFIC_AFTER.finditer(text)]
    starts += [NameStart(m.start("name"), UNUSUAL) for m in _SHORT_HONORIFIC_AFTER.finditer(text)]
    starts += [NameStart(m.end(), RELATION) for m in _PLURAL_RELATION.finditer(text)]
    starts += [NameStart(m.end(), KNOWN) for m in _RELATION_WITHOUT_POSSESSIVE.finditer(text)]
    starts += [NameStart(m.start("name"), UNUSUAL) for m in _LIFE_VERB.finditer(text)]
    starts += [NameStart(m.end(), KNOWN) for m in _ME_AND.finditer(text)]
    starts += [NameStart(m.end(), RELATION) for m in _NEW_PERSON.finditer(text)]
    starts += [NameStart(m.end(), RELATION) for m in _ASK_PERSON.finditer(text)]
    starts += [NameStart(m.end(), KNOWN) for m in _ASK_KNOWN_PERSON.finditer(text)]
    starts += [NameStart(m.end(), CAPITALISED) for m in _PAYEE_OR_FIELD.finditer(text)]
    starts += [NameStart(m.end(), UNUSUAL) for m in _ROLE_IS.finditer(text)]
    starts += [NameStart(m.end(), CAPITALISED) for m in _ADDRESSED.finditer(text)]
    starts += [NameStart(m.end(), FIRST) for m in _PERSON_MARKER.finditer(text)]
    starts += [NameStart(m.end(), FIRST) for m in _WITH_FOREIGN.finditer(text)]
    starts += [NameStart(m.end(), CAPITALISED) for m in _SERVICE_ROLE.finditer(text)]
    starts += [NameStart(m.end(), CAPITALISED) for m in _THE_RELATION_COMMA.finditer(text)]
    starts += [
        NameStart(m.start("items") + item.start(), LISTED)
        for m in _ME_AND_LIST.finditer(text)
        for items in [[i for i in _LIST_ITEM.finditer(m.group("items")) if i.group(0).casefold() not in _LIST_JOINERS]]
        if len(items) >= 2
        for item in items
    ]
    starts += [NameStart(m.end(), RELATION) for m in _NAAM.finditer(text)]
    starts += [NameStart(m.end(), FIRST) for m in _ARTICLE_NAME.finditer(text)]
    starts += [NameStart(m.end(), UNUSUAL) for m in _FAMILY.finditer(text)]
    starts += [NameStart(m.end(), RELATION) for m in _KEYED_NAME.finditer(text)]
    starts += _after_misspelt_relations(text)
    starts += [NameStart(m.end(), INTRO) for m in _INTRO.finditer(text)]
    starts += [NameStart(m.end(), UNUSUAL) for m in _HERE.finditer(text)]
    return starts


def whole_names(text: str) -> list[WholeName]:
    names = [WholeName(m.start("name"), m.end("name")) for m in _SURNAME_STATEMENT.finditer(text)]
    names += [WholeName(m.start("name"), m.end("name")) for m in _HONORIFIC_AFTER.finditer(text) if "-" in m.group(0)]
    if "\n" in text:
        names += _table_names(text)
    names += _east_asian_given_names(text)
    names += [WholeName(m.start(), m.end("name")) for m in _INITIAL_SURNAME.finditer(text)]
    return [n for n in names if len(text[n.start : n.end].split()) <= 4]


def _speakers(text: str) -> list[NameStart]:
    """Speaker labels of a pasted transcript: a word and a colon at line start, on two or more
    lines. One label alone is as often a form field ("venue: ..."); a label repeated is a speaker."""
    labels = [(m.group(1), m.start(1)) for m in _SPEAKER.finditer(text)]
    if len(labels) < 2:
        return []
    counts: dict[str, int] = {}
    for label, _ in labels:
        counts[label.casefold()] = counts.get(label.casefold(), 0) + 1
    return [
        NameStart(start, FIRST if counts[label.casefold()] == 1 else RELATION)
        for label, start in labels
        if label.casefold() not in _NOT_SPEAKERS
    ]


def persona_regions(text: str) -> list[tuple[int, int]]:
    """Where the user names a character the assistant plays, or a stage name: "play Professor
    Hallow", "you are Captain Nova", "Dr. Quince, what would you prescribe?", "DJ Vanta". Those
    are the conversation's personas, not people the user knows."""
    return [m.span() for p in (_PLAY_AS, _TITLED_ADDRESS, _STAGE_NAME) for m in p.finditer(text)]


def in_table_header(text: str, pos: int) -> bool:
    """Whether `pos` lies on the header line of a pasted table with a Name column ("Name, Role,
    Start date"): "Name," there is a column title, not the cue "name, <name>"."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    if line_end == -1:
        return False
    line = text[line_start:line_end]
    next_end = text.find("\n", line_end + 1)
    next_line = text[line_end + 1 : next_end if next_end != -1 else len(text)]
    for d in _TABLE_DELIMITERS:
        cells = [c.strip() for c in line.strip().strip("|").split(d)]
        rows = next_line.strip().strip("|").split(d)
        if len(cells) >= 2 and len(rows) == len(cells) and any(_NAME_HEADERS.fullmatch(c) for c in cells):
            return True
    return False


def _table_names(text: str) -> list[WholeName]:
    """Cells of the name columns of a pasted table (CSV, tab-, semicolon- or pipe-separated)."""
    names: list[WholeName] = []
    columns: list[int] = []
    generic: set[int] = set()
    delimiter = ""
    offset = 0
    for line in text.split("\n"):
        line_offset, offset = offset, offset + len(line) + 1
        if not columns:
            for d in _TABLE_DELIMITERS:
                cells = [c.strip() for c in line.strip().strip("|").split(d)]
                if len(cells) >= 2:
                    columns = [k for k, c in enumerate(cells) if _NAME_HEADERS.fullmatch(c)]
                    if columns:
                        delimiter = d
                        # a bare "Name" column also names products ("Widget"): two words needed
                        generic = {k for k in columns if _GENERIC_NAME_HEADER.fullmatch(cells[k])}
                        break
            continue
        if delimiter not in line:
            if line.strip():
                columns = []  # the table ended
            continue
        body_start = len(line) - len(line.lstrip(" \t|")) if delimiter == "|" else 0
        cell_start = line_offset + body_start
        for k, cell in enumerate(line[body_start:].split(delimiter)):
            value = cell.strip()
            if k in columns and value and _CELL_NAME.fullmatch(value) and (k not in generic or _TWO_NAME_WORDS.fullmatch(value)):
                lead = len(cell) - len(cell.lstrip())
                names.append(WholeName(cell_start + lead, cell_start + lead + len(value)))
            cell_start += len(cell) + 1
    return names


_GENERIC_NAME_HEADER = re.compile(r"name|nom|naam|nombre|nome", re.IGNORECASE)
_TWO_NAME_WORDS = re.compile(r"[^\W\d_][\w'’.-]+(?:[ \t]+[^\W\d_][\w'’.-]+){1,3}")
_CELL_NAME = re.compile(r"[^\W\d_]+(?:['’.-]?[^\W\d_]+)*(?:[ \t]+[^\W\d_]+(?:['’.-]?[^\W\d_]+)*){0,3}")


def _east_asian_given_names(text: str) -> list[WholeName]:
    """Two romanised Korean or Mandarin syllables: "Ji-woo", "Sung-min", "Mei Ling"; typed in
    lowercase and apart ("mei ling") only right after a relation word."""
    names = []
    for m in _SYLLABLE_PAIR.finditer(text):
        a, b = m.group("a"), m.group("b")
        if a.casefold() not in G.EAST_ASIAN_SYLLABLES or b.casefold() not in G.EAST_ASIAN_SYLLABLES:
            continue
        if a.casefold() == b.casefold():
            continue  # "ha ha", "na na"
        if m.group("gap") == "-" and a[0].isupper() and b.islower():
            names.append(WholeName(m.start(), m.end("b")))
        elif m.group("gap") != "-" and a[0].isupper() and b[0].isupper() and not (a.isupper() or b.isupper()):
            names.append(WholeName(m.start(), m.end("b")))
        elif a.islower() and b.islower() and _RELATION_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            names.append(WholeName(m.start(), m.end("b")))
    return names


def _after_misspelt_relations(text: str) -> list[NameStart]:
    """After "my freind", "our neigbour", "my best cowroker": a relation word with one typo."""
    starts = []
    for m in _POSSESSIVE_WORDS.finditer(text):
        for group in ("w1", "w2"):
            word = (m.group(group) or "").casefold()
            if len(word) < 5 or word in W.RELATION_WORDS or word in _NOT_TYPOS or word[:-1] in W.RELATION_WORDS:
                continue
            if any(_one_edit_apart(word, r) for r in _TYPO_CANDIDATES):
                starts.append(NameStart(_AFTER_RELATION.match(text, m.end(group)).end(), RELATION))
                break
    return starts


def _one_edit_apart(a: str, b: str) -> bool:
    """One substitution, insertion, deletion or swap of neighbours ("freind", "neigbour")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [k for k in range(len(a)) if a[k] != b[k]]
        if len(diffs) == 1:
            return True
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    k = 0
    while k < len(short) and short[k] == long_[k]:
        k += 1
    return short[k:] == long_[k + 1 :]
