"""Pointing the operating system at ChatVeil for one session, and putting it back afterwards.

One small strategy class per desktop (like mitmproxy's `proxyauth` validators); `detect_backend`
picks the one for this machine and `SystemProxySession` owns the save → apply → restore cycle.
"""

from __future__ import annotations

import os
import shutil
import sys

from proxy.system_proxy.base import (
    CommandResult,
    ProxyTarget,
    Runner,
    SystemProxyBackend,
    SystemProxyError,
    run_command,
)
from proxy.system_proxy.session import SystemProxySession

BACKEND_NAMES = ("macos", "windows", "gnome", "kde", "shell")

__all__ = [
    "BACKEND_NAMES", "CommandResult", "ProxyTarget", "Runner", "SystemProxyBackend", "SystemProxyError",
    "SystemProxySession", "backend_named", "detect_backend", "run_command",
]


def _windows_is_elevated() -> bool:
    try:
        import ctypes

        return bool(ctypes.windll.shell32.IsUserAnAdmin())  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return False


def backend_named(name: str) -> SystemProxyBackend:
    if name == "macos":
        from proxy.system_proxy.macos import MacOSBackend

        return MacOSBackend()
    if name == "windows":
        from proxy.system_proxy.windows import WindowsBackend

        return WindowsBackend(winhttp=_windows_is_elevated())
    if name == "gnome":
        from proxy.system_proxy.gnome import GnomeBackend

        return GnomeBackend()
    if name == "kde":
        from proxy.system_proxy.kde import KdeBackend

        return KdeBackend()
    if name == "shell":
        from proxy.system_proxy.shell_env import ShellEnvBackend

        return ShellEnvBackend()
    raise SystemProxyError(f"unknown system proxy backend {name!r} (one of: {', '.join(BACKEND_NAMES)})")


def detect_backend(platform: str | None = None, environ: dict | None = None) -> str:
    """The backend name for this machine: by OS, then by Linux desktop, else the shell file."""
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    if platform == "darwin":
        return "macos"
    if platform == "win32":
        return "windows"
    desktop = environ.get("XDG_CURRENT_DESKTOP", "").upper()
    if "KDE" in desktop and (shutil.which("kwriteconfig6") or shutil.which("kwriteconfig5")):
        return "kde"
    if any(d in desktop for d in ("GNOME", "UNITY", "CINNAMON", "BUDGIE", "PANTHEON")) and shutil.which("gsettings"):
        return "gnome"
    return "shell"
