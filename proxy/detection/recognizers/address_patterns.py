"""Vocabulary and regex fragments for street addresses in the ten supported countries.

Data only: `street_address.py` compiles these once at import and holds the logic. Fragments are
written for `re.IGNORECASE | re.VERBOSE`-free use (plain strings, no comments inside), and every
repetition is bounded so that no input can make a pattern backtrack without limit.
"""

from __future__ import annotations


def _alternation(words: str) -> str:
    """'St Street Rd' -> longest-first alternation, so 'Street' is not cut to 'St'."""
    items = sorted(set(words.split()), key=len, reverse=True)
    return "|".join(w.replace(".", r"\.") for w in items)


# --- English-speaking countries: number first, type last ("42 Willow Creek Rd") -------------

# Street types that are never ordinary words after "<number> <word>".
EN_TYPES_UNAMBIGUOUS = _alternation(
    "street st str road rd avenue ave av lane ln boulevard blvd crescent cres cresc mews "
    "terrace terr ter tce parkway pkwy pky highway hwy circle cir crcl trail trl turnpike tpke "
    "expressway expy freeway fwy causeway cswy esplanade broadway cul-de-sac close cl "
    "ct crt dr drv pl plz sq wynd gdns gr gro concession sideroad "
    "marg nagar colony layout vihar enclave puram salai "
    "pde cct bvd bvde "
    "stret strt streeet raod avenu aveneu avnue"
)
def _one_slip(word: str, drop: bool = True) -> set[str]:
    """Spellings one keystroke from `word` that chat is full of: a letter dropped, doubled or two
    swapped ("stret", "streeet", "raod")."""
    dropped = {word[:i] + word[i + 1 :] for i in range(len(word))} if drop else set()
    doubled = {word[:i] + word[i] + word[i:] for i in range(len(word))}
    swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    return (dropped | doubled | swapped) - {word}


# Slips that are words of their own, and so say nothing about a street.
_REAL_WORDS_ONE_SLIP_FROM_A_TYPE = frozenset("venue trasse strass strae terrae parkay roda".split())
# Misspelt street types. Short types lose no letter ("rad", "rod" are words); long ones may.
EN_TYPE_SLIPS = frozenset(
    set().union(
        *(_one_slip(w) for w in "street avenue boulevard crescent terrace parkway highway".split()),
        *(_one_slip(w, drop=False) for w in "road lane drive".split()),
    )
    - _REAL_WORDS_ONE_SLIP_FROM_A_TYPE
)
EN_TYPES_UNAMBIGUOUS = _alternation(" ".join(EN_TYPES_UNAMBIGUOUS.split("|") + sorted(EN_TYPE_SLIPS)))

# Street types that are also everyday words ("5 min walk", "2 day drive", "top 3 place"); these
# need a capitalised street name, or an address around them (unit, postcode), or a cue.
EN_TYPES_AMBIGUOUS = _alternation(
    "way walk row hill park square green view rise point gate end path line bridge cross "
    "run loop lawn heights vale field fields meadow meadows wharf quay parade approach chase "
    "circus market yard hollow ridge glen brae grange passage alley pike plaza mall main "
    "bay hts track court drive place close grove gardens circle "
    # house-builders' names for cul-de-sacs ("940 Sycamore Bend", "4 Heron's Reach")
    "bend reach crest landing nook"
)
EN_TYPES = EN_TYPES_UNAMBIGUOUS + "|" + EN_TYPES_AMBIGUOUS
AMBIGUOUS_TYPE_WORDS = frozenset(EN_TYPES_AMBIGUOUS.split("|"))

DIRECTIONS = r"(?:N|S|E|W|NE|NW|SE|SW|N\.|S\.|E\.|W\.|North|South|East|West|Nth|Sth)"

