"""GIN indexes for full-text search over articles and quotes (PostgreSQL only).

The indexed expressions are built from articles.queries, the same
SearchVector expressions the search queries use, so the planner can use
them. They are created with RunPython rather than AddIndex so that model
state is unchanged (SQLite has no GIN and its search falls back to
icontains) and makemigrations sees nothing to undo.
"""
from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

INDEXES = [
    # articles.queries.search_articles(): headline and body.
    ("Article", "article_search_gin", "article_search_vector"),
    # articles.queries.search_quotes(): the quoted words.
    ("Quote", "quote_search_gin", "quote_search_vector"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from articles import queries

    for model_name, name, vector in INDEXES:
        model = apps.get_model("articles", model_name)
        index = GinIndex(getattr(queries, vector)(), name=name)
        schema_editor.execute(index.create_sql(model, schema_editor))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _model, name, _vector in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
