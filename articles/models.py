"""Events, the outlets that covered them, their articles, and who is quoted."""
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse


def web_url(url: str | None) -> str:
    """The article's address if it is an http(s) URL, else nothing: an input
    file must not turn a javascript: or data: URL into a link on the site."""
    url = (url or "").strip()
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https") or not rest or len(url) > 1000:
        return ""
    return url


class Event(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=300)
    date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Moved on by articles.services.touch_events() whenever something the
    # event's overview shows changes; the cached overview is keyed on it.
    changed_at = models.DateTimeField(auto_now=True)
    # Set in the transaction that stores an article into the event, cleared
    # once its quotes are grouped and its claims drafted: an import killed
    # in between leaves it set, and the next import finishes the event.
    analysis_pending = models.BooleanField(default=False)
    # Set when a curator merges events, moves an article in or out, or works
    # on the event's claims: an import then adds to the event but never files
    # its articles again.
    curated = models.BooleanField(default=False)

    class Meta:
        ordering = ["-date", "title"]
        indexes = [
            # ImportRun: the events an interrupted import left unfinished.
            models.Index(fields=["analysis_pending"], name="event_analysis_pending",
                         condition=Q(analysis_pending=True)),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:event", args=[self.slug])


class Outlet(models.Model):
    class Kind(models.TextChoices):
        AGENCY = "agency", "News agency"
        NEWSPAPER = "newspaper", "Newspaper"
        BROADCASTER = "broadcaster", "Broadcaster"
        MAGAZINE = "magazine", "Magazine"
        ONLINE = "online", "Online publication"
        BLOG = "blog", "Blog"
        UNKNOWN = "unknown", "Unknown"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    aliases = models.JSONField(default=list, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.UNKNOWN)
    country = models.CharField(max_length=100, blank=True)
    homepage = models.URLField(blank=True)
    # False for outlets created on the fly from text Parallax could not place.
    verified = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:outlet", args=[self.slug])


class Article(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="articles")
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="articles")
    source = models.CharField(max_length=500, help_text="File name the article came from.")
    url = models.URLField(max_length=1000, blank=True)
    raw_text = models.TextField(help_text="The input exactly as scraped.")
    body = models.TextField(help_text="The cleaned article text.")
    headline = models.CharField(max_length=500)
    headline_derived = models.BooleanField(
        default=False, help_text="No headline was printed; this one is made from the text."
    )
    byline = models.JSONField(default=list, blank=True)
    dateline = models.CharField(max_length=200, blank=True, null=True)
    published = models.DateField(null=True, blank=True)
    # The time beside the publication date where the page prints one
    # ("May 28 2007 14:46"), in the page's own time zone: pages rarely say
    # which, so it is kept as printed rather than turned into an instant.
    published_time = models.TimeField(null=True, blank=True)
    content_hash = models.CharField(max_length=64)
    # Terms that tie the article to an event (people, places, key words).
    signature = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    # PostgreSQL only: the words of headline and body, kept by a trigger
    # (migration 0005) so that ranking search results reads them instead of
    # re-parsing every matching body. Always empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["published", "outlet__name", "id"]
        constraints = [
            # Idempotent import: the same content is stored once.
            models.UniqueConstraint(fields=["content_hash"], name="article_unique_content"),
        ]
        indexes = [
            # Event pages list an event's articles by date.
            models.Index(fields=["event", "published"], name="article_event_published"),
            # Quotes joined to their article's event and outlet (the person
            # page's counts by outlet and by event, search filtered by
            # event): read from this index alone rather than from the
            # article rows, which carry whole texts.
            models.Index(fields=["id", "event", "outlet"], name="article_id_event_outlet"),
        ]

    def __str__(self):
        return f"{self.outlet}: {self.headline}"

    def get_absolute_url(self):
        return reverse("articles:article", args=[self.pk])

    @property
    def link(self) -> str:
        """The original page's address, only where it is safe to link to."""
        return web_url(self.url)


