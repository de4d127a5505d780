"""HTML pages: trafilatura's main text, then the same rules as plain text."""
from datetime import date
from pathlib import Path

from articles.text.html import visible_text
from articles.text.reader import looks_like_html, read_html

PAGE = (Path(__file__).parent / "samples" / "page.html").read_text(encoding="utf-8")


def test_an_html_page_gives_its_article_and_metadata():
    assert looks_like_html(PAGE)
    article = read_html(PAGE)
    assert article.raw == PAGE
    assert article.headline == "Port strike spreads to southern docks"
    assert not article.headline_derived
    assert article.byline == ["Ellen Marsh"]
    assert article.published == date(2007, 5, 28)
    assert article.outlet == "The Guardian"
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("Dock workers at two southern ports joined the strike")
    assert "“We will stay out as long as it takes,” said union organiser Ellen Marsh, speaking outside the main gate at dawn." in paragraphs
    assert paragraphs[-1].startswith("The port authority said it would make a new offer")


def test_scripts_styles_and_page_chrome_never_reach_the_body():
    body = read_html(PAGE).body
    for leftover in ("tracker", "console.log", "font-family", "Celebrity chef", "All rights reserved", "Home"):
        assert leftover not in body


def test_hints_win_over_the_pages_meta_tags():
    article = read_html(PAGE, url="https://example.org/x", hints={"title": "Strike spreads", "outlet": "Reuters"})
    assert (article.headline, article.outlet, article.url) == ("Strike spreads", "Reuters", "https://example.org/x")


def test_the_fallback_strips_tags_scripts_and_styles():
    text = visible_text("<html><head><style>p{}</style></head><body><script>x()</script><p>One &amp; two</p><p>Three</p></body></html>")
    assert [line for line in text.splitlines() if line] == ["One & two", "Three"]


def test_trafilatura_imports_so_pages_are_not_read_by_the_fallback():
    import trafilatura  # a missing lxml_html_clean makes this fail on lxml 6

    assert trafilatura.bare_extraction


def test_a_site_name_the_title_tag_appends_is_dropped():
    from articles.text.html import without_site_name

    assert without_site_name("Strike spreads | The Herald", "Herald") == "Strike spreads"
    assert without_site_name("Strike spreads - Herald", "The Herald") == "Strike spreads"
    markup = "<title>Strike spreads | Example</title><h1>Strike spreads</h1>"
    assert without_site_name("Strike spreads | Example", None, markup) == "Strike spreads"
    # A headline that itself holds a bar or dash keeps it when nothing says it is a site name.
    assert without_site_name("Iran - US talks: a timeline", None, "<title>x</title>") == "Iran - US talks: a timeline"
