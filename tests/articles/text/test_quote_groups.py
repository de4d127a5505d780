"""One utterance as different outlets reported it."""
import random

from articles.text import quote_groups
from articles.text.quote_groups import group_quotes, word_diff

TRIMMED = ("So in terms of what happens next, I think we’re going to want to wait and see not what "
           "is said next, but what happens next on the ground")
RETOLD = ("In terms of what happens next we are going to want to wait and see not what is said next "
          "but what happens on the ground")


def test_trimmed_and_retold_versions_are_one_utterance():
    groups = group_quotes([(1, 5, TRIMMED), (2, 5, RETOLD), (3, 5, "The focus of our discussions was Iraq")])
    assert groups == [[1, 2]]


def test_translations_of_one_statement_group():
    a = ("We are hopeful that Washington’s realistic approach to the current issues of Iraq by "
         "confessing its failed policy in Iraq and the region guarantees success of the talks")
    b = ("We are hopeful that Washington’s realistic outlook toward the current issues in Iraq, a "
         "confession about its failed policy there would guarantee the success of the current talks")
    assert group_quotes([(1, 2, a), (2, 2, b)]) == [[1, 2]]


def test_different_speakers_group_only_on_the_same_words_but_an_unattributed_one_can():
    text = "We will not accept any deal that leaves our farmers worse off"
    # The same words credited to two people: one utterance, an attribution shift.
    assert group_quotes([(1, 1, text), (2, 2, text)]) == [[1, 2]]
    assert group_quotes([(1, 1, text), (2, None, text)]) == [[1, 2]]
    # Two people on one theme in words of their own stay apart.
    assert group_quotes([(1, 1, text), (2, 2, "Our farmers will not be worse off after any deal we sign")]) == []


def test_unrelated_quotes_of_one_speaker_stay_apart():
    assert group_quotes([(1, 1, "The talks were positive and constructive"),
                         (2, 1, "Our troops will stay until the job is done")]) == []


def test_grouping_compares_about_linearly_many_pairs(monkeypatch):
    """Blocking, not all pairs: four times the quotes, about four times the
    pairs looked at (all pairs would be sixteen times)."""
    rng = random.Random(4)
    looked_at = []
    real = quote_groups._speakers_compatible
    monkeypatch.setattr(quote_groups, "_speakers_compatible", lambda x, y: looked_at.append(1) or real(x, y))

    def pairs(n):
        # More utterances bring more words: the vocabulary grows with them.
        vocab = [f"w{i}" for i in range(5 * n // 2)]
        looked_at.clear()
        group_quotes([(i, i % 50, " ".join(rng.choice(vocab) for _ in range(15))) for i in range(n)])
        return len(looked_at)

    small, large = pairs(2000), pairs(8000)
    assert small > 0 and large <= 6 * small


def test_word_diff_marks_deleted_and_inserted_words():
    diff = word_diff("wait and see not what is said next, but what happens next",
                     "wait and see not what is said next but what happens")
    assert ("equal", "wait and see not what is said next, but what happens") in diff
    assert diff[-1] == ("delete", "next")
    assert all(op in ("equal", "delete", "insert") for op, _ in diff)
    assert word_diff("a b", "a c") == [("equal", "a"), ("delete", "b"), ("insert", "c")]
