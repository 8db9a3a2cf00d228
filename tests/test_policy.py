from __future__ import annotations

from pathlib import Path

import pytest

from proxy.policy import DEFAULT_POLICY_PATH, PolicyError, load_policy, parse_policy

FIXTURES = Path(__file__).parent / "fixtures" / "policies"


def test_default_policy_inspects_the_major_chat_services_and_redacts_the_core_types():
    policy = load_policy(DEFAULT_POLICY_PATH)
    for host in ("chatgpt.com", "api.openai.com", "claude.ai", "api.anthropic.com", "gemini.google.com",
                 "generativelanguage.googleapis.com", "character.ai"):
        assert policy.inspects(host), host
    for entity in ("PERSON", "STREET_ADDRESS", "CREDIT_CARD", "CARD_CVV", "IBAN_CODE"):
        assert policy.rule_for(entity).action == "redact"


def test_minimal_policy_loads():
    policy = load_policy(FIXTURES / "valid_minimal.yaml")
    assert policy.name == "minimal"
    assert policy.hosts == ("chat.example.com",)
    assert policy.rule_for("PERSON").action == "redact"
    assert policy.rule_for("CREDIT_CARD").action == "allow"  # default_action


def test_full_policy_loads_every_key():
    policy = load_policy(FIXTURES / "valid_full.yaml")
    assert policy.rule_for("PERSON").min_score == 0.6
    assert policy.style_for("PERSON") == "fake"
    assert policy.style_for("CREDIT_CARD") == "mask"
    assert policy.rule_for("EMAIL_ADDRESS").action == "ask"
    assert policy.rule_for("UNLISTED").action == "warn"
    rule = policy.host_rule("companion.example.org")
    assert rule.fields == ("payload.text", "messages[].body")
    assert policy.restores_responses("companion.example.org") is False
    assert policy.restores_responses("chat.example.com") is True
    assert policy.allow_list == ("Luna", "Aria")
    assert policy.log.retention_days == 7
    assert policy.ask.on_timeout == "block"
    assert policy.acted_on_entities == ("CREDIT_CARD", "EMAIL_ADDRESS", "PERSON")


@pytest.mark.parametrize(
    "fixture, expected",
    [
        ("broken_yaml_syntax.yaml", ":7: YAML syntax error"),
        ("broken_unknown_key.yaml", ":6: entities.PERSON.acton: unknown key 'acton' (did you mean 'action'?)"),
        ("broken_bad_action.yaml", ":6: entities.CREDIT_CARD.action: Input should be 'redact', 'warn', 'block', 'allow' or 'ask', got 'shred'"),
        ("broken_bad_score.yaml", ":5: entities.PERSON.min_score: Input should be less than or equal to 1"),
        ("broken_bad_host.yaml", ":5: hosts.1.host: Value error, 'https://api.example.com/v1' is not a host name"),
        ("broken_unknown_top_level.yaml", ":4: entites: unknown key 'entites' (did you mean 'entities'?)"),
        ("broken_not_a_mapping.yaml", ":1: the policy must be a mapping of keys, not list"),
        ("broken_entity_name.yaml", ":3: entities: Value error, entity type 'credit card' must be UPPER_SNAKE_CASE"),
    ],
)
def test_broken_policy_error_names_file_line_and_key(fixture, expected):
    with pytest.raises(PolicyError) as error:
        load_policy(FIXTURES / fixture)
    message = str(error.value)
    assert message.startswith(str(FIXTURES / fixture) + ":")
    assert expected in message


def test_missing_policy_file_is_a_clear_error(tmp_path):
    with pytest.raises(PolicyError, match=r"nope\.yaml: cannot read policy"):
        load_policy(tmp_path / "nope.yaml")


def test_host_rule_covers_subdomains_but_not_lookalike_hosts():
    policy = parse_policy({"hosts": ["chatgpt.com"]})
    assert policy.inspects("chatgpt.com")
    assert policy.inspects("ab.chatgpt.com")
    assert not policy.inspects("evilchatgpt.com")
    assert not policy.inspects("chatgpt.com.evil.example")


def test_allow_hosts_patterns_are_anchored():
    import re

    (pattern,) = parse_policy({"hosts": ["chatgpt.com"]}).allow_hosts_patterns()
    assert re.search(pattern, "chatgpt.com:443")
    assert re.search(pattern, "ab.chatgpt.com:443")
    assert not re.search(pattern, "evilchatgpt.com:443")
    assert not re.search(pattern, "chatgpt.com.evil.example:443")


def test_inspect_host_flag_adds_a_host_and_rejects_urls():
    policy = parse_policy({"hosts": ["chatgpt.com"]}).with_hosts(["localhost"])
    assert policy.inspects("localhost")
    with pytest.raises(PolicyError, match="--inspect-host 'https://x.example'"):
        policy.with_hosts(["https://x.example"])
