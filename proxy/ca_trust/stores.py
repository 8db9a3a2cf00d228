"""Trust stores, one small strategy class each: the commands that add, remove and check the CA.

Like the system-proxy backends they only compute commands (argv lists); a runner executes them,
and tests assert on the commands. Linux system stores need root: the commands start with `sudo`
unless we already are root, so the user sees and approves exactly what runs.
"""

from __future__ import annotations

import os
import shutil
import ssl
import sys
from abc import ABC, abstractmethod
from pathlib import Path

from proxy.ca_trust.certificate import NICKNAME, CaCertificate, pem_blocks
from proxy.system_proxy.base import Command, Runner


# Browsers on Linux that read the shared NSS database in ~/.pki/nssdb.
CHROMIUM_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "brave-browser",
                     "microsoft-edge", "vivaldi")


def _sudo() -> list[str]:
    return [] if not hasattr(os, "geteuid") or os.geteuid() == 0 else ["sudo"]


class TrustStore(ABC):
    """Where one kind of client looks up trusted CAs."""

    name: str = ""

    @abstractmethod
    def install_commands(self, cert: CaCertificate) -> list[Command]: ...

    @abstractmethod
    def uninstall_commands(self, cert: CaCertificate) -> list[Command]: ...

    @abstractmethod
    def is_trusted(self, cert: CaCertificate, runner: Runner) -> bool:
        """Whether this store trusts `cert` now (reads only)."""

    def fix(self) -> str:
        return "chatveil setup --install"


class MacLoginKeychain(TrustStore):
    name = "macOS login keychain"

    def __init__(self, home: Path | None = None):
        self.keychain = str((home or Path.home()) / "Library/Keychains/login.keychain-db")

    def install_commands(self, cert):
        return [["security", "add-trusted-cert", "-r", "trustRoot", "-k", self.keychain, str(cert.path)]]

    def uninstall_commands(self, cert):
        # Trust settings first, then the certificate itself (identified by thumbprint, not name:
        # every mitmproxy CA is called "mitmproxy").
        return [["security", "remove-trusted-cert", str(cert.path)],
                ["security", "delete-certificate", "-Z", cert.sha1, self.keychain]]

    def is_trusted(self, cert, runner):
        return runner(["security", "verify-cert", "-c", str(cert.path)]).returncode == 0


class WindowsUserRoot(TrustStore):
    name = "Windows user root store"

    def install_commands(self, cert):
        return [["certutil", "-user", "-addstore", "Root", str(cert.path)]]

    def uninstall_commands(self, cert):
        return [["certutil", "-user", "-delstore", "Root", cert.sha1]]

    def is_trusted(self, cert, runner):
        return runner(["certutil", "-user", "-verifystore", "Root", cert.sha1]).returncode == 0


class BundleStore(TrustStore):
    """A Linux distribution's system store: an anchor file plus the tool that rebuilds the bundle."""

    anchor: str = ""
    bundles: tuple[str, ...] = ()

    def bundle_paths(self) -> list[Path]:
        return system_bundle_paths(self.bundles)

    def is_trusted(self, cert, runner):
        return bundle_contains(cert, self.bundle_paths())


class DebianStore(BundleStore):
    name = "system store (Debian/Ubuntu)"
    anchor = "/usr/local/share/ca-certificates/chatveil.crt"  # must end in .crt to be picked up
    bundles = ("/etc/ssl/certs/ca-certificates.crt",)

    def install_commands(self, cert):
        return [[*_sudo(), "install", "-m", "0644", str(cert.path), self.anchor], [*_sudo(), "update-ca-certificates"]]

    def uninstall_commands(self, cert):
        # --fresh also drops the hashed symlink in /etc/ssl/certs.
        return [[*_sudo(), "rm", "-f", self.anchor], [*_sudo(), "update-ca-certificates", "--fresh"]]


class FedoraStore(BundleStore):
    name = "system store (Fedora/RHEL)"
    anchor = "/etc/pki/ca-trust/source/anchors/chatveil.pem"
    bundles = ("/etc/pki/tls/certs/ca-bundle.crt", "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem")

    def install_commands(self, cert):
        return [[*_sudo(), "install", "-m", "0644", str(cert.path), self.anchor], [*_sudo(), "update-ca-trust", "extract"]]

    def uninstall_commands(self, cert):
        return [[*_sudo(), "rm", "-f", self.anchor], [*_sudo(), "update-ca-trust", "extract"]]


class ArchStore(BundleStore):
    name = "system store (Arch, p11-kit)"
    bundles = ("/etc/ssl/certs/ca-certificates.crt",)

    def install_commands(self, cert):
        return [[*_sudo(), "trust", "anchor", "--store", str(cert.path)]]

    def uninstall_commands(self, cert):
        return [[*_sudo(), "trust", "anchor", "--remove", str(cert.path)]]


