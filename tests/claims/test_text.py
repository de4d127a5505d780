"""Sentences, values and alignment on text written for these tests."""
from hypothesis import given, strategies as st

from claims.text.align import align
from articles.text.sentences import split_sentences
from claims.text.values import compare, extract


def test_sentences_keep_offsets_and_skip_abbreviations():
    body = "Mr. Smith met U.S. officials on Monday. He left at 5 p.m. The talks ended.\n\nA fused line in 27 years.The next one."
    sentences = split_sentences(body)
    assert [s.text for s in sentences] == [
        "Mr. Smith met U.S. officials on Monday.", "He left at 5 p.m.", "The talks ended.",
        "A fused line in 27 years.", "The next one.",
    ]
    assert all(body[s.start:s.end] == s.text for s in sentences)


@given(st.text(alphabet=st.sampled_from("ab .U\n\"“”A1"), max_size=80))
def test_sentence_offsets_always_match(body):
    for s in split_sentences(body):
        assert body[s.start:s.end] == s.text and s.text.strip() == s.text


def _q(text):
    return [(q.unit, q.low, q.high) for q in extract(text).quantities]


def test_numbers_in_words_digits_and_hedges():
    assert _q("a 27-year freeze") == [("year", 27, 27)]
    assert _q("talks lasted nearly four hours")[0][0:1] == ("hour",)
    assert _q("at least 19 people were killed") == [("killed", 19, float("inf"))]
    assert _q("more than a quarter-century of hostility") == [("year", 25, float("inf"))]
    assert _q("the flood of 1998 hit twenty-one villages") == []


def test_compatible_and_conflicting_values():
    docs = {"a": extract("It was the first meeting in 27 years."),
            "b": extract("It was the first meeting in almost 30 years.")}
    assert not compare(docs).conflicts
    docs = {"a": extract("The crash killed 12 passengers."), "b": extract("The crash killed 15 passengers.")}
    [conflict] = compare(docs).conflicts
    assert conflict.label == "killed"
    docs = {"a": extract("Police are holding four suspects."), "b": extract("Four were arrested. Two are still in custody.")}
    assert compare(docs).conflicts


def test_role_and_venue_conflicts():
    docs = {"a": extract("French Foreign Minister Claire Dubois arrived."),
            "b": extract("Claire Dubois, Germany's foreign minister, arrived.")}
    [conflict] = compare(docs).conflicts
    assert conflict.kind == "title"
    docs = {"a": extract("They met at the home of Governor Paulo Reis."),
            "b": extract("They met in the offices of Paulo Reis.")}
    assert [c.kind for c in compare(docs).conflicts] == ["place"]
    docs = {"a": extract("They met at the home of Paulo Reis."), "b": extract("They met at Paulo Reis's house.")}
    assert not compare(docs).conflicts


def test_years_compared_only_when_they_date_the_same_thing():
    docs = {"a": extract("The treaty was signed in 1994."), "b": extract("The treaty was signed in 1995.")}
    assert compare(docs).conflicts
    docs = {"a": extract("The treaty was signed in 1994."), "b": extract("Elections were held in 2001.")}
    assert not compare(docs).conflicts


def test_alignment_groups_paraphrases_and_keeps_facts_apart():
    a = ("Firefighters battled a blaze at the Norvik chemical plant for nine hours on Tuesday.\n\n"
         "The company said no workers were injured.\n\n"
         "Mayor Ines Castro ordered schools near the plant closed.")
    b = ("A fire at the Norvik chemical plant burned for almost nine hours before firefighters put it out.\n\n"
         "Mayor Ines Castro closed schools near the plant as a precaution.\n\n"
         "Shares in the company fell 4 percent.")
    c = ("No workers were injured in the Norvik plant fire, the company said.\n\n"
         "The regional environment agency is testing the air.")
    groups = align([("a", a), ("b", b), ("c", c)])
    as_sets = [{(u.doc, u.text.split()[0]) for u in g.units} for g in groups]
    assert any({("a", "Firefighters"), ("b", "A")} <= s for s in as_sets)
    assert {("a", "Mayor"), ("b", "Mayor")} in as_sets
    assert not any({("a", "Mayor"), ("a", "The")} & s and ("b", "Shares") in s for s in as_sets)
    assert any({("a", "The"), ("c", "No")} <= s for s in as_sets)
    assert all(len({d for d, _ in s}) == len(s) for s in as_sets)  # one unit per article
