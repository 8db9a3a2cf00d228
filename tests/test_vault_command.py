from __future__ import annotations

import io
import json
import re
import stat

import pytest

from proxy.cli import main


def run(capsys, *argv):
    code = main(["vault", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_remove(chatveil_home, capsys):
    code, out, err = run(capsys, "add", "Jake Morrison", "--type", "PERSON")
    assert code == 0 and err == ""
    entry_id = re.fullmatch(r"Added ([0-9a-f]{8}): PERSON J\*\*\* M\*\*\*\*\*\*\*\n", out).group(1)

    code, out, _ = run(capsys, "add", "4111-1111-1111-1111", "--type", "CREDIT_CARD")
    assert code == 0
    card_id = out.split()[1].rstrip(":")

    code, out, _ = run(capsys, "list")
    assert code == 0
    added = json.loads((chatveil_home / "vault.json").read_text())["entries"][0]["added"]
    assert out == (
        "ID        TYPE         HINT                 ADDED\n"
        f"{entry_id}  PERSON       J*** M*******        {added}\n"
        f"{card_id}  CREDIT_CARD  ****-****-****-1111  {added}\n"
    )

    code, out, _ = run(capsys, "remove", entry_id)
    assert (code, out) == (0, f"Removed {entry_id}: PERSON J*** M*******\n")
    code, out, _ = run(capsys, "list")
    assert entry_id not in out and card_id in out


def test_list_never_shows_the_value_and_the_file_never_holds_it(chatveil_home, capsys):
    run(capsys, "add", "Priya Raman", "--type", "PERSON")
    run(capsys, "add", "42 Willow Creek Rd", "--type", "STREET_ADDRESS")
    code, out, _ = run(capsys, "list")
    raw = (chatveil_home / "vault.json").read_text()
    for value in ("Priya", "Raman", "Willow", "Creek", "priya", "willow"):
        assert value not in out and value not in raw
    assert stat.S_IMODE((chatveil_home / "vault.json").stat().st_mode) == 0o600


def test_value_can_come_from_stdin_to_stay_out_of_shell_history(chatveil_home, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("4111 1111 1111 1111\n"))
    code, out, _ = run(capsys, "add", "-", "--type", "CREDIT_CARD")
    assert code == 0 and out.endswith(": CREDIT_CARD **** **** **** 1111\n")


def test_an_empty_vault_says_how_to_add(chatveil_home, capsys):
    assert run(capsys, "list") == (
        0,
        'The vault is empty. Add a value with: chatveil vault add "Jake Morrison" --type PERSON\n',
        "",
    )


@pytest.mark.parametrize(
    "argv, message",
    [
        (["remove", "deadbeef"], "Error: no vault entry with id 'deadbeef' (see `chatveil vault list`)\n"),
        (["add", "Jake", "--type", "first name"], "Error: type 'FIRST NAME' must be UPPER_SNAKE_CASE, e.g. PERSON\n"),
        (["add", "  ", "--type", "PERSON"], "Error: the value is empty\n"),
    ],
)
def test_errors_are_one_line_and_exit_1(chatveil_home, capsys, argv, message):
    assert run(capsys, *argv) == (1, "", message)


def test_adding_the_same_value_twice_is_an_error(chatveil_home, capsys):
    _, out, _ = run(capsys, "add", "Jake Morrison", "--type", "PERSON")
    entry_id = out.split()[1].rstrip(":")
    assert run(capsys, "add", "JAKE morrison", "--type", "PERSON") == (1, "", f"Error: already in the vault as {entry_id}\n")


def test_type_is_required(chatveil_home, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["vault", "add", "Jake Morrison"])
    assert exit_info.value.code == 2
    assert "--type" in capsys.readouterr().err
