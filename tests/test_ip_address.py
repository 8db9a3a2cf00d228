from __future__ import annotations

import pytest

from proxy.detection.recognizers.ip_address import IpAddressRecognizer

IPS = IpAddressRecognizer()


def scored(text):
    return [(text[r.start : r.end], r.score) for r in IPS.analyze(text, ["IP_ADDRESS"], None)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my ip is 203.0.113.42", [("203.0.113.42", 0.85)]),
        ("ssh root@198.51.100.7", [("198.51.100.7", 0.85)]),
        ("block 8.8.8.8/32 now", [("8.8.8.8/32", 0.85)]),
        ("v6 2001:db8::1", [("2001:db8::1", 0.85)]),
        ("full 2001:0db8:85a3:0000:0000:8a2e:0370:7334.", [("2001:0db8:85a3:0000:0000:8a2e:0370:7334", 0.85)]),
        ("nas at 192.168.1.77", [("192.168.1.77", 0.6)]),
        ("router at 192.168.1.1", [("192.168.1.1", 0.3)]),  # every router's factory default
        ("db at 10.0.4.12:5432", [("10.0.4.12", 0.6)]),
        ("localhost 127.0.0.1 and ::1", [("127.0.0.1", 0.3), ("::1", 0.3)]),
    ],
)
def test_ip_addresses_are_found_and_loopback_scores_below_the_default_threshold(text, expected):
    assert scored(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "version 1.2.3.4",
        "upgrade to v10.0.0.1",
        "256.1.1.1 is not an address",
        "1.2.3.4.5",
        "at 12:30:45",
        "mac 00:1A:2B:3C:4D:5E",
        "pi is 3.14159",
    ],
)
def test_versions_times_and_macs_are_not_ip_addresses(text):
    assert scored(text) == []
