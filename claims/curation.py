"""What a curator does to claims: add, move and split evidence, merge claims
into a chosen one, confirm, dispute or reject with a note.

Called by the admin and the tests alike. Each service runs in one
transaction, marks the claims it changes curated (re-analysis then leaves
them as the curator left them), recomputes their values and discrepancy,
moves the event's ``changed_at`` so cached pages are rebuilt, and records
what it did in the admin History (``LogEntry``) under the curator's name.
A request that cannot be carried out raises ``CurationError`` with one line
to show the curator.
"""
from __future__ import annotations

from collections import defaultdict

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Q
from django.db.models.functions import Cast

from articles.models import Article, Event
from articles.services import touch_events
from articles.text.sentences import split_sentences
from claims.models import Claim, Evidence
from claims.services import refresh_values

# Statuses a curator sets directly; "merged" comes only from merge_claims().
SETTABLE_STATUSES = (Claim.Status.CANDIDATE, Claim.Status.CONFIRMED, Claim.Status.DISPUTED, Claim.Status.REJECTED)
STATUS_VERBS = {
    Claim.Status.CANDIDATE: "Reopened as a candidate",
    Claim.Status.CONFIRMED: "Confirmed",
    Claim.Status.DISPUTED: "Marked disputed",
    Claim.Status.REJECTED: "Rejected",
}


class CurationError(ValueError):
    """A curation request that cannot be carried out; the message says why."""


# --- reading ----------------------------------------------------------------


def describe(item: Evidence) -> str:
    """One evidence as the History names it: outlet and the start of the sentence."""
    excerpt = " ".join(item.excerpt.split())
    if len(excerpt) > 160:
        excerpt = excerpt[:159].rstrip() + "…"
    return f"{item.article.outlet.name}: “{excerpt}”"


def event_sentences(event, query: str = ""):
    """(article, sentences) for each of the event's articles, in outlet order.

    Only sentences containing ``query`` (case-insensitive) when one is given;
    articles with no such sentence are left out.
    """
    needle = query.strip().casefold()
    articles = (
        Article.objects.filter(event=event)
        .select_related("outlet")
        .only("id", "headline", "body", "outlet__name", "published")
        .order_by("outlet__name", "published", "id")
    )
    found = []
    for article in articles:
        sentences = [s for s in split_sentences(article.body) if needle in s.text.casefold()]
        if sentences:
            found.append((article, sentences))
    return found


def curation_log(event, limit: int = 100):
    """The latest History entries on the event's claims and evidence."""
    claims = Claim.objects.filter(event=event).annotate(key=Cast("pk", CharField())).values("key")
    evidence = Evidence.objects.filter(claim__event=event).annotate(key=Cast("pk", CharField())).values("key")
    types = ContentType.objects.get_for_models(Claim, Evidence)
    return (
        LogEntry.objects.filter(
            Q(content_type=types[Claim], object_id__in=claims)
            | Q(content_type=types[Evidence], object_id__in=evidence)
        )
        .select_related("user", "content_type")
        .order_by("-action_time", "-id")[:limit]
    )


# --- writing ----------------------------------------------------------------


def _record(user, objects, message: str, flag: int = CHANGE) -> None:
    if objects:
        LogEntry.objects.log_actions(user.pk, list(objects), flag, message)


def _evidence(items) -> list[Evidence]:
    """The given evidence (objects, ids or a queryset), read afresh with claim and outlet."""
    ids = [getattr(item, "pk", item) for item in items]
    return list(Evidence.objects.filter(pk__in=ids).select_related("claim", "article__outlet").order_by("pk"))


def _claim_ref(claim: Claim) -> str:
    return f"claim #{claim.pk} “{str(claim)[:60]}”"


def _mark_curated(claims) -> None:
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(curated=True)
    for claim in claims:
        claim.curated = True
    hold_events({c.event_id for c in claims})


def hold_events(event_ids) -> None:
    """A curator worked on these events' claims: later imports add to the
    events but never file their articles again, so the evidence the curator
    chose stays in its event."""
    Event.objects.filter(pk__in=list(event_ids)).update(curated=True)


