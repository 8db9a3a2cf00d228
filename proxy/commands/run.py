"""chatveil run: start the proxy with the ChatVeil addons."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys

from proxy.policy import DEFAULT_POLICY_PATH, load_policy


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
    p.add_argument("--listen-host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--listen-port", type=int, default=8080, help="port to listen on (default: 8080)")
    p.add_argument("--policy", help=f"policy YAML (default: {DEFAULT_POLICY_PATH.name})")
    p.add_argument("--log-db", help="redaction log SQLite file (default: in the user data directory)")
    p.add_argument(
        "--inspect-host", action="append", default=[], metavar="HOST", help="also inspect HOST (repeatable)"
    )
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="OPTION=VALUE",
        help="set any mitmproxy option, e.g. confdir=DIR or ssl_insecure=true (repeatable)",
    )
    p.set_defaults(handler=run_proxy)


def run_proxy(args) -> int:
    # Validate the policy before starting anything, so a typo is one clear line, not a traceback.
    load_policy(args.policy).with_hosts(args.inspect_host)
    return asyncio.run(_serve(args))


async def _serve(args) -> int:
    from mitmproxy import exceptions, options
    from mitmproxy.tools.dump import DumpMaster

    from proxy.addon import chatveil_addons
    from proxy.startup_banner import StartupBanner

    # mitmproxy's terminal log shows INFO; the root logger must let those records through.
    logging.getLogger().setLevel(logging.INFO)
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)
    opts = options.Options(listen_host=args.listen_host, listen_port=args.listen_port)
    master = DumpMaster(opts, with_termlog=True, with_dumper=False)
    master.addons.add(*chatveil_addons(), StartupBanner())
    try:
        if args.set:
            master.options.set(*args.set)
        master.options.update(
            chatveil_policy=os.path.abspath(args.policy) if args.policy else "",
            chatveil_inspect_hosts=list(args.inspect_host),
            chatveil_log_db=os.path.abspath(args.log_db) if args.log_db else "",
        )
    except exceptions.OptionsError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, master.shutdown)
        except (NotImplementedError, RuntimeError):  # Windows: Ctrl-C arrives as KeyboardInterrupt
            pass
    await master.run()
    return 1 if getattr(master.addons.get("errorcheck"), "has_errored", False) else 0
