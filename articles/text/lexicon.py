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

# Surface forms of countries and their demonyms, mapped to one key.
_NATIONS = {
    "us": "us u.s. usa u.s.a. america american americans washington",
    "uk": "uk u.k. britain british briton britons england english",
    "iran": "iran iranian iranians tehran persian",
    "iraq": "iraq iraqi iraqis baghdad",
    "syria": "syria syrian syrians damascus",
    "israel": "israel israeli israelis",
    "palestine": "palestine palestinian palestinians",
    "russia": "russia russian russians moscow kremlin",
    "china": "china chinese beijing",
    "france": "france french paris",
    "germany": "germany german germans berlin",
    "italy": "italy italian italians",
    "spain": "spain spanish",
    "japan": "japan japanese tokyo",
    "india": "india indian indians",
    "pakistan": "pakistan pakistani pakistanis",
    "afghanistan": "afghanistan afghan afghans kabul",
    "egypt": "egypt egyptian egyptians cairo",
    "turkey": "turkey turkish turks ankara",
    "saudi": "saudi saudis",
    "jordan": "jordan jordanian",
    "lebanon": "lebanon lebanese beirut",
    "ukraine": "ukraine ukrainian ukrainians kyiv kiev",
    "canada": "canada canadian canadians",
    "australia": "australia australian australians",
    "mexico": "mexico mexican mexicans",
    "brazil": "brazil brazilian",
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
    "korea": "korea korean koreans seoul",
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
    "eu": "eu european",
    "un": "un u.n.",
    "nato": "nato",
}
NATIONALITY = {w: key for key, words in _NATIONS.items() for w in words.split()}
NATIONALITY_BIGRAMS = {"united states": "us", "united kingdom": "uk",
                       "saudi arabia": "saudi", "south korea": "korea",
                       "north korea": "nkorea", "new zealand": "nz",
                       "south africa": "safrica", "united nations": "un",
                       "european union": "eu"}

PERSONAL_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
GROUP_PRONOUNS = frozenset("they them we us".split())
