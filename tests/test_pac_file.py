"""The PAC file, evaluated by a real PAC engine (pacparser: a JavaScript engine with the standard
PAC helpers such as dnsDomainIs), and served by the PacServer addon."""

from __future__ import annotations

import pacparser
import pytest
from mitmproxy.test import taddons, tflow, tutils

from proxy.pac_file import PacServer, pac_host_names, pac_text, pac_url
from proxy.policy import load_policy

PROXY = "PROXY 127.0.0.1:8080"


@pytest.fixture
def find_proxy():
    pacparser.init()
    loaded = {}

    def evaluate(pac: str, url: str) -> str:
        if loaded.get("pac") != pac:
            pacparser.parse_pac_string(pac)
            loaded["pac"] = pac
        host = url.split("://", 1)[1].split("/", 1)[0].split(":")[0]
        return pacparser.find_proxy(url, host)

    yield evaluate
    pacparser.cleanup()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://chatgpt.com/backend-api/conversation", PROXY),
        ("https://api.openai.com/v1/chat/completions", PROXY),
        ("https://eu.api.openai.com/v1/chat/completions", PROXY),  # subdomains are inspected too
        ("https://CHAT.EXAMPLE.COM/x", PROXY),
        ("https://chat.example.com:8443/x", PROXY),
        ("https://mybank.example/login", "DIRECT"),
        ("https://evilchatgpt.com/", "DIRECT"),  # a suffix match must be a whole label
        ("https://chatgpt.com.attacker.example/", "DIRECT"),
        ("http://localhost:3000/", "DIRECT"),
    ],
)
def test_pac_sends_only_inspected_hosts_to_chatveil(find_proxy, url, expected):
    pac = pac_text(["chatgpt.com", "api.openai.com", "*.chat.example.com"], "127.0.0.1:8080")
    assert find_proxy(pac, url) == expected


def test_pac_for_the_default_policy_proxies_its_hosts_and_nothing_else(find_proxy):
    policy = load_policy(None)
    pac = pac_text(policy.hosts, "127.0.0.1:8080")
    for host in pac_host_names(policy.hosts):
        assert find_proxy(pac, f"https://{host}/") == PROXY
    assert find_proxy(pac, "https://www.example.org/") == "DIRECT"


def test_pac_has_no_direct_fallback_for_inspected_hosts():
    # If ChatVeil is down, a chat message must fail rather than go out unredacted.
    assert "PROXY 127.0.0.1:8080;" not in pac_text(["chatgpt.com"], "127.0.0.1:8080")


def test_pac_host_names_drop_wildcards_ports_and_duplicates():
    assert pac_host_names(["*.Example.com", "example.com", "localhost:8443"]) == ["example.com", "localhost"]


def test_pac_url_uses_loopback_for_a_wildcard_listen_address():
    assert pac_url("0.0.0.0", 8080) == "http://127.0.0.1:8080/proxy.pac"
    assert pac_url("127.0.0.1", 9000) == "http://127.0.0.1:9000/proxy.pac"


def _flow_to(host: str, port: int, path: str, sockname=("127.0.0.1", 8080), method="GET"):
    flow = tflow.tflow(req=tutils.treq(method=method.encode(), host=host, port=port, path=path.encode()))
    flow.client_conn.sockname = sockname
    return flow


@pytest.mark.parametrize(
    ("host", "port", "path"),
    [
        ("127.0.0.1", 8080, "/proxy.pac"),  # a direct request to the proxy's own address
        ("localhost", 8080, "/chatveil.pac"),
        ("chatveil.pac", 80, "/proxy.pac"),  # through the proxy
    ],
)
def test_pac_server_answers_requests_for_the_pac_file(find_proxy, host, port, path):
    server = PacServer()
    with taddons.context(server):
        flow = _flow_to(host, port, path)
        server.request(flow)
    assert flow.response is not None and flow.response.status_code == 200
    assert flow.response.headers["content-type"] == "application/x-ns-proxy-autoconfig"
    assert "FindProxyForURL" in flow.response.text
    assert "PROXY 127.0.0.1:8080" in flow.response.text


@pytest.mark.parametrize(
    ("host", "port", "path", "method"),
    [
        ("127.0.0.1", 9999, "/proxy.pac", "GET"),  # another local service's PAC file
        ("www.example.org", 80, "/proxy.pac", "GET"),
        ("127.0.0.1", 8080, "/other", "GET"),
        ("chatveil.pac", 80, "/proxy.pac", "POST"),
    ],
)
def test_pac_server_leaves_every_other_request_alone(host, port, path, method):
    server = PacServer()
    with taddons.context(server):
        flow = _flow_to(host, port, path, method=method)
        server.request(flow)
    assert flow.response is None


@pytest.mark.slow
def test_running_proxy_serves_its_pac_file_at_its_own_address(running_proxy, find_proxy):
    import httpx

    response = httpx.get(f"{running_proxy.url}/proxy.pac", timeout=10)  # direct, not through the proxy
    assert response.status_code == 200
    pac = response.text
    assert find_proxy(pac, "https://localhost:8443/v1/chat/completions") == f"PROXY 127.0.0.1:{running_proxy.port}"
    assert find_proxy(pac, "https://chatgpt.com/") == f"PROXY 127.0.0.1:{running_proxy.port}"
    assert find_proxy(pac, "https://mybank.example/") == "DIRECT"