def _refresh(claims) -> None:
    for claim in claims:
        refresh_values(claim)


@transaction.atomic
def add_evidence(claim: Claim, spans, *, user) -> list[Evidence]:
    """Add sentences of the event's articles to ``claim`` as evidence.

    ``spans`` are (article id, start, end) triples, each of which must be a
    sentence the splitter finds in an article of the claim's event: the
    excerpt and offsets are read from the body, never taken on trust.
    Sentences the claim already has are skipped.
    """
    if claim.status == Claim.Status.MERGED:
        raise CurationError(f"Claim #{claim.pk} was merged into claim #{claim.merged_into_id}; add evidence there.")
    wanted = defaultdict(set)
    for article_id, start, end in spans:
        wanted[int(article_id)].add((int(start), int(end)))
    articles = Article.objects.filter(event_id=claim.event_id, pk__in=list(wanted)).select_related("outlet")
    by_id = {a.pk: a for a in articles}
    if set(wanted) - set(by_id):
        raise CurationError("Evidence must come from an article of the claim's event.")
    have = set(claim.evidence.values_list("article_id", "start", "end"))
    added = []
    for article_id, chosen in sorted(wanted.items()):
        article = by_id[article_id]
        sentences = {(s.start, s.end) for s in split_sentences(article.body)}
        if chosen - sentences:
            raise CurationError(f"Not a sentence of the {article.outlet.name} article; pick one from the list.")
        for start, end in sorted(chosen):
            if (article_id, start, end) not in have:
                added.append(
                    Evidence(claim=claim, article=article, excerpt=article.body[start:end], start=start, end=end)
                )
    if not added:
        return []
    Evidence.objects.bulk_create(added)
    _mark_curated([claim])
    refresh_values(claim)
    _record(user, [claim], "Added evidence: " + "; ".join(describe(e) for e in added) + ".")
    touch_events([claim.event_id])
    return added


@transaction.atomic
def move_evidence(items, target: Claim, *, user) -> int:
    """Move evidence from its claims to ``target``, a claim of the same event.

    A sentence the target already has is dropped rather than doubled. Every
    claim touched is recomputed; returns how many evidence moved.
    """
    items = [e for e in _evidence(items) if e.claim_id != target.pk]
    if not items:
        return 0
    if target.status == Claim.Status.MERGED:
        raise CurationError(f"Claim #{target.pk} was merged away; move the evidence to claim #{target.merged_into_id}.")
    if any(e.claim.event_id != target.event_id for e in items):
        raise CurationError("Evidence can only move to a claim of the same event.")
    have = set(target.evidence.values_list("article_id", "start", "end"))
    keep, drop = [], []
    for item in items:
        span = (item.article_id, item.start, item.end)
        (drop if span in have else keep).append(item.pk)
        have.add(span)
    Evidence.objects.filter(pk__in=keep).update(claim=target)
    Evidence.objects.filter(pk__in=drop).delete()

    sources = {e.claim_id: e.claim for e in items}
    by_source = defaultdict(list)
    for item in items:
        by_source[item.claim_id].append(describe(item))
    for source_id, described in by_source.items():
        _record(user, [sources[source_id]], f"Moved evidence to {_claim_ref(target)}: " + "; ".join(described) + ".")
        _record(
            user, [target], f"Moved evidence here from {_claim_ref(sources[source_id])}: " + "; ".join(described) + "."
        )
    touched = [target, *sources.values()]
    _mark_curated(touched)
    _refresh(touched)
    touch_events([target.event_id])
    return len(items)


