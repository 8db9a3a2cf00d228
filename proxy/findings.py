"""The values that flow between stages: texts → findings → decisions → outcomes.

Frozen dataclasses so that a stage cannot change what an earlier one decided. None of them
is ever written to disk as is: a Finding holds offsets, not the value, and the log stores only
masked hints and keyed hashes (see `masking.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from proxy.policy import ACTION_SEVERITY


@dataclass(frozen=True)
class Finding:
    """A span of one text that a recognizer believes is personal data."""

    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str

    def value_in(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class Decision:
    """What the policy says to do with one finding."""

    finding: Finding
    action: str  # redact | warn | block | allow | ask
    style: str  # placeholder | fake | mask


@dataclass(frozen=True)
class TextOutcome:
    """One text after the pipeline: the decisions taken and the text to send instead."""

    original: str
    redacted: str
    decisions: tuple[Decision, ...] = field(default=())

    @property
    def action(self) -> str:
        return overall_action(self.decisions)


def overall_action(decisions: "tuple[Decision, ...] | list[Decision]") -> str:
    """pass | warn | redact | ask | block: the most severe action taken on any finding."""
    acted = [d.action for d in decisions if d.action != "allow"]
    if not acted:
        return "pass"
    return max(acted, key=ACTION_SEVERITY.__getitem__)
