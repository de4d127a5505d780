"""Which outlet published an article, from what the page itself prints.

``KNOWN_OUTLETS`` seeds the database's Outlet table (curators edit it in the
admin, and ``detect_outlet`` accepts those curated rows in its place).
Detection never guesses: it reports an outlet only on evidence a reader
would accept, strongest first:

1. a wire dateline ("BAGHDAD (AFP) —", "(Reuters) -"): wire copy keeps the
   agency's name wherever it is republished, so it wins over the site;
2. the page's own furniture: a masthead line ("- The Daily Planet - Tuesday,
   May 29, 2007"), a source line ("Source : X, News Agencies"), a byline
   credit ("By Jane Roe, Associated Press"), a copyright line;
3. the address the page came from (its domain);
4. an outlet naming itself in the copy ("told the FT"), but only on a page
   with the outlet's own "Published … | Updated …" timestamp, since articles
   often cite interviews other outlets gave.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from articles.text.clean import strip_residue
from articles.text.dates import find_dates
from articles.text.metadata import MASTHEAD


@dataclass(frozen=True)
class OutletInfo:
    name: str
    slug: str
    aliases: tuple[str, ...] = ()
    kind: str = "newspaper"  # agency, newspaper, broadcaster, magazine, online, blog
    country: str = ""
    homepage: str = ""
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutletMatch:
    name: str
    evidence: str  # the verbatim text (or domain) that identified the outlet
    known: bool  # False: named by the page but not in the registry


def _o(name, slug, aliases, kind, country, homepage, *domains):
    return OutletInfo(name, slug, tuple(aliases), kind, country, homepage, tuple(domains))


KNOWN_OUTLETS: tuple[OutletInfo, ...] = (
    # Wire agencies
    _o("AFP", "afp", ["Agence France-Presse", "Agence France Presse"], "agency", "France", "https://www.afp.com", "afp.com"),
    _o("AP", "ap", ["Associated Press", "The Associated Press"], "agency", "United States", "https://apnews.com", "apnews.com", "ap.org"),
    _o("Reuters", "reuters", ["Thomson Reuters"], "agency", "United Kingdom", "https://www.reuters.com", "reuters.com"),
    _o("Xinhua", "xinhua", ["Xinhua News Agency", "Xinhuanet"], "agency", "China", "http://www.xinhuanet.com", "xinhuanet.com", "news.cn"),
    _o("Bloomberg", "bloomberg", ["Bloomberg News"], "agency", "United States", "https://www.bloomberg.com", "bloomberg.com"),
    _o("UPI", "upi", ["United Press International"], "agency", "United States", "https://www.upi.com", "upi.com"),
    _o("dpa", "dpa", ["Deutsche Presse-Agentur"], "agency", "Germany", "https://www.dpa.com", "dpa.com"),
    _o("IRNA", "irna", ["Islamic Republic News Agency"], "agency", "Iran", "https://en.irna.ir", "irna.ir"),
    _o("Anadolu Agency", "anadolu-agency", ["Anadolu", "AA"], "agency", "Turkey", "https://www.aa.com.tr", "aa.com.tr"),
    _o("PTI", "pti", ["Press Trust of India"], "agency", "India", "https://www.ptinews.com", "ptinews.com"),
    _o("TASS", "tass", ["ITAR-TASS"], "agency", "Russia", "https://tass.com", "tass.com"),
    # Newspapers
    _o("Financial Times", "financial-times", ["FT", "The Financial Times", "FT.com"], "newspaper", "United Kingdom", "https://www.ft.com", "ft.com"),
    _o("The Washington Times", "washington-times", ["Washington Times"], "newspaper", "United States", "https://www.washingtontimes.com", "washingtontimes.com"),
    _o("The New York Times", "new-york-times", ["New York Times", "NYT", "NY Times"], "newspaper", "United States", "https://www.nytimes.com", "nytimes.com"),
    _o("The Washington Post", "washington-post", ["Washington Post", "WaPo"], "newspaper", "United States", "https://www.washingtonpost.com", "washingtonpost.com"),
    _o("The Wall Street Journal", "wall-street-journal", ["Wall Street Journal", "WSJ"], "newspaper", "United States", "https://www.wsj.com", "wsj.com"),
    _o("The Guardian", "guardian", ["Guardian", "theguardian.com", "guardian.co.uk"], "newspaper", "United Kingdom", "https://www.theguardian.com", "theguardian.com", "guardian.co.uk"),
    _o("The Times", "the-times", ["The Times of London", "The Sunday Times"], "newspaper", "United Kingdom", "https://www.thetimes.co.uk", "thetimes.co.uk", "thetimes.com"),
    _o("The Daily Telegraph", "telegraph", ["The Telegraph", "Daily Telegraph"], "newspaper", "United Kingdom", "https://www.telegraph.co.uk", "telegraph.co.uk"),
    _o("The Independent", "independent", ["Independent"], "newspaper", "United Kingdom", "https://www.independent.co.uk", "independent.co.uk"),
    _o("Daily Mail", "daily-mail", ["Mail Online", "MailOnline", "The Daily Mail"], "newspaper", "United Kingdom", "https://www.dailymail.co.uk", "dailymail.co.uk"),
    _o("USA Today", "usa-today", [], "newspaper", "United States", "https://www.usatoday.com", "usatoday.com"),
    _o("Los Angeles Times", "los-angeles-times", ["LA Times", "L.A. Times", "The Los Angeles Times"], "newspaper", "United States", "https://www.latimes.com", "latimes.com"),
    _o("The Christian Science Monitor", "christian-science-monitor", ["Christian Science Monitor", "CSM"], "newspaper", "United States", "https://www.csmonitor.com", "csmonitor.com"),
    _o("The Boston Globe", "boston-globe", ["Boston Globe"], "newspaper", "United States", "https://www.bostonglobe.com", "bostonglobe.com"),
    _o("The Times of India", "times-of-india", ["Times of India", "TOI"], "newspaper", "India", "https://timesofindia.indiatimes.com", "indiatimes.com"),
    _o("The Hindu", "the-hindu", ["Hindu"], "newspaper", "India", "https://www.thehindu.com", "thehindu.com"),
    _o("Haaretz", "haaretz", [], "newspaper", "Israel", "https://www.haaretz.com", "haaretz.com"),
    _o("The Jerusalem Post", "jerusalem-post", ["Jerusalem Post"], "newspaper", "Israel", "https://www.jpost.com", "jpost.com"),
    _o("South China Morning Post", "scmp", ["SCMP"], "newspaper", "Hong Kong", "https://www.scmp.com", "scmp.com"),
    _o("The Sydney Morning Herald", "sydney-morning-herald", ["Sydney Morning Herald", "SMH"], "newspaper", "Australia", "https://www.smh.com.au", "smh.com.au"),
    _o("The Globe and Mail", "globe-and-mail", ["Globe and Mail"], "newspaper", "Canada", "https://www.theglobeandmail.com", "theglobeandmail.com"),
    _o("Tehran Times", "tehran-times", [], "newspaper", "Iran", "https://www.tehrantimes.com", "tehrantimes.com"),
    _o("Gulf News", "gulf-news", [], "newspaper", "United Arab Emirates", "https://gulfnews.com", "gulfnews.com"),
    # Broadcasters
    _o("BBC", "bbc", ["BBC News", "British Broadcasting Corporation", "BBC World Service"], "broadcaster", "United Kingdom", "https://www.bbc.co.uk/news", "bbc.co.uk", "bbc.com"),
    _o("CNN", "cnn", ["Cable News Network", "CNN International"], "broadcaster", "United States", "https://www.cnn.com", "cnn.com"),
    _o("Al Jazeera", "al-jazeera", ["Al Jazeera English", "Aljazeera", "Al-Jazeera"], "broadcaster", "Qatar", "https://www.aljazeera.com", "aljazeera.com", "aljazeera.net"),
    _o("NPR", "npr", ["National Public Radio"], "broadcaster", "United States", "https://www.npr.org", "npr.org"),
    _o("Fox News", "fox-news", ["Fox News Channel", "FoxNews.com"], "broadcaster", "United States", "https://www.foxnews.com", "foxnews.com"),
    _o("CBS News", "cbs-news", ["CBS"], "broadcaster", "United States", "https://www.cbsnews.com", "cbsnews.com"),
    _o("NBC News", "nbc-news", ["NBC"], "broadcaster", "United States", "https://www.nbcnews.com", "nbcnews.com"),
    _o("ABC News", "abc-news", ["ABC"], "broadcaster", "United States", "https://abcnews.go.com", "abcnews.go.com"),
    _o("Sky News", "sky-news", [], "broadcaster", "United Kingdom", "https://news.sky.com", "news.sky.com"),
    _o("Deutsche Welle", "deutsche-welle", ["DW"], "broadcaster", "Germany", "https://www.dw.com", "dw.com"),
    _o("France 24", "france-24", ["France24"], "broadcaster", "France", "https://www.france24.com", "france24.com"),
    _o("Radio Free Europe/Radio Liberty", "rferl", ["RFE/RL", "Radio Free Europe"], "broadcaster", "United States", "https://www.rferl.org", "rferl.org"),
    _o("Voice of America", "voa", ["VOA", "VOA News"], "broadcaster", "United States", "https://www.voanews.com", "voanews.com"),
    _o("Press TV", "press-tv", ["PressTV"], "broadcaster", "Iran", "https://www.presstv.ir", "presstv.ir"),
    # Magazines and online outlets
    _o("The Economist", "economist", ["Economist"], "magazine", "United Kingdom", "https://www.economist.com", "economist.com"),
    _o("Time", "time", ["Time magazine"], "magazine", "United States", "https://time.com", "time.com"),
    _o("Newsweek", "newsweek", [], "magazine", "United States", "https://www.newsweek.com", "newsweek.com"),
    _o("Foreign Policy", "foreign-policy", [], "magazine", "United States", "https://foreignpolicy.com", "foreignpolicy.com"),
    _o("The Atlantic", "the-atlantic", ["Atlantic"], "magazine", "United States", "https://www.theatlantic.com", "theatlantic.com"),
    _o("Politico", "politico", ["Politico Europe"], "online", "United States", "https://www.politico.com", "politico.com", "politico.eu"),
    _o("HuffPost", "huffpost", ["Huffington Post", "The Huffington Post"], "online", "United States", "https://www.huffpost.com", "huffpost.com", "huffingtonpost.com"),
    _o("Axios", "axios", [], "online", "United States", "https://www.axios.com", "axios.com"),
)

KINDS = ("agency", "newspaper", "broadcaster", "magazine", "online", "blog")


# --- looking names up -------------------------------------------------------


def _key(name: str) -> str:
    """'The Washington Times' and 'washington times' are the same outlet."""
    key = " ".join(re.sub(r"[^\w&./ -]+", " ", name.casefold()).split())
    return key[4:] if key.startswith("the ") and len(key) > 4 else key


class _Index:
    def __init__(self, known):
        self.names: dict[str, object] = {}
        self.domains: dict[str, object] = {}
        for info in known:
            for name in (info.name, *(getattr(info, "aliases", None) or ())):
                if isinstance(name, str) and name.strip():
                    self.names.setdefault(_key(name), info)
            for domain in getattr(info, "domains", None) or ():
                if isinstance(domain, str) and domain.strip():
                    self.domains.setdefault(domain.casefold().strip().lstrip("."), info)

    def lookup(self, name: str):
        return self.names.get(_key(name)) if name and len(name) <= 100 else None

    def by_domain(self, host: str):
        parts = host.casefold().split(".")
        for i in range(len(parts) - 1):
            info = self.domains.get(".".join(parts[i:]))
            if info:
                return info
        return None


@lru_cache(maxsize=4)
def _cached_index(known: tuple) -> _Index:
    return _Index(known)


def _index(known) -> _Index:
    if isinstance(known, tuple):
        try:
            return _cached_index(known)
        except TypeError:  # unhashable rows
            pass
    return _Index(list(known))


def canonical_name(name: str | None, known=KNOWN_OUTLETS) -> str | None:
    """The registry's name for ``name`` (through aliases), else ``name``."""
    if not name:
        return name
    info = _index(known).lookup(name)
    return info.name if info else name


