"""The system-proxy backends, by the exact commands they would run; a fake runner, no real changes."""

from __future__ import annotations

import json
import os
import signal
import stat
import time

import pytest

from proxy.system_proxy import CommandResult, ProxyTarget, SystemProxyError, SystemProxySession, detect_backend
from proxy.system_proxy.gnome import GnomeBackend
from proxy.system_proxy.kde import RELOAD, KdeBackend
from proxy.system_proxy.macos import MacOSBackend
from proxy.system_proxy.shell_env import ShellEnvBackend
from proxy.system_proxy.windows import INTERNET_SETTINGS, WindowsBackend

MANUAL = ProxyTarget("127.0.0.1", 8080)
PAC = ProxyTarget("127.0.0.1", 8080, pac_url="http://127.0.0.1:8080/proxy.pac")


class FakeRunner:
    """Answers commands from a table (argv tuple → stdout, or (code, stdout)); records every call."""

    def __init__(self, answers: dict | None = None, fail: set | None = None):
        self.answers = answers or {}
        self.fail = fail or set()
        self.calls: list[list[str]] = []

    def __call__(self, argv):
        self.calls.append(list(argv))
        key = tuple(argv)
        if key in self.fail:
            return CommandResult(1, "")
        answer = self.answers.get(key, "")
        if isinstance(answer, tuple):
            return CommandResult(*answer)
        return CommandResult(0, answer)


# --- macOS -------------------------------------------------------------------------------------

MAC_ANSWERS = {
    ("networksetup", "-listallnetworkservices"):
        "An asterisk (*) denotes that a network service is disabled.\nWi-Fi\n*Bluetooth PAN\nUSB 10/100 LAN\n",
    ("networksetup", "-getwebproxy", "Wi-Fi"): "Enabled: No\nServer: \nPort: 0\nAuthenticated Proxy Enabled: 0\n",
    ("networksetup", "-getsecurewebproxy", "Wi-Fi"):
        "Enabled: Yes\nServer: corp-proxy.example.com\nPort: 3128\nAuthenticated Proxy Enabled: 0\n",
    ("networksetup", "-getautoproxyurl", "Wi-Fi"): "URL: (null)\nEnabled: No\n",
    ("networksetup", "-getwebproxy", "USB 10/100 LAN"): "Enabled: No\nServer: \nPort: 0\n",
    ("networksetup", "-getsecurewebproxy", "USB 10/100 LAN"): "Enabled: No\nServer: \nPort: 0\n",
    ("networksetup", "-getautoproxyurl", "USB 10/100 LAN"): "URL: http://wpad.example.com/p.pac\nEnabled: Yes\n",
}


def test_macos_reads_every_enabled_service_and_skips_disabled_ones():
    snapshot = MacOSBackend().read(FakeRunner(MAC_ANSWERS))
    assert list(snapshot["services"]) == ["Wi-Fi", "USB 10/100 LAN"]
    assert snapshot["services"]["Wi-Fi"]["secure"] == {"enabled": True, "server": "corp-proxy.example.com", "port": "3128"}
    assert snapshot["services"]["USB 10/100 LAN"]["auto"] == {"enabled": True, "url": "http://wpad.example.com/p.pac"}


def test_macos_manual_mode_sets_web_and_secure_proxy_on_each_service():
    backend = MacOSBackend()
    snapshot = backend.read(FakeRunner(MAC_ANSWERS))
    assert backend.apply_commands(MANUAL, snapshot) == [
        ["networksetup", "-setautoproxystate", "Wi-Fi", "off"],
        ["networksetup", "-setwebproxy", "Wi-Fi", "127.0.0.1", "8080"],
        ["networksetup", "-setsecurewebproxy", "Wi-Fi", "127.0.0.1", "8080"],
        ["networksetup", "-setautoproxystate", "USB 10/100 LAN", "off"],
        ["networksetup", "-setwebproxy", "USB 10/100 LAN", "127.0.0.1", "8080"],
        ["networksetup", "-setsecurewebproxy", "USB 10/100 LAN", "127.0.0.1", "8080"],
    ]


