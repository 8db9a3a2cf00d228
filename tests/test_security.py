"""Security properties as tests: where ChatVeil listens, what it decrypts, who can read its files,
and that it never opens a connection the user did not ask for.
"""

from __future__ import annotations

import json
import os
import socket
import ssl
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from proxy.cli import main
from proxy.file_permissions import tighten_ca_key_permissions
from tests.proxy_process import REPO, start_proxy
from tests.upstream import start_upstream

CARD = "4111 1111 1111 1111"
EMAIL = "jake.morrison@example.com"
MESSAGE = f"Hi, I'm Jake Morrison. Card {CARD}, receipt to {EMAIL} or ops@mail.example.org please."


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- Listening address ---------------------------------------------------------------------------


def test_run_help_states_the_loopback_default(capsys):
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    assert "address to listen on (default: 127.0.0.1)" in capsys.readouterr().out


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket in LISTEN state on `port`, from /proc/net/tcp{,6}."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        with open(table) as f:
            next(f)
            for line in f:
                local, _remote, state = line.split()[1:4]
                address, port_hex = local.split(":")
                if state == "0A" and int(port_hex, 16) == port:
                    raw = bytes.fromhex(address)
                    # /proc prints each 32-bit word in host (little-endian) order.
                    raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
                    found.add(socket.inet_ntop(socket.AF_INET if width == 8 else socket.AF_INET6, raw))
    return found


@pytest.mark.slow
def test_proxy_started_without_listen_host_accepts_on_loopback_only(tmp_path):
    proxy = start_proxy(tmp_path)
    try:
        assert f"ChatVeil is listening on 127.0.0.1:{proxy.port}" in proxy.output()
        assert _listening_addresses(proxy.port) == {"127.0.0.1"}
    finally:
        proxy.stop()


# --- What is decrypted ---------------------------------------------------------------------------


