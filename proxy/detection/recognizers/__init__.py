"""ChatVeil's recognizers, one entity family per module, and the registry the policy selects from.

`build_recognizers(entity_types)` returns only the recognizers that detect something the policy
acts on: an unused recognizer costs time on every message and can only add false positives.
"""

from __future__ import annotations

from collections.abc import Callable

from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer, SpacyRecognizer

from proxy.detection.recognizers.email import OfflineEmailRecognizer
from proxy.detection.recognizers.street_address import StreetAddressRecognizer

Factory = tuple[tuple[str, ...], Callable[[], EntityRecognizer]]


def _name_and_address_factories() -> list[Factory]:
    return [
        (("PERSON",), lambda: SpacyRecognizer(supported_entities=["PERSON"])),
        (("STREET_ADDRESS",), StreetAddressRecognizer),
    ]


def _payment_and_identifier_factories() -> list[Factory]:
    return [
        (("CREDIT_CARD",), CreditCardRecognizer),
        (("EMAIL_ADDRESS",), OfflineEmailRecognizer),
    ]


def build_recognizers(entity_types: tuple[str, ...] | list[str]) -> list[EntityRecognizer]:
    wanted = set(entity_types)
    factories = _name_and_address_factories() + _payment_and_identifier_factories()
    return [make() for emits, make in factories if wanted.intersection(emits)]
