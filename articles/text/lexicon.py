"""Word lists for reading news copy: reporting verbs, roles, nationalities.

They describe English news writing in general (how outlets attribute
speech and introduce people), not any particular story.
"""
from __future__ import annotations

# Lemmas of verbs that report what someone said or wrote. A quotation is
# attributed to the subject of the nearest of these that governs it.
SPEECH_VERBS = frozenset("""
say tell add stress state declare announce explain insist argue claim note
observe remark comment reply respond answer ask warn urge call describe
propose suggest acknowledge admit concede confirm deny reject dismiss
criticise criticize accuse blame praise hail condemn complain recall recount
write tweet post report maintain assert contend emphasise emphasize
underline reiterate repeat promise pledge vow predict conclude mutter
shout cry whisper joke quip boast lament testify inform brief caution
speak talk charge allege demand pronounce label brand term dub characterise
characterize welcome thank apologise apologize admit affirm counter
retort protest plead recommend signal reveal disclose estimate forecast
""".split())

# Verbs whose prepositional object is what was talked about, not what was
# said: "officials have spoken of the 'surge'" does not quote anyone.
TOPIC_VERBS = frozenset("speak talk write hear ask think know".split())
TOPIC_PREPOSITIONS = frozenset("of about on over regarding concerning".split())

# Nouns that name a person by office or function.
ROLE_NOUNS = frozenset("""
ambassador envoy diplomat minister president premier secretary spokesman
spokeswoman spokesperson official adviser advisor counterpart correspondent
reporter leader chief general commander director governor senator mayor
chairman chairwoman chair head cleric analyst lawyer attorney judge
prosecutor officer negotiator representative deputy aide king queen prince
princess ceo founder executive editor professor economist expert researcher
scientist doctor coach manager captain candidate mp lawmaker legislator
congressman congresswoman colonel lieutenant sergeant admiral activist
witness owner teacher author writer journalist campaigner emir sheikh
ayatollah imam pope bishop rabbi priest chancellor strategist consultant
president-elect secretary-general vice-president spokesmen commissioner
superintendent inspector detective constable marshal sheriff dean rector
principal whip speaker treasurer administrator ruler monarch dictator
""".split())

# Descriptions that fit almost any official ("his counterpart", "the envoy").
GENERIC_ROLES = frozenset("""
counterpart official leader head chief envoy diplomat representative
negotiator aide
""".split())

# Words that begin a role or title placed directly before a name.
TITLE_WORDS = frozenset("""
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rev rev.
president vice prime minister ambassador secretary senator sen sen. rep rep.
representative gov gov. governor mayor general gen gen. col col. colonel lt
lt. maj maj. major capt capt. captain adm adm. admiral sgt sgt. judge justice
king queen prince princess chancellor chairman chairwoman speaker pope
cardinal bishop rabbi sheikh ayatollah imam emir foreign defence defense
interior finance national security adviser advisor envoy spokesman
spokeswoman commander chief deputy director leader cleric correspondent
attorney state det insp supt ch cllr councillor pc dc
""".split())

COURTESY = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
            "miss": "f", "dr": None, "dr.": None, "prof": None, "prof.": None,
            "sir": "m", "dame": "f", "mx": None, "mx.": None}

FEMALE_ROLES = frozenset("spokeswoman chairwoman congresswoman queen princess actress".split())
MALE_ROLES = frozenset("spokesman chairman congressman king prince".split())

# Words that make a run of capitalised words an organisation, not a person.
ORG_WORDS = frozenset("""
army force forces guard guards group company corp corporation inc ltd llc
bank university college school times post news press association union
organisation organization office service institute foundation commission
court government administration police front movement network bureau fund
centre center club league federation authority board house parliament
senate congress assembly embassy church party ministry department agency
council committee watch international airlines airways channel television
radio tv mosque shrine zone street square hospital museum brigade brigades
corps navy airforce republic kingdom united states
""".split())