# Words that cannot be part of a street name between a number and a street type: with them,
# "<number> <words> <type>" is a quantity ("5 min walk", "3 dogs in the park").
NOT_STREET_NAME_WORDS = frozenset(
    """
    a an the and or but of to in on at by for from with into onto over under about as is are was
    were be been am i you he she it we they me my your his her its our their this that these those
    there here then than so very too more most less few many much some any all each every no not
    min mins minute minutes hr hrs hour hours sec secs second seconds day days week weeks month
    months year years yr yrs night nights time times am pm km kms mile miles mi meter meters metre
    metres m ft feet foot yard yards yd block blocks step steps lap laps mph kph kg lb lbs
    tb gb mb kb gig gigs usb hdmi ssd
    people persons person kids children guys friends dogs cats cat dog pets items things points
    main-points ways tips reasons steps hours stars star percent pct x
    euro euros dollar dollars bucks quid pounds pound usd eur gbp inr rs rupees
    top best other another next last whole entire half
    """.split()
)

# --- Units, flats, suites: before or after the street part -----------------------------------

UNIT_WORDS = _alternation(
    "apt apt. apts apartment appt appartement app unit suite ste flat fl floor level lvl room rm "
    "bldg building blk tower wing lot door dept no no. nº n° # whg wohnung etage étage "
    "bus bte piso puerta planta escalera esc portal bloque trlr space box pmb shop office "
    "plot rr site bât bât. bat bâtiment batiment escalier int interior "
    "m. lok. lokal mieszkanie "  # Polish: "84/92 m. 15"
    "apto apto. apartamento departamento depto depto. dpto dpto. casa local "
    "number nummer hausnummer huisnummer número numero numéro house"
)
UNIT = (
    rf"(?:(?:{UNIT_WORDS})(?![^\W\d_])\.?\s?(?:no\.?\s?)?#?\s?"
    r"(?=[A-Za-z]?\d|[A-Za-z]\b)[A-Za-z]?\d{0,5}[A-Za-z]?(?:[-/](?:\d{1,4}[A-Za-z]?|[A-Za-z](?![\w])))?(?![\w])"
    r"|(?:ground|first|second|third|fourth|top|\d{1,2}(?:st|nd|rd|th))\s+floor\b"
    r"|\d{1,2}\.?\s?[º°ª]\s?(?:(?:izq(?:da|uierda)?|izda|izqda|drcha|dra|dcha|der(?:echa)?|ext|int|esq|dto|dt|frente|[A-Za-z])\.?(?![\w]))?"
    r"|(?:bajo|entresuelo|[áa]tico)(?:\s[A-Za-z](?![\w]))?"
    r"|\d{1,2}\.\s?(?:OG|Obergeschoss|Stock|étage)(?:\s(?:links|rechts|mitte))?\b"
    r"|\d{1,2}\.?\s(?:etage|stock|og)\b"
    r"|\d{1,2}(?:r|n|t|è)\s?\d{1,2}[ao](?![\w])"
    r"|\d{1,2}(?:e|er|ère|ème|eme)\s?[ée]tage\b"
    r"|(?:pral|principal|entlo)\.?(?:\s\d{1,2}[ºªao]?)?(?![\w])"
    r"|\d{1,2}[ºªao](?![\w])"
    r"|(?:hinterhaus|vorderhaus|gartenhaus)\b)"
)

# Named buildings that open an address ("Sunshine Apartments, MG Road", "Rose Cottage, Mill Lane").
BUILDING_WORDS = _alternation(
    "apartments apartment apts residency residence residences towers tower heights house court "
    "mansions mansion building bldg complex enclave villa villas cottage cottages farm lodge hall "
    "manor plaza centre center chambers society chs arcade estate lofts flats block niwas nivas "
    "bhavan sadan kunj résidence "
    # rural house names ("Hollybrook Barn", "The Old Rectory")
    "barn grange rectory vicarage granary oast"
)

# --- French (and French Canadian): number first, type first ("12 bis rue de la Paix") --------

