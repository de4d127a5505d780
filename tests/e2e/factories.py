"""ORM factories for the site's tests: an event with N articles, each with
quotes, people, claims and evidence at real offsets into its body."""
from __future__ import annotations

import hashlib
from datetime import date

from articles.models import Article, Event, Mention, Outlet, Person, PersonAlias, Quote, QuoteGroup
from claims.models import Claim, Evidence


def make_event(slug="summit", title="Leaders meet at the summit", when=date(2024, 3, 4)):
    return Event.objects.create(slug=slug, title=title, date=when)


def make_outlet(name, *, verified=True, kind=Outlet.Kind.NEWSPAPER, country="Freedonia"):
    slug = name.lower().replace(" ", "-")
    outlet, _ = Outlet.objects.get_or_create(
        name=name, defaults={"slug": slug, "verified": verified, "kind": kind, "country": country}
    )
    return outlet


def make_person(name, role=""):
    slug = name.lower().replace(" ", "-")
    person, created = Person.objects.get_or_create(slug=slug, defaults={"name": name, "role": role})
    if created:
        PersonAlias.objects.create(person=person, name=name, key=name.lower())
        PersonAlias.objects.create(person=person, name=f"Mr {name.split()[-1]}", key=name.split()[-1].lower())
    return person


def make_article(event, outlet, paragraphs, *, headline="", published=None, raw_text=None):
    body = "\n\n".join(paragraphs)
    return Article.objects.create(
        event=event,
        outlet=outlet,
        source=f"{outlet.slug}-{len(body)}.txt",
        raw_text=raw_text if raw_text is not None else "Navigation\n" + body + "\nComments",
        body=body,
        headline=headline or paragraphs[0][:60],
        published=published,
        content_hash=hashlib.sha256(f"{event.pk}:{outlet.pk}:{body}".encode()).hexdigest(),
    )


def make_quote(article, text, speaker=None, group=None, kind=Quote.Kind.DIRECT):
    start = article.body.index(text)
    quote = Quote.objects.create(
        article=article, speaker=speaker, text=text, kind=kind, start=start, end=start + len(text), group=group
    )
    if speaker:
        Mention.objects.create(article=article, person=speaker, start=start, end=start + 1)
    return quote


def make_claim(event, statement, *, status=Claim.Status.CONFIRMED, discrepancy=False, note="", kind=""):
    return Claim.objects.create(
        event=event, statement=statement, status=status, discrepancy=discrepancy, discrepancy_note=note,
        discrepancy_kind=kind,
    )


def make_evidence(claim, article, excerpt, value=None):
    start = article.body.index(excerpt)
    return Evidence.objects.create(
        claim=claim, article=article, excerpt=excerpt, value=value, start=start, end=start + len(excerpt)
    )


WORDINGS = [
    "We had a frank and useful exchange about security",
    "We had a frank exchange about security",
    "We had a useful exchange about regional security",
]


def build_event(n_articles=2, slug="summit"):
    """An event with ``n_articles`` articles from as many outlets (the last
    unverified), each quoting two people and reporting three claims."""
    event = make_event(slug=slug)
    ada = make_person("Ada Envoy", "Envoy of Freedonia")
    bo = make_person("Bo Minister", "Foreign minister")
    utterance = QuoteGroup.objects.create(event=event, speaker=ada, label=WORDINGS[0])
    size = make_claim(
        event, "The meeting lasted four hours.", discrepancy=True, note="Outlets give 3 or 4 hours.", kind="duration"
    )
    place = make_claim(event, "The talks were held in the capital.")
    extra = make_claim(event, "A second meeting is planned.", status=Claim.Status.CANDIDATE)
    articles = []
    for i in range(n_articles):
        outlet = make_outlet(f"Outlet {i}", verified=i < n_articles - 1)
        hours = "three" if i % 2 else "four"
        wording = WORDINGS[i % len(WORDINGS)]
        paragraphs = [
            f"CAPITAL — The envoys met for {hours} hours on Monday, report number {i}.",
            f"“{wording},” Ada Envoy said after the talks in the capital.",
            "Bo Minister said: “Nothing was agreed on trade.” The talks were held in the capital.",
            f"Paragraph {i} that no other outlet has <script>alert({i})</script>.",
        ]
        article = make_article(
            event, outlet, paragraphs, headline=f"Envoys meet, says outlet {i}", published=date(2024, 3, 4 + i % 2)
        )
        make_quote(article, wording, ada, utterance)
        make_quote(article, "Nothing was agreed on trade.", bo)
        make_evidence(size, article, f"The envoys met for {hours} hours on Monday", f"{hours} hours")
        make_evidence(place, article, "The talks were held in the capital.")
        if i == 0:
            paragraphs_extra = "A second meeting is planned."
            article.body += "\n\n" + paragraphs_extra
            article.save(update_fields=["body"])
            make_evidence(extra, article, paragraphs_extra)
        articles.append(article)
    return event, articles