def test_macos_pac_mode_turns_manual_proxies_off_and_sets_the_pac_url():
    backend = MacOSBackend()
    snapshot = backend.read(FakeRunner(MAC_ANSWERS))
    assert backend.apply_commands(PAC, snapshot)[:4] == [
        ["networksetup", "-setwebproxystate", "Wi-Fi", "off"],
        ["networksetup", "-setsecurewebproxystate", "Wi-Fi", "off"],
        ["networksetup", "-setautoproxyurl", "Wi-Fi", "http://127.0.0.1:8080/proxy.pac"],
        ["networksetup", "-setautoproxystate", "Wi-Fi", "on"],
    ]


def test_macos_restore_puts_back_the_corporate_proxy_and_the_previous_pac():
    backend = MacOSBackend()
    snapshot = backend.read(FakeRunner(MAC_ANSWERS))
    assert backend.restore_commands(snapshot) == [
        ["networksetup", "-setwebproxystate", "Wi-Fi", "off"],
        ["networksetup", "-setsecurewebproxy", "Wi-Fi", "corp-proxy.example.com", "3128"],
        ["networksetup", "-setsecurewebproxystate", "Wi-Fi", "on"],
        ["networksetup", "-setautoproxystate", "Wi-Fi", "off"],
        ["networksetup", "-setwebproxystate", "USB 10/100 LAN", "off"],
        ["networksetup", "-setsecurewebproxystate", "USB 10/100 LAN", "off"],
        ["networksetup", "-setautoproxyurl", "USB 10/100 LAN", "http://wpad.example.com/p.pac"],
        ["networksetup", "-setautoproxystate", "USB 10/100 LAN", "on"],
    ]


def test_macos_points_at_only_when_every_service_uses_chatveil():
    backend = MacOSBackend()
    snapshot = backend.read(FakeRunner(MAC_ANSWERS))
    assert not backend.points_at(snapshot, MANUAL)
    for service in snapshot["services"].values():
        service["auto"] = {"enabled": True, "url": "http://127.0.0.1:8080/proxy.pac"}
    assert backend.points_at(snapshot, PAC)


# --- Windows -----------------------------------------------------------------------------------

def _reg(name: str, kind: str, value: str) -> str:
    return f"\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\r\n    {name}    {kind}    {value}\r\n\r\n"


WIN_ANSWERS = {
    ("reg", "query", INTERNET_SETTINGS, "/v", "ProxyEnable"): _reg("ProxyEnable", "REG_DWORD", "0x0"),
    ("reg", "query", INTERNET_SETTINGS, "/v", "ProxyServer"): _reg("ProxyServer", "REG_SZ", "corp-proxy.example.com:3128"),
    ("reg", "query", INTERNET_SETTINGS, "/v", "ProxyOverride"): (1, ""),
    ("reg", "query", INTERNET_SETTINGS, "/v", "AutoConfigURL"): (1, ""),
    ("netsh", "winhttp", "show", "proxy"): "\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Direct access (no proxy server).\r\n",
}


def test_windows_manual_mode_writes_wininet_registry_values_and_winhttp():
    backend = WindowsBackend(winhttp=True)
    snapshot = backend.read(FakeRunner(WIN_ANSWERS))
    assert snapshot["values"] == {"ProxyEnable": "0x0", "ProxyServer": "corp-proxy.example.com:3128",
                                  "ProxyOverride": None, "AutoConfigURL": None}
    assert backend.apply_commands(MANUAL, snapshot) == [
        ["reg", "add", INTERNET_SETTINGS, "/v", "ProxyServer", "/t", "REG_SZ", "/d", "127.0.0.1:8080", "/f"],
        ["reg", "add", INTERNET_SETTINGS, "/v", "ProxyOverride", "/t", "REG_SZ", "/d", "localhost;127.0.0.1;<local>", "/f"],
        ["reg", "add", INTERNET_SETTINGS, "/v", "ProxyEnable", "/t", "REG_DWORD", "/d", "1", "/f"],
        ["netsh", "winhttp", "set", "proxy", "proxy-server=127.0.0.1:8080", "bypass-list=localhost;127.0.0.1;<local>"],
    ]