def _certificate_seen_through(proxy, host: str, port: int) -> bytes:
    """The DER certificate a client sees for host:port when it tunnels through the proxy."""
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=30) as raw:
        raw.sendall(f"CONNECT {host}:{port} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
        reply = b""
        while b"\r\n\r\n" not in reply:
            reply += raw.recv(4096)
        assert reply.startswith(b"HTTP/1.1 200"), reply
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        with context.wrap_socket(raw, server_hostname=host) as tls:
            return tls.getpeercert(binary_form=True)


@pytest.mark.slow
def test_only_inspected_hosts_get_our_certificate_others_keep_the_origins(tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    (tmp_path / "inspected").mkdir()
    (tmp_path / "other").mkdir()
    inspected = start_upstream(tmp_path / "inspected", names=("localhost",))
    other = start_upstream(tmp_path / "other", names=("127.0.0.1",))
    proxy = start_proxy(tmp_path, "--inspect-host", "localhost")
    try:
        origin_der = x509.load_pem_x509_certificate(other.cert_path.read_bytes()).public_bytes(Encoding.DER)
        assert _certificate_seen_through(proxy, "127.0.0.1", other.port) == origin_der

        ours = x509.load_der_x509_certificate(_certificate_seen_through(proxy, "localhost", inspected.port))
        ca = x509.load_pem_x509_certificate(proxy.ca_cert.read_bytes())
        assert ours.issuer == ca.subject
    finally:
        proxy.stop()
        inspected.close()
        other.close()


# --- File permissions ----------------------------------------------------------------------------


def test_loose_ca_key_files_are_tightened_to_owner_only(tmp_path):
    confdir = tmp_path / "confdir"
    confdir.mkdir(mode=0o755)
    os.chmod(confdir, 0o755)
    for name in ("mitmproxy-ca.pem", "mitmproxy-ca.p12", "mitmproxy-ca-cert.pem"):
        (confdir / name).write_text("placeholder")
        os.chmod(confdir / name, 0o644)
    tightened = tighten_ca_key_permissions(confdir)
    assert set(tightened) == {confdir, confdir / "mitmproxy-ca.pem", confdir / "mitmproxy-ca.p12"}
    assert mode(confdir) == 0o700
    assert mode(confdir / "mitmproxy-ca.pem") == 0o600 and mode(confdir / "mitmproxy-ca.p12") == 0o600
    assert mode(confdir / "mitmproxy-ca-cert.pem") == 0o644  # the public certificate is meant to be shared
    assert tighten_ca_key_permissions(confdir) == []


@pytest.mark.slow
def test_ca_key_log_and_secret_are_owner_only_after_a_real_run(tmp_path, upstream):
    proxy = start_proxy(tmp_path, "--inspect-host", "localhost")
    try:
        with httpx.Client(proxy=proxy.url, verify=ssl.create_default_context(cafile=proxy.ca_cert), timeout=60) as c:
            response = c.post(f"https://localhost:{upstream.port}/v1/chat/completions",
                              json={"model": "m", "messages": [{"role": "user", "content": MESSAGE}]})
        assert response.status_code == 200
        private = [
            proxy.confdir / "mitmproxy-ca.pem",
            proxy.confdir / "mitmproxy-ca.p12",
            proxy.log_db,
            proxy.home / "secret.key",
        ]
        private += [p for p in proxy.log_db.parent.glob(proxy.log_db.name + "-*")]  # WAL sidecars
        for path in private:
            assert mode(path) == 0o600, f"{path.name} is {oct(mode(path))}"
        assert not mode(proxy.confdir) & 0o077
    finally:
        proxy.stop()


@pytest.mark.slow
def test_ca_key_left_world_readable_by_an_earlier_tool_is_tightened_before_serving(tmp_path):
    first = start_proxy(tmp_path)
    first.stop()
    for name in ("mitmproxy-ca.pem", "mitmproxy-ca.p12"):
        os.chmod(first.confdir / name, 0o644)
    os.chmod(first.confdir, 0o755)
    second = start_proxy(tmp_path)
    try:
        assert mode(second.confdir / "mitmproxy-ca.pem") == 0o600
        assert mode(second.confdir / "mitmproxy-ca.p12") == 0o600
        assert mode(second.confdir) == 0o700
        assert "readable by its owner only" in second.output()
    finally:
        second.stop()


def test_vault_file_is_owner_only(chatveil_home):
    from proxy.detection.vault import PersonalVault

    vault = PersonalVault()
    vault.add("Jake Morrison", "PERSON")
    assert mode(vault.path) == 0o600
    assert mode(chatveil_home / "secret.key") == 0o600
    assert b"Jake" not in vault.path.read_bytes()


# --- No outbound connections except the user's own traffic -----------------------------------------

# Installed as `sitecustomize` in the audited process only: every socket connect and name lookup
# is appended to a JSON-lines file, before any ChatVeil or mitmproxy code is imported.
_AUDIT_SITECUSTOMIZE = '''
import json, os, sys

_OUT = os.environ["CHATVEIL_AUDIT_OUT"]
_WATCHED = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
            "socket.gethostbyaddr", "socket.sendto", "socket.sendmsg", "urllib.Request", "http.client.connect"}


def _chatveil_audit(event, args):
    if event not in _WATCHED:
        return
    if event == "socket.connect":
        sock, address = args
        record = {"event": event, "family": int(sock.family), "address": list(address) if isinstance(address, tuple) else str(address)}
    elif event == "socket.getaddrinfo":
        record = {"event": event, "host": args[0] if not isinstance(args[0], bytes) else args[0].decode(), "port": args[1]}
    else:
        record = {"event": event, "args": repr(args)[:200]}
    with open(_OUT, "a") as f:
        f.write(json.dumps(record) + "\\n")


sys.addaudithook(_chatveil_audit)
'''

LOOPBACK = {"127.0.0.1", "::1", "localhost", "::ffff:127.0.0.1"}


def audited_env(tmp_path: Path) -> tuple[dict, Path]:
    site = tmp_path / "audit-site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(_AUDIT_SITECUSTOMIZE)
    out = tmp_path / "audit.jsonl"
    out.touch()
    return {"PYTHONPATH": f"{site}{os.pathsep}{REPO}", "CHATVEIL_AUDIT_OUT": str(out)}, out


def audit_records(out: Path) -> list[dict]:
    return [json.loads(line) for line in out.read_text().splitlines() if line.strip()]


def test_audit_hook_records_connections_it_is_meant_to_catch(tmp_path):
    # The hook itself must work, or the tests below would pass on an empty file.
    env, out = audited_env(tmp_path)
    code = "import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\nexcept OSError:\n    pass\n"
    subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, check=True, timeout=60)
    assert {"event": "socket.connect", "family": int(socket.AF_INET), "address": ["127.0.0.1", 9]} in audit_records(out)


def test_scan_of_text_with_emails_makes_no_network_call_at_all(tmp_path):
    env, out = audited_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "proxy.cli", "scan", "--json"],
        input=MESSAGE, capture_output=True, text=True, cwd=REPO, timeout=300,
        env={**os.environ, **env, "CHATVEIL_HOME": str(tmp_path / "home")},
    )
    assert result.returncode == 0, result.stderr
    assert EMAIL not in json.loads(result.stdout)["redacted"]
    assert "EMAIL_ADDRESS" in {f["type"] for f in json.loads(result.stdout)["findings"]}
    assert audit_records(out) == []


