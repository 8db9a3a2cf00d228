"""PERSON: names in chat register are found; greetings, assistants, places, public figures and
everyday words that happen to be names are not.

`find_names` is called without spaCy (cues, relations, honorifics, known first names) and with
spaCy's entities and tags from one shared model; a few tests go through the whole pipeline.
"""

from __future__ import annotations

import pytest

from proxy.detection.recognizers.person_name import ChatPersonRecognizer, find_names
from tests.person_name_fixtures import names, nlp  # noqa: F401 (fixtures)


def names_without_model(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_names(text)]


# --- no model needed ---------------------------------------------------------------------------

CUE_CASES = [
    ("im jake", ["jake"]),
    ("i'm jake morrison and i need help", ["jake morrison"]),
    ("my name is priya raman", ["priya raman"]),
    ("call me ishaan", ["ishaan"]),
    ("it's tom here", ["tom"]),
    ("name: alex", ["alex"]),
    ("Name: Zorblax Quintero", ["Zorblax Quintero"]),
    ("my boyfriend tom forgot my birthday", ["tom"]),
    ("my sister Priya is visiting", ["Priya"]),
    ("my son's teacher Mrs. Okafor emailed me", ["Okafor"]),
    ("my boss, Daniel Kim, is annoying", ["Daniel Kim"]),
    ("Ask Dr. Patel about it", ["Patel"]),
    ("my daughter April turns 5", ["April"]),
    ("my friend Will is coming", ["Will"]),
    ("thanks, jake", ["jake"]),
    ("talked with maria yesterday", ["maria"]),
    ("Pieter van der Berg is my neighbour", ["Pieter van der Berg"]),
    ("My manager is Siobhán Ní Bhriain", ["Siobhán Ní Bhriain"]),
    ("Help me reply to Jean-Baptiste Moreau today", ["Jean-Baptiste Moreau"]),
    ("me llamo lucía navarro", ["lucía navarro"]),
    ("mijn naam is Thijs de Vries", ["Thijs de Vries"]),
    ("ma copine inès veut venir", ["inès"]),
    ("my mother in law doreen is coming", ["doreen"]),
    ("Cheers, Tamsin", ["Tamsin"]),
    ('"are we still on for Friday? - Imogen"', ["Imogen"]),
    ("WhatsApp me (Felix)", ["Felix"]),
    ("ok so olivia got mad at me", ["olivia"]),
]


@pytest.mark.parametrize(("text", "expected"), CUE_CASES)
def test_names_found_without_the_model(text, expected):
    assert names_without_model(text) == expected


NOT_NAMES_WITHOUT_MODEL = [
    "i'm tired",
    "im so done with this",
    "it's fine",
    "call me maybe",
    "my friend will help",
    "see you in April",
    "Will you help me?",
    "Summer is almost here",
    "Hope you're well",
    "my mom keeps calling",
    "i met with son yesterday",
    "Jack up the price",
    "Mark my words",
    "the 5 Jan deadline",
    "hey mark, can you check",
    "I love Taylor Swift",
    "Explain Einstein's theory",
    "CoffeeHouse_Guest is the wifi",
    "error code E-1043",
]


@pytest.mark.parametrize("text", NOT_NAMES_WITHOUT_MODEL)
def test_everyday_words_and_public_figures_are_not_names_without_the_model(text):
    assert names_without_model(text) == []


def test_recognizer_needs_no_nlp_artifacts_and_carries_its_name():
    recognizer = ChatPersonRecognizer()
    results = recognizer.analyze("my name is priya raman", ["PERSON"], None)
    assert [(r.start, r.end) for r in results] == [(11, 22)]
    assert results[0].recognition_metadata["recognizer_name"] == "ChatPersonRecognizer"
    assert recognizer.analyze("my name is priya raman", ["STREET_ADDRESS"], None) == []


# --- with spaCy --------------------------------------------------------------------------------

WITH_MODEL = [
    ("Nguyễn Thị Lan is my mom", ["Nguyễn Thị Lan"]),
    ("name: alex kowalski", ["alex kowalski"]),
    ("my little sister hana wants a story", ["hana"]),
    ("José María García-López called yesterday", ["José María García-López"]),
    ("Siobhán Ní Bhriain and Oluwaseun Adeyemi came over", ["Siobhán Ní Bhriain", "Oluwaseun Adeyemi"]),
    ("Mohammed bin Salman Al-Fulan wrote", ["Mohammed bin Salman Al-Fulan"]),
    ("Sean O'Connor owes me money", ["Sean O'Connor"]),
    ("I told Grace about it", ["Grace"]),
    ("this is dre, need a workout plan", ["dre"]),
    ("I'm Jake Morrison and I live at 42 Willow Creek Rd, Austin TX 78701.", ["Jake Morrison"]),
    ("Hey Callum, are we still on for Friday?", ["Callum"]),
    ("Order for Yusuf Demir\nShip to: the office", ["Yusuf Demir"]),
    ("my grandma esperanza wants to learn whatsapp", ["esperanza"]),
    ("jaylen and marisol are my kids, make them a chore chart", ["jaylen", "marisol"]),
    ("In the group chat Priyanka said she'd drive", ["Priyanka"]),
    ("Kwabena's flight lands at 6:40", ["Kwabena"]),
    ("Signed, Margaret Ellis", ["Margaret Ellis"]),
    ("Its me, Olu", ["Olu"]),
]


