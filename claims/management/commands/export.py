"""Write one event as JSON or CSV: ``python manage.py export SLUG``."""
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from claims.exporting import write_claims_csv, write_event_json, write_quotes_csv
from articles.management.database import require_database
from articles.models import Event


class Command(BaseCommand):
    help = "Export an event's articles, people, quotes and claims."

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", metavar="EVENT_SLUG", help="The event to export.")
        parser.add_argument(
            "--format", choices=["json", "csv", "claims-csv"], default="json",
            help="json (default): the whole event; csv: the quotes table; claims-csv: the claims table, one row per piece of evidence.",
        )
        parser.add_argument(
            "--public", action="store_true",
            help="Leave out the claims the public site hides (rejected ones); what the event page offers for download.",
        )
        parser.add_argument("--output", metavar="FILE", help="Write to FILE instead of standard output.")
        parser.add_argument("--list", action="store_true", help="List every event: slug, article count, title.")

    def handle(self, slug=None, format="json", output=None, list=False, public=False, **options):
        if list and slug:
            raise CommandError(f"--list takes no event slug (got {slug!r})", returncode=2)
        require_database()
        if list:
            events = Event.objects.annotate(n=Count("articles")).order_by("slug")
            for event in events:
                self.stdout.write(f"{event.slug}\t{event.n}\t{event.title}")
            return
        if not slug:
            raise CommandError("name an event slug, or use --list to see them", returncode=2)
        # A former address (the event was renamed or merged) still names it.
        event = Event.objects.filter(slug=slug).first() or Event.objects.forwarded(slug).first()
        if event is None:
            raise CommandError(f"no event with slug {slug!r} (see: manage.py export --list)", returncode=2)
        if event.slug != slug and options.get("verbosity", 1) >= 1:
            self.stderr.write(f"{slug} is now {event.slug}")
        try:
            out = open(output, "w", encoding="utf-8", newline="") if output else None
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc.strerror}", returncode=2) from None
        stream = out or self.stdout
        try:
            if format == "csv":
                write_quotes_csv(event, stream)
            elif format == "claims-csv":
                write_claims_csv(event, stream, public)
            else:
                write_event_json(event, stream, public)
        finally:
            if out:
                out.close()
