"""The labelled chat corpus behind `chatveil eval` is well formed, large and varied enough.

These check the corpus, not the detector: offsets, sizes, coverage of languages and groups, and
that every test value is a valid one from a test range (a card failing Luhn would measure nothing).
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


def _load_values_module():
    spec = importlib.util.spec_from_file_location("make_corpus_values", DATA / "make_corpus_values.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


values = _load_values_module()


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(DEFAULT_CORPUS_PATH)


@pytest.fixture(scope="module")
def raw_lines():
    return [json.loads(line) for line in DEFAULT_CORPUS_PATH.read_text(encoding="utf-8").splitlines()]


def token_positions(text, token):
    """Offsets where `token` stands as a whole token, as `occurs` counts it."""
    found = []
    for i in range(len(text)):
        if text.startswith(token, i):
            before = text[i - 1] if i else " "
            after = text[i + len(token)] if i + len(token) < len(text) else " "
            if not (token[0].isalnum() and before.isalnum()) and not (token[-1].isalnum() and after.isalnum()):
                found.append(i)
    return found


def labelled(corpus, entity_type):
    for m in corpus.messages:
        for s in m.spans:
            if s.entity_type == entity_type:
                yield m.text[s.start : s.end]


def test_corpus_has_at_least_450_messages_with_unique_ids_and_texts(corpus):
    assert len(corpus.messages) >= 450
    assert len({m.id for m in corpus.messages}) == len(corpus.messages)
    assert len({m.text for m in corpus.messages}) == len(corpus.messages)


def test_every_record_has_the_documented_fields(raw_lines):
    for item in raw_lines:
        assert set(item) == {"id", "text", "spans", "keep", "tags"}, item["id"]
        for s in item["spans"]:
            assert set(s) == {"start", "end", "type"}, item["id"]


def test_spans_are_exact_offsets_without_surrounding_whitespace(corpus):
    for m in corpus.messages:
        for s in m.spans:
            value = m.text[s.start : s.end]
            assert value and value == value.strip(), (m.id, s)
            assert s.entity_type in TYPES, (m.id, s.entity_type)


def test_spans_do_not_overlap(corpus):
    for m in corpus.messages:
        ordered = sorted(m.spans, key=lambda s: s.start)
        for a, b in zip(ordered, ordered[1:]):
            assert a.end <= b.start, m.id


def test_keep_strings_occur_and_lie_outside_labelled_values(corpus):
    for m in corpus.messages:
        for k in m.keep:
            assert occurs(m.text, k), (m.id, k)
            # Where k stands as a whole token it is not part of a labelled value ("3" may
            # occur inside an API key; that is not the "3" to keep).
            for start in token_positions(m.text, k):
                assert not any(s.start < start + len(k) and start < s.end for s in m.spans), (m.id, k)


def test_at_least_70_messages_have_no_personal_data(corpus):
    assert sum(1 for m in corpus.messages if not m.spans) >= 70


def test_each_target_group_appears_in_at_least_60_messages(corpus):
    for group, types in GROUPS.items():
        count = sum(1 for m in corpus.messages if any(s.entity_type in types for s in m.spans))
        assert count >= 60, group


def test_every_entity_type_is_labelled_somewhere(corpus):
    present = {s.entity_type for m in corpus.messages for s in m.spans}
    assert present == set(TYPES)


def test_several_languages_and_registers_are_present(corpus):
    tags = Counter(t for m in corpus.messages for t in m.tags)
    for language in ("en", "de", "fr", "es", "nl", "hi-en"):
        assert tags[language] >= 5, language
    for register in ("lowercase", "roleplay", "form", "multiline", "emoji", "typo", "runon", "multi_type"):
        assert tags[register] >= 5, register


def test_persona_names_are_allowed_and_kept_in_role_play(corpus):
    allow = set(corpus.allow_list)
    assert {"Luna", "Aria"} <= allow
    role_play = [m for m in corpus.messages if "roleplay" in m.tags]
    assert sum(1 for m in role_play if any(k.casefold() in {a.casefold() for a in allow} for k in m.keep)) >= 30
    assert meta_path(DEFAULT_CORPUS_PATH).exists()


def test_no_labelled_name_is_a_persona_name(corpus):
    # A persona name is allowed by the evaluation's policy; labelling it as a person to redact
    # would make a case no policy could pass.
    allow = {a.casefold() for a in corpus.allow_list}
    assert not [v for v in labelled(corpus, "PERSON") if v.casefold() in allow]


def test_card_numbers_pass_luhn_and_start_with_test_prefixes(corpus):
    prefixes = tuple(prefix for prefix, _ in values.CARD_BRANDS.values())
    cards = list(labelled(corpus, "CREDIT_CARD"))
    assert len(cards) >= 40
    for card in cards:
        digits = re.sub(r"\D", "", card)
        assert values.luhn_valid(digits) and digits.startswith(prefixes), card[:4]
        assert len(digits) in (14, 15, 16, 19)


def test_ibans_have_valid_mod97_check_digits_in_several_countries(corpus):
    ibans = list(labelled(corpus, "IBAN_CODE"))
    assert all(values.iban_valid(i) for i in ibans)
    assert len({i[:2].upper() for i in ibans}) >= 8


def test_us_routing_numbers_pass_the_aba_checksum(corpus):
    routing = [v for v in labelled(corpus, "BANK_ACCOUNT") if re.fullmatch(r"\d{9}", v)]
    assert routing and all(values.aba_valid(r) for r in routing)


def test_emails_use_reserved_example_domains(corpus):
    for email in labelled(corpus, "EMAIL_ADDRESS"):
        domain = email.rsplit("@", 1)[1]
        assert re.search(r"(^|\.)example\.[a-z.]+$", domain), domain


def test_the_committed_corpus_is_what_the_builder_produces():
    spec = importlib.util.spec_from_file_location("build_corpus", DATA / "build_corpus.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    built = [json.dumps(r, ensure_ascii=False) for r in builder.build()]
    assert built == DEFAULT_CORPUS_PATH.read_text(encoding="utf-8").splitlines()


def test_values_generator_matches_published_check_vectors():
    assert values.iban_valid("GB82 WEST 1234 5698 7654 32")
    assert values.aba_valid("011000015")
    assert values.luhn_valid("4111111111111111") and not values.luhn_valid("4111111111111112")
