"""Fuzzing the request path (body decoding, adapters, write-back) for crashes and leaks.

The Redactor runs in-process through mitmproxy's test helpers. Its detector is swapped for one
that finds two planted markers by pattern, so that hypothesis can try thousands of bodies in
seconds and any value that survives is a wire-format bug, not a recognizer miss. Two properties:

- no body makes inspection fail internally: the outcome is forwarded, or refused with a clear
  4xx ("uninspectable" / too large), never the 503 that means ChatVeil itself crashed;
- a planted value in a text field never leaves, and what is forwarded is still valid in its
  format.

Found cases are kept below as explicit regression tests.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import re
import urllib.parse

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mitmproxy.test import taddons, tflow, tutils

from proxy.findings import Finding
from proxy.pipeline import Pipeline
from proxy.redactor import Redactor

CARD = "4111 1111 1111 1111"
NAME = "Zelda Quimbley"
_PLANTED = re.compile(re.escape(CARD) + "|" + re.escape(NAME))
HOST = "chat.example.com"

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


class PlantedValueDetector:
    """Finds exactly the planted card and name, wherever they are: a stand-in for Presidio."""

    def warm_up(self) -> None:
        pass

    def analyze(self, text: str) -> list[Finding]:
        kinds = {CARD: "CREDIT_CARD", NAME: "PERSON"}
        return [Finding(kinds[m.group()], m.start(), m.end(), 1.0, "planted") for m in _PLANTED.finditer(text)]


@pytest.fixture(scope="module")
def redactor(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    policy = home / "policy.yaml"
    policy.write_text(
        f"version: 1\nname: fuzz\nhosts: [{HOST}]\n"
        "entities:\n  PERSON: {action: redact}\n  CREDIT_CARD: {action: redact}\n"
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHATVEIL_HOME", str(home))
        addon = Redactor()
        with taddons.context(addon) as tctx:
            tctx.configure(addon, chatveil_policy=str(policy), chatveil_warm_up=False)
            real_pipeline = addon.pipeline
            addon.pipeline = Pipeline(addon.policy, detector=PlantedValueDetector())
            addon.real_pipeline = real_pipeline
            yield addon


def run_request(addon: Redactor, body: bytes, content_type: str | None, path: str = "/api/send", **headers):
    request = tutils.treq(host=HOST, port=443, path=path.encode(), method=b"POST", content=b"")
    request.headers["host"] = HOST
    request.raw_content = body
    request.headers["content-length"] = str(len(body))
    if content_type is not None:
        request.headers["content-type"] = content_type
    for k, v in headers.items():
        request.headers[k.replace("_", "-")] = v
    flow = tflow.tflow(req=request)
    asyncio.run(addon.request(flow))
    return flow


def assert_handled(flow) -> None:
    """Forwarded, or refused with a clear 4xx; never ChatVeil's own failure."""
    if flow.response is not None:
        assert flow.response.headers.get("x-chatveil") != "chatveil_inspection_failed", (
            flow.metadata.get("chatveil", {}).get("note")
        )
        assert 400 <= flow.response.status_code < 500


def forwarded_text(flow) -> str:
    content = flow.request.get_content(strict=False) or b""
    return content.decode("utf-8", "replace") + content.decode("latin-1")


CONTENT_TYPES = st.sampled_from([
    None, "application/json", "application/json; charset=utf-8", "text/plain", "text/plain; charset=latin-1",
    "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "text/event-stream",
    "application/x-ndjson", "application/json; charset=utf-16", "text/html", "application/jsonl",
])
TEXT_CONTENT_TYPES = CONTENT_TYPES.filter(lambda c: c is None or not c.startswith(("image/", "audio/")))


@FUZZ
@given(body=st.binary(max_size=400), content_type=CONTENT_TYPES,
       encoding=st.sampled_from([None, "gzip", "deflate", "br", "zstd", "identity", "gzip, gzip", "x-unknown"]))
def test_arbitrary_bytes_never_crash_inspection(redactor, body, content_type, encoding):
    headers = {"content_encoding": encoding} if encoding else {}
    assert_handled(run_request(redactor, body, content_type, **headers))


