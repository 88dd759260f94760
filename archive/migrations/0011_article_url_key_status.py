"""The URL key's index gains the status: a published article by URL is one probe of it on SQLite
(which, without statistics, walked the status-and-date index over every published article)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0010_shorten_article_slugs"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["url_key", "status"], name="article_url_key_status"),
        ),
        migrations.RemoveIndex(
            model_name="article",
            name="article_url_key",
        ),
    ]
