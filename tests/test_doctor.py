"""chatveil doctor against the real proxy: one line per check, exit status 1 when any fails."""

from __future__ import annotations

import socket
import ssl
import time

import pytest

from proxy import cli
from proxy.redaction_log import RedactionLog
from proxy.redactor import RequestVerdict
from tests.proxy_process import free_port, start_proxy
from tests.upstream import start_upstream

pytestmark = pytest.mark.slow

NAME = "Jake Morrison"
CARD = "4111 1111 1111 1111"


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    running = start_proxy(tmp_path_factory.mktemp("doctor-proxy"), "--inspect-host", "localhost")
    yield running
    running.stop()


@pytest.fixture
def doctor_env(tmp_path, monkeypatch, proxy):
    """A machine that trusts the proxy's CA (SSL_CERT_FILE) and points HTTPS_PROXY at it."""
    home = tmp_path / "user-home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))  # no Firefox or Chromium databases
    monkeypatch.setenv("CHATVEIL_HOME", str(tmp_path / "chatveil-home"))
    bundle = tmp_path / "bundle.pem"
    bundle.write_text(proxy.ca_cert.read_text())
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    monkeypatch.setattr("proxy.ca_trust.stores.linux_distribution", lambda text: "debian")
    return monkeypatch


def doctor(proxy, *extra: str) -> list[str]:
    return ["doctor", "--proxy", f"127.0.0.1:{proxy.port}", "--confdir", str(proxy.confdir),
            "--log-db", str(proxy.log_db), "--system-proxy-backend", "shell", *extra]


def test_doctor_passes_every_check_on_a_machine_set_up_for_chatveil(proxy, doctor_env, capsys):
    assert cli.main(doctor(proxy)) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"✓ ChatVeil is listening on 127.0.0.1:{proxy.port}",
        "✓ ChatVeil's CA is trusted by system store (Debian/Ubuntu)",
        f"✓ the shell proxy settings point at ChatVeil (HTTPS_PROXY={proxy.url})",
        "✓ a test message with a name and a card was redacted end to end",
        "✓ hosts outside the policy are tunnelled with their own certificate (not decrypted)",
        "✓ no connection to an inspected host went unread in the last 24 hours",
    ]


def test_doctor_fails_with_a_fix_when_the_ca_is_untrusted_and_no_proxy_is_set(proxy, doctor_env, capsys, tmp_path):
    (tmp_path / "other.pem").write_text("")
    doctor_env.setenv("SSL_CERT_FILE", str(tmp_path / "other.pem"))
    doctor_env.delenv("HTTPS_PROXY")
    assert cli.main(doctor(proxy)) == 1
    out = capsys.readouterr().out.splitlines()
    assert "✗ ChatVeil's CA is not trusted by system store (Debian/Ubuntu) — fix: chatveil setup --install" in out
    assert (
        "✗ the shell proxy settings do not point at ChatVeil (HTTPS_PROXY is not set) — fix: chatveil run "
        f"--system-proxy, or point the app at http://127.0.0.1:{proxy.port}/proxy.pac (docs/setup.md)"
    ) in out
    assert "✓ a test message with a name and a card was redacted end to end" in out


def test_doctor_canary_to_an_inspected_host_is_confirmed_redacted_from_the_log(proxy, doctor_env, capsys, tmp_path):
    upstream = start_upstream(tmp_path)
    try:
        assert cli.main(doctor(proxy, "--canary", f"localhost:{upstream.port}")) == 0
        sent = upstream.last.body.decode()
    finally:
        upstream.close()
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("✓ the canary to localhost was redacted: its name and card did not leave") for line in lines)
    assert NAME not in sent and CARD not in sent and "4111111111111111" not in sent


def test_doctor_canary_to_a_host_chatveil_does_not_decrypt_says_it_is_not_protected(proxy, doctor_env, capsys, tmp_path):
    other = start_upstream(tmp_path, names=("127.0.0.1",))
    try:
        assert cli.main(doctor(proxy, "--canary", f"127.0.0.1:{other.port}")) == 1
        assert other.received == []  # the handshake failed: the synthetic message never left
    finally:
        other.close()
    assert (
        "✗ 127.0.0.1 is not decrypted by ChatVeil, so nothing sent to it is redacted — fix: add 127.0.0.1 to the "
        "policy's hosts (or chatveil run --inspect-host 127.0.0.1)"
    ) in capsys.readouterr().out.splitlines()


def test_doctor_without_a_running_proxy_says_so_and_reports_unprotected_apps(doctor_env, capsys, tmp_path):
    log_db = tmp_path / "log.sqlite3"
    log = RedactionLog(log_db)
    log.record(RequestVerdict("chatgpt.com", "", "not-protected", note="the client rejected ChatVeil's certificate"))
    log.close()
    port = free_port()
    assert cli.main(["doctor", "--proxy", f"127.0.0.1:{port}", "--confdir", str(tmp_path / "none"),
                     "--log-db", str(log_db), "--system-proxy-backend", "shell"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"✗ nothing is listening on 127.0.0.1:{port} — fix: start it: chatveil run"
    assert f"✗ no ChatVeil CA in {tmp_path / 'none'} — fix: chatveil setup" in out
    assert out[-1] == (
        "✗ NOT PROTECTED: ChatVeil could not read connections to chatgpt.com in the last 24 hours (the client "
        "rejected ChatVeil's certificate) — fix: if the CA checks above pass, that app pins its certificate or does "
        "not speak HTTP: use the service in a browser instead"
    )


def test_doctor_rejects_a_malformed_proxy_address(capsys):
    assert cli.main(["doctor", "--proxy", "localhost"]) == 1
    assert capsys.readouterr().err == "Error: --proxy 'localhost': write HOST:PORT, e.g. 127.0.0.1:8080\n"


def test_a_client_that_refuses_chatveils_certificate_shows_up_in_doctor(running_proxy, doctor_env, capsys, upstream):
    proxy = running_proxy  # its own proxy: the row it leaves must not reach the other tests
    # The client trusts no CA at all, so it rejects ChatVeil's certificate for an inspected host
    # exactly as an app pinning its server's certificate would.
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=10) as raw:
        raw.sendall(f"CONNECT localhost:{upstream.port} HTTP/1.1\r\nHost: localhost:{upstream.port}\r\n\r\n".encode())
        assert raw.recv(4096).startswith(b"HTTP/1.1 200")
        refuses_everything = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        with pytest.raises(ssl.SSLCertVerificationError):
            refuses_everything.wrap_socket(raw, server_hostname="localhost")
    deadline = time.monotonic() + 10
    while "NOT PROTECTED" not in proxy.output() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert cli.main(doctor(proxy)) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("✗ NOT PROTECTED: ChatVeil could not read connections to localhost in the last 24 hours")
    assert "NOT PROTECTED: a client connecting to localhost was not inspected" in proxy.output()


def test_doctor_notices_when_a_policy_lets_the_test_message_out_unredacted(tmp_path, doctor_env, capsys):
    policy = tmp_path / "allow-all.yaml"
    policy.write_text("version: 1\nname: allow-all\nhosts: [localhost]\ndefault_action: allow\n")
    lax = start_proxy(tmp_path, "--policy", str(policy))
    try:
        assert cli.main(doctor(lax)) == 1
    finally:
        lax.stop()
    assert (
        "✗ the test message went out with its name and card unredacted — fix: check the policy's entities "
        "(chatveil scan shows what is detected)"
    ) in capsys.readouterr().out.splitlines()
