"""SSE streams of the OpenAI, Anthropic and Gemini shapes: pseudonyms split across events restored."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from proxy.event_stream_restorer import EventStreamRestorer
from proxy.stream_restorer import TextRestorer

ORIGINALS = {"<PERSON_1>": "Priya Raman", "<STREET_ADDRESS_1>": "48 Elm Court, Leeds", "Laura Smith": "Hannah Okafor"}
ANSWER = "Dear <PERSON_1>, your flat at <STREET_ADDRESS_1> is lovely. Laura Smith agrees; <PERSON_99> does not."
RESTORED = "Dear Priya Raman, your flat at 48 Elm Court, Leeds is lovely. Hannah Okafor agrees; <PERSON_99> does not."


def tokens(text: str, size: int = 3) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def openai_stream(pieces: list[str]) -> bytes:
    def chunk(delta: dict, finish=None) -> str:
        body = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "model": "m",
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        return "data: " + json.dumps(body, separators=(",", ":")) + "\n\n"

    events = [chunk({"role": "assistant", "content": ""})] + [chunk({"content": p}) for p in pieces]
    return "".join(events + [chunk({}, "stop"), "data: [DONE]\n\n"]).encode()


def anthropic_stream(pieces: list[str]) -> bytes:
    def event(name: str, body: dict) -> str:
        return f"event: {name}\r\ndata: {json.dumps(body)}\r\n\r\n"

    events = [
        event("message_start", {"type": "message_start", "message": {"id": "msg_1", "content": []}}),
        event("content_block_start", {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
        *[event("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": p}}) for p in pieces],
        event("content_block_stop", {"type": "content_block_stop", "index": 0}),
        event("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn"}}),
        event("message_stop", {"type": "message_stop"}),
    ]
    return "".join(events).encode()


def gemini_stream(pieces: list[str]) -> bytes:
    events = []
    for i, p in enumerate(pieces):
        candidate = {"content": {"role": "model", "parts": [{"text": p}]}, "index": 0}
        if i == len(pieces) - 1:
            candidate["finishReason"] = "STOP"
        events.append("data: " + json.dumps({"candidates": [candidate]}) + "\r\n\r\n")
    return "".join(events).encode()


def through(body: bytes, cuts: list[int]) -> bytes:
    restorer = EventStreamRestorer(TextRestorer(ORIGINALS))
    bounds = [0, *sorted(set(cuts)), len(body)]
    out = b"".join(restorer.feed(body[a:b]) for a, b in zip(bounds, bounds[1:]))
    return out + restorer.finish()


def events_of(body: bytes) -> list[dict]:
    text = body.decode().replace("\r\n", "\n")
    out = []
    for block in text.split("\n\n"):
        data = "\n".join(line[6:] for line in block.split("\n") if line.startswith("data: "))
        if data and data != "[DONE]":
            out.append(json.loads(data))
    return out


def openai_text(body: bytes) -> str:
    return "".join(c["delta"].get("content") or "" for e in events_of(body) for c in e["choices"])


def anthropic_text(body: bytes) -> str:
    return "".join(e["delta"]["text"] for e in events_of(body) if e["type"] == "content_block_delta")


def gemini_text(body: bytes) -> str:
    return "".join(p["text"] for e in events_of(body) for c in e["candidates"] for p in c["content"]["parts"])


def test_openai_stream_with_placeholders_split_across_events_is_restored():
    out = through(openai_stream(tokens(ANSWER)), [])
    assert openai_text(out) == RESTORED
    finals = [c["finish_reason"] for e in events_of(out) for c in e["choices"]]
    assert finals[-1] == "stop" and finals.count("stop") == 1
    assert out.endswith(b"data: [DONE]\n\n")


def test_anthropic_stream_is_restored_and_held_text_is_flushed_before_the_block_stops():
    out = through(anthropic_stream(tokens(ANSWER + " <PERS")), [])
    assert anthropic_text(out) == RESTORED + " <PERS"
    kinds = [e["type"] for e in events_of(out)]
    assert kinds.index("content_block_stop") > max(i for i, k in enumerate(kinds) if k == "content_block_delta")
    assert b"event: content_block_delta\r\ndata: " in out


def test_gemini_stream_is_restored_including_text_held_back_in_the_last_chunk():
    out = through(gemini_stream(tokens(ANSWER + " Laura Smith", 4)), [])
    assert gemini_text(out) == RESTORED + " Hannah Okafor"


def test_events_without_pseudonyms_pass_through_byte_for_byte():
    body = openai_stream(tokens("Nothing personal here at all."))
    assert through(body, [7, 100, 101]) == body


def test_event_without_deltas_has_every_string_restored_whole():
    body = b'data: {"type":"response.completed","response":{"output_text":"Hi <PERSON_1>"}}\n\n'
    assert events_of(through(body, []))[0]["response"]["output_text"] == "Hi Priya Raman"


def test_plain_text_tokens_in_data_lines_are_restored_across_events():
    body = b"".join(b"data: " + t.encode() + b"\n\n" for t in ["Hi <PER", "SON_1>", "!"])
    out = through(body, [])
    assert "".join(line[6:] for line in out.decode().split("\n") if line.startswith("data: ")) == "Hi Priya Raman!"


def test_unterminated_last_event_is_forwarded_last_as_it_came():
    body = openai_stream(tokens("Hi <PERSON_1>"))[:-2]  # the server closed without the blank line
    out = through(body, [])
    assert openai_text(out) == "Hi Priya Raman"
    assert out.endswith(b"data: [DONE]")


def test_held_text_is_flushed_before_an_unterminated_last_event():
    body = b"".join(openai_chunk_bytes(p) for p in ["Hi <PER", "SON_1> and <PERS", "!"])[:-2]
    out = through(body, [])
    complete, _, unterminated = out.rpartition(b"\n\n")
    assert openai_text(complete + b"\n\n") == "Hi Priya Raman and <PERS"
    assert unterminated == openai_chunk_bytes("!")[:-2]


def openai_chunk_bytes(content: str) -> bytes:
    return b"data: " + json.dumps({"choices": [{"index": 0, "delta": {"content": content}}]}).encode() + b"\n\n"


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([(openai_stream, openai_text), (anthropic_stream, anthropic_text), (gemini_stream, gemini_text)]),
    st.integers(1, 12),
    st.data(),
)
def test_any_byte_chunking_and_any_token_size_give_the_restored_text(shape, size, data):
    make, read = shape
    body = make(tokens(ANSWER, size))
    cuts = data.draw(st.lists(st.integers(1, len(body) - 1), max_size=30))
    assert read(through(body, cuts)) == RESTORED


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_multibyte_characters_split_across_chunks_survive(data):
    answer = "Grüße an <PERSON_1> — 你好 ✓"
    body = openai_stream(tokens(answer, 2))
    cuts = data.draw(st.lists(st.integers(1, len(body) - 1), max_size=40))
    assert openai_text(through(body, cuts)) == "Grüße an Priya Raman — 你好 ✓"


def chatgpt_web_stream(pieces: list[str]) -> bytes:
    """ChatGPT web's delta encoding: JSON-patch appends, later ones with the path left out."""
    def event(body) -> str:
        return "event: delta\ndata: " + json.dumps(body) + "\n\n"

    message = {"message": {"id": "m1", "author": {"role": "assistant"}, "content": {"content_type": "text", "parts": [""]},
                           "status": "in_progress"}}
    events = ['event: delta_encoding\ndata: "v1"\n\n', event({"p": "", "o": "add", "v": message, "c": 0})]
    events.append(event({"p": "/message/content/parts/0", "o": "append", "v": pieces[0]}))
    events += [event({"v": p}) for p in pieces[1:]]
    events.append(event({"p": "", "o": "patch", "v": [
        {"p": "/message/status", "o": "replace", "v": "finished_successfully"},
        {"p": "/message/metadata", "o": "append", "v": {"is_complete": True}},
    ]}))
    return "".join(events + ["data: [DONE]\n\n"]).encode()


