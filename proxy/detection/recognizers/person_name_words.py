"""Word lists behind the PERSON recognizer: cues, relations, honorifics and the words that are not
names however they are typed. Data only; `person_name.py` holds the logic.

First and last names themselves come from Faker's locale data (already a dependency, offline,
~10k first names across the locales below), so lowercase "im jake" can be told from "im tired".
"""

from __future__ import annotations

# Faker's person locales whose name lists we borrow: the ten address countries, the languages
# whose names people most often type into English chats, and African, South Asian and Latin
# American name lists. Not all of Faker's 86: some add everyday English words as names
# ("worth", "joke", "boss"), and loading them all takes seconds.
NAME_LOCALES = (
    "en_US en_GB en_IE en_IN en_NG en_PK en_KE en_NZ en_TH hi_IN ta_IN bn_BD gu_IN mr_IN or_IN "
    "ne_NP de_DE fr_FR fr_CA es_ES es_MX es_AR es_CO nl_NL vi_VN yo_NG ig_NG ha_NG tw_GH zu_ZA sw "
    "ar_SA ga_IE pt_BR pt_PT it_IT pl_PL tr_TR zh_CN ko_KR ru_RU ja_JP hu_HU cs_CZ hr_HR"
).split()

# Names that are everyday words; they count as names only with evidence: a cue, a relation
# word, an honorific, a capitalised surname after them, or a capital letter mid-sentence.
COMMON_WORD_NAMES = frozenset(
    """
    will grace bill april summer rose mark hope joy june jack sunny max may guy chase hunter dawn
    faith amber ruby drew sue art pat rob autumn destiny heaven honey star sky river rain storm
    daisy violet iris ivy holly jasmine olive ginger candy cherry crystal diamond pearl precious
    princess angel baby charity patience prudence trinity harmony melody journey justice miracle
    true ever bay bishop brook cash chance clay cliff dale dean duke earl frank gene glen grant
    heath jay king lance lane major mason miles ray reed rich rusty sage sterling stone ward wade
    woody august page sandy penny misty carol nick barb sol don al ed eve gay gale fawn wren robin
    jean kay rocky buddy ace dash fox wolf bear young gold price gray grey green brown white black
    long short hill wood rivers banks bell bush cook miller marsh moss pope rice rose shepherd
    snow stew summers sweet tucker paris florence jordan georgia austin victoria chelsea sydney
    madison dallas phoenix israel india china london berlin vienna mercedes tesla chanel lexus
    kia alexa siri echo lincoln ford mad lot till kick toy job tan sole mar mare gala pier puck
    jet flor bas mac nail said paz peer cord lore laze nazi mac bo om gil lex cal nas dev
    sunny storm lucky happy dino nino luz vive pastor server bunny kitty precious sonny
    junior willow gen tea coffee
    """.split()
)

# Not names, however they are capitalised: chat interjections, greetings, internet slang,
# AI assistants, products and services that spaCy's small model tends to tag PERSON.
NOT_NAME_WORDS = frozenset(
    """
    hey hi hello hiya yo sup hey-hey heya howdy greetings dear lol lmao lmfao rofl haha hahaha hehe
    omg omfg wtf idk idc tbh btw ngl smh imo imho fyi asap pls plz thx ty tysm thanks thank
    cheers congrats yay ugh hmm hm wow aww oops bye goodbye gn gm ok okay kk yes yeah yep nope no
    bro bruh dude sis babe bae hun honey sweetie darling buddy mate fam guys folks y'all yall
    sir madam maam ma'am mr mrs ms miss dr prof mx please sorry welcome love xoxo xo nr no
    i'm i’m i'll i've i'd goodnight goodmorning morning night gm gn bday birthday
    german french spanish english italian dutch polish chinese japanese korean indian american
    british canadian australian irish russian ukrainian portuguese brazilian mexican hindi arabic
    turkish greek swedish norwegian danish finnish swiss austrian belgian scottish welsh african
    european asian latino christian muslim jewish hindu catholic
    team everyone everybody all folks support staff customer service hiring manager there
    signed regards
    iban bic swift sepa upi ifsc otp cvv cvc ssn dob pin paypal venmo zelle
    chatgpt gpt claude gemini copilot bard llama mistral grok perplexity pi replika nomi kindroid
    alexa siri cortana bixby google apple amazon microsoft netflix spotify uber lyft airbnb venmo
    paypal zelle zoom slack teams excel word outlook gmail whatsapp telegram discord reddit tiktok
    instagram insta facebook twitter iphone ipad android tesla
    monday tuesday wednesday thursday friday saturday sunday january february march july
    september october november december
    i me my you your he she it we they them us our his her its their this that there here
    the a an and or but so if then when what who how why where which
    ai bot assistant user human mom mum dad mother father sister brother aunt uncle grandma grandpa
    street st road rd avenue ave lane ln drive dr court ct boulevard blvd
    """.split()
)

