"""Decisions → the text to send: replace each redacted span with its pseudonym."""

from __future__ import annotations

from proxy.findings import Decision
from proxy.pseudonyms import ConversationPseudonyms

# `ask` is resolved before rewriting; if it reaches here unresolved, redacting is the safe side.
REPLACED_ACTIONS = frozenset({"redact", "ask"})


def redact(text: str, decisions: list[Decision] | tuple[Decision, ...], pseudonyms: ConversationPseudonyms) -> str:
    pieces = []
    cursor = 0
    for d in sorted(decisions, key=lambda d: d.finding.start):
        if d.action not in REPLACED_ACTIONS:
            continue
        f = d.finding
        pieces.append(text[cursor : f.start])
        pieces.append(pseudonyms.replacement_for(f.entity_type, text[f.start : f.end], d.style))
        cursor = f.end
    pieces.append(text[cursor:])
    return "".join(pieces)
