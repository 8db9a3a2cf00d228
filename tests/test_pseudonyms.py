"""The per-conversation vault: stable pseudonyms across turns, restorable, never colliding."""

from __future__ import annotations

import re

import pytest

from proxy import surrogates
from proxy.pseudonyms import ConversationPseudonyms, ConversationStore
from proxy.surrogates import luhn_valid

NAME = "Priya Raman"
CARD = "4111 1111 1111 1111"


def test_placeholders_are_numbered_per_type_and_stable_across_turns():
    p = ConversationPseudonyms()
    assert p.replacement_for("PERSON", NAME, "placeholder") == "<PERSON_1>"
    assert p.replacement_for("PERSON", "Jake Morrison", "placeholder") == "<PERSON_2>"
    assert p.replacement_for("CREDIT_CARD", CARD, "placeholder") == "<CREDIT_CARD_1>"
    # The next turn resends the same values, spelt a little differently.
    assert p.replacement_for("PERSON", "priya  raman", "placeholder") == "<PERSON_1>"
    assert p.replacement_for("CREDIT_CARD", "4111-1111-1111-1111", "placeholder") == "<CREDIT_CARD_1>"
    assert p.restorations() == {"<PERSON_1>": NAME, "<PERSON_2>": "Jake Morrison", "<CREDIT_CARD_1>": CARD}


def test_fake_style_gives_a_stable_realistic_surrogate_that_restores_to_the_original():
    p = ConversationPseudonyms()
    fake = p.replacement_for("PERSON", NAME, "fake")
    assert fake != NAME and not fake.startswith("<") and len(fake.split()) == 2
    assert p.replacement_for("PERSON", NAME, "fake") == fake
    card = p.replacement_for("CREDIT_CARD", CARD, "fake")
    assert luhn_valid(card.replace(" ", "")) and card != CARD
    assert p.restorations() == {fake: NAME, card: CARD}


def test_mask_style_is_never_restored():
    p = ConversationPseudonyms()
    assert p.replacement_for("PERSON", NAME, "mask") == "P**** R****"
    assert p.restorations() == {}


def test_surrogate_never_occurs_in_text_seen_earlier_in_the_conversation(monkeypatch):
    draws = iter(["Laura Smith", "Laura Smith", "Ann Lee"])
    monkeypatch.setattr(surrogates, "surrogate", lambda entity_type, value, language="en": next(draws))
    p = ConversationPseudonyms()
    p.observe("My colleague Laura Smith will join. Also Priya Raman.")
    assert p.replacement_for("PERSON", NAME, "fake") == "Ann Lee"


def test_surrogate_is_never_an_original_or_another_pseudonym(monkeypatch):
    draws = iter(["Jake Morrison", "Ann Lee", "Ann Lee", "Jake Morrison", "Tom Hale"])
    monkeypatch.setattr(surrogates, "surrogate", lambda entity_type, value, language="en": next(draws))
    p = ConversationPseudonyms()
    p.originals["<PERSON_9>"] = "Jake Morrison"  # an original from an earlier turn
    assert p.replacement_for("PERSON", NAME, "fake") == "Ann Lee"
    assert p.replacement_for("PERSON", "Hannah Okafor", "fake") == "Tom Hale"


def test_when_no_surrogate_is_free_of_collisions_a_placeholder_is_used(monkeypatch):
    monkeypatch.setattr(surrogates, "surrogate", lambda entity_type, value, language="en": "Laura Smith")
    p = ConversationPseudonyms()
    p.observe("Laura Smith says hi")
    assert p.replacement_for("PERSON", NAME, "fake") == "<PERSON_1>"
    assert p.restorations() == {"<PERSON_1>": NAME}


def test_surrogate_that_later_occurs_as_real_text_is_no_longer_restored(monkeypatch):
    monkeypatch.setattr(surrogates, "surrogate", lambda entity_type, value, language="en": "Laura Smith")
    p = ConversationPseudonyms()
    assert p.replacement_for("PERSON", NAME, "fake") == "Laura Smith"
    p.observe("By the way, my dentist is Laura Smith.")
    assert "Laura Smith" not in p.restorations()


def test_pseudonym_echoed_back_in_resent_history_is_kept_as_is():
    p = ConversationPseudonyms()
    fake = p.replacement_for("PERSON", NAME, "fake")
    assert p.replacement_for("PERSON", fake, "fake") == fake
    assert p.restorations() == {fake: NAME}


def test_store_keeps_conversations_apart_and_find_never_creates():
    store = ConversationStore()
    assert store.find("a") is None and len(store) == 0
    a = store.get("a")
    assert store.get("a") is a and store.find("a") is a
    assert store.get("b") is not a


def test_store_forgets_conversations_after_expiry(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr("proxy.pseudonyms.time.monotonic", lambda: now[0])
    store = ConversationStore(ttl_seconds=60)
    store.get("a").replacement_for("PERSON", NAME, "placeholder")
    now[0] += 59
    assert store.find("a") is not None
    now[0] += 61
    assert store.find("a") is None


def test_store_is_bounded_in_number_of_conversations():
    store = ConversationStore(max_conversations=3)
    for key in "abcde":
        store.get(key)
    assert store.find("a") is None and store.find("e") is not None
    assert len(store) <= 4


@pytest.mark.parametrize("style", ["placeholder", "fake"])
def test_many_values_get_distinct_pseudonyms(style):
    p = ConversationPseudonyms()
    replacements = {p.replacement_for("PERSON", f"Person Number{i}", style) for i in range(40)}
    assert len(replacements) == 40
    assert all(re.fullmatch(r"<PERSON_\d+>", r) for r in replacements) == (style == "placeholder")


def test_seen_text_is_bounded_and_forgotten_text_is_remembered_again_when_resent(monkeypatch):
    monkeypatch.setattr("proxy.pseudonyms._SEEN_TEXT_LIMIT", 100)
    p = ConversationPseudonyms()
    first = "Laura Smith " + "x" * 60
    p.observe(first)
    p.observe("y" * 60)  # pushes the first text out
    assert all(text != first for _, text in p._seen)
    p.observe(first)  # the client resends the history
    assert any(text == first for _, text in p._seen)


def test_name_surrogate_shares_no_word_with_the_name_it_replaces(monkeypatch):
    draws = iter(["Jane Raman", "Priya Smith", "Ann Lee"])
    monkeypatch.setattr(surrogates, "surrogate", lambda entity_type, value, language="en": next(draws))
    assert ConversationPseudonyms().replacement_for("PERSON", NAME, "fake") == "Ann Lee"


@pytest.mark.parametrize(("entity_type", "value"), [("CARD_CVV", "123"), ("CARD_EXPIRY", "09/27")])
def test_short_numbers_get_placeholders_even_in_fake_style(entity_type, value):
    p = ConversationPseudonyms()
    assert p.replacement_for(entity_type, value, "fake") == f"<{entity_type}_1>"


def test_long_numbers_get_fake_surrogates():
    p = ConversationPseudonyms()
    assert not p.replacement_for("DATE_OF_BIRTH", "12/03/1985", "fake").startswith("<")
