"""A clear one-line error, not a traceback, when the database is not ready."""
from django.core.management.base import CommandError
from django.db import DatabaseError, connection

from articles.models import Article


def require_database() -> None:
    """Stop the command unless the database answers and has been migrated."""
    try:
        tables = connection.introspection.table_names()
    except DatabaseError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CommandError(f"cannot reach the database: {reason}") from None
    if Article._meta.db_table not in tables:
        raise CommandError("the database has no tables yet: run `python manage.py migrate` first")
