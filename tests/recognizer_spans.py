"""The assertion helper shared by the pattern-recognizer tests: what a recognizer found, as values.

Recognizers are called directly with `nlp_artifacts=None`, so these tests never load spaCy.
"""

from __future__ import annotations


def found(recognizer, text: str, entities: list[str] | None = None) -> list[tuple[str, str]]:
    """(entity type, matched text) for every result, in text order."""
    results = recognizer.analyze(text, entities or list(recognizer.supported_entities), None)
    return [(r.entity_type, text[r.start : r.end]) for r in sorted(results, key=lambda r: (r.start, r.end))]


def assert_finds(recognizer, text: str, expected: list[tuple[str, str]], entities: list[str] | None = None) -> None:
    assert found(recognizer, text, entities) == expected, text
