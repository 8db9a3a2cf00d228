"""Bytes ↔ documents: bounded decompression, charsets, forms, multipart, and bodies that lie
about their type."""

from __future__ import annotations

import gzip
import json
import zlib

import brotli
import pytest
import zstandard

from proxy.request_body import (
    BodyTooLarge,
    UninspectableBody,
    inflate,
    parse_content,
    parse_request_body,
    serialize_body,
)
from tests.request_fixtures import CARD, NAME, assert_nothing_planted, configured_redactor, make_request, run_request

BODY = json.dumps({"model": "m", "messages": [{"role": "user", "content": f"I'm {NAME}, card {CARD}"}]}).encode()

COMPRESSORS = {
    "gzip": gzip.compress,
    "deflate": zlib.compress,
    "br": brotli.compress,
    "zstd": lambda b: zstandard.ZstdCompressor().compress(b),
}


@pytest.mark.parametrize("coding", sorted(COMPRESSORS))
def test_each_content_encoding_inflates_to_the_original(coding):
    assert inflate(COMPRESSORS[coding](BODY), coding) == BODY


def test_raw_deflate_without_zlib_header_is_accepted():
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    assert inflate(raw.compress(BODY) + raw.flush(), "deflate") == BODY


def test_stacked_encodings_are_undone_in_reverse_order():
    assert inflate(brotli.compress(gzip.compress(BODY)), "gzip, br") == BODY


@pytest.mark.parametrize("coding", sorted(COMPRESSORS))
def test_compression_bomb_is_refused_without_inflating_it(coding):
    bomb = COMPRESSORS[coding](b"\0" * (2 * 1024 * 1024))
    with pytest.raises(BodyTooLarge):
        inflate(bomb, coding, limit=1024 * 1024)


