from __future__ import annotations

import json
import stat

import pytest

from proxy.detection.vault import PersonalVault, VaultError
from proxy.masking import KeyedHasher


@pytest.fixture
def vault(chatveil_home):
    return PersonalVault()


def matched(vault, text):
    return sorted({(m.entity_type, text[m.start : m.end]) for m in vault.find(text)}, key=lambda m: text.index(m[1]))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("hi im JAKE  morrison", [("PERSON", "JAKE  morrison")]),
        ("Jake-Morrison, reporting", [("PERSON", "Jake-Morrison")]),
        ("jake\nmorrison", [("PERSON", "jake\nmorrison")]),
        ("Jaké Mörrison's car", [("PERSON", "Jaké Mörrison")]),
        ("@jakemorrison on insta", [("PERSON", "jakemorrison")]),
        ("Jake Morrisonville is a town", []),  # not the same word
        ("Jake and Morrison", []),
        ("just Jake", []),
    ],
)
def test_names_match_whatever_the_case_spacing_punctuation_and_accents(vault, text, expected):
    vault.add("Jake Morrison", "PERSON")
    assert matched(vault, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("card 4111111111111111", [("CREDIT_CARD", "4111111111111111")]),
        ("card 4111 1111 1111 1111.", [("CREDIT_CARD", "4111 1111 1111 1111")]),
        ("card 4111.1111.1111.1111", [("CREDIT_CARD", "4111.1111.1111.1111")]),
        ("card 41111111111111112", []),  # a longer number is a different number
        ("card 4111 1111 1111 1112", []),
    ],
)
def test_numbers_match_on_their_digits_only(vault, text, expected):
    vault.add("4111-1111-1111-1111", "CREDIT_CARD")
    assert matched(vault, text) == expected


@pytest.mark.parametrize("text", ["07700 900123", "+44 7700 900123", "+447700900123", "0044 7700 900 123"])
def test_a_phone_matches_with_or_without_its_country_code(vault, text):
    vault.add("+44 7700 900123", "PHONE_NUMBER")
    assert any(m.entity_type == "PHONE_NUMBER" for m in vault.find(f"call {text} now"))


@pytest.mark.parametrize("text", ["42 willow creek rd apt 3b", "42 Willow Creek Road, Austin", "42, willow creek RD."])
def test_an_address_matches_with_street_types_abbreviated_or_not(vault, text):
    vault.add("42 Willow Creek Road", "STREET_ADDRESS")
    assert [m.entity_type for m in vault.find(text)] == ["STREET_ADDRESS"]


def test_codes_match_compacted_and_any_type_name_is_accepted(vault):
    vault.add("GB82 WEST 1234 5698 7654 32", "IBAN_CODE")
    vault.add("Acme Widgets Ltd.", "employer")
    text = "iban gb82west12345698765432, I work at ACME widgets ltd"
    assert matched(vault, text) == [("IBAN_CODE", "gb82west12345698765432"), ("EMPLOYER", "ACME widgets ltd")]
    assert vault.entity_types == ("EMPLOYER", "IBAN_CODE")


def test_the_file_holds_no_clear_value_and_is_private(vault, chatveil_home):
    vault.add("Jake Morrison", "PERSON")
    vault.add("4111 1111 1111 1111", "CREDIT_CARD")
    raw = (chatveil_home / "vault.json").read_text()
    for fragment in ("Jake", "jake", "Morrison", "morrison", "4111 1111", "41111111"):
        assert fragment not in raw
    assert stat.S_IMODE((chatveil_home / "vault.json").stat().st_mode) == 0o600
    assert stat.S_IMODE((chatveil_home / "secret.key").stat().st_mode) == 0o600
    assert {e["hint"] for e in json.loads(raw)["entries"]} == {"J*** M*******", "**** **** **** 1111"}


def test_hashes_are_keyed_with_the_local_secret(chatveil_home, tmp_path):
    one = PersonalVault(tmp_path / "a.json", KeyedHasher(b"one"))
    two = PersonalVault(tmp_path / "b.json", KeyedHasher(b"two"))
    assert one.add("Jake Morrison", "PERSON").shapes != two.add("Jake Morrison", "PERSON").shapes
    assert PersonalVault(tmp_path / "a.json", KeyedHasher(b"two")).find("Jake Morrison") == []


def test_entries_survive_a_reload_and_can_be_removed(vault, chatveil_home):
    entry = vault.add("Jake Morrison", "PERSON")
    again = PersonalVault()
    assert [e.id for e in again.entries] == [entry.id]
    again.remove(entry.id)
    assert PersonalVault().entries == ()
    before = vault.generation
    vault.reload()  # what the Detector does before each analysis
    assert vault.generation == before + 1 and vault.find("Jake Morrison") == []


@pytest.mark.parametrize(
    "value, entity_type, message",
    [("", "PERSON", "empty"), ("Jake", "person name", "UPPER_SNAKE_CASE"), ("!!!", "PERSON", "no letters or digits")],
)
def test_bad_values_and_types_are_refused(vault, value, entity_type, message):
    with pytest.raises(VaultError, match=message):
        vault.add(value, entity_type)


def test_the_same_value_twice_is_refused(vault):
    entry = vault.add("Jake Morrison", "PERSON")
    with pytest.raises(VaultError, match=entry.id):
        vault.add("jake  MORRISON", "PERSON")


def test_a_damaged_file_is_an_error_not_an_empty_vault(chatveil_home):
    chatveil_home.mkdir(parents=True, exist_ok=True)
    (chatveil_home / "vault.json").write_text("{not json")
    with pytest.raises(VaultError, match="damaged"):
        PersonalVault()


def test_an_empty_vault_writes_nothing(chatveil_home):
    assert PersonalVault().find("Jake Morrison") == []
    assert not (chatveil_home / "secret.key").exists()
    assert not (chatveil_home / "vault.json").exists()


def test_text_whose_folded_form_changes_length_maps_back_to_the_right_span(vault):
    vault.add("Jake Morrison", "PERSON")
    text = "Straße ﬁne, Jake Morrison"
    [m] = vault.find(text)
    assert text[m.start : m.end] == "Jake Morrison"


def test_the_generation_changes_only_when_the_entries_do(vault):
    before = vault.generation
    vault.reload()
    vault.reload()
    assert vault.generation == before
    vault.add("Jake Morrison", "PERSON")
    assert vault.generation == before + 1
    vault.reload()
    assert vault.generation == before + 1
    vault.path.unlink()
    vault.reload()
    assert vault.generation == before + 2 and vault.entries == ()