# --- evidence in the text ---------------------------------------------------

# "BAGHDAD (AFP) —", "WASHINGTON, May 28 (Reuters) -", "(Kyodo) -", and the
# broadcasters' "Washington (CNN)The president ..." with no dash at all.
_WIRE = re.compile(
    r"^(?P<place>[A-Z][\w.'’]*(?:[ -][A-Z][\w.'’]*){0,3}(?:,\s*[A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,2})?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*)?"
    r"\((?P<agency>[A-Z][\w.&’'-]*(?:[ /][A-Za-z][\w.&’'-]*){0,3})\)(?:\s*(?:—|–|-{1,2}|:)|(?P<glued>(?=[A-Z“\"‘])))"
)
_SOURCE = re.compile(r"^(?:sources?|via)\s*:\s*(?P<names>.{2,120})$", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d\s*(?:[-–]\s*(?:19|20)?\d\d)?\s*,?\s*)?(?P<name>[A-Z][^.|\n]{1,60})",
    re.IGNORECASE,
)
_COMPANY_SUFFIX = re.compile(r"[,\s]+(?:llc|inc|ltd|limited|plc|gmbh|corp|corporation|co|all rights reserved)\b.*$", re.IGNORECASE)
_BYLINE_CREDIT = re.compile(r"^by\s+[^|,]{2,60}[,|]\s*(?P<names>.{2,80})$", re.IGNORECASE)
_SELF_REFERENCE = re.compile(
    r"\b(?:told|interview with|speaking to|said to)\s+(?P<name>(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})"
    r"|(?P<owner>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s\s+(?:[\w-]+\s+){0,3}?(?:correspondent|reporter|bureau chief)\b"
)
# The outlet's own site stamps both times ("Published: … | Last updated: …");
# republishing blogs and aggregators print one date of their own.
_OWN_TIMESTAMP = re.compile(r"\bpublished\b.{0,60}\|.{0,20}\bupdated\b", re.IGNORECASE)
_GENERIC_SOURCES = {"news agencies", "agencies", "wires", "wire services", "staff", "staff and agencies", "agency", "wire"}
_NAME_LIKE = re.compile(r"(?:[A-Z][\w.&'’-]*|of|and|the|&)(?: (?:[A-Z][\w.&'’-]*|of|and|the|&)){0,5}")

