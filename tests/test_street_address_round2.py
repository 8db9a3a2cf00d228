"""STREET_ADDRESS, second round: the parts of an address that the span used to stop short of
(a house name or flat before the street, a floor, a town after a borough's postcode) and address
shapes from further afield (Portugal, Poland, Russia, Kenya, Singapore, Wales, the Gulf, rural
Ireland and the US). Every address here is invented for its rule; near-misses must stay untouched.

Pattern-only, so no spaCy: the recognizer is called directly.
"""

from __future__ import annotations

import time

import pytest

from proxy.detection.recognizers.street_address import StreetAddressRecognizer, find_addresses
from tests.recognizer_spans import assert_finds

A = "STREET_ADDRESS"
RECOGNIZER = StreetAddressRecognizer()


def check(text: str, expected: list[str]) -> None:
    assert_finds(RECOGNIZER, text, [(A, v) for v in expected])


HOUSE_NAMES_BEFORE_A_FULL_ADDRESS = [
    ("Party is at The Old Forge, 8 Church Lane, Bristol BS1 4AB. Bring a dish", ["The Old Forge, 8 Church Lane, Bristol BS1 4AB"]),
    ("Reception at Oakwood Barn, 3 Mill Road, Ely CB7 4DF after the service", ["Oakwood Barn, 3 Mill Road, Ely CB7 4DF"]),
    (
        "Adresse : Résidence Les Mimosas, Bât. D, 3 rue Voltaire, 69003 Lyon. Merci",
        ["Résidence Les Mimosas, Bât. D, 3 rue Voltaire, 69003 Lyon"],
    ),
]


@pytest.mark.parametrize("text, expected", HOUSE_NAMES_BEFORE_A_FULL_ADDRESS)
def test_house_or_building_name_before_a_street_with_postcode_joins_the_span(text, expected):
    check(text, expected)


def test_greeting_before_a_full_address_is_not_a_house_name():
    check("Hi Tom, 8 Church Lane, Bristol BS1 4AB", ["8 Church Lane, Bristol BS1 4AB"])


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "On a long and rainy Tuesday afternoon the pipe above burst and flooded my kitchen at Flat 12, 40 Orchard Road, Leeds LS6 2AB. Please",
            ["Flat 12, 40 Orchard Road, Leeds LS6 2AB"],
        ),
        (
            "the hotel we are booked into for the conference next month is Room 14, 9 Quay Street, Galway H91 X2Y3 ok",
            ["Room 14, 9 Quay Street, Galway H91 X2Y3"],
        ),
    ],
)
def test_flat_after_a_long_sentence_without_a_comma_joins_the_span(text, expected):
    check(text, expected)