@pytest.mark.parametrize("coding", sorted(COMPRESSORS))
def test_corrupt_or_truncated_compressed_body_is_uninspectable(coding):
    data = COMPRESSORS[coding](BODY)
    with pytest.raises((UninspectableBody, zlib.error)):
        inflate(data[: len(data) // 2], coding)


def test_unknown_content_encoding_is_uninspectable():
    with pytest.raises(UninspectableBody, match="unknown content-encoding"):
        inflate(BODY, "lzma")


@pytest.mark.parametrize("coding", sorted(COMPRESSORS))
def test_compressed_request_is_redacted_and_sent_in_its_own_encoding(coding):
    request = make_request("POST", "/v1/chat/completions", COMPRESSORS[coding](BODY),
                           {"content-type": "application/json", "content-encoding": coding})
    flow = run_request(configured_redactor(), request)
    assert flow.response is None
    assert flow.request.headers["content-encoding"] == coding
    sent = inflate(flow.request.raw_content, coding)
    assert "<PERSON_1>" in sent.decode()
    assert_nothing_planted(sent)
    assert int(flow.request.headers["content-length"]) == len(flow.request.raw_content)


def test_compression_bomb_request_is_answered_413_and_not_forwarded():
    request = make_request("POST", "/v1/chat/completions", gzip.compress(b" " * (40 * 1024 * 1024)),
                           {"content-type": "application/json", "content-encoding": "gzip"})
    flow = run_request(configured_redactor(), request)
    assert flow.response is not None and flow.response.status_code == 413
    assert b"more than 32 MB" in flow.response.content


def test_utf16_json_is_read_and_written_back_in_utf16():
    body = BODY.decode().encode("utf-16")
    request = make_request("POST", "/v1/chat/completions", body, {"content-type": "application/json; charset=utf-16"})
    flow = run_request(configured_redactor(), request)
    sent = flow.request.raw_content.decode("utf-16")
    assert "<CREDIT_CARD_1>" in sent
    assert_nothing_planted(sent)


def test_latin1_text_is_read_and_written_back_in_latin1():
    body = f"Grüße! The card is {CARD}.".encode("iso-8859-1")
    request = make_request("POST", "/notes", body, {"content-type": "text/plain; charset=iso-8859-1"})
    flow = run_request(configured_redactor(), request)
    sent = flow.request.raw_content.decode("iso-8859-1")
    assert sent == "Grüße! The card is <CREDIT_CARD_1>."


def test_json_content_type_with_a_text_body_is_analysed_as_text():
    request = make_request("POST", "/v1/chat/completions", f"not json: {CARD}".encode(), {"content-type": "application/json"})
    flow = run_request(configured_redactor(), request)
    assert flow.metadata["chatveil"]["adapter"] == "plain-text"
    assert flow.request.raw_content == b"not json: <CREDIT_CARD_1>"


def test_json_sent_as_text_plain_is_still_read_as_json():
    assert parse_content(BODY, "text/plain").kind == "json"


def test_undecodable_bytes_survive_a_text_round_trip_unchanged():
    parsed = parse_content(b"caf\xe9 \xff\xfe ok", "text/plain")
    assert serialize_body(parsed) == b"caf\xe9 \xff\xfe ok"


@pytest.mark.parametrize("body", [BODY, json.dumps(json.loads(BODY), indent=None, separators=(", ", ": ")).encode(),
                                  json.dumps({"text": "naïve café"}, ensure_ascii=True).encode()])
def test_unchanged_json_serialises_back_byte_for_byte(body):
    assert serialize_body(parse_content(body, "application/json")) == body


def test_form_round_trip_and_values():
    parsed = parse_content(b"question=Where+is+it%3F&lang=en", "application/x-www-form-urlencoded")
    assert parsed.kind == "form" and parsed.document == [["question", "Where is it?"], ["lang", "en"]]
    assert serialize_body(parsed) == b"question=Where+is+it%3F&lang=en"


def test_multipart_round_trip_is_byte_exact_and_only_text_parts_are_documents():
    boundary = "XyZ"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nhello there\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.png\"\r\n"
            f"Content-Type: image/png\r\n\r\n").encode() + b"\x89PNG\r\n\x00\xff" + f"\r\n--{boundary}--\r\n".encode()
    parsed = parse_content(body, f"multipart/form-data; boundary={boundary}")
    assert parsed.kind == "multipart" and parsed.document == [["message", "hello there"]]
    assert serialize_body(parsed) == body
    parsed.document[0][1] = "changed"
    assert serialize_body(parsed) == body.replace(b"hello there", b"changed")


def test_binary_content_types_are_not_inspected():
    assert parse_content(b"\x89PNG", "image/png").kind == "binary"


def test_empty_body_is_empty():
    assert parse_request_body(make_request("POST", "/x", b"")).kind == "empty"


def test_ascii_bytes_mislabelled_utf16_are_read_as_utf8():
    # Read as UTF-16 these bytes are CJK noise with nothing to find; a server reading UTF-8 sees the card.
    parsed = parse_content(b"\n " + CARD.encode() + b" \n\x00", "text/plain; charset=utf-16")
    assert parsed.charset == "utf-8" and CARD in parsed.document[0]


def test_real_utf16_text_keeps_its_label():
    parsed = parse_content(f"card {CARD} 你好".encode("utf-16-le"), "text/plain; charset=utf-16-le")
    assert parsed.charset == "utf-16-le" and CARD in parsed.document[0]


def test_utf8_json_mislabelled_utf16_is_read_as_json():
    parsed = parse_content(BODY, "application/json; charset=utf-16")
    assert parsed.kind == "json" and parsed.charset == "utf-8"


def test_a_body_that_is_one_json_string_is_read_and_stays_a_json_string():
    request = make_request("POST", "/api/say", json.dumps(f"I'm {NAME}, card {CARD}").encode(), {"content-type": "application/json"})
    flow = run_request(configured_redactor(), request)
    assert json.loads(flow.request.raw_content) == "I'm <PERSON_1>, card <CREDIT_CARD_1>"
