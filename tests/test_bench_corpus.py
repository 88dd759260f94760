"""The synthetic corpus's offices and meetings (bench/synthetic_offices.py, bench/synthetic_meetings.py)
are consistent with its articles, realistic enough to filter on, and the same for the same seed."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Count

from archive import synthetic
from archive.models import Article, Country, Person, Source
from bench.synthetic_meetings import generate_meetings
from bench.synthetic_offices import generate_offices
from index.models import IndexChange
from meetings.models import Meeting, MeetingParticipant, MeetingReport, Review
from meetings.vocabulary import Mode, Side
from offices.holding import Held
from offices.models import Position, Tenure, TenureEvidence

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """One corpus for the module (generating it is the slow part), removed again after its last test."""
    with django_db_blocker.unblock():
        countries_before = set(Country.objects.values_list("code", flat=True))
        call_command("loaddata", "countries", verbosity=0)
        synthetic.generate(400, seed=3)
        made = generate_offices(seed=3), generate_meetings(seed=3)
        yield made
        Meeting.objects.all().delete()
        Tenure.objects.all().delete()
        Position.objects.all().delete()
        Article.objects.filter(slug__startswith=synthetic.SLUG_PREFIX).delete()
        Person.objects.filter(slug__startswith=synthetic.SLUG_PREFIX).delete()
        Source.objects.filter(slug__startswith=synthetic.SLUG_PREFIX).delete()
        Country.objects.exclude(code__in=countries_before).delete()
        # The deletes above queued index changes outside any test's transaction: later tests count the queue.
        IndexChange.objects.all().delete()


def test_stories_are_told_by_several_outlets_at_their_own_urls(corpus):
    retold = Article.objects.values("title").annotate(n=Count("pk")).filter(n__gt=1)
    assert retold.count() > 30
    assert not Article.objects.filter(url="").exists()
    assert Article.objects.values("url_key").distinct().count() == Article.objects.count()


def test_offices_change_holders_over_the_years(corpus):
    offices, _ = corpus
    assert offices.positions == Position.objects.count() > 0 and offices.tenures == Tenure.objects.count()
    holders = Counter(Position.objects.annotate(n=Count("tenures__person", distinct=True)).values_list("n", flat=True))
    assert sum(count for n, count in holders.items() if n >= 2) > offices.positions / 2
    assert Tenure.objects.filter(start_date=None).exists() and Tenure.objects.filter(current=True).exists()
    assert Tenure.objects.exclude(end_date=None).filter(current=True).count() == 0
    for tenure in Tenure.objects.all():
        tenure.clean()  # what the admin would accept: precisions set, end after start


def test_every_tenures_evidence_lies_within_it(corpus):
    links = TenureEvidence.objects.select_related("tenure", "article", "tenure__person")
    assert links.count() > 100
    for link in links:
        tenure, published = link.tenure, link.article.published_on
        assert not tenure.start or tenure.start.earliest <= published, (tenure, published)
        assert not tenure.end or published <= tenure.end.latest, (tenure, published)
        assert link.article.participations.filter(person=tenure.person).exists()


def test_meetings_have_reports_in_several_outlets_and_office_holders_of_two_countries(corpus):
    _, made = corpus
    meetings = Meeting.objects.prefetch_related("participants__person__tenures", "reports__article")
    assert made.meetings == meetings.count() > 50 and made.reports == MeetingReport.objects.count()
    reports = Counter(len(m.reports.all()) for m in meetings)
    assert reports[1] and reports[2] and max(reports) <= 4
    for meeting in meetings:
        articles = [r.article for r in meeting.reports.all()]
        assert all(a.status == Article.Status.PUBLISHED for a in articles)
        assert len({a.source_id for a in articles}) == len(articles) == meeting.independent_outlets
        assert all(0 <= (a.published_on - meeting.start).days <= 3 for a in articles)
        participants = meeting.participants.all()
        assert len({p.country_id for p in participants}) >= 2
        for participant in participants:
            tenures = participant.person.tenures.all()
            assert any(t.held_on(meeting.start) != Held.NO for t in tenures), (meeting, participant)
            assert Article.objects.filter(pk=articles[0].pk, participations__person=participant.person).exists()
        if meeting.mode == Mode.VISIT:
            assert {p.side for p in participants} == {Side.HOST, Side.VISITOR}
    assert Counter(meetings.values_list("review", flat=True)).keys() == {Review.PROPOSED, Review.REVIEWED}
    assert set(meetings.values_list("mode", flat=True)) >= {Mode.VISIT, Mode.MULTILATERAL}


def test_agreements_quote_the_sentence_that_reports_the_signing(corpus):
    _, made = corpus
    meetings = Meeting.objects.filter(agreements__isnull=False).distinct()
    assert made.agreements > 5
    for meeting in meetings.prefetch_related("agreements__article", "agreements__parties"):
        for agreement in meeting.agreements.all():
            body = agreement.article.body
            assert body[agreement.sentence_start : agreement.sentence_end] == agreement.sentence
            assert "signed a protocol on" in agreement.sentence and agreement.parties.count() >= 2
    for report in MeetingReport.objects.select_related("article")[:50]:
        assert report.sentences() and report.sentences()[0].endswith("the ministry reported.")


def signature() -> list:
    rows = MeetingParticipant.objects.values_list(
        "meeting__start", "meeting__mode", "meeting__review", "person__slug", "side", "meeting__city"
    )
    return sorted(rows, key=str)


def test_the_same_seed_gives_the_same_offices_and_meetings(corpus):
    tenures = sorted(Tenure.objects.values_list("person__slug", "position__slug", "start_date", "end_date"), key=str)
    meetings = signature()
    Meeting.objects.all().delete()
    Tenure.objects.all().delete()
    Position.objects.all().delete()
    generate_offices(seed=3)
    generate_meetings(seed=3)
    again = Tenure.objects.values_list("person__slug", "position__slug", "start_date", "end_date")
    assert sorted(again, key=str) == tenures
    assert signature() == meetings
