from __future__ import annotations

import pytest

from proxy.decisions import decide
from proxy.findings import Finding, overall_action
from proxy.policy import parse_policy
from proxy.pseudonyms import ConversationPseudonyms
from proxy.redaction import redact

POLICY = parse_policy(
    {
        "hosts": ["chat.example.com"],
        "entities": {
            "PERSON": {"action": "redact", "min_score": 0.6},
            "CREDIT_CARD": {"action": "block"},
            "EMAIL_ADDRESS": {"action": "warn"},
            "IP_ADDRESS": {"action": "allow"},
            "STREET_ADDRESS": {"action": "redact", "style": "mask"},
        },
    }
)


def finding(entity, start, end, score=0.9):
    return Finding(entity, start, end, score, "test")


@pytest.mark.parametrize(
    "entity, expected_action",
    [("PERSON", "redact"), ("CREDIT_CARD", "block"), ("EMAIL_ADDRESS", "warn"), ("UNLISTED_TYPE", None), ("IP_ADDRESS", None)],
)
def test_each_action_comes_from_the_policy(entity, expected_action):
    decisions = decide([finding(entity, 0, 4)], POLICY)
    assert [d.action for d in decisions] == ([expected_action] if expected_action else [])


def test_findings_below_min_score_are_dropped():
    assert decide([finding("PERSON", 0, 4, score=0.59)], POLICY) == []
    assert len(decide([finding("PERSON", 0, 4, score=0.6)], POLICY)) == 1


def test_overlapping_findings_merge_into_one_span_with_the_most_severe_action():
    # "Austin" (PERSON) inside an address: the whole address must go, not just the name.
    text = "ship to 42 Willow Creek Rd, Austin TX 78701 please"
    address = finding("STREET_ADDRESS", 8, 43, 0.7)
    person = finding("PERSON", 28, 34, 0.95)
    (merged,) = decide([person, address], POLICY)
    assert (merged.finding.start, merged.finding.end) == (8, 43)
    assert merged.action == "redact"
    redacted = redact(text, [merged], ConversationPseudonyms())
    assert "Willow" not in redacted and "Austin" not in redacted and "78701" not in redacted


def test_block_wins_over_redact_and_warn_for_the_request():
    decisions = decide([finding("PERSON", 0, 4), finding("CREDIT_CARD", 10, 29), finding("EMAIL_ADDRESS", 40, 50)], POLICY)
    assert overall_action(decisions) == "block"


def test_warn_only_request_is_forwarded_unchanged():
    text = "mail me at someone@example.com"
    decisions = decide([finding("EMAIL_ADDRESS", 11, 30)], POLICY)
    assert overall_action(decisions) == "warn"
    assert redact(text, decisions, ConversationPseudonyms()) == text


def test_no_findings_is_pass():
    assert overall_action(decide([], POLICY)) == "pass"


def test_same_value_gets_the_same_placeholder_and_a_new_value_the_next_number():
    pseudonyms = ConversationPseudonyms()
    first = redact("Jane Doe and Jane Doe", decide([finding("PERSON", 0, 8), finding("PERSON", 13, 21)], POLICY), pseudonyms)
    assert first == "<PERSON_1> and <PERSON_1>"
    second = redact("jane doe met John Roe", decide([finding("PERSON", 0, 8), finding("PERSON", 13, 21)], POLICY), pseudonyms)
    assert second == "<PERSON_1> met <PERSON_2>"


def test_mask_style_shows_initials_only():
    text = "I live at 42 Willow Creek Rd"
    decisions = decide([finding("STREET_ADDRESS", 10, 28)], POLICY)
    assert redact(text, decisions, ConversationPseudonyms()) == "I live at 4* W***** C**** R*"
