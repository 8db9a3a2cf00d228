"""Restore pseudonyms in a server-sent-event stream, event by event, without buffering it.

Chat APIs stream an answer as one JSON event per token, so a placeholder is split across events:
`{"choices":[{"delta":{"content":"<PER"}}]}` then `…"SON_1>"…`. Restoring event by event would
miss it, so each text run (one choice of an OpenAI completion, one Anthropic content block, one
Gemini candidate, one Responses output part) goes through its own `StreamRestorer` on the
concatenated text of its deltas, and each event is re-emitted with the restored part of its
delta. What the restorer holds back (at most a pseudonym's length) leaves with the next delta of
the same run; when the run ends (`finish_reason`, `content_block_stop`, `[DONE]`, end of the
response), it is flushed in an event cloned from the run's last delta, before the event that
ended it, so clients see every character exactly once and in order.

ChatGPT web's delta encoding (and DeepSeek's) is JSON patch: `{"p": "/message/content/parts/0",
"o": "append", "v": "Hel"}`, then `{"v": "lo"}` repeating the last path and operation, and
batches of operations; appends to one path are one run. Events that carry no delta (Anthropic's
`message_start`, Responses' `response.completed` with the whole text, ChatGPT's older events
that resend the whole answer so far) have every string restored whole. Events that need no change are passed through
byte for byte. Pure: bytes in, bytes out, no mitmproxy.
"""

from __future__ import annotations

import codecs
import copy
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from proxy.stream_restorer import StreamRestorer, TextRestorer

# A text run: which delta stream a piece of text belongs to, e.g. ("choice", 0, "content").
RunKey = tuple
ALL_RUNS = ("*",)


@dataclass
class Delta:
    """One piece of streamed text inside an event's JSON, and how to write its restored form back."""

    run: RunKey
    text: str
    write: Callable[[str], None]


@dataclass
class _Event:
    lines: list[tuple[str, str]]  # (line, terminator) of the non-blank lines
    end: str  # the blank line's terminator

    @property
    def raw(self) -> str:
        return "".join(line + term for line, term in self.lines) + self.end

    def data(self) -> str | None:
        values = [_field_value(line) for line, _ in self.lines if _field_name(line) == "data"]
        return "\n".join(values) if values else None

    def with_data(self, data: str) -> _Event:
        """The same event (name, id, comments kept) with its data lines replaced by `data`."""
        lines, placed = [], False
        for line, term in self.lines:
            if _field_name(line) != "data":
                lines.append((line, term))
            elif not placed:
                lines.extend(("data: " + part, term) for part in data.split("\n"))
                placed = True
        return _Event(lines, self.end)


def _field_name(line: str) -> str:
    return line.split(":", 1)[0] if not line.startswith(":") else ""


def _field_value(line: str) -> str:
    value = line.split(":", 1)[1] if ":" in line else ""
    return value[1:] if value.startswith(" ") else value


@dataclass
class _Run:
    stream: StreamRestorer
    template: _Event  # the run's last event: a flush is sent as a copy of it
    # The JSON document that carries flushed text in that copy; None for a plain-text run.
    carrier: Callable[[str], Any] | None


