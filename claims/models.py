"""Facts that outlets report, with each outlet's evidence."""
from django.db import models
from django.urls import reverse

from claims.text.values import kind_choices


class KindField(models.CharField):
    """A kind of value (claims.text.values.KINDS), its choices read from the
    table at run time and left out of migrations: a new kind is one row of
    the table, with no migration (the column is plain text either way)."""

    def __init__(self, **kwargs):
        kwargs["choices"] = kind_choices
        super().__init__(**kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("choices", None)
        return name, "django.db.models.CharField", args, kwargs


class ClaimQuerySet(models.QuerySet):
    def curated(self):
        """Claims a person has touched; re-analysis leaves them alone."""
        return self.filter(models.Q(curated=True) | ~models.Q(status=Claim.Status.CANDIDATE))

    def uncurated(self):
        return self.filter(curated=False, status=Claim.Status.CANDIDATE)

    def differing_in(self, kind: str):
        """Claims whose outlets give a value of ``kind`` differently."""
        return self.filter(discrepancy=True, discrepancy_kind=kind)

    def disputed(self):
        return self.filter(models.Q(discrepancy=True) | models.Q(status=Claim.Status.DISPUTED))

    def with_framing(self):
        """Each claim with ``framing_differs``: some outlet states it as fact
        and another only attributes or hedges it (``claims.framing``'s rule,
        on the stored stances), as two semi-joins on evidence."""
        return self.annotate(framing_differs=models.ExpressionWrapper(
            _framing_differs(), output_field=models.BooleanField()
        ))

    def public(self):
        """The claims the public site counts and lists: not rejected, not merged away."""
        return self.exclude(status__in=Claim.HIDDEN_STATUSES)

    def resolve(self, pk):
        """The public claim that claim ``pk`` now is: itself, the claim it was
        merged into, or None (unknown, rejected, or merged into a hidden claim)."""
        claim = self.filter(pk=pk).first()
        seen = set()
        # Merges re-point earlier merges at the new target, so this is one
        # step; the loop only guards against chains left by older data.
        while claim is not None and claim.merged_into_id and claim.pk not in seen:
            seen.add(claim.pk)
            claim = self.filter(pk=claim.merged_into_id).first()
        if claim is None or claim.status in Claim.HIDDEN_STATUSES:
            return None
        return claim


class Claim(models.Model):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", "Candidate"
        CONFIRMED = "confirmed", "Confirmed"
        DISPUTED = "disputed", "Disputed"
        REJECTED = "rejected", "Rejected"
        MERGED = "merged", "Merged"

    # Statuses the public never sees; Claim.objects.public() leaves them out.
    HIDDEN_STATUSES = (Status.REJECTED, Status.MERGED)
    # Statuses worth a badge; a candidate is every claim's starting point.
    BADGE_STATUSES = (Status.CONFIRMED, Status.DISPUTED)

    event = models.ForeignKey("articles.Event", on_delete=models.CASCADE, related_name="claims")
    statement = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CANDIDATE)
    discrepancy = models.BooleanField(default=False)
    discrepancy_note = models.TextField(blank=True)
    # The kind of value the outlets give differently (claims.text.values.KINDS).
    discrepancy_kind = KindField(max_length=20, blank=True, db_index=True, verbose_name="outlets differ on")
    # Set when a curator edits, merges or splits the claim: analysis then
    # keeps it, and its evidence, exactly as the curator left it.
    curated = models.BooleanField(default=False)
    # Set, with status "merged", when a curator merges this claim into
    # another; its address then leads there (Claim.objects.resolve).
    merged_into = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="merged_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["event", "id"]
        indexes = [
            # The claims view filters an event's claims by status.
            models.Index(fields=["event", "status"], name="claim_event_status"),
        ]
        constraints = [
            # A merged claim always leads somewhere, and only a merged one does.
            models.CheckConstraint(
                condition=models.Q(status="merged", merged_into__isnull=False)
                | (~models.Q(status="merged") & models.Q(merged_into__isnull=True)),
                name="claim_merged_has_target",
            ),
        ]

    def __str__(self):
        return self.statement[:80]

    @property
    def badge(self):
        """The status label worth showing the public, or None for a candidate."""
        return self.get_status_display() if self.status in self.BADGE_STATUSES else None

    def get_absolute_url(self):
        return reverse("claims:claim", args=[self.pk])

    @classmethod
    def public_status_choices(cls):
        return [(value, label) for value, label in cls.Status.choices if value not in cls.HIDDEN_STATUSES]


class Evidence(models.Model):
    class Stance(models.TextChoices):
        # articles.text.framing.STANCES
        ASSERTED = "asserted", "Stated as fact"
        ATTRIBUTED = "attributed", "Attributed"
        HEDGED = "hedged", "Hedged"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="evidence"
    )
    excerpt = models.TextField(help_text="The exact sentence from the article body.")
    value = models.CharField(max_length=300, blank=True, null=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    # How the outlet tells the excerpt, and the words that show it
    # ("reportedly", "said"); set by claims.framing when evidence is saved.
    stance = models.CharField(max_length=12, choices=Stance.choices, blank=True)
    stance_cues = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["claim", "article"]
        verbose_name_plural = "evidence"
        indexes = [
            # coverage_matrix() and the article page read evidence by article.
            models.Index(fields=["article", "claim"], name="evidence_article_claim"),
        ]

    def __str__(self):
        return self.excerpt[:80]


def _framing_differs():
    """``claims.framing.framing_differs`` as a condition on the claim row: an
    asserting evidence row, and one attributing or hedging it from an
    outlet that asserts it nowhere in the claim."""
    evidence = Evidence.objects.filter(claim=models.OuterRef("pk"))
    asserting = Evidence.objects.filter(
        claim=models.OuterRef(models.OuterRef("pk")), stance=Evidence.Stance.ASSERTED
    ).values("article__outlet_id")
    other = evidence.filter(stance__in=[Evidence.Stance.ATTRIBUTED, Evidence.Stance.HEDGED]).exclude(
        article__outlet_id__in=asserting
    )
    return models.Exists(evidence.filter(stance=Evidence.Stance.ASSERTED)) & models.Exists(other)
