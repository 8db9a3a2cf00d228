"""Shells and command-line tools: `HTTP(S)_PROXY` lines in a file the user sources.

No program can change the environment of shells that are already running, so this backend
writes `proxy-env.sh` in ChatVeil's data directory and says to `source` it; restoring removes
the file. Environment variables cannot express a PAC file, so both modes send all HTTP(S)
traffic of those programs to ChatVeil, which still decrypts only the inspected hosts.
"""

from __future__ import annotations

import os
from pathlib import Path

from proxy.paths import data_dir
from proxy.system_proxy.base import Command, ProxyTarget, Runner, Snapshot, SystemProxyBackend

NO_PROXY = "localhost,127.0.0.1,::1"


class ShellEnvBackend(SystemProxyBackend):
    name = "shell"

    def __init__(self, path: Path | None = None, environ: dict | None = None):
        self.path = path or data_dir() / "proxy-env.sh"
        self.environ = os.environ if environ is None else environ

    def lines(self, target: ProxyTarget) -> list[str]:
        url = f"http://{target.address}"
        return [
            f"export HTTP_PROXY={url} HTTPS_PROXY={url} http_proxy={url} https_proxy={url}",
            f"export NO_PROXY={NO_PROXY} no_proxy={NO_PROXY}",
        ]

    def read(self, runner: Runner) -> Snapshot:
        return {"file": str(self.path), "existed": self.path.exists()}

    def apply_commands(self, target: ProxyTarget, snapshot: Snapshot) -> list[Command]:
        return []  # nothing to run: `apply` writes the file

    def restore_commands(self, snapshot: Snapshot) -> list[Command]:
        return []

    def apply(self, runner: Runner, target: ProxyTarget, snapshot: Snapshot) -> None:
        text = "# Written by `chatveil run --system-proxy`; removed when it stops.\n" + "\n".join(self.lines(target)) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(text)

    def restore(self, runner: Runner, snapshot: Snapshot) -> None:
        Path(snapshot["file"]).unlink(missing_ok=True)

    def current(self, runner: Runner) -> Snapshot:
        # The file may exist while no shell has sourced it: what counts is the environment.
        return {"https_proxy": self.environ.get("HTTPS_PROXY") or self.environ.get("https_proxy") or ""}

    def points_at(self, snapshot: Snapshot, target: ProxyTarget) -> bool:
        value = snapshot.get("https_proxy", "")
        return value.rstrip("/").removeprefix("http://") == target.address

    def describe(self, snapshot: Snapshot) -> str:
        value = snapshot.get("https_proxy", "")
        return f"HTTPS_PROXY={value}" if value else "HTTPS_PROXY is not set"