def test_windows_pac_mode_sets_autoconfigurl_and_leaves_winhttp_alone():
    backend = WindowsBackend(winhttp=True)
    snapshot = backend.read(FakeRunner(WIN_ANSWERS))
    assert backend.apply_commands(PAC, snapshot) == [
        ["reg", "add", INTERNET_SETTINGS, "/v", "AutoConfigURL", "/t", "REG_SZ", "/d", "http://127.0.0.1:8080/proxy.pac", "/f"],
        ["reg", "add", INTERNET_SETTINGS, "/v", "ProxyEnable", "/t", "REG_DWORD", "/d", "0", "/f"],
    ]


def test_windows_restore_rewrites_saved_values_and_deletes_the_ones_that_were_absent():
    backend = WindowsBackend(winhttp=True)
    commands = backend.restore_commands(backend.read(FakeRunner(WIN_ANSWERS)))
    assert commands[0] == ["reg", "add", INTERNET_SETTINGS, "/v", "ProxyEnable", "/t", "REG_DWORD", "/d", "0", "/f"]
    assert commands[1] == ["reg", "add", INTERNET_SETTINGS, "/v", "ProxyServer", "/t", "REG_SZ", "/d", "corp-proxy.example.com:3128", "/f"]
    assert commands[2][:2] == ["cmd", "/c"] and "reg delete" in commands[2][2] and "/v ProxyOverride" in commands[2][2]
    assert "/v AutoConfigURL" in commands[3][2]
    assert commands[4] == ["netsh", "winhttp", "reset", "proxy"]


def test_windows_restore_puts_back_a_previous_winhttp_proxy():
    backend = WindowsBackend(winhttp=True)
    answers = dict(WIN_ANSWERS)
    answers[("netsh", "winhttp", "show", "proxy")] = (
        "Current WinHTTP proxy settings:\r\n\r\n    Proxy Server(s) :  corp-proxy.example.com:3128\r\n"
        "    Bypass List     :  *.example.com\r\n"
    )
    commands = backend.restore_commands(backend.read(FakeRunner(answers)))
    assert commands[-1] == ["netsh", "winhttp", "set", "proxy", "proxy-server=corp-proxy.example.com:3128", "bypass-list=*.example.com"]


def test_windows_without_elevation_never_touches_winhttp():
    backend = WindowsBackend(winhttp=False)
    runner = FakeRunner(WIN_ANSWERS)
    snapshot = backend.read(runner)
    assert not any(c[0] == "netsh" for c in runner.calls + backend.apply_commands(MANUAL, snapshot))


# --- GNOME -------------------------------------------------------------------------------------

GNOME_ANSWERS = {
    ("gsettings", "get", "org.gnome.system.proxy", "autoconfig-url"): "''\n",
    ("gsettings", "get", "org.gnome.system.proxy.http", "host"): "''\n",
    ("gsettings", "get", "org.gnome.system.proxy.http", "port"): "0\n",
    ("gsettings", "get", "org.gnome.system.proxy.https", "host"): "'corp-proxy.example.com'\n",
    ("gsettings", "get", "org.gnome.system.proxy.https", "port"): "3128\n",
    ("gsettings", "get", "org.gnome.system.proxy", "mode"): "'none'\n",
}


def test_gnome_manual_mode_sets_hosts_ports_then_mode():
    backend = GnomeBackend()
    snapshot = backend.read(FakeRunner(GNOME_ANSWERS))
    assert backend.apply_commands(MANUAL, snapshot) == [
        ["gsettings", "set", "org.gnome.system.proxy.http", "host", "'127.0.0.1'"],
        ["gsettings", "set", "org.gnome.system.proxy.http", "port", "8080"],
        ["gsettings", "set", "org.gnome.system.proxy.https", "host", "'127.0.0.1'"],
        ["gsettings", "set", "org.gnome.system.proxy.https", "port", "8080"],
        ["gsettings", "set", "org.gnome.system.proxy", "mode", "'manual'"],
    ]
    assert backend.apply_commands(PAC, snapshot) == [
        ["gsettings", "set", "org.gnome.system.proxy", "autoconfig-url", "'http://127.0.0.1:8080/proxy.pac'"],
        ["gsettings", "set", "org.gnome.system.proxy", "mode", "'auto'"],
    ]


