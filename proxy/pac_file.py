"""The PAC file: only the inspected hosts go through ChatVeil; everything else goes DIRECT.

With a PAC file, banking and every other site never touch the proxy at all, which is the safe
default for a system-wide setting. The PacServer addon also serves it from the proxy itself:
`http://127.0.0.1:8080/proxy.pac` (a direct request to the proxy's own address) or
`http://chatveil.pac/proxy.pac` (through the proxy, for clients already pointed at it).

There is deliberately no `; DIRECT` fallback after the PROXY entry: if ChatVeil is not
running, a chat message must fail to send rather than leave unredacted.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable

from mitmproxy import ctx, http

PAC_HOST = "chatveil.pac"
PAC_PATHS = ("/proxy.pac", "/chatveil.pac")
PAC_CONTENT_TYPE = "application/x-ns-proxy-autoconfig"


def pac_host_names(policy_hosts: Iterable[str]) -> list[str]:
    """Policy host entries as PAC sees hosts: no `*.` prefix (subdomains are always included), no port."""
    names = []
    for host in policy_hosts:
        name = host.removeprefix("*.").split(":")[0].lower()
        if name and name not in names:
            names.append(name)
    return names


def pac_text(policy_hosts: Iterable[str], proxy_address: str) -> str:
    names = pac_host_names(policy_hosts)
    return (
        "// ChatVeil proxy auto-config: only the hosts ChatVeil inspects use the proxy.\n"
        "// Every other host connects DIRECT and never passes through ChatVeil.\n"
        f"var CHATVEIL = {json.dumps('PROXY ' + proxy_address)};\n"
        f"var INSPECTED = {json.dumps(names)};\n"
        "function FindProxyForURL(url, host) {\n"
        "  host = host.toLowerCase();\n"
        "  for (var i = 0; i < INSPECTED.length; i++) {\n"
        "    if (host == INSPECTED[i] || dnsDomainIs(host, '.' + INSPECTED[i])) {\n"
        "      return CHATVEIL;\n"
        "    }\n"
        "  }\n"
        "  return 'DIRECT';\n"
        "}\n"
    )


def pac_url(host: str, port: int) -> str:
    """The URL the running proxy serves its PAC file at (what `--system-proxy pac` configures)."""
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}{PAC_PATHS[0]}"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class PacServer:
    """Answers requests for the PAC file; every other request passes untouched."""

    def addressed_to_us(self, flow: http.HTTPFlow) -> bool:
        request = flow.request
        if request.method != "GET" or request.path.split("?")[0] not in PAC_PATHS:
            return False
        if request.pretty_host == PAC_HOST:
            return True
        sockname = flow.client_conn.sockname
        if not sockname or request.port != sockname[1]:
            return False
        return request.host == sockname[0] or (_is_loopback(request.host) and _is_loopback(sockname[0]))

    def request(self, flow: http.HTTPFlow) -> None:
        if flow.response or flow.error or not flow.live or not self.addressed_to_us(flow):
            return
        redactor = ctx.master.addons.get("redactor")
        hosts = redactor.policy.hosts if redactor is not None and redactor.policy is not None else ()
        host, port = flow.client_conn.sockname[:2]
        address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        flow.response = http.Response.make(
            200,
            pac_text(hosts, address).encode(),
            {"content-type": PAC_CONTENT_TYPE, "cache-control": "no-cache"},
        )
