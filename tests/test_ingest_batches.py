"""Saving in batches: one commit per batch, each article still all-or-nothing, one queue row per article."""

import json

import pytest
from django.db import DatabaseError, OperationalError, connection

from archive.ingest import batch, save
from archive.ingest.pipeline import ImportOptions, run_import
from archive.ingest.read import InputFile
from archive.models import Article, Participation, Source
from index.models import IndexChange
from tests.test_ingest_pipeline import officials  # noqa: F401 (the fixture, used by name)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("officials")]

TOWNS = ["Baku", "Ganja", "Sumgait", "Shaki", "Lankaran", "Quba", "Shamakhi"]


def records(count: int, source: str = "") -> list[dict]:
    """Return ``count`` different articles of one day, each naming a known official and a country."""
    return [
        {
            "title": f"Talks in {town}",
            "body": f"Zakir Hasanov met the Iranian ambassador in {town} on Monday. They spoke of {town}'s roads.",
            "date": "2019-02-04",
            **({"source": source} if source else {}),
        }
        for town in TOWNS[:count]
    ]


def import_records(tmp_path, items: list[dict], name="batch.jsonl", **options):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(item) for item in items))
    return path, run_import([InputFile.from_path(path)], ImportOptions(**options))


def queued_ids() -> list[int]:
    return sorted(IndexChange.objects.filter(kind="article").values_list("object_id", flat=True))


def test_a_bad_article_in_the_middle_of_a_batch_leaves_the_others_saved_and_queued(tmp_path, monkeypatch):
    real_apply_links = save.apply_links

    def fails_for_ganja(article, links, new=False):
        if article.title == "Talks in Ganja":
            raise DatabaseError("simulated failure after the article row was written")
        real_apply_links(article, links, new)

    monkeypatch.setattr(save, "apply_links", fails_for_ganja)
    path, report = import_records(tmp_path, records(5), publish=True)

    assert [str(r) for r in report.rejected] == [
        f"{path}: line 2: could not be saved: simulated failure after the article row was written"
    ]
    assert [o.title for o in report.created] == [
        "Talks in Baku",
        "Talks in Sumgait",
        "Talks in Shaki",
        "Talks in Lankaran",
    ]
    stored = Article.objects.order_by("pk")
    assert [a.title for a in stored] == [o.title for o in report.created]
    assert not Article.objects.filter(title="Talks in Ganja").exists()
    # Every saved article has its links and exactly one queue row; the failed one has none.
    assert Participation.objects.count() == 4 and all(a.countries.exists() for a in stored)
    assert queued_ids() == sorted(report.changed_ids) == sorted(a.pk for a in stored)


def test_articles_across_several_batches_are_all_saved_with_one_queue_row_each(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "BATCH_SIZE", 2)
    items = records(7)
    items.insert(3, dict(items[2], title="The same story again"))  # a copy inside the open batch
    path, report = import_records(tmp_path, items, publish=True)

    assert report.ok and len(report.created) == 7
    assert [(o.where, o.matched_title) for o in report.duplicates] == [("line 4", "Talks in Sumgait")]
    assert Article.objects.count() == 7
    assert queued_ids() == sorted(report.changed_ids)
    # A second run finds every one of them, whichever batch stored it.
    _, again = import_records(tmp_path, items, publish=True)
    assert len(again.duplicates) == 8 and not again.created and Article.objects.count() == 7


@pytest.mark.django_db(transaction=True)
def test_a_batch_that_cannot_commit_keeps_nothing_and_reports_each_of_its_articles(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "BATCH_SIZE", 2)
    real_commit, commits = connection.commit, []

    def first_commit_fails():
        commits.append(1)
        if len(commits) == 1:
            raise OperationalError("disk I/O error (simulated)")
        real_commit()

    monkeypatch.setattr(connection, "commit", first_commit_fails)
    items = records(4, source="Brand New Outlet")
    items.append(dict(items[0]))  # a copy of an article whose batch was lost: not a duplicate after all
    path, report = import_records(tmp_path, items, publish=True)

    assert [str(r) for r in report.rejected] == [
        f"{path}: line 1: could not be saved: disk I/O error (simulated)",
        f"{path}: line 2: could not be saved: disk I/O error (simulated)",
    ]
    assert [o.where for o in report.created] == ["line 3", "line 4", "line 5"] and not report.duplicates
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Talks in Baku",
        "Talks in Shaki",
        "Talks in Sumgait",
    ]
    # The outlet made in the lost batch was made again, once.
    assert Source.objects.filter(name="Brand New Outlet").count() == 1
    assert set(Article.objects.values_list("source__name", flat=True)) == {"Brand New Outlet"}
    assert queued_ids() == sorted(report.changed_ids) == sorted(Article.objects.values_list("pk", flat=True))


def test_insert_new_stores_what_save_would_and_queues_the_article():
    from datetime import date

    from archive.sql import insert_new

    article = Article(title="Plain insert", body="Zakir  Hasanov met  colleagues.", published_on=date(2019, 2, 4))
    article.fill_derived_fields()
    insert_new(article)
    stored = Article.objects.get(pk=article.pk)
    assert (stored.slug, stored.fingerprint, stored.status) == ("2019-02-04-plain-insert", article.fingerprint, "draft")
    assert stored.created_at is not None and stored.updated_at is not None and not article._state.adding
    assert queued_ids() == [article.pk]  # post_save was sent: the index queue has it


def test_white_space_is_collapsed_as_the_regular_expression_did():
    import re

    from archive.ingest.normalise import normalise_text
    from archive.text import collapse_whitespace

    spaces = "".join(chr(c) for c in range(32, 0x3001) if chr(c).isspace())  # controls are removed first
    text = f" a{spaces}b \n\n\n c\u00a0\u2028 d\t\n"
    assert collapse_whitespace(text) == re.sub(r"\s+", " ", text).strip() == "a b c d"
    expected = "\n".join(line.strip() for line in re.sub(r"[^\S\n]+", " ", text).split("\n"))
    assert normalise_text(text) == re.sub(r"\n{3,}", "\n\n", expected).strip()


def test_a_batch_is_also_full_once_it_has_been_open_long_enough(db):
    """The batch's transaction holds SQLite's write lock: it must not stay open for long."""
    from archive.ingest.batch import Batch

    patient = Batch(size=100, seconds=3600)
    hurried = Batch(size=100, seconds=0)
    for open_batch in (patient, hurried):
        assert not open_batch.full  # nothing pending, nothing to commit
        open_batch.open()
        open_batch.pending.append("an article")
    assert not patient.full and hurried.full
    for open_batch in (patient, hurried):
        assert open_batch.commit() == (["an article"], None)


def test_an_outlet_created_by_an_article_whose_step_failed_is_created_again_by_the_next(tmp_path, monkeypatch):
    from archive.ingest import pipeline

    real_run_step = pipeline.run_step

    def fails_for_baku(step, article, *args):
        if article.title == "Talks in Baku":
            raise DatabaseError("simulated failure of a step")
        return real_run_step(step, article, *args)

    monkeypatch.setattr(pipeline, "run_step", fails_for_baku)
    path, report = import_records(tmp_path, records(2, source="Brand New Outlet"), publish=True)
    assert [str(r) for r in report.rejected] == [f"{path}: line 1: could not be saved: simulated failure of a step"]
    (saved,) = Article.objects.all()
    assert saved.title == "Talks in Ganja" and saved.source.name == "Brand New Outlet"
    assert Source.objects.filter(name="Brand New Outlet").count() == 1