class Person(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    role = models.CharField(max_length=300, blank=True)
    # Set by curators: the organisation or side a person speaks for
    # ("State Department", "Hamas"). Voices per outlet group quoted words
    # by it, and by the role the text gives where it is empty.
    affiliation = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:person", args=[self.slug])


class PersonAlias(models.Model):
    """A surface form of a person's name ("Mr. Crocker") under one match key.

    A form has several keys (full name, surname, ...), so it may have a row
    for each; resolving a newly read name looks rows up by key.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "name", "key"], name="alias_unique_per_person"),
        ]
        indexes = [
            # resolve_people(): PersonAlias.objects.filter(key__in=...)
            models.Index(fields=["key"], name="alias_key"),
        ]

    def __str__(self):
        return self.name


class Mention(models.Model):
    """One place an article names a person."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="mention_offsets_ordered"),
        ]
        indexes = [
            # The people page lists a person's articles.
            models.Index(fields=["person", "article"], name="mention_person_article"),
        ]

    def __str__(self):
        return f"{self.person} in {self.article_id}"


class QuoteGroup(models.Model):
    """The same utterance as several outlets reported it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="quote_groups")
    speaker = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="quote_groups"
    )
    label = models.TextField(help_text="The fullest wording, shown as the group's title.")

    class Meta:
        ordering = ["event", "id"]

    def __str__(self):
        return self.label[:80]


class Quote(models.Model):
    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct"
        PARTIAL = "partial", "Partial"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    speaker = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="quotes"
    )
    text = models.TextField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    start = models.PositiveIntegerField(help_text="Offset of the text in the article body.")
    end = models.PositiveIntegerField()
    cue = models.CharField(max_length=300, blank=True)
    group = models.ForeignKey(
        QuoteGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="quotes"
    )
    # PostgreSQL only, kept by a trigger like Article.search_vector.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="quote_offsets_ordered"),
            models.UniqueConstraint(fields=["article", "start"], name="quote_unique_position"),
        ]
        indexes = [
            # The quotes view filters an event's quotes by speaker.
            models.Index(fields=["speaker", "article"], name="quote_speaker_article"),
            # The event's quote list (views.summarise_utterances) and the
            # overview's people table count an event's quotes by speaker
            # and group: with every column they read in the index, the
            # planner joins the event's articles to it by index-only scans
            # instead of reading the whole quote table.
            models.Index(fields=["article", "speaker", "group", "id"], name="quote_article_speaker_group"),
        ]

    def __str__(self):
        return self.text[:80]


# --- queued imports (ingest --queue) -----------------------------------------


class QueuedRun(models.Model):
    """One ``ingest --queue`` run: its articles are analysed by any worker
    but stored in input order, so the result matches a one-process import."""

    created_at = models.DateTimeField(auto_now_add=True)
    event_slug = models.SlugField(max_length=120, blank=True)  # --event, if given
    event_title = models.CharField(max_length=300, blank=True)
    total = models.PositiveIntegerField()
    # The input position of the next article to store; every one before it
    # has been stored, skipped or given up.
    next_seq = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"queued run #{self.pk} ({self.total} articles)"


class QueuedArticle(models.Model):
    """An article of a queued run, from its input text to its stored row.

    The source travels here rather than in the task message, so a message
    lost with the broker can be sent again by whoever notices."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for analysis"
        ANALYSED = "analysed", "Analysed, waiting its turn to be stored"
        IMPORTED = "imported", "Imported"
        SKIPPED = "skipped", "Skipped (already imported)"
        FAILED = "failed", "Failed"

    run = models.ForeignKey(QueuedRun, on_delete=models.CASCADE, related_name="items")
    seq = models.PositiveIntegerField()  # position in the run's input
    path = models.CharField(max_length=1000)
    source = models.CharField(max_length=500)
    content_hash = models.CharField(max_length=64)
    text = models.TextField(blank=True)  # emptied once stored
    html = models.BooleanField(default=False)
    url = models.CharField(max_length=1000, blank=True)
    hints = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    prepared = models.BinaryField(null=True)  # the pickled analysis, until stored
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # True once the event's quotes are grouped and claims drafted with this article.
    finished = models.BooleanField(default=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=200, blank=True)  # host:pid of the last attempt

    class Meta:
        ordering = ["run", "seq"]
        constraints = [
            # The store step looks an article up by its run and position.
            models.UniqueConstraint(fields=["run", "seq"], name="queuedarticle_run_seq_unique"),
        ]
        indexes = [
            # ingest's progress counts a run's articles by state.
            models.Index(fields=["run", "state"], name="queuedarticle_run_state"),
        ]

    def __str__(self):
        return f"{self.path} ({self.state})"


class FailedImport(models.Model):
    """The dead-letter record: an article the queue gave up on, and why."""

    run = models.ForeignKey(QueuedRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="failures")
    path = models.CharField(max_length=1000)
    source = models.CharField(max_length=500, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    reason = models.TextField()
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.path}: {self.reason}"