# Countries, their demonyms and the bodies named like them, each mapped to
# one key: only the spelling of nationality, not a judgement about which one
# a sentence means.
COUNTRIES = {
    "us": "us u.s u.s. usa u.s.a. america american americans|united states",
    "uk": "uk u.k u.k. britain british briton britons england english|united kingdom",
    "iran": "iran iranian iranians persian",
    "iraq": "iraq iraqi iraqis",
    "syria": "syria syrian syrians",
    "israel": "israel israeli israelis",
    "palestine": "palestine palestinian palestinians",
    "russia": "russia russian russians",
    "china": "china chinese",
    "france": "france french",
    "germany": "germany german germans",
    "italy": "italy italian italians",
    "spain": "spain spanish",
    "japan": "japan japanese",
    "india": "india indian indians",
    "pakistan": "pakistan pakistani pakistanis",
    "afghanistan": "afghanistan afghan afghans",
    "egypt": "egypt egyptian egyptians",
    "turkey": "turkey turkish turks",
    "saudi": "saudi saudis|saudi arabia",
    "jordan": "jordan jordanian",
    "lebanon": "lebanon lebanese",
    "ukraine": "ukraine ukrainian ukrainians",
    "canada": "canada canadian canadians",
    "australia": "australia australian australians",
    "mexico": "mexico mexican mexicans",
    "brazil": "brazil brazilian brazilians",
    "nigeria": "nigeria nigerian nigerians",
    "kenya": "kenya kenyan kenyans",
    "ireland": "ireland irish",
    "scotland": "scotland scottish",
    "greece": "greece greek greeks",
    "poland": "poland polish",
    "sweden": "sweden swedish",
    "norway": "norway norwegian",
    "netherlands": "netherlands dutch",
    "belgium": "belgium belgian",
    "switzerland": "switzerland swiss",
    "austria": "austria austrian",
    "korea": "korea korean koreans|south korea",
    "nkorea": "|north korea",
    "vietnam": "vietnam vietnamese",
    "indonesia": "indonesia indonesian",
    "philippines": "philippines philippine filipino",
    "venezuela": "venezuela venezuelan",
    "argentina": "argentina argentine argentinian",
    "cuba": "cuba cuban cubans",
    "libya": "libya libyan libyans",
    "yemen": "yemen yemeni yemenis",
    "qatar": "qatar qatari",
    "kuwait": "kuwait kuwaiti",
    "nz": "|new zealand",
    "safrica": "|south africa",
    "eu": "eu e.u european|european union",
    "un": "un u.n u.n.|united nations",
    "nato": "nato",
}
# One-word forms and multi-word forms of the table above.
COUNTRY_OF = {w: key for key, forms in COUNTRIES.items() for w in forms.split("|")[0].split()}
COUNTRY_PHRASES = [(p, key) for key, forms in COUNTRIES.items() for p in forms.split("|")[1:]]

# A capital stands for its government in news copy ("Washington said",
# "talks between Tehran and Washington"): the nationality of a speaker, but
# not the same word as the country when facts are compared.
CAPITALS = {
    "washington": "us", "london": "uk", "tehran": "iran", "baghdad": "iraq",
    "damascus": "syria", "moscow": "russia", "kremlin": "russia", "beijing": "china",
    "paris": "france", "berlin": "germany", "tokyo": "japan", "kabul": "afghanistan",
    "cairo": "egypt", "ankara": "turkey", "beirut": "lebanon", "kyiv": "ukraine",
    "kiev": "ukraine", "seoul": "korea",
}
NATIONALITY = {**COUNTRY_OF, **CAPITALS}
NATIONALITY_BIGRAMS = dict(COUNTRY_PHRASES)

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
    "dozen": 12, "half": 0.5, "quarter": 0.25,
}

