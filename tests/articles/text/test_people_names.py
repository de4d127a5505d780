"""Names as an article prints them: clutter cut off, non-persons refused."""
import pytest

from articles.text.people import find_people


@pytest.fixture
def names(nlp):
    def run(body):
        return [c.name for c in find_people(body, nlp(body)).clusters]

    return run


def test_a_hover_card_repeating_the_name_is_cut_off(names):
    body = "US ambassador Ryan Crocker Ryan Crocker Envoy Warns Iran On Talks said the meeting was useful."
    assert "Ryan Crocker" in names(body)
    assert not any("Crocker Ryan" in n for n in names(body))


def test_a_repeated_last_word_is_cut_off(names):
    assert names("Ambassador Ryan Crocker Crocker said the talks went well.") == ["Ryan Crocker"]


def test_a_more_link_in_capitals_is_not_part_of_the_name(names):
    assert names("Ambassador Ryan Crocker MORE said the talks went well.") == ["Ryan Crocker"]


def test_a_photo_credit_names_no_one(names):
    assert names("Photo: Jonas Berg/Getty Images. The talks went well, said Mr. Crocker.") == ["Crocker"]


@pytest.mark.parametrize("word", ["God", "Facebook", "Conservatism", "Medicare"])
def test_words_that_are_never_names_are_not_people(names, word):
    assert names(f"{word} said nothing, according to Senator Ada Krall.") == ["Ada Krall"]


def test_a_courtesy_title_of_the_other_gender_is_another_person(names):
    body = ("Sara Obi, the senator's daughter, spoke first. Mr. Obi followed her.")
    found = names(body)
    assert "Sara Obi" in found and "Obi" in found


def test_a_place_name_reading_of_a_known_surname_is_the_person(nlp):
    body = "Mayor Elsa Bloomberg spoke on Monday.\n\nBloomberg contrasted her record with her rival's."
    people = find_people(body, nlp(body))
    assert len(people.clusters) == 1
    assert len(people.clusters[0].mentions) == 2
