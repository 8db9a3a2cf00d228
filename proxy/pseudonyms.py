"""Per-conversation pseudonyms: the same value gets the same replacement in every turn.

The vault of a conversation maps each replacement back to the user's own words so that the
service's answer can be restored on the user's screen. That makes it as sensitive as the values
themselves: it is held in memory only, forgotten after a while without use, never written out.

Three styles (policy `default_style`, `entities.X.style`):
- placeholder: `<PERSON_1>`, numbered per type and conversation; unique by construction.
- fake: a realistic surrogate from `surrogates.py`. It must never collide with real text, or
  restoring it would turn someone else's name into the user's: it must not occur in any text of
  the conversation seen so far, nor be an original or another pseudonym. If a later text brings
  a surrogate in as real text, that surrogate is no longer restored (it has become ambiguous).
  Short numbers (a CVV, an expiry) get a placeholder instead: they turn up in answers by chance.
- mask: `J*** M*******`. Not unique ("J*** D**" for two people), so never restored.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field

from proxy import surrogates
from proxy.masking import mask, normalise

logger = logging.getLogger("chatveil")

# Tries before a fake-style value falls back to a placeholder (which cannot collide).
_SURROGATE_ATTEMPTS = 12
# How much of a conversation's text is kept for collision checks (only under a policy that uses
# `fake`); the oldest is forgotten first. Clients resend the history, so it is seen again anyway.
_SEEN_TEXT_LIMIT = 512 * 1024


@dataclass
class ConversationPseudonyms:
    """Replacement ↔ original for one conversation."""

    language: str = "en"
    by_value: dict[tuple[str, str, str], str] = field(default_factory=dict)
    originals: dict[str, str] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)
    surrogates: set[str] = field(default_factory=set)
    ambiguous: set[str] = field(default_factory=set)
    lock: threading.RLock = field(default_factory=threading.RLock)
    _seen: deque[tuple[bytes, str]] = field(default_factory=deque)
    _seen_keys: set[bytes] = field(default_factory=set)
    _seen_size: int = 0

    def observe(self, text: str) -> None:
        """Remember a text of the conversation so no surrogate is chosen that already occurs in it."""
        if not text:
            return
        key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        with self.lock:
            if key in self._seen_keys:
                return
            self._seen_keys.add(key)
            self._seen.append((key, text))
            self._seen_size += len(text)
            while self._seen_size > _SEEN_TEXT_LIMIT and len(self._seen) > 1:
                old_key, old_text = self._seen.popleft()
                self._seen_keys.discard(old_key)  # resent later, it is remembered again
                self._seen_size -= len(old_text)
            for surrogate in self.surrogates - self.ambiguous:
                if surrogate in text:
                    # Someone real now goes by the surrogate's name: restoring it in an answer
                    # could put the user's data where the other one was meant.
                    self.ambiguous.add(surrogate)
                    logger.info("ChatVeil stopped restoring a surrogate: it now occurs as real text")

    def replacement_for(self, entity_type: str, value: str, style: str) -> str:
        with self.lock:
            if value in self.originals and value not in self.ambiguous:
                # The model's own pseudonym, echoed back in the history the client resends.
                return value
            key = (entity_type, normalise(value, entity_type), style)
            existing = self.by_value.get(key)
            if existing is not None:
                return existing
            replacement = self._new_replacement(entity_type, value, style)
            self.by_value[key] = replacement
            # A mask is not unique ("J*** D**" for two people), so it cannot be restored.
            if style != "mask":
                self.originals.setdefault(replacement, value)
            return replacement

    def restorations(self) -> dict[str, str]:
        """Replacement → original for every pseudonym that can be restored unambiguously."""
        with self.lock:
            return {r: o for r, o in self.originals.items() if r not in self.ambiguous}

    def _new_replacement(self, entity_type: str, value: str, style: str) -> str:
        if style == "mask":
            return mask(value, entity_type)
        if style == "fake":
            surrogate = self._new_surrogate(entity_type, value)
            if surrogate is not None:
                self.surrogates.add(surrogate)
                return surrogate
        number = self.counters.get(entity_type, 0) + 1
        self.counters[entity_type] = number
        return f"<{entity_type}_{number}>"

    def _new_surrogate(self, entity_type: str, value: str) -> str | None:
        for _ in range(_SURROGATE_ATTEMPTS):
            try:
                candidate = surrogates.surrogate(entity_type, value, self.language)
            except Exception as e:  # a surrogate is a nicety; a placeholder still redacts
                logger.warning("ChatVeil could not invent a %s surrogate (%s); using a placeholder", entity_type, type(e).__name__)
                return None
            if candidate and _too_common(candidate):
                return None  # placeholders are exact; "482" would be restored in "482 calories"
            if candidate and not self._collides(entity_type, candidate, value):
                return candidate
        logger.info("ChatVeil found no %s surrogate free of collisions; using a placeholder", entity_type)
        return None

    def _collides(self, entity_type: str, candidate: str, value: str) -> bool:
        if candidate in self.originals:
            return True
        if entity_type == "PERSON" and _name_words(candidate) & _name_words(value):
            # "Jane Morrison" for "Jake Morrison" gives nothing away, but reads as if it did.
            return True
        folded = candidate.casefold()
        normal = normalise(candidate, entity_type)
        if any(normal == normalise(o, entity_type) or folded in o.casefold() for o in self.originals.values()):
            return True
        return any(folded in text.casefold() for _, text in self._seen)


def _too_common(surrogate: str) -> bool:
    """A short number (a CVV, an expiry) turns up in answers by chance; restoring it there
    would put the user's own value into unrelated text."""
    digits = sum(c.isdigit() for c in surrogate)
    return digits == sum(c.isalnum() for c in surrogate) and digits < 6


def _name_words(name: str) -> set[str]:
    return {w for w in normalise(name).split() if len(w) > 1}


class ConversationStore:
    """Conversation key → pseudonyms, forgotten after `ttl_seconds` without use."""

    def __init__(self, ttl_seconds: float = 6 * 3600, max_conversations: int = 1000, language: str = "en"):
        self.ttl = ttl_seconds
        self.max = max_conversations
        self.language = language
        self._items: OrderedDict[str, tuple[float, ConversationPseudonyms]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> ConversationPseudonyms:
        now = time.monotonic()
        with self._lock:
            self._expire(now)
            entry = self._items.pop(key, None)
            pseudonyms = entry[1] if entry else ConversationPseudonyms(language=self.language)
            self._items[key] = (now, pseudonyms)
            return pseudonyms

    def find(self, key: str) -> ConversationPseudonyms | None:
        """The conversation's pseudonyms if it is still remembered; never creates one."""
        now = time.monotonic()
        with self._lock:
            self._expire(now)
            entry = self._items.get(key)
            if entry is None:
                return None
            self._items.move_to_end(key)
            self._items[key] = (now, entry[1])
            return entry[1]

    def __len__(self) -> int:
        return len(self._items)

    def _expire(self, now: float) -> None:
        while self._items:
            oldest_key, (used, _) = next(iter(self._items.items()))
            if now - used > self.ttl or len(self._items) > self.max:
                del self._items[oldest_key]
            else:
                break
