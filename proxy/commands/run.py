"""chatveil run: start the proxy with the ChatVeil addons."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys

from proxy.canary import CANARY_HOST
from proxy.commands.listen_options import add_listen_arguments, add_set_argument, guard_listen_host
from proxy.policy import DEFAULT_POLICY_PATH, load_policy
from proxy.system_proxy import BACKEND_NAMES


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "run",
        help="start the proxy (127.0.0.1:8080 by default)",
        description=(
            "Start ChatVeil: a local proxy that redacts personal details from chat messages sent to\n"
            "the hosts the policy inspects, and passes every other connection through untouched.\n\n"
            "Example:\n  chatveil run --inspect-host chat.example.com --set confdir=~/.chatveil-ca"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_listen_arguments(p)
    p.add_argument("--policy", help=f"policy YAML (default: {DEFAULT_POLICY_PATH.name})")
    p.add_argument("--log-db", help="redaction log SQLite file (default: in the user data directory)")
    p.add_argument(
        "--inspect-host", action="append", default=[], metavar="HOST", help="also inspect HOST (repeatable)"
    )
    add_set_argument(p, set_example="confdir=DIR or ssl_insecure=true")
    p.add_argument(
        "--system-proxy",
        nargs="?",
        const="pac",
        choices=("pac", "all"),
        help="point this machine's proxy settings at ChatVeil while it runs and restore them after: "
        "pac (default: only inspected hosts go through ChatVeil) or all (every HTTP(S) connection)",
    )
    p.add_argument(
        "--system-proxy-backend",
        choices=("auto", *BACKEND_NAMES),
        default="auto",
        help="which settings --system-proxy changes (default: detected from the OS and desktop)",
    )
    p.set_defaults(handler=run_proxy)


def run_proxy(args) -> int:
    # Validate the policy before starting anything, so a typo is one clear line, not a traceback.
    load_policy(args.policy).with_hosts(args.inspect_host)
    guard_listen_host(args)
    session = _system_proxy_session(args)
    try:
        return asyncio.run(_serve(args, session))
    finally:
        if session is not None:
            session.restore()  # idempotent; covers a crash inside the event loop


def _system_proxy_session(args):
    """Repair a system-proxy change a crashed run left behind; the session for --system-proxy."""
    from proxy.cli import CommandError
    from proxy.system_proxy import SystemProxyError, SystemProxySession, backend_named, detect_backend

    name = detect_backend() if args.system_proxy_backend == "auto" else args.system_proxy_backend
    session = SystemProxySession(backend_named(name))
    try:
        repaired = session.repair_stale(strict=bool(args.system_proxy))
    except SystemProxyError as e:
        if args.system_proxy:
            raise CommandError(f"cannot set the system proxy: {e}") from None
        print(f"Warning: {e}", file=sys.stderr)  # not ours to change this run: start anyway
        repaired = None
    if repaired:
        print(f"ChatVeil restored the proxy settings ({repaired}) that a previous run left changed.", file=sys.stderr)
    return session if args.system_proxy else None


async def _serve(args, system_proxy=None) -> int:
    from mitmproxy import exceptions, options
    from mitmproxy.tools.dump import DumpMaster

    from proxy.addon import chatveil_addons
    from proxy.startup_banner import StartupBanner

    # mitmproxy's terminal log shows INFO; the root logger must let those records through.
    logging.getLogger().setLevel(logging.INFO)
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)
    opts = options.Options(listen_host=args.listen_host, listen_port=args.listen_port)
    master = DumpMaster(opts, with_termlog=True, with_dumper=False)
    try:
        # Before ChatVeil's addons are added: mitmproxy's own options apply at once, ours are held
        # until the addons declare them, so the one `update` below configures (and loads the
        # language model) once instead of twice.
        if args.set:
            master.options.set(*args.set, defer=True)
    except exceptions.OptionsError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    master.addons.add(*chatveil_addons(), StartupBanner())
    if system_proxy is not None:
        from proxy.pac_file import pac_url
        from proxy.system_proxy import ProxyTarget
        from proxy.system_proxy.switch import SystemProxySwitch

        host = "127.0.0.1" if args.listen_host in ("", "0.0.0.0", "::") else args.listen_host
        pac = pac_url(host, args.listen_port) if args.system_proxy == "pac" else None
        master.addons.add(SystemProxySwitch(system_proxy, ProxyTarget(host, args.listen_port, pac)))
    if master.options.deferred:
        print(f"Error: unknown option: {', '.join(sorted(master.options.deferred))}", file=sys.stderr)
        return 1
    try:
        master.options.update(
            chatveil_policy=os.path.abspath(args.policy) if args.policy else "",
            # The doctor's self-test host, answered inside the proxy (proxy/canary.py).
            chatveil_inspect_hosts=[*args.inspect_host, CANARY_HOST],
            chatveil_log_db=os.path.abspath(args.log_db) if args.log_db else "",
        )
    except exceptions.OptionsError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    loop = asyncio.get_running_loop()
    # SIGHUP too: closing the terminal must restore the system proxy like Ctrl-C does.
    for sig in (signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])):
        try:
            loop.add_signal_handler(sig, master.shutdown)
        except (NotImplementedError, RuntimeError):  # Windows: Ctrl-C arrives as KeyboardInterrupt
            pass
    await master.run()
    if system_proxy is not None and master.addons.get("systemproxyswitch").failed:
        return 1  # the OS proxy could not be set; the switch printed why and stopped the proxy
    return 1 if getattr(master.addons.get("errorcheck"), "has_errored", False) else 0
