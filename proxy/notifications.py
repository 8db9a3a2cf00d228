"""Warnings people notice: a desktop notification when a message is warned about, held or blocked.

The Redactor already writes a console line for each decision; this addon adds the desktop
notification, because a warning read next week is no warning. Each platform's mechanism is a
small strategy class (`notify-send`, `osascript`, a PowerShell toast) chosen once; where none is
available nothing happens. Only entity types and masked hints ever reach a notification, since
notification daemons keep a history on disk.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence

from mitmproxy import ctx, http

logger = logging.getLogger("chatveil")

# Runs a command without waiting for it; tests pass a fake that records the argv.
Runner = Callable[[Sequence[str]], None]


def run_detached(argv: Sequence[str]) -> None:
    # In a thread: a notification daemon that hangs must not stall the proxy's event loop.
    def run() -> None:
        try:
            subprocess.run(list(argv), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=15, check=False)
        except (OSError, subprocess.SubprocessError):
            pass  # best effort: the console line and the dashboard still carry the warning

    threading.Thread(target=run, name="chatveil-notify", daemon=True).start()


class Notifier:
    """Shows one desktop notification. `command` is what would run (None: nothing to run)."""

    def __init__(self, runner: Runner = run_detached):
        self.runner = runner

    def command(self, title: str, body: str, urgent: bool) -> list[str] | None:
        raise NotImplementedError

    def notify(self, title: str, body: str, urgent: bool = False) -> None:
        argv = self.command(title, body, urgent)
        if argv:
            self.runner(argv)


class NoNotifier(Notifier):
    def command(self, title: str, body: str, urgent: bool) -> None:
        return None


class NotifySend(Notifier):
    """Linux and BSD desktops (libnotify)."""

    def command(self, title: str, body: str, urgent: bool) -> list[str]:
        # "--" so a title can never be read as an option.
        return ["notify-send", "--app-name=ChatVeil", f"--urgency={'critical' if urgent else 'normal'}",
                "--", title, body]


class Osascript(Notifier):
    """macOS Notification Center."""

    def command(self, title: str, body: str, urgent: bool) -> list[str]:
        script = f"display notification {_applescript_string(body)} with title {_applescript_string(title)}"
        return ["osascript", "-e", script]


class PowerShellToast(Notifier):
    """Windows 10/11 toast, through the WinRT API that PowerShell can reach without modules."""

    def __init__(self, runner: Runner = run_detached, program: str = "powershell"):
        super().__init__(runner)
        self.program = program  # "pwsh" for PowerShell 7, which has the same WinRT bridge

    def command(self, title: str, body: str, urgent: bool) -> list[str]:
        script = (
            "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] > $null;"
            "$t = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent("
            "[Windows.UI.Notifications.ToastTemplateType]::ToastText02);"
            "$x = $t.GetElementsByTagName('text');"
            f"$x.Item(0).AppendChild($t.CreateTextNode({_powershell_string(title)})) > $null;"
            f"$x.Item(1).AppendChild($t.CreateTextNode({_powershell_string(body)})) > $null;"
            "[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier('ChatVeil').Show("
            "[Windows.UI.Notifications.ToastNotification]::new($t))"
        )
        return [self.program, "-NoProfile", "-NonInteractive", "-Command", script]


def _applescript_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _powershell_string(text: str) -> str:
    # Single-quoted PowerShell strings expand nothing; a quote is escaped by doubling it.
    return "'" + text.replace("'", "''") + "'"


def choose_notifier(platform: str = sys.platform, which: Callable[[str], str | None] = shutil.which,
                    runner: Runner = run_detached) -> Notifier:
    """The platform's notifier, or NoNotifier where its tool is absent."""
    if platform == "darwin":
        candidates = [("osascript", Osascript)]
    elif platform.startswith("win"):
        candidates = [("powershell", PowerShellToast), ("pwsh", lambda r: PowerShellToast(r, program="pwsh"))]
    else:
        candidates = [("notify-send", NotifySend)]
    for tool, cls in candidates:
        if which(tool):
            return cls(runner)
    return NoNotifier(runner)


def describe(verdict) -> tuple[str, str, bool] | None:
    """(title, body, urgent) for a verdict worth interrupting someone for, else None."""
    if verdict.note.endswith("by the user"):
        return None  # the person just chose this on the dashboard; telling them again is noise
    shown = [f for f in verdict.findings if f.action in ("warn", "block", "ask")]
    details = ", ".join(f"{f.entity_type} {f.hint}" for f in shown) or ", ".join(verdict.types)
    if verdict.action == "block":
        return f"ChatVeil blocked a message to {verdict.host}", f"It contained {details}. Nothing was sent.", True
    if verdict.action == "warn":
        return f"ChatVeil: personal details sent to {verdict.host}", f"The message contained {details}.", False
    return None


def describe_question(question) -> tuple[str, str, bool]:
    details = ", ".join(f"{f.entity_type} {f.hint}" for f in question.findings)
    return (f"ChatVeil is holding a message to {question.host}",
            f"It contains {details}. Choose on the ChatVeil dashboard.", True)


class WarningNotifier:
    """Addon: a desktop notification for each warned, held or blocked message."""

    def __init__(self, notifier: Notifier | None = None) -> None:
        self.notifier = notifier

    def load(self, loader) -> None:
        loader.add_option(
            "chatveil_notify",
            bool,
            True,
            "Show a desktop notification when ChatVeil warns about, holds (ask) or blocks a message "
            "(notify-send on Linux, osascript on macOS, a toast on Windows; skipped where absent). "
            "Notifications carry masked hints only.",
        )

    def configure(self, updated: set[str]) -> None:
        if "chatveil_notify" in updated or self.notifier is None:
            self.notifier = choose_notifier() if ctx.options.chatveil_notify else NoNotifier()

    def running(self) -> None:
        dashboard = ctx.master.addons.get("dashboard")
        if dashboard is not None:
            dashboard.asks.subscribe(self._on_ask)

    def _on_ask(self, event: str, question, *rest) -> None:
        if event == "ask" and self.notifier is not None:
            self.notifier.notify(*describe_question(question))

    def request(self, flow: http.HTTPFlow) -> None:
        from proxy.redactor import RequestVerdict

        verdict = RequestVerdict.from_flow(flow)
        if verdict is None or self.notifier is None:
            return
        message = describe(verdict)
        if message:
            self.notifier.notify(*message)
