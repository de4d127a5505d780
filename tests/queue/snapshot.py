"""What an import leaves in the database, by natural keys (content hashes,
slugs, names, offsets) rather than ids, so two imports can be compared."""
from django.conf import settings

from articles.importing import ImportRun
from articles.models import Article, Event, Mention, Outlet, Person, Quote, QuoteGroup
from claims.models import Claim


def snapshot() -> dict:
    return {
        "events": sorted(Event.objects.values_list("slug", "title", "date")),
        "articles": sorted(
            Article.objects.values_list("content_hash", "event__slug", "outlet__name", "headline", "published", "source")
        ),
        "people": sorted(
            (p.slug, p.name, p.role, tuple(sorted(p.aliases.values_list("name", "key"))))
            for p in Person.objects.prefetch_related("aliases")
        ),
        "mentions": sorted(Mention.objects.values_list("article__content_hash", "start", "end", "person__slug")),
        "quotes": sorted(
            Quote.objects.values_list(
                "article__content_hash", "start", "end", "text", "kind", "cue", "speaker__slug", "group__label"
            ),
            key=repr,
        ),
        "quote_groups": sorted(QuoteGroup.objects.values_list("event__slug", "label", "speaker__slug"), key=repr),
        "claims": sorted(
            (
                c.event.slug,
                c.statement,
                c.discrepancy,
                c.discrepancy_note,
                tuple(sorted(c.evidence.values_list("article__content_hash", "start", "end", "value"), key=repr)),
            )
            for c in Claim.objects.select_related("event").prefetch_related("evidence")
        ),
    }


def clear() -> None:
    """Remove every imported row (events take their articles, quotes and claims)."""
    Event.objects.all().delete()
    Person.objects.all().delete()
    Outlet.objects.all().delete()


def import_in_one_process(paths) -> list[str]:
    """Import ``paths`` as ``ingest`` does without a queue; the outcomes' kinds."""
    run = ImportRun(max_bytes=settings.INGEST_MAX_BYTES, model_name=settings.SPACY_MODEL)
    return [outcome.kind for outcome in run.run([str(p) for p in paths])]
