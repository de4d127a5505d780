"""Writes that touch several models: storing an analysed article, resolving
its outlet and people, grouping an event's quotes, merging people."""
from __future__ import annotations

from collections import Counter, defaultdict

from django.db import IntegrityError, connection, models, transaction
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.dispatch import Signal
from django.utils import timezone
from django.utils.text import slugify

from articles.freshness import touch_events
from articles.models import Article, Event, Mention, Outlet, Person, PersonAlias, Quote, QuoteGroup, web_url
from articles.pipeline import Prepared
from articles.text.event_titles import neutral_title
from articles.text.events import EventIndex, refile
from articles.text.names import match_person, name_keys, name_parts, strip_possessive
from articles.text.people import fuller_role, shares_office
from articles.text.outlets import KNOWN_OUTLETS
from articles.text.quote_groups import group_quotes
from articles.text.types import PersonCluster

UNKNOWN_OUTLET = "Unknown"
# The key in an article's stored signature that says the event assigner
# filed it (see ``store_article``).
ASSIGNED = "assigned"

# Sent when a curator regroups articles outside an import: ``events`` whose
# articles changed, and ``merged``, {old event id: the event it went into},
# before the old events are deleted. The claims app re-analyses the events
# and moves the merged events' claims (articles never imports claims).
events_regrouped = Signal()


class AlreadyImported(Exception):
    pass


def unique_slug(model, text: str, *, max_length: int = 100, fallback: str = "item") -> str:
    base = slugify(text)[:max_length].strip("-") or fallback
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base[: max_length - 6]}-{n}"
    return slug


# --- outlets --------------------------------------------------------------


class OutletResolver:
    """Maps a detected outlet name to its row, creating it on first sight.

    Curated rows are matched by name or alias and never changed; a name the
    registry knows is created verified, with the registry's details; any
    other name is created unverified, and no name at all means "Unknown".
    """

    def __init__(self):
        self._by_name: dict[str, Outlet] = {}
        for outlet in Outlet.objects.all():
            self._remember(outlet)
        self._registry = {}
        for info in KNOWN_OUTLETS:
            for name in (info.name, *info.aliases):
                self._registry.setdefault(name.casefold(), info)

    def _remember(self, outlet):
        for name in (outlet.name, *outlet.aliases):
            self._by_name.setdefault(name.casefold(), outlet)

    def resolve(self, name: str | None) -> Outlet:
        name = (name or "").strip() or UNKNOWN_OUTLET
        found = self._by_name.get(name.casefold())
        if found:
            return found
        info = self._registry.get(name.casefold())
        if info and info.name.casefold() in self._by_name:
            return self._by_name[info.name.casefold()]
        if info:
            defaults = dict(
                slug=info.slug,
                aliases=list(info.aliases),
                kind=info.kind,
                country=info.country,
                homepage=info.homepage,
                verified=True,
            )
            name = info.name
        else:
            defaults = dict(slug=unique_slug(Outlet, name, fallback="outlet"), verified=False)
        outlet, _ = Outlet.objects.get_or_create(name=name, defaults=defaults)
        self._remember(outlet)
        return outlet


# --- people ---------------------------------------------------------------


