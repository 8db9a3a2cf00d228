"""The one pipeline both `chatveil scan` and the proxy use: text → findings → decisions → text."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from proxy.decisions import decide
from proxy.detection.engine import Detector
from proxy.findings import Finding, TextOutcome
from proxy.policy import Policy
from proxy.pseudonyms import ConversationPseudonyms
from proxy.redaction import redact


class FindingsCache:
    """Findings by content hash. Chat clients resend the whole history every turn; with this a
    turn costs only the analysis of its new text."""

    def __init__(self, size: int = 4096):
        self.size = size
        self._items: OrderedDict[bytes, tuple[Finding, ...]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def get(self, key: bytes) -> tuple[Finding, ...] | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def put(self, key: bytes, findings: tuple[Finding, ...]) -> None:
        with self._lock:
            self._items[key] = findings
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class Pipeline:
    def __init__(self, policy: Policy, detector: Detector | None = None):
        self.policy = policy
        self.detector = detector or Detector(policy)
        self.cache = FindingsCache()
        self._vault_generation = self._current_vault_generation()

    def warm_up(self) -> None:
        self.detector.warm_up()

    def _current_vault_generation(self) -> int | None:
        generation = getattr(self.detector, "vault_generation", None)  # test doubles have none
        return generation() if generation else None

    def findings(self, text: str) -> tuple[Finding, ...]:
        generation = self._current_vault_generation()
        if generation != self._vault_generation:
            # The user changed their vault: findings cached before it may lack their values.
            self.cache.clear()
            self._vault_generation = generation
        key = self.cache.key(text)
        cached = self.cache.get(key)
        if cached is None:
            cached = tuple(self.detector.analyze(text))
            self.cache.put(key, cached)
        return cached

    def process(self, text: str, pseudonyms: ConversationPseudonyms | None = None) -> TextOutcome:
        decisions = tuple(decide(list(self.findings(text)), self.policy))
        pseudonyms = pseudonyms or ConversationPseudonyms(language=self.policy.language)
        if self.policy.default_style == "fake" or any(r.style == "fake" for r in self.policy.entities.values()):
            pseudonyms.observe(text)  # so no `fake` surrogate is chosen that occurs in the conversation
        redacted = redact(text, decisions, pseudonyms)
        return TextOutcome(original=text, redacted=redacted, decisions=decisions)