def chatgpt_web_text(body: bytes) -> str:
    """Apply the patches as the web app does: appends to parts/0, following the cursor."""
    text, cursor = "", None
    for e in events_of(body):
        if not isinstance(e, dict) or "v" not in e:
            continue
        if "o" in e:
            cursor = (e.get("p"), e["o"])
        ops = e["v"] if cursor and cursor[1] == "patch" else [{"p": cursor[0], "o": cursor[1], "v": e["v"]}]
        for op in ops:
            if op["p"] == "/message/content/parts/0" and op["o"] == "append":
                text += op["v"]
    return text


def test_chatgpt_web_patch_stream_is_restored_across_shorthand_appends():
    out = through(chatgpt_web_stream(tokens(ANSWER + " <PERS")), [])
    assert chatgpt_web_text(out) == RESTORED + " <PERS"
    assert b'"finished_successfully"' in out and out.endswith(b"data: [DONE]\n\n")


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 9), st.data())
def test_chatgpt_web_patch_stream_survives_any_chunking(size, data):
    body = chatgpt_web_stream(tokens(ANSWER, size))
    cuts = data.draw(st.lists(st.integers(1, len(body) - 1), max_size=30))
    assert chatgpt_web_text(through(body, cuts)) == RESTORED


def test_held_text_of_one_choice_is_flushed_without_repeating_another_choices_delta():
    def chunk(deltas: dict, finish=None) -> str:
        choices = [{"index": i, "delta": {"content": c}, "finish_reason": finish} for i, c in deltas.items()]
        return "data: " + json.dumps({"choices": choices}) + "\n\n"

    body = (chunk({0: "Hi <PER", 1: "Yo <PER"}) + chunk({0: "SON_1>", 1: "SON_1"}) + chunk({}, "stop") + "data: [DONE]\n\n").encode()
    out = through(body, [])
    texts = {0: "", 1: ""}
    for e in events_of(out):
        for c in e["choices"]:
            texts[c["index"]] += c["delta"].get("content") or ""
    assert texts == {0: "Hi Priya Raman", 1: "Yo <PERSON_1"}
