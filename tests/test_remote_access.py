"""A non-loopback --listen-host needs proxy authentication and prints a warning."""

from __future__ import annotations

import pytest

from proxy import cli
from proxy.remote_access import RemoteAccessRefused, check_listen_host, proxyauth_setting


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_loopback_needs_nothing(host):
    assert check_listen_host(host, []) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "", "192.168.1.20", "::", "myhost.example.com"])
def test_non_loopback_without_proxyauth_is_refused(host):
    with pytest.raises(RemoteAccessRefused, match="proxyauth=USER:PASS"):
        check_listen_host(host, ["confdir=/tmp/x"])


def test_proxyauth_any_is_no_protection_and_is_refused():
    with pytest.raises(RemoteAccessRefused):
        check_listen_host("0.0.0.0", ["proxyauth=any"])


def test_non_loopback_with_proxyauth_is_allowed_with_a_warning():
    warning = check_listen_host("0.0.0.0", ["proxyauth=jane:correct-horse"])
    assert warning is not None and warning.startswith("Warning: ChatVeil listens on 0.0.0.0")


def test_the_last_proxyauth_setting_wins_like_in_mitmproxy():
    assert proxyauth_setting(["proxyauth=jane:pw", "proxyauth="]) == ""
    assert proxyauth_setting(["proxyauth = @/etc/chatveil.htpasswd"]) == "@/etc/chatveil.htpasswd"


def test_chatveil_run_refuses_a_remote_listener_with_one_error_line(capsys, chatveil_home):
    assert cli.main(["run", "--listen-host", "0.0.0.0"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: --listen-host 0.0.0.0 would let other machines use ChatVeil")
    assert len(err.strip().splitlines()) == 1


def test_chatveil_run_warns_and_starts_with_a_remote_listener_and_proxyauth(capsys, chatveil_home, monkeypatch):
    started = {}

    async def fake_serve(args, system_proxy=None):
        started["host"] = args.listen_host
        return 0

    monkeypatch.setattr("proxy.commands.run._serve", fake_serve)
    assert cli.main(["run", "--listen-host", "0.0.0.0", "--set", "proxyauth=jane:correct-horse"]) == 0
    assert started == {"host": "0.0.0.0"}
    assert "Warning: ChatVeil listens on 0.0.0.0" in capsys.readouterr().err


def test_learn_refuses_a_remote_listener_without_proxy_authentication(capsys):
    from proxy.cli import main

    assert main(["learn", "chat.example.com", "--listen-host", "0.0.0.0", "--seconds", "1"]) == 1
    assert capsys.readouterr().err.startswith("Error: --listen-host 0.0.0.0 would let other machines")
