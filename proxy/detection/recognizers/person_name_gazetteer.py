"""Given names that Faker's locale lists lack, and romanised East-Asian name syllables.

Faker's lists (see `person_name.known_names`) are written for generating fake people, so they
miss everyday short forms ("jess", "kate"), most romanised Japanese, Korean and Chinese names
(their locales are in kana, hangul and hanzi), and common names of several communities that are
large in chat traffic (South Asian, Yoruba/Igbo, Greek, Turkish, Filipino). Data only.
"""

from __future__ import annotations

# Everyday given names and short forms, lowercase. Words that are also ordinary words
# ("will", "rose") are left out here: COMMON_WORD_NAMES handles them with evidence.
EXTRA_FIRST_NAMES = frozenset(
    """
    jess jessie jessa kate katie kat liz lizzie beth becca becky bex abby abi gabby maddie maddy
    mads em emmy ems jen jenn jenny jo josie tash tasha nat natty sam sammy alex lexi lex
    izzy issy ellie evie tilly millie lottie libby livvy liv soph sophie steph cass cassie
    mo mikey mike matt matty dan danny dave davey pete petey tom tommy tim timmy jim jimmy
    jake jamie jon jonny johnny benji ben ollie olly alfie archie freddie theo teo seb nico
    rafa zach zack zac josh joshy nate ty tyler cody kyle liam noah aiden caden jaden jayden
    mackenzie mckenzie kenzie kayla kaylee brianna bri tori shay shae deja keisha tanisha
    vikram vikas vijay rajesh rakesh ramesh suresh mahesh dinesh ganesh naresh mukesh ritesh
    hitesh nilesh rupesh umesh yogesh sandeep pradeep kuldeep amit sumit rohit mohit rahul
    arjun aditya ankit ankur abhishek akash aakash varun tarun karan arun kiran nikhil sachin
    srinivas srinivasan venkat venkata ramana lakshmi priya priyanka divya deepa deepika kavya
    ananya aishwarya shreya sneha pooja neha anjali swati sunita anita kavita meena meenakshi
    lalitha padma radha sita gita geeta savitri shanti usha asha nisha isha riya tanvi tanya
    harpreet gurpreet manpreet jaspreet simran navjot amrit kuldip balwinder
    fatima ayesha aisha zainab mariam maryam khadija hamza bilal usman imran irfan faisal
    tariq zaid zayd yusuf yousef omar umar ali hassan hussein ahmed ahmad mohammed muhammad
    oluwaseun seun oluwatobi tobi tolu tolulope temitope temi funmi funmilayo folake bukola
    bukky adebayo adeola ade ayo ayodele babajide chidi chidinma chioma chinedu chiamaka
    femi tunde bayo segun dayo yemi gbenga niyi jide kunle lanre dapo
    emeka ngozi nkechi obinna ifeoma ifeanyi uche uchenna kemi kehinde taiwo yetunde
    kwame kwabena kofi kojo kwaku yaw ama akosua abena efua esi adwoa akua afua
    wanjiru wanjiku njeri kamau otieno achieng akinyi atieno thandiwe thabo sipho zanele
    kenji hiroshi takeshi takumi haruto yuto sota riku kaito daiki shota yuki yuka yui
    yuna hina aoi sakura haruka misaki ayaka akiko keiko yoko naoko tomoko mariko emiko
    satoshi kazuki ryota ryo sho kenta kaori megumi noriko hanako taro jiro akira hikaru
    minjun min-jun seojun seo-jun jiwoo ji-woo jihoon ji-hoon junho jun-ho hyunwoo hyun-woo
    minji min-ji seoyeon seo-yeon jiyeon ji-yeon soyeon so-yeon yeji hyejin hye-jin jisoo
    ji-soo eunji eun-ji sooyoung soo-young jimin ji-min taehyung jungkook seokjin namjoon
    sungmin sung-min minho min-ho jaehyun jae-hyun donghyun dong-hyun sunhee sun-hee
    meiling mei-ling xiaoming xiao-ming xiaoling xiaomei weiwei jiayi jiahui zihan yuxuan
    haoran zhiwei jianguo lihua wenjie yiming
    nguyen thi ngoc linh trang thao huong phuong hoa anh minh tuan duc hieu khanh quang
    thanh huy vy uyen
    dimitra dimitris dimitrios giorgos georgios yannis giannis eleni maria katerina vasiliki
    kostas konstantinos nikos nikolaos panagiotis sofia christos athina despina stavros
    ebru elif zeynep ayse ayşe fatma emine merve busra büşra mehmet mustafa ahmet emre burak
    can cem kerem mert oguz oğuz serkan hakan murat selin deniz ece irem
    marites maricel marivic maricar rowena jovelyn rodel jomar jhun ricky arnel
    rosalinda imelda teresita lourdes perla jonalyn
    josiane ginette huguette solange nadine sylvie brigitte mireille isabelle aurélie
    """.split()
)

