"""GNOME (and Cinnamon, Budgie, Unity): the `org.gnome.system.proxy` GSettings schema.

`gsettings get` prints GVariant text ("'manual'", "8080") and `gsettings set` reads it back, so
the snapshot keeps the printed text and restore writes it verbatim: no re-quoting to get wrong.
"""

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

SCHEMA = "org.gnome.system.proxy"
# (schema, key) pairs we may change; "mode" last so a half-applied change is never active.
KEYS = (
    (SCHEMA, "autoconfig-url"),
    (f"{SCHEMA}.http", "host"),
    (f"{SCHEMA}.http", "port"),
    (f"{SCHEMA}.https", "host"),
    (f"{SCHEMA}.https", "port"),
    (SCHEMA, "mode"),
)


def _quoted(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _unquoted(gvariant: str) -> str:
    return gvariant.strip().strip("'")


class GnomeBackend(SystemProxyBackend):
    name = "gnome"

    def read(self, runner: Runner) -> Snapshot:
        values = {}
        for schema, key in KEYS:
            result = runner(["gsettings", "get", schema, key])
            if result.returncode != 0:
                raise SystemProxyError(f"`gsettings get {schema} {key}` failed (is this a GNOME session?)")
            values[f"{schema} {key}"] = result.stdout.strip()
        return {"values": values}

    def apply_commands(self, target: ProxyTarget, snapshot: Snapshot) -> list[Command]:
        if target.pac_url:
            return [
                ["gsettings", "set", SCHEMA, "autoconfig-url", _quoted(target.pac_url)],
                ["gsettings", "set", SCHEMA, "mode", "'auto'"],
            ]
        return [
            ["gsettings", "set", f"{SCHEMA}.http", "host", _quoted(target.host)],
            ["gsettings", "set", f"{SCHEMA}.http", "port", str(target.port)],
            ["gsettings", "set", f"{SCHEMA}.https", "host", _quoted(target.host)],
            ["gsettings", "set", f"{SCHEMA}.https", "port", str(target.port)],
            ["gsettings", "set", SCHEMA, "mode", "'manual'"],
        ]

    def restore_commands(self, snapshot: Snapshot) -> list[Command]:
        return [
            ["gsettings", "set", schema, key, snapshot["values"][f"{schema} {key}"]]
            for schema, key in KEYS
        ]

    def points_at(self, snapshot: Snapshot, target: ProxyTarget) -> bool:
        v = {k: _unquoted(x) for k, x in snapshot["values"].items()}
        if v[f"{SCHEMA} mode"] == "auto":
            return is_our_pac_url(v[f"{SCHEMA} autoconfig-url"], target)
        if v[f"{SCHEMA} mode"] == "manual":
            return f"{v[f'{SCHEMA}.https host']}:{v[f'{SCHEMA}.https port']}" == target.address
        return False

    def describe(self, snapshot: Snapshot) -> str:
        v = {k: _unquoted(x) for k, x in snapshot["values"].items()}
        mode = v[f"{SCHEMA} mode"]
        if mode == "auto":
            return f"GNOME proxy: PAC {v[f'{SCHEMA} autoconfig-url']}"
        if mode == "manual":
            return f"GNOME proxy: HTTPS {v[f'{SCHEMA}.https host']}:{v[f'{SCHEMA}.https port']}"
        return f"GNOME proxy mode {mode}"
