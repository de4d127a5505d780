"""Pages of a list, with Django's Paginator. A page that does not exist,
or a ``?page`` that is not a positive whole number, is a 404: a link to it
is wrong, and rendering the last page instead would give every number its
own copy of the same page."""
from __future__ import annotations

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404


def page_number(request) -> int:
    """The ``?page`` asked for: 1 when absent; 404 when it is no page number."""
    raw = request.GET.get("page", "")
    if raw == "":
        return 1
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9 or int(raw) < 1:
        raise Http404("No such page.")
    return int(raw)


class Counted:
    """A sliceable list whose size is already known (a count kept with the
    event's other figures), so the Paginator runs no COUNT of its own."""

    def __init__(self, items, n: int):
        self.items, self.n = items, n

    def count(self) -> int:
        return self.n

    def __getitem__(self, window):
        return self.items[window]


def page_of(items, number: int, per_page: int):
    """Page ``number`` of ``items``; 404 when there is no such page."""
    try:
        return Paginator(items, per_page).page(number)
    except InvalidPage:
        raise Http404("No such page.") from None


def pager(page) -> dict:
    """Context for includes/pager.html from a Paginator page."""
    return {
        "page": page.number,
        "n_pages": page.paginator.num_pages,
        "next_page": page.next_page_number() if page.has_next() else None,
        "previous_page": page.previous_page_number() if page.has_previous() else None,
    }
