"""PERSON, second round of categories, each with invented examples (none copied from a corpus):
a role beside a name ("the plumber, Ezekiel" must not make "plumber" a person), "the" and a
relation word with a comma ("the babysitter, Quilla"), and lowercase nicknames listed with "me"
("me and tas and benji are going"). Near-misses that must stay untouched sit beside each one.

The whole detector runs once per module, as the proxy runs it.
"""

from __future__ import annotations

import pytest

from proxy.pipeline import Pipeline
from proxy.policy import load_policy


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(load_policy())


def person_values(pipeline, text: str) -> list[str]:
    return sorted(
        text[d.finding.start : d.finding.end]
        for d in pipeline.process(text).decisions
        if d.finding.entity_type == "PERSON"
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the plumber, Ezekiel, said the pipe is cracked", ["Ezekiel"]),
        ("the mechanic, Bartosz, quoted me 300 for the brakes", ["Bartosz"]),
        ("our electrician, Florin, left the fuse box open", ["Florin"]),
        ("can you reply to the gardener, Ignatius, about Tuesday", ["Ignatius"]),
    ],
)
def test_a_role_before_a_name_is_not_itself_a_name(pipeline, text, expected):
    assert person_values(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("help me answer the babysitter, Quilla: she wants Friday off", ["Quilla"]),
        ("a text from the dog walker, Oriana: can I come at 5?", ["Oriana"]),
        ("I owe the tutor, Benedetta, two lessons", ["Benedetta"]),
    ],
)
def test_the_relation_word_and_a_comma_introduce_a_name(pipeline, text, expected):
    assert person_values(pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the teacher, as always, was late",
        "ask the babysitter, Friday works",
        "the plumber, the electrician and the painter all quoted",
    ],
)
def test_a_relation_word_before_a_comma_and_no_name_stays(pipeline, text):
    assert person_values(pipeline, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("me and tas and benji are going to Porto next week", ["benji", "tas"]),
        ("me and quinny and mags went to the gig", ["mags", "quinny"]),
        ("me, zef and roo have tickets for Saturday", ["roo", "zef"]),
    ],
)
def test_lowercase_nicknames_listed_with_me_are_names(pipeline, text, expected):
    assert person_values(pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "me and mum and dad are going to Rome",
        "me and the kids are going camping",
        "me and work are not friends right now",
        "me and my sister went shopping",
        "me and insomnia have been at war",
        "me and coffee and rain were all I had",
    ],
)
def test_everyday_words_listed_with_me_stay(pipeline, text):
    assert person_values(pipeline, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "my dog's name is Noodle and he hates baths",
        "our new app is called Lumen, can you write the store blurb?",
        "the mascot is Toby the Toad, slogan ideas?",
        "my cat is Sergeant Whiskerton and he rules the house",
    ],
)
def test_pets_products_and_mascots_are_not_people(pipeline, text):
    assert person_values(pipeline, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "send the refund to Thurgauer Kantonalbank please",
        "Invoice from Ondine Design Studio, due Friday",
        "El comercio se llama Panadería Sol de Mayo, quiero reclamar",
    ],
)
def test_businesses_named_like_people_are_not_people(pipeline, text):
    assert person_values(pipeline, text) == []


def test_a_person_before_a_business_word_keeps_the_person(pipeline):
    text = "Account name: Wilhelmina Garrow Design, sort code 20-00-00"
    assert person_values(pipeline, text) == ["Wilhelmina Garrow"]


@pytest.mark.parametrize(
    "text",
    [
        "Cambio de titular para el contrato de la luz",
        "Formulaire de la MSA : je dois le remplir avant lundi",
    ],
)
def test_form_headings_in_romance_languages_are_not_names(pipeline, text):
    assert person_values(pipeline, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my name is Inés de la Cruz and I live in Sevilla", ["Inés de la Cruz"]),
        ("Luca di Marco is my tutor", ["Luca di Marco"]),
    ],
)
def test_names_with_particles_are_still_names(pipeline, text, expected):
    assert person_values(pipeline, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("papa ko bolna ki paise bhej de", []),
        ("Meera ki shaadi hai next week", ["Meera"]),
    ],
)
def test_hindi_postpositions_are_not_part_of_a_name(pipeline, text, expected):
    assert person_values(pipeline, text) == expected


