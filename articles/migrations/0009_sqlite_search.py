"""Stemmed full-text search on SQLite: FTS5 tables with the porter tokenizer.

PostgreSQL stems with its ``english`` configuration (the stored vectors of
0005); SQLite's ``icontains`` did not, so "detainees" missed "detained".
Each searched table gets an external-content FTS5 table (the text is not
stored twice) that triggers keep in step on insert, update and delete. On
PostgreSQL this migration does nothing.
"""
from django.db import migrations

# (table, searched columns); the FTS table is "<table>_fts", rowid = id.
TABLES = [
    ("articles_article", ("headline", "body")),
    ("articles_quote", ("text",)),
]


def fts_statements(table, columns):
    """The SQL that creates ``table``'s FTS5 table and its triggers, and fills it."""
    fts = f"{table}_fts"
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {cols} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def drop_statements(table):
    fts = f"{table}_fts"
    return [f"DROP TRIGGER IF EXISTS {fts}_{when}" for when in ("insert", "delete", "update")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, columns in TABLES:
        for sql in fts_statements(table, columns):
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, _columns in TABLES:
        for sql in drop_statements(table):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_failed_import")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
