"""An `ask` decision, answered: what the held request becomes.

The Redactor calls `hold_for_answer` when a message's most severe action is `ask`. The answer
(from the dashboard, or the policy's `ask.on_timeout`) turns every `ask` into what was chosen:

- redact ("Send redacted"): the asked spans are replaced, as the pipeline already did;
- send ("Send as is"): the asked spans go out unchanged, other rules (e.g. redact names) still apply;
- block: nothing is sent.

The verdict that is logged then says what actually happened to each value, with the answer
and who gave it in its note.
"""

from __future__ import annotations

import dataclasses

from proxy.ask_queue import AskedFinding, AskQueue, Answer
from proxy.findings import Decision, TextOutcome, overall_action
from proxy.pseudonyms import ConversationPseudonyms
from proxy.redaction import redact

_ASK_BECOMES = {"redact": "redact", "send": "allow", "block": "block"}


def outcomes_for(choice: str, outcomes: list[TextOutcome], pseudonyms: ConversationPseudonyms) -> list[TextOutcome]:
    new_action = _ASK_BECOMES[choice]
    result = []
    for outcome in outcomes:
        decisions = tuple(
            Decision(d.finding, new_action, d.style) if d.action == "ask" else d for d in outcome.decisions
        )
        # The pipeline replaced `ask` spans already; only "send as is" needs the text again.
        redacted = redact(outcome.original, decisions, pseudonyms) if choice == "send" else outcome.redacted
        result.append(TextOutcome(outcome.original, redacted, decisions))
    return result


async def hold_for_answer(asks: AskQueue | None, verdict, outcomes: list[TextOutcome],
                          pseudonyms: ConversationPseudonyms, settings):
    """Await the user's answer for a verdict whose action is `ask`; returns (verdict, outcomes)."""
    asked = tuple(AskedFinding(f.entity_type, f.hint) for f in verdict.findings if f.action == "ask")
    if asks is None:
        answer = Answer(settings.on_timeout, "no-dashboard")
    else:
        answer = await asks.ask(verdict.host, verdict.path, asked, settings.timeout_seconds, settings.on_timeout)
    new_outcomes = outcomes_for(answer.choice, outcomes, pseudonyms)
    new_action = _ASK_BECOMES[answer.choice]
    findings = tuple(
        dataclasses.replace(f, action=new_action) if f.action == "ask" else f for f in verdict.findings
    )
    action = overall_action([d for o in new_outcomes for d in o.decisions])
    if action == "pass" and findings:
        action = "allow"  # the user let it through: say so, rather than "nothing found"
    return dataclasses.replace(verdict, action=action, findings=findings, note=answer.describe()), new_outcomes
