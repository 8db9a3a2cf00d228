"""chatveil learn: proposes the fields that carry typed text, from counts only, never values."""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
import time

import httpx
import pytest
import yaml
from mitmproxy import io
from mitmproxy.test import tflow

from proxy.cli import main
from proxy.field_learner import FieldLearner, policy_snippet
from proxy.policy import parse_policy
from tests.proxy_process import REPO, free_port
from tests.request_fixtures import CARD, MAIL, NAME, PLANTED, make_request

MESSAGES = [f"Hi, I'm {NAME}, how are you today?", f"My card is {CARD}, is that safe?", f"Write to {MAIL} please, thanks"]


def companion_body(text: str, n: int) -> dict:
    return {"character_id": f"c7d8e9f0a1b2c3d4e5f6a7b{n}", "session_token": "eyJhbGciOiJIUzI1NiJ9x9Qm3vZkT1pLw8Rr2Ys5Nn",
            "payload": {"text": text, "mood": "happy"}, "client": "web-2.41.0", "history": [{"body": "Hello there, traveller!"}]}


def test_learner_proposes_the_typed_text_fields_and_not_ids_tokens_or_enums():
    learner = FieldLearner()
    for n, text in enumerate(MESSAGES):
        learner.observe("json", companion_body(text, n))
    assert learner.proposed_paths() == ["history[].body", "payload.text"]
    assert learner.fields["payload.text"].seen == 3


def test_learner_walks_form_fields_and_json_inside_strings():
    learner = FieldLearner()
    inner = json.dumps([[MESSAGES[0], 0], ["en"]])
    learner.observe("form", [["f.req", json.dumps([None, inner])], ["at", "AFzN8dWx:1763950000000"]])
    assert learner.proposed_paths() == ['["f.req"]#[]#[][]']


def test_policy_snippet_is_a_valid_policy_entry():
    snippet = policy_snippet("chat.example.com", ["payload.text", '["f.req"]#[]#[][]'])
    policy = parse_policy(yaml.safe_load(snippet))
    assert policy.host_rules[0].fields == ("payload.text", '["f.req"]#[]#[][]')


def test_report_holds_no_value():
    learner = FieldLearner()
    for n, text in enumerate(MESSAGES):
        learner.observe("json", companion_body(text, n))
    report = learner.report("chat.example.com")
    assert "fields: [history[].body, payload.text]" in report
    assert all(value not in report for value in PLANTED)


def test_learn_reads_a_saved_flow_file(tmp_path, capsys):
    path = tmp_path / "flows.mitm"
    with open(path, "wb") as f:
        writer = io.FlowWriter(f)
        for n, text in enumerate(MESSAGES):
            request = make_request("POST", "/api/v2/chat/send", json.dumps(companion_body(text, n)).encode(),
                                   {"content-type": "application/json"}, host="chat.example.com")
            writer.add(tflow.tflow(req=request))
        writer.add(tflow.tflow(req=make_request("POST", "/x", b'{"text": "other host, other words"}',
                                                {"content-type": "application/json"}, host="elsewhere.example.org")))
    assert main(["learn", "chat.example.com", "--flows", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Watched 3 message(s) to chat.example.com" in out
    assert "  - host: chat.example.com\n    fields: [history[].body, payload.text]" in out
    assert all(value not in out for value in PLANTED)


def test_learn_rejects_a_file_that_is_not_a_flow_file(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    assert main(["learn", "chat.example.com", "--flows", str(path)]) == 1
    assert capsys.readouterr().err.startswith("Error: ")


@pytest.mark.slow
def test_learn_watches_live_traffic_through_the_proxy_and_prints_a_snippet(tmp_path, upstream):
    port = free_port()
    confdir = tmp_path / "confdir"
    confdir.mkdir()
    output = tmp_path / "learn.txt"
    with open(output, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "proxy.cli", "learn", "localhost", "--seconds", "12", "--listen-port", str(port),
             "--set", f"confdir={confdir}", "--set", "ssl_insecure=true"],
            cwd=REPO, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
            deadline = time.monotonic() + 30
            while "is listening" not in output.read_text(errors="replace"):
                assert time.monotonic() < deadline and process.poll() is None, output.read_text(errors="replace")
                time.sleep(0.1)
            verify = ssl.create_default_context(cafile=confdir / "mitmproxy-ca-cert.pem")
            with httpx.Client(proxy=f"http://127.0.0.1:{port}", verify=verify, timeout=30) as client:
                for n, text in enumerate(MESSAGES):
                    client.post(f"https://localhost:{upstream.port}/api/v2/chat/send", json=companion_body(text, n))
            assert process.wait(timeout=60) == 0
        finally:
            if process.poll() is None:
                process.kill()
    text = output.read_text(errors="replace")
    assert "fields: [history[].body, payload.text]" in text
    assert CARD in upstream.received[1].json()["payload"]["text"]  # learning does not redact
    assert all(value not in text for value in PLANTED)


def test_learner_addon_counts_client_websocket_frames_and_ignores_the_server():
    from mitmproxy.websocket import WebSocketMessage
    from wsproto.frame_protocol import Opcode

    from proxy.field_learner import FieldLearnerAddon

    addon = FieldLearnerAddon("chat.example.com")
    flow = tflow.twebsocketflow(messages=False)
    flow.request.host = "chat.example.com"
    for n, text in enumerate(MESSAGES):
        frame = '42["send_message",' + json.dumps({"text": text, "room": f"r_{n}"}) + "]"
        flow.websocket.messages.append(WebSocketMessage(Opcode.TEXT, True, frame.encode()))
        addon.websocket_message(flow)
    flow.websocket.messages.append(WebSocketMessage(Opcode.TEXT, False, b'{"reply": "from the server, not typed"}'))
    addon.websocket_message(flow)
    assert addon.learner.requests == 3
    assert addon.learner.proposed_paths() == ["[].text"]