# Function words and reporting words, which say nothing about what a
# sentence or quotation is about. "us" is not among them: after
# normalisation it is the country, and the pronoun is rare in news narration.
STOPWORDS = frozenset("""
a an the and or but nor of to in on at by for with from into onto over under about
as than then that this these those there here it its it's is are was were be been being
am has have had having do does did doing done not no yes so if while when where which
who whom whose what why how all any both each either neither few more most much many
other some such only own same too very can will just should would could may might must
shall also he she they we you i me him her them our your his their my mine one ones
said says say told tell telling added adding according mr mrs ms dr however after
before since during between against up down out off again further once because until
upon per via yet still even though although next going go want see
s t re ve ll d m don doesn didn isn aren wasn weren won wouldn shan shouldn can't cannot
""".split())

PERSONAL_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
GROUP_PRONOUNS = frozenset("they them we us".split())

# English given names and the short forms news copy uses for them ("Ray"
# for "Raymond", "Bill" for "William"): the same surname with a short form
# of the given name is the same person; with another given name it is not.
GIVEN_NAME_FORMS = {
    "abraham": "abe", "albert": "al bert", "alexander": "alex al sandy", "alexandra": "alex sandra",
    "alfred": "al alf fred", "andrew": "andy drew", "anthony": "tony", "antonio": "tony",
    "barbara": "barb babs", "benjamin": "ben benny", "bernard": "bernie", "beverly": "bev",
    "catherine": "cathy kate", "charles": "charlie chuck chas", "christine": "chris chrissy",
    "christopher": "chris", "cynthia": "cindy", "daniel": "dan danny", "david": "dave",
    "deborah": "debbie deb", "donald": "don donny", "douglas": "doug", "edward": "ed eddie ted ned",
    "elizabeth": "liz beth betsy betty lisa", "eugene": "gene", "francis": "frank fran",
    "frederick": "fred freddie", "gerald": "gerry jerry", "gregory": "greg", "harold": "harry hal",
    "henry": "hank harry", "jacob": "jake", "james": "jim jimmy jamie", "janet": "jan",
    "jeffrey": "jeff", "jennifer": "jen jenny", "jessica": "jess", "john": "jack johnny",
    "jonathan": "jon", "joseph": "joe joey", "joshua": "josh", "judith": "judy",
    "katherine": "kathy kate katie", "kathleen": "kathy kate", "kenneth": "ken kenny",
    "lawrence": "larry", "leonard": "leo len lenny", "margaret": "maggie meg peggy",
    "matthew": "matt", "michael": "mike mickey", "mitchell": "mitch", "nathaniel": "nate nat",
    "nicholas": "nick nicky", "patricia": "pat patty trish", "patrick": "pat", "peter": "pete",
    "philip": "phil", "raymond": "ray", "richard": "rick rich dick", "robert": "bob rob bobby bert",
    "ronald": "ron ronnie", "samuel": "sam", "stephen": "steve", "steven": "steve",
    "susan": "sue susie", "theodore": "ted teddy theo", "thomas": "tom tommy", "timothy": "tim",
    "victoria": "vicky tori", "vincent": "vince", "walter": "walt wally", "william": "bill will billy willie",
    "zachary": "zach",
}
GIVEN_NAME_FULL_FORMS: dict[str, frozenset[str]] = {
    short: frozenset(full for full, shorts in GIVEN_NAME_FORMS.items() if short in shorts.split())
    for short in {s for shorts in GIVEN_NAME_FORMS.values() for s in shorts.split()}
}

# Capitalised words that are never a person's name, though the parser may
# tag them as one: deities, places and things written like names, page
# furniture (section names, "MORE", photo credits) and ideologies.
NON_PERSON_WORDS = frozenset("""
god gods allah christ heaven hell mall internet web online twitter facebook
instagram youtube tiktok snapchat linkedin google tweet tweets hashtag email emails
photo photos photograph image images video videos getty credit courtesy file handout
more related advertisement sponsored opinion politics world business sports news
breaking live updates update watch listen read share comments comment subscribe
newsletter podcast editorial editorials analysis home section topics trending
conservatism liberalism socialism communism marxism capitalism fascism nationalism
populism progressivism libertarianism feminism islamism zionism
monday tuesday wednesday thursday friday saturday sunday
january february september october november december
obamacare medicare medicaid
tower towers building airport stadium arena plaza avenue boulevard
""".split())

