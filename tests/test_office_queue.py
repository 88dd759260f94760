"""index/office_queue.py: tenures, their evidence and positions queue the records whose offices they change,
and the index worker applies them (real Whoosh index, the seeds)."""

import pytest
from django.http import QueryDict

from archive.curation import merge_people
from archive.models import Article, Person
from index.drift import find_drift
from index.models import IndexChange
from index.worker import IndexWorker
from offices.models import Position, Tenure
from query.search import ArticleSearch, MeetingSearch
from tests.factories import make_article, make_person
from tests.offices_factories import make_position, make_tenure

pytestmark = pytest.mark.django_db

AMBASSADOR = "ambassador-of-iran-to-azerbaijan"
DEFENSE_AZ = "minister-of-defense-of-azerbaijan"
BETWEEN_DEFENSE_OFFICIALS = "country=AZ&country=IR&all=country&sector=military"


def queued(kind="article"):
    return sorted(set(IndexChange.objects.pending().filter(kind=kind).values_list("object_id", flat=True)))


def article_dates(query):
    return sorted(h.article.published_on.isoformat() for h in ArticleSearch(QueryDict(query)).page().hits)


def meeting_ids(query):
    return sorted(h.meeting.pk for h in MeetingSearch(QueryDict(query)).page().hits)


@pytest.fixture
def seeded(indexed_seeds):
    IndexChange.objects.all().delete()  # loading the fixtures queued the seeds; the build has them
    return {article.published_on.isoformat(): article for article in Article.objects.all()}


def test_losing_and_regaining_an_office_reindexes_its_articles_and_meetings(seeded):
    ambassador = Tenure.objects.get(position__slug=AMBASSADOR)
    assert article_dates(f"office={AMBASSADOR}") == ["2019-07-18"] and meeting_ids(f"office={AMBASSADOR}") == [2]
    ambassador.evidence_links.all().delete()  # undated, no evidence left: only possibly held
    assert queued() == [seeded["2019-07-18"].pk] and queued("meeting") == [2]
    IndexWorker().drain()
    assert article_dates(f"office={AMBASSADOR}") == [] and meeting_ids(f"office={AMBASSADOR}") == []
    make_tenure(ambassador.person, ambassador.position, start="2018-02", end="2021")
    assert queued() == [seeded["2019-07-18"].pk] and queued("meeting") == [2]
    IndexWorker().drain()
    assert article_dates(f"office={AMBASSADOR}") == ["2019-07-18"] and meeting_ids(f"office={AMBASSADOR}") == [2]
    assert find_drift() == []


def test_a_tenure_queues_only_the_participations_its_dates_can_change(seeded):
    hasanov = Person.objects.get(slug="zakir-hasanov")
    long_before = make_article(published_on=seeded["2019-01-16"].published_on.replace(year=2005), people=[hasanov])
    IndexWorker().drain()
    tenure = Tenure.objects.get(person=hasanov)
    tenure.note = "Checked against the ministry's site."
    tenure.save()  # reported in office from 2019-01-16 to 2019-07-18: only those articles can change
    assert queued() == sorted(a.pk for a in seeded.values()) and long_before.pk not in queued()
    IndexWorker().drain()
    tenure.start_date, tenure.start_precision = long_before.published_on, "day"  # "2005" would only be possibly
    tenure.save()
    assert long_before.pk in queued()
    IndexWorker().drain()
    assert article_dates(f"office={DEFENSE_AZ}") == ["2005-01-16", "2019-01-16", "2019-07-18"]
    tenure.delete()
    assert queued() == sorted([long_before.pk, *(a.pk for a in seeded.values())]) and queued("meeting") == [1, 2]
    IndexWorker().drain()
    assert article_dates(f"office={DEFENSE_AZ}") == [] and meeting_ids(BETWEEN_DEFENSE_OFFICIALS) == []
    assert find_drift() == []


def test_evidence_added_through_the_relation_reindexes_the_article_and_its_meetings(seeded):
    ambassador = Tenure.objects.get(position__slug=AMBASSADOR)
    first = seeded["2019-01-16"]
    ambassador.evidence.add(first)  # no row signal: the relation's own
    assert first.pk in queued() and 1 in queued("meeting")
    IndexWorker().drain()
    # The seeds' first article does not name the ambassador: linking it as evidence stretches his
    # tenure's reported span, but only participants hold offices in a record.
    assert article_dates(f"office={AMBASSADOR}") == ["2019-07-18"]
    first.tenures.remove(ambassador)
    assert first.pk in queued()
    IndexWorker().drain()
    assert find_drift() == []


def test_a_position_moved_to_another_sector_reindexes_what_its_holders_took_part_in(seeded):
    assert meeting_ids(BETWEEN_DEFENSE_OFFICIALS) == [1]
    position = Position.objects.get(slug=AMBASSADOR)
    position.label = "Ambassador of the Islamic Republic of Iran to Azerbaijan"
    position.save()  # labels come from the database: nothing to reindex
    assert queued() == [] and queued("meeting") == []
    position.sector = "military"  # say, a military attaché's post
    position.save()
    assert queued() == [seeded["2019-07-18"].pk] and queued("meeting") == [2]
    IndexWorker().drain()
    assert meeting_ids(BETWEEN_DEFENSE_OFFICIALS) == [1, 2]
    assert article_dates("participant_country=IR&sector=diplomatic") == []
    assert find_drift() == []


def test_merging_people_reindexes_the_kept_persons_articles_in_the_moved_tenures(seeded):
    hasanov = Person.objects.get(slug="zakir-hasanov")
    # Named as one of Hasanov's aliases: the merge adds no alias (which would queue his articles anyway).
    duplicate = make_person("Zakir Gasanov", country=hasanov.country)
    deputy = make_position("Deputy Prime Minister of Azerbaijan", role="head_of_government")
    make_tenure(duplicate, deputy, start="2018-06", end="2019-12")
    IndexChange.objects.all().delete()  # the duplicate took part in nothing yet: nothing to reindex
    merge_people(hasanov, [duplicate])  # the tenure moves to Hasanov with a plain update
    assert queued() == sorted(a.pk for a in seeded.values())
    IndexWorker().drain()
    assert article_dates(f"office={deputy.slug}") == ["2019-01-16", "2019-07-18"]
    assert find_drift() == []
