"""STREET_ADDRESS: whole addresses in ten countries are one span; look-alikes survive.

The recognizer is pattern-only, so these tests call it directly without spaCy; a few at the end
go through the real pipeline to show the address is replaced as a whole.
"""

from __future__ import annotations

import pytest

from proxy.detection.recognizers.street_address import StreetAddressRecognizer, find_addresses
from tests.recognizer_spans import assert_finds

A = "STREET_ADDRESS"
RECOGNIZER = StreetAddressRecognizer()


def addresses(*values: str) -> list[tuple[str, str]]:
    return [(A, v) for v in values]


US = [
    ("i live at 42 willow creek rd apt 3b austin tx 78701", ["42 willow creek rd apt 3b austin tx 78701"]),
    ("42 willow creek rd apt 3b austin tx", ["42 willow creek rd apt 3b austin tx"]),
    ("Ship it to 1600 Pennsylvania Ave NW, Washington, DC 20500 please", ["1600 Pennsylvania Ave NW, Washington, DC 20500"]),
    ("350 5th Ave, New York, NY 10118", ["350 5th Ave, New York, NY 10118"]),
    ("123 N. Main St., Suite 200, Chicago IL 60601-1234", ["123 N. Main St., Suite 200, Chicago IL 60601-1234"]),
    ("PO Box 123, Anytown, CA 90210", ["PO Box 123, Anytown, CA 90210"]),
    ("send the package to P.O. Box 4567", ["P.O. Box 4567"]),
    ("i live at 9 oak ln", ["9 oak ln"]),
    ("744 Evergreen Terrace, Springfield", ["744 Evergreen Terrace, Springfield"]),
    ("My address is 12 Oak Street, Springfield. Call me", ["12 Oak Street, Springfield"]),
    ("1234 W 5th St #4, Los Angeles, CA 90017", ["1234 W 5th St #4, Los Angeles, CA 90017"]),
    ("we're at 88 Maple Drive, Columbus, Ohio", ["88 Maple Drive, Columbus, Ohio"]),
    ("deliver to 5 Elm Ct apt 2, Boise, ID 83702 thx", ["5 Elm Ct apt 2, Boise, ID 83702"]),
    ("my new place is 77 Sunset Blvd", ["77 Sunset Blvd"]),
    ("17 cherry hill rd, unit 4, hartford ct 06103", ["17 cherry hill rd, unit 4, hartford ct 06103"]),
    ("it's 500 Oak Park Way, Denver, CO 80202-1234", ["500 Oak Park Way, Denver, CO 80202-1234"]),
]
UK = [
    ("221B Baker Street, London NW1 6XE", ["221B Baker Street, London NW1 6XE"]),
    ("Flat 3, 12 High St, Manchester M1 1AE", ["Flat 3, 12 High St, Manchester M1 1AE"]),
    ("send it to 12 Acacia Close, Reading RG1 2AB thx", ["12 Acacia Close, Reading RG1 2AB"]),
    ("Rose Cottage, Mill Lane, Little Snoring, Norfolk NR21 0AA", ["Rose Cottage, Mill Lane, Little Snoring, Norfolk NR21 0AA"]),
    ("Jane Doe\nFlat 3\n12 High Street\nLondon\nSW1A 1AA\n\nThanks!", ["Flat 3\n12 High Street\nLondon\nSW1A 1AA"]),
    ("my postcode is SW1A 1AA", ["SW1A 1AA"]),
    ("10 Downing Street, London SW1A 2AA", ["10 Downing Street, London SW1A 2AA"]),
    ("5a Church Road, Bristol BS1 4DJ", ["5a Church Road, Bristol BS1 4DJ"]),
    ("12-14 Market Row, Leeds LS1 6DT", ["12-14 Market Row, Leeds LS1 6DT"]),
    ("flat 2 14 victoria terrace edinburgh eh1 2ax", ["flat 2 14 victoria terrace edinburgh eh1 2ax"]),
]
CANADA = [
    ("123 Main St W, Toronto, ON M5V 2T6", ["123 Main St W, Toronto, ON M5V 2T6"]),
    ("1234 rue Sainte-Catherine Ouest, Montréal (Québec) H3G 1P1", ["1234 rue Sainte-Catherine Ouest, Montréal (Québec) H3G 1P1"]),
    ("Suite 400, 55 Metcalfe St, Ottawa ON K1P 6L5", ["Suite 400, 55 Metcalfe St, Ottawa ON K1P 6L5"]),
    ("45 Granville st vancouver bc v6c 1t2", ["45 Granville st vancouver bc v6c 1t2"]),
]
IRELAND = [
    ("12 Main Street, Ballina, Co. Mayo F26 X2Y3", ["12 Main Street, Ballina, Co. Mayo F26 X2Y3"]),
    ("Apartment 4, The Maltings, Dublin 8, D08 XY12", ["Apartment 4, The Maltings, Dublin 8, D08 XY12"]),
    ("my eircode is A65 F4E2", ["A65 F4E2"]),
    ("3 Grattan Crescent, Inchicore, Dublin 8", ["3 Grattan Crescent, Inchicore, Dublin 8"]),
]
AUSTRALIA = [
    ("Unit 5/12 Smith St, Fitzroy VIC 3065", ["Unit 5/12 Smith St, Fitzroy VIC 3065"]),
    ("5/12 Smith St", ["5/12 Smith St"]),
    ("send it to 8 Beach Rd, Bondi NSW 2026", ["8 Beach Rd, Bondi NSW 2026"]),
    ("PO Box 77, Darwin NT 0800", ["PO Box 77, Darwin NT 0800"]),
]
INDIA = [
    ("Flat 402, Sunshine Apartments, MG Road, Bengaluru 560001", ["Flat 402, Sunshine Apartments, MG Road, Bengaluru 560001"]),
    ("H.No 12-3-45, Banjara Hills, Hyderabad 500034", ["H.No 12-3-45, Banjara Hills, Hyderabad 500034"]),
    ("#12, 3rd Cross, 4th Main, Indiranagar, Bangalore 560038", ["#12, 3rd Cross, 4th Main, Indiranagar, Bangalore 560038"]),
    ("B-204, Lajpat Nagar, New Delhi - 110024", ["B-204, Lajpat Nagar, New Delhi - 110024"]),
    ("Plot No. 45, Sector 17, Gurgaon, Haryana 122001", ["Plot No. 45, Sector 17, Gurgaon, Haryana 122001"]),
    ("courier to 14 Gandhi Nagar, Chennai, Tamil Nadu 600020", ["14 Gandhi Nagar, Chennai, Tamil Nadu 600020"]),
]
GERMANY = [
    ("Hauptstraße 5, 10115 Berlin", ["Hauptstraße 5, 10115 Berlin"]),
    ("Ich wohne in der Konrad-Adenauer-Str. 12a, 53113 Bonn.", ["Konrad-Adenauer-Str. 12a, 53113 Bonn"]),
    ("Berliner Straße 5", ["Berliner Straße 5"]),
    ("Musterweg 12\n80331 München", ["Musterweg 12\n80331 München"]),
    ("bitte an Lindenallee 3b, 50968 Köln schicken", ["Lindenallee 3b, 50968 Köln"]),
    ("Marktplatz 1, 2. OG, 69117 Heidelberg", ["Marktplatz 1, 2. OG, 69117 Heidelberg"]),
]
FRANCE = [
    ("12 rue de la Paix, 75002 Paris", ["12 rue de la Paix, 75002 Paris"]),
    ("12 bis, avenue Victor Hugo, 69003 Lyon", ["12 bis, avenue Victor Hugo, 69003 Lyon"]),
    ("j'habite au 8 boulevard saint-michel", ["8 boulevard saint-michel"]),
    ("3 impasse des Lilas, 33000 Bordeaux", ["3 impasse des Lilas, 33000 Bordeaux"]),
    ("5 place de la mairie", ["5 place de la mairie"]),
    ("27 quai Voltaire\n75007 Paris\nFrance", ["27 quai Voltaire\n75007 Paris\nFrance"]),
]
SPAIN = [
    ("Calle Mayor 12, 3º B, 28013 Madrid", ["Calle Mayor 12, 3º B, 28013 Madrid"]),
    ("C/ Gran Vía 45, 2º izq", ["C/ Gran Vía 45, 2º izq"]),
    ("Avda. de la Constitución 3", ["Avda. de la Constitución 3"]),
    ("vivo en calle de alcalá 42, madrid", ["calle de alcalá 42, madrid"]),
    ("Paseo de Gracia 92, 08008 Barcelona", ["Paseo de Gracia 92, 08008 Barcelona"]),
    ("Plaza Mayor, 7, bajo", ["Plaza Mayor, 7, bajo"]),
]
NETHERLANDS = [
    ("Keizersgracht 123, 1015 CJ Amsterdam", ["Keizersgracht 123, 1015 CJ Amsterdam"]),
    ("Kalverstraat 92-II", ["Kalverstraat 92-II"]),
    ("1012 PH Amsterdam", ["1012 PH Amsterdam"]),
    ("Van Baerlestraat 12, Amsterdam", ["Van Baerlestraat 12, Amsterdam"]),
    ("mijn adres is Stationsplein 4, 3511 ED Utrecht", ["Stationsplein 4, 3511 ED Utrecht"]),
    ("Dorpsstraat 7a\n1234 AB Ergens", ["Dorpsstraat 7a\n1234 AB Ergens"]),
]
RUN_ON_AND_LOWERCASE = [
    ("meine adresse ist hauptstr. 5, 80331 münchen, schreib bitte", ["hauptstr. 5, 80331 münchen"]),
    ("ich wohne schillerweg 4 in 70173 stuttgart und die heizung", ["schillerweg 4 in 70173 stuttgart"]),
    ("envoyez le colis au 3 impasse des Mimosas, 13008 marseille svp", ["3 impasse des Mimosas, 13008 marseille"]),
    ("mandame el paquete a c/ san bernardo 40 2º dcha 28015 madrid porfa", ["c/ san bernardo 40 2º dcha 28015 madrid"]),
    ("ik woon op de kerkstraat 12b, 3581 RD utrecht en de buren", ["kerkstraat 12b, 3581 RD utrecht"]),
    (
        "mera ghar flat 7, ganga apartments, linking road, bandra west, mumbai 400050 pe hai",
        ["flat 7, ganga apartments, linking road, bandra west, mumbai 400050"],
    ),
    ("its 1209 old mill rd, lancaster pa 17602 near the walmart", ["1209 old mill rd, lancaster pa 17602"]),
    ("my adress for the warrenty is 9 kangaroo st, perth wa 6000", ["9 kangaroo st, perth wa 6000"]),
    ("im in 4c, 12 oak st, hoboken nj 07030 if anyone asks lol", ["4c, 12 oak st, hoboken nj 07030"]),
    ("Wir ziehen um: Goethestr. 112, 3. OG links, 60313 Frankfurt am Main", ["Goethestr. 112, 3. OG links, 60313 Frankfurt am Main"]),
    ("Parcels for 77 Kingsway, Vancouver, BC V5T 3J5 keep going", ["77 Kingsway, Vancouver, BC V5T 3J5"]),
    ("Our farm is RR 2, 1450 Concession Rd 7, Uxbridge, ON L9P 1R2", ["RR 2, 1450 Concession Rd 7, Uxbridge, ON L9P 1R2"]),
    ("We just moved to 509 Rue Sainte-Catherine O, Montréal, QC H3B 1B1!", ["509 Rue Sainte-Catherine O, Montréal, QC H3B 1B1"]),
    ("Plot 21, Road No. 12, Banjara Hills, Hyderabad, Telangana 500034", ["Plot 21, Road No. 12, Banjara Hills, Hyderabad, Telangana 500034"]),
    ("I'm Rohan from 17, 2nd Main Road, Koramangala 4th Block, Bengaluru 560034.", ["17, 2nd Main Road, Koramangala 4th Block, Bengaluru 560034"]),
    ("Vivo en Passeig de Gràcia 92, 4t 1a, 08008 Barcelona", ["Passeig de Gràcia 92, 4t 1a, 08008 Barcelona"]),
    ("moro na Rua das Flores 87, 2º Esq, 4050-262 Porto.", ["Rua das Flores 87, 2º Esq, 4050-262 Porto"]),
    ("abito in Via Garibaldi 14, 20121 Milano.", ["Via Garibaldi 14, 20121 Milano"]),
    ("Adresse de livraison : Résidence Les Pins, Bât. B, Apt 14, 25 boulevard Gambetta, 06000 Nice",
     ["Résidence Les Pins, Bât. B, Apt 14, 25 boulevard Gambetta, 06000 Nice"]),
]
MORE_FORMATS = [
    ("4567 NE 12th Ave, Portland, OR 97211", ["4567 NE 12th Ave, Portland, OR 97211"]),
    ("9 W. 57th St., New York", ["9 W. 57th St., New York"]),
    ("12345 County Road 45, Waco TX 76701", ["12345 County Road 45, Waco TX 76701"]),
    ("The Old Rectory, Church Lane, Great Missenden, HP16 0AZ", ["The Old Rectory, Church Lane, Great Missenden, HP16 0AZ"]),
    ("12 St John's Wood Road, London NW8 8RT", ["12 St John's Wood Road, London NW8 8RT"]),
    ("Unit 4, Riverside Industrial Estate, Dartford DA1 5BS", ["Unit 4, Riverside Industrial Estate, Dartford DA1 5BS"]),
    ("2-145 rue Saint-Paul, Québec, QC G1K 3V8", ["2-145 rue Saint-Paul, Québec, QC G1K 3V8"]),
    ("Apt 1203 - 55 Bloor St W, Toronto ON M4W 1A5", ["Apt 1203 - 55 Bloor St W, Toronto ON M4W 1A5"]),
    ("Level 3, 100 George Street, Sydney NSW 2000", ["Level 3, 100 George Street, Sydney NSW 2000"]),
    ("Lot 12 Smiths Road, Bendigo VIC 3550", ["Lot 12 Smiths Road, Bendigo VIC 3550"]),
    ("C-45, Defence Colony, New Delhi 110024", ["C-45, Defence Colony, New Delhi 110024"]),
    ("Door No. 5-6-78, Ameerpet, Hyderabad - 500016", ["Door No. 5-6-78, Ameerpet, Hyderabad - 500016"]),
    ("#45/2, 1st Floor, 5th Cross, Malleshwaram, Bangalore 560003", ["#45/2, 1st Floor, 5th Cross, Malleshwaram, Bangalore 560003"]),
    ("Appartement 12, 5 avenue Foch, 75116 Paris", ["Appartement 12, 5 avenue Foch, 75116 Paris"]),
    ("Calle de Serrano, 41, 4º, 28001 Madrid", ["Calle de Serrano, 41, 4º, 28001 Madrid"]),
    ("Postbus 123, 1000 AA Amsterdam", ["Postbus 123, 1000 AA Amsterdam"]),
    ("Laan van Nieuw Oost-Indië 25, 2593 BJ Den Haag", ["Laan van Nieuw Oost-Indië 25, 2593 BJ Den Haag"]),
    ("Apt 12, Block C, Grand Canal Dock, Dublin 2, D02 AF30", ["Apt 12, Block C, Grand Canal Dock, Dublin 2, D02 AF30"]),
    ("moved into 18b cedar crescent last week, loving it", ["18b cedar crescent"]),
    ("ship to 742 Maple Avenue Apt 9 Denver CO 80203", ["742 Maple Avenue Apt 9 Denver CO 80203"]),
    ("hi im daniela and i live in 5 calle sol, sevilla", ["5 calle sol, sevilla"]),
    ("6 ballincollig rd, cork", ["6 ballincollig rd, cork"]),
    ("57 chesnut stret, burlington vt 05401", ["57 chesnut stret, burlington vt 05401"]),
    ("2205 152 st surrey bc v4a 4p1", ["2205 152 st surrey bc v4a 4p1"]),
    ("12/4 Kamaraj Salai, Madurai 625009", ["12/4 Kamaraj Salai, Madurai 625009"]),
    ("Am Mühlbach 3\n79098 Freiburg im Breisgau", ["Am Mühlbach 3\n79098 Freiburg im Breisgau"]),
    ("3 bis avenue jean jaurès 33000 bordeaux", ["3 bis avenue jean jaurès 33000 bordeaux"]),
    ("27, boulevard Saint-Michel\nBât. C, 3e étage\n75005 Paris", ["27, boulevard Saint-Michel\nBât. C, 3e étage\n75005 Paris"]),
    ("c/ mallorca 251 pral 2a 08008 barcelona", ["c/ mallorca 251 pral 2a 08008 barcelona"]),
    ("kerkstraat 12 bis, 3511 lx utrecht", ["kerkstraat 12 bis, 3511 lx utrecht"]),
    ("goethestrase 15, 04109 leipzig", ["goethestrase 15, 04109 leipzig"]),
    ("1402 county road 17, wahoo ne 68066", ["1402 county road 17, wahoo ne 68066"]),
    ("i live at 12 oak st now", ["12 oak st"]),
    ("send to 12 Oak St, thanks!", ["12 Oak St"]),
]
CUED = [
    ("my address is flat 3 rose court", ["flat 3 rose court"]),
    ("i live on Mill Lane", ["Mill Lane"]),
    ("my home address is Rose Cottage, Little Snoring", ["Rose Cottage, Little Snoring"]),
]

