"""Street addresses in the US, UK, Canada, Ireland, Australia, India, Germany, France, Spain and the
Netherlands. Presidio has no recognizer for them; this is ours. People there also write addresses
from elsewhere (Belgium, Switzerland, Latin America, Malaysia, Japan, Korea, China, the Nordics,
Poland, Brazil), and type them in haste (lowercase, misspelt street types, no commas): the rules
are written for those shapes in general, never for particular addresses.

An address is found in two steps. A *core* is the part that is an address on its own: a house
number with a street ("42 Willow Creek Rd", "12 bis rue de la Paix", "Calle Mayor 12",
"Keizersgracht 123"), a PO box, an Indian house number ("H.No 12-3-45"), a full postcode, or a
named street after a cue ("i live on Mill Lane"). The core is then *extended* over what
surrounds it (flat, unit, building, city, state, postcode, country, on the same line or the next)
so that the whole address is one span: replacing only the street would leave the rest in clear.

Everything is precompiled regular expressions with bounded repetition plus a little token logic,
so the recognizer costs well under a millisecond per message and cannot backtrack without limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presidio_analyzer import EntityRecognizer, RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from proxy.detection.recognizers import address_patterns as P
from proxy.detection.recognizers.span_recognizer import result_of

_WORD = r"[^\W\d_][\w'’.-]{0,30}"
_ORDINAL = r"\d{1,3}(?:st|nd|rd|th)"
# A town's name: letters, with inner apostrophes, dots or hyphens ("Stoke-on-Trent", "St. Albans").
_TOWN = r"[A-Z][^\W\d_]{0,30}(?:['’.-][^\W\d_]{1,30}){0,3}\.?"
_HOUSE_NUMBER = (
    r"(?:\d{1,4}[A-Za-z]?\s?/\s?)?\d{1,5}(?:[A-Za-z](?![A-Za-z'’]))?"
    r"(?:\s?[-–]\s?\d{1,5}(?:[A-Za-z](?![A-Za-z]))?)?"
)
# Not inside another number, price, time, version or code: "$12 Main", "10:30", "v2.3", "555-0123".
_NOT_AFTER = r"(?<![\w$£€¥#:.@/-])(?<!\d,)"

_UK_AREAS = frozenset(
    """AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY
    E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE
    LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL
    SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE""".split()
)

_STATES = (
    rf"(?:{'|'.join(P.US_STATE_CODES)}|{P.US_STATE_NAMES}|{P.CA_PROVINCES}|{P.AU_STATES}|{P.IN_STATES})"
)
_POSTCODE = (
    rf"(?:{P.UK_POSTCODE}|{P.CA_POSTCODE}|{P.EIRCODE}|{P.NL_POSTCODE}|{P.US_ZIP}|{P.IN_PIN}|"
    rf"{P.EU_POSTCODE}|\d{{4}})"
)

I = re.IGNORECASE

# --- cores -------------------------------------------------------------------------------------

_NUMBER_FIRST = re.compile(
    rf"{_NOT_AFTER}(?P<num>{_HOUSE_NUMBER})\s{{1,3}}(?:(?P<dir>{P.DIRECTIONS})\s)?"
    rf"(?P<name>(?:(?:{_WORD}|{_ORDINAL}|\d{{1,3}}(?=\s(?i:st|street|ave|avenue)\b))[ \t]{{1,2}}){{1,4}})"  # never over a line break
    rf"(?P<type>{P.EN_TYPES})\b\.?"
    rf"(?:\s(?-i:{P.DIRECTIONS})(?![\w]))?(?P<route>\s\d{{1,3}}(?![\w:%/]|[.,]\d))?",
    I,
)
# "77 Kingsway", "1 Broadway": the type is glued to the name.
_GLUED_WAY = re.compile(rf"{_NOT_AFTER}{_HOUSE_NUMBER}\s(?:[A-Z][a-z]{{2,20}}way|Broadway)(?![\w])")
# "Am Mühlbach 3", "An der Kirche 5", "Unter den Linden 77": German streets without a type word.
_GERMAN_PREPOSITION_STREET = re.compile(
    r"(?<![\w])(?:Am|An\sder|An\sden|An\sdem|Im|In\sder|In\sden|Auf\sder|Auf\sdem|Auf\sden|Zum|Zur|Hinter\sder|"
    r"Hinter\sdem|Hinter\sden|Vor\sdem|Vor\sden|Unter\sden|Unterm|Überm|Beim|Bei\sder|Neben\sder|Neben\sdem)"
    r"\s(?P<name>[A-ZÄÖÜ][\wäöüß-]{2,30})(?:\s[A-ZÄÖÜ][\wäöüß-]{2,30})?\s\d{1,4}[a-z]?(?![\w])"
)
# "am kiesgrund 4 … 60599 frankfurt": the same typed in lowercase, an address only when a
# postcode or state follows ("im jahr 2019", "am ende 3 tore" have none).
_LOWERCASE_GERMAN_PREPOSITION_STREET = re.compile(
    r"(?<![\w])(?:am|an\sder|an\sden|im|auf\sder|auf\sdem|hinter\sder|unter\sden)"
    r"\s(?P<name>[a-zäöüß][a-zäöüß-]{2,30})\s\d{1,4}[a-z]?(?![\w])"
)
# "ул. Ленина, д. 5, кв. 12", "вул. Шевченка 14": Russian and Ukrainian streets, type first,
# then the house (д./дом), its block (корп./стр.) and the flat (кв.).
_CYRILLIC_STREET = re.compile(
    r"(?<![\w])(?:ул\.|улица|вул\.|вулиця|пр-т|просп\.|проспект|пр\.|пер\.|переулок|пров\.|ш\.|шоссе|наб\.|"
    r"набережная|б-р|бул\.|бульвар|пл\.|площадь)\s?(?P<name>(?:[А-ЯЁІЇЄа-яёіїє0-9-]{1,30}\s){0,2}[А-ЯЁІЇЄ][а-яёіїє-]{1,30})"
    r",?\s(?:(?:д\.|дом|буд\.)\s?)?\d{1,4}[а-я]?(?:/\d{1,3})?(?![\w])"
    r"(?:,?\s(?:корп\.|к\.|стр\.|строение|корпус)\s?\d{1,3})?(?:,?\s(?:кв\.|квартира|офис|оф\.)\s?\d{1,4})?"
)
# "Villa 23, Street 14, Al Barsha", "house 12, road 5, dhanmondi", "Plot 45, Kira Road, Kampala":
# a dwelling's number, then a numbered street or a named one without a house number.
_DWELLING_THEN_STREET = re.compile(
    rf"(?<![\w])(?:villa|house|h\.?\s?no\.?|plot|flat|apartment|apt|bungalow)\s?(?:no\.?\s?)?#?\d{{1,4}}[A-Za-z]?(?![\w]),\s{{1,2}}"
    rf"(?:(?:street|st|road|rd|lane|ln|avenue|ave|block)\.?\s?(?:no\.?\s?)?\d{{1,3}}[A-Za-z]?(?![\w])(?=,\s?[^\W\d_])"
    rf"|(?-i:(?:[A-Z][\w'’-]{{1,30}}\s){{1,3}})(?:{P.EN_TYPES_UNAMBIGUOUS})\b\.?)",
    I,
)
# "ich wohne Am Markt 1", "Auf dem Berg 7 in Tübingen": said to be lived at, or in a named town.
_GERMAN_RESIDENCE_BEFORE = re.compile(
    r"(?<![\w])(?:wohn(?:e|en|t|st)|lebe|leben|lebt|Adresse(?:\sist)?|Anschrift(?:\sist)?|"
    r"(?:liefer|schick|send)\w{0,4}\s(?:es\s|das\s)?(?:an|nach))[ \t:]{1,3}\Z",
    I,
)
# "Im Jahr 2019", "Am Montag 3 Termine": time and count words, not street names.
_STREET_SUFFIX_END = re.compile(rf"(?:{P.DE_NL_SUFFIXES})\Z", I)
_GERMAN_NOT_STREET_NAMES = frozenset(
    """jahr jahre jahren monat monate woche wochen tag tage tagen montag dienstag mittwoch donnerstag
    freitag samstag sonntag wochenende januar februar märz april mai juni juli august september
    oktober november dezember kapitel alter minute minuten stunde stunden level stufe runde spiel
    teil band folge staffel seite moment ende anfang schnitt durchschnitt prinzip grunde fall
    weg""".split()
)
# "flat 7, ganga apartments, ...": a flat or unit opening a comma-separated address.
_UNIT_OPENING = re.compile(rf"(?<![\w])(?:{P.UNIT})(?=[ \t]*,)", I)
# "Queen's Rd Central, ...", "MG Road Extension, ...": a part of the street after its type.
_DIRECTION_AFTER = re.compile(
    r"(?:N|S|E|W|O|NE|NW|SE|SW|NO|SO|Ouest|Est|Nord|Sud|North|South|East|West|Central|Centre|Upper|Lower|Extension|Extn)"
    r"(?![\w])(?=[ \t]*[,\n])"
)
_PLURAL_AFTER = re.compile(r"[ \t]([^\W\d_]{3,}s)(?![\w'’])")
_VERBS_ENDING_IN_S = frozenset(
    "looks seems gets goes does says means needs makes takes keeps feels has was is".split()
)
# "-hof" names Dutch and German streets ("Wilgenhof 112"); these places are not streets.
_COURTYARDS_NOT_STREETS = ("bahnhof", "friedhof", "hinterhof", "innenhof", "gasthof", "bauernhof", "flughof")
_UNIT_AFTER_COMMA = re.compile(rf"[ \t]*,[ \t]*(?:#\s?\d{{1,3}}-\d{{1,5}}|(?i:{P.UNIT_WORDS})\.?\s?#?\s?\d)")
_ROUTE_TYPES = frozenset("rd road hwy highway line concession sideroad route".split())
_FRENCH = re.compile(
    rf"{_NOT_AFTER}(?P<num>(?:\d{{1,4}}[-–])?\d{{1,4}}(?:\s?(?:bis|ter|quater|[a-c])(?![\w]))?),?\s{{1,3}}"
    rf"(?P<type>{P.FR_TYPES}|{P.ES_TYPES_AFTER_NUMBER}|{P.WELSH_TYPES})(?![\w])\.?\s{{1,3}}",
    I,
)
_SPANISH = re.compile(
    rf"(?<![\w/])(?P<type>{P.ES_TYPES}|(?-i:Via|V\.le))(?:(?<=/)|(?<=\.)|(?![\w]))\s{{0,3}}"
    rf"(?P<name>(?:{_WORD}\s{{1,2}}){{0,4}}?{_WORD}),?\s{{0,2}}"
    rf"(?:(?:n[º°o]|núm|num|número|nr)\.?\s?|#\s?)?(?P<num>\d{{1,4}}[A-Za-z]?(?:/\d{{1,4}}[A-Za-z]?)?)(?![\w:%.,/]\d|[\w%€$:])"
    rf"(?!\s?(?:min|km|h|am|pm|€|euros?)\b)",
    I,
)
_SUFFIX_TYPE = re.compile(
    r"(?<![\w-])(?P<pre>(?:(?:[A-ZÄÖÜ][\wäöüß.'’-]{0,30}|van|von|ter|ten|op|'t|'s)[ \t]){0,2})"
    rf"(?P<word>[\wäöüß'’-]{{0,40}}?(?i:{P.DE_NL_SUFFIXES}))(?![\wäöüß])\s{{0,2}}"
    r"(?P<num>\d{1,4}(?:\s?[-–/]\s?\d{1,4}[a-zA-Z]?|[-\s]?(?:I{1,3}|IV|hs|huis|bis)(?![\w])|\s?[a-zA-Z](?![\w'’]))?)"
    r"(?![\w%€$:]|[.,]\d)(?!\s?(?:min|km|h|Uhr|€|euros?)\b)"
)
_PO_BOX = re.compile(
    r"\bPostfach\s\d{1,2}(?:\s\d\d(?!\d)){1,3}\b|"  # "Postfach 10 12 34": written in pairs
    # "HC 65 Box 210", "Star Route 2, Box 9": a US rural carrier's route, then the box on it
    r"\b(?:HC|H\.C\.|Star\sRoute|RR|R\.R\.|Rural\sRoute)\s?\d{1,3},?\sBox\s?\d{1,6}\b|"
    r"\b(?:P\.?\s?O\.?\s?Box|Post\sOffice\sBox|POB|Postfach|Postbus|Apartado(?:\sde\sCorreos)?|"
    r"Apdo\.?|Bo[iî]te\spostale|B\.P\.|GPO\sBox|Locked\sBag|Private\sBag|PMB)\s?#?\s?\d{1,6}"
    r"(?:-\d{5}(?![\d-]))?\b",  # "P.O. Box 52013-00100": Kenya's box number, then its post office's code
    I,
)
_INDIAN_HOUSE = re.compile(rf"(?<![\w#/-]){P.IN_HOUSE_NUMBER}(?![\w])(?=\s*[,\n])")
# "b-14 lajpat nagar 2", "C-27 Shastri Nagar": a block-letter house number before its locality,
# written in one line with no comma after the house number.
_INDIAN_BLOCK_HOUSE = re.compile(
    rf"(?<![\w#/-])[A-Za-z]{{1,2}}-\d{{1,4}}[A-Za-z]?(?:/\d{{1,4}})?,?\s{{1,2}}(?P<name>(?:{_WORD}\s){{1,3}})"
    rf"(?P<locality>{P.IN_LOCALITY_WORDS})(?:\s\d{{1,2}}(?![\w:.,%/]|[.,]\d))?(?![\w])",
    I,
)
# Locality words that are English words too: "F-16 flight stage", "A-4 paper extension".
_ENGLISH_LOCALITY_WORDS = frozenset("extension extn sector phase block stage cross main road hills society".split())
# "sector 15, chandigarh 160015", "Phase 2, Mohali": an Indian planned-town locality; an
# address only when a PIN or state follows, and it may grow back over the house number.
_INDIAN_SECTOR = re.compile(r"(?<![\w])(?:sector|sec|phase|pocket|block|blk)\.?\s?-?\s?\d{1,3}[A-Za-z]?(?![\w])", I)
# "Vill. Rampur, P.O. Sitapur, Dist. Lucknow, UP 226001": an Indian village address, with no house
# number at all; an address only when a PIN or state closes it.
_INDIAN_VILLAGE = re.compile(rf"(?<![\w])(?:vill(?:age)?|vpo|gram|gaon)\.?[ \t:-]{{1,2}}{_WORD}", I)
# "Carrera 7 # 72-41", "Calle 45 #12-30": a numbered street and the house's distance from the
# numbered cross street; the hyphenated pair is what makes it an address, not a street name.
_LATAM_GRID = re.compile(
    rf"(?<![\w])(?:{P.LATAM_GRID_TYPES})\.?\s?\d{{1,3}}[A-Za-z]?(?:\s{P.LATAM_QUARTERS})?(?:\s[A-Za-z](?![\w]))?"
    rf"\s?(?:#|No\.?|N[º°o]\.?|Nro\.?|Núm\.?)\s?\d{{1,3}}[A-Za-z]?(?:\s?bis)?\s?[-–]\s?\d{{1,3}}"
    rf"(?:\s{P.LATAM_QUARTERS}(?![\w]))?(?![\w-])",
    I,
)
# "Av. 6 de Diciembre N34-120", "Calle Olmedo E4-56": Ecuador's quarter letter, block and door.
_LATAM_LETTERED_HOUSE = re.compile(
    rf"(?<![\w])(?:{P.LATAM_GRID_TYPES})\.?\s(?:(?:{_WORD}|\d{{1,2}})\s){{1,4}}?[NSEOC]\d{{1,3}}[A-Za-z]?\s?-\s?\d{{1,4}}(?![\w-])",
    I,
)
# "Jalan Bukit Bintang 2", "Jln. Ampang Hilir": Malay and Indonesian streets, type first.
_SEA_STREET = re.compile(
    rf"(?<![\w])(?:{P.SEA_TYPES})(?![\w])\.?\s(?P<name>(?:{_WORD}\s){{0,3}}?{_WORD})"
    r"(?:,?\s(?:No\.?\s?)?(?P<num>\d{1,3}[A-Za-z]?(?:/\d{1,3}[A-Za-z]?)?)(?![\w:%/]|[.,]\d)|(?=[ \t]*(?:[,;.!?)]|\r?\n|$)))",
    I,
)
# "1-4-12 Nishi-Shinjuku, Shinjuku-ku": Japanese chōme-ban-gō before the district; a ward or
# city with its suffix, or a postcode, must follow so that "1-2-3 Go" stays a countdown.
_JAPANESE_BLOCK = re.compile(
    r"(?<![\w-])(?:\d{1,2}-|\d{1,2}\s?Ch[oō]me-)\d{1,3}(?:-\d{1,4})?,?\s{1,2}[A-Z][a-zōū]{1,20}(?:-[A-Za-zōū]{1,20}){0,2}"
    rf"(?=,?\s{{1,2}}[A-Z][a-zōū]{{1,20}}(?:-(?:{P.JP_DISTRICT_SUFFIXES})|\s(?:City|Ward))(?![\w])"
    rf"|,?\s{{1,2}}[A-Z][a-zōū]{{1,20}},?\s{P.JP_POSTCODE}(?![\w-]))"
)
# "via dante 14": Italian in lowercase, where "via" is also an English word ("via ups 2 days").
_LOWERCASE_VIA = re.compile(
    rf"(?<![\w/])via\s(?P<name>(?:{_WORD}\s){{0,3}}?{_WORD}),?\s(?P<num>\d{{1,4}}[A-Za-z]?)(?![\w:%.,/]\d|[\w%€$:])"
)
# "221 maple ave in dayton", "12 Oak St in Dayton": the town after "in" at the end of a clause.
_IN_TOWN = re.compile(
    r"[ \t]in\s(?P<town>[A-Z][^\W\d_]{2,30}(?:\s[A-Z][^\W\d_]{2,30}){0,2}|[^\W\d_]{3,30})"
    r"(?=[ \t]*(?:[.!?,;]|\r?\n|$)|\s(?:and|but|so|because|if|pls|please|thanks|thank|lol)\b)"
)
# "東京都新宿区西新宿2-8-1", "〒160-0023 東京都…", "北京市朝阳区建国路88号", "서울특별시 강남구 테헤란로 152":
# addresses in Chinese characters, kana or Hangul end in a house number after a district or road.
_CJK = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]"
_KANJI = r"[\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff]"  # no hiragana: "住所は" is a cue, not the place
_EAST_ASIAN_ADDRESS = re.compile(
    rf"(?:〒\s?\d{{3}}-\d{{4}}\s?)?{_KANJI}{{1,12}}(?:都|道|府|県|省|市|区|町|村|郡){_CJK}{{0,16}}"
    r"(?:\d{1,4}|[０-９]{1,4})(?:(?:丁目|番地?|[-−‐－])(?:\d{1,4}|[０-９]{1,4})){0,3}(?:号|號)?(?:\s?\d{1,4}(?:号室|室))?"
    # the building and its room: "… 2-10-7 ハイツ渋谷301", "… 1-2-3 メゾン青山 405号室"
    r"(?:[ \u3000]?[\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff]{1,12}[ \u3000]?(?:\d{1,4}|[０-９]{1,4})(?:号室|室)?(?![\d-]))?"
    r"|(?:[\uac00-\ud7a3]{1,10}(?:시|도|구|군)\s){1,3}[\uac00-\ud7a3\d]{1,12}(?:로|길)\s?\d{1,4}(?:-\d{1,4})?(?:번길\s?\d{1,4})?"
)
_HOUSE_NUMBER_CUE = re.compile(rf"(?:{P.HOUSE_NUMBER_CUE})(?P<num>\d{{1,5}}[A-Za-z]?)(?![\w:/-]|[.,]\d)", I)
# "Rue des Tanneurs 16", "Chaussée de Wavre 1040": Belgian and Swiss French put the number last.
_FRENCH_TYPE_FIRST = re.compile(rf"(?<![\w])(?P<type>{P.FR_TYPES_NUMBER_LAST})(?![\w])\.?\s{{1,2}}", I)
_ENGLISH_WORD_TYPES = frozenset("avenue boulevard place route square sentier".split())
_NUMBER_LAST = re.compile(
    r",?\s{1,2}(?P<num>\d{1,4}(?:\s?(?:bis|ter|[a-dA-D])(?![\w]))?)(?![\w:%/]|[.,]\d)"
    r"(?!\s?(?:fois|min(?:ute)?s?|km|h|heures?|hours?|ans|jours|days|€|euros?|personnes|people|places|fr|chf)\b)"
)
# "Medellín por favor", "London is fine": a capitalised town after a comma, the sentence going on.
# Only before a word that carries a sentence on: "12 Oak Street, Tom lives next door" has no town.
_CAPITALISED_TOWN = re.compile(
    r"(?P<town>[^\W\d_a-z][^\W\d_]{2,30}(?:[ -][^\W\d_a-z][^\W\d_]{2,30}){0,2})"
    r"(?=\s(?:and|but|so|or|is|por|para|y|e|et|und|en|pour|for|please|pls|thanks|gracias|merci|danke|bitte)\b)"
)
# "Herr Beispiel", "Mrs Doe": a person on the line above the street, not a house name.
_SALUTATIONS = frozenset("herr frau mr mr. mrs mrs. ms ms. miss dr dr. monsieur madame mme mme. señor señora sr. sra. dhr mevr".split())
_POSTCODE_ANCHORS = (
    # UK, Canada, Ireland, Netherlands: a full postcode narrows an address to a few doors.
    re.compile(r"(?<![\w-])(?P<pc>[A-Z]{1,2}\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2})(?![\w])"),
    re.compile(r"(?<![\w-])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s\d[ABCEGHJ-NPRSTV-Z]\d(?![\w])"),
    re.compile(r"(?<![\w-])(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s(?=[0-9A-Z]*\d)[0-9AC-FHKNPRTV-Y]{4}(?![\w])"),
    # "2518 GG Den Haag", "2405 AB Alphen aan den Rijn", "4611 AA Bergen op Zoom"
    re.compile(
        r"(?<![\w-])[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\s[A-Z][a-zà-ÿ]{2,20}"
        r"(?:(?:\s(?:aan\sden|aan\sde|aan|op|den|de|van))?\s[A-Z][a-zà-ÿ]{2,20}(?![\w'’-])){0,2}(?![\w])"
    ),
    # "Austin, TX 78701", "Fitzroy VIC 3065": a city with state and postcode.
    re.compile(
        rf"(?<![\w-]){_TOWN}(?:\s{_TOWN}){{0,2}},?\s"
        rf"(?:{'|'.join(P.US_STATE_CODES)})\s{P.US_ZIP}(?![\w])"
    ),
    re.compile(
        rf"(?<![\w-]){_TOWN}(?:\s{_TOWN}){{0,2}},?\s"
        r"(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\s\d{4}(?![\w])"
    ),
    # Indian PIN with its cue word.
    re.compile(rf"\b(?:PIN|Pin\s?code|PIN\scode|Postal\scode|Zip\scode)\s?[:#-]?\s?{P.IN_PIN}(?![\w])", I),
)
# A city and a PIN or 5-digit postcode count only when a street-like line comes before them.
_WEAK_POSTCODE_ANCHOR = re.compile(
    rf"(?<![\w-]){_TOWN}(?:\s{_TOWN}){{0,2}}(?:\s?[-–,]\s?|\s)(?:{P.IN_PIN}|\d{{5}})(?![\w])"
)
# A postcode given as an example of its format, alone: "UK postcodes like SW1A 1AA and EC1V 9HX".
_FORMAT_EXAMPLE_BEFORE = re.compile(
    r"(?:post(?:al)?\s?codes?|zip\s?codes?|zips|eircodes?|pin\s?codes?|formats?|regexp?|patterns?)\b[^.!?\n]{0,20}"
    r"(?:like|such\sas|e\.g\.?|for\sexample|for\sinstance)[ \t:]{1,3}(?:[^.!?\n]{0,30}\s(?:and|or|,)\s)?\Z",
    I,
)
# "the driver left my food at 16 arbour square": where a courier left a thing is a door; an
# object is required, since "we left at 9" is a time.
_LEFT_SOMETHING_AT = re.compile(
    r"(?<![\w])(?:left|dropped|delivered|dumped)(?:\s(?:it|them|my\s[a-z]{2,15}|the\s[a-z]{2,15}|our\s[a-z]{2,15})){1,2}"
    r"(?:\soff)?\s(?:at|outside|to)\s{1,2}\Z",
    I,
)
_CUE = re.compile(P.ADDRESS_CUE + r"\s?:?\s{1,3}", I)
_STRONG_CUE = re.compile(P.STRONG_ADDRESS_CUE + r"\s{0,3}", I | re.MULTILINE)

# --- chunks around a core ---------------------------------------------------------------------

_SEPARATOR = re.compile(r"[ \t]*(?:(?P<hard>,|;|\r?\n|\s[-–](?=\s)|\()[ \t]*(?P<blank>\r?\n)?|(?P<soft>[ \t]+))")
_UNIT = re.compile(P.UNIT, I)
_CITY_STATE = re.compile(
    rf"(?P<city>(?:{_WORD}\s){{0,2}}{_WORD}),?\s(?P<state>\(?{_STATES}\)?)(?![\w])"
    rf"(?:\.?,?\s{{0,2}}(?P<pc>{_POSTCODE}))?(?![\w])",
    I,
)
_STATE = re.compile(rf"(?P<state>\(?{_STATES}\)?)(?![\w])(?:\.?,?\s{{0,2}}(?P<pc>{_POSTCODE}))?(?![\w])", I)
_POSTCODE_CITY = re.compile(rf"(?:in\s)?(?P<pc>{_POSTCODE})(?![\w])")
_CITY_WORD = re.compile(r"[ \t-](?P<word>[^\W\d_][\w'’]{0,30}(?:\.(?=[ \t,]))?)")
_CHAT_WORDS_AFTER_ADDRESS = frozenset("ok okay asap thx ty lol pls plz tomorrow today tonight".split())
_CITY_CONNECTORS = frozenset("am an der op sur de la le upon on del di im aan".split())
_CITY_POSTCODE = re.compile(
    rf"(?P<city>(?:{_WORD}\s){{0,2}}{_WORD})(?:\s?[-–,]\s?|\s)(?P<pc>{P.UK_POSTCODE}|{P.CA_POSTCODE}|{P.EIRCODE}|"
    rf"{P.NL_POSTCODE}|{P.IN_PIN}|{P.EU_POSTCODE}|{P.US_ZIP})(?![\w])",
    I,
)
_PUNCTUATION = re.compile(r"[^\w]+")
_US_ZIP = re.compile(P.US_ZIP)
_NUMBER_WORD = re.compile(r"\b(?:no|nr|nº)\.?\s?(?=\d)", I)
# The town as the last word of a sentence: "6 ballincollig rd, cork", "1100 sw 8th ave miami".
_LAST_WORD_TOWN = re.compile(
    r"(?P<town>[^\W\d_]{3,30})(?=[ \t]*(?:[.!?,;]|\r?\n|$)|\s(?:and|but|so|because|if|pls|please|thanks|thank|lol)\b)"
)
# "Auckland 1021", "Leuven 3000", "Tokyo 160-0023": a capitalised town before a 4-digit or
# Japanese postcode (4 digits alone after a street are too often a year or a count).
_TOWN_SHORT_POSTCODE = re.compile(
    rf"(?P<city>{_TOWN}(?:\s(?:{_TOWN}|am|an|der|de|la|le|im|aan|sur)){{0,3}}),?\s(?:{P.JP_POSTCODE}|\d{{4}})(?![\w-])"
)
# "col cuauhtémoc", "colonia Roma Norte": a neighbourhood named inside the address.
# "00-238 Warszawa", "114 51 Stockholm", "01310-100 São Paulo": postcodes of other shapes count
# only with a capitalised town after them (alone they are scores, ranges and phone fragments).
_OTHER_POSTCODE_TOWN = re.compile(r"(?:\d{2}-\d{3}|\d{3}\s\d{2}|\d{5}-\d{3})\s(?P<town>[A-ZÀ-Þ][^\W\d_]{1,30}(?:[ -][A-ZÀ-Þ][^\W\d_]{1,30}){0,2})(?![\w-])")
# "12 Oak St, April 2019": a month and a year, not a town and a postcode.
_MONTHS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr "
    "jun jul aug sep sept oct nov dec januar februar märz juni juli oktober dezember janvier février mars avril "
    "mai juin juillet août septembre octobre novembre décembre enero febrero marzo abril mayo junio julio agosto "
    "septiembre octubre noviembre diciembre".split()
)
# Labels of the address fields of a form, typed one per line or after commas.
_FIELD_LABEL = re.compile(
    r"(?:(?P<postal>zip(?:\s?code)?|post\s?code|postal\s?code|plz(?:\s?/\s?ort)?|pin(?:\s?code)?|code\spostal|c\.?p\.?|eircode)"
    r"|(?P<state>state|province|county|region|bundesland|provincia|d[ée]partement)"
    r"|address\s?line\s?\d|addr(?:ess)?\s?\d|street(?:\s?\d)?|city|town|suburb|locality|district|ort|stadt|"
    r"ville|ciudad|localidad|colonia|barrio|country|land|pays|pa[ií]s|apt|apartment|unit|flat|suite|landmark)"
    r"[ \t]?[:=][ \t]{0,3}",
    I,
)
_FIELD_VALUE = re.compile(r"[^,;\n]{1,60}")
# With a district after it: "Dublin 8", "paris 11e", "Lyon 3ème".
_MAJOR_TOWN = re.compile(rf"(?:{P.MAJOR_TOWNS})(?:\s\d{{1,2}}(?:e|er|ème|eme)?(?![\w:.,]\d|[\w:%]))?(?![\w'’-])", I)
_NEIGHBOURHOOD = re.compile(rf"(?:{P.NEIGHBOURHOOD_WORDS})(?![\w])\.?\s(?P<words>(?:{_WORD}\s){{0,2}}{_WORD})", I)

_UK_POSTCODE = re.compile(P.UK_POSTCODE, I)
_UK_AREA = re.compile(r"[A-Z]{1,2}")
_COUNTRY = re.compile(rf"(?:{P.COUNTRIES})(?![\w])")
_LOCALITY = re.compile(
    rf"(?P<words>(?:(?:{_ORDINAL}|{_WORD})\s){{0,3}}(?:{_ORDINAL}|{_WORD})(?:\s\d{{1,3}}[A-Za-z]?)?)"
    r"(?=[ \t]*(?:[,;.!?)]|\s[-–—]\s|\r?\n|$))",
    I,
)
_LOCALITY_CONNECTORS = frozenset("of on upon de la le du des am an der den im in van sur en y".split())

# --- chunks before a core ---------------------------------------------------------------------

_PREVIOUS_CHUNK = re.compile(r"(?:^|[,;\n])(?P<chunk>[^,;\n]{1,80}?)[ \t]*(?:[,;]|\r?\n|\s[-–])[ \t]*\Z")
_POSTCODE_TOWN_AT_END = re.compile(
    r"(?<![\w-])(?:(?:\d{5}|[1-9]\d{3}|\d{2}-\d{3}|\d{3}\s\d{2})\s(?P<town>[A-ZÀ-Þ][^\W\d_]{1,30}(?:[ -][A-ZÀ-Þ][^\W\d_]{1,30}){0,2})"
    r"|(?P<town2>[A-ZÀ-Þ][^\W\d_]{1,30})\s(?!(?:19|20)\d\d(?!\d))\d{4,6})\Z"
)
_PLACE_PREPOSITION_AT_END = re.compile(r"(?<![\w])(?:outside|near|at|in|to|from|around|beside)[ \t]{1,2}\Z", I)
_UNIT_THEN_COMMA_AT_END = re.compile(rf"(?<![\w])(?:{P.UNIT})[ \t]*,[ \t]*\Z", I)
_UNIT_AT_END = re.compile(rf"(?<![\w])(?:{P.UNIT})\Z", I)
_BUILDING_AT_END = re.compile(
    rf"(?<![\w])(?:\d{{1,4}}[A-Za-z]?\s)?(?:(?:[A-Z][\w'’.-]{{0,30}}|{_ORDINAL}|of|the|de)\s){{0,3}}(?i:{P.BUILDING_WORDS})\Z"
)
# "Résidence Les Lilas", "Edificio Torre Norte": the building word first, as in French, Spanish,
# Portuguese and Italian.
_BUILDING_FIRST_AT_END = re.compile(
    r"(?<![\w])(?:R[ée]sidences?|Immeuble|Edificio|Edif\.|Ed\.|Torre|Conjunto|Condom[ií]nio|Condominio|Lotissement|"
    r"Hameau|Domaine|Palazzo|Palazzina|Villa|Quinta)"
    r"(?:\s(?:les|le|la|l['’]|des|de|du|del|das|dos|do|da|di|las|los|el)){0,2}"
    r"(?:\s[A-ZÀ-Þ][\w'’-]{0,30}){1,3}\Z"
)
_ARTICLE_HOUSE_NAME_AT_END = re.compile(r"(?<![\w])The\s(?P<words>(?:[A-Z][\w'’-]{1,30}\s){0,2}[A-Z][\w'’-]{1,30})\Z")
# "rose apartments", "green view residency": the same typed in lowercase, a chunk of its own.
_LOWERCASE_BUILDING_CHUNK = re.compile(rf"[ \t]*(?P<words>(?:[a-z][\w'’-]{{1,30}}\s){{1,2}})(?:{P.BUILDING_WORDS})\Z")
_INDIAN_HOUSE_AT_END = re.compile(rf"(?<![\w#/-]){P.IN_HOUSE_NUMBER}\Z")
_STREETLIKE_CHUNK = re.compile(
    rf"(?P<pre>(?:(?:[A-Z][\w'’.-]{{0,30}}|{_ORDINAL}|\d{{1,5}}[A-Za-z]?)\s){{0,4}})"
    rf"(?<![^\W\d_])(?i:{P.EN_TYPES}|{P.IN_LOCALITY_WORDS}|{P.FR_TYPES}|{P.ES_TYPES})\.?(?:\s(?:No\.?\s?)?\d{{1,4}}[A-Za-z]?)?\Z"
)
_GENERIC_CHUNK = re.compile(
    rf"(?<![\w])(?:(?:[A-Z][\w'’.-]{{0,30}}|{_ORDINAL})\s){{0,3}}[A-Z][\w'’.-]{{0,30}}(?:\s\d{{1,3}}[A-Za-z]?)?\Z"
)
_ABBREVIATION_AT_END = re.compile(r"(?<![\w])(?:St|Rd|Ave?|Dr|Ln|Blvd|Ct|Pl|Co|Str|Sq|Tce|Cres|Apt|No|Jr|Sr|Mt|Ft|[A-Z])\.\Z", I)
_TOWN_BEFORE = re.compile(r"(?<![\w'’.-])(?P<town>[A-Z][\w'’.-]{0,30}(?:\s[A-Z][\w'’.-]{0,30}){0,2})[ \t]{1,2}\Z")
_UNIT_BEFORE = re.compile(rf"(?<![\w])(?:{P.UNIT})[ \t]{{1,2}}\Z", I)
_WORD_BEFORE_BARE_NUMBER = re.compile(r"(?<![\w])(?:from|at|is|address|adress|to|on|in|ist|es|est|:)\s{1,2}\Z", I)
_BARE_NUMBER_AT_END = re.compile(r"(?<![\w$£€#.:/-])\d{1,5}[A-Za-z]?\Z")
_BARE_FLAT_AT_END = re.compile(r"(?<![\w$£€#.:/-])\d{1,4}[A-Za-z]\Z")
_UNIT_WORD_BEFORE = re.compile(r"(?<![\w])(?:unit|apt|flat|suite|lot|shop|villa|house|blk|block|no\.?)\s?\Z", I)

_NAME_GAP = re.compile(r"[ \t]{1,2}|-")
_CLAUSE_AFTER_ADDRESS = re.compile(r"\s(?:and|but|so|because|if|pls|please|thanks|thank|can|could|lol)\b", I)
_NAME_TOKEN = re.compile(r"(?:[dl]['’])?[^\W\d_][\w'’-]{0,30}\.?")
_FRENCH_STOP = frozenset(
    "je j' tu il elle on nous vous ils elles et mais ou donc car est suis à a pour avec merci chez "
    "svp stp s'il dans pas ne se".split()
)


@dataclass(frozen=True)
class AddressSpan:
    start: int
    end: int
    score: float


@dataclass
class _Core:
    start: int
    end: int
    score: float
    # An ambiguous core ("3 rose court") needs a unit, postcode or state beside it, or a cue.
    needs_evidence: bool = False
    # Postcode anchors may grow backwards over locality and street lines; streets only over
    # flats and buildings.
    anchor: bool = False
    # A flat number alone opens an address only when a postcode or state follows.
    needs_place: bool = False


class StreetAddressRecognizer(EntityRecognizer):
    """STREET_ADDRESS: see the module docstring for how a span is found and grown."""

    SCORE_CORE = 0.65
    SCORE_LOWERCASE_CORE = 0.6
    SCORE_CUE_BONUS = 0.15
    SCORE_PLACE_BONUS = 0.25  # a postcode or state beside the street
    SCORE_DETAIL_BONUS = 0.1  # a unit, a city line
    SCORE_POSTCODE_ALONE = 0.6
    SCORE_STATED = 0.75  # whatever follows "my address is"

    def __init__(self, supported_language: str = "en", supported_entity: str = "STREET_ADDRESS"):
        super().__init__(
            supported_entities=[supported_entity],
            supported_language=supported_language,
            name="StreetAddressRecognizer",
            context=[],
        )

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        entity = self.supported_entities[0]
        if entities and entity not in entities:
            return []
        return [
            result_of(self, entity, span)
            for span in find_addresses(text)
        ]


def find_addresses(text: str) -> list[AddressSpan]:
    """All street addresses in `text`, each as one span covering every line of it."""
    if not any(c.isdigit() for c in text) and not _CUE.search(text) and not _STRONG_CUE.search(text):
        return []  # every core but a cued one has a digit
    cues = [m.end() for m in _CUE.finditer(text)]
    spans: list[AddressSpan] = []
    for core in _cores(text, cues):
        start, end, score = core.start, core.end, core.score
        end, evidence = _extend_right(text, end)
        # With a postcode or state after the street, the chunk before it may be the house's name.
        start, before = _extend_left(text, start, core.anchor, house_name=bool(evidence & {"postcode", "state"}))
        evidence |= before
        cued = _has_cue_before(text, start, cues) or (
            core.needs_evidence and bool(_LEFT_SOMETHING_AT.search(text, max(0, start - 40), start))
        )
        if core.needs_evidence and not cued and not evidence & {"postcode", "state", "unit"}:
            continue
        if core.needs_place and not evidence & {"postcode", "state"}:
            continue
        if core.anchor and start == core.start and _FORMAT_EXAMPLE_BEFORE.search(text, max(0, start - 80), start):
            continue  # "a regex for postcodes like SW1A 1AA": a format's example, nobody's address
        if not evidence & {"postcode", "state"} and _folded(text[core.start : core.end]) in P.FAMOUS_ADDRESSES:
            continue  # "221B Baker Street", "10 Downing St": quoted, not lived at
        if evidence & {"postcode", "state"}:
            score += StreetAddressRecognizer.SCORE_PLACE_BONUS
        elif evidence:
            score += StreetAddressRecognizer.SCORE_DETAIL_BONUS
        if cued:
            score += StreetAddressRecognizer.SCORE_CUE_BONUS
        spans.append(AddressSpan(start, end, min(round(score, 2), 1.0)))
    return _merge(text, spans)


def _cores(text: str, cues: list[int]):
    yield from _number_first_cores(text)
    yield from _french_cores(text)
    for m in _SPANISH.finditer(text):
        if _name_words_ok(m.group("name").split(), allow_connectors=P.ES_CONNECTORS):
            yield _Core(m.start(), m.end(), _core_score(m.group(0)))
    for m in _SUFFIX_TYPE.finditer(text):
        word = m.group("word")
        if len(word) <= 7 and not m.group("pre") and word.lower() in {"straße", "strasse", "str.", "weg", "allee", "platz", "gasse", "damm", "ufer", "straat", "laan", "gracht", "plein", "kade", "singel", "dijk", "dreef", "steeg", "pfad", "graben", "steig", "stieg", "zeile", "hof"}:
            continue  # a bare type word with a number ("weg 5") is not a street name
        if word.lower().endswith(_COURTYARDS_NOT_STREETS):
            continue  # "Hauptbahnhof 2", "Friedhof 3": a station's platform, a cemetery's plot
        start = m.start("word") if not m.group("pre").strip() else m.start()
        yield _Core(start, m.end(), _core_score(m.group(0)))
    for m in _PO_BOX.finditer(text):
        yield _Core(m.start(), m.end(), 0.8)
    yield from _further_afield_cores(text)
    for m in _INDIAN_HOUSE.finditer(text):
        yield _Core(m.start(), m.end(), StreetAddressRecognizer.SCORE_CORE, needs_evidence=True)
    for pattern in _POSTCODE_ANCHORS:
        for m in pattern.finditer(text):
            if "pc" in pattern.groupindex and not _is_uk_postcode(m.group("pc")):
                continue
            yield _Core(m.start(), m.end(), StreetAddressRecognizer.SCORE_POSTCODE_ALONE, anchor=True)
    for m in _WEAK_POSTCODE_ANCHOR.finditer(text):
        start, before = _extend_left(text, m.start(), True)
        if before & {"street", "unit", "building"}:
            yield _Core(m.start(), m.end(), StreetAddressRecognizer.SCORE_CORE, anchor=True)
    yield from _cued_cores(text, cues)


def _number_first_cores(text: str):
    for m in _NUMBER_FIRST.finditer(text):
        name_words = m.group("name").split()
        if not _name_words_ok(name_words):
            # "5 min walk" fails, but "the 3 of us walked to 12 Oak Street" must still be found:
            # retry from the next word boundary after this house number.
            continue
        street_type = m.group("type").lower()
        capitalised = all(w[0].isupper() or w[0].isdigit() for w in name_words) and m.group("type")[0].isupper()
        ambiguous = street_type in P.AMBIGUOUS_TYPE_WORDS
        if street_type in {"dr", "st", "pl", "cl", "ct", "gr", "av"} and not capitalised and not name_words[-1].islower():
            ambiguous = True
        # "Bedok North Ave 2, #08-117": a numbered avenue when a unit follows; otherwise the
        # number after the type is a count or an hour ("12 Oak Ave 3 times").
        numbered = street_type in _ROUTE_TYPES or _UNIT_AFTER_COMMA.match(text, m.end())
        end = m.end() if not m.group("route") or numbered else m.start("route")
        # "the 2 Green Park stations", "3 Kings Road shops": a count of things named after a
        # street, unless a unit, postcode or cue says otherwise.
        counted = _PLURAL_AFTER.match(text, end)
        counted = counted is not None and counted.group(1).lower() not in _VERBS_ENDING_IN_S
        yield _Core(
            m.start(), end, _core_score(m.group(0)), needs_evidence=(ambiguous and not capitalised) or counted
        )
    for m in _GERMAN_PREPOSITION_STREET.finditer(text):
        if m.group("name").lower() in _GERMAN_NOT_STREET_NAMES:
            continue
        said = _GERMAN_RESIDENCE_BEFORE.search(text, max(0, m.start() - 30), m.start()) or _IN_TOWN.match(text, m.end())
        yield _Core(m.start(), m.end(), StreetAddressRecognizer.SCORE_CORE, needs_evidence=not said, needs_place=not said)
    for m in _LOWERCASE_GERMAN_PREPOSITION_STREET.finditer(text):
        # "an der lindenstraße 8" is said of a street with its own type: that core covers it
        if m.group("name") not in _GERMAN_NOT_STREET_NAMES and not _STREET_SUFFIX_END.search(m.group("name")):
            yield _Core(m.start(), m.end(), StreetAddressRecognizer.SCORE_LOWERCASE_CORE, needs_evidence=True, needs_place=True)
    for m in _CYRILLIC_STREET.finditer(text):
        yield _Core(m.start(), m.end(), StreetAddressRecognizer.SCORE_CORE)
    for m in _DWELLING_THEN_STREET.finditer(text):
        yield _Core(m.start(), m.end(), StreetAddressRecognizer.SCORE_CORE)
    for m in _GLUED_WAY.finditer(text):
        # "2 Subway sandwiches", "top 10 Broadway shows": only with a postcode, unit or cue
        yield _Core(m.start(), m.end(), StreetAddressRecognizer.SCORE_CORE, needs_evidence=True)
    for m in _UNIT_OPENING.finditer(text):
        yield _Core(m.start(), m.end(), StreetAddressRecognizer.SCORE_CORE, needs_evidence=True, needs_place=True)


def _further_afield_cores(text: str):
    """Address shapes from outside the ten countries' own conventions, or typed in other scripts:
    Indian block houses, villages and sectors, Latin American grids, Malay streets, Japanese
    blocks, East Asian scripts, house-number cues, lowercase Italian and number-last French."""
    for m in _INDIAN_BLOCK_HOUSE.finditer(text):
        if _name_words_ok(m.group("name").split()):
            english = m.group("locality").lower() in _ENGLISH_LOCALITY_WORDS
            yield _Core(m.start(), m.end(), _core_score(m.group(0)), needs_evidence=english)
    for m in _INDIAN_VILLAGE.finditer(text):
        yield _Core(m.start(), m.end(), StreetAddressRecognizer.SCORE_CORE, needs_evidence=True, needs_place=True)
    for m in _INDIAN_SECTOR.finditer(text):
        yield _Core(m.start(), m.end(), StreetAddressRecognizer.SCORE_CORE, anchor=True, needs_place=True)
    for m in _LATAM_GRID.finditer(text):
        yield _Core(m.start(), m.end(), StreetAddressRecognizer.SCORE_CORE)
    for m in _LATAM_LETTERED_HOUSE.finditer(text):
        yield _Core(m.start(), m.end(), StreetAddressRecognizer.SCORE_CORE)
    for m in _SEA_STREET.finditer(text):
        if _name_words_ok(m.group("name").split()):
            # "Jalan Alor is great for food": a street without a number is a place, unless a
            # house number, postcode or cue is beside it
            yield _Core(m.start(), m.end(), _core_score(m.group(0)), needs_evidence=not m.group("num"))
    for m in _JAPANESE_BLOCK.finditer(text):
        yield _Core(m.start(), m.end(), StreetAddressRecognizer.SCORE_CORE)
    for m in _HOUSE_NUMBER_CUE.finditer(text):
        yield _Core(m.start("num"), m.end(), StreetAddressRecognizer.SCORE_CORE)
    for m in _EAST_ASIAN_ADDRESS.finditer(text):
        yield _Core(m.start(), m.end(), StreetAddressRecognizer.SCORE_CORE)
    for m in _LOWERCASE_VIA.finditer(text):
        if _name_words_ok(m.group("name").split(), allow_connectors=P.ES_CONNECTORS):
            yield _Core(m.start(), m.end(), StreetAddressRecognizer.SCORE_LOWERCASE_CORE, needs_evidence=True)
    for m in _FRENCH_TYPE_FIRST.finditer(text):
        end, words = _consume_street_name(text, m.end(), P.FR_CONNECTORS, _FRENCH_STOP)
        number = _NUMBER_LAST.match(text, end) if words else None
        if number:
            # "rue 5 fois", "Square Enix 3", "Route Planner 2": a lowercase type, or a type that is
            # an English word too with no French "de/du/des" in the name, needs a unit, postcode or cue
            french_name = any(w.lower().rstrip("'’") in P.FR_CONNECTORS or w.lower()[:2] in {"d'", "l'", "d’", "l’"} for w in words)
            doubtful = m.group("type")[0].islower() or (m.group("type").lower() in _ENGLISH_WORD_TYPES and not french_name)
            yield _Core(m.start(), number.end(), _core_score(text[m.start() : number.end()]), needs_evidence=doubtful)


def _french_cores(text: str):
    for m in _FRENCH.finditer(text):
        end, words = _consume_street_name(text, m.end(), P.FR_CONNECTORS | P.ES_CONNECTORS, _FRENCH_STOP)
        if not words:
            continue
        street_type = m.group("type").lower()
        # "10 place settings", "2 passage tickets": only with a postcode, unit or cue
        doubtful = (
            street_type in P.FR_TYPES_AMBIGUOUS
            and not words[0][0].isupper()
            and words[0].lower().rstrip("'’") not in P.FR_CONNECTORS
            and words[0].lower()[:2] not in {"d'", "l'", "d’", "l’"}
        )
        # "2 Square Enix games": a capitalised name that goes on in lowercase English is a title
        doubtful = doubtful or (
            street_type in P.FR_TYPES_AMBIGUOUS
            and words[0][0].isupper()
            and any(w[0].islower() and w.lower().rstrip("'’") not in P.FR_CONNECTORS | P.ES_CONNECTORS and w.lower()[:2] not in {"d'", "l'", "d’", "l’"} for w in words[1:])
        )
        yield _Core(m.start(), end, _core_score(text[m.start() : end]), needs_evidence=doubtful)


def _cued_cores(text: str, cues: list[int]):
    """After a cue, a named street without a number ("i live on Mill Lane") is the user's own."""
    for start in cues:
        pos = start + 4 if text[start : start + 4].lower() == "the " else start
        street = _CUED_STREET.match(text, pos)
        if street and _name_words_ok(street.group("name").split()):
            yield _Core(pos, street.end(), StreetAddressRecognizer.SCORE_CORE)
            continue
        building = _BUILDING_AT_START.match(text, pos)
        if building:
            yield _Core(pos, building.end(), StreetAddressRecognizer.SCORE_CORE)
    for m in _STRONG_CUE.finditer(text):
        pos = m.end()
        if pos < len(text) and (text[pos].isdigit() or text[pos].isupper() or text[pos] == "#"):
            end = _end_of_stated_address(text, pos)
            if end > pos:
                yield _Core(pos, end, StreetAddressRecognizer.SCORE_STATED)


