"""Outlet detection: wire datelines, page furniture, domains, never a guess."""
from dataclasses import dataclass

import pytest

from articles.text.outlets import KINDS, KNOWN_OUTLETS, OutletMatch, canonical_name, detect_outlet


def test_the_registry_is_well_formed():
    assert 35 <= len(KNOWN_OUTLETS) <= 80
    assert len({o.slug for o in KNOWN_OUTLETS}) == len(KNOWN_OUTLETS)
    assert all(o.kind in KINDS for o in KNOWN_OUTLETS)
    names = [n.casefold() for o in KNOWN_OUTLETS for n in (o.name, *o.aliases)]
    assert len(names) == len(set(names))  # an alias names one outlet only
    for name, alias in [("AFP", "Agence France-Presse"), ("AP", "Associated Press"), ("Financial Times", "FT"),
                        ("The New York Times", "NYT"), ("Al Jazeera", "Al Jazeera English")]:
        assert canonical_name(alias) == name


@pytest.mark.parametrize(
    "text, name, evidence",
    [
        ("Iran talks\nBAGHDAD (AFP) — The envoys met.", "AFP", "BAGHDAD (AFP)"),
        ("(Reuters) - The envoys met.", "Reuters", "(Reuters)"),
        ("WASHINGTON, May 28 (Reuters) - The envoys met.", "Reuters", "WASHINGTON, May 28 (Reuters)"),
        ("BAGHDAD, Iraq (CNN) -- The envoys met.", "CNN", "BAGHDAD, Iraq (CNN)"),
        ("- The Washington Times - Tuesday, May 29, 2007\nBAGHDAD - The envoys met.", "The Washington Times",
         "- The Washington Times - Tuesday, May 29, 2007"),
        ("The envoys met.\nSource : Al Jazeera, News Agencies", "Al Jazeera", "Source : Al Jazeera, News Agencies"),
        ("The envoys met.\nCopyright 2007 The Associated Press. All rights reserved.", "AP",
         "Copyright 2007 The Associated Press. All rights reserved."),
        ("By Jane Roe, BBC News\nThe envoys met.", "BBC", "By Jane Roe, BBC News"),
    ],
)
def test_the_page_names_its_outlet(text, name, evidence):
    assert detect_outlet(text) == OutletMatch(name, evidence, True)


def test_wire_copy_republished_on_another_site_is_the_wires():
    text = "Copyright 2019 Some Blog\nPARIS (AFP) — Le texte.\nThe envoys met."
    assert detect_outlet(text, url="https://www.someblog.fr/x").name == "AFP"


def test_an_outlet_missing_from_the_registry_is_reported_unverified():
    assert detect_outlet("TOKYO (Kyodo) - The envoys met.") == OutletMatch("Kyodo", "TOKYO (Kyodo)", False)
    assert detect_outlet("The envoys met.\nSource: Daily Planet") == OutletMatch("Daily Planet", "Source: Daily Planet", False)
    assert detect_outlet("The envoys met.", url="https://www.dailyplanet.com/a/1") == OutletMatch("dailyplanet.com", "dailyplanet.com", False)


def test_domains_match_with_subdomains():
    assert detect_outlet("The envoys met.", url="http://news.bbc.co.uk/2/hi/1.stm").name == "BBC"
    assert detect_outlet("The envoys met.", url="ft.com/content/abc").name == "Financial Times"


def test_self_references_count_only_with_the_outlets_own_timestamp():
    body = "Zebari told the FT that the talks went well."
    assert detect_outlet(body) is None  # papers cite other papers' interviews
    stamped = "Published: May 28 2007 14:46 | Last updated: May 28 2007 22:39\n" + body
    assert detect_outlet(stamped) == OutletMatch("Financial Times", "told the FT", True)
    two = stamped + " He told the BBC the same."
    assert detect_outlet(two) is None  # two outlets named: no way to choose


@pytest.mark.parametrize(
    "text",
    [
        "The envoys met in Baghdad on Monday.",
        "Photo of the meeting [AFP]\nThe envoys met.",
        "Copyright © 2018\nThe envoys met.",
        "The envoys met.\nSource: News Agencies",
        "The minister (Iraq) - said nothing.",
        "",
    ],
)
def test_no_evidence_no_outlet(text):
    assert detect_outlet(text) is None


def test_curated_outlets_from_the_database_can_be_passed():
    @dataclass
    class Row:  # what the Outlet model offers: no domains field
        name: str
        aliases: list

    rows = [Row("Daily Planet", ["The Planet", "DP"])]
    assert detect_outlet("METROPOLIS (DP) - Superman seen.", known=rows) == OutletMatch("Daily Planet", "METROPOLIS (DP)", True)
    assert detect_outlet("Source: The Planet", known=rows).known


@pytest.mark.parametrize(
    "text, name",
    [
        ("Washington (CNN)President Mara Lind said on Monday that talks would go on.", "CNN"),
        ("LONDON (Reuters)“We are ready,” the minister said.", "Reuters"),
        ("THE WASHINGTON TIMES\nTalks go on\nThe envoys met.", "The Washington Times"),
    ],
)
def test_a_broadcasters_glued_credit_and_a_masthead_in_capitals(text, name):
    assert detect_outlet(text).name == name


@pytest.mark.parametrize(
    "text",
    [
        "WORLD NEWS\nTalks go on\nThe envoys met.",  # a section label, not a masthead
        "Cairo (Iraq)The envoys met.",  # an unknown name glued to the lead is no credit
    ],
)
def test_capitals_and_glued_brackets_alone_name_no_outlet(text):
    assert detect_outlet(text) is None
