"""The normalised URL of every article, in an indexed column: a lookup by URL is one index probe."""

from django.db import migrations, models

import archive.models.core

BATCH = 2000


def fill_url_keys(apps, schema_editor):
    """Derive the key of every stored URL (articles without a URL keep ``""``), a batch at a time."""
    from archive.url_keys import url_key

    Article = apps.get_model("archive", "Article")
    with_url = Article.objects.exclude(url="").order_by("pk")
    last = 0
    while True:
        batch = list(with_url.filter(pk__gt=last).only("pk", "url")[:BATCH])
        if not batch:
            return
        for article in batch:
            article.url_key = url_key(article.url)
        Article.objects.bulk_update(batch, ["url_key"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0003_curators_group"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="url_key",
            field=archive.models.core.URLKeyField(
                blank=True,
                editable=False,
                help_text="The URL as the import compares it (archive/url_keys.py).",
                max_length=500,
                verbose_name="normalised URL",
            ),
        ),
        migrations.RunPython(fill_url_keys, migrations.RunPython.noop, elidable=True),
        # After the fill: building the index once is cheaper than updating it row by row.
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["url_key"], name="article_url_key"),
        ),
    ]
