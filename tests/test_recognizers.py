"""The registry: only ChatVeil's recognizers for the types a policy acts on, none of Presidio's defaults."""

from __future__ import annotations

import pytest

from proxy.detection.recognizers import build_recognizers
from proxy.policy import load_policy

PAYMENT_AND_IDENTIFIER_TYPES = [
    "CREDIT_CARD", "CARD_CVV", "CARD_EXPIRY", "IBAN_CODE", "BANK_ACCOUNT", "PAYMENT_HANDLE", "CRYPTO",
    "EMAIL_ADDRESS", "PHONE_NUMBER", "US_SSN", "UK_NINO", "DATE_OF_BIRTH", "IP_ADDRESS", "SECRET",
]


def test_every_payment_and_identifier_type_of_the_default_policy_has_a_recognizer():
    covered = {e for r in build_recognizers(PAYMENT_AND_IDENTIFIER_TYPES) for e in r.supported_entities}
    assert set(PAYMENT_AND_IDENTIFIER_TYPES) <= covered
    assert set(PAYMENT_AND_IDENTIFIER_TYPES) <= set(load_policy().acted_on_entities)


def test_no_presidio_default_recognizer_is_registered_for_the_default_policy():
    recognizers = build_recognizers(load_policy().acted_on_entities)
    foreign = [
        type(r).__name__
        for r in recognizers
        if not type(r).__module__.startswith("proxy.") and type(r).__name__ != "SpacyRecognizer"
    ]
    assert foreign == []
    # Nor one of theirs subclassed back in: only the spaCy NER wrapper and the e-mail pattern
    # (made offline in email.py) come from Presidio's predefined set.
    predefined = {
        c.__name__
        for r in recognizers
        for c in type(r).__mro__
        if c.__module__.startswith("presidio_analyzer.predefined_recognizers")
    }
    assert predefined <= {"SpacyRecognizer", "EmailRecognizer"}


@pytest.mark.parametrize("entity", PAYMENT_AND_IDENTIFIER_TYPES)
def test_a_type_the_policy_does_not_act_on_costs_nothing(entity):
    recognizers = build_recognizers([entity])
    assert recognizers and all(entity in r.supported_entities for r in recognizers)
    siblings = {e for r in recognizers for e in r.supported_entities}
    others = [e for e in PAYMENT_AND_IDENTIFIER_TYPES if e not in siblings]
    assert all(entity not in r.supported_entities for r in build_recognizers(others))


def test_a_us_phone_number_is_a_phone_and_nothing_else():
    text = "call me on 555-010-1234 tomorrow at 10:30, order 4521"
    results = [
        (res.entity_type, text[res.start : res.end])
        for r in build_recognizers(PAYMENT_AND_IDENTIFIER_TYPES)
        for res in r.analyze(text, PAYMENT_AND_IDENTIFIER_TYPES, None)
    ]
    assert results == [("PHONE_NUMBER", "555-010-1234")]
