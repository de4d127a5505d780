"""analyse() takes any body string: it returns an Analysis, never raises, and
its time grows about linearly with the length of the text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.text.analyse import analyse
from articles.text.types import Analysis

MARKS = "\"“”„‘’'«»"


def check(nlp, body):
    analysis = analyse(body, nlp(body))
    assert isinstance(analysis, Analysis)
    for q in analysis.quotes:
        assert 0 <= q.start < q.end <= len(body)
        assert body[q.start:q.end] == q.text
        assert q.kind in ("direct", "partial")
        assert q.speaker is None or 0 <= q.speaker < len(analysis.people)
        if q.cue is not None:
            assert body[q.cue_start:q.cue_end] == q.cue
    for p in analysis.people:
        for s, e in p.mentions:
            assert 0 <= s < e <= len(body)
    return analysis


def test_it_survives_empty_and_blank_bodies(nlp):
    for body in ("", " ", "\n\n\n", "“", "”", "\"\"", "‘’", "“”“”"):
        assert check(nlp, body).quotes == []


def test_it_survives_ten_thousand_quotation_marks(nlp):
    # Marks are spaced: spaCy's own tokenizer is slow on one unbroken run of
    # ten thousand marks, which is not what is under test here.
    check(nlp, "“ ” " * 5_000)
    check(nlp, ("said “a b” b “ ‘c’ ' \" " * 1_000))


def test_it_handles_right_to_left_text(nlp):
    body = (
        "قال الوزير: «نحن مستعدون للحوار» في مؤتمر صحفي.\n\n"
        "“שלום עולם,” אמר השר.\n\n"
        "The minister, Ahmad Karimi, said: “\u202bنحن هنا\u202c we stay.”"
    )
    check(nlp, body)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list(MARKS) + list("ab C.,:\n—…[]")), max_size=300))
def test_random_mark_soup_never_raises(nlp, body):
    check(nlp, body)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_random_unicode_never_raises(nlp, body):
    check(nlp, body)


def _paragraphs(n):
    para = (
        "“We will not accept this,” Mr. Ortega said, adding that the “so-called reform” had failed.\n\n"
        "She said “it is over”. ”Stray mark here, and an ‘open quote with no end.\n\n"
    )
    return para * n


def test_a_long_text_yields_what_its_parts_do(nlp):
    """Four times the paragraphs, four times the quotations: nothing is lost or
    invented at length (time is measured in benchmarks/text_scaling.py)."""
    small, large = _paragraphs(60), _paragraphs(240)
    found_small = analyse(small, nlp(small)).quotes
    found_large = analyse(large, nlp(large)).quotes
    assert found_small and len(found_large) == 4 * len(found_small)
