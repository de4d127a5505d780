"""Filter forms for the public pages.

A query string is user input: a value that does not validate (an unknown
outlet slug, a non-numeric id) is dropped, and the page says what it
ignored instead of failing.
"""
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from claims.models import Claim
from claims.text.values import kind_choices


class FilterForm(forms.Form):
    """A GET form whose invalid fields are ignored, each with a message."""

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)

    def filters(self):
        """(valid values, messages about what was ignored)."""
        self.is_valid()
        messages = []
        for name, errors in self.errors.items():
            if name == "__all__":
                messages.extend(errors)
                continue
            raw = self.data.get(name, "")
            label = self.fields[name].label or name
            messages.append(f"Ignored {label.lower()} “{raw}”: {errors[0]}")
        values = {k: v for k, v in self.cleaned_data.items() if v not in (None, "", [], False)}
        return values, messages


class SearchField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("strip", True)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(**kwargs)


class QuickSelect(forms.Select):
    """A <select> written out here rather than through a template per
    <option>: with 80 events or 20 speakers to choose from, Django's
    templates made the select a quarter of a search or quote page's time."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], mark_safe(" selected") if option["selected"] else "", option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options)


class ChoiceFilter(forms.ChoiceField):
    default_error_messages = {"invalid_choice": "no such value here, so it is not applied."}

    def __init__(self, *, empty_label, **kwargs):
        self.empty_label = empty_label
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(**kwargs)

    def set_choices(self, choices):
        self.choices = [("", self.empty_label), *choices]


class EventSearchForm(FilterForm):
    q = SearchField(label="Search events")


class QuoteFilterForm(FilterForm):
    UNATTRIBUTED = "unattributed"

    speaker = ChoiceFilter(label="Speaker", empty_label="All speakers")
    outlet = ChoiceFilter(label="Outlet", empty_label="All outlets")
    q = SearchField(label="Words in the quote")

    def __init__(self, data=None, *, speakers=(), outlets=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["speaker"].set_choices([*speakers, (self.UNATTRIBUTED, "No named speaker")])
        self.fields["outlet"].set_choices(list(outlets))


class PersonQuoteFilterForm(FilterForm):
    outlet = ChoiceFilter(label="Outlet", empty_label="All outlets")
    q = SearchField(label="Words in the quote")

    def __init__(self, data=None, *, outlets=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["outlet"].set_choices(list(outlets))


class CompareForm(FilterForm):
    """Two to four articles of one event, as ?a=<id>&a=<id>."""

    MIN, MAX = 2, 4
    a = forms.TypedMultipleChoiceField(
        label="Articles", required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, data=None, *, articles=(), **kwargs):
        # Drop ids that are not numbers or not in this event before
        # validating, so one bad id does not throw the good ones away.
        self.ignored = []
        self.chosen = []
        if data is not None:
            known = {str(pk) for pk, _ in articles}
            ids = data.getlist("a") if hasattr(data, "getlist") else list(data.get("a", []))
            for raw in ids:
                if raw in known and raw not in self.chosen:
                    self.chosen.append(raw)
                elif raw not in known:
                    self.ignored.append(raw)
            data = {"a": self.chosen}
            data = _MultiDict(data)
        super().__init__(data, **kwargs)
        self.fields["a"].choices = list(articles)

    def filters(self):
        values, messages = super().filters()
        for raw in self.ignored:
            messages.append(f"Ignored article “{raw}”: it is not an article of this event.")
        chosen = values.get("a", [])
        if len(chosen) > self.MAX:
            messages.append(f"Showing the first {self.MAX} of the {len(chosen)} articles chosen.")
            values["a"] = chosen[: self.MAX]
        return values, messages


class _MultiDict(dict):
    def getlist(self, key, default=None):
        return self.get(key, default or [])


class SiteSearchForm(FilterForm):
    KINDS = [("", "Everything"), ("people", "People"), ("quotes", "Quotes"), ("claims", "Claims"), ("articles", "Articles")]
    q = SearchField(label="Search people, quotes, claims and articles")
    kind = forms.ChoiceField(label="Show", choices=KINDS, required=False, widget=QuickSelect)
    event = ChoiceFilter(label="Event", empty_label="All events")

    def __init__(self, data=None, *, events=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["event"].set_choices(list(events))


class ClaimFilterForm(FilterForm):
    status = ChoiceFilter(label="Status", empty_label="Any status", choices=Claim.public_status_choices())
    outlet = ChoiceFilter(label="Reported by", empty_label="Any outlet")
    discrepancies = forms.BooleanField(label="Discrepancies only", required=False)
    framing = forms.BooleanField(label="Framing differs", required=False)
    differs = ChoiceFilter(label="Outlets differ on", empty_label="Any value")
    q = SearchField(label="Words in the claim or evidence")

    def __init__(self, data=None, *, outlets=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["status"].set_choices(Claim.public_status_choices())
        self.fields["outlet"].set_choices(list(outlets))
        self.fields["differs"].set_choices(kind_choices())
