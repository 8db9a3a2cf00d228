"""The vault wired into the real Detector: one spaCy pipeline for the module."""

from __future__ import annotations

import pytest

from proxy.detection.engine import Detector
from proxy.detection.vault import PersonalVault
from proxy.pipeline import Pipeline
from proxy.policy import parse_policy

POLICY = parse_policy(
    {
        "hosts": ["chat.example.com"],
        "entities": {"PERSON": {"action": "redact"}, "EMAIL_ADDRESS": {"action": "warn"}},
    }
)


@pytest.fixture(scope="module")
def vault_and_pipeline(tmp_path_factory):
    home = tmp_path_factory.mktemp("chatveil-home")
    vault = PersonalVault(home / "vault.json", _hasher())
    return vault, Pipeline(POLICY, Detector(POLICY, vault=vault))


def _hasher():
    from proxy.masking import KeyedHasher

    return KeyedHasher(b"test-secret-for-the-vault-tests!")


@pytest.fixture
def vault(vault_and_pipeline):
    vault, _ = vault_and_pipeline
    yield vault
    for entry in vault.entries:
        vault.remove(entry.id)


@pytest.fixture
def pipeline(vault_and_pipeline):
    return vault_and_pipeline[1]


def test_a_vault_type_the_policy_does_not_list_is_redacted(vault, pipeline):
    vault.add("Acme Widgets", "EMPLOYER")
    outcome = pipeline.process("i work at acme   widgets, as a welder")
    [decision] = outcome.decisions
    assert (decision.finding.entity_type, decision.action, decision.finding.recognizer) == ("EMPLOYER", "redact", "PersonalVault")
    assert decision.finding.score == 1.0
    assert "acme" not in outcome.redacted.lower()


def test_a_lowercase_name_no_model_finds_is_redacted_from_the_vault(vault, pipeline):
    vault.add("Zephyrine Okonkwo-Baptiste", "PERSON")
    outcome = pipeline.process("zephyrine okonkwo baptiste here, quick q about taxes")
    assert "zephyrine" not in outcome.redacted.lower() and "baptiste" not in outcome.redacted.lower()


def test_a_vault_value_of_a_warn_type_is_redacted_anyway(vault, pipeline):
    vault.add("jake.morrison@example.com", "EMAIL_ADDRESS")
    outcome = pipeline.process("mail me: Jake.Morrison@example.com")
    assert [d.action for d in outcome.decisions] == ["redact"]


def test_entries_added_while_the_detector_runs_are_picked_up(vault, pipeline):
    text = "my card ending 4111 1111 1111 9999 was declined"
    assert not any(d.finding.recognizer == "PersonalVault" for d in pipeline.process(text).decisions)
    PersonalVault(vault.path, _hasher()).add("4111-1111-1111-9999", "CREDIT_CARD")  # as `chatveil vault add` does
    assert any(f.recognizer == "PersonalVault" for f in pipeline.detector.analyze(text))


def test_findings_cached_before_a_vault_change_are_not_reused(vault, pipeline):
    text = "say hi to quillon from me"
    assert pipeline.process(text).redacted == text
    PersonalVault(vault.path, _hasher()).add("Quillon", "PERSON")  # another process: the CLI
    assert "quillon" not in pipeline.process(text).redacted.lower()
