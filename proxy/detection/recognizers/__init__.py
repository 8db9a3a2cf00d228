"""ChatVeil's recognizers, one entity family per module, and the registry the policy selects from.

`build_recognizers(entity_types)` returns only the recognizers that detect something the policy
acts on: an unused recognizer costs time on every message and can only add false positives.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer, SpacyRecognizer

from proxy.detection.recognizers.email import OfflineEmailRecognizer
from proxy.detection.recognizers.street_address import StreetAddressRecognizer


def _factories():
    # entity types a recognizer may emit → how to build it
    return [
        (("PERSON",), lambda: SpacyRecognizer(supported_entities=["PERSON"])),
        (("CREDIT_CARD",), CreditCardRecognizer),
        (("EMAIL_ADDRESS",), OfflineEmailRecognizer),
        (("STREET_ADDRESS",), StreetAddressRecognizer),
    ]


def build_recognizers(entity_types: tuple[str, ...] | list[str]) -> list[EntityRecognizer]:
    wanted = set(entity_types)
    return [make() for emits, make in _factories() if wanted.intersection(emits)]
