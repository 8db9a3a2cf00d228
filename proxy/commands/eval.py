"""chatveil eval: detection quality on a labelled corpus, next to vanilla Presidio."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from proxy.evaluation import DEFAULT_CORPUS_PATH, meta_path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "eval",
        help="measure detection on a labelled corpus, side by side with vanilla Presidio",
        description=(
            "Run ChatVeil's pipeline and vanilla Presidio (all default recognizers, the same spaCy\n"
            "model) on every message of a labelled corpus and print, per type and per group, the\n"
            "share of values caught and leaked verbatim, precision, the share of must-keep strings\n"
            "kept, and the median and 95th-percentile time per message. The corpus's persona names\n"
            "(allow_list in <corpus>.meta.json) are added to the policy's allow list.\n\n"
            f"Default corpus: {DEFAULT_CORPUS_PATH.relative_to(DEFAULT_CORPUS_PATH.parents[2])}\n\n"
            "Example:\n  chatveil eval --json > eval.json"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--corpus", help="labelled corpus, JSON lines (default: the bundled chat corpus)")
    p.add_argument("--policy", help="policy YAML (default: policies/default.yaml)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    p.set_defaults(handler=run_eval)


def run_eval(args) -> int:
    from proxy.evaluation import ChatVeilEngine, VanillaPresidioEngine, evaluate, format_table, load_corpus, report_json
    from proxy.policy import load_policy

    corpus = load_corpus(args.corpus)
    policy = load_policy(args.policy)
    engines = [ChatVeilEngine(policy, corpus.allow_list), VanillaPresidioEngine(policy.model)]
    reports = evaluate(corpus, engines)
    corpus_name = args.corpus or str(DEFAULT_CORPUS_PATH)
    if args.json:
        print(json.dumps(report_json(reports, corpus_name), ensure_ascii=False))
        return 0
    allowed = ""
    if corpus.allow_list:
        allowed = f", {len(corpus.allow_list)} persona names allowed ({meta_path(Path(corpus_name)).name})"
    print(f"{len(corpus.messages)} messages from {corpus_name}, policy {policy.name}{allowed}")
    print()
    print(format_table(reports))
    print()
    print(
        "caught: every letter and digit of the value replaced; leaked: the value still in the output\n"
        "verbatim; precision: replaced regions that overlap a labelled value; latency: per message."
    )
    return 0
