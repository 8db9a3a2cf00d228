"""The shape shared by ChatVeil's pattern recognizers: precompiled regexes, a checksum, a cue.

Presidio's `PatternRecognizer` scores every regex match and lets its context enhancer raise
the score when a context word is nearby. Most of what people overshare in chat is only
personal data *because* of a cue ("cvv 123", "born on 3/4/88", "pw: hunter2"), and the cue
decides whether there is a finding at all, not how confident it is. So each recognizer here
yields its own `Span`s from plain `re` code, with the checksum and cue logic in one place, and
never needs the spaCy artifacts: they can be tested with `analyze(text, entities)` alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from presidio_analyzer import EntityRecognizer, RecognizerResult


@dataclass(frozen=True)
class Span:
    entity_type: str
    start: int
    end: int
    score: float


class SpanRecognizer(EntityRecognizer):
    """A recognizer whose subclasses implement `spans(text)`; nothing to load, no NLP needed."""

    ENTITIES: tuple[str, ...] = ()

    def __init__(self, supported_entities: list[str] | None = None, supported_language: str = "en"):
        super().__init__(
            supported_entities=list(supported_entities or self.ENTITIES),
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def load(self) -> None:  # patterns are compiled at import time
        pass

    def spans(self, text: str) -> Iterable[Span]:
        raise NotImplementedError

    def analyze(self, text: str, entities: list[str] | None = None, nlp_artifacts=None) -> list[RecognizerResult]:
        wanted = set(entities) if entities else set(self.supported_entities)
        return [
            result_of(self, span.entity_type, span)
            for span in self.spans(text)
            if span.entity_type in wanted and span.entity_type in self.supported_entities
        ]


def result_of(recognizer: EntityRecognizer, entity_type: str, span) -> RecognizerResult:
    """A Presidio result for a span (anything with start, end and score), naming its recognizer
    the way Presidio's own recognizers do, so the log can say who found what."""
    return RecognizerResult(
        entity_type,
        span.start,
        span.end,
        span.score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )


def cue_before(cue: re.Pattern[str], text: str, start: int, window: int) -> bool:
    """Whether `cue` occurs in the `window` characters before `start`."""
    return cue.search(text, max(0, start - window), start) is not None


def overlaps(start: int, end: int, spans: Iterable[Span]) -> bool:
    return any(start < s.end and s.start < end for s in spans)