@pytest.mark.slow
def test_eval_against_vanilla_presidio_makes_no_network_call_at_all(tmp_path):
    # `chatveil eval` also builds Presidio's default registry, whose e-mail recognizer would
    # download the Public Suffix List unless kept offline.
    env, out = audited_env(tmp_path)
    corpus = tmp_path / "corpus.jsonl"
    lines = (REPO / "tests" / "data" / "chat_corpus.jsonl").read_text().splitlines(True)
    with_email = [line for line in lines if "@example." in line][:2]
    assert with_email
    corpus.write_text("".join(lines[:6] + with_email))
    result = subprocess.run(
        [sys.executable, "-m", "proxy.cli", "eval", "--corpus", str(corpus), "--json"],
        capture_output=True, text=True, cwd=REPO, timeout=600,
        env={**os.environ, **env, "CHATVEIL_HOME": str(tmp_path / "home")},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    json.loads(result.stdout)
    assert audit_records(out) == []


def test_scan_in_process_with_sockets_forbidden_still_finds_emails(monkeypatch, capsys, chatveil_home):
    import io

    def refuse(*args, **kwargs):
        raise AssertionError(f"ChatVeil tried to use the network: {args[:2]!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(sys, "stdin", io.StringIO(MESSAGE))
    assert main(["scan", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert EMAIL not in result["redacted"] and "ops@mail.example.org" not in result["redacted"]


@pytest.mark.slow
def test_running_proxy_connects_only_where_the_clients_traffic_goes(tmp_path):
    env, out = audited_env(tmp_path)
    (tmp_path / "inspected").mkdir()
    (tmp_path / "other").mkdir()
    inspected = start_upstream(tmp_path / "inspected", names=("localhost",))
    other = start_upstream(tmp_path / "other", names=("127.0.0.1",))
    proxy = start_proxy(tmp_path, "--inspect-host", "localhost", env=env)
    try:
        context = ssl.create_default_context(cafile=proxy.ca_cert)
        with httpx.Client(proxy=proxy.url, verify=context, timeout=60) as client:
            for i in range(3):
                body = {"model": "m", "messages": [{"role": "user", "content": f"{MESSAGE} Turn {i}."}]}
                assert client.post(f"https://localhost:{inspected.port}/v1/chat/completions", json=body).status_code == 200
            form = {"message": MESSAGE}
            assert client.post(f"https://localhost:{inspected.port}/api/send", data=form).status_code == 200
            assert client.post(f"https://localhost:{inspected.port}/api/send", content=MESSAGE.encode(),
                               headers={"content-type": "text/plain"}).status_code == 200
        with httpx.Client(proxy=proxy.url, verify=ssl.create_default_context(cafile=other.cert_path), timeout=60) as client:
            assert client.post(f"https://127.0.0.1:{other.port}/v1/chat/completions",
                               json={"messages": [{"role": "user", "content": MESSAGE}]}).status_code == 200
        assert EMAIL not in inspected.last.body.decode()
    finally:
        proxy.stop()
        inspected.close()
        other.close()

    records = audit_records(out)
    allowed_ports = {inspected.port, other.port}
    connects = [r for r in records if r["event"] == "socket.connect"]
    lookups = [r for r in records if r["event"] == "socket.getaddrinfo"]
    others = [r for r in records if r["event"] not in ("socket.connect", "socket.getaddrinfo")]
    assert connects, "the audit hook saw no connection at all: it is not watching the proxy"
    for record in connects:
        assert record["family"] in (socket.AF_INET, socket.AF_INET6), record
        host, port = record["address"][:2]
        assert host in LOOPBACK and port in allowed_ports, record
    for record in lookups:
        assert record["host"] in LOOPBACK | {None}, record
    assert others == []
    # Both upstreams were reached: the hook saw the user's own traffic and nothing else.
    assert {r["address"][1] for r in connects} == allowed_ports


# --- The dashboard --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """A running proxy's dashboard: (base URL, token, its port)."""
    import re

    from tests.proxy_process import free_port

    port = free_port()
    proxy = start_proxy(tmp_path_factory.mktemp("dashboard"), "--set", f"chatveil_dashboard_port={port}")
    try:
        match = re.search(r"dashboard:\s+http://127\.0\.0\.1:(\d+)/\?token=([\w-]+)", proxy.output())
        assert match, proxy.output()
        assert int(match.group(1)) == port
        yield f"http://127.0.0.1:{port}", match.group(2), port
    finally:
        proxy.stop()


@pytest.mark.slow
def test_dashboard_listens_on_loopback_only(dashboard):
    _, _, port = dashboard
    assert _listening_addresses(port) == {"127.0.0.1"}


@pytest.mark.slow
def test_dashboard_serves_its_own_page_with_the_token_and_sends_no_cors_header(dashboard):
    base, token, _ = dashboard
    for path in ("/", "/api/log"):
        response = httpx.get(f"{base}{path}", params={"token": token}, timeout=30)
        assert response.status_code == 200, path
        assert "access-control-allow-origin" not in response.headers
    assert httpx.get(f"{base}/api/log", headers={"x-chatveil-token": token}, timeout=30).status_code == 200


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case", "params", "headers"),
    [
        ("no token", {}, {}),
        ("wrong token", {"token": "not-the-token"}, {}),
        ("token prefix", {"token": "PREFIX"}, {}),
        ("foreign origin", {"token": "TOKEN"}, {"origin": "https://evil.example"}),
        ("another localhost port", {"token": "TOKEN"}, {"origin": "http://127.0.0.1:1"}),
        ("dns rebinding host", {"token": "TOKEN"}, {"host": "evil.example:PORT"}),
        ("cross-site fetch", {"token": "TOKEN"}, {"sec-fetch-site": "cross-site"}),
    ],
)
def test_dashboard_refuses_requests_without_its_token_or_from_other_origins(dashboard, case, params, headers):
    base, token, port = dashboard
    params = {k: (token[:8] if v == "PREFIX" else token if v == "TOKEN" else v) for k, v in params.items()}
    headers = {k: v.replace("PORT", str(port)) for k, v in headers.items()}
    for path in ("/", "/api/log", "/api/asks"):
        response = httpx.get(f"{base}{path}", params=params, headers=headers, timeout=30)
        assert response.status_code == 403, (case, path, response.status_code)
        assert token not in response.text