@pytest.mark.parametrize(("text", "expected"), WITH_MODEL)
def test_names_found_with_the_model(names, text, expected):
    assert names(text) == expected


NOT_NAMES_WITH_MODEL = [
    "Hey, thanks! Lol",
    "Thanks Claude",
    "I love Taylor Swift",
    "Einstein was smart",
    "Explain Einstein's theory of relativity",
    "Is Taylor Swift's Eras Tour coming to Dublin again?",
    "moving to Austin TX next week",
    "we visited Abbey Road",
    "I'm Canadian",
    "this is amazing",
    "Grace said hi",
    "Jack up the price",
    "Is Baker Street station on the Jubilee line?",
    "Captain Vex, the treasure is buried under Skull Rock.",
    '"Lady Rowena, your carriage awaits."',
    "Batch L230914 of the baby formula",
    "Who was Florence Nightingale?",
    "I'm away until 5 Jan.",
    "¿Qué hago? Llego el 15 de abril",
    "Can you explain Parkinson's law?",
    "Netflix said they would raise prices",
    "Thanks, Team!",
    "my dog Max ate my homework",
    "mi novio y quiero ir a la playa",
    "Tenant: DOB 02/09/1986",
    "Summarize Harry Potter and the Philosopher's Stone.",
    "Write a story about a dragon named Ignis.",
    "How did Marie Antoinette die?",
    "Tiffany rings are overpriced lol",
    "Peter Pan syndrome, is that real?",
    "Why do people call it a Karen?",
    "it's a 5 min walk from here",
]


@pytest.mark.parametrize("text", NOT_NAMES_WITH_MODEL)
def test_greetings_assistants_places_and_public_figures_are_not_names(names, text):
    assert names(text) == []


def test_pathological_input_is_handled():
    # No time assertion: a catastrophic backtrack would hang this test rather than fail it.
    for text in ("my name is " * 2000, "Mr. " * 3000 + "Smith", "a" * 10000, "Jake " * 2000):
        find_names(text)


# --- through the pipeline ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def pipeline():
    import dataclasses

    from proxy.pipeline import Pipeline
    from proxy.policy import load_policy

    policy = load_policy()
    return Pipeline(dataclasses.replace(policy, allow_list=policy.allow_list + ("Luna",)))


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("hey im jake btw, can u help me", "hey im <PERSON_1> btw, can u help me"),
        ("my boyfriend tom forgot my birthday", "my boyfriend <PERSON_1> forgot my birthday"),
        ("Luna, you're sweet. My sister Priya says hi", "Luna, you're sweet. My sister <PERSON_1> says hi"),
        ("Thanks Claude! I love Taylor Swift", "Thanks Claude! I love Taylor Swift"),
        ("I'm Nova Reyes", "I'm <PERSON_1>"),
    ],
)
def test_pipeline_redacts_names_and_keeps_the_persona(pipeline, text, redacted):
    assert pipeline.process(text).redacted == redacted


@pytest.mark.parametrize(
    "text",
    [
        "Recommend some books like Project Hail Mary.",
        "What does Kubernetes do that Docker Compose doesn't?",
        "Write a limerick about a cat named Mr. Mittens.",
        "Will it rain in Seattle this weekend?",
        "Mark the following as done: laundry, dishes, emails.",
        "April showers bring May flowers, where's that from?",
        "Lol thanks, that was helpful!",
        "Is Baker Street the closest tube stop to Regent's Park?",
        "Warum ist der Himmel blau? Erklär es einfach.",
        "Meine Kreditkarte wird bei der Bahn abgelehnt, warum?",
    ],
)
def test_pipeline_keeps_everyday_chat_without_names(pipeline, text):
    assert pipeline.process(text).redacted == text


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("yo its tyler, whats a good gym split", "yo its <PERSON_1>, whats a good gym split"),
        ("mi novio se llama Alejandro y quiero sorprenderlo", "mi novio se llama <PERSON_1> y quiero sorprenderlo"),
        ("my coworkers Anil, Bettina and Chidi want a secret santa", "my coworkers <PERSON_1>, <PERSON_2> and <PERSON_3> want a secret santa"),
        ("ask grandma dolores about the scarf", "ask grandma <PERSON_1> about the scarf"),
        ("Tell my neighbour Mrs. Adeyemi-Okafor the parcel came", "Tell my neighbour Mrs. <PERSON_1> the parcel came"),
    ],
)
def test_pipeline_redacts_names_in_chat_register(pipeline, text, redacted):
    assert pipeline.process(text).redacted == redacted
