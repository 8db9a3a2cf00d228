"""Messages held for the user's answer (`ask`): a pending question per request, with a future.

Pure asyncio and plain data: the Redactor awaits `ask(...)`, the dashboard lists `pending()`
and calls `answer(...)`. A question carries only what may be shown: entity types and masked
hints, never the message or a value. If nobody answers in time, the policy's `ask.on_timeout`
applies; if nothing can answer at all (no dashboard), it applies at once rather than holding
a message that no one will ever see.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

logger = logging.getLogger("chatveil")

CHOICES = ("redact", "send", "block")  # Send redacted / Send as is / Block


@dataclass(frozen=True)
class AskedFinding:
    entity_type: str
    hint: str


@dataclass(frozen=True)
class Question:
    id: str
    host: str
    path: str
    findings: tuple[AskedFinding, ...]
    asked_at: float  # epoch seconds
    deadline: float  # epoch seconds
    on_timeout: str

    def to_json(self) -> dict:
        data = asdict(self)
        data["findings"] = [asdict(f) for f in self.findings]
        return data


@dataclass(frozen=True)
class Answer:
    choice: str  # one of CHOICES
    by: str  # user | timeout | no-dashboard

    def describe(self) -> str:
        what = {"redact": "sent redacted", "send": "sent as is", "block": "blocked"}[self.choice]
        who = {"user": "by the user", "timeout": "after the timeout", "no-dashboard": "(no dashboard to ask)"}[self.by]
        return f"ask: {what} {who}"


# A listener hears ("ask", question), ("answered", question, answer) and ("withdrawn", question).
Listener = Callable[..., None]


@dataclass
class AskQueue:
    accepting: bool = True  # False while no dashboard can show the questions
    _pending: dict[str, tuple[Question, asyncio.Future]] = field(default_factory=dict)
    _listeners: list[Listener] = field(default_factory=list)

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def pending(self) -> list[Question]:
        return sorted((q for q, _ in self._pending.values()), key=lambda q: q.asked_at)

    async def ask(
        self, host: str, path: str, findings: tuple[AskedFinding, ...], timeout: float, on_timeout: str
    ) -> Answer:
        if on_timeout not in CHOICES:
            raise ValueError(f"unknown ask.on_timeout {on_timeout!r}")
        if not self.accepting:
            return Answer(on_timeout, "no-dashboard")
        now = time.time()
        question = Question(secrets.token_hex(8), host, path, tuple(findings), now, now + timeout, on_timeout)
        future: asyncio.Future = asyncio.get_running_loop().create_future()
        self._pending[question.id] = (question, future)
        self._tell("ask", question)
        try:
            choice = await asyncio.wait_for(asyncio.shield(future), timeout)
            answer = Answer(choice, "user")
        except TimeoutError:
            answer = Answer(on_timeout, "timeout")
        except asyncio.CancelledError:
            # The client went away while we waited: take the question off the dashboard.
            self._tell("withdrawn", question)
            raise
        finally:
            self._pending.pop(question.id, None)
        self._tell("answered", question, answer)
        return answer

    def answer(self, question_id: str, choice: str) -> bool:
        """Resolve a pending question; False if it is unknown or already answered."""
        if choice not in CHOICES:
            raise ValueError(f"unknown choice {choice!r} (use {', '.join(CHOICES)})")
        entry = self._pending.get(question_id)
        if entry is None or entry[1].done():
            return False
        entry[1].set_result(choice)
        return True

    def _tell(self, *event) -> None:
        for listener in list(self._listeners):
            try:
                listener(*event)
            except Exception as e:  # a broken listener must not decide the fate of a message
                logger.error("ChatVeil ask listener failed: %s", e)
