"""Every labelled corpus is well formed: the checks all four share, run over each of them.

`chat` is the tuned corpus; `holdout`, `fresh` and `sealed` were written later, each without
reading the others or the recognizers (docs/benchmarks.md says which became tuning targets).
These tests check the corpora only — offsets, sizes, valid test values, that each committed file
is its builder's output — never what the detector finds in them. What is particular to one corpus
(its languages and registers, its generated values) stays in its own test file.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from proxy.evaluation import GROUPS, TYPES, load_corpus, meta_path, occurs

DATA = Path(__file__).resolve().parent / "data"


def load_data_module(name: str):
    """A script of tests/data by path: they are scripts, not a package."""
    spec = importlib.util.spec_from_file_location(name, DATA / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


values = load_data_module("make_corpus_values")
builder = load_data_module("build_corpus")

# corpus → (messages, without personal data, names, addresses, payment values) at least
MINIMUMS = {
    "chat": (450, 70, 200, 100, 150),
    "holdout": (300, 60, 150, 80, 80),
    "fresh": (250, 50, 120, 60, 70),
    "sealed": (200, 40, 100, 50, 50),
}


# corpus → (languages with at least 5 messages, registers with at least `n` messages, n)
LANGUAGES_AND_REGISTERS = {
    "chat": (("en", "de", "fr", "es", "nl", "hi-en"),
             ("lowercase", "roleplay", "form", "multiline", "emoji", "typo", "runon", "multi_type"), 5),
    "holdout": (("en", "de", "fr", "es", "nl", "hi-en"),
                ("lowercase", "roleplay", "form", "multiline", "emoji", "typo", "runon", "allcaps"), 5),
    "fresh": (("de", "fr", "es", "nl", "it", "pt", "hi-en", "tl-en"),
              ("lowercase", "roleplay", "code", "csv", "multiline", "emoji", "typo", "runon", "caps"), 3),
    "sealed": (("en", "de", "fr", "es", "nl", "pt", "hi-en"),
               ("lowercase", "roleplay", "voice", "companion", "multiline", "emoji", "typo"), 3),
}
# corpus → role-play messages in which a persona's name must be kept, at least
PERSONA_KEEPS = {"chat": 30, "holdout": 20, "fresh": 15, "sealed": 0}


@pytest.fixture(scope="module", params=sorted(MINIMUMS))
def name(request):
    return request.param


@pytest.fixture(scope="module")
def corpus(name):
    return load_corpus(builder.CORPORA[name].output)


def labelled(corpus, entity_type):
    for m in corpus.messages:
        for s in m.spans:
            if s.entity_type == entity_type:
                yield m.text[s.start : s.end]


def whole_token_positions(text, token):
    """Offsets where `token` stands as a whole token, as `occurs` counts it."""
    found = []
    for i in range(len(text)):
        if text.startswith(token, i):
            before = text[i - 1] if i else " "
            after = text[i + len(token)] if i + len(token) < len(text) else " "
            if not (token[0].isalnum() and before.isalnum()) and not (token[-1].isalnum() and after.isalnum()):
                found.append(i)
    return found


def test_the_committed_corpus_is_what_its_builder_produces(name):
    spec = builder.CORPORA[name]
    built = [json.dumps(r, ensure_ascii=False) for r in builder.build(spec.source, spec.prefix)]
    assert built == spec.output.read_text(encoding="utf-8").splitlines()
    assert json.loads(meta_path(spec.output).read_text(encoding="utf-8"))["allow_list"] == spec.personas


def test_ids_are_numbered_and_texts_unique_and_records_have_the_documented_fields(name, corpus):
    prefix = builder.CORPORA[name].prefix
    assert [m.id for m in corpus.messages] == [f"{prefix}{n:04d}" for n in range(1, len(corpus.messages) + 1)]
    assert len({m.text for m in corpus.messages}) == len(corpus.messages)
    for line in builder.CORPORA[name].output.read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) == {"id", "text", "spans", "keep", "tags"}


def test_sizes_meet_the_minimums(name, corpus):
    messages, without_pii, *group_minimums = MINIMUMS[name]
    assert len(corpus.messages) >= messages
    assert sum(1 for m in corpus.messages if not m.spans) >= without_pii
    counts = Counter(g for m in corpus.messages for s in m.spans for g, types in GROUPS.items() if s.entity_type in types)
    assert all(c >= minimum for c, minimum in zip((counts["names"], counts["addresses"], counts["payment"]), group_minimums))
    assert {s.entity_type for m in corpus.messages for s in m.spans} == set(TYPES)


def test_languages_and_registers_are_present(name, corpus):
    languages, registers, at_least = LANGUAGES_AND_REGISTERS[name]
    tags = Counter(t for m in corpus.messages for t in m.tags)
    assert [lang for lang in languages if tags[lang] < 5] == []
    assert [r for r in registers if tags[r] < at_least] == []


def test_messages_without_personal_data_are_tagged_so(corpus):
    assert not [m.id for m in corpus.messages if bool(m.spans) == ("no_pii" in m.tags)]


def test_spans_are_exact_non_overlapping_offsets_of_known_types(corpus):
    for m in corpus.messages:
        ordered = sorted(m.spans, key=lambda s: s.start)
        for a, b in zip(ordered, ordered[1:]):
            assert a.end <= b.start, m.id
        for s in m.spans:
            assert 0 <= s.start < s.end <= len(m.text), (m.id, s)
            value = m.text[s.start : s.end]
            assert value == value.strip() and s.entity_type in TYPES, (m.id, s)


def test_a_labelled_value_never_also_occurs_unlabelled_in_its_message(corpus):
    # Such an occurrence would count as a leak that the labels do not explain.
    for m in corpus.messages:
        for s in m.spans:
            value = m.text[s.start : s.end]
            for start in whole_token_positions(m.text, value):
                assert any(o.start <= start and start + len(value) <= o.end for o in m.spans), (m.id, s)


def test_keep_strings_occur_outside_labelled_values(corpus):
    for m in corpus.messages:
        for k in m.keep:
            assert occurs(m.text, k), (m.id, k)
            # Where k stands as a whole token it is not part of a labelled value ("3" may occur
            # inside an API key; that is not the "3" to keep).
            for start in whole_token_positions(m.text, k):
                assert not any(s.start < start + len(k) and start < s.end for s in m.spans), (m.id, k)


def test_persona_names_are_never_labelled_and_each_corpus_has_its_own(name, corpus):
    # A persona name is allowed by the evaluation's policy; labelling it as a person to redact
    # would make a case no policy could pass.
    allow = {a.casefold() for a in corpus.allow_list}
    assert len(allow) >= 10
    assert not [v for v in labelled(corpus, "PERSON") if v.casefold() in allow]
    others = {a.casefold() for other, spec in builder.CORPORA.items() if other != name for a in spec.personas}
    assert not allow & others
    role_play = [m for m in corpus.messages if "roleplay" in m.tags]
    assert sum(1 for m in role_play if any(k.casefold() in allow for k in m.keep)) >= PERSONA_KEEPS[name]


def test_card_numbers_pass_luhn_and_start_with_test_prefixes(corpus):
    prefixes = tuple(prefix for prefix, _ in values.CARD_BRANDS.values())
    cards = list(labelled(corpus, "CREDIT_CARD"))
    assert len(cards) >= 10
    for card in cards:
        digits = re.sub(r"\D", "", card)
        assert values.luhn_valid(digits) and digits.startswith(prefixes), card[:4]
        assert len(digits) in (14, 15, 16, 19)


def test_ibans_carry_valid_check_digits_in_several_countries(corpus):
    ibans = list(labelled(corpus, "IBAN_CODE"))
    assert ibans and all(values.iban_valid(i) for i in ibans)
    assert len({i[:2].upper() for i in ibans}) >= 5


def test_us_routing_numbers_pass_the_aba_checksum(corpus):
    # Only the value right after a routing cue is a routing number; account numbers have no check digit.
    routing = [
        m.text[s.start : s.end]
        for m in corpus.messages
        for s in m.spans
        if s.entity_type == "BANK_ACCOUNT" and re.search(r"(?i)(routing|aba)( number| no\.?| #)?\W*$", m.text[max(0, s.start - 20) : s.start])
    ]
    assert all(values.aba_valid(re.sub(r"\D", "", r)) for r in routing), routing


def test_emails_use_reserved_example_domains(corpus):
    for email in labelled(corpus, "EMAIL_ADDRESS"):
        assert re.search(r"(?i)(^|\.)example\.[a-z.]+$", email.rsplit("@", 1)[1]), email


def crypto_checksum_valid(address: str) -> bool:
    """Base58Check for legacy Bitcoin, bech32 for bc1..., 40 hex digits for Ethereum."""
    if address.startswith("0x"):
        return re.fullmatch(r"0x[0-9a-fA-F]{40}", address) is not None
    if address.lower().startswith("bc1"):
        hrp, data = address.lower().rsplit("1", 1)
        expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
        return values._bech32_polymod(expanded + [values._BECH32.index(c) for c in data]) == 1
    n = 0
    for c in address:
        n = n * 58 + values._B58.index(c)
    raw = n.to_bytes(25, "big")
    return hashlib.sha256(hashlib.sha256(raw[:-4]).digest()).digest()[:4] == raw[-4:]


def test_crypto_addresses_carry_valid_checksums(corpus):
    addresses = list(labelled(corpus, "CRYPTO"))
    assert addresses and all(crypto_checksum_valid(a) for a in addresses), addresses


def test_values_generator_matches_published_check_vectors():
    assert values.iban_valid("GB82 WEST 1234 5698 7654 32")
    assert values.aba_valid("011000015")
    assert values.luhn_valid("4111111111111111") and not values.luhn_valid("4111111111111112")