@dataclass
class EventStreamRestorer:
    """Feed the raw bytes of a `text/event-stream` body; get restored bytes to forward."""

    restorer: TextRestorer
    _decoder: codecs.IncrementalDecoder = field(default_factory=lambda: codecs.getincrementaldecoder("utf-8")("replace"))
    _text: str = ""
    _lines: list[tuple[str, str]] = field(default_factory=list)
    _runs: dict[RunKey, _Run] = field(default_factory=dict)
    _cursor: tuple[str, str] | None = None  # the JSON-patch streams' current (path, operation)

    def feed(self, data: bytes) -> bytes:
        self._text += self._decoder.decode(data)
        return "".join(self._process(final=False)).encode("utf-8")

    def finish(self) -> bytes:
        """End of the response: flush every run and whatever incomplete event is left."""
        self._text += self._decoder.decode(b"", final=True)
        out = list(self._process(final=True))
        out.extend(self._flush(ALL_RUNS))
        # An event without its closing blank line is discarded by clients (the SSE spec says
        # so): it goes last, as it came, so that nothing sent after it is swallowed with it.
        return "".join(out).encode("utf-8") + self.unprocessed()

    def unprocessed(self) -> bytes:
        """Input received but not yet forwarded (an incomplete event), as it came."""
        pending = "".join(line + term for line, term in self._lines) + self._text
        self._lines, self._text = [], ""
        return pending.encode("utf-8")

    # ----- SSE framing ----------------------------------------------------------------------

    def _process(self, final: bool) -> Iterator[str]:
        text, pos = self._text, 0
        while True:
            cut = _next_line_end(text, pos)
            if cut is None:
                break
            end, term = cut
            if term == "\r" and end + 1 == len(text) and not final:
                break  # "\r" may be the first half of "\r\n" still in flight
            line = text[pos:end]
            pos = end + len(term)
            if line:
                self._lines.append((line, term))
            elif self._lines:
                event, self._lines = _Event(self._lines, term), []
                yield from self._dispatch(event)
            else:
                yield term  # a stray blank line between events
        self._text = text[pos:]

    # ----- events ---------------------------------------------------------------------------

    def _dispatch(self, event: _Event) -> Iterator[str]:
        data = event.data()
        if data is None:
            yield event.raw  # a comment or keep-alive
            return
        if data.strip() == "[DONE]":
            yield from self._flush(ALL_RUNS)
            yield event.raw
            return
        try:
            document = json.loads(data)
        except ValueError:
            yield from self._plain_text_event(event, data)
            return
        if is_patch_event(document):
            deltas, closed = self._patch_deltas(document)
        else:
            deltas, closed = list(text_deltas(document)), runs_closed_by(document)
        delta_runs = {d.run for d in deltas}
        yield from self._flush(closed, keep=delta_runs)
        restored = [self._run_for(d, event, document).stream.feed(d.text) for d in deltas]
        # A run this very event ends (a last chunk with both text and finish_reason) gets what
        # was held back appended to its last piece here.
        last_piece = {d.run: i for i, d in enumerate(deltas)}
        for run_key, i in last_piece.items():
            if _closes(closed, run_key):
                restored[i] += self._runs.pop(run_key).stream.flush()
        changed = False
        for delta, text in zip(deltas, restored):
            if text != delta.text:
                delta.write(text)
                changed = True
        if not deltas:
            changed = restore_all_strings(document, self.restorer.restore)
        yield event.with_data(_dumps(document, data)).raw if changed else event.raw

    def _plain_text_event(self, event: _Event, data: str) -> Iterator[str]:
        # Some apps stream bare text tokens as `data:`; the concatenation is the answer.
        key = ("data", next((_field_value(l) for l, _ in event.lines if _field_name(l) == "event"), ""))
        run = self._runs.get(key)
        if run is None:
            run = self._runs[key] = _Run(self.restorer.stream(), event, None)
        run.template = event
        restored = run.stream.feed(data)
        yield event.raw if restored == data else event.with_data(restored).raw

    def _run_for(self, delta: Delta, event: _Event, document: Any) -> _Run:
        run = self._runs.get(delta.run)
        if run is None:
            run = self._runs[delta.run] = _Run(self.restorer.stream(), event, None)
        run.template = event
        if delta.run[0] == "patch":
            # An explicit append to the run's path: right whatever the client's cursor is.
            _, path, operation = delta.run
            run.carrier = lambda held: {"p": path, "o": operation, "v": held}
        else:
            run.carrier = lambda held: _carrying(document, delta.run, held)
        return run

    def _patch_deltas(self, document: dict) -> tuple[list[Delta], set[RunKey]]:
        """Deltas of the JSON-patch streams (ChatGPT web's delta encoding, DeepSeek): appends to a
        path, where `{"v": "..."}` alone repeats the last path and operation."""
        if "o" in document or "p" in document:
            self._cursor = (document.get("p", ""), document.get("o", "append"))
        path, operation = self._cursor or ("", "append")
        if operation.lower() in ("patch", "batch") and isinstance(document["v"], list):
            ops = [(o.get("p", ""), o.get("o", ""), o) for o in document["v"] if isinstance(o, dict) and "v" in o]
        else:
            ops = [(path, operation, document)]
        deltas, other_operations = [], False
        for op_path, op, container in ops:
            if op.lower() == "append" and isinstance(container["v"], str):
                deltas.append(Delta(("patch", op_path, op), container["v"], _item_writer(container, "v")))
            else:
                other_operations = True
        appended = {d.run for d in deltas}
        # Text runs end when the stream moves on to another path or does anything but append.
        closed = {k for k in self._runs if k[0] == "patch" and (other_operations or k not in appended)}
        return deltas, closed

    def _flush(self, closed: set[RunKey] | tuple, keep: set[RunKey] = frozenset()) -> Iterator[str]:
        """Emit what the closed runs held back, each in a copy of the run's last delta event."""
        for key in [k for k in self._runs if _closes(closed, k) and k not in keep]:
            run = self._runs.pop(key)
            held = run.stream.flush()
            if not held:
                continue
            if run.carrier is None:  # a plain-text run
                yield run.template.with_data(held).raw
                continue
            yield run.template.with_data(_dumps(run.carrier(held), run.template.data() or "")).raw


def _next_line_end(text: str, pos: int) -> tuple[int, str] | None:
    n, r = text.find("\n", pos), text.find("\r", pos)
    if r == -1 and n == -1:
        return None
    if r == -1 or (n != -1 and n < r):
        return n, "\n"
    return r, "\r\n" if text.startswith("\r\n", r) else "\r"


