"""An answered `ask`: what the held message becomes, and what the log says about it."""

from __future__ import annotations

import asyncio

from proxy.ask_choice import hold_for_answer, outcomes_for
from proxy.ask_queue import AskQueue
from proxy.findings import Decision, Finding, TextOutcome
from proxy.policy import AskSettings
from proxy.pseudonyms import ConversationPseudonyms
from proxy.redactor import LoggedFinding, RequestVerdict

TEXT = "I'm Jake Morrison, card 4111 1111 1111 1111."
NAME = Finding("PERSON", 4, 17, 0.85, "SpacyRecognizer")
CARD = Finding("CREDIT_CARD", 24, 43, 1.0, "CreditCardRecognizer")


def held_outcome(pseudonyms) -> TextOutcome:
    decisions = (Decision(NAME, "redact", "placeholder"), Decision(CARD, "ask", "placeholder"))
    from proxy.redaction import redact

    return TextOutcome(TEXT, redact(TEXT, decisions, pseudonyms), decisions)


def held_verdict() -> RequestVerdict:
    return RequestVerdict("claude.ai", "/api", "ask", "generic_json", "c1", (
        LoggedFinding("PERSON", "redact", 0.85, "SpacyRecognizer", "placeholder", "J*** M*******", "h1"),
        LoggedFinding("CREDIT_CARD", "ask", 1.0, "CreditCardRecognizer", "placeholder", "**** **** **** 1111", "h2"),
    ))


def test_send_redacted_replaces_the_asked_value():
    pseudonyms = ConversationPseudonyms()
    (outcome,) = outcomes_for("redact", [held_outcome(pseudonyms)], pseudonyms)
    assert outcome.redacted == "I'm <PERSON_1>, card <CREDIT_CARD_1>."
    assert outcome.action == "redact"


def test_send_as_is_keeps_the_asked_value_but_still_applies_other_rules():
    pseudonyms = ConversationPseudonyms()
    (outcome,) = outcomes_for("send", [held_outcome(pseudonyms)], pseudonyms)
    assert outcome.redacted == "I'm <PERSON_1>, card 4111 1111 1111 1111."


def test_block_makes_the_whole_message_blocked():
    pseudonyms = ConversationPseudonyms()
    (outcome,) = outcomes_for("block", [held_outcome(pseudonyms)], pseudonyms)
    assert outcome.action == "block"


def answer_with(choice: str | None, settings=AskSettings(timeout_seconds=5, on_timeout="redact")):
    async def scenario():
        queue = AskQueue()
        pseudonyms = ConversationPseudonyms()
        task = asyncio.create_task(hold_for_answer(queue, held_verdict(), [held_outcome(pseudonyms)], pseudonyms, settings))
        while not queue.pending():
            await asyncio.sleep(0)
        if choice:
            queue.answer(queue.pending()[0].id, choice)
        return await task

    return asyncio.run(scenario())


def test_the_logged_verdict_says_what_happened_and_who_chose():
    verdict, (outcome,) = answer_with("send")
    assert (verdict.action, verdict.note) == ("redact", "ask: sent as is by the user")
    assert [f.action for f in verdict.findings] == ["redact", "allow"]

    verdict, _ = answer_with("block")
    assert (verdict.action, verdict.note) == ("block", "ask: blocked by the user")
    assert [f.action for f in verdict.findings] == ["redact", "block"]


def test_an_unanswered_message_is_redacted_after_the_policy_timeout():
    verdict, (outcome,) = answer_with(None, AskSettings(timeout_seconds=0.05, on_timeout="redact"))
    assert (verdict.action, verdict.note) == ("redact", "ask: sent redacted after the timeout")
    assert "4111" not in outcome.redacted


def test_without_a_dashboard_the_timeout_action_applies_at_once():
    pseudonyms = ConversationPseudonyms()
    verdict, _ = asyncio.run(hold_for_answer(None, held_verdict(), [held_outcome(pseudonyms)], pseudonyms,
                                             AskSettings(timeout_seconds=60, on_timeout="block")))
    assert (verdict.action, verdict.note) == ("block", "ask: blocked (no dashboard to ask)")


def test_sending_as_is_a_message_with_nothing_else_is_logged_as_allowed():
    async def scenario():
        queue = AskQueue(accepting=True)
        pseudonyms = ConversationPseudonyms()
        decisions = (Decision(CARD, "ask", "placeholder"),)
        outcome = TextOutcome(TEXT, TEXT, decisions)
        verdict = RequestVerdict("claude.ai", "/api", "ask", findings=(held_verdict().findings[1],))
        task = asyncio.create_task(hold_for_answer(queue, verdict, [outcome], pseudonyms, AskSettings()))
        while not queue.pending():
            await asyncio.sleep(0)
        queue.answer(queue.pending()[0].id, "send")
        return await task

    verdict, (outcome,) = asyncio.run(scenario())
    assert verdict.action == "allow" and outcome.redacted == TEXT
