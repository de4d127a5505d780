"""Three outlets' stories of one storm, with hand-made claims whose evidence
sits at real sentence offsets: the curation tests start from known claims,
not from whatever alignment drafts."""
from __future__ import annotations

import hashlib

from importlib import import_module

from django.contrib.auth.models import Group, Permission, User

from articles.models import Article, Event, Outlet
from claims.models import Claim, Evidence

STORIES = {
    "AFP": [
        "The storm killed at least 12 people in the coastal city of Porto Vale on Sunday, officials said.",
        "Mayor Ana Ribeiro said 300 homes had been flooded by the river.",
        "The national weather service had issued a red warning two days before the storm.",
    ],
    "Reuters": [
        "At least 12 people were killed when the storm struck the coastal city of Porto Vale on Sunday.",
        "About 300 homes were flooded after the river burst its banks, Mayor Ana Ribeiro said.",
        "Schools in the region will stay closed until Wednesday.",
    ],
    "AP": [
        "Fourteen people died as the storm hit Porto Vale on Sunday.",
        "Some 300 homes were under water, Mayor Ana Ribeiro said.",
        "Schools will remain closed until Wednesday, the regional government said.",
    ],
}


def make_story(event, outlet_name, paragraphs):
    outlet, _ = Outlet.objects.get_or_create(name=outlet_name, defaults={"slug": outlet_name.lower()})
    body = "\n\n".join(paragraphs)
    return Article.objects.create(
        event=event,
        outlet=outlet,
        source=f"{outlet.slug}.txt",
        raw_text=body,
        body=body,
        headline=paragraphs[0][:60],
        content_hash=hashlib.sha256(f"{event.slug}:{outlet_name}:{body}".encode()).hexdigest(),
    )


def cite(claim, article, sentence):
    start = article.body.index(sentence)
    return Evidence.objects.create(
        claim=claim, article=article, excerpt=sentence, start=start, end=start + len(sentence)
    )


def build_storm(slug="storm"):
    """The event and its claims by name. "deaths" wrongly holds AP's sentence
    about homes; "warning" has AFP's sentence only."""
    event = Event.objects.create(slug=slug, title="Storm hits Porto Vale")
    articles = {name: make_story(event, name, paragraphs) for name, paragraphs in STORIES.items()}
    afp, reuters, ap = articles["AFP"], articles["Reuters"], articles["AP"]
    claims = {
        "deaths": Claim.objects.create(event=event, statement="At least 12 people were killed in Porto Vale."),
        "homes": Claim.objects.create(event=event, statement="About 300 homes were flooded."),
        "schools": Claim.objects.create(event=event, statement="Schools stay closed until Wednesday."),
        "warning": Claim.objects.create(event=event, statement="A red warning was issued two days before."),
    }
    for article in articles.values():
        cite(claims["deaths"], article, STORIES[article.outlet.name][0])
    cite(claims["deaths"], ap, STORIES["AP"][1])
    cite(claims["homes"], afp, STORIES["AFP"][1])
    cite(claims["homes"], reuters, STORIES["Reuters"][1])
    cite(claims["schools"], reuters, STORIES["Reuters"][2])
    cite(claims["schools"], ap, STORIES["AP"][2])
    cite(claims["warning"], afp, STORIES["AFP"][2])
    return event, articles, claims


def curators_group() -> Group:
    """The curators group its migrations make; a browser test's flushed
    database (flush re-creates permissions, not data) gets it rebuilt."""
    found = Group.objects.filter(name="curators").first()
    if found:
        return found
    made = import_module("claims.migrations.0003_curators_group")
    codenames = [f"{a}_{m}" for ms in made.CURATED_MODELS.values() for m in ms for a in made.ACTIONS]
    codenames += import_module("claims.migrations.0004_curators_view_articles").VIEW_ONLY
    group = Group.objects.create(name="curators")
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    return group


def make_staff(username, *, group=None, perms=()):
    """A staff user in ``group`` or holding ``perms`` ("app.codename") only."""
    user = User.objects.create_user(username, password="pw", is_staff=True, first_name=username.title())
    if group:
        user.groups.add(curators_group() if group == "curators" else Group.objects.get(name=group))
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user