def resolve_people(clusters: list[PersonCluster], event: Event | None = None) -> list[Person]:
    """The stored person each of an article's clusters names, created if new.

    Candidates are found through the alias key index, so merges done by
    curators (which move aliases) steer later imports to the merged person.
    A candidate from elsewhere in the archive is joined only on the same full
    name; a variant or a surname joins only a person of the same ``event`` or
    one holding the same office (``match_person``). One query finds the
    candidates of all clusters, one their events, and one insert stores the
    new aliases, whatever the number of people in the article.
    """
    cluster_keys = [
        {key for alias in {cluster.name, *cluster.aliases} for key in name_keys(alias)} for cluster in clusters
    ]
    by_key: dict[str, list[tuple[Person, str]]] = defaultdict(list)
    wanted = set().union(*cluster_keys)
    for row in PersonAlias.objects.filter(key__in=wanted).select_related("person") if wanted else ():
        by_key[row.key].append((row.person, row.name))
    in_event: set[int] = set()
    if event is not None and event.pk and by_key:
        found_ids = {person.pk for rows in by_key.values() for person, _ in rows}
        in_event = set(
            Mention.objects.filter(article__event=event, person_id__in=found_ids).values_list("person_id", flat=True)
        )

    people, aliases = [], []
    for cluster, keys in zip(clusters, cluster_keys):
        found: dict[int, tuple[Person, list[str]]] = {}
        for key in sorted(keys):
            for person, name in by_key.get(key, ()):
                found.setdefault(person.pk, (person, []))[1].append(name)
        candidates = [(pid, person.name, names) for pid, (person, names) in found.items()]
        chosen = match_person(cluster, candidates, related=in_event) if candidates else None
        if chosen is None and candidates:
            # Outside the event, a variant or a surname joins the one person
            # known in full who holds the same office ("President Obama").
            office = [c for c in candidates if shares_office(found[c[0]][0].role, cluster.role)
                      and len(name_parts(found[c[0]][0].name)[0]) > 1]
            chosen = match_person(cluster, office) if len(office) == 1 else None
        if chosen is not None:
            person = found[chosen][0]
            _update_person(person, cluster)
        else:
            person = Person.objects.create(
                name=cluster.name[:200],
                slug=unique_slug(Person, cluster.name, max_length=200, fallback="person"),
                role=cluster.role[:300],
            )
        # A surname-only person this article names apart is someone else.
        absorbed = _absorb_surname_only(person, cluster, found, in_event - {p.pk for p in people})
        if absorbed is not None:
            in_event.discard(absorbed.pk)
            for rows in by_key.values():
                rows[:] = [(person if p.pk == absorbed.pk else p, name) for p, name in rows]
        in_event.add(person.pk)  # a later cluster of this article may name the same person
        names = {cluster.name, *cluster.aliases}
        aliases.extend(alias_rows(person, names))
        for name in names:
            for key in name_keys(name):
                by_key[key].append((person, name))
        people.append(person)
    PersonAlias.objects.bulk_create(aliases, ignore_conflicts=True)
    return people


def _absorb_surname_only(person: Person, cluster: PersonCluster, found, in_event: set[int]) -> Person | None:
    """An earlier article of the event knew someone only as "Obama"; this one
    names him in full. When he is the only person of the event that surname
    can mean, the surname-only person is folded into the full one (and
    returned, so the caller forgets it)."""
    if len(name_parts(cluster.name)[0]) < 2:
        return None
    surname_only = [
        other for pid, (other, _) in found.items()
        if pid != person.pk and pid in in_event and len(name_parts(other.name)[0]) == 1
    ]
    if len(surname_only) != 1:
        return None
    other = surname_only[0]
    rivals = [(pid, p.name, names) for pid, (p, names) in found.items()
              if pid in in_event and pid not in (other.pk, person.pk)]
    rivals.append((person.pk, person.name, [cluster.name, *cluster.aliases]))
    alone = PersonCluster(name=other.name, aliases=list(other.aliases.values_list("name", flat=True)))
    if match_person(alone, rivals) != person.pk:
        return None
    merge_people(person, [other])
    return other


def _update_person(person: Person, cluster: PersonCluster) -> None:
    """A person known only by a surname takes the full name an article gives
    ("Obama" becomes "Barack Obama"); the role keeps the fullest description."""
    changed = []
    if len(name_parts(person.name)[0]) < 2 <= len(name_parts(cluster.name)[0]):
        person.name = cluster.name[:200]
        changed.append("name")
    if cluster.role and fuller_role(cluster.role, person.role):
        person.role = cluster.role[:300]
        changed.append("role")
    if changed:
        person.save(update_fields=changed)


def alias_rows(person: Person, names) -> list[PersonAlias]:
    return [
        PersonAlias(person=person, name=name[:200], key=key[:200])
        for name in sorted(n for n in names if n.strip())
        for key in name_keys(name) or [name.casefold()]
    ]