FR_TYPES = _alternation(
    "rue avenue av. av bd bld boulevard allée allee chemin ch. impasse imp. impasse place pl. quai "
    "cours route rte passage square rond-point voie sentier cité cite villa faubourg fbg montée "
    "montee promenade esplanade parvis chaussée chaussee ruelle résidence residence lotissement "
    "hameau lieu-dit traverse"
)
# Types that are English words too ("10 place settings", "2 passage tickets"): lowercase text
# needs a French connector after them ("12 place de la mairie").
FR_TYPES_AMBIGUOUS = frozenset(
    "place route cours passage square villa promenade esplanade residence résidence traverse "
    "av av. avenue plaza paseo camino ronda carretera rambla glorieta pasaje".split()
)
# Spanish types that also follow a house number in casual or Latin American writing ("5 calle sol").
ES_TYPES_AFTER_NUMBER = "calle|c/|avenida|avda\\.?|paseo|plaza|camino|carretera|ronda|rambla|glorieta|pasaje"
# Welsh streets put the type first too ("6 Heol y Coed", "2 Ffordd yr Eglwys", "9 Lôn Glas").
WELSH_TYPES = "heol|ffordd|stryd|lôn|rhodfa|cilgant"
FR_CONNECTORS = frozenset(
    "de du des d' la le les l' aux au sur sous en et saint sainte st ste".split()
)

# --- Spanish (and Catalan): type first, number after ("Calle Mayor 12, 3º B") -----------------

ES_TYPES = _alternation(
    "calle c/ cl. avenida avda. avda av. paseo pº p.º plaza pza. pza carretera ctra. ctra camino "
    "ronda travesía travesia glorieta rambla callejón callejon pasaje urbanización urbanizacion "
    "urb. carrer passeig plaça avinguda rua travessa largo viale piazza corso laan ul. ulica derb"
)
ES_CONNECTORS = frozenset("de del la las los el y d' l' i da das do dos di della dei degli yr".split())

# --- German, Austrian, Swiss, Dutch, Flemish: name+type as one word, number after -------------

# "Hauptstraße 5", "Konrad-Adenauer-Str. 12", "Berliner Straße 5", "Keizersgracht 123".
DE_NL_SUFFIXES = _alternation(
    "straße strasse strase str. weg allee platz gasse damm ufer chaussee steig pfad graben stieg "
    "promenade zeile "
    "gatan gata vägen väg gränd gade vej veien vegen "
    "straat laan gracht plein kade singel dijk dreef steeg burgwal plantsoen hof"
)

# "Goethestrase 15", "Lindenstrsse 4": the German suffix misspelt as it is typed in a hurry.
DE_SUFFIX_SLIPS = frozenset(set().union(*(_one_slip(w) for w in ("strasse", "straße"))) - _REAL_WORDS_ONE_SLIP_FROM_A_TYPE)
DE_NL_SUFFIXES = _alternation(" ".join(DE_NL_SUFFIXES.replace("\\.", ".").split("|") + sorted(DE_SUFFIX_SLIPS)))

# --- Postcodes ---------------------------------------------------------------------------------

US_ZIP = r"\d{5}(?:-\d{4})?(?!-\d)"
UK_POSTCODE = r"(?:[A-Za-z]{1,2}\d[A-Za-z\d]?\s?\d[A-Za-z]{2}|GIR\s?0AA)"
CA_POSTCODE = r"[ABCEGHJ-NPRSTVXYabceghj-nprstvxy]\d[A-Za-z]\s?\d[A-Za-z]\d"
EIRCODE = r"(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s?[0-9AC-FHKNPRTV-Y]{4}"
# Lowercase letters that are a word ("2000 ok", "1200 is", "3000 to") end a sentence, not a postcode.
NL_POSTCODE = (
    r"[1-9]\d{3}\s?(?!SA|SD|SS|sa|sd|ss)"
    r"(?!(?:ok|am|pm|is|in|on|at|to|so|or|an|as|be|by|do|go|he|if|it|me|my|no|of|up|us|we|ya|yo|mm|cm|km|kg)(?![\w]))"
    r"[A-Za-z]{2}"
)
IN_PIN = r"[1-9]\d{2}\s?\d{3}"
EU_POSTCODE = r"\d{5}-\d{3}|(?:(?:D|F|E|A|CH)-)?\d{5}|\d{4}-\d{3}"  # Brazil's CEP before 5 digits

