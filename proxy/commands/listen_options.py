"""The options of every command that starts a proxy (`run`, `learn`), and the loopback guard
they share: a listener beyond loopback without proxy authentication is an open proxy."""

from __future__ import annotations

import sys

from proxy.remote_access import check_listen_host


def add_listen_arguments(parser) -> None:
    parser.add_argument("--listen-host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--listen-port", type=int, default=8080, help="port to listen on (default: 8080)")


def add_set_argument(parser, set_example: str = "confdir=DIR") -> None:
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="OPTION=VALUE",
        help=f"set any mitmproxy option, e.g. {set_example} (repeatable)",
    )


def guard_listen_host(args) -> None:
    """Refuse (ValueError → `Error: …`) or warn about a listener beyond loopback."""
    warning = check_listen_host(args.listen_host, args.set)
    if warning:
        print(warning, file=sys.stderr)
