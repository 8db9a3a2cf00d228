"""The Detector: one configured Presidio AnalyzerEngine, turned into ChatVeil Findings."""

from __future__ import annotations

import re

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

from proxy.detection.allow_list import AllowList
from proxy.detection.nlp import OfflineSpacyNlpEngine
from proxy.detection.recognizers import build_recognizers
from proxy.detection.recognizers.personal_vault import PersonalVaultRecognizer
from proxy.detection.vault import PersonalVault
from proxy.findings import Finding
from proxy.policy import Policy


class TextTooLong(ValueError):
    """A text longer than the NLP pipeline accepts; analysing it in pieces would take minutes."""


class Detector:
    """Finds personal data in text. Built once per policy; `analyze` is not thread-safe.

    Presidio is configured deliberately rather than with its defaults: only the recognizers for
    entity types the policy acts on are registered, the spaCy model is loaded offline, and it is
    warmed up so that the first chat message is not the one that pays for loading.
    """

    def __init__(self, policy: Policy, vault: PersonalVault | None = None):
        self.policy = policy
        self.language = policy.language
        self.entity_types = list(policy.acted_on_entities)
        nlp_engine = OfflineSpacyNlpEngine(policy.model, policy.language)
        nlp_engine.load()
        self.max_length = nlp_engine.nlp[policy.language].max_length
        registry = RecognizerRegistry(supported_languages=[policy.language])
        for recognizer in build_recognizers(self.entity_types):
            registry.add_recognizer(recognizer)
        # The user's own values are detected whatever types the policy lists (see vault.py). It
        # runs beside the engine, not in its registry: Presidio would drop a vault finding as a
        # duplicate of a same-span model finding, and the vault's must win.
        self.vault_recognizer = PersonalVaultRecognizer(vault or PersonalVault(), policy.language)
        # Presidio fills an empty registry with all its predefined recognizers, exactly what a
        # policy that acts on nothing (or only on vault types) must not get.
        self.engine = (
            AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[policy.language])
            if registry.recognizers
            else None
        )
        self._allowed = AllowList(policy.allow_list)

    def warm_up(self) -> None:
        # The e-mail makes tldextract build its suffix trie now (~50 ms), not on a user's message.
        self.analyze(
            "Warm-up: my name is Jane Doe, I live at 1 Main Street, card 4111 1111 1111 1111, "
            "jane.doe@example.com."
        )

    def vault_generation(self) -> int:
        """Changes whenever the personal vault does (`chatveil vault add` while running)."""
        return self.vault_recognizer.refresh()

    def analyze(self, text: str) -> list[Finding]:
        self.vault_recognizer.refresh()
        if not text.strip():
            return []
        # Bodies that are not valid UTF-8 arrive surrogate-escaped (mitmproxy's get_text), and
        # spaCy's tokenizer raises on lone surrogates. U+FFFD has the same length, so every
        # offset found in the cleaned text is an offset in the original.
        clean = _LONE_SURROGATES.sub("\ufffd", text)
        if len(clean) > self.max_length:
            raise TextTooLong(f"{len(clean):,} characters, more than the {self.max_length:,} ChatVeil can inspect")
        results = (
            self.engine.analyze(text=clean, language=self.language, entities=self.entity_types)
            if self.engine is not None and self.entity_types
            else []
        )
        results += self.vault_recognizer.analyze(clean)
        findings = []
        for r in results:
            span = self._allowed.trim(text, r.start, r.end)
            if span is None:
                continue
            recognizer = (r.recognition_metadata or {}).get("recognizer_name", "unknown")
            findings.append(Finding(r.entity_type, span[0], span[1], round(float(r.score), 4), recognizer))
        return sorted(findings, key=lambda f: (f.start, -f.end))


_LONE_SURROGATES = re.compile("[\ud800-\udfff]")

