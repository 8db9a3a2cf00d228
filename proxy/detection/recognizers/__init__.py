"""ChatVeil's recognizers, one entity family per module, and the registry the policy selects from.

`build_recognizers(entity_types)` returns only the recognizers that detect something the policy
acts on: an unused recognizer costs time on every message and can only add false positives.
"""

from __future__ import annotations

from collections.abc import Callable

from presidio_analyzer import EntityRecognizer

from proxy.detection.recognizers.bank_account import BankAccountRecognizer
from proxy.detection.recognizers.crypto_wallet import CryptoWalletRecognizer
from proxy.detection.recognizers.date_of_birth import DateOfBirthRecognizer
from proxy.detection.recognizers.email import OfflineEmailRecognizer, SpelledOutEmailRecognizer
from proxy.detection.recognizers.ip_address import IpAddressRecognizer
from proxy.detection.recognizers.national_id import NationalIdRecognizer
from proxy.detection.recognizers.payment_card import PaymentCardRecognizer
from proxy.detection.recognizers.payment_handle import PaymentHandleRecognizer
from proxy.detection.recognizers.phone import PhoneRecognizer
from proxy.detection.recognizers.secret import SecretRecognizer
from proxy.detection.recognizers.person_name import ChatPersonRecognizer
from proxy.detection.recognizers.street_address import StreetAddressRecognizer

Factory = tuple[tuple[str, ...], Callable[[], EntityRecognizer]]


def _name_and_address_factories() -> list[Factory]:
    # ChatPersonRecognizer reads spaCy's PERSON entities itself (and corrects them), so
    # Presidio's SpacyRecognizer is not registered: it would re-add "Lol" and "Austin TX".
    return [
        (("PERSON",), ChatPersonRecognizer),
        (("STREET_ADDRESS",), StreetAddressRecognizer),
    ]


def _payment_and_identifier_factories() -> list[Factory]:
    # All ChatVeil's own: Presidio's defaults for these types misfire on chat text (its UK NHS
    # recognizer scores US phone numbers 1.0, DateRecognizer takes every date, PhoneRecognizer
    # reads times and order numbers as phones and is slow). The vault recognizer is not here:
    # the Detector adds it for whatever types the user's vault holds.
    return [
        (("CREDIT_CARD", "CARD_CVV", "CARD_EXPIRY"), PaymentCardRecognizer),
        (("IBAN_CODE", "BANK_ACCOUNT"), BankAccountRecognizer),
        (("PAYMENT_HANDLE",), PaymentHandleRecognizer),
        (("CRYPTO",), CryptoWalletRecognizer),
        (("EMAIL_ADDRESS",), OfflineEmailRecognizer),
        (("EMAIL_ADDRESS",), SpelledOutEmailRecognizer),
        (("PHONE_NUMBER",), PhoneRecognizer),
        (("US_SSN", "UK_NINO"), NationalIdRecognizer),
        (("DATE_OF_BIRTH",), DateOfBirthRecognizer),
        (("IP_ADDRESS",), IpAddressRecognizer),
        (("SECRET",), SecretRecognizer),
    ]


def build_recognizers(entity_types: tuple[str, ...] | list[str]) -> list[EntityRecognizer]:
    wanted = set(entity_types)
    factories = _name_and_address_factories() + _payment_and_identifier_factories()
    return [make() for emits, make in factories if wanted.intersection(emits)]
