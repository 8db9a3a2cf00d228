"""A local TLS WebSocket server that records each message and sends it straight back.

The stand-in for a companion app's chat socket in end-to-end tests: what it received is what
left the device, and what it echoes is what a model would answer with those words in it.
"""

from __future__ import annotations

import ssl
import threading
from dataclasses import dataclass, field
from pathlib import Path

from websockets.sync.server import Server, ServerConnection, serve

from tests.upstream import make_self_signed


@dataclass
class WebSocketEcho:
    port: int
    cert_path: Path
    received: list[str | bytes] = field(default_factory=list)
    _server: Server | None = None

    def close(self) -> None:
        if self._server:
            self._server.shutdown()


def start_websocket_echo(directory: Path) -> WebSocketEcho:
    cert_path, key_path = make_self_signed(directory)
    echo = WebSocketEcho(port=0, cert_path=cert_path)

    def handler(connection: ServerConnection) -> None:
        for message in connection:
            echo.received.append(message)
            connection.send(message)

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    server = serve(handler, "127.0.0.1", 0, ssl=context)
    echo.port = server.socket.getsockname()[1]
    echo._server = server
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return echo
