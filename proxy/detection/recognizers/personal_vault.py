"""The personal vault as a Presidio recognizer: the user's own values, score 1.0, any type."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerResult

from proxy.detection.vault import RECOGNIZER_NAME, PersonalVault


class PersonalVaultRecognizer(EntityRecognizer):
    """Reports every window of the text that hashes to a vault entry, as the entry's type.

    The Detector runs it beside Presidio's engine rather than in its registry (a same-span model
    finding would otherwise replace it as a "duplicate"). The vault file is re-read when it
    changes, so `chatveil vault add` takes effect in a running proxy.
    """

    def __init__(self, vault: PersonalVault, supported_language: str = "en"):
        self.vault = vault
        super().__init__(
            supported_entities=list(vault.entity_types),
            supported_language=supported_language,
            name=RECOGNIZER_NAME,
        )

    def load(self) -> None:
        pass

    def refresh(self) -> int:
        """Re-read the vault if its file changed; the vault's generation (it counts changes)."""
        self.vault.reload()
        types = list(self.vault.entity_types)
        if types != self.supported_entities:
            self.supported_entities[:] = types
        return self.vault.generation

    def analyze(self, text: str, entities: list[str] | None = None, nlp_artifacts=None) -> list[RecognizerResult]:
        return [
            RecognizerResult(
                m.entity_type,
                m.start,
                m.end,
                1.0,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for m in self.vault.find(text)
        ]