_WIRE_LINES = 25  # the lead sits near the top of the page
_MAX_LINE = 400


def detect_outlet(text: str, url: str | None = None, known=KNOWN_OUTLETS) -> OutletMatch | None:
    """The outlet the page shows it comes from, or None (never a guess)."""
    index = _index(known)
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return (
        _wire(lines, index)
        or _furniture(lines, index)
        or _domain(url, index, known_only=True)
        or _self_reference(text or "", lines, index)
        or _furniture(lines, index, known_only=False)
        or _domain(url, index, known_only=False)
    )


def _match(name: str, evidence: str, index: _Index, *, known_only=True) -> OutletMatch | None:
    name = name.strip(" ,;:-–—|")
    info = index.lookup(name)
    if info:
        return OutletMatch(info.name, evidence, True)
    if known_only or _key(name) in _GENERIC_SOURCES or not _NAME_LIKE.fullmatch(name):
        return None
    return OutletMatch(name, evidence, False)


def _wire(lines, index):
    for line in lines[:_WIRE_LINES]:
        line = strip_residue(line[:_MAX_LINE])
        found = _WIRE.match(line)
        if not found:
            continue
        agency = found.group("agency")
        evidence = line[: found.end("agency") + 1]
        for name in (agency, *re.split(r"[/]", agency)):
            match = _match(name, evidence, index, known_only=False)
            if match and (match.known or (_looks_like_agency(name) and found.group("glued") is None)):
                return match
    return None


