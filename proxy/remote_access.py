"""Remote use is refused unless deliberate.

Listening beyond loopback makes ChatVeil an open proxy for the network (and a way to read the
redaction log's decisions through the dashboard). So a non-loopback `--listen-host` needs proxy
authentication (`--set proxyauth=…`), and even then it says so loudly.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence


class RemoteAccessRefused(ValueError):
    """Listening beyond loopback without proxy authentication."""


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything


def proxyauth_setting(set_options: Sequence[str]) -> str:
    """The last `proxyauth=…` among `--set` options (mitmproxy applies them in order)."""
    value = ""
    for option in set_options:
        key, _, rest = option.partition("=")
        if key.strip() == "proxyauth":
            value = rest.strip()
    return value


def check_listen_host(listen_host: str, set_options: Sequence[str]) -> str | None:
    """None for loopback; a warning to print for an authenticated remote listener; else raise."""
    if is_loopback(listen_host):
        return None
    shown = listen_host or "all interfaces"
    # mitmproxy's `proxyauth=any` accepts every user name and password: that is no protection.
    if proxyauth_setting(set_options).lower() in ("", "any"):
        raise RemoteAccessRefused(
            f"--listen-host {shown} would let other machines use ChatVeil as a proxy. "
            "If you mean it, also require a password: --set proxyauth=USER:PASS (or proxyauth=@/path/to/htpasswd)"
        )
    return (
        f"Warning: ChatVeil listens on {shown}, beyond this machine. Other devices can use it with the "
        "proxy password; their chat traffic is decrypted here, and its decisions are logged on this machine."
    )
