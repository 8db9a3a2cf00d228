"""chatveil setup: shows, installs (after consent) and uninstalls the CA; fake runner, no real stores."""

from __future__ import annotations

import io

import pytest

from proxy import cli
from proxy.ca_trust import DebianStore, NssDatabase
from proxy.system_proxy import CommandResult


class FakeRunner:
    def __init__(self, trusted: bool = False, missing: tuple[str, ...] = ()):
        self.trusted = trusted
        self.missing = missing
        self.pem = ""
        self.calls: list[list[str]] = []

    def __call__(self, argv):
        self.calls.append(list(argv))
        if any(tool in argv[:2] for tool in self.missing):
            return CommandResult(127, "")
        if "-L" in argv:  # NSS "is it trusted?" query
            return CommandResult(0 if self.trusted else 255, self.pem if self.trusted else "")
        return CommandResult(0, "")


@pytest.fixture
def setup_env(tmp_path, monkeypatch, chatveil_home):
    profile = tmp_path / "firefox" / "abcd.default-release"
    profile.mkdir(parents=True)
    (profile / "cert9.db").write_bytes(b"")
    stores = [NssDatabase(profile, "Firefox profile abcd.default-release")]
    monkeypatch.setattr("proxy.ca_trust.trust_stores", lambda: stores)
    runner = FakeRunner()
    monkeypatch.setattr("proxy.commands.setup.RUNNER", runner)
    confdir = tmp_path / "confdir"
    return runner, confdir, profile


def test_setup_creates_the_ca_explains_it_and_only_prints_the_commands(setup_env, capsys):
    runner, confdir, profile = setup_env
    assert cli.main(["setup", "--confdir", str(confdir)]) == 0
    out = capsys.readouterr().out
    assert f"ChatVeil's CA: {confdir / 'mitmproxy-ca-cert.pem'}" in out
    assert "What trusting this CA means" in out and "chatveil setup --uninstall" in out
    assert "✗ not yet trusted by Firefox profile abcd.default-release" in out
    assert f"  certutil -d sql:{profile} -A -t C,, -n ChatVeil -i {confdir / 'mitmproxy-ca-cert.pem'}" in out
    assert all("-A" not in call for call in runner.calls)  # nothing was installed


def test_install_without_consent_changes_nothing(setup_env, capsys, monkeypatch):
    runner, confdir, _ = setup_env
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert cli.main(["setup", "--confdir", str(confdir), "--install"]) == 1
    assert "Nothing was changed." in capsys.readouterr().out
    assert all("-A" not in call for call in runner.calls)


def test_install_with_yes_runs_each_stores_commands(setup_env, capsys):
    runner, confdir, profile = setup_env
    assert cli.main(["setup", "--confdir", str(confdir), "--install", "--yes"]) == 0
    assert ["certutil", "-d", f"sql:{profile}", "-A", "-t", "C,,", "-n", "ChatVeil",
            "-i", str(confdir / "mitmproxy-ca-cert.pem")] in runner.calls
    assert "✓ Firefox profile abcd.default-release now trusts ChatVeil's CA" in capsys.readouterr().out


def test_install_reports_a_missing_tool_with_the_fix(setup_env, capsys):
    runner, confdir, _ = setup_env
    runner.missing = ("certutil",)
    assert cli.main(["setup", "--confdir", str(confdir), "--install", "--yes"]) == 1
    out = capsys.readouterr().out
    assert "✗ Firefox profile abcd.default-release: `certutil` is not installed — fix:" in out
    assert "libnss3-tools" in out


def test_uninstall_removes_the_ca_from_stores_that_trust_it(setup_env, capsys):
    runner, confdir, profile = setup_env
    assert cli.main(["setup", "--confdir", str(confdir)]) == 0  # creates the CA
    runner.trusted = True
    runner.pem = (confdir / "mitmproxy-ca-cert.pem").read_text()
    assert cli.main(["setup", "--confdir", str(confdir), "--uninstall", "--yes"]) == 0
    assert ["certutil", "-d", f"sql:{profile}", "-D", "-n", "ChatVeil"] in runner.calls
    out = capsys.readouterr().out
    assert "✓ Firefox profile abcd.default-release no longer trusts ChatVeil's CA" in out
    assert "To delete the CA itself as well" in out


def test_uninstall_restores_proxy_settings_left_by_a_crashed_run(setup_env, capsys, chatveil_home):
    import json

    env_file = chatveil_home / "proxy-env.sh"
    chatveil_home.mkdir(parents=True, exist_ok=True)
    env_file.write_text("export HTTPS_PROXY=http://127.0.0.1:8080\n")
    (chatveil_home / "system-proxy-state.json").write_text(json.dumps(
        {"backend": "shell", "pid": 2**22 + 4321, "snapshot": {"file": str(env_file), "existed": False}}))
    _, confdir, _ = setup_env
    assert cli.main(["setup", "--confdir", str(confdir), "--uninstall", "--yes"]) == 0
    assert "✓ restored the proxy settings (shell)" in capsys.readouterr().out
    assert not env_file.exists()


def test_debian_store_is_offered_with_sudo_commands(tmp_path, monkeypatch, capsys, chatveil_home):
    monkeypatch.setattr("proxy.ca_trust.trust_stores", lambda: [DebianStore()])
    monkeypatch.setattr("proxy.commands.setup.RUNNER", FakeRunner())
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "empty-bundle.pem"))
    (tmp_path / "empty-bundle.pem").write_text("")
    assert cli.main(["setup", "--confdir", str(tmp_path / "c")]) == 0
    assert "update-ca-certificates" in capsys.readouterr().out
