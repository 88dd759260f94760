"""Stand-in for ``import_articles`` in the soak test: write N published articles through the ORM.

Used only while the import pipeline is not in this branch. Writes in small
transactions, as an import would, so it contends with the curators for SQLite's
write lock. Usage: ``python bench/soak_writer.py N`` with PARLEY_DATA_DIR set.
"""

import datetime
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main(count: int) -> int:
    import django

    django.setup()
    from django.db import transaction

    from archive.models import Article, Source
    from bench.soak import synthetic_articles

    sources = {}
    for n, record in enumerate(synthetic_articles(count), 1):
        with transaction.atomic():
            source = sources.get(record["source"])
            if source is None:
                source = sources[record["source"]] = Source.objects.get_or_create(name=record["source"])[0]
            Article.objects.create(
                title=record["title"],
                body=record["body"],
                published_on=datetime.date.fromisoformat(record["date"]),
                source=source,
                url=record["url"],
                status=Article.Status.PUBLISHED,
                origin="soak",
            )
        if n % 500 == 0:
            print(f"{n} articles written", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1])))
