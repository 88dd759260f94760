"""One writer process for tests/test_sqlite_concurrency.py: many small transactions through Django.

Run as ``python -m tests.sqlite_writer NAME COUNT`` with PARLEY_DATA_DIR set.
Each transaction creates an article and bumps a shared row, so writers really
contend for SQLite's single write lock. Exit status 0 only if every write
succeeded.
"""

import datetime
import os
import sys


def main(name: str, count: int) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import transaction
    from django.db.models import F

    from archive.models import Article, Source

    shared = Source.objects.get(slug="shared-counter")
    for n in range(count):
        with transaction.atomic():
            Article.objects.create(
                title=f"{name} article {n}",
                body=f"Written by {name}, number {n}.",
                published_on=datetime.date(2021, 1, 1),
                status=Article.Status.PUBLISHED,
            )
            # A read-modify-write inside the same transaction: the classic "database is locked" case.
            Source.objects.filter(pk=shared.pk).update(homepage=f"https://example.org/{name}/{n}")
            Source.objects.filter(pk=shared.pk).update(name=F("name"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
