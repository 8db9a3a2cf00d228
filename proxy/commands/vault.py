"""chatveil vault: your own names, addresses and numbers, always redacted, stored only as hashes."""

from __future__ import annotations

import argparse
import sys

from proxy.detection.vault import PersonalVault


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "vault",
        help="manage your personal vault: values that are always redacted",
        description=(
            "The personal vault holds your own identifiers - your name, your address, your card,\n"
            "your employer - so they are redacted whether or not a model would recognise them.\n"
            "Matching ignores case, spacing, punctuation and accents (digits only for numbers).\n"
            "Values are stored only as keyed hashes (vault.json, readable by you only); `list`\n"
            "shows a masked hint, never the value. A running proxy picks up changes.\n\n"
            "Examples:\n"
            '  chatveil vault add "Jake Morrison" --type PERSON\n'
            '  chatveil vault add "42 Willow Creek Rd" --type STREET_ADDRESS\n'
            "  chatveil vault add - --type CREDIT_CARD   (reads the value from standard input)\n"
            "  chatveil vault list\n"
            "  chatveil vault remove 3f2a9c1b"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = p.add_subparsers(dest="vault_command", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add",
        help="add a value",
        description=(
            "Add a value to the vault. TYPE is any UPPER_SNAKE_CASE name: PERSON, STREET_ADDRESS,\n"
            "CREDIT_CARD, PHONE_NUMBER, EMPLOYER...; it names the placeholder the value becomes.\n"
            "Give - as the value to read it from standard input, which keeps it out of your\n"
            "shell history."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add.add_argument("value", help="the value, or - to read it from standard input")
    add.add_argument("--type", required=True, dest="entity_type", metavar="TYPE", help="e.g. PERSON")
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", help="list the entries (type, masked hint, date added)")
    listing.set_defaults(handler=run_list)

    remove = actions.add_parser("remove", help="remove an entry by its id (see list)")
    remove.add_argument("id", help="the entry id shown by `chatveil vault list`")
    remove.set_defaults(handler=run_remove)


def run_add(args) -> int:
    value = sys.stdin.readline().rstrip("\r\n") if args.value == "-" else args.value
    entry = PersonalVault().add(value, args.entity_type)
    print(f"Added {entry.id}: {entry.entity_type} {entry.hint}")
    return 0


def run_list(args) -> int:
    entries = PersonalVault().entries
    if not entries:
        print('The vault is empty. Add a value with: chatveil vault add "Jake Morrison" --type PERSON')
        return 0
    rows = [("ID", "TYPE", "HINT", "ADDED")] + [(e.id, e.entity_type, e.hint, e.added) for e in entries]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[3])
    return 0


def run_remove(args) -> int:
    entry = PersonalVault().remove(args.id)
    print(f"Removed {entry.id}: {entry.entity_type} {entry.hint}")
    return 0
