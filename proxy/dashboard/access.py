"""Who may read the dashboard: only a page from the dashboard itself, holding its session token.

- The token (random per run, printed at start) must come with every request: in the URL query
  or the `X-ChatVeil-Token` header. Another local user or program cannot guess it.
- DNS rebinding: a site can point its own name at 127.0.0.1 and then talk to us as "itself".
  The browser still sends that name in `Host`, so only our own loopback names are accepted.
- Other pages (another site, or another localhost port) may send requests but not read them,
  since no CORS header is ever sent; `Origin` and `Sec-Fetch-Site` refuse even the sending.
"""

from __future__ import annotations

import hmac

from proxy.dashboard.http_server import Request

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def allowed_hosts(port: int) -> frozenset[str]:
    return frozenset(f"{name}:{port}" for name in LOOPBACK_NAMES)


def refusal(request: Request, token: str, port: int) -> str | None:
    """Why this request is refused (a short reason for the 403), or None to serve it."""
    hosts = allowed_hosts(port)
    if request.headers.get("host", "").lower() not in hosts:
        return "unknown host"
    origin = request.headers.get("origin")
    if origin is not None and origin.lower() not in {f"http://{h}" for h in hosts}:
        return "foreign origin"
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return "cross-site request"
    given = request.query.get("token") or request.headers.get("x-chatveil-token") or ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        return "missing or wrong token"
    return None
