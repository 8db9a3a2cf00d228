"""The checks behind `chatveil doctor`: each returns one line, ✓ or ✗ with the fix to apply.

Every check talks only to the local proxy, local files and local tools, with one exception the
user asks for by name: `--canary HOST` sends a harmless synthetic message (an invented name and
a test card number) through ChatVeil to HOST, which is what proves protection for that app.

The end-to-end check without `--canary` uses ChatVeil's internal canary host (proxy/canary.py):
the request is decrypted with ChatVeil's CA and goes through the same Redactor and
DecisionLogger as chat traffic; the proxy answers with what it would have forwarded.
"""

from __future__ import annotations

import base64
import datetime
import ipaddress
import socket
import ssl
import tempfile
import threading
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

import httpx

from proxy.ca_trust import CaCertificate, NssDatabase, TrustStore
from proxy.canary import CANARY_HEADER, CANARY_HOST
from proxy.pac_file import PAC_HOST
from proxy.system_proxy import ProxyTarget, Runner, SystemProxyBackend, SystemProxyError
from proxy.tls_watch import NOT_PROTECTED

# Invented person, test-range card (Visa's documented test number): nothing real ever leaves.
CANARY_NAME = "Jake Morrison"
CANARY_CARD = "4111 1111 1111 1111"
CANARY_TEXT = (
    f"ChatVeil canary: this is a test message, please ignore it. My name is {CANARY_NAME} "
    f"and my card is {CANARY_CARD}."
)


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    text: str
    fix: str = ""

    def line(self) -> str:
        return f"✓ {self.text}" if self.ok else f"✗ {self.text}" + (f" — fix: {self.fix}" if self.fix else "")


def canary_body() -> dict:
    return {"model": "chatveil-canary", "messages": [{"role": "user", "content": CANARY_TEXT}]}


def _client(proxy: str, ca: CaCertificate | None, timeout: float = 20) -> httpx.Client:
    verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=str(ca.path)) if ca else True
    return httpx.Client(proxy=f"http://{proxy}", verify=verify, timeout=timeout, trust_env=False)


def check_listening(proxy: str) -> CheckResult:
    host, _, port = proxy.rpartition(":")
    try:
        with socket.create_connection((host, int(port)), timeout=3):
            pass
    except OSError:
        return CheckResult(False, f"nothing is listening on {proxy}", "start it: chatveil run")
    try:
        with _client(proxy, None, timeout=10) as client:
            response = client.get(f"http://{PAC_HOST}/proxy.pac")
    except httpx.HTTPError:
        response = None
    if response is None or response.status_code != 200 or "FindProxyForURL" not in response.text:
        return CheckResult(False, f"something listens on {proxy}, but it does not answer like ChatVeil",
                           "stop that program or start ChatVeil on another port: chatveil run --listen-port N")
    return CheckResult(True, f"ChatVeil is listening on {proxy}")


def check_trust(store: TrustStore, ca: CaCertificate, runner: Runner) -> CheckResult:
    if isinstance(store, NssDatabase) and runner(["certutil", "--help"]).returncode == 127:
        return CheckResult(False, f"cannot check {store.name}: `certutil` is not installed", store.fix())
    if store.is_trusted(ca, runner):
        return CheckResult(True, f"ChatVeil's CA is trusted by {store.name}")
    return CheckResult(False, f"ChatVeil's CA is not trusted by {store.name}", store.fix())


def check_proxy_settings(backend: SystemProxyBackend, proxy: str, runner: Runner) -> CheckResult:
    host, _, port = proxy.rpartition(":")
    target = ProxyTarget(host, int(port))
    try:
        snapshot = backend.current(runner)
    except SystemProxyError as e:
        return CheckResult(False, f"cannot read the {backend.name} proxy settings ({e})",
                           "pass --system-proxy-backend, or see docs/setup.md")
    described = backend.describe(snapshot)
    if backend.points_at(snapshot, target):
        return CheckResult(True, f"the {backend.name} proxy settings point at ChatVeil ({described})")
    return CheckResult(
        False,
        f"the {backend.name} proxy settings do not point at ChatVeil ({described})",
        f"chatveil run --system-proxy, or point the app at http://{proxy}/proxy.pac (docs/setup.md)",
    )


