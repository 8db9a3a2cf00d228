"""`chatveil run` and `mitmdump -s proxy/addon.py`: start, announce, stop cleanly."""

from __future__ import annotations

import json
import signal
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from proxy.cli import main
from tests.proxy_process import REPO, free_port, start_proxy

CARD = "4111 1111 1111 1111"


def test_bad_policy_is_one_error_line_before_anything_starts(tmp_path, capsys):
    policy = tmp_path / "p.yaml"
    policy.write_text("version: 1\nhosts: [chat.example.com]\nentities:\n  PERSON: {acton: redact}\n")
    assert main(["run", "--policy", str(policy), "--listen-port", "0"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Error: {policy}:4: entities.PERSON.acton: unknown key")
    assert "Traceback" not in err


def test_listen_host_defaults_to_loopback():
    from proxy.cli import build_parser

    args = build_parser().parse_args(["run"])
    assert (args.listen_host, args.listen_port) == ("127.0.0.1", 8080)


@pytest.mark.slow
def test_banner_names_address_policy_hosts_and_ca_then_sigterm_stops_cleanly(tmp_path):
    proxy = start_proxy(tmp_path, "--inspect-host", "chat.example.com")
    try:
        banner = proxy.output()
        assert f"ChatVeil is listening on 127.0.0.1:{proxy.port}" in banner
        assert "policy:    default" in banner
        assert "chat.example.com" in banner and "chatgpt.com" in banner
        assert str(proxy.ca_cert) in banner
    finally:
        proxy.process.send_signal(signal.SIGTERM)
        assert proxy.process.wait(timeout=20) == 0


@pytest.mark.slow
def test_addon_loads_into_plain_mitmdump_as_a_script(tmp_path, upstream):
    port = free_port()
    env_home = tmp_path / "home"
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "mitmdump"),
         "-q", "-s", str(REPO / "proxy" / "addon.py"), "--listen-port", str(port),
         "--set", f"confdir={tmp_path}", "--set", "ssl_insecure=true",
         "--set", "chatveil_inspect_hosts=localhost", "--set", f"chatveil_log_db={tmp_path / 'log.db'}"],
        cwd=REPO, env={"CHATVEIL_HOME": str(env_home), "PATH": "/usr/bin:/bin"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        ca = tmp_path / "mitmproxy-ca-cert.pem"
        deadline = time.monotonic() + 60
        response = None
        while time.monotonic() < deadline and response is None:
            try:
                with httpx.Client(proxy=f"http://127.0.0.1:{port}", verify=ssl.create_default_context(cafile=ca), timeout=30) as client:
                    response = client.post(f"https://localhost:{upstream.port}/v1/chat/completions", json={
                        "model": "m", "messages": [{"role": "user", "content": f"card {CARD}"}]})
            except (httpx.ConnectError, FileNotFoundError, ssl.SSLError, httpx.ProxyError):
                time.sleep(0.3)
        assert response is not None and response.status_code == 200
        assert CARD not in json.dumps(upstream.last.json())
        assert "<CREDIT_CARD_1>" in upstream.last.json()["messages"][0]["content"]
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_unknown_set_option_is_one_error_line(tmp_path, capsys):
    assert main(["run", "--listen-port", "0", "--set", "nosuchoption=1", "--set", f"confdir={tmp_path}"]) == 1
    assert capsys.readouterr().err == "Error: unknown option: nosuchoption\n"