@FUZZ
@given(prefix=st.binary(max_size=200), suffix=st.binary(max_size=200), content_type=TEXT_CONTENT_TYPES)
def test_planted_card_in_arbitrary_text_bytes_never_leaves(redactor, prefix, suffix, content_type):
    # Separators keep the planted value a whole value (bytes around it cannot be read as part of it).
    body = prefix + b"\n " + CARD.encode() + b" \n" + suffix
    flow = run_request(redactor, body, content_type)
    assert_handled(flow)
    if flow.response is None:
        assert CARD not in forwarded_text(flow)


JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
HUMAN_KEYS = st.sampled_from(["message", "text", "content", "prompt", "query", "input", "body", "comment"])


@st.composite
def documents_with_planted_text(draw):
    """A random JSON document with the planted values in a human-text field at a random depth."""
    document = draw(st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=4))
    planted = draw(st.text(max_size=20)) + f" I'm {NAME}, card {CARD}. " + draw(st.text(max_size=20))
    node = document
    for key in draw(st.lists(st.sampled_from(["data", "payload", "chat", "x"]), max_size=5)):
        node = node.setdefault(key, {}) if isinstance(node.get(key, {}), dict) else node
    node[draw(HUMAN_KEYS)] = planted
    return document


@FUZZ
@given(document=documents_with_planted_text(), compact=st.booleans(), ascii_only=st.booleans(),
       path=st.sampled_from(["/api/send", "/v1/chat/completions", "/v1/messages", "/api/chat", "/backend-api/conversation"]))
def test_planted_values_in_random_json_never_leave_and_the_body_stays_json(redactor, document, compact, ascii_only, path):
    separators = (",", ":") if compact else (", ", ": ")
    body = json.dumps(document, separators=separators, ensure_ascii=ascii_only).encode()
    flow = run_request(redactor, body, "application/json", path=path)
    assert_handled(flow)
    if flow.response is None:
        assert CARD not in forwarded_text(flow) and NAME not in forwarded_text(flow)
        json.loads(flow.request.get_content())


@FUZZ
@given(document=documents_with_planted_text())
def test_planted_values_in_gzip_json_never_leave(redactor, document):
    body = gzip.compress(json.dumps(document).encode())
    flow = run_request(redactor, body, "application/json", content_encoding="gzip")
    assert_handled(flow)
    if flow.response is None:
        sent = gzip.decompress(flow.request.raw_content).decode()
        assert CARD not in sent and NAME not in sent


@FUZZ
@given(fields=st.lists(st.tuples(st.text(max_size=10), st.text(max_size=30)), max_size=5),
       position=st.integers(min_value=0, max_value=5), key=HUMAN_KEYS)
def test_planted_values_in_forms_never_leave_and_other_fields_are_kept(redactor, fields, position, key):
    pairs = list(fields)
    pairs.insert(min(position, len(pairs)), (key, f"hello, I'm {NAME}, card {CARD}"))
    body = urllib.parse.urlencode(pairs).encode()
    flow = run_request(redactor, body, "application/x-www-form-urlencoded")
    assert_handled(flow)
    if flow.response is None:
        sent = urllib.parse.parse_qsl(flow.request.get_text(), keep_blank_values=True)
        assert CARD not in repr(sent) and NAME not in repr(sent)
        assert len(sent) == len(pairs)


# --- Found cases, kept as regressions ----------------------------------------------------------


def test_invalid_utf8_body_is_analysed_by_the_real_detector_instead_of_failing(redactor):
    # spaCy's tokenizer raised UnicodeEncodeError on the surrogate escapes of invalid UTF-8, so
    # such a body was refused with a 503 instead of being redacted (found by test_bad_input).
    text = "\udcff\udcfe broken bytes. Hi, I'm Jake Morrison, card 4111 1111 1111 1111."
    outcome = redactor.real_pipeline.process(text)
    assert "4111 1111 1111 1111" not in outcome.redacted
    assert outcome.redacted.startswith("\udcff\udcfe broken bytes.")


def test_utf8_body_mislabelled_as_utf16_json_does_not_smuggle_a_card_out(redactor):
    # Found by test_planted_card_in_arbitrary_text_bytes_never_leaves: ASCII bytes declared as
    # `application/json; charset=utf-16` decode to CJK noise, nothing is found, and the bytes go
    # out unchanged, while a server reading them as UTF-8 (JSON is UTF-8 by RFC 8259) sees the card.
    body = b"\n " + CARD.encode() + b" \n\x00"
    flow = run_request(redactor, body, "application/json; charset=utf-16")
    assert_handled(flow)
    assert flow.response is not None or CARD not in forwarded_text(flow)
