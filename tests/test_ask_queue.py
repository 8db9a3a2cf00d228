"""The ask queue: a held message waits for an answer, or for the policy's timeout."""

from __future__ import annotations

import asyncio

import pytest

from proxy.ask_queue import Answer, AskedFinding, AskQueue

FINDINGS = (AskedFinding("CREDIT_CARD", "**** **** **** 1111"),)


async def ask_soon(queue: AskQueue, timeout: float = 5.0, on_timeout: str = "redact"):
    task = asyncio.create_task(queue.ask("claude.ai", "/api", FINDINGS, timeout, on_timeout))
    for _ in range(100):
        if queue.pending():
            return task, queue.pending()[0]
        await asyncio.sleep(0)
    raise AssertionError("the question never became pending")


@pytest.mark.parametrize("choice", ["redact", "send", "block"])
def test_the_users_answer_is_returned(choice):
    async def scenario():
        queue = AskQueue()
        task, question = await ask_soon(queue)
        assert queue.answer(question.id, choice) is True
        return await task, queue.pending()

    answer, pending = asyncio.run(scenario())
    assert answer == Answer(choice, "user")
    assert pending == []


@pytest.mark.parametrize("on_timeout", ["redact", "block"])
def test_without_an_answer_the_timeout_action_applies(on_timeout):
    async def scenario():
        queue = AskQueue()
        return await queue.ask("claude.ai", "/api", FINDINGS, 0.05, on_timeout), queue.pending()

    answer, pending = asyncio.run(scenario())
    assert answer == Answer(on_timeout, "timeout")
    assert pending == []


def test_a_queue_nobody_can_answer_applies_the_timeout_action_at_once():
    queue = AskQueue(accepting=False)
    answer = asyncio.run(queue.ask("claude.ai", "/api", FINDINGS, 60, "block"))
    assert answer == Answer("block", "no-dashboard")


def test_a_question_is_answered_once_and_unknown_ids_are_refused():
    async def scenario():
        queue = AskQueue()
        task, question = await ask_soon(queue)
        first = queue.answer(question.id, "block")
        second = queue.answer(question.id, "send")
        unknown = queue.answer("nope", "send")
        return first, second, unknown, await task

    assert asyncio.run(scenario()) == (True, False, False, Answer("block", "user"))


def test_an_unknown_choice_is_an_error():
    with pytest.raises(ValueError, match="unknown choice"):
        AskQueue().answer("x", "maybe")


def test_listeners_hear_the_question_and_its_answer_with_hints_only():
    heard = []

    async def scenario():
        queue = AskQueue()
        queue.subscribe(lambda *event: heard.append(event))
        task, question = await ask_soon(queue)
        queue.answer(question.id, "send")
        await task
        return question

    question = asyncio.run(scenario())
    assert [e[0] for e in heard] == ["ask", "answered"]
    assert heard[1][2] == Answer("send", "user")
    assert question.to_json()["findings"] == [{"entity_type": "CREDIT_CARD", "hint": "**** **** **** 1111"}]
    assert question.deadline - question.asked_at == pytest.approx(5.0)


def test_a_cancelled_wait_withdraws_the_question():
    heard = []

    async def scenario():
        queue = AskQueue()
        queue.subscribe(lambda *event: heard.append(event[0]))
        task, _ = await ask_soon(queue)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return queue.pending()

    assert asyncio.run(scenario()) == []
    assert heard == ["ask", "withdrawn"]


def test_a_failing_listener_does_not_decide_the_message():
    async def scenario():
        queue = AskQueue()
        queue.subscribe(lambda *event: 1 / 0)
        task, question = await ask_soon(queue)
        queue.answer(question.id, "redact")
        return await task

    assert asyncio.run(scenario()) == Answer("redact", "user")