def _redaction_verdict(forwarded: str) -> CheckResult | None:
    leaked = [what for what, value in (("name", CANARY_NAME), ("card", CANARY_CARD)) if value in forwarded
              or (what == "card" and CANARY_CARD.replace(" ", "") in forwarded)]
    if leaked:
        return CheckResult(False, f"the test message went out with its {' and '.join(leaked)} unredacted",
                           "check the policy's entities (chatveil scan shows what is detected)")
    return None


def check_canary_redacted(proxy: str, ca: CaCertificate | None) -> CheckResult:
    if ca is None:
        return CheckResult(False, "no CA to test with", "chatveil setup (or pass --confdir)")
    try:
        with _client(proxy, ca) as client:
            response = client.post(f"https://{CANARY_HOST}/v1/chat/completions", json=canary_body())
    except httpx.ConnectError as e:
        if "CERTIFICATE_VERIFY_FAILED" in str(e):
            return CheckResult(False, "the proxy's certificate is not signed by the CA in --confdir",
                               "pass the confdir `chatveil run` uses: chatveil doctor --confdir DIR")
        return CheckResult(False, f"the test message could not be sent ({type(e).__name__})", "see the proxy's output")
    except httpx.HTTPError as e:
        return CheckResult(False, f"the test message could not be sent ({type(e).__name__})", "see the proxy's output")
    if response.headers.get("x-chatveil") == "chatveil_blocked":
        return CheckResult(True, "a test message with a name and a card was blocked by the policy (nothing would leave)")
    if response.status_code != 200 or response.headers.get(CANARY_HEADER) != "1":
        return CheckResult(False, f"the proxy answered the test message with HTTP {response.status_code}",
                           "use `chatveil run` (the self-test host is part of it)")
    try:
        forwarded = base64.b64decode(response.json()["forwarded_base64"]).decode("utf-8", "replace")
    except (ValueError, KeyError, TypeError):
        return CheckResult(False, "the proxy's answer to the test message was not readable", "use `chatveil run`")
    leaked = _redaction_verdict(forwarded)
    return leaked or CheckResult(True, "a test message with a name and a card was redacted end to end")


def check_canary_host(proxy: str, ca: CaCertificate | None, host: str, path: str, log_db: Path) -> CheckResult:
    """Send the synthetic message to `host` through ChatVeil and confirm redaction from the log."""
    from proxy.redaction_log import RedactionLog

    if ca is None:
        return CheckResult(False, "no CA to test with", "chatveil setup (or pass --confdir)")
    started = datetime.datetime.now(UTC).isoformat(timespec="milliseconds")
    name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    try:
        with _client(proxy, ca) as client:
            client.post(f"https://{host}{path}", json=canary_body())
    except httpx.ConnectError as e:
        if "CERTIFICATE_VERIFY_FAILED" in str(e):
            return CheckResult(False, f"{name} is not decrypted by ChatVeil, so nothing sent to it is redacted",
                               f"add {name} to the policy's hosts (or chatveil run --inspect-host {name})")
        return CheckResult(False, f"the canary could not reach {name} ({type(e).__name__})", "check the host name")
    except httpx.HTTPError as e:
        return CheckResult(False, f"the canary to {name} failed ({type(e).__name__})", "see the proxy's output")
    log = RedactionLog(log_db)
    try:
        request = next((r for r in log.requests(limit=200) if r["host"] == name and r["time"] >= started), None)
        types = {(f.entity_type, f.action) for f in log.findings(limit=500) if request and f.request_id == request["id"]}
    finally:
        log.close()
    if request is None:
        return CheckResult(False, f"the canary to {name} left no row in the redaction log {log_db}",
                           "pass the log the proxy writes: chatveil doctor --log-db PATH")
    caught = {t for t, action in types if action in ("redact", "block")}
    if {"PERSON", "CREDIT_CARD"} <= caught:
        done = {"redact": "redacted", "block": "blocked"}.get(request["action"], request["action"])
        return CheckResult(True, f"the canary to {name} was {done}: its name and card did not leave (log row {request['id']})")
    missing = sorted({"PERSON", "CREDIT_CARD"} - caught)
    return CheckResult(False, f"the canary to {name} went out with {', '.join(missing)} not redacted",
                       "check the policy's entities for that host")


