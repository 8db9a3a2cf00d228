"""The sealed corpus is well formed. It was written last, outside the repository, by someone who
read neither the other corpora nor the recognizers, and kept out of sight until the final
measurement (docs/benchmarks.md says what happened after). Like the other held-out sets, these
tests check the corpus only, never what the detector finds in it."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

from proxy.evaluation import GROUPS, load_corpus

DATA = Path(__file__).resolve().parent / "data"
SEALED = DATA / "sealed_corpus.jsonl"


def test_spans_are_exact_offsets_and_sizes_meet_the_brief():
    corpus = load_corpus(SEALED)
    per_type = Counter()
    for m in corpus.messages:
        assert m.id.startswith("s")
        for s in m.spans:
            assert 0 <= s.start < s.end <= len(m.text)
            per_type[s.entity_type] += 1
    assert len(corpus.messages) >= 200
    assert sum(1 for m in corpus.messages if not m.spans) >= 40
    assert per_type["PERSON"] >= 100 and per_type["STREET_ADDRESS"] >= 50
    assert sum(per_type[t] for t in GROUPS["payment"]) >= 50


def test_the_committed_sealed_corpus_is_what_the_builder_produces():
    spec = importlib.util.spec_from_file_location("build_corpus", DATA / "build_corpus.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    built = [json.dumps(r, ensure_ascii=False) for r in builder.build(builder.SEALED_SOURCE, "s")]
    assert SEALED.read_text(encoding="utf-8").splitlines() == built
    meta = json.loads((DATA / "sealed_corpus.meta.json").read_text(encoding="utf-8"))
    assert meta["allow_list"] == builder.SEALED_PERSONA_NAMES