# Words that can follow "i'm" / "this is" and are not names ("im tired", "this is amazing"):
# spaCy's stop words plus what people say about themselves in chats.
COMMON_CHAT_WORDS = frozenset(
    """
    tired happy sad good fine great ok okay sure sorry back home here there done ready going trying
    working looking thinking feeling getting just so really not still also actually literally
    gonna wanna gotta kinda sorta sick bored busy excited nervous worried scared confused stuck
    lost new late early free single married pregnant allergic vegan gay straight trans bi glad
    alone lonely stressed anxious depressed exhausted hungry thirsty cold hot broke rich poor old
    young fat thin tall short dying dead alive awake asleep sleepy drunk high sober fat
    learning studying writing reading planning wondering asking hoping waiting using making
    having doing being leaving moving trying starting finishing cooking driving walking running
    curious interested stuck unsure afraid proud grateful thankful blessed sure certain aware
    able unable about almost always already kind sort pretty super very quite totally
    currently basically honestly seriously definitely probably maybe also even now today tonight
    tomorrow yesterday gonna gon not never ever finally officially legally technically
    student teacher nurse doctor engineer developer designer writer mom dad parent wife husband
    girl boy guy man woman person human bot ai model fan member user customer
    in on at from with to for of by about into onto over under after before around between
    out up down off away through across against along among towards toward via
    new fresh first second third last next only still also then too
    sorry thanks thank please hello hi hey yes no yeah nope yep idk lol haha
    calling writing texting messaging emailing reaching following replying im ive id ill
    btw tho though lmao lol here btw maybe later anytime sometime whatever crazy please
    min mins sec secs hr hrs km kms kg kgs lb lbs mph ml cm mm ft yr yrs wk wks mo pm am
    """.split()
)

