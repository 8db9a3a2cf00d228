"""The `chatveil` command: a thin layer over the library.

Each subcommand lives in `proxy/commands/<name>.py` with `register(subparsers)`, its docstring
being its help. Domain errors become one `Error: …` line and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Subcommand modules, in the order `chatveil --help` lists them.
COMMANDS = ("run", "scan", "log", "eval", "vault", "learn", "setup", "pac", "doctor")


class CommandError(Exception):
    """An error to show the user as one line, exit code 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chatveil",
        description="Keep personal details out of the chat messages you send to AI services.",
    )
    from proxy import __version__

    parser.add_argument("--version", action="version", version=f"chatveil {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"proxy.commands.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"proxy.commands.{name}":
                continue  # not built yet
            raise
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return args.handler(args) or 0
    except (CommandError, ValueError, OSError) as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