class NssDatabase(TrustStore):
    """A Firefox profile's or Chromium's NSS database (`certutil` from libnss3-tools / nss)."""

    def __init__(self, directory: Path, label: str, create: bool = False):
        self.directory = directory
        self.name = label
        self.create = create  # Chromium's ~/.pki/nssdb may not exist yet; a Firefox profile always has one

    @property
    def db(self) -> str:
        return f"sql:{self.directory}"

    def install_commands(self, cert):
        commands: list[Command] = []
        if self.create and not (self.directory / "cert9.db").exists():
            commands += [["mkdir", "-p", str(self.directory)], ["certutil", "-d", self.db, "-N", "--empty-password"]]
        # "C,," = trusted to issue server certificates; nothing else.
        return commands + [["certutil", "-d", self.db, "-A", "-t", "C,,", "-n", NICKNAME, "-i", str(cert.path)]]

    def uninstall_commands(self, cert):
        return [["certutil", "-d", self.db, "-D", "-n", NICKNAME]]

    def is_trusted(self, cert, runner):
        # Compare the certificate itself: an older ChatVeil CA under the same nickname is not ours.
        result = runner(["certutil", "-d", self.db, "-L", "-n", NICKNAME, "-a"])
        return result.returncode == 0 and cert.der in pem_blocks(result.stdout)

    def fix(self) -> str:
        return "chatveil setup --install (needs `certutil`: apt install libnss3-tools / dnf install nss-tools / brew install nss)"


def system_bundle_paths(candidates: tuple[str, ...] = ()) -> list[Path]:
    """The PEM bundles OpenSSL-based programs on this machine read; SSL_CERT_FILE wins, as in OpenSSL."""
    if os.environ.get("SSL_CERT_FILE"):
        return [Path(os.environ["SSL_CERT_FILE"])]
    paths = [ssl.get_default_verify_paths().cafile or "", *candidates,
             "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"]
    seen, out = set(), []
    for p in paths:
        if p and p not in seen and Path(p).is_file():
            seen.add(p)
            out.append(Path(p))
    return out


def bundle_contains(cert: CaCertificate, bundles: list[Path]) -> bool:
    for bundle in bundles:
        try:
            if cert.der in pem_blocks(bundle.read_text(errors="replace")):
                return True
        except OSError:
            continue
    return False


def firefox_profile_dirs(home: Path, platform: str) -> list[Path]:
    if platform == "darwin":
        roots = [home / "Library/Application Support/Firefox/Profiles"]
    elif platform == "win32":
        return []  # Windows' certutil is a different program; Firefox there can use the OS store
    else:
        roots = [home / ".mozilla/firefox", home / "snap/firefox/common/.mozilla/firefox",
                 home / ".var/app/org.mozilla.firefox/.mozilla/firefox"]
    return sorted(p.parent for root in roots if root.is_dir() for p in root.glob("*/cert9.db"))


def linux_distribution(os_release: str) -> str:
    fields = {}
    for line in os_release.splitlines():
        key, _, value = line.partition("=")
        fields[key.strip()] = value.strip().strip('"').lower()
    ids = [fields.get("ID", ""), *fields.get("ID_LIKE", "").split()]
    for family, names in (("debian", ("debian", "ubuntu")), ("fedora", ("fedora", "rhel", "centos")), ("arch", ("arch",))):
        if any(i in names for i in ids):
            return family
    return ""


def trust_stores(platform: str | None = None, home: Path | None = None, os_release: str | None = None) -> list[TrustStore]:
    """Every store on this machine the CA should be in for browsers and apps to accept it."""
    platform = platform or sys.platform
    home = home or Path.home()
    stores: list[TrustStore] = []
    if platform == "darwin":
        stores.append(MacLoginKeychain(home))
    elif platform == "win32":
        stores.append(WindowsUserRoot())
    else:
        if os_release is None:
            try:
                os_release = Path("/etc/os-release").read_text()
            except OSError:
                os_release = ""
        family = linux_distribution(os_release)
        stores.append({"fedora": FedoraStore, "arch": ArchStore}.get(family, DebianStore)())
        if (home / ".pki/nssdb").is_dir() or any(shutil.which(b) for b in CHROMIUM_BROWSERS):
            stores.append(NssDatabase(home / ".pki/nssdb", "Chromium / Chrome (~/.pki/nssdb)", create=True))
    stores += [NssDatabase(p, f"Firefox profile {p.name}") for p in firefox_profile_dirs(home, platform)]
    return stores