# "my sister Priya", "my boss, Daniel Kim", "my son's teacher Mrs. Okafor".
RELATION_WORDS = (
    "sister sis brother bro mom mum mother mommy mama dad father daddy papa son daughter "
    "wife husband hubby partner spouse boyfriend girlfriend bf gf fiance fiancé fiancee fiancée "
    "friend bestie bff buddy pal roommate roomie flatmate housemate coworker co-worker colleague "
    "boss manager supervisor neighbor neighbour cousin aunt auntie aunty uncle niece nephew "
    "grandma grandpa granny gran nana nan grandmother grandfather grandson granddaughter kid "
    "child baby teacher tutor coach doctor therapist counselor counsellor landlord landlady ex "
    "crush classmate mentor lawyer dentist stepmom stepdad stepson stepdaughter stepsister "
    "stepbrother twin sibling in-law mother-in-law father-in-law sister-in-law brother-in-law "
    "babysitter nanny employee intern client student patient tenant date lover "
    "grandparents parents "
    "copine copain sœur soeur frère frere mère mere père pere amie ami fille fils mari femme "
    "oma opa vriend vriendin zus broer moeder vader dochter zoon "
    "mutter vater schwester bruder freundin freund tochter sohn "
    "hermana hermano novio novia madre padre amiga amigo hija hijo esposo esposa abuela abuelo "
    "mummy mum papa behen bhai dost didi bhaiya nani dadi nana dada "
    "belle-mère beau-père belle-sœur beau-frère belle-fille beau-fils cousine tante oncle "
    "tía tia tío tio prima primo suegra suegro cuñada cuñado nuera yerno "
    "onkel cousine schwiegermutter schwiegervater schwägerin schwager nichte neffe "
    "nicht neef tante oom schoonmoeder schoonvader zwager schoonzus "
    "tita tito lola lolo kuya ate bestie bestfriend sitter dogsitter housekeeper caregiver carer "
    "stepmum stepmother stepfather godmother godfather goddaughter godson fiancé in-laws "
    "sorella fratello madre padre figlia figlio marito moglie amica amico nonna nonno zia zio cugina cugino "
    "irmã irmão mãe pai filha filho marido esposa namorada namorado avó avô"
).split()
# People met in a role or trade: "the ISP tech Abdirahman", "the dog walker, Oriana". A role word
# is never itself a name, even where it ends a list ("the plumber, Ezekiel").
SERVICE_ROLES = (
    "tech technician plumber electrician driver courier agent rep representative nurse receptionist "
    "mechanic contractor handyman cleaner engineer installer waiter waitress barista guard officer "
    "caseworker adviser advisor consultant recruiter realtor midwife surgeon pharmacist vet trainer "
    "instructor pastor priest imam rabbi walker sitter groomer gardener landscaper painter decorator "
    "builder roofer locksmith carpenter joiner tiler chef cook chauffeur porter concierge janitor "
    "caretaker postman postwoman postie mailman cashier clerk librarian physio physiotherapist "
    "chiropractor optician hairdresser barber stylist tailor translator interpreter accountant "
    "estate-agent surveyor inspector dispatcher operator"
).split()
RELATION_WORDS_PHRASES = tuple(RELATION_WORDS) + (
    "mother in law",
    "father in law",
    "sister in law",
    "brother in law",
    "best friend",
    "pen pal",
    "penpal",
)
RELATION_ADJECTIVES = (
    "little big older younger elder baby best ex late step twin new old dear lovely "
    "best-friend childhood close former current foster adoptive adopted dog cat house "
    "biological birth"
).split()

HONORIFICS = (
    "mr mrs ms miss mx dr prof professor madam mme mlle herr herrn frau sr sra srta señor "
    "señora señorita shri smt sri shrimati kumari dhr mevr sig sig.ra"
).split()

# Titles of fictional and historical characters ("Captain Vex", "Lady Rowena", "Sir Lancelot"):
# in chats they are role-play and stories far more often than real people.
STORY_TITLES = frozenset(
    "captain capt lieutenant lt commander general admiral sergeant sgt colonel major lady lord "
    "sir dame king queen prince princess duke duchess count countess baron emperor empress "
    "master mistress saint st agent detective inspector".split()
)

# Lowercase particles inside a name ("van der Berg", "bin Salman", "Ní Bhriain", "de la Cruz").
NAME_PARTICLES = frozenset(
    "van von der den de da del della di du la le bin binti bint ibn al el ben ni ní nic ó o mac "
    "ap y dos das do ter ten zu st".split()
)

