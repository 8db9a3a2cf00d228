"""chatveil pac: prints the PAC file for the policy, or the URL the proxy serves it at."""

from __future__ import annotations

import pacparser

from proxy import cli


def test_pac_command_prints_a_pac_file_for_the_policy_and_extra_hosts(capsys):
    assert cli.main(["pac", "--inspect-host", "chat.example.com", "--proxy", "127.0.0.1:9090"]) == 0
    pac = capsys.readouterr().out
    pacparser.init()
    try:
        pacparser.parse_pac_string(pac)
        assert pacparser.find_proxy("https://chat.example.com/x", "chat.example.com") == "PROXY 127.0.0.1:9090"
        assert pacparser.find_proxy("https://api.openai.com/v1", "api.openai.com") == "PROXY 127.0.0.1:9090"
        assert pacparser.find_proxy("https://mybank.example/", "mybank.example") == "DIRECT"
    finally:
        pacparser.cleanup()


def test_pac_command_url_is_where_the_running_proxy_serves_it(capsys):
    assert cli.main(["pac", "--url", "--proxy", "127.0.0.1:8080"]) == 0
    assert capsys.readouterr().out == "http://127.0.0.1:8080/proxy.pac\n"


def test_pac_command_rejects_a_proxy_without_a_port(capsys):
    assert cli.main(["pac", "--proxy", "localhost"]) == 1
    assert capsys.readouterr().err == "Error: --proxy 'localhost': write HOST:PORT, e.g. 127.0.0.1:8080\n"