@transaction.atomic
def split_evidence(items, *, user, statement: str = "") -> Claim:
    """Move some of a claim's evidence into a new claim and return it.

    The new claim's statement is ``statement`` or, failing that, the
    shortest moved sentence, for the curator to edit.
    """
    items = _evidence(items)
    if not items:
        raise CurationError("No evidence selected.")
    if len({e.claim_id for e in items}) != 1:
        raise CurationError("Split the evidence of one claim at a time.")
    source = items[0].claim
    if source.evidence.count() == len(items):
        raise CurationError(f"That is all of claim #{source.pk}'s evidence: edit its statement instead of splitting.")
    new = Claim.objects.create(
        event_id=source.event_id,
        statement=statement.strip() or min((e.excerpt for e in items), key=len),
        curated=True,
    )
    Evidence.objects.filter(pk__in=[e.pk for e in items]).update(claim=new)
    described = "; ".join(describe(e) for e in items)
    _record(user, [source], f"Split into new {_claim_ref(new)}: {described}.")
    _record(user, [new], f"Split from {_claim_ref(source)}: {described}.", ADDITION)
    _mark_curated([source])
    _refresh([source, new])
    touch_events([source.event_id])
    return new


@transaction.atomic
def merge_claims(target: Claim, others, *, user) -> Claim:
    """Merge ``others`` into ``target``, the claim the curator chose to keep.

    Their evidence moves to the target (a sentence it already has is not
    doubled); each of them becomes "merged", remembering the target, so its
    address leads there, as do the addresses of claims merged into them before.
    """
    others = [c for c in others if c.pk != target.pk]
    if not others:
        raise CurationError("Choose at least one claim to merge into the one you keep.")
    if target.status in Claim.HIDDEN_STATUSES:
        raise CurationError(f"Claim #{target.pk} is {target.get_status_display().lower()}: keep a live claim.")
    if any(c.event_id != target.event_id for c in others):
        raise CurationError("Only claims of one event can be merged.")
    if any(c.status == Claim.Status.MERGED for c in others):
        raise CurationError("A claim that was already merged cannot be merged again.")

    have = set(target.evidence.values_list("article_id", "start", "end"))
    moving = list(Evidence.objects.filter(claim__in=others).order_by("pk"))
    keep, drop = [], []
    for item in moving:
        span = (item.article_id, item.start, item.end)
        (drop if span in have else keep).append(item.pk)
        have.add(span)
    Evidence.objects.filter(pk__in=keep).update(claim=target)
    Evidence.objects.filter(pk__in=drop).delete()
    ids = [c.pk for c in others]
    # Claims merged into these before now lead straight to the target.
    Claim.objects.filter(merged_into__in=ids).update(merged_into=target)
    Claim.objects.filter(pk__in=ids).update(status=Claim.Status.MERGED, merged_into=target, curated=True)

    _record(
        user,
        [target],
        "Merged into this claim: " + ", ".join(_claim_ref(c) for c in others)
        + f" ({len(keep)} evidence moved, {len(drop)} already here).",
    )
    _record(user, others, f"Merged into {_claim_ref(target)}.")
    _mark_curated([target])
    refresh_values(target)
    touch_events([target.event_id])
    return target


def add_note(claim: Claim, note: str, *, user) -> None:
    """Keep a curator's note on ``claim`` in its History."""
    note = " ".join(note.split())
    if note:
        _record(user, [claim], f"Note: {note}")


@transaction.atomic
def set_status(claims, status: str, *, user, note: str = "") -> list[Claim]:
    """Confirm, dispute, reject or reopen ``claims``; returns those that changed.

    Merged claims and claims already in ``status`` are left alone. The
    optional note is kept in each claim's History with the change.
    """
    if status not in SETTABLE_STATUSES:
        raise CurationError(f"A curator cannot set the status {status!r}.")
    ids = [getattr(c, "pk", c) for c in claims]
    changing = list(
        Claim.objects.filter(pk__in=ids).exclude(status=status).exclude(status=Claim.Status.MERGED).order_by("pk")
    )
    if not changing:
        return []
    Claim.objects.filter(pk__in=[c.pk for c in changing]).update(status=status, curated=True)
    hold_events({c.event_id for c in changing})
    note = " ".join(note.split())
    for claim in changing:
        message = f"{STATUS_VERBS[status]} (was {claim.get_status_display().lower()})."
        _record(user, [claim], f"{message} Note: {note}" if note else message)
        claim.status, claim.curated = status, True
    touch_events({c.event_id for c in changing})
    return changing