# Public figures people mention in passing; their names reach the assistant.
FAMOUS_PEOPLE = frozenset(
    " ".join(name.split())
    for name in """
    taylor swift|einstein|albert einstein|shakespeare|william shakespeare|elon musk|musk|
    barack obama|obama|donald trump|trump|joe biden|biden|beyonce|beyoncé|rihanna|
    kanye west|kim kardashian|oprah winfrey|bill gates|steve jobs|mark zuckerberg|
    jeff bezos|lebron james|messi|lionel messi|cristiano ronaldo|michael jordan|
    harry potter|sherlock holmes|hermione granger|darth vader|mickey mouse|
    isaac newton|charles darwin|marie curie|nikola tesla|mozart|beethoven|
    picasso|van gogh|vincent van gogh|leonardo da vinci|da vinci|napoleon|gandhi|mahatma gandhi|
    martin luther king|mlk|nelson mandela|mandela|queen elizabeth|king charles|
    abraham lincoln|george washington|winston churchill|churchill|jesus|buddha|
    freud|sigmund freud|karl marx|marx|plato|aristotle|socrates|nietzsche|kant|
    sam altman|jensen huang|sundar pichai|satya nadella|greta thunberg|
    ed sheeran|billie eilish|ariana grande|harry styles|bts|
    tom hanks|brad pitt|leonardo dicaprio|keanu reeves|zendaya|timothée chalamet|
    stephen king|jk rowling|j.k. rowling|tolkien|j.r.r. tolkien|jane austen|
    gordon ramsay|david attenborough|stephen hawking|carl sagan|grace hopper|ada lovelace|
    alan turing|florence nightingale|christopher columbus|robespierre|martin luther king|
    martin luther king jr|napoleon bonaparte|julius caesar|cleopatra|joan of arc|frida kahlo|
    michelangelo|rembrandt|galileo|galileo galilei|copernicus|marco polo|genghis khan|
    alexander the great|queen victoria|henry viii|mother teresa|princess diana|
    john lennon|paul mccartney|elvis presley|michael jackson|bob marley|bob dylan|
    freddie mercury|lady gaga|justin bieber|selena gomez|dua lipa|bad bunny|neymar|serena williams|roger federer|usain bolt|simone biles|
    walt disney|warren buffett|tim cook|bill clinton|hillary clinton|kamala harris|
    vladimir putin|putin|xi jinping|narendra modi|modi|emmanuel macron|macron|angela merkel|
    rishi sunak|keir starmer|boris johnson|justin trudeau|pope francis|dalai lama|
    marilyn monroe|audrey hepburn|charlie chaplin|steven spielberg|quentin tarantino|
    j.k rowling|rowling|dickens|charles dickens|tolstoy|dostoevsky|hemingway|orwell|george orwell|confucius|muhammad ali|pele|pelé|maradona|santa claus|mr darcy|elizabeth bennet|frodo|gandalf|batman|superman|spider-man|spiderman|romeo and juliet|macbeth|othello|hermione|ron weasley|dumbledore|voldemort|
    mona lisa|marie antoinette|louis xiv|henry viii|queen elizabeth ii|
    fibonacci|pythagoras|euclid|archimedes|donatello|beyonce knowles|kendrick lamar|travis scott|jay-z|snoop dogg|eminem|rihanna|nicki minaj|
    the rock|dwayne johnson|jimmy fallon|mrbeast|pewdiepie|
    luke skywalker|han solo|yoda|princess leia|darth|anakin|obi-wan|dracula|frankenstein|cinderella|snow white|moana|shrek|
    tony stark|iron man|hulk|captain america|wonder woman|pikachu|
    jfk|john f kennedy|fdr|franklin roosevelt|theodore roosevelt|reagan|ronald reagan|
    obama|michelle obama|trump|biden|lenin|stalin|hitler|mussolini|mao|
    jesus christ|prophet muhammad|zeus|athena|odin
    """.split("|")
)

OTHER_STOP_WORD_LANGUAGES = ("es", "fr", "de", "nl", "pt", "it")

MONTHS_AND_DAYS = frozenset(
    """
    january february march april may june july august september october november december
    enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
    janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre
    januar februar märz april mai juni juli august september oktober november dezember
    januari februari maart mei augustus
    lunes martes miércoles jueves viernes sábado domingo lundi mardi mercredi jeudi vendredi samedi
    dimanche montag dienstag mittwoch donnerstag freitag samstag sonntag
    """.split()
)

# Places and landmarks spaCy's small model calls people.
PLACE_NAMES_MISTAKEN_FOR_PEOPLE = frozenset(
    "waterloo machu picchu pokemon pokémon everest kilimanjaro yosemite alcatraz petra".split()
)