# Syllables of romanised Korean and Mandarin given names: a hyphenated or two-word given name
# built only from these ("Sung-min", "Ji-woo", "Mei Ling") is a name even when neither half is
# in a list. Single syllables that are everyday English words are left out.
EAST_ASIAN_SYLLABLES = frozenset(
    """
    ji jun joon woo min sung seo seon yeon hyun hyeon soo su jin jae ho hee hye eun young yeong
    kyung kyoung hoon hun chul cheol dong seok suk sang won jung jeong mi mee na ra ri rin
    yoon yun gyu kyu tae hwan ha han bin been seung chan hyuk hyeok ye ah yu yoo jee
    mei ling li xiao xiu xin yi yan ying hui wei jia hao zhi zhen qing qiang lin fang hua
    jie jing ming ping ting yong yu zhong zi zihan chen wen feng lei tao bo hong lan
    """.split()
)

# Brands and products named after people: "jack daniel's", "dr pepper", "ben & jerry's". Their
# name parts are not someone the user knows. Lowercase, apostrophes kept, "&" as typed; two words
# or more, so that a first name alone ("wendy") is never taken for the brand.
EPONYMOUS_BRANDS = frozenset(
    " ".join(b.split())
    for b in """
    jack daniel|jack daniels|jim beam|johnnie walker|jose cuervo|captain morgan|dr pepper|
    dr pepper's|ben & jerry|ben and jerry|ben & jerry's|ben and jerry's|mrs meyer|mrs. meyer|
    albert heijn|ronald mcdonald|colonel sanders|betty crocker|uncle ben|sara lee|
    tommy hilfiger|ralph lauren|calvin klein|hugo boss|louis vuitton|christian dior|coco chanel|
    yves saint laurent|giorgio armani|victoria's secret|trader joe|dr martens|dr. martens|
    doc martens|tim hortons|harvey nichols|marks & spencer|marks and spencer|john lewis|
    papa john|little caesars|jimmy choo|kate spade|michael kors|tory burch|estee lauder|
    estée lauder|mary kay|paul smith|ted baker|fred perry|ben sherman|jack wills|
    stella mccartney|vera wang|oscar mayer|chef boyardee|orville redenbacher|newman's own|
    paul newman|marie callender|carl's jr|dave & buster|tommy bahama|abercrombie & fitch|
    jack in the box|john deere|ben franklin|mercedes benz|enzo ferrari|ferdinand porsche|
    walt disney|henry ford|jack black|johnny rockets|jimmy john|peter pan|sam adams|
    samuel adams|arthur treacher
    """.split("|")
)