def test_who_was_asks_about_famous_people(pipeline):
    assert person_values(pipeline, "Who were Marx and Engels and what did they write?") == []


def test_who_was_does_not_hide_names_in_other_sentences(pipeline):
    text = "Who was the first woman in space? My niece Ottoline wants to know."
    assert person_values(pipeline, text) == ["Ottoline"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The mods are QuietFoxMargot and lena.varga, the bot is Spindle", ["QuietFoxMargot", "lena.varga"]),
        ("my cousin is in the group chat under tobyharwood91", ["tobyharwood91"]),
        ("add me on discord: gretaquillfeather07", ["gretaquillfeather07"]),
    ],
)
def test_usernames_without_an_at_that_carry_a_first_name_are_names(pipeline, text, expected):
    assert person_values(pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "merry christmas2024 everyone",
        "the file is called paulineexport2023",
        "see config.yaml and lena.py before you run it",
        "import numpy.random and call greta.load() twice",
        "I use JavaScript and TypeScript with GraphQL on a MacBookPro",
    ],
)
def test_file_names_code_and_product_words_are_not_usernames(pipeline, text):
    assert person_values(pipeline, text) == []


def test_a_nickname_in_quotes_joins_first_name_and_surname(pipeline):
    text = 'a eulogy for my grandpa Cornelius "Neil" Ashdown, he loved boats'
    assert person_values(pipeline, text) == ['Cornelius "Neil" Ashdown']


def test_an_unlisted_lowercase_surname_after_a_lowercase_first_name_is_kept_with_it(pipeline):
    text = "my account is under priya mcandrew and the meter number is on the bill"
    assert person_values(pipeline, text) == ["priya mcandrew"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("i told priya yesterday", ["priya"]),
        ("ask priya about the tickets", ["priya"]),
        ("hey emma thanks for the help", ["emma"]),
    ],
)
def test_a_lowercase_first_name_does_not_swallow_the_next_word(pipeline, text, expected):
    assert person_values(pipeline, text) == expected


def test_a_pet_named_in_brackets_is_not_a_person(pipeline):
    assert person_values(pipeline, "make a flyer for the lost cat (Mr. Pudding), white paws") == []


@pytest.mark.parametrize(
    "text",
    [
        "[Professor Bramblewick] The cauldron hisses.",
        "**Doctor Quell** please go on with the story.",
        "My knight Sir Edric of Harrowmere raises his shield.",
    ],
)
def test_role_play_speakers_and_realms_are_not_people(pipeline, text):
    assert person_values(pipeline, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my tutor Professor Lindqvist is retiring", ["Lindqvist"]),
        ("email Dr. Okonkwo about the results", ["Okonkwo"]),
        ("[Dr. Okonkwo's clinic] opening hours", ["Okonkwo"]),
    ],
)
def test_titled_people_outside_role_play_labels_stay_names(pipeline, text, expected):
    assert person_values(pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mi tía trabaja en una farmacia de Sevilla",
        "meine schwester arbeitet bei einer Bank in Köln",
    ],
)
def test_a_lowercase_verb_after_a_foreign_relation_word_is_not_a_name(pipeline, text):
    assert person_values(pipeline, text) == []


def test_a_lowercase_listed_name_before_a_foreign_preposition_stays_a_name(pipeline):
    assert "lucía" in person_values(pipeline, "mi hermana lucía en Madrid está bien")


@pytest.mark.parametrize(
    "text",
    [
        "why is the Greggs's logo blue?",
        "where is the Denny's menu with prices",
    ],
)
def test_the_before_a_possessive_name_is_a_shop_or_brand(pipeline, text):
    assert person_values(pipeline, text) == []


def test_a_possessive_name_without_the_stays_a_name(pipeline):
    assert person_values(pipeline, "I fixed my sister Odalys's bike") == ["Odalys"]
