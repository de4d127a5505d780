"""Facts that outlets report, with each outlet's evidence."""
from django.db import models
from django.urls import reverse


class ClaimQuerySet(models.QuerySet):
    def curated(self):
        """Claims a person has touched; re-analysis leaves them alone."""
        return self.filter(models.Q(curated=True) | ~models.Q(status=Claim.Status.CANDIDATE))

    def uncurated(self):
        return self.filter(curated=False, status=Claim.Status.CANDIDATE)

    def disputed(self):
        return self.filter(models.Q(discrepancy=True) | models.Q(status=Claim.Status.DISPUTED))


class Claim(models.Model):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", "Candidate"
        CONFIRMED = "confirmed", "Confirmed"
        DISPUTED = "disputed", "Disputed"
        REJECTED = "rejected", "Rejected"

    event = models.ForeignKey("articles.Event", on_delete=models.CASCADE, related_name="claims")
    statement = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CANDIDATE)
    discrepancy = models.BooleanField(default=False)
    discrepancy_note = models.TextField(blank=True)
    # Set when a curator edits, merges or splits the claim: analysis then
    # keeps it, and its evidence, exactly as the curator left it.
    curated = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["event", "id"]
        indexes = [
            # The claims view filters an event's claims by status.
            models.Index(fields=["event", "status"], name="claim_event_status"),
        ]

    def __str__(self):
        return self.statement[:80]

    @property
    def is_curated(self):
        return self.curated or self.status != self.Status.CANDIDATE

    def get_absolute_url(self):
        return reverse("claims:claim", args=[self.pk])


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