_CUED_STREET = re.compile(
    rf"(?P<name>(?:{_WORD}\s){{1,3}})(?:{P.EN_TYPES_UNAMBIGUOUS}|(?-i:[A-Z])(?:{P.EN_TYPES_AMBIGUOUS}))\b\.?", I
)
_BUILDING_AT_START = re.compile(rf"(?:[A-Z][\w'’.-]{{0,30}}\s){{1,3}}(?i:{P.BUILDING_WORDS})\b")
_STATED_END = re.compile(r"\r?\n\s*\r?\n|\r?\n(?=\s*[a-z])|[!?]|(?<!St)(?<!Rd)(?<!Ave)(?<!Dr)(?<!No)(?<!Ln)(?<!Blvd)(?<!Apt)(?<!Co)\.(?=\s+[A-Z][a-z]|\s*$)")


def _end_of_stated_address(text: str, pos: int) -> int:
    limit = min(len(text), pos + 160)
    m = _STATED_END.search(text, pos, limit)
    end = m.start() if m else limit
    # Stop before a clause that is plainly not part of the address ("... and my phone is").
    clause = _CLAUSE_AFTER_ADDRESS.search(text, pos, end)
    if clause:
        end = clause.start()
    return len(text[pos:end].rstrip(" \t,;:-")) + pos


