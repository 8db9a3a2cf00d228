"""A local HTTPS server that records what arrived: the stand-in for a chat service in e2e tests.

Each test gets its own self-signed certificate and port on 127.0.0.1. The handler is pluggable
so tests can answer with JSON, stream server-sent events, or anything else a chat API does.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def make_self_signed(directory: Path, names: tuple[str, ...] = ("localhost",)) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    now = datetime.datetime.now(datetime.UTC)
    alt = [x509.DNSName(n) for n in names] + [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=7))
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "upstream-cert.pem", directory / "upstream-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


# (received request, handler) → None; the handler writes the response.
Responder = Callable[[Received, BaseHTTPRequestHandler], None]


def echo_json(received: Received, handler: BaseHTTPRequestHandler) -> None:
    """Answer like a chat API: a completion that repeats the last text it was sent."""
    body = json.dumps({"id": "chatcmpl-test", "object": "chat.completion", "echo": received.body.decode("utf-8", "replace")}).encode()
    handler.send_response(200)
    handler.send_header("content-type", "application/json")
    handler.send_header("content-length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@dataclass
class Upstream:
    port: int
    cert_path: Path
    received: list[Received] = field(default_factory=list)
    responder: Responder = echo_json
    _server: ThreadingHTTPServer | None = None

    @property
    def last(self) -> Received:
        assert self.received, "the upstream received nothing"
        return self.received[-1]

    def close(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()


def start_upstream(directory: Path, names: tuple[str, ...] = ("localhost",)) -> Upstream:
    cert_path, key_path = make_self_signed(directory, names)
    upstream = Upstream(port=0, cert_path=cert_path)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _handle(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            if self.headers.get("transfer-encoding", "").lower() == "chunked":
                body = self._read_chunked()
            else:
                body = self.rfile.read(length) if length else b""
            received = Received(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            upstream.received.append(received)
            upstream.responder(received, self)

        def _read_chunked(self) -> bytes:
            chunks = []
            while True:
                size = int(self.rfile.readline().strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        def log_message(self, *args) -> None:  # keep test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    upstream.port = server.server_address[1]
    upstream._server = server
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return upstream
