"""Per-conversation pseudonyms: the same value gets the same replacement in every turn.

Held in memory only, with an expiry: they map replacements back to the user's own words so that
responses can be restored, which makes them as sensitive as the values themselves.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from proxy.masking import mask, normalise


@dataclass
class ConversationPseudonyms:
    """Replacement ↔ original for one conversation."""

    by_value: dict[tuple[str, str, str], str] = field(default_factory=dict)
    originals: dict[str, str] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def replacement_for(self, entity_type: str, value: str, style: str) -> str:
        key = (entity_type, normalise(value, entity_type), style)
        with self.lock:
            existing = self.by_value.get(key)
            if existing is not None:
                return existing
            replacement = self._new_replacement(entity_type, value, style)
            self.by_value[key] = replacement
            # A mask is not unique ("J*** D**" for two people), so it cannot be restored.
            if style != "mask":
                self.originals.setdefault(replacement, value)
            return replacement

    def _new_replacement(self, entity_type: str, value: str, style: str) -> str:
        if style == "mask":
            return mask(value, entity_type)
        number = self.counters.get(entity_type, 0) + 1
        self.counters[entity_type] = number
        return f"<{entity_type}_{number}>"


class ConversationStore:
    """Conversation key → pseudonyms, forgotten after `ttl_seconds` without use."""

    def __init__(self, ttl_seconds: float = 6 * 3600, max_conversations: int = 1000):
        self.ttl = ttl_seconds
        self.max = max_conversations
        self._items: OrderedDict[str, tuple[float, ConversationPseudonyms]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> ConversationPseudonyms:
        now = time.monotonic()
        with self._lock:
            self._expire(now)
            entry = self._items.pop(key, None)
            pseudonyms = entry[1] if entry else ConversationPseudonyms()
            self._items[key] = (now, pseudonyms)
            return pseudonyms

    def _expire(self, now: float) -> None:
        while self._items:
            oldest_key, (used, _) = next(iter(self._items.items()))
            if now - used > self.ttl or len(self._items) > self.max:
                del self._items[oldest_key]
            else:
                break
