"""Facts that outlets report, with each outlet's evidence."""
from django.db import models
from django.urls import reverse

from claims.text.values import KIND_CHOICES


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
    # The kind of value the outlets give differently (claims.text.values.KINDS).
    discrepancy_kind = models.CharField(max_length=20, choices=KIND_CHOICES, blank=True, db_index=True)
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

    def get_absolute_url(self):
        return reverse("claims:claim", args=[self.pk])


class Evidence(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="evidence"
    )
    excerpt = models.TextField(help_text="The exact sentence from the article body.")
    value = models.CharField(max_length=300, blank=True, null=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["claim", "article"]
        verbose_name_plural = "evidence"
        indexes = [
            # coverage_matrix() and the article page read evidence by article.
            models.Index(fields=["article", "claim"], name="evidence_article_claim"),
        ]

    def __str__(self):
        return self.excerpt[:80]
