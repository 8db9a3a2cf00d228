"""Keeps the CA private key readable by its owner only.

mitmproxy writes a new CA key with a 0077 umask, but a confdir it finds already there (copied
from another machine, restored from a backup, created by an older tool) is used as it is. Whoever
can read that key can read and forge every connection ChatVeil decrypts, so ChatVeil tightens it
to 0600 (and the confdir to 0700) before the proxy accepts connections.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from mitmproxy import ctx

logger = logging.getLogger("chatveil")

# The files mitmproxy keeps the CA private key in (PEM with key and certificate, and PKCS#12).
CA_KEY_FILES = ("mitmproxy-ca.pem", "mitmproxy-ca.p12")


def tighten_ca_key_permissions(confdir: Path) -> list[Path]:
    """Make the CA key files 0600 and their directory 0700; return the paths that were looser."""
    tightened = []
    if confdir.is_dir() and stat.S_IMODE(confdir.stat().st_mode) & 0o077:
        os.chmod(confdir, 0o700)
        tightened.append(confdir)
    for name in CA_KEY_FILES:
        path = confdir / name
        if path.is_file() and stat.S_IMODE(path.stat().st_mode) != 0o600:
            os.chmod(path, 0o600)
            tightened.append(path)
    return tightened


class FilePermissions:
    def configure(self, updated: set[str]) -> None:
        # mitmproxy's tlsconfig addon creates the CA when `confdir` is configured; this addon is
        # added after it, so the files exist by the time this runs.
        if "confdir" in updated:
            self._tighten()

    def running(self) -> None:
        self._tighten()

    @staticmethod
    def _tighten() -> None:
        confdir = Path(os.path.expanduser(ctx.options.confdir))
        for path in tighten_ca_key_permissions(confdir):
            logger.warning("ChatVeil made %s readable by its owner only: it holds the CA private key", path)