def add_aliases(person: Person, names) -> None:
    PersonAlias.objects.bulk_create(alias_rows(person, names), ignore_conflicts=True)


@transaction.atomic
def merge_people(target: Person, others) -> Person:
    """Fold ``others`` into ``target``: quotes, mentions, groups and aliases move."""
    others = [p for p in others if p.pk != target.pk]
    ids = [p.pk for p in others]
    Quote.objects.filter(speaker_id__in=ids).update(speaker=target)
    Mention.objects.filter(person_id__in=ids).update(person=target)
    QuoteGroup.objects.filter(speaker_id__in=ids).update(speaker=target)
    names = {target.name}
    for other in others:
        names.add(other.name)
        names.update(other.aliases.values_list("name", flat=True))
        if other.role and fuller_role(other.role, target.role):
            target.role = other.role
    target.save()
    Person.objects.filter(pk__in=ids).delete()
    add_aliases(target, names)
    touch_events(Event.objects.filter(articles__quotes__speaker=target))
    return target


class SplitError(ValueError):
    """A split that would leave one side without a name."""


@transaction.atomic
def split_person(person: Person, names) -> Person:
    """Undo a wrong merge: the chosen ``names`` (aliases of ``person``) become
    a new person, with the mentions printed in those names and the quotes of
    every article that names the person only in them. An article that also
    uses a name left behind keeps its quotes where they are."""
    names = {n for n in names if n}
    aliases = set(person.aliases.values_list("name", flat=True)) | {person.name}
    if not names or not names <= aliases:
        raise SplitError("choose names this person has")
    if not aliases - names:
        raise SplitError("leave at least one name with the person")
    by_article: dict[int, list[Mention]] = defaultdict(list)
    for mention in Mention.objects.filter(person=person).select_related("article"):
        by_article[mention.article_id].append(mention)
    moved = [
        article_id for article_id, mentions in by_article.items()
        if all(strip_possessive(m.article.body[m.start:m.end]) in names for m in mentions)
    ]
    new_name = _fullest(names)
    new = Person.objects.create(
        name=new_name[:200], slug=unique_slug(Person, new_name, max_length=200, fallback="person")
    )
    PersonAlias.objects.filter(person=person, name__in=names).update(person=new)
    add_aliases(new, {new_name})
    Mention.objects.filter(person=person, article_id__in=moved).update(person=new)
    Quote.objects.filter(speaker=person, article_id__in=moved).update(speaker=new)
    if person.name in names:
        person.name = _fullest(aliases - names)[:200]
        person.save(update_fields=["name"])
    for event in Event.objects.filter(articles__id__in=moved).distinct():
        group_event_quotes(event)
    return new


def _fullest(names) -> str:
    """The name with the most words (then the longest): "Ray Okafor" over "Okafor"."""
    return max(sorted(names), key=lambda n: (len(name_parts(n)[0]), len(n)))


# --- articles -------------------------------------------------------------


def store_article(prepared: Prepared, *, event: Event, outlets: OutletResolver, assigned: bool = False) -> Article:
    """Store one analysed article whole, or nothing (raises AlreadyImported).

    ``assigned``: the event assigner chose its event, so that the import
    runs that settle after this one may file it again (``EventAssigner``);
    an article put into an event by name stays there."""
    parsed, analysis = prepared.parsed, prepared.analysis
    signature = {**prepared.signature, ASSIGNED: True} if assigned else prepared.signature
    if Article.objects.filter(content_hash=prepared.content_hash).exists():
        raise AlreadyImported
    try:
        with transaction.atomic():
            article = Article.objects.create(
                event=event,
                outlet=outlets.resolve(parsed.outlet),
                source=prepared.source[:500],
                url=web_url(parsed.url),
                raw_text=parsed.raw,
                body=parsed.body,
                headline=(parsed.headline or "")[:500],
                headline_derived=parsed.headline_derived,
                byline=list(parsed.byline),
                dateline=(parsed.dateline or None) and parsed.dateline[:200],
                published=parsed.published,
                published_time=parsed.published_time,
                content_hash=prepared.content_hash,
                signature=signature,
            )
            people = resolve_people(analysis.people, event)
            Mention.objects.bulk_create(
                Mention(article=article, person=person, start=start, end=end)
                for person, cluster in zip(people, analysis.people)
                for start, end in cluster.mentions
                if end > start
            )
            Quote.objects.bulk_create(
                Quote(
                    article=article,
                    speaker=people[q.speaker] if q.speaker is not None else None,
                    text=q.text,
                    kind=q.kind,
                    start=q.start,
                    end=q.end,
                    cue=(q.cue or "")[:300],
                )
                for q in analysis.quotes
                if q.end > q.start
            )
            _date_event(event, parsed.published)
    except IntegrityError:
        # Another import stored the same content between our check and insert.
        if Article.objects.filter(content_hash=prepared.content_hash).exists():
            raise AlreadyImported from None
        raise
    return article