US_STATE_CODES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR"
).split()
# Lowercase codes that are ordinary words or too common in chat ("in", "me", "or", "ok"):
# lowercase, they count as a state only right before a ZIP code.
LOWERCASE_STATE_CODES_NEEDING_ZIP = frozenset(
    "al ar co de ga hi id in la ma me mo ms mt nd ne oh ok or pa sc sd va wa pr dc sa nt act on "
    "ab".split()
)
US_STATE_NAMES = _alternation(
    "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia "
    "Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts "
    "Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon "
    "Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming"
) + r"|New\s(?:Hampshire|Jersey|Mexico|York)|North\s(?:Carolina|Dakota)|South\s(?:Carolina|Dakota)|Rhode\sIsland|West\sVirginia"
CA_PROVINCES = (
    r"ON|QC|BC|AB|MB|SK|NS|NB|NL|PE|YT|NT|NU|P\.?Q\.?|Ontario|Qu[ée]bec|British\sColumbia|Alberta|"
    r"Manitoba|Saskatchewan|Nova\sScotia|New\sBrunswick|Newfoundland(?:\sand\sLabrador)?|"
    r"Prince\sEdward\sIsland"
)
AU_STATES = r"NSW|VIC|QLD|WA|SA|TAS|ACT|NT|Victoria|Queensland|Tasmania|New\sSouth\sWales"
IN_STATES = _alternation(
    "Karnataka Maharashtra Kerala Gujarat Rajasthan Punjab Haryana Bihar Odisha Orissa Assam "
    "Telangana Goa Jharkhand Chhattisgarh Uttarakhand Sikkim Manipur Meghalaya Mizoram Nagaland "
    "Tripura Delhi"
) + r"|Tamil\sNadu|Andhra\sPradesh|Uttar\sPradesh|Madhya\sPradesh|Himachal\sPradesh|West\sBengal|Jammu\s(?:and|&)\sKashmir|Arunachal\sPradesh|NCR"

COUNTRIES = (
    r"USA|U\.S\.A\.|U\.S\.|United\sStates(?:\sof\sAmerica)?|UK|U\.K\.|United\sKingdom|England|"
    r"Scotland|Wales|Northern\sIreland|Great\sBritain|Canada|Ireland|Éire|Eire|Australia|India|"
    r"Germany|Deutschland|Austria|Österreich|Switzerland|Schweiz|Suisse|France|Spain|España|Espana|"
    r"Netherlands|The\sNetherlands|Nederland|Holland|Belgium|Belgique|België|"
    r"New\sZealand|South\sAfrica|Singapore|Malaysia|Hong\sKong|Japan|Mexico|México|Colombia|Brazil|"
    r"Brasil|Italy|Italia|Portugal|Poland|Polska|Sweden|Sverige|Denmark|Danmark|Norway|Norge"
)

# Indian house numbers and localities ("H.No 12-3-45", "Plot No. 45", "B-204", "Sector 17").
IN_HOUSE_NUMBER = (
    r"(?:(?:H\.?\s?No|House\sNo|Flat\sNo|Plot\sNo|Door\sNo|D\.?\s?No|Shop\sNo|Site\sNo|Survey\sNo|"
    r"Old\sNo|New\sNo)\.?\s?[:#-]?\s?[A-Za-z]?-?\d{1,5}[A-Za-z]?(?:\s?[-/]\s?(?:\d{1,5}[A-Za-z]?|[A-Za-z](?![\w]))){0,3}"
    r"|#\s?\d{1,5}[A-Za-z]?(?:[-/]\d{1,5}[A-Za-z]?){0,3}"
    r"|[A-Z]{1,2}-\d{1,4}(?:/\d{1,4})?)"
)
IN_LOCALITY_WORDS = _alternation(
    "nagar colony layout vihar enclave puram pura bagh marg chowk gali extension extn sector "
    "phase block stage cross main road salai peth wadi pally para ganj abad garh halli palya "
    "hills society residency township"
)