ADDRESS_CASES = (
    US + UK + CANADA + IRELAND + AUSTRALIA + INDIA + GERMANY + FRANCE + SPAIN + NETHERLANDS + RUN_ON_AND_LOWERCASE + MORE_FORMATS + CUED
)


@pytest.mark.parametrize(("text", "expected"), ADDRESS_CASES)
def test_whole_address_is_one_span(text, expected):
    assert_finds(RECOGNIZER, text, addresses(*expected))


NOT_ADDRESSES = [
    "it's a 5 min walk from the station",
    "2 Main points to consider",
    "I have 3 cats",
    "we drove route 66 last summer",
    "meet me at 10:30 tomorrow",
    "it costs $12 Main course included",
    "order #12345 ships tomorrow",
    "version 2.3 Release Notes",
    "we visited Abbey Road and Baker Street",
    "I walked 5 blocks to the park",
    "3 dogs in the park were barking",
    "I scored 2 goals in the park",
    "the 3 best way to do it",
    "top 10 place settings for a wedding",
    "I bought a 2 TB flash drive",
    "He ran 10 km along the river",
    "I need 2 tickets for Saturday",
    "My flight is at 5 pm from Gate 12",
    "I am in Texas this week",
    "Room 12 is booked",
    "12 Angry Men is a great film",
    "I finished 2nd place",
    "I live in London now",
    "Order 560001 has shipped",
    "Ticket 123456 Closed",
    "my 2 close friends came over",
    "a 3 hour drive to the lake",
    "the 5 main reasons",
    "tracking number 1Z999AA10123456784",
    "we need 4 more chairs in the hall",
    "iPhone 15 Pro costs 999 euros",
    "it's 2024 and I still use Windows 10",
    "during 5 minutes of silence",
    "See you at 7, Abbey Road studios",
    "Order no. DE-2024-118734",
    "Ahmedabad, Hyderabad and Pune are big cities",
    "we sent 3 parcels via Royal Mail",
    "Room 101, the one in the book",
    "call me at 5, after work",
    "Sherlock Holmes lived at 221B Baker Street in the books.",
    "is 1600 Pennsylvania Ave open to visitors?",
    "the Simpsons live at 742 Evergreen Terrace",
    "Top 10 Broadway shows",
    "I ate 2 Subway sandwiches",
    "the 2 Green Park stations",
    "3 Kings Road shops closed early",
    "Buy 2 Main Street Burgers get 1 free",
]


