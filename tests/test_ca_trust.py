"""Trust-store backends by the commands they would run; the CA is created in a tmp confdir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from proxy.ca_trust import (
    ArchStore,
    CaCertificate,
    DebianStore,
    FedoraStore,
    MacLoginKeychain,
    NssDatabase,
    WindowsUserRoot,
    bundle_contains,
    ensure_ca,
    existing_ca,
    trust_stores,
)
from proxy.ca_trust.stores import linux_distribution
from proxy.system_proxy import CommandResult

SUDO = [] if os.geteuid() == 0 else ["sudo"]


@pytest.fixture(scope="module")
def ca(tmp_path_factory) -> CaCertificate:
    return ensure_ca(str(tmp_path_factory.mktemp("confdir")))


def test_ensure_ca_creates_mitmproxys_ca_once_and_reuses_it(tmp_path):
    assert existing_ca(str(tmp_path)) is None
    first = ensure_ca(str(tmp_path))
    assert first.path == tmp_path / "mitmproxy-ca-cert.pem"
    assert ensure_ca(str(tmp_path)).der == first.der
    assert len(first.sha1) == 40


def test_macos_adds_to_the_login_keychain_as_a_trusted_root(ca):
    store = MacLoginKeychain(home=Path("/Users/jane"))
    assert store.install_commands(ca) == [[
        "security", "add-trusted-cert", "-r", "trustRoot", "-k",
        "/Users/jane/Library/Keychains/login.keychain-db", str(ca.path),
    ]]
    assert store.uninstall_commands(ca) == [
        ["security", "remove-trusted-cert", str(ca.path)],
        ["security", "delete-certificate", "-Z", ca.sha1, "/Users/jane/Library/Keychains/login.keychain-db"],
    ]


def test_windows_uses_the_current_users_root_store_and_removes_by_thumbprint(ca):
    store = WindowsUserRoot()
    assert store.install_commands(ca) == [["certutil", "-user", "-addstore", "Root", str(ca.path)]]
    assert store.uninstall_commands(ca) == [["certutil", "-user", "-delstore", "Root", ca.sha1]]
    assert store.is_trusted(ca, lambda argv: CommandResult(0, "")) is True
    assert store.is_trusted(ca, lambda argv: CommandResult(1, "")) is False


def test_debian_copies_a_crt_anchor_and_rebuilds_the_bundle(ca):
    store = DebianStore()
    assert store.install_commands(ca) == [
        [*SUDO, "install", "-m", "0644", str(ca.path), "/usr/local/share/ca-certificates/chatveil.crt"],
        [*SUDO, "update-ca-certificates"],
    ]
    assert store.uninstall_commands(ca) == [
        [*SUDO, "rm", "-f", "/usr/local/share/ca-certificates/chatveil.crt"],
        [*SUDO, "update-ca-certificates", "--fresh"],
    ]


def test_fedora_and_arch_use_their_own_tools(ca):
    assert FedoraStore().install_commands(ca)[-1] == [*SUDO, "update-ca-trust", "extract"]
    assert FedoraStore().install_commands(ca)[0][-1] == "/etc/pki/ca-trust/source/anchors/chatveil.pem"
    assert ArchStore().install_commands(ca) == [[*SUDO, "trust", "anchor", "--store", str(ca.path)]]
    assert ArchStore().uninstall_commands(ca) == [[*SUDO, "trust", "anchor", "--remove", str(ca.path)]]


def test_nss_database_adds_the_ca_trusted_for_servers_only(ca, tmp_path):
    profile = tmp_path / "abcd.default-release"
    profile.mkdir()
    (profile / "cert9.db").write_bytes(b"")
    store = NssDatabase(profile, "Firefox profile abcd.default-release")
    assert store.install_commands(ca) == [
        ["certutil", "-d", f"sql:{profile}", "-A", "-t", "C,,", "-n", "ChatVeil", "-i", str(ca.path)]
    ]
    assert store.uninstall_commands(ca) == [["certutil", "-d", f"sql:{profile}", "-D", "-n", "ChatVeil"]]


def test_chromium_nssdb_is_created_first_when_missing(ca, tmp_path):
    store = NssDatabase(tmp_path / ".pki/nssdb", "Chromium", create=True)
    assert store.install_commands(ca)[:2] == [
        ["mkdir", "-p", str(tmp_path / ".pki/nssdb")],
        ["certutil", "-d", f"sql:{tmp_path / '.pki/nssdb'}", "-N", "--empty-password"],
    ]


def test_nss_check_compares_the_certificate_not_just_the_nickname(ca, tmp_path):
    other = ensure_ca(str(tmp_path / "other-confdir"))
    store = NssDatabase(tmp_path, "Firefox")
    ours = ca.path.read_text()
    assert store.is_trusted(ca, lambda argv: CommandResult(0, ours)) is True
    assert store.is_trusted(other, lambda argv: CommandResult(0, ours)) is False
    assert store.is_trusted(ca, lambda argv: CommandResult(255, "")) is False


def test_bundle_check_finds_the_ca_among_other_certificates(ca, tmp_path):
    other = ensure_ca(str(tmp_path / "other"))
    bundle = tmp_path / "bundle.pem"
    bundle.write_text(other.path.read_text() + ca.path.read_text())
    assert bundle_contains(ca, [bundle])
    bundle.write_text(other.path.read_text())
    assert not bundle_contains(ca, [bundle])


@pytest.mark.parametrize(
    ("os_release", "family"),
    [
        ('ID=ubuntu\nID_LIKE=debian\n', "debian"),
        ('ID=linuxmint\nID_LIKE="ubuntu debian"\n', "debian"),
        ('ID="rocky"\nID_LIKE="rhel centos fedora"\n', "fedora"),
        ("ID=endeavouros\nID_LIKE=arch\n", "arch"),
        ("ID=nixos\n", ""),
    ],
)
def test_linux_distribution_family_from_os_release(os_release, family):
    assert linux_distribution(os_release) == family


def test_linux_stores_are_the_distributions_store_chromium_and_each_firefox_profile(tmp_path, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/chromium" if name == "chromium" else None)
    for name in ("abcd.default-release", "efgh.work"):
        (tmp_path / ".mozilla/firefox" / name).mkdir(parents=True)
        (tmp_path / ".mozilla/firefox" / name / "cert9.db").write_bytes(b"")
    (tmp_path / ".mozilla/firefox/no-db-here").mkdir()
    stores = trust_stores("linux", tmp_path, "ID=fedora\n")
    assert [s.name for s in stores] == [
        "system store (Fedora/RHEL)", "Chromium / Chrome (~/.pki/nssdb)",
        "Firefox profile abcd.default-release", "Firefox profile efgh.work",
    ]


def test_macos_and_windows_stores(tmp_path):
    assert [s.name for s in trust_stores("darwin", tmp_path)] == ["macOS login keychain"]
    assert [s.name for s in trust_stores("win32", tmp_path)] == ["Windows user root store"]


def test_chromium_store_is_offered_only_when_a_chromium_browser_or_its_database_exists(tmp_path, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert [s.name for s in trust_stores("linux", tmp_path, "ID=debian\n")] == ["system store (Debian/Ubuntu)"]
    (tmp_path / ".pki/nssdb").mkdir(parents=True)
    assert len(trust_stores("linux", tmp_path, "ID=debian\n")) == 2


def test_the_ca_folder_is_private_to_its_owner(tmp_path):
    ensure_ca(str(tmp_path / "confdir"))
    assert (tmp_path / "confdir").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "confdir" / "mitmproxy-ca.pem").stat().st_mode & 0o777 == 0o600
