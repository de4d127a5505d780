"""Stance of a statement and unnamed sources, from general news style."""
import json

import pytest

from articles.text.framing import (
    ASSERTED, ATTRIBUTED, HEDGED, is_anonymous_source, names_someone, quoted_spans, stance,
)
from tests.conftest import DATA


@pytest.mark.parametrize("sentence", [
    "The rebels reportedly seized the airport on Tuesday.",
    "The minister allegedly took bribes from the contractor.",
    "The gunman is believed to have acted alone.",
    "The attackers were thought to be foreign fighters.",
    "The fire may have started in the kitchen.",
    "The ship appeared to change course before the collision.",
    "Three people died, according to the health ministry.",
    "The suspected militants fled across the border.",
])
def test_it_finds_the_outlets_hedges(sentence):
    label, cues = stance(sentence)
    assert label == HEDGED
    assert cues


@pytest.mark.parametrize("sentence", [
    "The talks were constructive, the ambassador said.",
    "Police told reporters that two men had been arrested.",
    "She insisted that the budget would balance.",
    "The opposition accused the government of rigging the vote.",
    "“We will not back down from this fight,” she said.",
    "Mr. Smith said: “The plan is dead.”",
])
def test_it_finds_attributions(sentence):
    assert stance(sentence)[0] == ATTRIBUTED


@pytest.mark.parametrize("sentence", [
    "The bridge collapsed on Monday, killing four people.",
    "Parliament passed the bill by 312 votes to 210.",
    "The company’s comment that it was cutting jobs came late.",
    "The so-called “peace dividend” never arrived.",
])
def test_it_leaves_plain_statements_asserted(sentence):
    assert stance(sentence) == (ASSERTED, [])


def test_a_hedge_inside_a_quotation_is_the_speakers_not_the_outlets():
    label, cues = stance("“He may have lied to us,” the senator said.")
    assert label == ATTRIBUTED
    assert "may have" not in cues


def test_a_modal_inside_reported_speech_stays_attributed():
    assert stance("The tax change could have large effects, said an economist.")[0] == ATTRIBUTED


def test_the_outlets_hedge_outranks_an_attribution():
    assert stance("The deal is done, he said, according to excerpts released by his office.") == (
        HEDGED, ["according to"])


def test_it_reads_quotations_that_open_or_close_in_another_sentence():
    assert quoted_spans("It was a good day.” He left.") == [(0, 19)]
    assert quoted_spans("“And then we left.") == [(0, 18)]
    assert stance("“Both parties are deeply suspicious of one another.")[0] == ATTRIBUTED


@pytest.mark.parametrize("cue", [
    "a senior official said",
    "officials said",
    "according to people familiar with the matter",
    "sources said",
    "a spokesman who asked not to be named",
    "said a diplomat who spoke on condition of anonymity",
    "White House officials said",
    "two Western diplomats told reporters",
    "an aide who was not authorized to speak publicly",
    "a person close to the negotiations",
])
def test_it_recognises_unnamed_sources(cue):
    assert is_anonymous_source(cue)


@pytest.mark.parametrize("cue", [
    "Mr. Crocker said",
    "said Brad Woodhouse, a spokesman for the Democratic National Committee",
    "the ambassador said",
    "he told reporters",
    "said Hoshyar Zebari",
])
def test_it_does_not_count_named_or_resolved_speakers_as_anonymous(cue):
    assert not is_anonymous_source(cue)


def test_a_name_is_two_capitalised_words_that_are_not_an_organisation():
    assert names_someone("said Jane Doe")
    assert not names_someone("White House officials said")


def test_stance_agrees_with_the_hand_made_key():
    """The key was labelled from the text before the classifier existed;
    docs/quality.md reports the figure with per-label precision and recall."""
    key = json.loads((DATA / "stance-key.json").read_text(encoding="utf-8"))["statements"]
    assert len(key) >= 60
    right = sum(stance(item["sentence"])[0] == item["label"] for item in key)
    assert right / len(key) >= 0.9
