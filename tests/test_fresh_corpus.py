"""The fresh (second held-out) corpus is well formed and big enough for the final measurement.

It was written after chat_corpus and holdout_corpus had both become tuning targets, without
reading either of them or the recognizers. These tests check the corpus only — offsets, sizes,
group counts, valid test values, that the committed file is the builder's output — and never what
the detector finds in it: a held-out set that has to pass is no longer held out.
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
FRESH_PATH = DATA / "fresh_corpus.jsonl"
HOLDOUT_PATH = DATA / "holdout_corpus.jsonl"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, DATA / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


values = _load("make_corpus_values")


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(FRESH_PATH)


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


def test_fresh_has_at_least_250_messages_with_unique_f_ids_and_texts(corpus):
    assert len(corpus.messages) >= 250
    assert [m.id for m in corpus.messages] == [f"f{n:04d}" for n in range(1, len(corpus.messages) + 1)]
    assert len({m.text for m in corpus.messages}) == len(corpus.messages)


def test_every_record_has_the_documented_fields():
    for line in FRESH_PATH.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        assert set(item) == {"id", "text", "spans", "keep", "tags"}, item["id"]


def test_spans_are_exact_non_overlapping_offsets_of_known_types(corpus):
    for m in corpus.messages:
        ordered = sorted(m.spans, key=lambda s: s.start)
        for a, b in zip(ordered, ordered[1:]):
            assert a.end <= b.start, m.id
        for s in m.spans:
            assert 0 <= s.start < s.end <= len(m.text), (m.id, s)
            value = m.text[s.start : s.end]
            assert value == value.strip(), (m.id, s)
            assert s.entity_type in TYPES, (m.id, s.entity_type)


def test_a_labelled_value_never_also_occurs_unlabelled_in_its_message(corpus):
    for m in corpus.messages:
        for s in m.spans:
            value = m.text[s.start : s.end]
            for start in whole_token_positions(m.text, value):
                assert any(o.start <= start and start + len(value) <= o.end for o in m.spans), (m.id, s)


def test_keep_strings_occur_outside_labelled_values(corpus):
    for m in corpus.messages:
        for k in m.keep:
            assert occurs(m.text, k), (m.id, k)
            for start in whole_token_positions(m.text, k):
                assert not any(s.start < start + len(k) and start < s.end for s in m.spans), (m.id, k)


def test_at_least_50_messages_have_no_personal_data_and_are_tagged_so(corpus):
    no_pii = [m for m in corpus.messages if not m.spans]
    assert len(no_pii) >= 50
    assert all("no_pii" in m.tags for m in no_pii)
    assert not [m.id for m in corpus.messages if m.spans and "no_pii" in m.tags]


def test_core_groups_have_enough_labelled_values(corpus):
    counts = Counter()
    for m in corpus.messages:
        for s in m.spans:
            for group, types in GROUPS.items():
                if s.entity_type in types:
                    counts[group] += 1
    assert counts["names"] >= 120
    assert counts["addresses"] >= 60
    assert counts["payment"] >= 70


def test_every_type_appears(corpus):
    present = {s.entity_type for m in corpus.messages for s in m.spans}
    assert present == set(TYPES)


def test_several_languages_and_registers_are_present(corpus):
    tags = Counter(t for m in corpus.messages for t in m.tags)
    for language in ("de", "fr", "es", "nl", "it", "pt", "hi-en", "tl-en"):
        assert tags[language] >= 5, language
    for register in ("lowercase", "roleplay", "code", "csv", "multiline", "emoji", "typo", "runon", "caps"):
        assert tags[register] >= 3, register


def test_personas_differ_from_the_other_corpora_and_are_never_labelled(corpus):
    others = {a.casefold() for path in (DEFAULT_CORPUS_PATH, HOLDOUT_PATH) for a in load_corpus(path).allow_list}
    allow = {a.casefold() for a in corpus.allow_list}
    assert len(allow) >= 10 and not allow & others
    assert not [v for v in labelled(corpus, "PERSON") if v.casefold() in allow]
    role_play = [m for m in corpus.messages if "roleplay" in m.tags]
    assert sum(1 for m in role_play if any(k.casefold() in allow for k in m.keep)) >= 15
    assert meta_path(FRESH_PATH).exists()


def test_card_numbers_pass_luhn_and_start_with_test_prefixes(corpus):
    prefixes = tuple(prefix for prefix, _ in values.CARD_BRANDS.values())
    cards = list(labelled(corpus, "CREDIT_CARD"))
    assert len(cards) >= 20
    for card in cards:
        digits = re.sub(r"\D", "", card)
        assert values.luhn_valid(digits) and digits.startswith(prefixes), card[:4]
    brands = {b for b, (prefix, _) in values.CARD_BRANDS.items() for c in cards if re.sub(r"\D", "", c).startswith(prefix)}
    assert len(brands) >= 8


def test_ibans_and_routing_numbers_carry_valid_check_digits(corpus):
    ibans = list(labelled(corpus, "IBAN_CODE"))
    assert ibans and all(values.iban_valid(i) for i in ibans)
    assert len({i[:2].upper() for i in ibans}) >= 8
    # Only the value right after a routing cue is a routing number; account numbers have no check digit.
    routing = [
        m.text[s.start : s.end]
        for m in corpus.messages
        for s in m.spans
        if s.entity_type == "BANK_ACCOUNT" and re.search(r"(?i)routing( number)?\W*$", m.text[max(0, s.start - 20) : s.start])
    ]
    assert len(routing) >= 4 and all(values.aba_valid(r) for r in routing)


def test_crypto_addresses_are_generated_with_their_checksums(corpus):
    addresses = list(labelled(corpus, "CRYPTO"))
    generated = (
        {values.btc_legacy(f"f{n:02d}") for n in range(1, 10)}
        | {values.btc_legacy(f"f{n:02d}", version=5) for n in range(1, 10)}
        | {values.btc_bech32(f"f{n:02d}") for n in range(1, 10)}
        | {values.eth(f"f{n:02d}") for n in range(1, 10)}
    )
    assert len(addresses) >= 4 and set(addresses) <= generated


def test_emails_use_reserved_example_domains(corpus):
    for email in labelled(corpus, "EMAIL_ADDRESS"):
        assert re.search(r"(?i)(^|\.)example\.[a-z.]+$", email.rsplit("@", 1)[1]), email


def test_the_committed_fresh_corpus_is_what_the_builder_produces():
    builder = _load("build_corpus")
    built = [json.dumps(r, ensure_ascii=False) for r in builder.build(builder.FRESH_SOURCE, "f")]
    assert built == FRESH_PATH.read_text(encoding="utf-8").splitlines()
    meta = json.loads(meta_path(FRESH_PATH).read_text(encoding="utf-8"))
    assert meta["allow_list"] == builder.FRESH_PERSONA_NAMES