@pytest.mark.parametrize("text", NOT_ADDRESSES)
def test_numbers_and_famous_places_that_are_not_addresses_survive(text):
    assert_finds(RECOGNIZER, text, [])


def test_two_addresses_in_one_message_are_two_spans():
    text = "Old: 12 Oak Street, Springfield. New: 48 Birch Ave, Shelbyville, IL 62565."
    assert_finds(RECOGNIZER, text, addresses("12 Oak Street, Springfield", "48 Birch Ave, Shelbyville, IL 62565"))


def test_the_address_ends_where_the_sentence_goes_on():
    text = "I live at 12 Oak Street, Tom lives next door"
    assert_finds(RECOGNIZER, text, addresses("12 Oak Street"))


def test_postcode_and_state_beside_a_street_raise_the_score():
    bare = find_addresses("12 Oak Street")[0]
    full = find_addresses("12 Oak Street, Springfield, IL 62701")[0]
    assert bare.score >= 0.5 and full.score > bare.score


def test_results_need_no_nlp_artifacts_and_carry_the_recognizer_name():
    results = RECOGNIZER.analyze("12 Oak Street", [A], None)
    assert [(r.start, r.end) for r in results] == [(0, 13)]
    assert results[0].recognition_metadata["recognizer_name"] == "StreetAddressRecognizer"
    assert RECOGNIZER.analyze("12 Oak Street", ["PERSON"], None) == []


