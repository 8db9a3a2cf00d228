"""What every system-proxy backend shares: the target, the command runner, the strategy ABC.

A backend never runs anything itself. It computes the exact commands (argv lists) that read,
change and restore one OS's proxy settings, and a runner executes them. Tests pass a fake runner
and assert on the commands, so no test changes the machine it runs on.
"""

from __future__ import annotations

import subprocess
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Command = list[str]
Snapshot = dict[str, Any]  # plain JSON data: it is written to the state file


class SystemProxyError(Exception):
    """The OS proxy settings could not be read, changed or restored."""


@dataclass(frozen=True)
class ProxyTarget:
    """Where the OS should send traffic: ChatVeil's address, and its PAC URL in PAC mode."""

    host: str
    port: int
    pac_url: str | None = None

    @property
    def mode(self) -> str:
        return "pac" if self.pac_url else "manual"

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


def is_our_pac_url(url: str, target: ProxyTarget) -> bool:
    return url.startswith(f"http://{target.address}/")


@dataclass(frozen=True)
class CommandResult:
    returncode: int
    stdout: str


Runner = Callable[[Sequence[str]], CommandResult]


def run_command(argv: Sequence[str]) -> CommandResult:
    """The real runner. A missing tool is exit code 127, like a shell, not an exception."""
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, timeout=30, check=False)
    except FileNotFoundError:
        return CommandResult(127, "")
    except subprocess.TimeoutExpired:
        return CommandResult(124, "")
    return CommandResult(done.returncode, done.stdout)


def run_all(runner: Runner, commands: Sequence[Command]) -> None:
    for argv in commands:
        result = runner(argv)
        if result.returncode != 0:
            raise SystemProxyError(f"`{' '.join(argv[:3])} …` failed with exit code {result.returncode}")


class SystemProxyBackend(ABC):
    """One OS's proxy settings. Subclasses compute commands; `apply`/`restore` run them."""

    name: str = ""

    @abstractmethod
    def read(self, runner: Runner) -> Snapshot:
        """The current settings, as plain data from which `restore_commands` can put them back."""

    @abstractmethod
    def apply_commands(self, target: ProxyTarget, snapshot: Snapshot) -> list[Command]:
        """Commands that point the OS at `target` (the snapshot says e.g. which services exist)."""

    @abstractmethod
    def restore_commands(self, snapshot: Snapshot) -> list[Command]:
        """Commands that put back exactly what `read` saw."""

    def apply(self, runner: Runner, target: ProxyTarget, snapshot: Snapshot) -> None:
        run_all(runner, self.apply_commands(target, snapshot))

    def restore(self, runner: Runner, snapshot: Snapshot) -> None:
        run_all(runner, self.restore_commands(snapshot))

    def current(self, runner: Runner) -> Snapshot:
        """The settings now in force, for `points_at` and `describe`."""
        return self.read(runner)

    def points_at(self, snapshot: Snapshot, target: ProxyTarget) -> bool:
        """Whether the settings in `snapshot` send traffic to `target` (for `chatveil doctor`)."""
        return False

    def describe(self, snapshot: Snapshot) -> str:
        """One line saying what the settings are, for `chatveil doctor`."""
        return ""