# Words that end an address even when capitalised ("12 Oak St\nThanks!").
NOT_LOCALITY_WORDS = frozenset(
    """
    i im i'm it its it's we you he she they my our your his her their the a an and but or so
    also then thanks thank thx ty hi hello hey yes no ok okay please pls sorry lol haha cheers
    regards best love xoxo sent from what how why when where who which can could would should do
    does did is are was were will if this that these those there here just but because since
    call text ping email mail send ship deliver see meet tomorrow today tonight monday tuesday
    y e o en et und oder aber pe aur hai ka ki ke se svp stp porfa bitte mais pero para por que
    mit für voor met ik je ich wie was die das ist est es near pls plz asap thx ty lol
    wednesday thursday friday saturday sunday dear kind warm near next
    """.split()
)

# Phrases that say what follows is where someone lives or wants things sent.
ADDRESS_CUE = (
    r"(?:\baddress(?:\s(?:is|=|would\sbe|will\sbe))?|\blive[sd]?\s(?:at|on|in)|\bliving\s(?:at|on|in)|"
    r"\b(?:ship|send|deliver|mail|post|courier|bring|forward)(?:ed|ing|s)?"
    r"(?:\s(?:it|them|this|that|these|everything|my\s\w+|the\s\w+|a\s\w+|him|her|me|us)){0,2}\s(?:to|at)|"
    r"\b(?:moved|moving|move)\s(?:in\s)?(?:to|into)|\blocated\s(?:at|on)|\bstay(?:ing)?\s(?:at|on)|"
    r"\bbased\sat|\bmy\s(?:place|house|flat|apartment|apt|home|office|building)\s(?:is\s)?(?:at|on)|"
    r"\bcome\s(?:over\s)?to|\bpick\s(?:me|us|him|her)\sup\s(?:at|from)|\bdrop\s(?:me|it|us)\s(?:off\s)?at|"
    r"\bj'habite(?:\sau)?|\bvivo\sen|\bwohne\s(?:in|am|an\sder)|\badresse|\bdirecci[óo]n|\badres|"
    r"\bresidence|\bresiding\sat|\b(?:my|our|the)\sstreet(?:\sname)?\s(?:is|=|:))"
)
# A stated address: whatever follows up to the end of the line is the address.
STRONG_ADDRESS_CUE = (
    r"(?:\bmy\s(?:(?:home|new|old|current|full|postal|mailing|billing|shipping|delivery|street|"
    r"permanent|residential|work|office)\s)?address\s(?:is|=)|"
    r"\b(?:home|postal|mailing|billing|shipping|delivery|street|residential)\saddress\s?[:=-]|"
    r"^\s*(?:address|adresse|anschrift|adres|direcci[óo]n|indirizzo|endere[çc]o)(?:\s[^\W\d_]{1,12}){0,2}\s?[:=])"
)

# Addresses of landmarks and fiction that people quote ("Sherlock lived at 221B Baker Street"):
# without a postcode or state beside them they are not the user's own.
FAMOUS_ADDRESSES = frozenset(
    " ".join(address.split())
    for address in """
    221b baker street|221b baker st|1600 pennsylvania avenue|1600 pennsylvania ave|
    1600 pennsylvania ave nw|10 downing street|10 downing st|742 evergreen terrace|4 privet drive|
    12 grimmauld place|1 infinite loop|1 apple park way|350 fifth avenue|350 5th avenue|
    350 5th ave|1 hacker way|1600 amphitheatre parkway|11 wall street|31 spooner street|
    124 conch street|177a bleecker street|129 west 81st street|90 bedford street
    """.split("|")
)

# --- Address forms from outside the ten countries that people in them still write --------------