def test_gnome_restore_writes_back_the_exact_gvariant_text_it_read():
    backend = GnomeBackend()
    assert backend.restore_commands(backend.read(FakeRunner(GNOME_ANSWERS))) == [
        ["gsettings", "set", "org.gnome.system.proxy", "autoconfig-url", "''"],
        ["gsettings", "set", "org.gnome.system.proxy.http", "host", "''"],
        ["gsettings", "set", "org.gnome.system.proxy.http", "port", "0"],
        ["gsettings", "set", "org.gnome.system.proxy.https", "host", "'corp-proxy.example.com'"],
        ["gsettings", "set", "org.gnome.system.proxy.https", "port", "3128"],
        ["gsettings", "set", "org.gnome.system.proxy", "mode", "'none'"],
    ]


def test_gnome_read_fails_with_a_clear_error_outside_a_gnome_session():
    with pytest.raises(SystemProxyError, match="GNOME"):
        GnomeBackend().read(FakeRunner(fail={("gsettings", "get", "org.gnome.system.proxy", "autoconfig-url")}))


# --- KDE ---------------------------------------------------------------------------------------

def _kread(key: str) -> tuple:
    return ("kreadconfig5", "--file", "kioslaverc", "--group", "Proxy Settings", "--key", key)


def test_kde_manual_mode_writes_kioslaverc_and_tells_kio_to_reload():
    backend = KdeBackend(version=5)
    snapshot = backend.read(FakeRunner({_kread("ProxyType"): "0\n"}))
    assert backend.apply_commands(MANUAL, snapshot) == [
        ["kwriteconfig5", "--file", "kioslaverc", "--group", "Proxy Settings", "--key", "httpProxy", "http://127.0.0.1 8080"],
        ["kwriteconfig5", "--file", "kioslaverc", "--group", "Proxy Settings", "--key", "httpsProxy", "http://127.0.0.1 8080"],
        ["kwriteconfig5", "--file", "kioslaverc", "--group", "Proxy Settings", "--key", "ProxyType", "1"],
        RELOAD,
    ]


def test_kde_restore_deletes_keys_that_were_absent_and_rewrites_the_rest():
    backend = KdeBackend(version=6)
    runner = FakeRunner({tuple(["kreadconfig6", *_kread("ProxyType")[1:]]): "0\n"})
    commands = backend.restore_commands(backend.read(runner))
    assert commands[0] == ["kwriteconfig6", "--file", "kioslaverc", "--group", "Proxy Settings", "--key", "httpProxy", "--delete"]
    assert commands[3] == ["kwriteconfig6", "--file", "kioslaverc", "--group", "Proxy Settings", "--key", "ProxyType", "0"]
    assert commands[-1] == RELOAD


def test_kde_pac_mode_sets_the_config_script_and_type_2():
    backend = KdeBackend(version=5)
    assert backend.apply_commands(PAC, {"values": {}})[:2] == [
        ["kwriteconfig5", "--file", "kioslaverc", "--group", "Proxy Settings", "--key", "Proxy Config Script",
         "http://127.0.0.1:8080/proxy.pac"],
        ["kwriteconfig5", "--file", "kioslaverc", "--group", "Proxy Settings", "--key", "ProxyType", "2"],
    ]


# --- shell -------------------------------------------------------------------------------------

def test_shell_backend_writes_proxy_lines_to_source_and_removes_them_on_restore(tmp_path):
    backend = ShellEnvBackend(path=tmp_path / "proxy-env.sh")
    runner = FakeRunner()
    snapshot = backend.read(runner)
    backend.apply(runner, MANUAL, snapshot)
    text = (tmp_path / "proxy-env.sh").read_text()
    assert "export HTTP_PROXY=http://127.0.0.1:8080 HTTPS_PROXY=http://127.0.0.1:8080" in text
    assert "NO_PROXY=localhost,127.0.0.1,::1" in text
    backend.restore(runner, snapshot)
    assert not (tmp_path / "proxy-env.sh").exists()
    assert runner.calls == []


def test_shell_backend_points_at_reads_the_environment():
    backend = ShellEnvBackend(environ={"HTTPS_PROXY": "http://127.0.0.1:8080/"})
    assert backend.points_at(backend.current(FakeRunner()), MANUAL)
    other = ShellEnvBackend(environ={})
    assert not other.points_at(other.current(FakeRunner()), MANUAL)
    assert other.describe(other.current(FakeRunner())) == "HTTPS_PROXY is not set"