# Common English given names whose bearers news copy calls "he" or "she":
# a pronoun is resolved only to a person it can stand for.
FEMALE_GIVEN_NAMES = frozenset("""
alice amanda amy andrea angela ann anna anne barbara betty beth betsy brenda carol
caroline catherine cathy cheryl christina christine claire cynthia deborah debbie denise
diana diane donna doris dorothy elaine elena elizabeth ellen emily emma evelyn frances
gloria grace hannah heather helen hillary irene jacqueline jane janet janice jean
jennifer jessica jill joan joanne joyce judith judy julia julie karen kate katherine
kathleen kathryn kathy kelly kimberly kirsten laura lauren linda lisa liz lois louise
lynn margaret maria marie marilyn martha mary megan melania melissa michelle nancy
natalie nicole nikki olivia pamela patricia paula rachel rebecca rose ruth sally sandra
sara sarah sharon shirley sonia sophia stephanie susan susie teresa theresa tina valerie
victoria virginia wendy
""".split())
MALE_GIVEN_NAMES = frozenset("""
aaron adam alan albert alexander andrew anthony arthur barack benjamin bernard bernie
bill billy bob bobby brian bruce carl charles charlie chris christopher chuck craig
dan daniel david dennis dick donald doug douglas edward eric eugene frank fred gary
george gerald gregory harold harry henry howard jack jacob james jason jeb jeff jeffrey
jeremy jerry jim jimmy joe john jonathan joseph joshua juan justin keith kenneth kevin
larry lawrence mark martin matt matthew michael mike mitch mitt nathan
nicholas patrick paul peter philip ralph randy ray raymond richard rick robert roger
ron ronald roy russell ryan sam samuel scott sean stephen steve steven ted terry
thomas tim timothy todd tom tony trey walter wayne william willie
""".split())

# Abbreviated titles and the office they stand for ("Sen. Rubio" is a senator).
ROLE_ABBREVIATIONS = {
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
    "pres": "president", "sec": "secretary", "amb": "ambassador", "lt": "lieutenant",
    "col": "colonel", "capt": "captain", "adm": "admiral", "sgt": "sergeant", "supt": "superintendent",
}

# Reporting verbs whose forms mark a sentence as what someone said even
# without quotation marks ("X said", "X told reporters", "X added that").
REPORTING_CORE = frozenset("say tell add".split())
# Past tenses and participles of speech verbs that no suffix rule forms.
IRREGULAR_FORMS = {
    "say": "said", "tell": "told", "write": "wrote written", "speak": "spoke spoken",
    "forecast": "forecast", "cry": "cried", "reply": "replied", "deny": "denied",
}

# The outlet's own hedges: it reports something without standing behind it.
HEDGE_ADVERBS = frozenset("""
reportedly allegedly apparently purportedly supposedly ostensibly seemingly
presumably possibly probably likely unconfirmed alleged purported suspected
rumoured rumored
""".split())
# "is believed to", "were reported to", "is thought to have": a passive
# verb of knowing or saying with no one doing it.
HEDGE_PASSIVES = frozenset("""
believed thought said reported understood alleged suspected rumoured rumored
expected presumed feared claimed estimated
""".split())
HEDGE_APPEARANCE = frozenset("appear appears appeared seem seems seemed".split())
HEDGE_MODALS = frozenset("may might could".split())

# Who an unnamed source is: words that stand for a person without naming them.
SOURCE_NOUNS = frozenset("""
source sources insider insiders people person officials aides diplomats
analysts observers witnesses residents members staffers
""".split())
# Determiners and quantities that leave a role noun without a name
# ("a senior official", "two diplomats", "several aides").
INDEFINITE_WORDS = frozenset("""
a an one two three four five six seven eight nine ten several some many
other others few numerous multiple various
""".split())
