"""chatveil learn: find which fields of an unknown chat app carry the text you type."""

from __future__ import annotations

import argparse
import asyncio
import sys

from proxy.cli import CommandError
from proxy.commands.listen_options import add_listen_arguments, add_set_argument, guard_listen_host


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "learn",
        help="watch a chat app's traffic and propose the fields that carry typed text",
        description=(
            "Run the proxy for HOST without redacting, watch the messages you send for a while, and\n"
            "print the field paths that carry typed text as a policy entry you can accept. Only\n"
            "field names, counts and lengths are kept; no value is stored or printed.\n"
            "Or read a saved mitmproxy flow file (mitmdump -w FILE) with --flows.\n\n"
            "Example:\n  chatveil learn chat.example.com --seconds 120"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("host", metavar="HOST", help="the chat app's host name (subdomains included)")
    p.add_argument("--seconds", type=float, default=120, help="how long to watch (default: 120)")
    add_listen_arguments(p)
    p.add_argument("--flows", metavar="FILE", help="read a saved mitmproxy flow file instead of listening")
    add_set_argument(p)
    p.set_defaults(handler=learn)


def learn(args) -> int:
    from proxy.field_learner import FieldLearnerAddon
    from proxy.policy import HostRule

    try:
        host = HostRule(host=args.host).host
    except Exception:
        raise CommandError(f"{args.host!r} is not a host name (write e.g. chat.example.com)") from None
    addon = FieldLearnerAddon(host)
    if args.flows:
        _read_flows(args.flows, addon)
    else:
        guard_listen_host(args)
        code = asyncio.run(_watch(args, host, addon))
        if code:
            return code
    print(addon.learner.report(host))
    return 0


def _read_flows(path: str, addon) -> None:
    from mitmproxy import http, io

    try:
        with open(path, "rb") as f:
            for flow in io.FlowReader(f).stream():
                if isinstance(flow, http.HTTPFlow):
                    addon.request(flow)
                    if flow.websocket:
                        for i in range(len(flow.websocket.messages)):
                            _replay_message(addon, flow, i)
    except OSError as e:
        raise CommandError(f"cannot read {path}: {e.strerror or e}") from None
    except Exception as e:  # mitmproxy raises FlowReadException for files that are not flows
        raise CommandError(f"{path} is not a mitmproxy flow file ({e})") from None


def _replay_message(addon, flow, index: int) -> None:
    # The addon reads the newest message, as it does live; show it each message in turn.
    messages = flow.websocket.messages
    saved = messages[index + 1 :]
    del messages[index + 1 :]
    try:
        addon.websocket_message(flow)
    finally:
        messages.extend(saved)


async def _watch(args, host: str, addon) -> int:
    from mitmproxy import exceptions, options
    from mitmproxy.tools.dump import DumpMaster

    from proxy.policy import HostRule, parse_policy

    patterns = parse_policy({"hosts": [HostRule(host=host).host]}).allow_hosts_patterns()
    opts = options.Options(listen_host=args.listen_host, listen_port=args.listen_port)
    master = DumpMaster(opts, with_termlog=True, with_dumper=False)
    master.addons.add(addon, _Announce(host, args.seconds))
    try:
        if args.set:
            master.options.set(*args.set)
        # Only the watched host is decrypted; everything else passes through untouched.
        master.options.update(allow_hosts=patterns)
    except exceptions.OptionsError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    loop = asyncio.get_running_loop()
    loop.call_later(args.seconds, master.shutdown)
    await master.run()
    return 0


class _Announce:
    def __init__(self, host: str, seconds: float) -> None:
        self.host, self.seconds = host, seconds

    def running(self) -> None:
        from mitmproxy import ctx

        server = ctx.master.addons.get("proxyserver")
        addresses = ", ".join(f"{a[0]}:{a[1]}" for a in server.listen_addrs()) if server else "?"
        print(f"ChatVeil is listening on {addresses}, learning {self.host} for {self.seconds:g} s "
              "(nothing is redacted; send a few messages now)", flush=True)
