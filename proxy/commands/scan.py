"""chatveil scan: run the proxy's pipeline on text, without a proxy."""

from __future__ import annotations

import argparse
import json
import sys

from proxy.findings import TextOutcome
from proxy.policy import load_policy


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "scan",
        help="redact text from a file or stdin with the same pipeline the proxy uses",
        description=(
            "Run ChatVeil's detection and policy on text and print the redacted text.\n\n"
            "Example:\n  echo 'I am Jane Doe, card 4111 1111 1111 1111' | chatveil scan --json"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", nargs="?", help="text file to read (default: standard input)")
    p.add_argument("--policy", help="policy YAML (default: policies/default.yaml)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print one JSON object with the findings")
    out.add_argument(
        "--jsonl",
        action="store_true",
        help='read one JSON object per line with a "text" field, write one result per line',
    )
    p.set_defaults(handler=run_scan)


def outcome_json(outcome: TextOutcome) -> dict:
    return {
        "redacted": outcome.redacted,
        "decision": outcome.action,
        "findings": [
            {
                "type": d.finding.entity_type,
                "start": d.finding.start,
                "end": d.finding.end,
                "score": d.finding.score,
                "action": d.action,
                "recognizer": d.finding.recognizer,
            }
            for d in outcome.decisions
        ],
    }


def run_scan(args) -> int:
    from proxy.pipeline import Pipeline

    policy = load_policy(args.policy)
    source = open(args.file, encoding="utf-8") if args.file else sys.stdin
    with source:
        pipeline = Pipeline(policy)  # loaded once, even for a corpus of thousands of lines
        if args.jsonl:
            for number, line in enumerate(source, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    text = item["text"]
                except (ValueError, KeyError, TypeError):
                    raise ValueError(f"line {number}: expected a JSON object with a \"text\" field") from None
                result = outcome_json(pipeline.process(text))
                if "id" in item:
                    result = {"id": item["id"], **result}
                print(json.dumps(result, ensure_ascii=False), flush=True)
            return 0
        outcome = pipeline.process(source.read())
    if args.json:
        print(json.dumps(outcome_json(outcome), ensure_ascii=False))
    else:
        sys.stdout.write(outcome.redacted)
    return 0