def _date_event(event: Event, published) -> None:
    """An event is dated by the earliest of its articles' dates, whichever
    article created it (an event made by ``--event`` starts undated)."""
    if published and (event.date is None or published < event.date):
        Event.objects.filter(pk=event.pk).update(date=published, changed_at=timezone.now())
        event.date = published


@transaction.atomic
def merge_events(target: Event, others) -> Event:
    """Fold ``others`` into ``target``: their articles move, the emptied
    events go, and the target's quotes are regrouped. The target keeps its
    title and address; it takes the earliest date of them all."""
    others = [e for e in others if e.pk != target.pk]
    ids = [e.pk for e in others]
    Article.objects.filter(event_id__in=ids).update(event=target)
    days = [e.date for e in (target, *others) if e.date]
    target.date = min(days, default=target.date)
    target.curated = True
    target.save(update_fields=["date", "curated"])
    events_regrouped.send(sender=Event, events=[target], merged={pk: target.pk for pk in ids})
    Event.objects.filter(pk__in=ids).delete()
    group_event_quotes(target)
    return target


def article_moved(article: Article, old_event_id: int | None) -> None:
    """After a curator moved ``article`` to another event: regroup both
    events' quotes and let their claims be re-analysed."""
    ids = {old_event_id, article.event_id} - {None}
    Event.objects.filter(pk__in=ids).update(curated=True)
    events = list(Event.objects.filter(pk__in=ids))
    for event in events:
        group_event_quotes(event)
    events_regrouped.send(sender=Event, events=events, merged={})


def get_or_create_event(slug: str, title: str | None = None) -> Event:
    event, created = Event.objects.get_or_create(
        slug=slug, defaults={"title": title or slug.replace("-", " ").capitalize()}
    )
    return event


def new_event_for(prepared: Prepared, title: str | None = None) -> Event:
    title = title or prepared.parsed.headline or "Untitled event"
    return Event.objects.create(
        slug=unique_slug(Event, title, fallback="event"),
        title=title[:300],
        date=prepared.parsed.published,
    )


# pg_advisory_xact_lock(namespace, key): one key for storing articles (event
# assignment sees every article stored before), one per event. A running
# import holds (LOCK_RUN, the newest article id when it began) for its whole
# session, shared, so that others can see since when imports are running.
LOCK_STORE, LOCK_EVENT, LOCK_RUN = 0x5041_5258, 0x5041_5259, 0x5041_525A
# Advisory lock keys are 32-bit: a larger article id is held as the largest
# key, which only makes the runs that read it file more articles again.
MAX_LOCK_KEY = 2**31 - 1


