"""Windows: the per-user WinINET settings in the registry (what Edge, Chrome and most apps use),
and optionally WinHTTP (`netsh winhttp`, used by services; changing it needs an elevated prompt).
"""

from __future__ import annotations

import re

from proxy.system_proxy.base import (
    Command,
    ProxyTarget,
    Runner,
    Snapshot,
    SystemProxyBackend,
    is_our_pac_url,
)

INTERNET_SETTINGS = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings"
# The values we may change, with their registry types.
VALUES = {"ProxyEnable": "REG_DWORD", "ProxyServer": "REG_SZ", "ProxyOverride": "REG_SZ", "AutoConfigURL": "REG_SZ"}
# Keep local names and the proxy itself off the proxy.
BYPASS = "localhost;127.0.0.1;<local>"


def _reg_value(text: str, name: str) -> str | None:
    # `reg query` prints "    ProxyEnable    REG_DWORD    0x1".
    for line in text.splitlines():
        parts = line.split(None, 2)
        if len(parts) >= 2 and parts[0] == name:
            return parts[2].strip() if len(parts) == 3 else ""
    return None


def _reg_add(name: str, data: str) -> Command:
    return ["reg", "add", INTERNET_SETTINGS, "/v", name, "/t", VALUES[name], "/d", data, "/f"]


def _reg_delete(name: str) -> Command:
    return ["reg", "delete", INTERNET_SETTINGS, "/v", name, "/f"]


def _winhttp(text: str) -> dict:
    if "Direct access" in text:
        return {"direct": True, "server": "", "bypass": ""}
    server = re.search(r"Proxy Server\(s\)\s*:\s*(\S+)", text)
    bypass = re.search(r"Bypass List\s*:\s*(\S+)", text)
    return {
        "direct": server is None,
        "server": server.group(1) if server else "",
        "bypass": bypass.group(1) if bypass and bypass.group(1) != "(none)" else "",
    }


class WindowsBackend(SystemProxyBackend):
    name = "windows"

    def __init__(self, winhttp: bool = False):
        self.winhttp = winhttp

    def read(self, runner: Runner) -> Snapshot:
        values = {}
        for name in VALUES:
            result = runner(["reg", "query", INTERNET_SETTINGS, "/v", name])
            # A value that does not exist is exit code 1: remembered as None, deleted on restore.
            values[name] = _reg_value(result.stdout, name) if result.returncode == 0 else None
        snapshot: Snapshot = {"values": values}
        if self.winhttp:
            snapshot["winhttp"] = _winhttp(runner(["netsh", "winhttp", "show", "proxy"]).stdout)
        return snapshot

    def apply_commands(self, target: ProxyTarget, snapshot: Snapshot) -> list[Command]:
        if target.pac_url:
            # WinHTTP has no PAC setting netsh can write, so PAC mode leaves it alone.
            return [_reg_add("AutoConfigURL", target.pac_url), _reg_add("ProxyEnable", "0")]
        commands = [
            _reg_add("ProxyServer", target.address),
            _reg_add("ProxyOverride", BYPASS),
            _reg_add("ProxyEnable", "1"),
        ]
        if snapshot["values"].get("AutoConfigURL") is not None:
            # WinINET consults a PAC URL before the manual proxy.
            commands.append(_reg_delete("AutoConfigURL"))
        if "winhttp" in snapshot:
            commands.append(["netsh", "winhttp", "set", "proxy", f"proxy-server={target.address}", f"bypass-list={BYPASS}"])
        return commands

    def restore_commands(self, snapshot: Snapshot) -> list[Command]:
        commands = []
        for name, value in snapshot["values"].items():
            if value is None:
                commands.append(_reg_delete_if_present(name))  # it was absent: make it absent again
                continue
            if VALUES[name] == "REG_DWORD":
                value = str(int(value, 16) if value.lower().startswith("0x") else int(value))
            commands.append(_reg_add(name, value))
        winhttp = snapshot.get("winhttp")
        if winhttp is not None:
            if winhttp["direct"]:
                commands.append(["netsh", "winhttp", "reset", "proxy"])
            else:
                command = ["netsh", "winhttp", "set", "proxy", f"proxy-server={winhttp['server']}"]
                if winhttp["bypass"]:
                    command.append(f"bypass-list={winhttp['bypass']}")
                commands.append(command)
        return commands

    def points_at(self, snapshot: Snapshot, target: ProxyTarget) -> bool:
        values = snapshot["values"]
        if values.get("AutoConfigURL") and is_our_pac_url(values["AutoConfigURL"], target):
            return True
        enabled = (values.get("ProxyEnable") or "0").lower() in ("1", "0x1")
        return enabled and (values.get("ProxyServer") or "") in (target.address, f"https={target.address}")

    def describe(self, snapshot: Snapshot) -> str:
        values = snapshot["values"]
        if values.get("AutoConfigURL"):
            return f"PAC {values['AutoConfigURL']}"
        if (values.get("ProxyEnable") or "0").lower() in ("1", "0x1"):
            return f"proxy {values.get('ProxyServer')}"
        return "no proxy"


def _reg_delete_if_present(name: str) -> Command:
    # `cmd /c` so that "the value was already absent" is not an error: restore must be idempotent.
    return ["cmd", "/c", f'reg delete "{INTERNET_SETTINGS}" /v {name} /f >nul 2>&1 & exit /b 0']
