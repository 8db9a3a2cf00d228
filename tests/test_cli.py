"""Every `chatveil` command has help with an example and is documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from proxy.cli import COMMANDS, build_parser, main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_every_listed_command_module_exists():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    assert sorted(subparsers.choices) == sorted(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_has_an_example(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert "Example" in capsys.readouterr().out


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_documented_in_the_readme(command):
    assert re.search(rf"`chatveil {command}\b", README), f"chatveil {command} is not in README.md"


def test_no_command_prints_usage_and_exit_2(capsys):
    assert main([]) == 2
    assert "run" in capsys.readouterr().out