# Latin American grid addresses: the street is a number, the house is "<cross street>-<metres>"
# ("Carrera 7 # 72-41", "Calle 45 #12-30", "Cra. 15 No. 93-60 sur").
LATAM_GRID_TYPES = _alternation(
    "calle carrera cra cra. kra kr kr. cl cl. cll avenida av av. ak ac diagonal dg dg. diag "
    "transversal tv tv. trans circular cq"
)
LATAM_QUARTERS = r"(?:sur|norte|este|oeste|bis)"
# Malay and Indonesian streets, type first like Spanish ("No. 9, Jalan Bukit Bintang 2").
SEA_TYPES = _alternation("jalan jln jln. jl. lorong lrg lebuh persiaran lebuhraya")
# Words that open a neighbourhood inside an address ("col. Roma Norte", "fracc. Las Fuentes").
NEIGHBOURHOOD_WORDS = _alternation(
    "col col. colonia fracc fracc. fraccionamiento barrio bº urbanización urb. taman kampung"
)
# Japanese wards, cities, towns and prefectures written with a suffix ("Shinjuku-ku").
JP_DISTRICT_SUFFIXES = "ku|shi|cho|chō|machi|gun|mura|ken|fu"
JP_POSTCODE = r"〒?\s?\d{3}-\d{4}"
# "the house number is 42", "street no. 7": a house number given on its own.
HOUSE_NUMBER_CUE = (
    r"\b(?:(?:house|street|building)\s(?:number|no\.?|nr\.?|num\.?|#)|door\s(?:number|no\.?))\s?(?:is\s|=\s?|:\s?)?"
    r"|\b(?:hausnummer|huisnummer|num[ée]ro\sde\srue|n[úu]mero\sde\s(?:casa|calle|la\scasa))\s?(?:ist\s|is\s|es\s|est\s|:\s?)?"
)
# French types that Belgians and the Swiss write before the name with the number last
# ("Rue des Tanneurs 16 bus 2", "Chemin des Vignes 4").
FR_TYPES_NUMBER_LAST = _alternation(
    "rue avenue boulevard bd chaussée chaussee chemin quai allée allee impasse place square drève "
    "dreve route ruelle sentier"
)
# Large towns of the ten countries (and a few that their people often write to), for a town
# typed straight after the street with no comma: "from 1100 sw 8th ave miami to the airport".
# Towns that are also English words (Reading, Bath, Nice, Mobile, Derby...) are left out.
MAJOR_TOWNS = _alternation(
    "new_york los_angeles chicago houston phoenix philadelphia san_antonio san_diego dallas "
    "san_jose austin jacksonville fort_worth columbus charlotte indianapolis san_francisco "
    "seattle denver washington boston nashville detroit portland memphis louisville baltimore "
    "milwaukee albuquerque tucson fresno sacramento atlanta omaha raleigh miami minneapolis "
    "tulsa cleveland wichita oakland tampa honolulu anchorage pittsburgh cincinnati orlando "
    "st._louis saint_louis kansas_city las_vegas salt_lake_city buffalo richmond brooklyn "
    "queens bronx manhattan newark hoboken burlington "
    "london birmingham manchester liverpool leeds sheffield bristol glasgow edinburgh cardiff "
    "belfast leicester nottingham coventry bradford newcastle sunderland southampton brighton "
    "plymouth aberdeen dundee swansea norwich oxford cambridge york exeter "
    "toronto montreal montréal vancouver calgary edmonton ottawa winnipeg halifax victoria "
    "quebec québec hamilton mississauga brampton surrey regina saskatoon "
    "dublin cork galway limerick waterford kilkenny "
    "sydney melbourne brisbane perth adelaide canberra hobart darwin auckland wellington "
    "mumbai delhi new_delhi bangalore bengaluru hyderabad chennai kolkata pune ahmedabad jaipur "
    "lucknow kochi chandigarh noida gurgaon gurugram indore bhopal "
    "berlin hamburg münchen munich köln cologne frankfurt stuttgart düsseldorf leipzig dresden "
    "hannover nürnberg bremen wien vienna graz salzburg zürich zurich genf geneva basel bern "
    "paris marseille lyon toulouse bordeaux lille nantes strasbourg montpellier rennes "
    "madrid barcelona valencia sevilla seville zaragoza málaga malaga bilbao "
    "amsterdam rotterdam utrecht eindhoven groningen brussel bruxelles brussels antwerpen antwerp gent ghent "
    "tokyo osaka kyoto bogotá bogota medellín medellin cdmx guadalajara monterrey "
    "kuala_lumpur singapore"
).replace("_", r"\s")