def _dumps(document: Any, like: str) -> str:
    spaced = '", "' in like or '": ' in like
    return json.dumps(document, ensure_ascii=False, separators=(", ", ": ") if spaced else (",", ":"))


def _closes(closed: set[RunKey] | tuple, run: RunKey) -> bool:
    return closed == ALL_RUNS or run in closed


# ----- wire shapes --------------------------------------------------------------------------


def text_deltas(document: Any) -> Iterator[Delta]:
    """The streamed text pieces in one event of the OpenAI, Anthropic or Gemini stream shapes."""
    if not isinstance(document, dict):
        return
    kind = document.get("type")
    if kind == "content_block_delta" and isinstance(document.get("delta"), dict):  # Anthropic
        delta = document["delta"]
        for name in ("text", "thinking"):
            if isinstance(delta.get(name), str):
                yield Delta(("block", document.get("index", 0), name), delta[name], _item_writer(delta, name))
        return
    if kind == "response.output_text.delta" and isinstance(document.get("delta"), str):  # OpenAI Responses
        run = ("output", document.get("item_id") or document.get("output_index", 0), document.get("content_index", 0))
        yield Delta(run, document["delta"], _item_writer(document, "delta"))
        return
    for position, choice in enumerate(_dicts(document.get("choices"))):  # OpenAI chat / completions
        index = choice.get("index", position)
        delta = choice.get("delta")
        if isinstance(delta, dict):
            for name in ("content", "reasoning_content"):
                if isinstance(delta.get(name), str):
                    yield Delta(("choice", index, name), delta[name], _item_writer(delta, name))
        elif isinstance(choice.get("text"), str):
            yield Delta(("choice", index, "text"), choice["text"], _item_writer(choice, "text"))
    for position, candidate in enumerate(_dicts(document.get("candidates"))):  # Gemini
        parts = [p for p in _dicts((candidate.get("content") or {}).get("parts")) if isinstance(p.get("text"), str)]
        index = candidate.get("index", position)
        for part in parts:
            yield Delta(("candidate", index), part["text"], _item_writer(part, "text"))


def runs_closed_by(document: Any) -> set[RunKey] | tuple:
    """Which text runs this event ends: after it, nothing more arrives for them."""
    if not isinstance(document, dict):
        return set()
    kind = document.get("type")
    if kind == "content_block_stop":
        index = document.get("index", 0)
        return {("block", index, "text"), ("block", index, "thinking")}
    if kind in ("message_delta", "message_stop", "response.completed", "response.done", "response.failed", "error"):
        return ALL_RUNS
    if kind == "response.output_text.done":
        return {("output", document.get("item_id") or document.get("output_index", 0), document.get("content_index", 0))}
    closed: set[RunKey] = set()
    for position, choice in enumerate(_dicts(document.get("choices"))):
        if choice.get("finish_reason"):
            index = choice.get("index", position)
            closed |= {("choice", index, "content"), ("choice", index, "reasoning_content"), ("choice", index, "text")}
    for position, candidate in enumerate(_dicts(document.get("candidates"))):
        if candidate.get("finishReason"):
            closed.add(("candidate", candidate.get("index", position)))
    return closed


def is_patch_event(document: Any) -> bool:
    return isinstance(document, dict) and "v" in document and set(document) <= {"p", "o", "v", "c"}


def _carrying(document: Any, run: RunKey, text: str) -> Any:
    """A copy of the run's last delta event that carries `text` as its delta, and nothing else."""
    document = _without_end_markers(copy.deepcopy(document))
    for delta in text_deltas(document):
        # Other runs' pieces in the same event (a second choice) were sent already: emptied.
        delta.write(text if delta.run == run else "")
        if delta.run == run:
            text = ""  # the whole flush goes into the first matching piece
    return document


def _without_end_markers(document: Any) -> Any:
    # A flushed delta is still part of the run; the end marker belongs to the event after it.
    if isinstance(document, dict):
        for choice in _dicts(document.get("choices")):
            if "finish_reason" in choice:
                choice["finish_reason"] = None
        for candidate in _dicts(document.get("candidates")):
            candidate.pop("finishReason", None)
    return document


def _item_writer(container: dict, key: str) -> Callable[[str], None]:
    def write(text: str) -> None:
        container[key] = text

    return write


def _dicts(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def restore_all_strings(document: Any, restore: Callable[[str], str]) -> bool:
    """Restore every string value in place (keys are the API's, never the user's); True if changed."""
    changed = False
    stack = [document]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in list(items):
            if isinstance(value, str):
                restored = restore(value)
                if restored != value:
                    node[key] = restored
                    changed = True
            elif isinstance(value, (dict, list)):
                stack.append(value)
    return changed

