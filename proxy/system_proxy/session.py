"""One `--system-proxy` session: save the previous settings, change them, put them back.

The previous settings are written to a 0600 state file *before* anything changes, so a crash,
a kill -9 or a power cut leaves enough behind for the next start (or `chatveil setup
--uninstall`) to repair the change. Restoring is idempotent: the exit path, the signal path and
the repair path may all run it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from proxy.paths import data_dir, private_file
from proxy.system_proxy.base import ProxyTarget, Runner, SystemProxyBackend, SystemProxyError, run_command

STATE_FILE_NAME = "system-proxy-state.json"


def default_state_path() -> Path:
    return data_dir() / STATE_FILE_NAME


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        # os.kill(pid, 0) would terminate the process on Windows; a leftover state file there
        # is treated as stale (one ChatVeil session per user is the supported setup).
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # After a crash the pid may have been reused by an unrelated program; where /proc tells us
    # the command line, only a ChatVeil process counts as the owner.
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():
        try:
            text = cmdline.read_bytes().decode("utf-8", "replace")
        except OSError:
            return True
        return "chatveil" in text or "proxy.cli" in text
    return True


class SystemProxySession:
    def __init__(self, backend: SystemProxyBackend, runner: Runner = run_command, state_path: Path | None = None):
        self.backend = backend
        self.runner = runner
        self.state_path = state_path or default_state_path()

    def _load_state(self) -> dict | None:
        try:
            return json.loads(self.state_path.read_text())
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as e:
            raise SystemProxyError(f"Cannot read {self.state_path}: {e}") from None

    def repair_stale(self, strict: bool = True) -> str | None:
        """Undo a change a crashed session left behind; returns what was repaired, or None.

        A change whose session is still running is left alone; `strict` makes that an error
        (for a run that wants to change the settings itself).
        """
        state = self._load_state()
        if state is None:
            return None
        if state.get("pid") != os.getpid() and _process_alive(int(state.get("pid", 0))):
            if not strict:
                return None
            raise SystemProxyError(
                f"another ChatVeil (process {state['pid']}) manages the system proxy; stop it first"
            )
        try:
            backend = self._backend_for(state["backend"])
            backend.restore(self.runner, state["snapshot"])
        except (KeyError, TypeError, AttributeError):
            raise SystemProxyError(
                f"the saved proxy settings in {self.state_path} are damaged: restore them by hand, then delete it"
            ) from None
        self.state_path.unlink(missing_ok=True)
        return backend.name

    def _backend_for(self, name: str) -> SystemProxyBackend:
        if name == self.backend.name:
            return self.backend
        from proxy.system_proxy import backend_named

        return backend_named(name)

    def apply(self, target: ProxyTarget) -> None:
        self.repair_stale()
        snapshot = self.backend.read(self.runner)
        state = {"backend": self.backend.name, "pid": os.getpid(), "target": target.address,
                 "mode": target.mode, "snapshot": snapshot}
        private_file(self.state_path)
        self.state_path.write_text(json.dumps(state, indent=2))
        try:
            self.backend.apply(self.runner, target, snapshot)
        except BaseException:
            self.restore()  # a half-applied change is worse than none
            raise

    def restore(self) -> bool:
        """Put back the saved settings if this process changed them; True if it did."""
        state = self._load_state()
        if state is None or state.get("pid") != os.getpid():
            return False
        self.backend.restore(self.runner, state["snapshot"])
        self.state_path.unlink(missing_ok=True)
        return True