# --- detection ---------------------------------------------------------------------------------

def test_detect_backend_by_platform_and_desktop(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}")
    assert detect_backend("darwin", {}) == "macos"
    assert detect_backend("win32", {}) == "windows"
    assert detect_backend("linux", {"XDG_CURRENT_DESKTOP": "ubuntu:GNOME"}) == "gnome"
    assert detect_backend("linux", {"XDG_CURRENT_DESKTOP": "KDE"}) == "kde"
    assert detect_backend("linux", {}) == "shell"


# --- the session: save, apply, restore, repair -------------------------------------------------

def _gnome_session(tmp_path, runner):
    return SystemProxySession(GnomeBackend(), runner, tmp_path / "state.json")


def test_session_saves_previous_settings_to_a_private_file_before_changing_anything(tmp_path):
    runner = FakeRunner(GNOME_ANSWERS)
    session = _gnome_session(tmp_path, runner)
    session.apply(MANUAL)
    state = json.loads((tmp_path / "state.json").read_text())
    assert state["backend"] == "gnome" and state["pid"] == os.getpid() and state["mode"] == "manual"
    assert state["snapshot"]["values"]["org.gnome.system.proxy mode"] == "'none'"
    assert stat.S_IMODE((tmp_path / "state.json").stat().st_mode) == 0o600
    first_set = next(i for i, c in enumerate(runner.calls) if c[1] == "set")
    assert all(c[1] == "get" for c in runner.calls[:first_set])


def test_session_restore_runs_the_restore_commands_once_and_removes_the_state(tmp_path):
    runner = FakeRunner(GNOME_ANSWERS)
    session = _gnome_session(tmp_path, runner)
    session.apply(MANUAL)
    runner.calls.clear()
    assert session.restore() is True
    assert runner.calls[-1] == ["gsettings", "set", "org.gnome.system.proxy", "mode", "'none'"]
    assert not (tmp_path / "state.json").exists()
    assert session.restore() is False  # idempotent: the signal path and the exit path may both run


def test_next_start_repairs_a_change_left_by_a_crashed_session(tmp_path):
    snapshot = GnomeBackend().read(FakeRunner(GNOME_ANSWERS))
    dead_pid = 2**22 + 12345  # above Linux's default pid_max: no such process
    (tmp_path / "state.json").write_text(json.dumps({"backend": "gnome", "pid": dead_pid, "snapshot": snapshot}))
    runner = FakeRunner(GNOME_ANSWERS)
    session = _gnome_session(tmp_path, runner)
    assert session.repair_stale() == "gnome"
    assert runner.calls == GnomeBackend().restore_commands(snapshot)
    assert not (tmp_path / "state.json").exists()


def test_repair_refuses_while_the_session_that_owns_the_change_is_still_running(tmp_path):
    import subprocess
    import sys

    # A live process whose command line is a ChatVeil one.
    owner = subprocess.Popen([sys.executable, "-c", "import time; print('ready', flush=True); time.sleep(30)",
                              "proxy.cli", "run"], stdout=subprocess.PIPE, text=True)
    assert owner.stdout.readline() == "ready\n"  # exec has happened: /proc shows its command line
    try:
        (tmp_path / "state.json").write_text(json.dumps({"backend": "gnome", "pid": owner.pid, "snapshot": {}}))
        with pytest.raises(SystemProxyError, match="another ChatVeil"):
            _gnome_session(tmp_path, FakeRunner(GNOME_ANSWERS)).repair_stale()
        assert _gnome_session(tmp_path, FakeRunner(GNOME_ANSWERS)).repair_stale(strict=False) is None
        assert (tmp_path / "state.json").exists()
    finally:
        owner.kill()
        owner.communicate()


