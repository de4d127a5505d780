"""Plain-Python news-text processing: no Django imports, so it is fast to
test and reusable outside the site."""
