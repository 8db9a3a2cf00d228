"""FilePermissions: a CA key left readable by others is made owner-only when the proxy starts."""

from __future__ import annotations

import logging
import os
import stat

from mitmproxy.test import taddons

from proxy.file_permissions import FilePermissions


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_configuring_a_confdir_with_a_readable_ca_key_tightens_it_and_says_so(tmp_path, caplog):
    confdir = tmp_path / "confdir"
    confdir.mkdir()
    addon = FilePermissions()
    with taddons.context(addon) as tctx:
        tctx.configure(addon, confdir=str(confdir))  # mitmproxy's tlsconfig is not loaded: no CA yet
        for name in ("mitmproxy-ca.pem", "mitmproxy-ca.p12"):
            (confdir / name).write_text("key")
            os.chmod(confdir / name, 0o644)
        os.chmod(confdir, 0o755)
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="chatveil"):
            addon.running()
    assert mode(confdir / "mitmproxy-ca.pem") == 0o600
    assert mode(confdir / "mitmproxy-ca.p12") == 0o600
    assert mode(confdir) == 0o700
    assert sum("readable by its owner only" in r.getMessage() for r in caplog.records) == 3


def test_owner_only_files_are_left_alone_without_a_warning(tmp_path, caplog):
    confdir = tmp_path / "confdir"
    confdir.mkdir(mode=0o700)
    os.chmod(confdir, 0o700)
    (confdir / "mitmproxy-ca.pem").write_text("key")
    os.chmod(confdir / "mitmproxy-ca.pem", 0o600)
    addon = FilePermissions()
    with taddons.context(addon) as tctx, caplog.at_level(logging.WARNING, logger="chatveil"):
        tctx.configure(addon, confdir=str(confdir))
        addon.running()
    assert mode(confdir / "mitmproxy-ca.pem") == 0o600
    assert not [r for r in caplog.records if "owner only" in r.getMessage()]
