"""PERSON: categories of names the tuned rules missed on held-out chat text, each with invented
examples (none copied from a corpus): pasted e-mails and transcripts, tables, shouted text,
stated surnames, honorifics before and after a name, East-Asian given names, relations in other
languages, misspelt or plural relations, everyday-word names with evidence, a name before a verb
of someone's life. Near-misses that must stay untouched sit next to each category.

`proxy/detection/recognizers/person_name_evidence.py` finds where to look; `person_name.py`
checks and grows the names. Tests without the model call `find_names` alone; the others run
spaCy once per module, as the recognizer does.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from proxy.detection.recognizers.person_name import find_names
from proxy.detection.recognizers.person_name_evidence import _one_edit_apart
from tests.person_name_fixtures import names, nlp  # noqa: F401 (fixtures)


def names_without_model(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_names(text)]


def assert_names(found: list[str], expected: list[str]) -> None:
    for name in expected:
        assert name in found, f"{name!r} not found in {found!r}"


# --- pasted e-mails and letters ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("From: Torvald Ekdahl <t.ekdahl@example.com>\nSubject: invoice\n\nplease pay", ["Torvald Ekdahl"]),
        ("To: Wilhelmina Osei <w.osei@example.com>\nHi team, quick one", ["Wilhelmina Osei"]),
        ("rewrite this:\n\nDear Ingrid,\nthe parcel never came.", ["Ingrid"]),
        ("make it polite:\n\nRadoslav,\nwhere are the minutes from Monday?", ["Radoslav"]),
        ("fix my email:\nthe deck is attached.\nKind regards,\nOrla", ["Orla"]),
        ("Can you shorten this?\nWe need the numbers by noon.\n– Ifeoluwa", ["Ifeoluwa"]),
        ("shorten: I will be late tomorrow, sorry.\nBenedikt", ["Benedikt"]),
    ],
)
def test_names_in_pasted_letters_are_found(text, expected):
    assert_names(names_without_model(text), expected)


@pytest.mark.parametrize(
    "text",
    [
        "Subject: quarterly numbers\nDate: Monday\n\nplease summarise",
        "proofread:\n\nHello,\nthe meeting moved to 3pm.",
    ],
)
def test_headers_and_greetings_without_a_name_are_left_alone(text):
    assert names_without_model(text) == []


# --- transcripts and tables ------------------------------------------------------------------


def test_repeated_speaker_labels_of_a_pasted_chat_are_names():
    text = "who is right?\n\nbeatriz: movie at 8\nmarisol: no, 9\nbeatriz: check the thread\nme: ok"
    found = names_without_model(text)
    # a label used twice is a speaker whatever the word; one used once must be a listed first name
    assert found.count("beatriz") == 2 and "marisol" in found
    assert "me" not in found


def test_form_fields_with_colons_are_not_speakers():
    text = "party plan\n\nvenue: the old boathouse\ntime: 7pm\ndress: casual"
    assert names_without_model(text) == []


def test_name_column_of_a_pasted_table_is_redacted_cell_by_cell():
    text = "sort by date:\n\nName, Team, Joined\nOyelaran Bisi, Sales, 2023-01-09\nMing-hui Tsai, Support, 2022-11-30"
    assert_names(names_without_model(text), ["Oyelaran Bisi", "Ming-hui Tsai"])


def test_a_table_without_a_name_column_keeps_its_cells():
    text = "totals:\n\nItem, Qty, Price\nStapler, 2, 9.99\nLamp, 1, 24.50"
    assert names_without_model(text) == []


# --- shouted text -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("MY SISTER INGRID KEEPS TAKING MY CHARGER", ["INGRID"]),
        ("CONGRATS ON THE NEW JOB RAFAEL!!! so proud", ["RAFAEL"]),
    ],
)
def test_names_in_shouted_text_are_found(text, expected):
    assert_names(names_without_model(text), expected)


def test_shouted_text_without_a_name_is_left_alone():
    assert names_without_model("PLEASE HELP ME WRITE A COMPLAINT ABOUT THE NOISE") == []


# --- surnames, honorifics before and after ----------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("de la Fuente is my surname, where does it go in a bibliography", ["de la Fuente"]),
        ("Nic Giolla Phádraig is my family name, forms hate it", ["Nic Giolla Phádraig"]),
        ("my maiden name is Wojciechowska and I want it back", ["Wojciechowska"]),
    ],
)
def test_surnames_stated_as_such_are_found(text, expected):
    assert_names(names_without_model(text), expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Schreib an M. Delacroix wegen der Miete", ["Delacroix"]),
        ("a note for Frau Dr. Hartlieb about the results", ["Hartlieb"]),
        ("please greet Watanabe-san for me", ["Watanabe-san"]),
    ],
)
def test_honorifics_before_and_after_a_name(text, expected):
    assert_names(names_without_model(text), expected)


def test_an_unlisted_lowercase_name_before_a_respectful_suffix_is_found(names):
    found = names("my physics teacher raghunath garu is retiring")
    assert any(n.startswith("raghunath") for n in found), found


def test_a_name_found_once_is_redacted_wherever_it_recurs():
    text = "Pemberton again. I told Mrs. Pemberton twice that the fence is hers."
    spans = find_names(text)
    covered = [text[s.start : s.end] for s in spans]
    assert covered.count("Pemberton") == 2


# --- East-Asian and hyphenated given names ---------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Seo-yeon and Min-jae are in the same class", ["Seo-yeon", "Min-jae"]),
        ("my wife xiao ling wants a cat", ["xiao ling"]),
        ("is Hui Ying coming to the party?", ["Hui Ying"]),
    ],
)
def test_romanised_korean_and_mandarin_given_names(text, expected):
    assert_names(names_without_model(text), expected)


def test_syllables_that_are_not_a_name_are_left_alone():
    assert names_without_model("ha ha that was funny, na na na") == []


# --- relations: other languages, typos, plurals, no possessive ------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ma belle-sœur Ghislaine arrive demain", ["Ghislaine"]),
        ("mi tía Remedios cumple 80 años", ["Remedios"]),
        ("meine Schwägerin Hannelore kommt morgen", ["Hannelore"]),
        ("my freind Anselm lent me his tent", ["Anselm"]),
        ("our neigbour Tobiah parks on our drive", ["Tobiah"]),
        ("my cowroker Philippa keeps taking credit", ["Philippa"]),
        ("our foster son Emmanuel starts year 3", ["Emmanuel"]),
        ("my cousins Ottoline, Bertram and Wolfgang are visiting", ["Ottoline", "Bertram", "Wolfgang"]),
        ("tita Rosario sent a balikbayan box", ["Rosario"]),
    ],
)
def test_relations_in_other_languages_with_typos_and_in_the_plural(text, expected):
    assert_names(names_without_model(text), expected)


@pytest.mark.parametrize(
    "text",
    ["how do I ask my employer nicely for a raise", "my friends are all busy this weekend"],
)
def test_relation_look_alikes_are_not_cues(text):
    assert names_without_model(text) == []


@pytest.mark.parametrize(
    "a, b, close",
    [("freind", "friend", True), ("neigbour", "neighbour", True), ("cousn", "cousin", True), ("friend", "fiend", True),
     ("employer", "employee", True), ("teacher", "teachers", True), ("teacher", "preacher", False), ("mother", "nothing", False)],
)
def test_one_edit_apart(a, b, close):
    assert _one_edit_apart(a, b) is close


# --- everyday-word names and lowercase names with evidence (need spaCy's tags) -----------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my flatmate grace borrowed my good pan again", ["grace"]),
        ("me and hunter have been dating since march", ["hunter"]),
        ("the new guy chase keeps cc'ing the whole office", ["chase"]),
        ("Remind Hope that she owes me lunch", ["Hope"]),
        ("so anneliese moved to leeds last week", ["anneliese"]),
    ],
)
def test_everyday_word_and_lowercase_names_with_evidence(names, text, expected):
    assert_names(names(text), expected)


@pytest.mark.parametrize(
    "text",
    [
        "my friend will help me move on saturday",
        "I hope she likes the present",
        "summer is almost over, any tips for autumn?",
    ],
)
def test_everyday_words_without_evidence_stay(names, text):
    assert names(text) == []


def test_a_name_never_runs_over_a_sentence_end(names):
    assert "Torsten Vikander" in names("I'm Torsten Vikander. Remember me next time.")
    assert all("Remember" not in n for n in names("I'm Torsten Vikander. Remember me next time."))


def test_importing_the_recognizer_does_not_import_other_spacy_languages():
    code = "import sys, proxy.detection.recognizers.person_name as p; p.common_words(); print(sorted(m for m in sys.modules if m.split('.')[:2] == ['spacy', 'lang'] and m.count('.') >= 2 and m.split('.')[2] in ('fr', 'de', 'es', 'nl', 'pt', 'it')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_header_row_of_a_table_is_not_a_name():
    text = "make a table:\n\nName, Department, Start\nHalvard Lund, Finance, 2021-02-01"
    assert names_without_model(text) == ["Halvard Lund"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the lease is signed and the signed copy is in the drawer", []),
        ("Signed, Marieke Dijkstra", ["Marieke Dijkstra"]),
        ("I sincerely doubt the landlord will agree", []),
    ],
)
def test_signed_and_sincerely_are_cues_only_before_a_signature(text, expected):
    assert names_without_model(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "should i get johnnie walker or jose cuervo for the party",
        "is a dr pepper float a thing",
        "we listened to elvis presley and bob marley all night",
        "tommy hilfiger or ralph lauren for a polo shirt?",
    ],
)
def test_brands_and_public_figures_in_lowercase_are_not_names(names, text):
    assert names(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hunter is my son's name and kids tease him", ["Hunter"]),
        ("tell june i said congrats, she earned it", ["june"]),
    ],
)
def test_everyday_word_names_stated_or_referred_to_by_a_pronoun(text, expected):
    assert_names(names_without_model(text), expected)


def test_a_code_ending_in_x_is_not_a_sign_off():
    text = "BIC: ABCDEFGHXXX\nKontoinhaber: Reinhilde Sauer\nplease check"
    assert "Kontoinhaber" not in names_without_model(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the receipt says: Pay to Gwendolyn Aske, sort code 00-00-00", ["Gwendolyn Aske"]),
        ("Betalen aan Sjoerd Wiersma, IBAN volgt", ["Sjoerd Wiersma"]),
        ("Name on lease: Cosimo Ferrante. Can they evict me?", ["Cosimo Ferrante"]),
        ("Mitglied: Dorothea Kessler, Nummer 4471", ["Dorothea Kessler"]),
        ('check this JSON: {"full_name": "Odalys Quintero", "plan": "pro"}', ["Odalys Quintero"]),
        ("speech ideas: the groom is Leopold, the bride is Yetunde", ["Leopold", "Yetunde"]),
        ("tag Bronwen in the post pls", ["Bronwen"]),
        ("ipapadala ko kay si Marites Dalisay bukas", ["Marites Dalisay"]),
        ("welcome card for the Okonkwo family at number 9", ["Okonkwo"]),
        ("ring doctor sharma tomorrow", ["sharma"]),
        ("summarise:\nAgent (Philippa): how can I help?\nMe: my order is late", ["Philippa"]),
    ],
)
def test_payees_form_fields_roles_and_tagged_people(text, expected):
    assert_names(names_without_model(text), expected)


def test_every_name_column_of_a_semicolon_table():
    text = "merge this:\nfirst;last;town\nAurelio;Bastidas;Cádiz\nTheodora;Lindgren;Umeå"
    assert_names(names_without_model(text), ["Aurelio", "Bastidas", "Theodora", "Lindgren"])


@pytest.mark.parametrize(
    "text",
    ["Kannst du mir einen Brief mit Fristsetzung schreiben?", "Ik betaal met Contant geld", "Quanto costa con Poste Italiane?"],
)
def test_capitalised_nouns_after_with_in_other_languages_are_not_names(text):
    assert names_without_model(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Invitati: Rosalba, Gianmarco, Ilaria Benedetti e i vicini", ["Rosalba", "Gianmarco", "Ilaria Benedetti"]),
        ("organizzo la festa di mia sorella Ottavia", ["Ottavia"]),
        ("O Joaquim me deve 200 reais", ["Joaquim"]),
        ("Madam ka naam Sushmita Banerjee hai", ["Sushmita Banerjee"]),
        ("the broadband tech Oluwadamilare fixed it in ten minutes", ["Oluwadamilare"]),
        ('my landlord wrote:\n\n"Hi Ezekiel, the rent is due"', ["Ezekiel"]),
        ("ACCOUNT HOLDER MARGARET OKONJO, PLEASE RESTORE MY SERVICE", ["MARGARET"]),
    ],
)
def test_lists_other_languages_service_roles_and_quoted_greetings(text, expected):
    assert_names(names_without_model(text), expected)


def test_a_found_name_is_redacted_in_every_case_it_recurs_in():
    text = "dedupe:\nIlse Vandamme, ilse@example.com\nilse vandamme, ILSE@example.com"
    found = names_without_model(text)
    assert "Ilse Vandamme" in found and "ilse vandamme" in found


def test_an_article_before_a_city_is_not_a_name():
    assert names_without_model("quanto custa o bilhete para o Porto amanhã?") == []


@pytest.mark.parametrize(
    "text",
    [
        "I want you to play Professor Quillon, a strict potions teacher",
        "Detective Marlowe, what do you make of the footprints?",
        "DJ Solenne drop something for the dance floor",
        "you are Captain Oriel of the starship Tern",
    ],
)
def test_characters_the_assistant_plays_and_stage_names_are_not_people(names, text):
    assert names(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my professor, Dr. Anwuli Eze, wants the essay by friday", ["Anwuli Eze"]),
        ("Dr. Halvorsen said my results were fine", ["Halvorsen"]),
    ],
)
def test_real_people_with_titles_are_still_names(names, text, expected):
    assert_names(names(text), expected)


@pytest.mark.parametrize(
    "text",
    [
        "who sold more records, mick jagger or david bowie?",
        "Compare Rafael Nadal and Novak Djokovic on clay.",
        "Summarise Chimamanda Ngozi Adichie's essay on feminism",
        "Is Mrs. Butterworth's syrup vegan? And what about Dr. Martens boots?",
    ],
)
def test_public_figures_and_eponymous_brands_are_kept(names, text):
    found = names(text)
    assert not any(n in ("mick jagger", "jagger", "david bowie", "bowie", "Rafael Nadal", "Novak Djokovic",
                         "Chimamanda Ngozi Adichie", "Martens") for n in found), found


@pytest.mark.parametrize(
    "text, expected, not_expected",
    [
        ("our pastor Rev. Adeyemi-Cole is retiring", ["Adeyemi-Cole"], ["Rev"]),
        ("je dois écrire au prof de maths demain", [], ["de"]),
        ("delivery wale ko bolo gate pe aaye", [], ["wale"]),
    ],
)
def test_titles_particles_and_hindi_words_after_cues(text, expected, not_expected):
    found = names_without_model(text)
    assert_names(found, expected)
    assert not any(n in not_expected for n in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Two days in Florence: Uffizi, Boboli Gardens, Pitti Palace.",
        "Is it worth hiking to Wadi Shab from Muscat?",
        "Professor Thornbury, which chapter is on the exam?",
        "Why does Mr. Rochester hide Bertha in the attic?",
    ],
)
def test_sights_fictional_characters_and_addressed_personas_are_kept(names, text):
    found = names(text)
    assert not any(n in ("Boboli Gardens", "Pitti Palace", "Wadi Shab", "Thornbury", "Rochester") for n in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Can you check this paragraph?\nThe results were inconclusive.\nUrgent",
        "Mark: 7/10\nComment: good structure",
        "Name, Price, Qty\nWidget, 3.50, 2\nGadget, 9.99, 1",
        "si Dios quiere llegamos mañana",
        "tag Friday's post with #sale",
        "the Royal family is visiting",
        "me and jetlag have been fighting all week",
    ],
)
def test_layout_cues_do_not_turn_ordinary_words_into_names(text):
    assert names_without_model(text) == []


def test_a_generic_name_column_takes_full_names_in_any_case():
    text = "dedupe:\nname,email\nsolveig brandt,sb@example.com\nTOMASINA REYES,tr@example.com"
    assert_names(names_without_model(text), ["solveig brandt", "TOMASINA REYES"])


@pytest.mark.parametrize(
    "text, expected",
    [("sharma ji ko bolo kal aana", ["sharma"]), ("haan ji theek hai", []), ("please thank Nakamura san for the tea", ["Nakamura"])],
)
def test_short_suffix_honorifics_after_listed_names(text, expected):
    found = names_without_model(text)
    assert_names(found, expected)
    if not expected:
        assert found == []