def test_a_count_after_a_long_sentence_is_not_taken_for_a_flat():
    check(
        "I have been waiting for more than three weeks now for the refund and the number is 42, 12 Oak Street is",
        ["12 Oak Street"],
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("morada: Rua das Flores 27, 1.º Dto., 4000-201 Porto.", ["Rua das Flores 27, 1.º Dto., 4000-201 Porto"]),
        ("entregar na Travessa da Sé 4, 2.º Esq, 3000-300 Coimbra", ["Travessa da Sé 4, 2.º Esq, 3000-300 Coimbra"]),
    ],
)
def test_portuguese_floor_with_a_dot_and_postcode_are_one_span(text, expected):
    check(text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Empfänger: Wilgenhof 7, 3512 AB Utrecht", ["Wilgenhof 7, 3512 AB Utrecht"]),
        ("afleveradres Lindenlaan 3 huis, 2511 CV Den Haag. Kun je", ["Lindenlaan 3 huis, 2511 CV Den Haag"]),
        ("stuur het naar Dorpsstraat 4, 4611 AA Bergen op Zoom", ["Dorpsstraat 4, 4611 AA Bergen op Zoom"]),
    ],
)
def test_dutch_hof_streets_huis_and_towns_of_several_words(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text", ["Wir treffen uns am Hauptbahnhof 2 Stunden vorher", "Der Friedhof 3 ist geschlossen"])
def test_a_station_or_cemetery_with_a_number_is_not_a_hof_street(text):
    check(text, [])


def test_full_stop_after_the_town_ends_the_address():
    check("Livraison au 14 boulevard Carnot, 06000 Nice. Aide-moi à écrire", ["14 boulevard Carnot, 06000 Nice"])


def test_town_after_a_boroughs_postcode_joins_the_span():
    check(
        "mándalo a Calle Durango 41, Condesa, Cuauhtémoc, 06140 Ciudad de México, CDMX.",
        ["Calle Durango 41, Condesa, Cuauhtémoc, 06140 Ciudad de México, CDMX"],
    )


def test_kenyan_po_box_with_its_post_office_code_and_town():
    check("Name Achieng Otieno, P.O. Box 41234-00200, Mombasa. Thanks", ["P.O. Box 41234-00200, Mombasa"])


def test_japanese_building_and_room_after_the_block_number():
    check("住所 〒150-0043 東京都渋谷区宇田川町3-5 メゾン青山405", ["〒150-0043 東京都渋谷区宇田川町3-5 メゾン青山405"])


def test_singapore_numbered_avenue_before_its_unit_and_postcode():
    check(
        "I'm at Blk 77 Tampines Street 21, #05-331, Singapore 520077.",
        ["Blk 77 Tampines Street 21, #05-331, Singapore 520077"],
    )


def test_a_number_after_an_avenue_without_a_unit_after_it_stays_out():
    check("meet at 30 Oak Ave 2, no rush", ["30 Oak Ave"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my neighbour parks at 9 heol y felin, cardiff cf14 2ab. how do i", ["9 heol y felin, cardiff cf14 2ab"]),
        ("staying at 7 Ffordd yr Eglwys, Bangor LL57 2AB", ["7 Ffordd yr Eglwys, Bangor LL57 2AB"]),
    ],
)
def test_welsh_streets_with_the_type_first(text, expected):
    check(text, expected)


def test_irish_townlands_after_outside_join_the_county_and_eircode():
    check(
        "Please complain about the flooding outside Derrymore, Ballyvourney, Co. Cork P12 X3Y4. Thanks",
        ["Derrymore, Ballyvourney, Co. Cork P12 X3Y4"],
    )


def test_lowercase_german_preposition_street_with_floor_and_postcode():
    check(
        "bring es bitte zu auf der heide 12 vorderhaus 3 etage 50667 köln danke",
        ["auf der heide 12 vorderhaus 3 etage 50667 köln"],
    )


@pytest.mark.parametrize("text", ["im jahr 2019 waren es 12345 leute", "am samstag 3 uhr", "am ende 3 tore, 10115 berlin war toll"])
def test_lowercase_german_time_phrases_with_numbers_are_not_streets(text):
    check(text, [])


def test_german_street_with_its_own_type_after_in_der_is_not_doubled():
    check("wir wohnen in der lindenstrase 8, 01067 dresden", ["lindenstrase 8, 01067 dresden"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ship to HC 65 Box 210, Pinedale, WY 82941 thanks", ["HC 65 Box 210, Pinedale, WY 82941"]),
        ("Send it to ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa.", ["ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa"]),
        ("адрес: ул. Ленина, д. 5, кв. 12, Москва 101000", ["ул. Ленина, д. 5, кв. 12, Москва 101000"]),
        ("пишіть на вул. Хрещатик 22, Київ 01001", ["вул. Хрещатик 22, Київ 01001"]),
        ("Villa 23, Street 14, Al Barsha 2, Dubai", ["Villa 23, Street 14, Al Barsha 2, Dubai"]),
        ("Plot 45, Kira Road, Kampala", ["Plot 45, Kira Road, Kampala"]),
    ],
)
def test_rural_boxes_and_addresses_from_further_afield(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text", ["the flat 3, street 5 level in the game", "run 5 m. 15 times", "on level 4, road 3 is blocked"])
def test_game_levels_and_distances_are_not_dwellings_on_numbered_streets(text):
    check(text, [])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("bitte an 10115 Berlin, Hauptstraße 5 schicken", ["10115 Berlin, Hauptstraße 5"]),
        ("Paris 75011, 12 rue des Lilas", ["Paris 75011, 12 rue des Lilas"]),
        ("I live in Leeds, 12 Baker Road", ["Leeds, 12 Baker Road"]),
    ],
)
def test_town_written_before_the_street_joins_the_span(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text", ["Christmas 2024, 12 Baker Road was busy", "Windows 2000, 12 Baker Road"])
def test_a_year_before_the_street_is_not_a_postcode(text):
    check(text, ["12 Baker Road"])


@pytest.mark.parametrize(
    "text",
    [
        "Regex to match UK postcodes like SW1A 1AA and EC1V 9HX? Mine fails",
        "validate Canadian postal codes, e.g. K1A 0B1",
    ],
)
def test_postcodes_given_as_format_examples_are_not_addresses(text):
    check(text, [])


def test_a_postcode_stated_as_ones_own_is_still_found():
    check("my postcode is SW1A 1AA", ["SW1A 1AA"])


@pytest.mark.parametrize(
    "text",
    [
        "Flat 1, " * 2500,
        "outside Aa, " * 1800 + "Co. Cork P12 X3Y4",
        "Résidence " + "Les " * 5000,
        "ул. " + "Аа " * 6000 + "5",
        "1" * 20000,
        "HC 1 " * 4000,
        "Villa 2, " * 2500 + "Street 3",
    ],
)
def test_pathological_20kb_inputs_finish_quickly(text):
    started = time.perf_counter()
    find_addresses(text)
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 Oak St, Sydney NSW 2000 ok thanks", ["12 Oak St, Sydney NSW 2000"]),
        ("Keizersgracht 12, 1015 cj amsterdam", ["Keizersgracht 12, 1015 cj amsterdam"]),
    ],
)
def test_a_short_word_after_four_digits_is_not_a_dutch_postcode_but_real_letters_are(text, expected):
    check(text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the courier dropped my parcel at 27 willow green and nobody was home", ["27 willow green"]),
        ("the driver left the box outside 8 elm court, which isn't my house", ["8 elm court"]),
    ],
)
def test_lowercase_street_where_a_courier_left_something_is_an_address(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text", ["we left at 5 park run started", "we left the party at 2 am walk home", "we left at 3 point two"])
def test_leaving_at_a_time_is_not_a_delivery_cue(text):
    check(text, [])
