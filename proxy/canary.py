"""A host that exists only inside ChatVeil, so `chatveil doctor` can test redaction end to end
without sending anything off the machine.

`canary.chatveil.test` (the `.test` TLD is reserved and never resolves) is inspected like any
policy host: the connection is decrypted with ChatVeil's CA, the Redactor and the DecisionLogger
run on the request exactly as for a chat service. Then, instead of opening a connection
upstream, this addon answers with the body *as it would have been forwarded*. What the doctor
reads back is therefore what a real chat service would have received. What it does not test is
the network path to a real host: `chatveil doctor --canary HOST` does that.
"""

from __future__ import annotations

import base64
import json

from mitmproxy import http, tls

CANARY_HOST = "canary.chatveil.test"
CANARY_HEADER = "x-chatveil-canary"


class Canary:
    @staticmethod
    def _is_canary(host: str | None) -> bool:
        return (host or "").lower().rstrip(".") == CANARY_HOST

    def http_connect(self, flow: http.HTTPFlow) -> None:
        # Answer the CONNECT ourselves: with the default eager strategy mitmproxy would first try
        # to resolve and connect to a host that does not exist.
        if self._is_canary(flow.request.host) and not flow.response:
            flow.response = http.Response.make(200, b"", {})

    def tls_clienthello(self, data: tls.ClientHelloData) -> None:
        # No upstream to copy a certificate from: make ours from the SNI alone.
        if self._is_canary(data.client_hello.sni):
            data.establish_server_tls_first = False

    def request(self, flow: http.HTTPFlow) -> None:
        if flow.error or not flow.live or not self._is_canary(flow.request.pretty_host):
            return
        if flow.response:
            return  # the Redactor blocked it or failed closed: that answer is the result
        body = {
            "chatveil_canary": True,
            "method": flow.request.method,
            "path": flow.request.path,
            # Base64, so that restoring placeholders in responses (ResponseRestorer) cannot turn
            # the forwarded text back into the original before the doctor reads it.
            "forwarded_base64": base64.b64encode(flow.request.get_content(strict=False) or b"").decode(),
        }
        flow.response = http.Response.make(
            200, json.dumps(body).encode(), {"content-type": "application/json", CANARY_HEADER: "1"}
        )