# Software, services and games that spaCy's small model often calls people.
PRODUCT_WORDS = frozenset(
    """
    kubernetes docker compose jupyter python java javascript typescript react node nodejs django
    flask rails laravel rust golang excel powerpoint notion figma canva linux ubuntu debian fedora
    windows macos ios ipados android chrome firefox safari edge github gitlab bitbucket aws azure
    vscode postgres postgresql mysql sqlite mongodb redis kafka tableau salesforce shopify wordpress
    photoshop lightroom illustrator premiere minecraft fortnite roblox xbox playstation nintendo
    steam twitch youtube tiktok snapchat pinterest linkedin duolingo spotify hulu disney pixel
    galaxy kindle fitbit garmin peloton bitcoin ethereum solana dogecoin metamask coinbase
    revolut monzo wise bizum paytm phonepe gpay swiggy zomato schufa terraform ansible jenkins
    jira confluence trello asana clickup airtable zapier hubspot zendesk chatgpt openai anthropic
    chipotle subway starbucks costco walmart ikea aldi lidl tesco sainsbury sainsburys trader
    nike nikes adidas zara uniqlo patagonia gucci prada rolex lego barbie
    zelda mario luigi pokemon pikachu hogwarts sonic kirby halo skyrim elden
    verizon tmobile comcast xfinity vodafone doordash grubhub instacart deliveroo ubereats
    outlook gmail icloud dropbox onedrive siri alexa waze
    """.split()
)

# Places people mention in passing, typed in lowercase as often as not ("going to lisbon"),
# when spaCy's tagger calls them proper nouns but its NER does not call them places.
PLACES = frozenset(
    """
    london paris berlin madrid rome lisbon porto barcelona amsterdam rotterdam brussels vienna
    prague budapest warsaw krakow dublin cork galway edinburgh glasgow manchester liverpool leeds
    bristol birmingham oxford cambridge brighton york cardiff belfast munich hamburg cologne
    frankfurt stuttgart dresden leipzig zurich geneva milan venice florence naples athens istanbul
    moscow kyiv kiev stockholm oslo copenhagen helsinki reykjavik lyon marseille nice bordeaux
    toulouse seville sevilla valencia malaga bilbao ibiza mallorca tenerife utrecht texel
    chicago boston seattle denver austin dallas houston atlanta miami orlando vegas phoenix
    portland detroit nashville philly philadelphia brooklyn manhattan queens jersey sf la nyc
    toronto montreal vancouver calgary ottawa quebec sydney melbourne brisbane perth adelaide
    auckland wellington delhi mumbai bangalore bengaluru chennai kolkata hyderabad pune jaipur goa
    kerala tokyo osaka kyoto seoul beijing shanghai hongkong singapore bangkok bali dubai doha
    cairo marrakech lagos nairobi accra johannesburg capetown rio lima bogota mexico cancun
    havana california texas florida ohio hawaii alaska arizona colorado oregon iceland ireland
    scotland wales england france spain italy germany portugal greece turkey japan china india
    canada australia brazil argentina mexico egypt morocco kenya nigeria usa uk europe asia africa
    disneyland disneyworld yosemite alcatraz petra tahiti maldives
    """.split()
)

# Words that make a capitalised phrase a business, not a person: as its last word ("Ondine Design
# Studio", "Thurgauer Kantonalbank") or, for shop kinds in other languages, its first ("Panadería
# Los Olivos", "Boulangerie Marchal").
ORGANISATION_TAILS = frozenset(
    "bank studio studios design designs gmbh ag bv nv ltd llc inc plc group holdings partners associates "
    "consulting solutions labs foundation trust bakery salon boutique agency clinic pharmacy".split()
)
ORGANISATION_TAIL_ENDINGS = ("bank", "kasse")  # German compounds: "Kantonalbank", "Sparkasse"
SHOP_HEADS = frozenset(
    "zapatería zapateria panadería panaderia librería libreria ferretería ferreteria farmacia pizzeria "
    "trattoria tienda restaurante boulangerie pâtisserie patisserie librairie pharmacie bäckerei "
    "metzgerei apotheke mercado supermercado".split()
)
# Hindi and Urdu postpositions typed after a name ("Meera ki shaadi", "papa ko bolna"): never a
# name's last word, and never a name after a relation word.
HINDI_POSTPOSITIONS = frozenset("ki ka ke ko ne se".split())
