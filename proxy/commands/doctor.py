"""chatveil doctor: check, one line each, that ChatVeil really protects this machine."""

from __future__ import annotations

import argparse
from pathlib import Path

from proxy.system_proxy import BACKEND_NAMES

# The runner for local tools (certutil, gsettings, …); tests replace it.
RUNNER = None


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "doctor",
        help="check that the proxy runs, its CA is trusted, traffic reaches it and is redacted",
        description=(
            "Check, one line each, that ChatVeil is listening, that its CA is trusted by this system\n"
            "(and by Firefox where present), that the system or PAC proxy points at it, that a test\n"
            "message through it is redacted end to end, and that nothing else is decrypted.\n"
            "Exits with status 1 when anything fails; each ✗ line says how to fix it.\n\n"
            "The end-to-end test uses a host that exists only inside ChatVeil: nothing leaves this\n"
            "machine. --canary HOST sends a harmless synthetic message (an invented name and a test\n"
            "card number) through ChatVeil to HOST and confirms from the log that it was redacted.\n\n"
            "Example:\n  chatveil doctor --canary api.openai.com"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--proxy", default="127.0.0.1:8080", metavar="HOST:PORT", help="where ChatVeil listens (default: 127.0.0.1:8080)")
    p.add_argument("--confdir", help="the CA directory `chatveil run` uses (default: ~/.mitmproxy)")
    p.add_argument("--log-db", help="the redaction log the proxy writes (default: in the user data directory)")
    p.add_argument("--canary", metavar="HOST", help="also send a synthetic test message through ChatVeil to HOST")
    p.add_argument("--canary-path", default="/v1/chat/completions", help="path for --canary (default: %(default)s)")
    p.add_argument(
        "--system-proxy-backend", choices=("auto", *BACKEND_NAMES), default="auto",
        help="which proxy settings to check (default: detected from the OS and desktop)",
    )
    p.set_defaults(handler=run_doctor)


def run_doctor(args) -> int:
    from proxy import doctor_checks as checks
    from proxy.ca_trust import NssDatabase, existing_ca, trust_stores
    from proxy.cli import CommandError
    from proxy.redaction_log import default_log_path
    from proxy.system_proxy import backend_named, detect_backend, run_command

    if args.proxy.count(":") != 1 or not args.proxy.rsplit(":", 1)[1].isdigit():
        raise CommandError(f"--proxy {args.proxy!r}: write HOST:PORT, e.g. 127.0.0.1:8080")
    runner = RUNNER or run_command
    log_db = Path(args.log_db) if args.log_db else default_log_path()
    failed = False

    def report(result) -> None:
        nonlocal failed
        if result is not None:
            failed |= not result.ok
            print(result.line(), flush=True)

    listening = checks.check_listening(args.proxy)
    report(listening)
    ca = existing_ca(args.confdir)
    if ca is None:
        report(checks.CheckResult(False, f"no ChatVeil CA in {args.confdir or '~/.mitmproxy'}", "chatveil setup"))
    else:
        for store in trust_stores():
            # Chromium's database is checked only where it exists; the system store always.
            if isinstance(store, NssDatabase) and store.create and not (store.directory / "cert9.db").exists():
                continue
            report(checks.check_trust(store, ca, runner))
    backend_name = detect_backend() if args.system_proxy_backend == "auto" else args.system_proxy_backend
    report(checks.check_proxy_settings(backend_named(backend_name), args.proxy, runner))
    if listening.ok:
        report(checks.check_canary_redacted(args.proxy, ca))
        report(checks.check_not_decrypted(args.proxy))
        if args.canary:
            report(checks.check_canary_host(args.proxy, ca, args.canary, args.canary_path, log_db))
    else:
        print("✗ skipped the redaction and decryption tests: the proxy is not running", flush=True)
    report(checks.check_not_protected(log_db))
    return 1 if failed else 0
