"""The spaCy pipeline behind Presidio, loaded offline and trimmed to what detection needs."""

from __future__ import annotations

import spacy
from spacy.language import Language
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

# The dependency parser and lemmatizer are the costliest parts of a small English pipeline
# and named-entity recognition does not use them.
EXCLUDED_PIPES = ("parser", "lemmatizer")


@Language.component("chatveil_lower_lemma")
def _lower_lemma(doc):
    # Presidio's context enhancer compares lemmas with context words. Without the (slow)
    # lemmatizer every lemma is empty and no context word would ever count, so the lowercase
    # form stands in: "card", "cvv", "address" are their own lemmas anyway.
    for token in doc:
        token.lemma_ = token.lower_
    return doc


# OntoNotes labels of spaCy's English pipelines that are not personal data on their own.
_SPACY_LABELS_NOT_PII = (
    "CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP",
    "ORDINAL", "ORG", "PERCENT", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART", "MISC",
)


class ModelNotInstalled(RuntimeError):
    pass


class OfflineSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine, except it never downloads a model.

    Presidio's `load()` calls `spacy.cli.download` for a missing model, which makes a network
    request from inside the proxy. ChatVeil installs its model from a pinned wheel instead, so a
    missing model is an installation error to report, not something to fetch.
    """

    def __init__(self, model_name: str, language: str = "en"):
        super().__init__(
            models=[{"lang_code": language, "model_name": model_name}],
            ner_model_configuration=NerModelConfiguration(
                # spaCy's labels that are personal data; DATE, CARDINAL, NORP, GPE... are not
                # mapped, so they never become findings ("meet at 5pm" must survive).
                model_to_presidio_entity_mapping={"PERSON": "PERSON", "PER": "PERSON"},
                low_score_entity_names=[],
                # Unmapped labels are dropped quietly (Presidio otherwise warns once per message).
                labels_to_ignore=list(_SPACY_LABELS_NOT_PII),
            ),
        )
        self.model_name = model_name
        self.language = language

    def load(self) -> None:
        if not spacy.util.is_package(self.model_name):
            raise ModelNotInstalled(
                f"spaCy pipeline {self.model_name!r} is not installed; run `make install`, or set "
                "`model:` in the policy to an installed English pipeline"
            )
        nlp = spacy.load(self.model_name, exclude=list(EXCLUDED_PIPES))
        nlp.add_pipe("chatveil_lower_lemma", last=True)
        self.nlp = {self.language: nlp}
