"""Stored search vectors for articles and quotes (PostgreSQL only).

Search ranked matches with ts_rank over to_tsvector(...) computed
per row: a name found in 3,000 of 10,000 articles took 1.7 s, nearly all of
it parsing bodies again, and the planner would rather filter quotes by
parsing each one than use the expression index. Triggers now keep the
vectors in Article.search_vector and Quote.search_vector, the GIN indexes
are built on those columns, and the expression indexes of 0002 go. On
SQLite the columns are added and stay empty: search there falls back to
icontains.
"""
import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# (table, trigger columns, the text searched: the same as the expressions
# 0002 indexed, old GIN index, the fields of its SearchVector, model).
VECTORS = [
    (
        "articles_article", "headline, body", "COALESCE({row}headline, '') || ' ' || COALESCE({row}body, '')",
        "article_search_gin", ("headline", "body"), "Article",
    ),
    ("articles_quote", "text", "COALESCE({row}text, '')", "quote_search_gin", ("text",), "Quote"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns, text, old_index, _vector, _model in VECTORS:
        schema_editor.execute(
            f"""
            CREATE FUNCTION {table}_search_vector_update() RETURNS trigger AS $$
            BEGIN
                NEW.search_vector := to_tsvector('english'::regconfig, {text.format(row="NEW.")});
                RETURN NEW;
            END
            $$ LANGUAGE plpgsql
            """
        )
        schema_editor.execute(
            f"""
            CREATE TRIGGER {table}_search_vector
            BEFORE INSERT OR UPDATE OF {columns} ON {table}
            FOR EACH ROW EXECUTE FUNCTION {table}_search_vector_update()
            """
        )
        schema_editor.execute(
            f"UPDATE {table} SET search_vector = to_tsvector('english'::regconfig, {text.format(row='')})"
        )
        schema_editor.execute(f'DROP INDEX IF EXISTS "{old_index}"')
        schema_editor.execute(f'CREATE INDEX "{table}_search_vector_gin" ON {table} USING gin (search_vector)')


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _columns, _text, old_index, fields, model_name in VECTORS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_search_vector_gin"')
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search_vector ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_search_vector_update()")
        model = apps.get_model("articles", model_name)
        index = GinIndex(SearchVector(*fields, config="english"), name=old_index)
        schema_editor.execute(index.create_sql(model, schema_editor))


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_list_indexes")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="quote",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
