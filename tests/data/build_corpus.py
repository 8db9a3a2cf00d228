"""Build tests/data/chat_corpus.jsonl (+ .meta.json) from the marked-up chat_corpus.src.txt.

Offsets are never typed by hand: the source marks values inline and this script computes them.

    === tags: casual lowercase en        starts a message (tags separated by spaces)
    [[PERSON:jake morrison]]             a labelled value of that type
    {{5pm}}                              a string that must survive redaction ("keep")
    <<card:visa:3:s>>                    a generated test-range value (see make_corpus_values.py)
    ## …                                 a comment line, not part of any message

Labelling conventions: a name span is the name only, without titles or kinship words ("Mr.",
"Dr.", "Herrn", "grandma"); an address span is what a person would redact (street, house number,
unit, city, postcode; not a country named after it); a keep string is text that must reach the
AI service: times, prices, order numbers, public figures and places, the persona's name.
The values are invented: test card BINs, reserved phone ranges, example.com addresses.

Run: .venv/bin/python tests/data/build_corpus.py
The held-out corpus, written without looking at this one or at the recognizers, is built with
    .venv/bin/python tests/data/build_corpus.py --holdout
and the second held-out corpus, kept for the final measurement, with `--fresh`.
The script refuses to write a corpus with overlapping spans, a keep string inside a labelled
value, or a labelled value that also occurs unlabelled in the same message (that occurrence
would count as a leak the labels do not explain).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import NamedTuple
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus_values import expand  # noqa: E402

SOURCE = HERE / "chat_corpus.src.txt"
OUTPUT = HERE / "chat_corpus.jsonl"
META = HERE / "chat_corpus.meta.json"

TYPES = {
    "PERSON", "STREET_ADDRESS", "CREDIT_CARD", "CARD_CVV", "CARD_EXPIRY", "IBAN_CODE",
    "BANK_ACCOUNT", "PAYMENT_HANDLE", "CRYPTO", "EMAIL_ADDRESS", "PHONE_NUMBER", "US_SSN",
    "UK_NINO", "DATE_OF_BIRTH", "IP_ADDRESS", "SECRET",
}
LANGUAGES = {"en", "de", "fr", "es", "nl", "hi-en", "it", "pt", "tl-en", "pl"}

# Names of the AI personas the corpus's users talk to. A companion app user would put these in
# the policy's allow list; the evaluation does the same.
PERSONA_NAMES = [
    "Luna", "Aria", "Kai", "Nova", "Sage", "Ember", "Atlas", "Zara", "Mika", "Remy",
    "Juniper", "Orion", "Seraphina", "Raven", "Elara", "Captain Vex",
]

# The held-out corpus: its own source, ids ("h0001") and personas, so that no allow-list entry
# of the tuned corpus helps it.
HOLDOUT_SOURCE = HERE / "holdout_corpus.src.txt"
HOLDOUT_OUTPUT = HERE / "holdout_corpus.jsonl"
HOLDOUT_META = HERE / "holdout_corpus.meta.json"
HOLDOUT_PERSONA_NAMES = [
    "Willow", "Caspian", "Nyx", "Lyra", "Thorne", "Marisol", "Echo", "Bramble", "Solenne",
    "Quill", "Zephyr", "Inkwell", "Professor Hallow", "DJ Vanta", "Velvet",
]

# The second held-out corpus, for the final measurement: written after both corpora above were
# being tuned against, by someone who read neither; its own ids ("f0001") and personas.
FRESH_SOURCE = HERE / "fresh_corpus.src.txt"
FRESH_OUTPUT = HERE / "fresh_corpus.jsonl"
FRESH_META = HERE / "fresh_corpus.meta.json"
FRESH_PERSONA_NAMES = [
    "Marigold", "Cobalt", "Pip", "Saffron", "Lumen", "Wren", "Tansy", "Vesper", "Rook",
    "Clementine", "Mister Fable", "Ziggy Starlight", "Dr. Quince",
]

# The sealed corpus, written last, kept out of the repository until the final measurement.
SEALED_SOURCE = HERE / "sealed_corpus.src.txt"
SEALED_OUTPUT = HERE / "sealed_corpus.jsonl"
SEALED_META = HERE / "sealed_corpus.meta.json"
SEALED_PERSONA_NAMES = [
    "Kestrel", "Odalys", "Fenwick", "Sunniva", "Tamsin", "Bexley", "Morwenna", "DJ Nimbus",
    "Captain Osric", "Professor Thistle", "Ysolde", "Madame Corvina",
]

_MARK = re.compile(r"\[\[([A-Z_]+):(.*?)\]\]|\{\{(.*?)\}\}", re.DOTALL)
_GEN = re.compile(r"<<([^<>]+)>>")


def parse_source(text: str) -> list[tuple[list[str], str]]:
    messages: list[tuple[list[str], list[str]]] = []
    for line in text.split("\n"):
        if line.startswith("## "):
            continue
        if line.startswith("==="):
            tags = line[3:].strip().removeprefix("tags:").split()
            messages.append((tags, []))
        elif messages:
            messages[-1][1].append(line)
        elif line.strip():
            raise ValueError(f"text before the first '===' line: {line[:40]!r}")
    return [(tags, "\n".join(lines).strip("\n")) for tags, lines in messages]


def render(marked: str) -> tuple[str, list[dict], list[str]]:
    marked = _GEN.sub(lambda m: expand(m.group(1)), marked)
    out, spans, keep = [], [], []
    cursor = length = 0
    for m in _MARK.finditer(marked):
        before = marked[cursor : m.start()]
        out.append(before)
        length += len(before)
        if m.group(1):
            kind, value = m.group(1), m.group(2)
            if kind not in TYPES:
                raise ValueError(f"unknown type {kind} in {marked[:60]!r}")
            spans.append({"start": length, "end": length + len(value), "type": kind})
        else:
            value = m.group(3)
            if value not in keep:
                keep.append(value)
        out.append(value)
        length += len(value)
        cursor = m.end()
    out.append(marked[cursor:])
    text = "".join(out)
    if "[[" in text or "]]" in text or "{{" in text or "<<" in text:
        raise ValueError(f"unbalanced marker in {marked[:80]!r}")
    return text, spans, keep


def _occurrences(text: str, value: str) -> list[int]:
    found, i = [], text.find(value)
    while i != -1:
        before = text[i - 1] if i else " "
        after = text[i + len(value)] if i + len(value) < len(text) else " "
        # A value counts only as a whole token: "Al" inside "Also" is not Al.
        if not (value[0].isalnum() and before.isalnum()) and not (value[-1].isalnum() and after.isalnum()):
            found.append(i)
        i = text.find(value, i + 1)
    return found


def check(mid: str, text: str, spans: list[dict], keep: list[str]) -> None:
    ordered = sorted(spans, key=lambda s: s["start"])
    for a, b in zip(ordered, ordered[1:]):
        if b["start"] < a["end"]:
            raise ValueError(f"{mid}: overlapping spans")
    for s in spans:
        value = text[s["start"] : s["end"]]
        if value != value.strip() or not value:
            raise ValueError(f"{mid}: span {value!r} has surrounding whitespace")
        for i in _occurrences(text, value):
            if not any(o["start"] <= i and i + len(value) <= o["end"] for o in spans):
                raise ValueError(f"{mid}: {value!r} also occurs unlabelled")
    for k in keep:
        for i in _occurrences(text, k):
            if any(s["start"] < i + len(k) and i < s["end"] for s in spans):
                raise ValueError(f"{mid}: keep string {k!r} overlaps a labelled value")
        if not _occurrences(text, k):
            raise ValueError(f"{mid}: keep string {k!r} is not a whole token in the text")


def build(source: Path = SOURCE, id_prefix: str = "c") -> list[dict]:
    records, seen = [], set()
    for n, (tags, marked) in enumerate(parse_source(source.read_text(encoding="utf-8")), 1):
        mid = f"{id_prefix}{n:04d}"
        text, spans, keep = render(marked)
        if text in seen:
            raise ValueError(f"{mid}: duplicate message")
        seen.add(text)
        check(mid, text, spans, keep)
        tags = list(dict.fromkeys(tags))
        if not LANGUAGES & set(tags):
            tags.append("en")
        if not spans:
            tags.append("no_pii")
        if len({s["type"] for s in spans}) >= 2:
            tags.append("multi_type")
        if "\n" in text and "multiline" not in tags:
            tags.append("multiline")
        records.append({"id": mid, "text": text, "spans": spans, "keep": keep, "tags": tags})
    return records


# A NamedTuple, not a dataclass: the tests load this file by path, outside sys.modules, where
# @dataclass cannot resolve its own module.
class Corpus(NamedTuple):
    source: Path
    output: Path
    meta: Path
    personas: list[str]
    prefix: str
    description: str


CORPORA = {
    "chat": Corpus(SOURCE, OUTPUT, META, PERSONA_NAMES, "c",
                   "Labelled chat messages for `chatveil eval`; built by build_corpus.py."),
    "holdout": Corpus(HOLDOUT_SOURCE, HOLDOUT_OUTPUT, HOLDOUT_META, HOLDOUT_PERSONA_NAMES, "h",
                      "Held-out labelled chat messages for `chatveil eval`, written without looking at "
                      "chat_corpus or the recognizers; built by build_corpus.py --holdout."),
    "fresh": Corpus(FRESH_SOURCE, FRESH_OUTPUT, FRESH_META, FRESH_PERSONA_NAMES, "f",
                    "Second held-out set of labelled chat messages for `chatveil eval`, written without "
                    "looking at the other corpora or the recognizers; built by build_corpus.py --fresh."),
    "sealed": Corpus(SEALED_SOURCE, SEALED_OUTPUT, SEALED_META, SEALED_PERSONA_NAMES, "s",
                     "Sealed final-evaluation chat messages for `chatveil eval`, written without looking at "
                     "the other corpora or the recognizers; built by build_corpus.py."),
}


def main() -> None:
    parser = argparse.ArgumentParser(description="Build a labelled corpus for `chatveil eval`.")
    which = parser.add_mutually_exclusive_group()
    for name in CORPORA:
        if name != "chat":
            which.add_argument(f"--{name}", action="store_const", const=name, dest="corpus",
                               help=f"build {CORPORA[name].output.name} instead")
    corpus = CORPORA[parser.parse_args().corpus or "chat"]
    source, output, meta, personas, prefix = corpus.source, corpus.output, corpus.meta, corpus.personas, corpus.prefix
    description = corpus.description
    records = build(source, prefix)
    with output.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    meta.write_text(
        json.dumps(
            {
                "description": description,
                "allow_list": personas,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    n_types: dict[str, int] = {}
    for r in records:
        for s in r["spans"]:
            n_types[s["type"]] = n_types.get(s["type"], 0) + 1
    no_pii = sum(1 for r in records if not r["spans"])
    print(f"{len(records)} messages, {no_pii} without PII, {sum(n_types.values())} labelled values")
    for t in sorted(n_types):
        print(f"  {t:15} {n_types[t]}")


if __name__ == "__main__":
    main()
