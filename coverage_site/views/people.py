"""Everyone quoted or named, most quoted first, with a search over them."""
from django.db.models import Q

from articles.models import Person
from coverage_site import page_cache, queries
from coverage_site.forms import EventSearchForm
from coverage_site.pagination import page_number, page_of, pager
from coverage_site.views import common


@common.public_view
def person_list(request):
    number = page_number(request)
    form = EventSearchForm(request.GET)
    form.fields["q"].label = "Find a person"
    values, messages = form.filters()
    people = page_cache.for_site("people", lambda: list(queries.people_with_counts()))
    if values.get("q"):
        q = values["q"]
        matching = set(
            Person.objects.filter(Q(name__icontains=q) | Q(aliases__name__icontains=q) | Q(role__icontains=q))
            .values_list("pk", flat=True)
        )
        people = [p for p in people if p.pk in matching]
    shown = page_of(people, number, common.LIST_PAGE)
    return common.page(
        request,
        "articles/person_list.html",
        "person-list",
        {"form": form, "people": list(shown), "n_people": len(people), "messages_": messages, **pager(shown)},
    )
