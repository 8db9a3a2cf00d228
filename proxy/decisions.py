"""Findings → decisions: what the policy says to do with each finding.

Overlapping findings are merged before anything is replaced: if "42 Willow Creek Rd, Austin TX"
is an address and "Austin" a name, replacing only one of them would leave part of the other in
clear. The merged span takes the most severe action and the type of its strongest finding.
"""

from __future__ import annotations

from proxy.findings import Decision, Finding
from proxy.detection.vault import RECOGNIZER_NAME as VAULT_RECOGNIZER
from proxy.policy import ACTION_SEVERITY, EntityRule, Policy


def decide(findings: list[Finding], policy: Policy) -> list[Decision]:
    decisions = []
    for finding in findings:
        rule = policy.rule_for(finding.entity_type)
        if finding.recognizer == VAULT_RECOGNIZER and ACTION_SEVERITY[rule.action] < ACTION_SEVERITY["redact"]:
            # The user put this value in their vault: it is redacted even if the policy does not
            # list its type (EMPLOYER…) or only warns about it.
            rule = EntityRule(action="redact", min_score=0.0)
        if finding.score < rule.min_score or rule.action == "allow":
            continue
        decisions.append(Decision(finding, rule.action, policy.style_for(finding.entity_type)))
    return _merge_overlaps(decisions)


def _merge_overlaps(decisions: list[Decision]) -> list[Decision]:
    merged: list[list[Decision]] = []
    end = -1
    for decision in sorted(decisions, key=lambda d: (d.finding.start, -d.finding.end)):
        if merged and decision.finding.start < end:
            merged[-1].append(decision)
            end = max(end, decision.finding.end)
        else:
            merged.append([decision])
            end = decision.finding.end
    return [_one(group) for group in merged]


def _one(group: list[Decision]) -> Decision:
    if len(group) == 1:
        return group[0]
    lead = max(
        group,
        key=lambda d: (
            ACTION_SEVERITY[d.action],
            d.finding.score,
            d.finding.end - d.finding.start,
        ),
    )
    start = min(d.finding.start for d in group)
    end = max(d.finding.end for d in group)
    f = lead.finding
    return Decision(Finding(f.entity_type, start, end, f.score, f.recognizer), lead.action, lead.style)
