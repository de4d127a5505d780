"""Who said each quotation: one rule of news style per test.

Every case is a short story written for the rule it shows; the names are
invented.
"""
import pytest

from articles.text.analyse import analyse


@pytest.fixture
def speakers(nlp):
    """The speaker's name for each quotation of a body, in order."""

    def run(body):
        result = analyse(body, nlp(body))
        return [result.people[q.speaker].name if q.speaker is not None else None for q in result.quotes]

    return run


def test_a_named_subject_after_the_quote_is_the_speaker(speakers):
    assert speakers("“We will rebuild the bridge,” Mayor Dana Whitfield said on Monday.") == ["Dana Whitfield"]


def test_an_inverted_attribution_names_the_speaker(speakers):
    body = (
        "Council member Oren Baptiste opposed the plan.\n\n"
        "“The money is simply not there,” said Baptiste, who chairs the finance committee."
    )
    assert speakers(body) == ["Oren Baptiste"]


def test_a_pronoun_goes_to_the_main_subject_not_to_a_name_in_a_clause(speakers):
    body = (
        "Governor Lena Marsh, speaking as she met Tomas Ekberg, the trade envoy, "
        "rejected the proposal on Tuesday.\n\n"
        "“It is not a serious offer,” she said."
    )
    assert speakers(body) == ["Lena Marsh"]


def test_a_pronoun_skips_people_of_the_wrong_gender(speakers):
    body = (
        "Senator Ruth Calloway met Mr. Victor Hale on Friday. Mr. Hale asked for more time.\n\n"
        "“We have given him enough time already,” she said."
    )
    assert speakers(body) == ["Ruth Calloway"]


def test_names_inside_an_earlier_quotation_do_not_attract_a_pronoun(speakers):
    body = (
        "Prime Minister Arno Keel spoke to reporters on Sunday.\n\n"
        "“President Gareth Lowe has said he wants a deal,” Keel said. "
        "“If he wants a deal, he must act,” he added."
    )
    assert speakers(body) == ["Arno Keel", "Arno Keel"]


def test_a_pronoun_does_not_reach_back_past_a_few_paragraphs(speakers):
    """Two women named long before the quote: too far to tell which one."""
    body = "\n\n".join(
        ["Dr. Helena Vos, the agency’s director, opened the conference with Dr. Ana Ruiz."]
        + [f"The delegates discussed item {n} of the agenda for an hour." for n in range(1, 8)]
        + ["“The results are encouraging,” she said."]
    )
    assert speakers(body) == [None]


def test_a_participle_takes_the_subject_of_its_sentence(speakers):
    body = "Senator Malik Osei criticised the budget on Wednesday, saying “it leaves the poorest behind.”"
    assert speakers(body) == ["Malik Osei"]


def test_a_statement_saying_belongs_to_whoever_released_it(speakers):
    body = "Mayor Nadia Ferro released a statement late Tuesday saying: “I will not resign.”"
    assert speakers(body) == ["Nadia Ferro"]


def test_a_relative_clause_speaks_for_its_noun(speakers):
    body = "The plan was defended by Commissioner Ilse Brandt, who added that “nobody will lose a job.”"
    assert speakers(body) == ["Ilse Brandt"]


def test_a_colon_hands_the_quote_to_the_subject_before_it(speakers):
    body = "Judge Amos Reyes was quick to reply: “That is simply not how the law works.”"
    assert speakers(body) == ["Amos Reyes"]


def test_a_description_resolves_only_to_someone_named_with_that_office(speakers):
    body = (
        "Ambassador Petra Lind met Colonel Yusuf Adeyemi in Lagos.\n\n"
        "“The talks were constructive,” the ambassador said."
    )
    assert speakers(body) == ["Petra Lind"]


def test_a_description_nobody_holds_gives_no_speaker(speakers):
    body = (
        "Petra Lind met Yusuf Adeyemi in Lagos on Monday.\n\n"
        "“The talks were constructive,” the senator said."
    )
    assert speakers(body) == [None]


def test_a_group_is_never_a_speaker(speakers):
    body = "Marta Quell met the union leaders.\n\n“We will strike on Monday,” the workers said."
    assert speakers(body) == [None]


def test_a_free_standing_quote_continues_the_last_speaker(speakers):
    body = (
        "“We expected the vote to pass,” said Councillor Bram Hollis.\n\n"
        "“Now we have to start again.”"
    )
    assert speakers(body) == ["Bram Hollis", "Bram Hollis"]


def test_a_paragraph_set_off_by_a_colon_is_a_block_quotation(speakers):
    body = (
        "Representative Carla Moss answered the critics on Twitter, writing:\n\n"
        "My record speaks for itself and I will keep working for this district every day."
    )
    assert speakers(body) == ["Carla Moss"]


def test_a_quote_that_lost_its_closing_mark_is_still_a_quote(speakers):
    body = "“We are ready,” Mayor Ines Duarte said. “The city will be open on Monday."
    assert speakers(body) == ["Ines Duarte", "Ines Duarte"]


def test_god_is_not_a_speaker(speakers):
    body = "“God help us all,” said Vera Lindqvist after the vote."
    assert speakers(body) == ["Vera Lindqvist"]


def test_a_ticket_of_two_surnames_is_not_a_person(speakers):
    body = (
        "Kara Obi and Lev Tamm announced the Obi-Tamm ticket on Monday.\n\n"
        "“We will win Ohio,” Tamm said."
    )
    assert speakers(body) == ["Lev Tamm"]
