"""The addon behind `chatveil run --system-proxy`: point the OS at ChatVeil once it listens,
and put the previous settings back when it stops.

Applying in `running` (not before) means the OS is never pointed at a port nobody listens on.
`done` runs on a clean exit and on Ctrl-C/SIGTERM; `chatveil run` restores once more in a
`finally`, and a crash is repaired by the next start from the saved state file.
"""

from __future__ import annotations

import logging

from mitmproxy import ctx

from proxy.system_proxy.base import ProxyTarget, SystemProxyError
from proxy.system_proxy.session import SystemProxySession

logger = logging.getLogger("chatveil")


class SystemProxySwitch:
    def __init__(self, session: SystemProxySession, target: ProxyTarget):
        self.session = session
        self.target = target
        self.failed: str | None = None

    def running(self) -> None:
        try:
            self.session.apply(self.target)
        except (SystemProxyError, OSError) as e:
            self.failed = str(e)
            print(f"Error: could not set the system proxy: {e}", flush=True)
            ctx.master.shutdown()
            return
        how = f"PAC {self.target.pac_url}" if self.target.pac_url else f"all HTTP(S) to {self.target.address}"
        lines = [f"  system proxy:   set ({self.session.backend.name}: {how}); restored when ChatVeil stops"]
        path = getattr(self.session.backend, "path", None)
        if path is not None:
            lines.append(f"  in each shell that should use ChatVeil, run:  source {path}")
        print("\n".join(lines), flush=True)

    def done(self) -> None:
        try:
            if self.session.restore():
                print("ChatVeil restored the previous system proxy settings.", flush=True)
        except (SystemProxyError, OSError) as e:
            # Keep the state file: the next start (or `chatveil setup --uninstall`) retries.
            print(f"Error: could not restore the system proxy ({e}); `chatveil setup --uninstall` retries", flush=True)