def advisory_lock(namespace: int, key: int = 0) -> None:
    """Hold a lock until the current transaction ends (PostgreSQL only;
    SQLite runs one writing transaction at a time anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [namespace, key])


def lock_event(pk: int) -> bool:
    """Hold the event's row until the transaction ends (PostgreSQL; SQLite
    holds the whole database for a writing transaction anyway). False when
    the event is gone: another import merged it into one of its events."""
    return bool(list(Event.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True)))


def join_runs(start: int) -> int:
    """Say that an import which began after article ``start`` is running,
    until ``leave_runs`` or the end of the database session, and return
    when the earliest import running now began (PostgreSQL; elsewhere
    ``start``: SQLite is not for concurrent imports)."""
    if connection.vendor != "postgresql":
        return start
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock_shared(%s, %s)", [LOCK_RUN, min(start, MAX_LOCK_KEY)])
    return min(start, earliest_run(start))


def leave_runs(start: int) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock_shared(%s, %s)", [LOCK_RUN, min(start, MAX_LOCK_KEY)])


def earliest_run(default: int) -> int:
    """The article id after which the earliest running import began, read
    from the locks that ``join_runs`` takes; ``default`` when none runs."""
    if connection.vendor != "postgresql":
        return default
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT min(objid::text::bigint) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND classid::text::bigint = %s AND objsubid = 2"
            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            [LOCK_RUN],
        )
        found = cursor.fetchone()[0]
    return default if found is None else min(found, default)


@transaction.atomic
def group_event_quotes(event: Event) -> None:
    """Regroup the event's quotes: the same utterance across outlets.

    The event's row is locked first, so two imports finishing one event
    regroup it one after the other, each from all of its quotes."""
    if not lock_event(event.pk):
        return
    quotes = list(
        Quote.objects.filter(article__event=event).values_list("id", "speaker_id", "text")
    )
    QuoteGroup.objects.filter(event=event).delete()
    texts = {qid: (speaker, text) for qid, speaker, text in quotes}
    groups = [ids for ids in group_quotes(quotes) if len(ids) > 1]
    made = QuoteGroup.objects.bulk_create(
        QuoteGroup(
            event=event,
            speaker_id=_common_speaker([texts[i][0] for i in ids]),
            label=max((texts[i][1] for i in ids), key=len),
        )
        for ids in groups
    )
    by_group = defaultdict(list)
    for group, ids in zip(made, groups):
        by_group[group.pk].extend(ids)
    for group_id, ids in by_group.items():
        Quote.objects.filter(id__in=ids).update(group_id=group_id)
    touch_events([event.pk])


def _common_speaker(speakers):
    known = {s for s in speakers if s is not None}
    return known.pop() if len(known) == 1 else None


class EventAssigner:
    """Picks the event each article of a run belongs to when none is given.

    While the run goes, each article joins the event an ``EventIndex`` picks
    among the stored events and those the run has made so far. At the end,
    ``settle`` files the run's articles again with ``refile``, against the
    events as they were before the run, together with the articles of the
    stored events they could join, then moves the articles that land
    elsewhere and drops the events left empty: so the events a run makes do
    not depend on the order of its files, nor on how the files were split
    into runs.

    Only each stored event's newest articles are read, so start-up does not
    grow with the archive; an event of more articles than that, or one a
    curator regrouped (``Event.curated``), is only added to, never filed
    again: later runs follow the curator.

    Runs that overlap in time (``join``) settle in turns, each filing again
    every assigned article stored since the earliest of them began: so the
    last to settle leaves the events one run of all their files would.
    """

    SAMPLE = 20

    def __init__(self):
        self._before = Article.objects.aggregate(last=models.Max("id"))["last"] or 0
        self._seen = self._before  # the newest article the index knows
        self._index = self._indexed(self._before)
        self._run: dict[int, tuple[str, dict]] = {}  # article id -> (content hash, signature)
        self._made: set[int] = set()  # events this run created
        self._joined: int | None = None  # the article the run began after, while it takes turns
        self._since: int | None = None  # when the earliest run it overlapped began

    def _indexed(self, upto: int) -> EventIndex:
        index = EventIndex()
        for event_id, signature in self._stored(upto):
            index.add(event_id, signature)
        return index

    def _stored(self, upto: int | None = None):
        """(event id, signature) of each event's newest articles stored up to
        article ``upto`` (by default, before the run)."""
        for _, _, event_id, signature, _ in self._stored_rows(upto):
            yield event_id, signature

    def _stored_rows(self, upto: int | None = None):
        """(article id, content hash, event id, signature, whether the event
        may be filed again) of each event's newest articles stored up to
        article ``upto`` (by default, before the run)."""
        newest = Window(RowNumber(), partition_by=F("event_id"), order_by=F("id").desc())
        size = Window(Count("id"), partition_by=F("event_id"))
        rows = (
            Article.objects.filter(id__lte=self._before if upto is None else upto)
            .annotate(rank=newest, size=size)
            .filter(rank__lte=self.SAMPLE)
            .order_by("event_id", "-id")
            .values_list("id", "content_hash", "event_id", "published", "signature", "size", "event__curated")
        )
        for article_id, content_hash, event_id, published, signature, size, curated in rows.iterator(chunk_size=2000):
            # The stored date, which a curator may have corrected, not the one read.
            signature = {**signature, "date": published and published.isoformat()}
            yield article_id, content_hash, event_id, signature, size <= self.SAMPLE and not curated

    def choose_id(self, prepared: Prepared) -> int | None:
        return self._index.choose(prepared.signature)

    def join(self) -> None:
        """Take part in the turns of the runs that overlap this one; until
        ``leave``. Call before the first article is stored."""
        self._joined = self._before
        self._since = join_runs(self._joined)

    def leave(self) -> None:
        if self._joined is not None:
            leave_runs(self._joined)
            self._joined = self._since = None

    def event_for(self, prepared: Prepared, title: str | None = None) -> Event:
        """The chosen event, or a new one (call inside the article's
        transaction, under the store lock)."""
        event_id = self.choose_id(prepared)
        event = Event.objects.filter(pk=event_id).first() if event_id is not None else None
        if event_id is not None and event is None:
            # Another run settled and merged the event away: read the
            # events as they are now.
            self._seen = Article.objects.aggregate(last=models.Max("id"))["last"] or 0
            self._index = self._indexed(self._seen)
            return self.event_for(prepared, title)
        if event is None:
            event = new_event_for(prepared, title)
            self._made.add(event.pk)
        return event

    def stored(self, event: Event, prepared: Prepared, article: Article) -> None:
        self._run[article.pk] = (prepared.content_hash, prepared.signature)
        self._index.add(event.pk, prepared.signature)
        self._seen = max(self._seen, article.pk)

    @transaction.atomic
    def settle(self) -> tuple[list[Event], set[int]]:
        """File the run's articles in an order-free way (see the class).

        Returns the events that now hold the run's articles or lost some of
        them, and the ids of the events the run made and then emptied
        (deleted here).
        """
        advisory_lock(LOCK_STORE)  # one run settles at a time, and none stores meanwhile
        if self._since is not None:
            since = earliest_run(self._since)
            self.adopt(list(
                Article.objects.filter(id__gt=since, **{f"signature__{ASSIGNED}": True}).values_list("id", flat=True)
            ))
        if not self._run:
            return [], set()
        by_hash = {content_hash: article_id for article_id, (content_hash, _) in self._run.items()}
        stored, movable, dates = [], set(), {}
        for article_id, content_hash, event_id, signature, may_move in self._stored_rows():
            stored.append((content_hash, event_id, signature))
            if may_move:
                movable.add(event_id)
            by_hash.setdefault(content_hash, article_id)
            dates[article_id] = signature.get("date")
        chosen = refile(stored, [(h, self._run[a][1]) for h, a in by_hash.items() if a in self._run], movable)
        filed = [by_hash[h] for h in chosen]
        now = dict(Article.objects.filter(pk__in=filed).values_list("id", "event_id"))
        dates.update((a, signature.get("date")) for a, (_, signature) in self._run.items())
        content_hashes = {a: h for h, a in by_hash.items()}

        members: dict = defaultdict(list)
        for content_hash, target in chosen.items():
            members[target].append(by_hash[content_hash])
        target_of, taken = {}, set()
        for label in sorted((t for t in members if isinstance(t, tuple)), key=lambda t: t[1]):
            # Keep a made event that holds most of the group, so its address stays.
            held = Counter(now[a] for a in members[label] if now[a] in self._made and now[a] not in taken)
            if held:
                target_of[label] = min(held, key=lambda e: (-held[e], e))
            else:
                first = min(members[label], key=lambda a: (dates[a] or "9999", content_hashes[a]))
                target_of[label] = Event.objects.create(
                    slug=unique_slug(Event, f"event-{first}", fallback="event"), title="Untitled event"
                ).pk
                self._made.add(target_of[label])
            taken.add(target_of[label])

        # Lock every event this may write before writing any, in order of
        # id, as other imports do (``update_events``).
        final = {target_of.get(t, t) for t in members}
        written = Event.objects.filter(pk__in=final | self._made | set(now.values())).order_by("pk")
        list(written.select_for_update().values_list("pk", flat=True))
        moves: dict[int, list[int]] = defaultdict(list)
        for target, article_ids in members.items():
            event_id = target_of.get(target, target)
            moves[event_id].extend(a for a in article_ids if now[a] != event_id)
        for event_id, article_ids in moves.items():
            for start in range(0, len(article_ids), 500):
                Article.objects.filter(pk__in=article_ids[start : start + 500]).update(event_id=event_id)
        # A stored event that lost articles to an event the run made is touched too.
        final |= {now[a] for ids in moves.values() for a in ids if a not in self._run}
        emptied = set(
            Event.objects.filter(pk__in=self._made - final).exclude(articles__isnull=False).values_list("pk", flat=True)
        )
        Event.objects.filter(pk__in=emptied).delete()
        events = list(Event.objects.filter(pk__in=final | set(now.values())).order_by("pk"))
        for event in events:
            describe_event(event, made=event.pk in self._made, before=self._before)
        touch_events([e.pk for e in events])
        return events, emptied

    def catch_up(self, after_id: int | None = None) -> None:
        """Add the articles other processes stored after ``after_id`` (by
        default, the newest the index knows), oldest first, as ``stored``
        would have: an import that several processes take turns at then
        sees what one process would."""
        rows = (
            Article.objects.filter(id__gt=self._seen if after_id is None else after_id)
            .order_by("id")
            .values_list("id", "event_id", "signature")
        )
        for article_id, event_id, signature in rows.iterator(chunk_size=2000):
            self._index.add(event_id, signature)
            self._seen = max(self._seen, article_id)

    def adopt(self, article_ids: list[int]) -> None:
        """Take stored articles as this run's, to ``settle`` them: a queued
        run's articles are stored by whichever worker is at hand. The events
        that hold nothing but them are the ones the run made."""
        rows = list(Article.objects.filter(pk__in=article_ids).values_list("id", "event_id", "content_hash", "signature"))
        for article_id, _, content_hash, signature in rows:
            self._run[article_id] = (content_hash, signature)
        events = {event_id for _, event_id, _, _ in rows}
        others = set(
            Article.objects.filter(event_id__in=events).exclude(pk__in=article_ids).values_list("event_id", flat=True)
        )
        self._made |= events - others
        self._before = min(article_ids, default=self._before + 1) - 1


def describe_event(event: Event, *, made: bool, before: int = 0) -> None:
    """Give the event the neutral title of its articles' headlines and its
    earliest article's date. A stored event keeps its title unless the title
    is still the one its earlier articles would give (a curator's stands);
    an event made by this run also takes a slug from its title."""
    rows = list(Article.objects.filter(event=event).values_list("id", "headline", "published"))
    title = neutral_title([headline for _, headline, _ in rows])[:300] or event.title
    if not made and event.title != neutral_title([h for i, h, _ in rows if i <= before])[:300]:
        title = event.title
    days = [day for _, _, day in rows if day]
    event.title, event.date = title, min(days) if days else event.date
    fields = ["title", "date"]
    if made and slugify(title)[:100].strip("-") and not event.slug.startswith(slugify(title)[:100].strip("-")):
        event.slug = unique_slug(Event, title, fallback="event")
        fields.append("slug")
    event.save(update_fields=fields)


def known_hashes(hashes: set[str]) -> set[str]:
    if not hashes:
        return set()
    return set(Article.objects.filter(content_hash__in=hashes).values_list("content_hash", flat=True))
