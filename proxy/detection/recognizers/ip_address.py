"""IP addresses, IPv4 and IPv6, validated by the standard library's `ipaddress`.

A public address can locate and identify a person's connection (score 0.85). A private LAN
address (192.168.1.254, 10.0.4.12) names no one but describes someone's network and comes with
router passwords and connection strings, so it is reported too, a little lower (0.6). Loopback
and "any" addresses (127.0.0.1, ::1, 0.0.0.0) say nothing about anyone and score 0.3, below the
default `min_score`. Version strings ("version 1.2.3.4", "v10.0.0.1") are not addresses.
Neither is a network range in CIDR notation ("10.0.0.0/8": a block of addresses, no one's host)
nor a private network's first host (192.168.1.1, 10.0.0.1): that is the factory default of
millions of routers, asked about in how-to questions, and says nothing about whose network it is.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from proxy.detection.recognizers.span_recognizer import Span, SpanRecognizer

_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)(?:/\d{1,2}(?!\d))?")
_IPV6 = re.compile(r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])(?:/\d{1,3}(?!\d))?")
_VERSION_CUE = re.compile(r"(?:\b(?:version|ver|release|build|firmware|v)\.?\s*|\bv)$", re.IGNORECASE)


# Addresses that only mean something inside one network. Not `ipaddress.is_private`: that also
# covers the documentation ranges (192.0.2.0/24, 2001:db8::/32), which stand in for public
# addresses in examples and tests.
_LOCAL_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.168.0.0/16", "224.0.0.0/4", "255.255.255.255/32", "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8",
    )
)


# Addresses that mean "this machine" or "everyone": nothing about the person at all.
_THIS_HOST = tuple(ipaddress.ip_network(n) for n in ("0.0.0.0/8", "127.0.0.0/8", "::/128", "::1/128", "224.0.0.0/4", "255.255.255.255/32", "ff00::/8"))


def _score(value: str) -> float:
    try:
        interface = ipaddress.ip_interface(value)
    except ValueError:
        return 0.0
    address = interface.ip
    if any(address.version == n.version and address in n for n in _THIS_HOST):
        return 0.3
    if "/" in value and address == interface.network.network_address and interface.network.num_addresses > 1:
        return 0.3  # a range ("192.168.0.0/16"), not a host in it ("192.168.0.42/24")
    if _is_default_gateway(address):
        return 0.3
    if any(address.version == n.version and address in n for n in _LOCAL_NETWORKS):
        # A home or office network address: names no one, but tells about someone's setup,
        # and people do label it personal; warn-level by default, the policy decides.
        return 0.6
    return 0.85


def _is_default_gateway(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    # Routers ship as x.x.x.1 of a private /24 (192.168.0.1, 192.168.1.1, 10.0.0.1, 172.16.0.1).
    # A LAN host the person picked (192.168.1.254, 192.168.0.42) still counts.
    if address.version != 4 or not any(address in n for n in _PRIVATE_LANS):
        return False
    return address.packed[3] == 1 and address.packed[2] in (0, 1)


_PRIVATE_LANS = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))


class IpAddressRecognizer(SpanRecognizer):
    ENTITIES = ("IP_ADDRESS",)

    def spans(self, text: str) -> Iterator[Span]:
        for pattern in (_IPV4, _IPV6):
            for m in pattern.finditer(text):
                value = m.group()
                # "12:30:45" and MAC addresses have colons too; a full IPv6 address has seven,
                # a compressed one has "::".
                if pattern is _IPV6 and "::" not in value and value.split("/")[0].count(":") < 7 and "." not in value:
                    continue
                if _VERSION_CUE.search(text, max(0, m.start() - 12), m.start()):
                    continue
                score = _score(value)
                if score:
                    yield Span("IP_ADDRESS", m.start(), m.end(), score)
