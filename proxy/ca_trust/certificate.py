"""ChatVeil's CA certificate: created by mitmproxy in its confdir, identified by its DER bytes."""

from __future__ import annotations

import hashlib
import os
import ssl
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CONFDIR = "~/.mitmproxy"  # mitmproxy's own default, so `chatveil run` finds the same CA
CA_CERT_NAME = "mitmproxy-ca-cert.pem"
NICKNAME = "ChatVeil"  # how the CA is named in NSS databases


@dataclass(frozen=True)
class CaCertificate:
    path: Path
    der: bytes

    @property
    def sha1(self) -> str:
        """The thumbprint Windows `certutil` and macOS `security -Z` identify certificates by."""
        return hashlib.sha1(self.der).hexdigest().upper()

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.der).hexdigest().upper()

    @classmethod
    def from_file(cls, path: Path) -> CaCertificate:
        blocks = pem_blocks(path.read_text())
        if not blocks:
            raise ValueError(f"{path} holds no PEM certificate")
        return cls(path, blocks[0])


def pem_blocks(text: str) -> list[bytes]:
    """Every certificate in a PEM bundle, as DER."""
    out = []
    begin, end = "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"
    start = text.find(begin)
    while start != -1:
        stop = text.find(end, start)
        if stop == -1:
            break
        out.append(ssl.PEM_cert_to_DER_cert(text[start : stop + len(end)] + "\n"))
        start = text.find(begin, stop)
    return out


def confdir_path(confdir: str | None) -> Path:
    return Path(os.path.expanduser(confdir or DEFAULT_CONFDIR))


def ensure_ca(confdir: str | None = None) -> CaCertificate:
    """Create mitmproxy's CA in `confdir` if it is not there yet (what `chatveil run` would do)."""
    from mitmproxy import certs
    from mitmproxy.options import CONF_BASENAME, KEY_SIZE

    path = confdir_path(confdir)
    certs.CertStore.from_store(path=path, basename=CONF_BASENAME, key_size=KEY_SIZE)
    if os.name == "posix":
        os.chmod(path, 0o700)  # the folder holds the CA's private key
    return CaCertificate.from_file(path / CA_CERT_NAME)


def existing_ca(confdir: str | None = None) -> CaCertificate | None:
    path = confdir_path(confdir) / CA_CERT_NAME
    return CaCertificate.from_file(path) if path.exists() else None