def _folded(value: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", value.casefold()).split())


def _core_score(matched: str) -> float:
    if matched.islower():
        return StreetAddressRecognizer.SCORE_LOWERCASE_CORE
    return StreetAddressRecognizer.SCORE_CORE


def _name_words_ok(words: list[str], allow_connectors: frozenset[str] = frozenset()) -> bool:
    if not words:
        return False
    for word in words:
        w = word.lower().strip(".,'’")
        if w in allow_connectors:
            continue
        if w in P.NOT_STREET_NAME_WORDS or w in P.NOT_LOCALITY_WORDS:
            return False
    return True


def _consume_street_name(text: str, pos: int, connectors: frozenset[str], stop: frozenset[str]) -> tuple[int, list[str]]:
    """Words of a street name that follows its type ("rue | de la Paix"), up to five."""
    words: list[str] = []
    end = pos
    cursor = pos
    for _ in range(6):
        m = _NAME_TOKEN.match(text, cursor)
        if not m:
            break
        word = m.group(0)
        folded = word.lower().rstrip(".")
        if folded in stop or folded in P.NOT_LOCALITY_WORDS - connectors:
            break
        words.append(word)
        if folded not in connectors and folded[:2] not in {"d'", "l'", "d’", "l’"} or len(folded) > 2 and folded[:2] in {"d'", "l'", "d’", "l’"}:
            end = m.end()
        gap = _NAME_GAP.match(text, m.end())
        if not gap:
            break
        cursor = gap.end()
    # Trailing connectors ("rue de") are not part of the name.
    while words and words[-1].lower().rstrip(".") in connectors:
        words.pop()
    return (end, words) if words else (pos, [])


def _extend_right(text: str, end: int) -> tuple[int, set[str]]:
    evidence: set[str] = set()
    pos = committed = end
    for _ in range(10):
        sep = _SEPARATOR.match(text, pos)
        if not sep or sep.group("blank"):
            break
        hard = sep.group("hard") is not None
        after = sep.end()
        label = _FIELD_LABEL.match(text, after) if hard else None
        found = _labelled_field(text, label) if label else _next_chunk(text, after, hard)
        if not found:
            break
        kind, chunk_end = found
        pos = chunk_end
        if sep.group("hard") == "(" and text.startswith(")", pos):
            pos += 1
        if kind == "tentative":
            continue  # "ganga apartments, linking road": kept only if a postcode or state follows
        evidence.add(kind)
        committed = pos
    if not evidence & {"postcode", "state"}:
        # Only after a comma: "12 oak st honestly" must not take "honestly" for a town.
        sep = _SEPARATOR.match(text, committed)
        town = _LAST_WORD_TOWN.match(text, sep.end()) if sep and sep.group("hard") in (",", ";") else None
        if town and _is_town_word(town.group("town")):
            committed = town.end()
        elif sep and sep.group("hard") in (",", ";"):
            town = _CAPITALISED_TOWN.match(text, sep.end())
            if town and all(_is_town_word(w) for w in town.group("town").replace("-", " ").split()):
                committed = town.end()
        else:
            town = _IN_TOWN.match(text, committed)
            if town and all(_is_town_word(w) and w.lower() not in _MONTHS for w in town.group("town").split()):
                committed = town.end()
    return committed, evidence


def _labelled_field(text: str, label: re.Match) -> tuple[str, int] | None:
    """"City: Springfield", "ZIP: 62704", "PLZ/Ort: 12345 Teststadt": a form's field after the
    street; the label says what the value is, whatever its case."""
    value = _FIELD_VALUE.match(text, label.end())
    if not value or not value.group(0).strip():
        return None
    kind = "postcode" if label.group("postal") else "state" if label.group("state") else "locality"
    return kind, label.end() + len(value.group(0).rstrip())


def _is_town_word(word: str) -> bool:
    folded = word.lower()
    return folded not in P.NOT_LOCALITY_WORDS and folded not in P.NOT_STREET_NAME_WORDS and folded not in STOP_WORDS


def _next_chunk(text: str, pos: int, hard: bool) -> tuple[str, int] | None:
    m = _UNIT.match(text, pos)
    if m and m.end() > pos:
        return "unit", m.end()
    m = _DIRECTION_AFTER.match(text, pos)
    if m and not hard:
        return "unit", m.end()
    m = _CITY_STATE.match(text, pos)
    if m and _place_words_ok(m.group("city")) and (
        _state_ok(m.group("state"), m.group("pc")) or _lowercase_town_and_state(m.group("city"), m.group("state"))
    ):
        return "state", m.end() if m.group("pc") is None or _postcode_ok(m.group("pc")) else m.end("state")
    m = _STATE.match(text, pos)
    # A lowercase code without a town before it is a word: "schillerweg 4 in 70173 stuttgart".
    if m and (hard or m.group("pc")) and _state_ok(m.group("state"), m.group("pc")) and not _is_lowercase_code(m.group("state")):
        return "state", m.end() if m.group("pc") is None or _postcode_ok(m.group("pc")) else m.end("state")
    m = _POSTCODE_CITY.match(text, pos)
    if m and _postcode_ok(m.group("pc")):
        return "postcode", _city_end(text, m.end("pc"))
    m = _CITY_POSTCODE.match(text, pos)
    if m and _place_words_ok(m.group("city")) and _postcode_ok(m.group("pc")):
        # "col roma 06700 cdmx": a neighbourhood, the postcode, then the town as the last word
        town = _LAST_WORD_TOWN.match(text, m.end() + 1) if text.startswith(" ", m.end()) else None
        if town and m.group("pc").isdigit() and _is_town_word(town.group("town")):
            return "postcode", town.end()
        if m.group("pc").isdigit() and text[m.end() + 1 : m.end() + 2].isupper():
            # "Cuauhtémoc, 06700 Ciudad de México": a borough, then the postcode before the town
            return "postcode", _city_end(text, m.end())
        return "postcode", m.end()
    m = _OTHER_POSTCODE_TOWN.match(text, pos)
    if m:
        return "postcode", m.end()
    m = _TOWN_SHORT_POSTCODE.match(text, pos)
    if m and _place_words_ok(m.group("city")) and m.group("city").split()[0].lower() not in _MONTHS:
        return "postcode", m.end()
    m = _NEIGHBOURHOOD.match(text, pos)
    if m:
        words = m.group("words").split()
        while words and not _place_words_ok(words[-1]):
            words.pop()  # "col roma and ...": the neighbourhood ends before the clause
        if words and _place_words_ok(" ".join(words)):
            return "locality", m.start("words") + len(" ".join(words))  # one separator char each
    m = _COUNTRY.match(text, pos)
    if m:
        return "country", m.end()
    locality = _LOCALITY.match(text, pos) if hard else None
    if locality and _locality_ok(locality.group("words")):
        return "locality", locality.end()
    m = _MAJOR_TOWN.match(text, pos)
    if m:
        return "locality", m.end()
    if hard:
        m = locality
        if m and _place_words_ok(m.group("words")):
            return "tentative", m.end()
    return None


def _city_end(text: str, pos: int) -> int:
    """End of the town after a postcode: "10115 Berlin", "60313 Frankfurt am Main", "80331 münchen"."""
    end = pos
    words = 0
    after_connector = False
    while words < 4:
        m = _CITY_WORD.match(text, end if words == 0 else cursor)
        if not m:
            break
        word = m.group("word")
        folded = word.lower()
        if folded in _CITY_CONNECTORS and words > 0:
            cursor, after_connector = m.end(), True
            continue
        if folded in P.NOT_LOCALITY_WORDS or (words > 0 and not word[0].isupper() and not after_connector):
            break
        if word.islower() and (folded in STOP_WORDS or folded in _CHAT_WORDS_AFTER_ADDRESS):
            break  # "… NSW 2000 ok thanks": the sentence goes on, no lowercase town follows
        if after_connector and not word[0].isupper() and text[pos + 1 : pos + 2].isupper():
            break  # "31500 Toulouse le mois prochain": a capitalised town goes on capitalised
        end = cursor = m.end()
        words += 1
        after_connector = False
        if word.endswith(".") and len(word) > 4:
            break  # "06000 Nice. Aide-moi": a full stop after a town ends the sentence
    return end


def _place_words_ok(words: str) -> bool:
    words = _NUMBER_WORD.sub(" ", words)  # "road no 10", "Sector Nr. 4"
    return all(
        w.lower().strip(".,'’") not in P.NOT_LOCALITY_WORDS or (len(w) == 1 and w.isupper() and w != "I")
        for w in words.split()
    )


def _locality_ok(words: str) -> bool:
    tokens = words.split()
    if not _place_words_ok(words):
        return False
    return all(
        t[0].isupper() or t[0].isdigit() or t.lower() in _LOCALITY_CONNECTORS for t in tokens
    ) and not tokens[0].lower() in _LOCALITY_CONNECTORS


def _lowercase_town_and_state(city: str, state: str) -> bool:
    """"london ontario", "dayton ohio": both typed in lowercase, the state spelt out in full."""
    return len(state) > 3 and state.islower() and city.islower() and bool(_MAJOR_TOWN.fullmatch(city) or len(city.split()) == 1)


def _is_lowercase_code(state: str) -> bool:
    return len(state) == 2 and state.islower()


def _state_ok(state: str, postcode: str | None) -> bool:
    state = state.strip("()")
    if len(state) == 2 and state.islower() and state in P.LOWERCASE_STATE_CODES_NEEDING_ZIP:
        return postcode is not None and postcode.replace(" ", "").isdigit()
    if len(state) <= 3 and not state.isupper() and not state.islower():
        return False  # "Me", "In": words at a sentence start, not codes
    if len(state) > 3 and not state[0].isupper() and not postcode:
        return False  # "texas" spelt lowercase counts only before a postcode
    return True


def _postcode_ok(postcode: str) -> bool:
    compact = postcode.replace(" ", "")
    if compact.isdigit():
        return len(compact) in (4, 5, 6)
    if _UK_POSTCODE.fullmatch(postcode):
        return _is_uk_postcode(postcode)
    return True


def _is_uk_postcode(postcode: str) -> bool:
    compact = postcode.replace(" ", "").upper()
    if not _UK_POSTCODE.fullmatch(postcode):
        return False
    area = _UK_AREA.match(compact)
    return bool(area) and area.group(0) in _UK_AREAS


def _extend_left(text: str, start: int, anchor: bool, house_name: bool = False) -> tuple[int, set[str]]:
    evidence: set[str] = set()
    unit_word = _UNIT_WORD_BEFORE.search(text, max(0, start - 12), start) or _UNIT_BEFORE.search(
        text, max(0, start - 24), start
    )
    if unit_word:
        start = unit_word.start()
        evidence.add("unit")
    if anchor:
        # "Norfolk NR21 0AA": the town before a postcode, on the same line.
        town = _TOWN_BEFORE.search(text, max(0, start - 60), start)
        if town and _place_words_ok(town.group("town")):
            start = town.start("town")
    pending_generic = None
    for _ in range(8):
        window_start = max(0, start - 100)
        m = _PREVIOUS_CHUNK.search(text, window_start, start)
        if not m:
            # A long sentence runs up to the flat with no comma before it: "… leaked into my
            # kitchen at Flat 7, 118 …". Only a unit is taken from it, never the words before.
            unit = _UNIT_THEN_COMMA_AT_END.search(text, window_start, start)
            if unit and unit.start() < start:
                start = unit.start()
                evidence.add("unit")
            break
        chunk_start, chunk_end = m.start("chunk"), m.end("chunk")
        kind, suffix_start = _classify_chunk_end(text, chunk_start, chunk_end, anchor, house_name)
        if kind is None:
            break
        if kind == "generic":
            pending_generic = pending_generic or start
        else:
            pending_generic = None
            evidence.add(kind)
        start = suffix_start
        if suffix_start > chunk_start and text[chunk_start:suffix_start].strip():
            break  # "I live at Flat 3, ...": the chunk only ends with address words
    if pending_generic is not None:
        start = pending_generic  # a name or greeting before the address is not part of it
    return start, evidence


def _classify_chunk_end(text: str, start: int, end: int, anchor: bool, house_name: bool = False) -> tuple[str | None, int]:
    """What the end of the chunk text[start:end] is, and where that part starts: the longest
    address-like suffix wins ("Road No. 12" is a street, not the unit "No. 12")."""
    found: list[tuple[int, str]] = []
    for kind, pattern in (
        ("building", _BUILDING_AT_END),
        ("building", _BUILDING_FIRST_AT_END),
        ("unit", _UNIT_AT_END),
        ("unit", _INDIAN_HOUSE_AT_END),
        # "17, 2nd Main Road, ...", "im in 4c, 12 oak st": a bare house or flat number.
        ("unit", _BARE_NUMBER_AT_END if anchor else _BARE_FLAT_AT_END),
    ):
        m = pattern.search(text, start, end)
        if m and m.end() == end:
            if pattern in (_BARE_NUMBER_AT_END, _BARE_FLAT_AT_END) and m.start() != _skip_space(text, start):
                # "Dublin 8" is a district; "from 17", "address 221", "in 4c" are house numbers.
                if not _WORD_BEFORE_BARE_NUMBER.search(text, start, m.start()):
                    continue
            found.append((m.start(), kind))
    if anchor:
        m = _STREETLIKE_CHUNK.search(text, start, end)
        if m and m.end() == end and (not m.group("pre").strip() or _name_words_ok(m.group("pre").split())):
            found.append((m.start(), "street"))
    m = _LOWERCASE_BUILDING_CHUNK.match(text, start, end)
    if m and all(_is_town_word(w) for w in m.group("words").split()):
        found.append((m.start("words"), "building"))
    m = _POSTCODE_TOWN_AT_END.search(text, start, end)
    if m and m.end() == end and _place_words_ok(m.group("town") or m.group("town2")):
        # "10115 Berlin, Hauptstraße 5", "Paris 75011, 12 rue des Lilas": written town first
        found.append((m.start(), "postcode"))
    if house_name and not anchor:
        # "The Tannery, 21 …, London SE1 2EG": a house or venue named with an article
        m = _ARTICLE_HOUSE_NAME_AT_END.search(text, start, end)
        if m and m.end() == end and _place_words_ok(m.group("words")):
            found.append((m.start(), "building"))
    if found:
        suffix_start, kind = min(found)
        return kind, suffix_start
    if not anchor:
        # "I live in Leeds, 12 Baker Road": the town written before the street
        m = _GENERIC_CHUNK.search(text, start, end)
        if m and m.end() == end and _PLACE_PREPOSITION_AT_END.search(text, start, m.start()) and _place_words_ok(m.group(0)):
            return "locality", m.start()
        return None, start
    m = _GENERIC_CHUNK.search(text, start, end)
    if m and m.group(0).split()[0].lower() in _SALUTATIONS:
        return None, start
    if m and m.end() == end and m.start() == _skip_space(text, start) and _place_words_ok(_without_article(m.group(0))):
        # "The Old Rectory", "The Maltings": a house name, not a greeting or a person's name
        return ("building" if m.group(0).startswith("The ") else "generic"), m.start()
    if m and m.end() == end and _PLACE_PREPOSITION_AT_END.search(text, start, m.start()) and _place_words_ok(m.group(0)):
        # "potholes outside Ballinakill, Kilcolgan, Co. Galway H91 …": an Irish or rural address
        # of townland and village names with no street, said to be where something is
        return "locality", m.start()
    return None, start


def _without_article(words: str) -> str:
    # "The Maltings", "The Old Rectory": house names often start with an article.
    return words[4:] if words.startswith("The ") else words


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _has_cue_before(text: str, start: int, cues: list[int]) -> bool:
    return any(start - 12 <= c <= start for c in cues)


def _merge(text: str, spans: list[AddressSpan]) -> list[AddressSpan]:
    """Overlapping spans, and spans separated only by a comma or line break, become one."""
    merged: list[AddressSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = span.start, span.end
        while end > start and text[end - 1] in " \t,;:-(":
            end -= 1
        if text[end - 1] == "." and not _ABBREVIATION_AT_END.search(text, start, end):
            end -= 1  # a full stop after a town ends the sentence; after "St." it is the address's
        if merged and start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = AddressSpan(last.start, max(last.end, end), max(last.score, span.score))
        else:
            merged.append(AddressSpan(start, end, span.score))
    return merged
