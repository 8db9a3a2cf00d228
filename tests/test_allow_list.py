"""The policy's allow list: persona names and other terms are never redacted."""

from __future__ import annotations

import pytest

from proxy.detection.allow_list import AllowList, fold

ALLOWED = AllowList(["Luna", "Captain Vex", "Zoë"])


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("Luna", None),
        ("LUNA", None),
        ("luna", None),
        ("Captain  Vex", None),
        ("captain-vex", None),
        ("Zoe", None),
        ("Luna, Jake", "Jake"),
        ("Jake\nLuna", "Jake"),
        ("Jake, Captain Vex", "Jake"),
        ("Nova Reyes", "Nova Reyes"),
        ("Luna Martinez", "Luna Martinez"),
        ("Lunatic", "Lunatic"),
        ("Jake Morrison", "Jake Morrison"),
    ],
)
def test_allowed_terms_are_dropped_or_cut_from_the_edge(value, kept):
    span = ALLOWED.trim(value, 0, len(value))
    assert (value[span[0] : span[1]] if span else None) == kept


def test_trim_works_on_offsets_inside_a_longer_text():
    text = "hey Luna, Jake says hi"
    span = ALLOWED.trim(text, 4, 14)
    assert text[span[0] : span[1]] == "Jake"


def test_an_empty_allow_list_keeps_every_finding():
    assert AllowList([]).trim("Luna", 0, 4) == (0, 4)


def test_fold_ignores_case_accents_spacing_and_punctuation():
    assert fold("  Zoë-Anne  O'Neil ") == fold("zoe anne o neil")
