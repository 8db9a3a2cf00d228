"""Street addresses. Presidio has no recognizer for them; this is a first, US/UK-shaped cut."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

_STREET_TYPES = (
    r"street|st|road|rd|avenue|ave|lane|ln|drive|dr|court|ct|close|crescent|cres|place|pl|"
    r"boulevard|blvd|way|terrace|ter|mews|square|sq|parkway|pkwy|highway|hwy|circle|cir|trail|trl"
)


class StreetAddressRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern(
            "house number + street + type",
            rf"(?i)\b\d{{1,5}}[a-z]?\s+(?:[a-z][a-z'.-]*\s+){{1,4}}(?:{_STREET_TYPES})\b\.?",
            0.6,
        ),
    ]
    CONTEXT = ["address", "live", "street", "deliver", "ship", "send"]

    def __init__(self, patterns=None, context=None, supported_language="en", supported_entity="STREET_ADDRESS"):
        super().__init__(
            supported_entity=supported_entity,
            patterns=patterns or self.PATTERNS,
            context=context or self.CONTEXT,
            supported_language=supported_language,
        )
