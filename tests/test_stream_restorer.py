"""The streaming restorer: exact restoration, whatever the chunking, with a bounded hold-back."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proxy.stream_restorer import TextRestorer

ORIGINALS = {
    "<PERSON_1>": "Priya Raman",
    "<PERSON_2>": "Jake Morrison",
    "<STREET_ADDRESS_1>": "48 Elm Court, Leeds",
    "<CREDIT_CARD_1>": "4111 1111 1111 1111",
    "Laura Smith": "Hannah Okafor",  # a fake-style surrogate: restored only as a whole word
    "Laura Smith Jones": "Ravi Patel",  # one surrogate that is a prefix of another
}
RESTORER = TextRestorer(ORIGINALS)
# Without a longer surrogate to wait for, "Laura Smith" at the end of a chunk is complete except
# for the word boundary: only the next character tells "Laura Smith," from "Laura Smithson".
SIMPLE = {"<PERSON_1>": "Priya Raman", "Laura Smith": "Hannah Okafor"}


def reference_restore(text: str, originals: dict[str, str]) -> str:
    """Left to right, the longest pseudonym that matches as a whole; written independently."""

    def word(c: str) -> bool:
        return bool(re.match(r"\w", c))

    out, i = [], 0
    by_length = sorted(originals, key=len, reverse=True)
    while i < len(text):
        for r in by_length:
            end = i + len(r)
            if text.startswith(r, i) and not (
                word(r[0]) and i > 0 and word(text[i - 1])
            ) and not (word(r[-1]) and end < len(text) and word(text[end])):
                out.append(originals[r])
                i = end
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def stream_through(chunks: list[str], restorer: TextRestorer = RESTORER) -> tuple[str, int]:
    stream = restorer.stream()
    out, most_held = [], 0
    for chunk in chunks:
        out.append(stream.feed(chunk))
        most_held = max(most_held, stream.held_back)
    out.append(stream.flush())
    return "".join(out), most_held


def all_splits(text: str):
    """Every way of cutting `text` into 1, 2 or 3 consecutive chunks."""
    yield [text]
    for i in range(1, len(text)):
        yield [text[:i], text[i:]]
        for j in range(i + 1, len(text)):
            yield [text[:i], text[i:j], text[j:]]


@pytest.mark.parametrize("placeholder", ["<PERSON_1>", "<STREET_ADDRESS_1>", "<CREDIT_CARD_1>", "Laura Smith"])
def test_every_split_of_a_pseudonym_across_chunks_is_restored(placeholder):
    text = f"Dear {placeholder}, thanks."
    expected = f"Dear {ORIGINALS[placeholder]}, thanks."
    for chunks in all_splits(text):
        assert stream_through(chunks)[0] == expected, chunks


def test_one_character_per_chunk_is_restored():
    text = "Hi <PERSON_1> and <PERSON_2>!"
    assert stream_through(list(text))[0] == "Hi Priya Raman and Jake Morrison!"


@pytest.mark.parametrize(
    "lookalike",
    [
        "<PERSON_99>",
        "<PERSON_1",
        "<PERSON_1 >",
        "<person_1>",
        "<PERSON_10>",
        "PERSON_1>",
        "<<PERSON_3>>",
        "Laura Smithson",
        "Laura Smith_",
        "DrLaura Smith",
        "Laura  Smith",
        "laura smith",
    ],
)
@pytest.mark.parametrize("originals", [ORIGINALS, SIMPLE], ids=["nested", "simple"])
def test_text_that_only_resembles_a_pseudonym_is_left_alone(lookalike, originals):
    text = f"Note: {lookalike} stays"
    restorer = TextRestorer(originals)
    for chunks in all_splits(text):
        assert stream_through(chunks, restorer)[0] == text, chunks


def test_surrogate_followed_by_punctuation_or_end_of_stream_is_restored():
    assert RESTORER.restore("Laura Smith's letter") == "Hannah Okafor's letter"
    assert RESTORER.restore("Signed, Laura Smith") == "Signed, Hannah Okafor"


def test_longer_surrogate_wins_over_its_prefix():
    assert RESTORER.restore("to Laura Smith Jones.") == "to Ravi Patel."
    assert RESTORER.restore("to Laura Smith Jonesy.") == "to Hannah Okafor Jonesy."


def test_text_that_cannot_start_a_pseudonym_is_emitted_at_once():
    stream = RESTORER.stream()
    assert stream.feed("Hello there, ") == "Hello there, "
    assert stream.held_back == 0
    assert stream.feed("<PER") == ""
    assert stream.held_back == 4
    assert stream.feed("SON_1> ok") == "Priya Raman ok"


def test_held_back_prefix_that_turns_out_not_to_be_a_pseudonym_is_released():
    stream = RESTORER.stream()
    assert stream.feed("a <PERSON_") == "a "
    assert stream.feed("9") == "<PERSON_9"
    assert stream.flush() == ""


def test_unfinished_prefix_at_end_of_stream_is_flushed_unchanged():
    stream = RESTORER.stream()
    assert stream.feed("bye <PERS") == "bye "
    assert stream.flush() == "<PERS"


def test_restorer_without_pseudonyms_passes_text_through_and_holds_nothing():
    stream = TextRestorer({}).stream()
    assert stream.feed("<PERSON_1>") == "<PERSON_1>"
    assert stream.held_back == 0 and stream.flush() == ""


# Text built from pseudonyms, their lookalikes and filler, so that near-misses are common.
_PIECES = st.sampled_from(
    list(ORIGINALS)
    + ["<PERSON_99>", "<PERSON_1", "<", ">", "_", "Laura", " Smith", "son", "Jones", "<PERSON_", "1>"]
) | st.text(alphabet="ab <>_1 ,.\n'é", max_size=6)


@st.composite
def texts_and_chunkings(draw):
    text = "".join(draw(st.lists(_PIECES, max_size=12)))
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=len(text) + 1)))
    bounds = [0, *cuts, len(text)]
    return text, [text[a:b] for a, b in zip(bounds, bounds[1:])]


@pytest.mark.parametrize("originals", [ORIGINALS, SIMPLE], ids=["nested", "simple"])
@settings(max_examples=300, deadline=None)
@given(case=texts_and_chunkings())
def test_any_chunking_gives_the_same_result_as_restoring_the_whole_text(originals, case):
    text, chunks = case
    restorer = TextRestorer(originals)
    restored, most_held = stream_through(chunks, restorer)
    assert restored == reference_restore(text, originals)
    assert restored == restorer.restore(text)
    # Never more than one pseudonym's length (plus its word-boundary character) held back.
    assert most_held <= restorer.longest + 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<PERSON_1>", "<PERSON_2>", "<CREDIT_CARD_1>"]), min_size=1, max_size=5), st.data())
def test_several_placeholders_in_a_longer_text_are_all_restored(placeholders, data):
    text = " and ".join(f"({p})" for p in placeholders) + " were mentioned."
    cuts = sorted(data.draw(st.sets(st.integers(1, len(text) - 1))))
    bounds = [0, *cuts, len(text)]
    restored, _ = stream_through([text[a:b] for a, b in zip(bounds, bounds[1:])])
    assert restored == " and ".join(f"({ORIGINALS[p]})" for p in placeholders) + " were mentioned."
    assert "<" not in restored