def _self_signed(directory: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "chatveil-doctor-origin")])
    now = datetime.datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "origin-cert.pem", directory / "origin-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def check_not_decrypted(proxy: str) -> CheckResult:
    """Tunnel through ChatVeil to a local TLS server outside the policy; its own certificate must arrive."""
    proxy_host, _, proxy_port = proxy.rpartition(":")
    with tempfile.TemporaryDirectory(prefix="chatveil-doctor-") as tmp:
        cert_path, key_path = _self_signed(Path(tmp))
        server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server_ctx.load_cert_chain(cert_path, key_path)
        listener = socket.create_server(("127.0.0.1", 0))
        listener.settimeout(10)
        port = listener.getsockname()[1]

        def serve_one() -> None:
            try:
                conn, _ = listener.accept()
                with server_ctx.wrap_socket(conn, server_side=True) as tls:
                    tls.recv(1)
            except (OSError, ssl.SSLError):
                pass

        thread = threading.Thread(target=serve_one, daemon=True)
        thread.start()
        try:
            client_ctx = ssl.create_default_context(cafile=str(cert_path))
            with socket.create_connection((proxy_host, int(proxy_port)), timeout=10) as raw:
                raw.sendall(f"CONNECT 127.0.0.1:{port} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = raw.recv(4096)
                    if not chunk:
                        break
                    head += chunk
                if not head.startswith(b"HTTP/1.1 200") and not head.startswith(b"HTTP/1.0 200"):
                    return CheckResult(False, "the proxy refused to tunnel to a local test server",
                                       "see the proxy's output")
                with client_ctx.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                    seen = tls.getpeercert(binary_form=True)
        except ssl.SSLCertVerificationError:
            return CheckResult(False, "ChatVeil decrypted a connection to a host outside the policy",
                               "remove extra allow_hosts/--set options; only policy hosts should be decrypted")
        except OSError as e:
            return CheckResult(False, f"the tunnel test failed ({type(e).__name__})", "see the proxy's output")
        finally:
            listener.close()
            thread.join(timeout=5)
        origin = ssl.PEM_cert_to_DER_cert(cert_path.read_text())
    if seen != origin:
        return CheckResult(False, "a host outside the policy did not get its own certificate through ChatVeil",
                           "remove extra allow_hosts/--set options")
    return CheckResult(True, "hosts outside the policy are tunnelled with their own certificate (not decrypted)")


def check_not_protected(log_db: Path, hours: float = 24) -> CheckResult | None:
    """Clients that refused ChatVeil's certificate recently (recorded by TlsWatch)."""
    from proxy.redaction_log import RedactionLog

    if not log_db.exists():
        return None
    since = (datetime.datetime.now(UTC) - datetime.timedelta(hours=hours)).isoformat(timespec="milliseconds")
    log = RedactionLog(log_db)
    try:
        rows = [r for r in log.requests(limit=1000) if r["action"] == NOT_PROTECTED and r["time"] >= since]
    finally:
        log.close()
    if not rows:
        return CheckResult(True, f"no connection to an inspected host went unread in the last {hours:g} hours")
    reasons = sorted({r["note"] for r in rows if r["note"]})
    hosts = sorted({r["host"] for r in rows})
    return CheckResult(
        False,
        f"NOT PROTECTED: ChatVeil could not read connections to {', '.join(hosts)} in the last {hours:g} hours"
        + (f" ({'; '.join(reasons)})" if reasons else ""),
        "if the CA checks above pass, that app pins its certificate or does not speak HTTP: use the service in a "
        "browser instead",
    )
