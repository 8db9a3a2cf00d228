"""chatveil pac: print the PAC file that sends only the inspected hosts through ChatVeil."""

from __future__ import annotations

import argparse

from proxy.policy import DEFAULT_POLICY_PATH, load_policy


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "pac",
        help="print a PAC file: inspected hosts through ChatVeil, everything else DIRECT",
        description=(
            "Print a proxy auto-config (PAC) file that sends only the hosts ChatVeil inspects through\n"
            "it; every other host (your bank, your mail, …) connects DIRECT and never touches the\n"
            "proxy. The running proxy serves the same file at http://127.0.0.1:8080/proxy.pac.\n\n"
            "Example:\n  chatveil pac > ~/chatveil.pac\n  chatveil pac --url"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--policy", help=f"policy YAML (default: {DEFAULT_POLICY_PATH.name})")
    p.add_argument("--inspect-host", action="append", default=[], metavar="HOST", help="also inspect HOST (repeatable)")
    p.add_argument("--proxy", default="127.0.0.1:8080", metavar="HOST:PORT", help="where ChatVeil listens (default: %(default)s)")
    p.add_argument("--url", action="store_true", help="print the URL the running proxy serves the PAC file at, instead")
    p.set_defaults(handler=run_pac)


def run_pac(args) -> int:
    from proxy.pac_file import pac_text, pac_url

    host, sep, port = args.proxy.rpartition(":")
    if not sep or not port.isdigit():
        raise ValueError(f"--proxy {args.proxy!r}: write HOST:PORT, e.g. 127.0.0.1:8080")
    if args.url:
        print(pac_url(host, int(port)))
        return 0
    policy = load_policy(args.policy).with_hosts(args.inspect_host)
    print(pac_text(policy.hosts, args.proxy), end="")
    return 0