# Public figures and well-known characters beyond person_name_words.FAMOUS_PEOPLE: musicians,
# athletes, writers, historical leaders, fictional detectives and heroes, full names only (a
# first name alone is never taken for one). Lowercase, accents as usually written.
MORE_PUBLIC_FIGURES = frozenset(
    " ".join(n.split())
    for n in """
    elton john|mick jagger|david bowie|prince rogers nelson|whitney houston|mariah carey|celine dion|
    dolly parton|johnny cash|frank sinatra|aretha franklin|stevie wonder|janis joplin|jimi hendrix|
    kurt cobain|amy winehouse|bruno mars|ed sheeran|olivia rodrigo|sabrina carpenter|chappell roan|
    kendrick lamar|jay-z|snoop dogg|eminem|nicki minaj|cardi b|post malone|the weeknd|harry belafonte|
    serena williams|venus williams|steffi graf|martina navratilova|rafael nadal|novak djokovic|
    andy murray|andre agassi|pete sampras|tiger woods|michael phelps|mo farah|eliud kipchoge|
    lewis hamilton|max verstappen|michael schumacher|ayrton senna|kobe bryant|stephen curry|
    tom brady|wayne gretzky|virat kohli|sachin tendulkar|ms dhoni|zinedine zidane|david beckham|
    kylian mbappe|kylian mbappé|erling haaland|mohamed salah|harry kane|megan rapinoe|
    donna tartt|toni morrison|maya angelou|margaret atwood|haruki murakami|gabriel garcía márquez|
    gabriel garcia marquez|isabel allende|chimamanda ngozi adichie|salman rushdie|zadie smith|
    sally rooney|kazuo ishiguro|agatha christie|arthur conan doyle|virginia woolf|mark twain|
    edgar allan poe|emily dickinson|sylvia plath|f. scott fitzgerald|scott fitzgerald|
    ernest hemingway|leo tolstoy|fyodor dostoevsky|franz kafka|james joyce|oscar wilde|
    charlotte bronte|charlotte brontë|emily bronte|emily brontë|mary shelley|roald dahl|
    hercule poirot|miss marple|sherlock holmes|john watson|dr watson|jane eyre|mr rochester|
    elizabeth bennet|atticus finch|holden caulfield|jay gatsby|captain ahab|huckleberry finn|
    tom sawyer|harry potter|ron weasley|albus dumbledore|severus snape|lord voldemort|
    frodo baggins|bilbo baggins|luke skywalker|han solo|princess leia|indiana jones|james bond|
    bruce wayne|clark kent|peter parker|tony stark|lara croft|homer simpson|bart simpson|
    simón bolívar|simon bolivar|che guevara|fidel castro|mao zedong|ho chi minh|jawaharlal nehru|
    indira gandhi|kwame nkrumah|jomo kenyatta|haile selassie|desmond tutu|kofi annan|
    lewis and clark|meriwether lewis|william clark|benjamin franklin|thomas jefferson|
    theodore roosevelt|franklin roosevelt|john f kennedy|john f. kennedy|ronald reagan|
    margaret thatcher|tony blair|charles de gaulle|otto von bismarck|catherine the great|
    peter the great|ivan the terrible|queen elizabeth ii|king henry viii|anne boleyn|
    marie antoinette|louis xiv|joan of arc|leonardo dicaprio|meryl streep|denzel washington|
    morgan freeman|scarlett johansson|jennifer aniston|jennifer lopez|will smith|tom cruise|
    johnny depp|angelina jolie|margot robbie|ryan gosling|pedro pascal|shah rukh khan|
    amitabh bachchan|priyanka chopra|jackie chan|bruce lee|hayao miyazaki|akira kurosawa|
    steve wozniak|larry page|sergey brin|jack ma|richard branson|oprah winfrey|
    neil armstrong|buzz aldrin|yuri gagarin|amelia earhart|rosa parks|malcolm x|frederick douglass|
    harriet tubman|anne frank|helen keller|pablo neruda|frida kahlo|diego rivera|salvador dali|
    salvador dalí|claude monet|andy warhol|banksy|wolfgang amadeus mozart|johann sebastian bach|
    ludwig van beethoven|frederic chopin|frédéric chopin
    """.split("|")
)

# Words that make a capitalised phrase a place or a sight ("Vatican Museums", "Wadi Rum",
# "Mount Kenya"). Not "Lake", "River", "Church", "Bay": those are names and surnames too.
PLACE_HEAD_WORDS = frozenset(
    "museums gallery galleries gardens palace castle cathedral abbey temple shrine mosque basilica "
    "monastery chapel fort falls mount canyon desert valley wadi gorge island islands peninsula "
    "plaza piazza souk bazaar market".split()
)
