"""The index queue, the worker and the drift check, in-process on a real Whoosh index."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.http import QueryDict

import index.generations
from archive.models import Article, Country, Participation, Person, Source
from index.build import build_whoosh_index
from index.drift import find_drift
from index.models import IndexChange
from index.queue import queue_length
from index.worker import IndexWorker
from meetings.models import MeetingReport
from query.search import run_search
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db


def queued():
    return sorted(set(IndexChange.objects.pending().filter(kind="article").values_list("object_id", flat=True)))


def titles(query):
    return [hit.article.title for hit in run_search(QueryDict(query)).hits]


@pytest.fixture
def seeded(indexed_seeds):
    IndexChange.objects.all().delete()  # loading the fixture queued the seeds; the build has them
    return Article.objects.get(slug="2019-01-16-hasanov-meets-bagheri-in-baku")


def test_a_saved_article_is_queued_and_a_rolled_back_one_is_not(seeded):
    seeded.title = "Rolled back"
    with pytest.raises(RuntimeError), transaction.atomic():
        seeded.save()
        raise RuntimeError("the admin's transaction fails")
    assert queued() == []
    seeded.save()
    assert queued() == [seeded.pk]


def test_related_changes_queue_every_article_they_touch(seeded):
    other = Article.objects.exclude(pk=seeded.pk).get()
    both = sorted([seeded.pk, other.pk])
    hasanov = Person.objects.get(slug="zakir-hasanov")
    hasanov.save()  # nothing indexed changed
    assert queued() == []
    hasanov.name = "Zakir Həsənov"
    hasanov.save()
    assert queued() == both
    IndexChange.objects.all().delete()
    hasanov.aliases.create(name="Gasanov")
    assert queued() == both
    IndexChange.objects.all().delete()
    seeded.countries.add(Country.objects.get(code="TR"))
    Country.objects.get(code="IR").articles.remove(other)
    assert queued() == both
    IndexChange.objects.all().delete()
    Participation.objects.filter(article=other, person__slug="javad-jahangirzadeh").delete()
    assert queued() == [other.pk]
    IndexChange.objects.all().delete()
    source = Source.objects.get(slug="news-az")
    source.name = "News Azerbaijan"
    source.save()
    assert queued() == [seeded.pk]
    IndexChange.objects.all().delete()
    Country.objects.filter(code="AM").update()  # no signal, nothing queued
    armenia = Country.objects.get(code="AM")
    armenia.name = "Republic of Armenia"
    armenia.save()
    assert queued() == [seeded.pk]


def test_worker_applies_edits_withdrawals_and_deletions(seeded):
    other = Article.objects.exclude(pk=seeded.pk).get()
    seeded.title = "Hasanov and Bagheri sign a protocol"
    seeded.save()
    other.status = Article.Status.WITHDRAWN
    other.save()
    late = make_article(title="Ministers meet in Ganja", people=[make_person("Vugar Mustafayev")])
    assert queue_length() == 6  # three articles, the two seed meetings their reports belong to, its agreement
    reports = IndexWorker().drain()
    assert sum(r.rows for r in reports) >= 3 and all(r.settled for r in reports)
    assert queue_length() == 0 and IndexChange.objects.count() == 0
    assert titles("q=protocol") == ["Hasanov and Bagheri sign a protocol"]
    assert titles("q=Jahangirzadeh") == []
    assert titles("official=vugar-mustafayev") == ["Ministers meet in Ganja"]
    late.delete()
    IndexWorker().drain()
    assert titles("q=Ganja") == []
    assert find_drift() == []


def test_applying_a_change_twice_gives_the_same_index(seeded):
    seeded.save()
    rows = list(IndexChange.objects.filter(kind="article").values_list("object_id", flat=True))
    IndexWorker().drain()
    IndexChange.objects.bulk_create([IndexChange(object_id=pk) for pk in rows * 2])
    IndexWorker(batch_size=1).drain()
    assert find_drift() == [] and len(titles("q=Bagheri")) == 1


def test_a_record_queued_many_times_is_indexed_once_and_its_rows_settle_together(seeded, monkeypatch):
    """Each report of a meeting queues it again: an import left one record thousands of times down the queue,
    and the worker indexed it once per batch of 200 rows. A row queued while the batch runs stays queued."""
    other = Article.objects.exclude(pk=seeded.pk).get()
    late = make_article(title="Ministers meet in Ganja")
    IndexChange.objects.all().delete()
    pattern = [seeded.pk, other.pk] + [seeded.pk, late.pk, other.pk] * 40
    IndexChange.objects.bulk_create([IndexChange(object_id=pk) for pk in pattern])
    upserted = []
    real_upsert = IndexWorker.upsert

    def upsert_and_edit(self, backend, search_index, records):
        upserted.extend(record.pk for record in records)
        seeded.save()  # committed after the batch read its records: must be applied by a later batch
        return real_upsert(self, backend, search_index, records)

    monkeypatch.setattr(IndexWorker, "upsert", upsert_and_edit)
    report = IndexWorker(batch_size=2).run_batch()
    assert report.settled and report.records == 2 and sorted(upserted) == sorted([seeded.pk, other.pk])
    assert report.rows == 2 + 80  # the batch's two rows and every later row of its two records
    pending = list(IndexChange.objects.pending().filter(kind="article").values_list("object_id", flat=True))
    assert sorted(pending) == sorted([late.pk] * 40 + [seeded.pk])


def test_check_index_reports_every_drift_and_repairs_through_the_queue(seeded, capsys):
    other = Article.objects.exclude(pk=seeded.pk).get()
    # Changes that bypass every signal, as a careless script would make them.
    Article.objects.filter(pk=seeded.pk).update(title="Changed behind the index's back")
    Article.objects.filter(pk=other.pk).update(status=Article.Status.DRAFT)
    hidden = make_article(title="Never indexed")
    IndexChange.objects.all().delete()
    drifts = {(d.record, d.object_id, d.kind) for d in find_drift()}
    # The seeds' meetings follow their reports: one shows the changed headline, the other is no
    # longer public once its only report is a draft.
    seeded_meeting = MeetingReport.objects.get(article=seeded).meeting_id
    other_meeting = MeetingReport.objects.get(article=other).meeting_id
    assert drifts == {
        ("article", seeded.pk, "different"),
        ("article", other.pk, "unexpected"),
        ("article", hidden.pk, "missing"),
        ("meeting", seeded_meeting, "different"),
        ("meeting", other_meeting, "unexpected"),
    }
    with pytest.raises(SystemExit) as exit_info:
        call_command("check_index")
    assert exit_info.value.code == 1
    assert "text differs" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        call_command("check_index", "--repair")  # queued, not applied yet
    assert queued() == sorted([seeded.pk, other.pk, hidden.pk])
    call_command("check_index", "--repair", "--apply")
    assert "Repaired" in capsys.readouterr().out
    call_command("check_index")
    assert "No drift" in capsys.readouterr().out


def test_check_index_names_the_differing_facet(seeded):
    Participation.objects.filter(article=seeded, person__slug="mohammad-bagheri").update(role="mentioned")
    (drift,) = find_drift()
    assert drift.kind == "different" and "participants" in drift.detail and "mohammad-bagheri" in drift.detail


def test_changes_during_a_rebuild_are_replayed_on_the_new_index(seeded, monkeypatch):
    real_swap = index.generations.swap_in

    def change_then_swap(live, target):
        # The new index is written; a curator's edit lands and the worker applies it to the old index.
        seeded.title = "Edited while the index was rebuilt"
        seeded.save()
        assert [r.settled for r in IndexWorker().drain()] == [True]
        assert IndexChange.objects.applied().filter(kind="article").count() == 1  # kept for the replay
        real_swap(live, target)

    monkeypatch.setattr(index.generations, "swap_in", change_then_swap)
    build_whoosh_index()
    assert queued() == [seeded.pk]
    IndexWorker().drain()
    assert IndexChange.objects.count() == 0
    assert titles("q=rebuilt") == ["Edited while the index was rebuilt"]
    assert find_drift() == []


def test_a_batch_interrupted_by_a_swap_stays_queued(seeded, monkeypatch):
    worker = IndexWorker()
    seeded.save()
    original = worker.settle

    def rebuild_then_settle(row_ids, target):
        build_whoosh_index()
        return original(row_ids, target)

    monkeypatch.setattr(worker, "settle", rebuild_then_settle)
    report = worker.run_batch()
    assert report.settled is False and queued() == [seeded.pk]


@pytest.mark.django_db
def test_a_meeting_created_queues_itself_without_asking_for_agreements_and_each_agreement_is_queued():
    """The import records a meeting per article: asking for the agreements of a meeting just
    created (it has none) was a query per meeting, about 5 % of the import's time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from meetings.models import Agreement, Meeting

    with CaptureQueriesContext(connection) as queries:
        meeting = Meeting.objects.create(start="2019-01-16", mode="visit")
    assert not [q["sql"] for q in queries if "meetings_agreement" in q["sql"]]
    assert list(IndexChange.objects.values_list("kind", "object_id")) == [(IndexChange.Kind.MEETING, meeting.pk)]

    agreement = Agreement.objects.create(meeting=meeting, kind="protocol", title="a protocol")
    meeting.save()  # a meeting saved again queues its agreements with it
    queued = list(IndexChange.objects.filter(kind=IndexChange.Kind.AGREEMENT).values_list("object_id", flat=True))
    assert queued and set(queued) == {agreement.pk}
