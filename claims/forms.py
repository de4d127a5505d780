"""Filters for the claims pages; bad values are ignored with a message."""
from django import forms

from articles.forms import ChoiceFilter, FilterForm, SearchField
from claims.models import Claim


class ClaimFilterForm(FilterForm):
    status = ChoiceFilter(label="Status", empty_label="Any status", choices=Claim.Status.choices)
    outlet = ChoiceFilter(label="Reported by", empty_label="Any outlet")
    discrepancies = forms.BooleanField(label="Discrepancies only", required=False)
    q = SearchField(label="Words in the claim or evidence")

    def __init__(self, data=None, *, outlets=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["status"].set_choices(Claim.Status.choices)
        self.fields["outlet"].set_choices(list(outlets))
