"""On PostgreSQL, a trigram index for the curators' headline search.

The admin's search matches words anywhere in a headline (``UPPER(title) LIKE '%…%'``, what
Django's ``icontains`` writes). A B-tree cannot answer that, so PostgreSQL read every article;
a GIN index of trigrams over ``UPPER(title)`` can. ``pg_trgm`` is a trusted extension (PostgreSQL
13 and newer), so the database owner may create it. SQLite has no such index and scans the
narrow ``article_title`` index instead (0007).
"""

from django.db import migrations

INDEX = "article_title_upper_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS {INDEX} ON archive_article USING gin ((UPPER("title"::text)) gin_trgm_ops)'
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0007_article_title_index"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
