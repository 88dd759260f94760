from django.db import migrations, models


class Migration(migrations.Migration):
    """The queue holds meetings as well as articles: a kind beside each record's id."""

    dependencies = [("search", "0001_index_queue")]

    operations = [
        migrations.RenameField(model_name="indexchange", old_name="article_id", new_name="object_id"),
        migrations.AddField(
            model_name="indexchange",
            name="kind",
            field=models.CharField(
                choices=[("article", "article"), ("meeting", "meeting")], default="article", max_length=10
            ),
        ),
    ]
