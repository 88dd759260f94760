"""Cut article slugs longer than 60 characters at a word, keeping each old slug as a redirect.

The cut is written out here rather than imported, so that this migration does what it
did when it was written whatever the models' code becomes.
"""

from django.db import migrations
from django.db.models.functions import Length

LIMIT = 60


def cut_at_word(slug: str, limit: int) -> str:
    slug = slug.strip("-")
    if len(slug) <= limit:
        return slug
    head = slug[: limit + 1].rsplit("-", 1)[0].strip("-")
    return head if len(head) * 2 >= limit else slug[:limit].strip("-")


def shorten(apps, schema_editor):
    Article = apps.get_model("archive", "Article")
    ArticleRedirect = apps.get_model("archive", "ArticleRedirect")
    long_ones = Article.objects.annotate(length=Length("slug")).filter(length__gt=LIMIT).order_by("pk")
    taken = set()
    for article in long_ones.iterator():
        root = cut_at_word(article.slug, LIMIT)
        candidate, counter = root, 1
        while candidate in taken or Article.objects.filter(slug=candidate).exists():
            counter += 1
            suffix = f"-{counter}"
            candidate = cut_at_word(root, LIMIT - len(suffix)) + suffix
        taken.add(candidate)
        ArticleRedirect.objects.get_or_create(old_slug=article.slug, defaults={"article": article})
        # update(), not save(): the slug is not in the search index, and the change is not a curator's edit.
        Article.objects.filter(pk=article.pk).update(slug=candidate)


def lengthen(apps, schema_editor):
    Article = apps.get_model("archive", "Article")
    ArticleRedirect = apps.get_model("archive", "ArticleRedirect")
    for redirect in ArticleRedirect.objects.annotate(length=Length("old_slug")).filter(length__gt=LIMIT):
        Article.objects.filter(pk=redirect.article_id).update(slug=redirect.old_slug)
        redirect.delete()


class Migration(migrations.Migration):
    dependencies = [("archive", "0009_former_slugs")]

    operations = [migrations.RunPython(shorten, lengthen)]