def test_a_reused_pid_of_an_unrelated_program_does_not_block_the_repair(tmp_path):
    import subprocess
    import sys

    unrelated = subprocess.Popen([sys.executable, "-c", "import time; print('ready', flush=True); time.sleep(30)"],
                                 stdout=subprocess.PIPE, text=True)
    assert unrelated.stdout.readline() == "ready\n"
    try:
        snapshot = GnomeBackend().read(FakeRunner(GNOME_ANSWERS))
        (tmp_path / "state.json").write_text(json.dumps({"backend": "gnome", "pid": unrelated.pid, "snapshot": snapshot}))
        assert _gnome_session(tmp_path, FakeRunner(GNOME_ANSWERS)).repair_stale() == "gnome"
    finally:
        unrelated.kill()
        unrelated.communicate()


def test_a_damaged_state_file_is_one_clear_error_not_a_traceback(tmp_path):
    (tmp_path / "state.json").write_text(json.dumps({"backend": "gnome", "pid": 2**22 + 7, "snapshot": {}}))
    with pytest.raises(SystemProxyError, match="are damaged: restore them by hand"):
        _gnome_session(tmp_path, FakeRunner(GNOME_ANSWERS)).repair_stale()


def test_a_failing_apply_restores_what_it_had_changed_and_reraises(tmp_path):
    runner = FakeRunner(GNOME_ANSWERS, fail={("gsettings", "set", "org.gnome.system.proxy", "mode", "'manual'")})
    session = _gnome_session(tmp_path, runner)
    with pytest.raises(SystemProxyError, match="gsettings set org.gnome.system.proxy"):
        session.apply(MANUAL)
    assert runner.calls[-1] == ["gsettings", "set", "org.gnome.system.proxy", "mode", "'none'"]
    assert not (tmp_path / "state.json").exists()


# --- the real `chatveil run --system-proxy` (shell backend: it only writes a file) ---------------

@pytest.mark.slow
def test_run_with_system_proxy_sets_it_after_listening_and_restores_it_on_sigterm(tmp_path):
    from tests.proxy_process import start_proxy

    proxy = start_proxy(tmp_path, "--system-proxy", "all", "--system-proxy-backend", "shell")
    env_file, state_file = proxy.home / "proxy-env.sh", proxy.home / "system-proxy-state.json"
    try:
        deadline = time.monotonic() + 10
        while not env_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert f"HTTPS_PROXY=http://127.0.0.1:{proxy.port}" in env_file.read_text()
        assert json.loads(state_file.read_text())["backend"] == "shell"
        assert f"source {env_file}" in proxy.output()
    finally:
        assert proxy.stop() == 0
    assert not env_file.exists() and not state_file.exists()
    assert "restored the previous system proxy settings" in proxy.output()


@pytest.mark.slow
def test_next_run_repairs_the_change_a_killed_run_left_behind(tmp_path):
    from tests.proxy_process import start_proxy

    proxy = start_proxy(tmp_path, "--system-proxy", "all", "--system-proxy-backend", "shell")
    env_file = proxy.home / "proxy-env.sh"
    deadline = time.monotonic() + 10
    while not env_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    proxy.process.send_signal(signal.SIGKILL)  # no chance to restore anything
    proxy.process.wait()
    assert env_file.exists()

    again = start_proxy(tmp_path)  # same CHATVEIL_HOME, no --system-proxy
    try:
        assert "restored the proxy settings (shell) that a previous run left changed" in again.output()
        assert not env_file.exists()
        assert not (proxy.home / "system-proxy-state.json").exists()
    finally:
        again.stop()


@pytest.mark.slow
def test_run_stops_with_exit_1_when_the_system_proxy_cannot_be_set(tmp_path):
    import subprocess
    import sys

    from tests.proxy_process import REPO, free_port

    env = {**os.environ, "CHATVEIL_HOME": str(tmp_path / "home"), "XDG_CURRENT_DESKTOP": "GNOME",
           "PATH": str(tmp_path / "no-tools")}  # gsettings cannot be found
    done = subprocess.run(
        [sys.executable, "-m", "proxy.cli", "run", "--listen-port", str(free_port()), "--set", f"confdir={tmp_path}",
         "--log-db", str(tmp_path / "log.sqlite3"), "--system-proxy", "--system-proxy-backend", "gnome"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1
    assert "Error: could not set the system proxy: `gsettings get org.gnome.system.proxy autoconfig-url` failed" in done.stdout
    assert not (tmp_path / "home" / "system-proxy-state.json").exists()
