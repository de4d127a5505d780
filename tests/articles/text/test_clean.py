"""Paragraph splitting and the clutter vocabulary, one line at a time."""
import pytest

from articles.text.clean import is_foreign, is_title_like, noise_reason, normalise, split_units, strip_residue


@pytest.mark.parametrize(
    "line",
    [
        "Back to Top", "Skip to main content", "Share this article", "Share Tweet Email", "Advertisement",
        "Most Read", "More from Business", "You may also like", "Labels: Iran, militias", "Tags: economy",
        "Regional, Security, Politics", "Home > World > Middle East", "Copyright © 2018 Example Media, LLC.",
        "© 2007 Example News. All rights reserved.", "Click here to subscribe", "Sign up for our newsletter",
        "Read our comment policy before commenting.", "Click to Read More and View Comments",
        "Workers leave the plant in Lyon [AFP]", "Workers leave the plant. (AP Photo/Jane Roe)",
        "Image caption Workers leave the plant", "Workers leave. Photograph: Jane Roe/Reuters", "14:05 BST",
        "3 hours ago", "* * *", "Follow us on Twitter",
    ],
)
def test_clutter_lines(line):
    assert noise_reason(line)


@pytest.mark.parametrize(
    "line",
    [
        "Talks hailed", "“Opening of a door", "The talks ended [without agreement], he said.",
        "Iran, Iraq and the United States", "He declined to comment.", "Copyright law was changed in 2007.",
        "Kazemi Qomi (Iran) arrived first.", "The ambassador read more than 20 statements.",
    ],
)
def test_article_lines(line):
    assert noise_reason(line) is None


def test_units_are_lines_unless_hard_wrapped():
    units = split_units("Headline here\nBy Jane Roe\n\n" + "word " * 12 + "more\n" + "word " * 12 + "end.\n")
    assert [u.text for u in units] == ["Headline here", "By Jane Roe", ("word " * 12 + "more ") + ("word " * 12).strip() + " end."]


def test_normalise_and_residue():
    assert normalise("a\r\nb\rc\x00d\ufeff") == "a\nb\ncd"
    assert strip_residue("153.jpgBAGHDAD (AFP) —") == "BAGHDAD (AFP) —"
    assert strip_residue("images/photo-1.PNG The talks") == "The talks"
    assert strip_residue("The talks cost $1.5 million.") == "The talks cost $1.5 million."


def test_languages_and_shapes():
    assert is_foreign("Comme je l’ai rappelé récemment, la situation n’est ni simple ni claire.")
    assert not is_foreign("The talks were held in the capital on Monday.")
    assert is_title_like("US tells Iran to stop backing Iraq militias")
    assert not is_title_like("The talks ended. Both sides left.")


def test_a_caption_printed_twice_is_not_taken_for_a_wrapped_paragraph():
    caption = "Workers leave the plant in Lyon on Monday after the vote on the new contract"
    assert [u.text for u in split_units(f"{caption}\n{caption}\n")] == [caption, caption]
