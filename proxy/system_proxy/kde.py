"""KDE Plasma: the `Proxy Settings` group of `kioslaverc`, via kreadconfig/kwriteconfig (5 or 6).

KIO reads the file only when told to, so every change ends with the D-Bus signal System
Settings itself sends.
"""

from __future__ import annotations

import shutil

from proxy.system_proxy.base import Command, ProxyTarget, Runner, Snapshot, SystemProxyBackend, is_our_pac_url

GROUP = "Proxy Settings"
# ProxyType: 0 none, 1 manual, 2 PAC URL, 3 WPAD, 4 environment variables.
KEYS = ("httpProxy", "httpsProxy", "Proxy Config Script", "ProxyType")
RELOAD: Command = [
    "dbus-send", "--type=signal", "/KIO/Scheduler",
    "org.kde.KIO.Scheduler.reparseSlaveConfiguration", "string:",
]


def plasma_version() -> int:
    return 6 if shutil.which("kwriteconfig6") else 5


class KdeBackend(SystemProxyBackend):
    name = "kde"

    def __init__(self, version: int | None = None):
        self.version = version or plasma_version()

    def _write(self, key: str, value: str | None) -> Command:
        base = [f"kwriteconfig{self.version}", "--file", "kioslaverc", "--group", GROUP, "--key", key]
        # An empty value read back means the key was absent: delete it rather than write "".
        return base + (["--delete"] if not value else [value])

    def read(self, runner: Runner) -> Snapshot:
        values = {}
        for key in KEYS:
            result = runner([f"kreadconfig{self.version}", "--file", "kioslaverc", "--group", GROUP, "--key", key])
            values[key] = result.stdout.rstrip("\n") if result.returncode == 0 else ""
        return {"values": values}

    def apply_commands(self, target: ProxyTarget, snapshot: Snapshot) -> list[Command]:
        if target.pac_url:
            commands = [self._write("Proxy Config Script", target.pac_url), self._write("ProxyType", "2")]
        else:
            # KIO's historic format puts a space before the port.
            proxy = f"http://{target.host} {target.port}"
            commands = [self._write("httpProxy", proxy), self._write("httpsProxy", proxy), self._write("ProxyType", "1")]
        return commands + [RELOAD]

    def restore_commands(self, snapshot: Snapshot) -> list[Command]:
        return [self._write(key, snapshot["values"][key]) for key in KEYS] + [RELOAD]

    def points_at(self, snapshot: Snapshot, target: ProxyTarget) -> bool:
        v = snapshot["values"]
        if v["ProxyType"] == "2":
            return is_our_pac_url(v["Proxy Config Script"], target)
        if v["ProxyType"] == "1":
            return v["httpsProxy"].replace(" ", ":").removeprefix("http://") == target.address
        return False

    def describe(self, snapshot: Snapshot) -> str:
        v = snapshot["values"]
        return {
            "1": f"KDE proxy: HTTPS {v['httpsProxy']}",
            "2": f"KDE proxy: PAC {v['Proxy Config Script']}",
        }.get(v["ProxyType"], f"KDE proxy type {v['ProxyType'] or 0}")
