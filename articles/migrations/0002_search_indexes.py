"""GIN indexes for full-text search over articles and quotes (PostgreSQL only).

The indexed expressions are the SearchVector expressions the search queries
used at the time, written out here so that the migration depends on no
module of the app. They are created with RunPython rather than AddIndex so
that model state is unchanged (SQLite has no GIN and its search falls back
to icontains) and makemigrations sees nothing to undo.
"""
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEXES = [
    # Article search: headline and body.
    ("Article", "article_search_gin", ("headline", "body")),
    # Quote search: the quoted words.
    ("Quote", "quote_search_gin", ("text",)),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, name, fields in INDEXES:
        model = apps.get_model("articles", model_name)
        index = GinIndex(SearchVector(*fields, config="english"), name=name)
        schema_editor.execute(index.create_sql(model, schema_editor))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _model, name, _fields in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
