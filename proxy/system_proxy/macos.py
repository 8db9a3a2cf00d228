"""macOS: `networksetup`, per network service (Wi-Fi, Ethernet, …), since each has its own proxy."""

from __future__ import annotations

from proxy.system_proxy.base import (
    Command,
    ProxyTarget,
    Runner,
    Snapshot,
    SystemProxyBackend,
    SystemProxyError,
    is_our_pac_url,
)

NETWORKSETUP = "networksetup"


def _fields(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            out.setdefault(key.strip(), value.strip())
    return out


def _proxy(text: str) -> dict:
    f = _fields(text)
    return {"enabled": f.get("Enabled") == "Yes", "server": f.get("Server", ""), "port": f.get("Port", "0")}


def _auto(text: str) -> dict:
    f = _fields(text)
    url = f.get("URL", "")
    return {"enabled": f.get("Enabled") == "Yes", "url": "" if url == "(null)" else url}


class MacOSBackend(SystemProxyBackend):
    name = "macos"

    def read(self, runner: Runner) -> Snapshot:
        listing = runner([NETWORKSETUP, "-listallnetworkservices"])
        if listing.returncode != 0:
            raise SystemProxyError("`networksetup -listallnetworkservices` failed")
        # The first line is a legend; a leading "*" marks a disabled service.
        services = [s for s in listing.stdout.splitlines()[1:] if s.strip() and not s.startswith("*")]
        snapshot: Snapshot = {"services": {}}
        for service in services:
            snapshot["services"][service] = {
                "web": _proxy(runner([NETWORKSETUP, "-getwebproxy", service]).stdout),
                "secure": _proxy(runner([NETWORKSETUP, "-getsecurewebproxy", service]).stdout),
                "auto": _auto(runner([NETWORKSETUP, "-getautoproxyurl", service]).stdout),
            }
        return snapshot

    def apply_commands(self, target: ProxyTarget, snapshot: Snapshot) -> list[Command]:
        commands: list[Command] = []
        for service in snapshot["services"]:
            if target.pac_url:
                # A manual proxy left on would take the traffic the PAC file sends DIRECT.
                commands += [
                    [NETWORKSETUP, "-setwebproxystate", service, "off"],
                    [NETWORKSETUP, "-setsecurewebproxystate", service, "off"],
                    [NETWORKSETUP, "-setautoproxyurl", service, target.pac_url],
                    [NETWORKSETUP, "-setautoproxystate", service, "on"],
                ]
            else:
                commands += [
                    [NETWORKSETUP, "-setautoproxystate", service, "off"],
                    [NETWORKSETUP, "-setwebproxy", service, target.host, str(target.port)],
                    [NETWORKSETUP, "-setsecurewebproxy", service, target.host, str(target.port)],
                ]
        return commands

    def restore_commands(self, snapshot: Snapshot) -> list[Command]:
        commands: list[Command] = []
        for service, saved in snapshot["services"].items():
            for kind, setter in (("web", "-setwebproxy"), ("secure", "-setsecurewebproxy")):
                proxy = saved[kind]
                state = "on" if proxy["enabled"] else "off"
                if proxy["server"]:
                    commands.append([NETWORKSETUP, setter, service, proxy["server"], proxy["port"]])
                commands.append([NETWORKSETUP, setter + "state", service, state])
            auto = saved["auto"]
            if auto["url"]:
                commands.append([NETWORKSETUP, "-setautoproxyurl", service, auto["url"]])
            commands.append([NETWORKSETUP, "-setautoproxystate", service, "on" if auto["enabled"] else "off"])
        return commands

    def points_at(self, snapshot: Snapshot, target: ProxyTarget) -> bool:
        services = snapshot["services"].values()
        return bool(services) and all(
            (s["auto"]["enabled"] and is_our_pac_url(s["auto"]["url"], target))
            or (s["secure"]["enabled"] and f"{s['secure']['server']}:{s['secure']['port']}" == target.address)
            for s in services
        )

    def describe(self, snapshot: Snapshot) -> str:
        parts = []
        for name, s in snapshot["services"].items():
            if s["auto"]["enabled"]:
                parts.append(f"{name}: PAC {s['auto']['url']}")
            elif s["secure"]["enabled"]:
                parts.append(f"{name}: HTTPS proxy {s['secure']['server']}:{s['secure']['port']}")
            else:
                parts.append(f"{name}: no proxy")
        return "; ".join(parts) or "no network services"
