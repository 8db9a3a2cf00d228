"""The held-out corpus is well formed and big enough to measure the detector with.

It was written without reading chat_corpus or the recognizers, so that its figures say how the
detector generalises. These tests check the corpus only — offsets, sizes, group counts, valid test
values — and never what the detector finds in it: a held-out set that has to pass is no longer
held out.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from proxy.evaluation import DEFAULT_CORPUS_PATH, GROUPS, TYPES, load_corpus, meta_path, occurs

DATA = Path(__file__).resolve().parent / "data"
HOLDOUT_PATH = DATA / "holdout_corpus.jsonl"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, DATA / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


values = _load("make_corpus_values")


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(HOLDOUT_PATH)


def labelled(corpus, entity_type):
    for m in corpus.messages:
        for s in m.spans:
            if s.entity_type == entity_type:
                yield m.text[s.start : s.end]


def whole_token_positions(text, token):
    found = []
    for i in range(len(text)):
        if text.startswith(token, i):
            before = text[i - 1] if i else " "
            after = text[i + len(token)] if i + len(token) < len(text) else " "
            if not (token[0].isalnum() and before.isalnum()) and not (token[-1].isalnum() and after.isalnum()):
                found.append(i)
    return found


def test_holdout_has_at_least_300_messages_with_unique_ids_and_texts(corpus):
    assert len(corpus.messages) >= 300
    assert len({m.id for m in corpus.messages}) == len(corpus.messages)
    assert len({m.text for m in corpus.messages}) == len(corpus.messages)
    assert all(m.id.startswith("h") for m in corpus.messages)


def test_every_record_has_the_documented_fields():
    for line in HOLDOUT_PATH.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        assert set(item) == {"id", "text", "spans", "keep", "tags"}, item["id"]


def test_spans_are_exact_non_overlapping_offsets_of_known_types(corpus):
    for m in corpus.messages:
        ordered = sorted(m.spans, key=lambda s: s.start)
        for a, b in zip(ordered, ordered[1:]):
            assert a.end <= b.start, m.id
        for s in m.spans:
            value = m.text[s.start : s.end]
            assert value and value == value.strip(), (m.id, s)
            assert s.entity_type in TYPES, (m.id, s.entity_type)


def test_keep_strings_occur_outside_labelled_values(corpus):
    for m in corpus.messages:
        for k in m.keep:
            assert occurs(m.text, k), (m.id, k)
            for start in whole_token_positions(m.text, k):
                assert not any(s.start < start + len(k) and start < s.end for s in m.spans), (m.id, k)


def test_at_least_60_messages_have_no_personal_data(corpus):
    assert sum(1 for m in corpus.messages if not m.spans) >= 60


def test_core_groups_have_enough_labelled_values(corpus):
    counts = Counter()
    for m in corpus.messages:
        for s in m.spans:
            for group, types in GROUPS.items():
                if s.entity_type in types:
                    counts[group] += 1
    assert counts["names"] >= 150
    assert counts["addresses"] >= 80
    assert counts["payment"] >= 80


def test_every_payment_type_and_the_other_types_appear(corpus):
    present = {s.entity_type for m in corpus.messages for s in m.spans}
    assert present == set(TYPES)


def test_several_languages_and_registers_are_present(corpus):
    tags = Counter(t for m in corpus.messages for t in m.tags)
    for language in ("en", "de", "fr", "es", "nl", "hi-en"):
        assert tags[language] >= 5, language
    for register in ("lowercase", "roleplay", "form", "multiline", "emoji", "typo", "runon", "allcaps"):
        assert tags[register] >= 5, register


def test_personas_differ_from_the_tuned_corpus_and_are_never_labelled(corpus):
    tuned = {a.casefold() for a in load_corpus(DEFAULT_CORPUS_PATH).allow_list}
    allow = {a.casefold() for a in corpus.allow_list}
    assert len(allow) >= 10 and not allow & tuned
    assert not [v for v in labelled(corpus, "PERSON") if v.casefold() in allow]
    role_play = [m for m in corpus.messages if "roleplay" in m.tags]
    assert sum(1 for m in role_play if any(k.casefold() in allow for k in m.keep)) >= 20
    assert meta_path(HOLDOUT_PATH).exists()


def test_card_numbers_pass_luhn_and_start_with_test_prefixes(corpus):
    prefixes = tuple(prefix for prefix, _ in values.CARD_BRANDS.values())
    cards = list(labelled(corpus, "CREDIT_CARD"))
    assert len(cards) >= 30
    for card in cards:
        digits = re.sub(r"\D", "", card)
        assert values.luhn_valid(digits) and digits.startswith(prefixes), card[:4]


def test_ibans_and_routing_numbers_carry_valid_check_digits(corpus):
    ibans = list(labelled(corpus, "IBAN_CODE"))
    assert all(values.iban_valid(i) for i in ibans)
    assert len({i[:2].upper() for i in ibans}) >= 8
    # A 9-digit account number is not a routing number: only the value after a routing cue is.
    routing = [
        m.text[s.start : s.end]
        for m in corpus.messages
        for s in m.spans
        if s.entity_type == "BANK_ACCOUNT" and re.search(r"(?i)(routing|rtn)\W*$", m.text[max(0, s.start - 12) : s.start])
    ]
    assert len(routing) >= 3 and all(values.aba_valid(r) for r in routing)


def test_emails_use_reserved_example_domains(corpus):
    for email in labelled(corpus, "EMAIL_ADDRESS"):
        assert re.search(r"(^|\.)example\.[a-z.]+$", email.rsplit("@", 1)[1]), email


def test_the_committed_holdout_is_what_the_builder_produces():
    builder = _load("build_corpus")
    built = [json.dumps(r, ensure_ascii=False) for r in builder.build(builder.HOLDOUT_SOURCE, "h")]
    assert built == HOLDOUT_PATH.read_text(encoding="utf-8").splitlines()
