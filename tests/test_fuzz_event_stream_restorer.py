"""Fuzzing the streamed-response restorer (server-sent events) for crashes and lost or leaked text.

A chat answer arrives as one JSON event per token and the network splits those bytes anywhere,
even inside a multi-byte character. Whatever the split, the restorer must not raise, every
event it forwards must still parse, and the text the client reads must be exactly the answer
with this conversation's pseudonyms restored: nothing dropped, nothing doubled, no placeholder
left that it knows, and no original value put anywhere its placeholder was not.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from proxy.event_stream_restorer import EventStreamRestorer
from proxy.stream_restorer import TextRestorer

ORIGINALS = {"<PERSON_1>": "Jake Morrison", "<CREDIT_CARD_1>": "4111 1111 1111 1111", "<PERSON_2>": "Zoë Ångström"}
FUZZ = settings(max_examples=200, deadline=None)

WORDS = st.sampled_from(["Hello", " ", "there", ",", "é", "日本", "🙂", "<", ">", "<PER", "SON_", "1>", "\n", "_1", "Zoë"])


@st.composite
def answers(draw) -> str:
    pieces = draw(st.lists(st.one_of(WORDS, st.sampled_from(sorted(ORIGINALS)), st.text(max_size=5)), max_size=25))
    return "".join(pieces)


def split_points(draw, length: int) -> list[int]:
    return sorted(set(draw(st.lists(st.integers(min_value=0, max_value=length), max_size=12))))


def pieces_of(value, cuts: list[int]):
    bounds = [0, *cuts, len(value)]
    return [value[a:b] for a, b in zip(bounds, bounds[1:])]


def openai_stream(deltas: list[str]) -> bytes:
    events = [{"id": "c", "choices": [{"index": 0, "delta": {"content": d}, "finish_reason": None}]} for d in deltas]
    events.append({"id": "c", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    return ("".join(f"data: {json.dumps(e, ensure_ascii=False)}\n\n" for e in events) + "data: [DONE]\n\n").encode()


def client_text(stream: bytes) -> str:
    """What an SDK shows: the concatenated delta contents. Every data line must parse."""
    text = []
    for line in stream.decode("utf-8").split("\n"):
        if not line.startswith("data: ") or line == "data: [DONE]":
            continue
        for choice in json.loads(line[len("data: "):]).get("choices", []):
            text.append(choice.get("delta", {}).get("content") or "")
    return "".join(text)


@FUZZ
@given(data=st.data(), answer=answers())
def test_any_split_of_a_streamed_answer_restores_exactly_the_whole_answer(data, answer):
    deltas = pieces_of(answer, split_points(data.draw, len(answer)))
    stream = openai_stream(deltas)
    chunks = pieces_of(stream, split_points(data.draw, len(stream)))  # may cut inside a character
    restorer = EventStreamRestorer(TextRestorer(ORIGINALS))
    out = b"".join(restorer.feed(chunk) for chunk in chunks) + restorer.finish()
    assert client_text(out) == TextRestorer(ORIGINALS).restore(answer)


@FUZZ
@given(chunks=st.lists(st.binary(max_size=64), max_size=20))
def test_arbitrary_bytes_never_crash_the_restorer(chunks):
    restorer = EventStreamRestorer(TextRestorer(ORIGINALS))
    for chunk in chunks:
        restorer.feed(chunk)
    restorer.finish()


@FUZZ
@given(data=st.data(), answer=answers())
def test_a_restorer_without_pseudonyms_forwards_the_stream_unchanged(data, answer):
    stream = openai_stream(pieces_of(answer, split_points(data.draw, len(answer))))
    restorer = EventStreamRestorer(TextRestorer({}))
    chunks = pieces_of(stream, split_points(data.draw, len(stream)))
    out = b"".join(restorer.feed(chunk) for chunk in chunks) + restorer.finish()
    assert client_text(out) == answer
