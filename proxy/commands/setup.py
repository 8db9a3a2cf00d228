"""chatveil setup: create ChatVeil's CA and get it trusted on this machine (or undo all of it)."""

from __future__ import annotations

import argparse
import sys

# The runner for trust-store tools (security, certutil, update-ca-certificates, …); tests replace it.
RUNNER = None

EXPLANATION = """\
What trusting this CA means: ChatVeil makes certificates for the chat services it inspects, signed
by this CA, so it can read and redact what you send them. Hosts outside the policy are never
decrypted. Once the CA is trusted, anyone holding its private key could do the same for any website
on this machine; the key never leaves this machine and only your account can read it:
  {key}
Undo everything with: chatveil setup --uninstall"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "setup",
        help="create ChatVeil's CA and trust it on this machine (--install), or undo it (--uninstall)",
        description=(
            "Create ChatVeil's certificate authority (in mitmproxy's confdir, ~/.mitmproxy by default)\n"
            "and show the commands that make this machine trust it: the macOS login keychain, the\n"
            "Windows user root store, the Debian/Ubuntu, Fedora or Arch system store, and the NSS\n"
            "databases Firefox and Chromium use. --install runs them after asking; --uninstall removes\n"
            "the CA from every store and restores proxy settings a crashed `chatveil run` left behind.\n\n"
            "Example:\n  chatveil setup            # show what would be done\n  chatveil setup --install"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--confdir", help="where the CA lives (default: ~/.mitmproxy, what `chatveil run` uses)")
    action = p.add_mutually_exclusive_group()
    action.add_argument("--install", action="store_true", help="trust the CA in this machine's stores (asks first)")
    action.add_argument("--uninstall", action="store_true", help="remove the CA from every store and restore proxy settings")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(handler=run_setup)


def _show(argv: list[str]) -> str:
    return " ".join(f"'{a}'" if (" " in a or not a) else a for a in argv)


def _print_commands(command_lists) -> None:
    for commands in command_lists:
        for argv in commands:
            print(f"  {_show(argv)}")


def _confirm(question: str, assume_yes: bool) -> bool:
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        print(f"{question} [y/N] (not a terminal: pass --yes to confirm)")
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def _run_store_commands(commands, runner) -> str | None:
    """Run one store's commands; the first failure as a line, or None."""
    for argv in commands:
        result = runner(argv)
        if result.returncode == 127:
            return f"`{argv[0] if argv[0] != 'sudo' else argv[1]}` is not installed"
        if result.returncode != 0:
            return f"`{_show(argv)}` failed with exit code {result.returncode}"
    return None


def run_setup(args) -> int:
    from proxy.ca_trust import ensure_ca, existing_ca, trust_stores
    from proxy.system_proxy import run_command

    runner = RUNNER or run_command
    if args.uninstall:
        return _uninstall(args, existing_ca(args.confdir), trust_stores(), runner)
    ca = ensure_ca(args.confdir)
    stores = trust_stores()
    print(f"ChatVeil's CA: {ca.path}")
    print(f"  SHA-256 fingerprint: {ca.sha256}")
    print(EXPLANATION.format(key=ca.path.with_name("mitmproxy-ca.pem")))
    print()
    pending = []
    for store in stores:
        if store.is_trusted(ca, runner):
            print(f"✓ trusted by {store.name}")
        else:
            print(f"✗ not yet trusted by {store.name}")
            pending.append(store)
    if not pending:
        return 0
    print()
    if not args.install:
        print("To trust it, run `chatveil setup --install`, or these commands yourself:")
        _print_commands(store.install_commands(ca) for store in pending)
        return 0
    print("These commands will run (sudo may ask for your password):")
    _print_commands(store.install_commands(ca) for store in pending)
    if not _confirm("Trust ChatVeil's CA in these stores?", args.yes):
        print("Nothing was changed.")
        return 1
    failed = False
    for store in pending:
        error = _run_store_commands(store.install_commands(ca), runner)
        if error:
            failed = True
            print(f"✗ {store.name}: {error} — fix: {store.fix()}")
        else:
            print(f"✓ {store.name} now trusts ChatVeil's CA")
    print("Restart browsers that were open so they read the new trust settings.")
    return 1 if failed else 0


def _uninstall(args, ca, stores, runner) -> int:
    from proxy.system_proxy import SystemProxySession, backend_named, detect_backend
    from proxy.system_proxy.session import default_state_path

    failed = False
    if default_state_path().exists():
        session = SystemProxySession(backend_named(detect_backend()))
        repaired = session.repair_stale(strict=False)
        if repaired:
            print(f"✓ restored the proxy settings ({repaired}) a previous `chatveil run` left changed")
        else:
            print("✗ a running `chatveil run --system-proxy` owns the proxy settings — fix: stop it first (Ctrl-C)")
            failed = True
    if ca is None:
        print(f"No ChatVeil CA in {args.confdir or '~/.mitmproxy'}: nothing to untrust.")
        return 1 if failed else 0
    trusted = [s for s in stores if s.is_trusted(ca, runner)]
    if not trusted:
        print("No store trusts ChatVeil's CA.")
    else:
        print("These commands will run (sudo may ask for your password):")
        _print_commands(store.uninstall_commands(ca) for store in trusted)
        if not _confirm("Remove ChatVeil's CA from these stores?", args.yes):
            print("Nothing was changed.")
            return 1
        for store in trusted:
            error = _run_store_commands(store.uninstall_commands(ca), runner)
            if error:
                failed = True
                print(f"✗ {store.name}: {error}")
            else:
                print(f"✓ {store.name} no longer trusts ChatVeil's CA")
    folder = ca.path.parent
    print(f"To delete the CA itself as well: remove {folder}/mitmproxy-ca.pem and {folder}/mitmproxy-ca-cert.*")
    return 1 if failed else 0