@pytest.mark.parametrize(
    "text",
    [
        "1 " * 5000,
        "12 Oak " * 1500,
        ("a, " * 3000) + "SW1A 1AA",
        "Calle " * 2000 + "5",
        ("Straße" * 1500) + " 5",
        "my address is " + "x" * 10000,
        ("Flat 3, " * 1200) + "12 High St",
    ],
)
def test_pathological_input_is_handled(text):
    # No time assertion: a catastrophic backtrack would hang this test rather than fail it.
    RECOGNIZER.analyze(text, [A], None)


# --- through the pipeline ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def pipeline():
    from proxy.pipeline import Pipeline
    from proxy.policy import load_policy

    return Pipeline(load_policy())


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("ship it to 42 willow creek rd apt 3b austin tx 78701 pls", "ship it to <STREET_ADDRESS_1> pls"),
        ("Write to me at\nFlat 3\n12 High Street\nLondon SW1A 1AA", "Write to me at\n<STREET_ADDRESS_1>"),
        ("Meine Adresse: Hauptstraße 5, 10115 Berlin.", "Meine Adresse: <STREET_ADDRESS_1>."),
    ],
)
def test_pipeline_replaces_the_whole_address(pipeline, text, redacted):
    assert pipeline.process(text).redacted == redacted


def test_pipeline_keeps_a_walk_and_a_famous_street(pipeline):
    text = "it's a 5 min walk to Abbey Road from here"
    assert pipeline.process(text).redacted == text


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("i live at 2200 n lamar blvd unit 410 austin tx 78705 btw", "i live at <STREET_ADDRESS_1> btw"),
        ("Ich heiße Jonas Becker und wohne in der Bahnhofstraße 12, 04109 Leipzig.", "Ich heiße <PERSON_1> und wohne in der <STREET_ADDRESS_1>."),
        ("ma sœur Camille habite au 18 rue des Lilas, 69003 Lyon", "ma sœur <PERSON_1> habite au <STREET_ADDRESS_1>"),
        ("I'm Aarav Sharma, flat 12B, Green Park Apartments, Sector 45, Noida 201301", "I'm <PERSON_1>, <STREET_ADDRESS_1>"),
    ],
)
def test_pipeline_replaces_names_and_whole_addresses_together(pipeline, text, redacted):
    assert pipeline.process(text).redacted == redacted