def _looks_like_agency(name: str) -> bool:
    # "(Kyodo)" or "(IANS)": one word; "(Iraq)" after a place is rare but
    # possible, so longer or lower-case texts are not taken on trust.
    return bool(re.fullmatch(r"[A-Z][A-Za-z]{1,15}", name))


def _furniture(lines, index, *, known_only=True):
    for line in lines[:_WIRE_LINES]:
        # A masthead set in capitals ("THE WASHINGTON TIMES"): a known name only,
        # since section labels ("WORLD NEWS") are set the same way.
        if len(line) <= 60 and line.isupper():
            info = index.lookup(line)
            if info:
                return OutletMatch(info.name, line, True)
    for line in lines:
        if len(line) > 200:
            continue
        found = MASTHEAD.match(line)
        if found and find_dates(found.group("rest")):
            match = _match(found.group("name"), line, index, known_only=known_only)
            if match:
                return match
        found = _SOURCE.match(line)
        if found:
            for name in re.split(r"[,;/]| and ", found.group("names")):
                match = _match(name, line, index, known_only=known_only)
                if match:
                    return match
        found = _BYLINE_CREDIT.match(line)
        if found:
            for name in re.split(r"[,;|]", found.group("names")):
                match = _match(name, line, index)  # only known names: the rest are roles
                if match:
                    return match
    for line in lines:
        if len(line) > 300:
            continue
        found = _COPYRIGHT.match(line)
        if found:
            name = _COMPANY_SUFFIX.sub("", found.group("name")).strip()
            match = _match(name, line, index, known_only=known_only)
            if match:
                return match
    return None


def _domain(url, index, *, known_only):
    if not url or not isinstance(url, str):
        return None
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").strip(".")
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    info = index.by_domain(host)
    if info:
        return OutletMatch(info.name, host, True)
    if known_only:
        return None
    host = host[4:] if host.startswith("www.") else host
    return OutletMatch(host, host, False)


def _self_reference(text, lines, index):
    if not any(_OWN_TIMESTAMP.search(line) for line in lines[:40] if len(line) < 200):
        return None
    found = {}
    for match in _SELF_REFERENCE.finditer(text[:200_000]):
        name = match.group("name") or match.group("owner")
        words = name.split()
        # "told the FT on Monday": try the longest run of words that is a name
        for end in range(len(words), 0, -1):
            info = index.lookup(" ".join(words[:end]))
            if info:
                found.setdefault(info.name, match.group(0).strip())
                break
    if len(found) == 1:
        (name, evidence), = found.items()
        return OutletMatch(name, evidence, True)
    return None
