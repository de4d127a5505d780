"""Terms that alignment and event matching compare."""
from articles.text.tokens import content_terms, name_key, norm_word


def test_a_hyphenated_word_meets_its_joined_form():
    joined = set(content_terms("The talks were businesslike."))
    assert joined and joined <= set(content_terms("The talks were business-like."))


def test_inflections_fold_into_one_stem():
    assert norm_word("arming") == norm_word("armed") == norm_word("arms")


def test_a_possessive_name_has_the_key_of_the_name():
    assert name_key("Obama’s") == name_key("Obama's") == name_key("Obama")
    assert name_key("Obama’s") in content_terms("Obama’s daughters")


def test_initials_are_read_without_their_dots():
    assert norm_word("G.O.P.") == norm_word("GOP") == "gop"
    assert norm_word("U.S.") == norm_word("US")
