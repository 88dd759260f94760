"""The meetings desk in the admin, as a curator (not a superuser) uses it: confirm, reject, merge, split, detach."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from archive.curation import merge_people
from archive.models import Article, Country, Source
from index.models import IndexChange
from meetings.models import Meeting, MeetingParticipant, MeetingReport, Review
from tests.factories import make_article, make_person, make_source

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/meetings/meeting/"


@pytest.fixture
def curator(seeds, client):
    call_command("loaddata", "offices", "meetings", verbosity=0)
    user = User.objects.create_user("cora", password="a-long-test-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    client.force_login(user)
    IndexChange.objects.all().delete()
    return user


def proposal_from(article, *people, start="2019-01-16"):
    meeting = Meeting.objects.create(start=start, city="Baku", place_country_id="AZ", review=Review.PROPOSED)
    for person in people:
        MeetingParticipant.objects.create(meeting=meeting, person=person, country=person.country, side="participant")
    MeetingReport.objects.create(meeting=meeting, article=article, evidence=[[0, 40]])
    meeting.refresh_outlets()
    return meeting


def trend():
    return Source.objects.filter(slug="trend").first() or make_source("Trend")


def queued_meetings():
    return sorted(set(IndexChange.objects.filter(kind="meeting").values_list("object_id", flat=True)))


def test_the_desk_lists_and_filters_meetings_and_marks_proposals(curator, client):
    hasanov = Meeting.objects.get(pk=1).participants.get(side="host").person
    follow_up = make_article(title="Trend: Hasanov and Bagheri sign protocol", published_on=datetime.date(2019, 1, 17))
    proposal_from(follow_up, hasanov, start="2019-01-17")
    html = client.get(CHANGELIST).content.decode()
    assert "Zakir Hasanov, Mohammad Bagheri" in html and "proposed (not yet reviewed)" in html
    assert client.get(CHANGELIST + "?review=proposed").context["cl"].result_count == 1
    assert client.get(CHANGELIST + "?participant_country=IR").context["cl"].result_count == 2
    assert client.get(CHANGELIST + "?outlets=2").context["cl"].result_count == 0
    assert client.get(CHANGELIST + "?start__year=2019").context["cl"].result_count == 3
    change = client.get(f"{CHANGELIST}1/change/").content.decode()
    assert "signed a protocol on the results of the meeting" in change and "Split off reports" in change


def test_confirm_and_reject_in_bulk_keep_history_and_queue_the_index(curator, client):
    hasanov = Meeting.objects.get(pk=1).participants.get(side="host").person
    a = proposal_from(make_article(title="One", published_on=datetime.date(2019, 2, 1)), hasanov, start="2019-02-01")
    b = proposal_from(make_article(title="Two", published_on=datetime.date(2019, 3, 1)), hasanov, start="2019-03-01")
    IndexChange.objects.all().delete()
    response = client.post(CHANGELIST, {"action": "confirm_meetings", "_selected_action": [a.pk]}, follow=True)
    assert "Confirmed 1 meeting(s)." in response.content.decode()
    client.post(CHANGELIST, {"action": "reject_meetings", "_selected_action": [b.pk]})
    a.refresh_from_db(), b.refresh_from_db()
    assert (a.review, b.review) == (Review.REVIEWED, Review.REJECTED)
    assert not a.reports.filter(proposed=True).exists()
    assert queued_meetings() == sorted([a.pk, b.pk])
    assert LogEntry.objects.filter(object_id=str(a.pk), change_message__contains="Confirmed").exists()
    assert client.get(f"/meetings/{b.pk}/").status_code == 404


def test_merge_moves_reports_and_participants_and_the_old_url_redirects(curator, client):
    hasanov = Meeting.objects.get(pk=1).participants.get(side="host").person
    other_outlet = make_article(
        title="Trend: Hasanov receives Bagheri", published_on=datetime.date(2019, 1, 16), source=trend()
    )
    duplicate = proposal_from(other_outlet, hasanov)
    page = client.post(CHANGELIST, {"action": "merge_meetings", "_selected_action": [1, duplicate.pk]})
    assert 'value="1" id="keep-1" checked' in page.content.decode()  # the reviewed record is preselected
    client.post(
        CHANGELIST, {"action": "merge_meetings", "_selected_action": [1, duplicate.pk], "keep": 1, "confirm": "yes"}
    )
    kept, merged = Meeting.objects.get(pk=1), Meeting.objects.get(pk=duplicate.pk)
    assert merged.review == Review.MERGED and merged.merged_into_id == 1
    assert sorted(r.article_id for r in kept.reports.all()) == sorted(
        [other_outlet.pk, Article.objects.get(published_on=datetime.date(2019, 1, 16), source__slug="news-az").pk]
    )
    assert kept.participants.filter(person=hasanov).count() == 1  # one person, never twice
    assert kept.independent_outlets == 2
    assert client.get(f"/meetings/{merged.pk}/").status_code == 302
    assert LogEntry.objects.filter(object_id=str(merged.pk), change_message__contains="Merged into meeting 1").exists()


def test_split_moves_the_chosen_reports_to_a_new_proposal(curator, client):
    hasanov = Meeting.objects.get(pk=1).participants.get(side="host").person
    later = make_article(title="Hasanov and Bagheri met again", published_on=datetime.date(2019, 5, 2), source=trend())
    MeetingReport.objects.create(meeting_id=1, article=later, evidence=[[0, 10]])
    report = MeetingReport.objects.get(meeting_id=1, article=later)
    response = client.post(f"{CHANGELIST}1/split/", {"report": [report.pk]})
    new = Meeting.objects.exclude(pk__in=[1, 2]).get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{new.pk}/change/")
    assert new.review == Review.PROPOSED and list(new.reports.values_list("article_id", flat=True)) == [later.pk]
    assert new.participants.filter(person=hasanov).exists()
    assert Meeting.objects.get(pk=1).reports.count() == 1
    # Splitting every report off is refused with a message, nothing changed.
    response = client.post(f"{CHANGELIST}{new.pk}/split/", {"report": [report.pk]}, follow=True)
    assert "not all" in response.content.decode() and Meeting.objects.count() == 3


def test_merging_people_moves_their_places_at_meetings(curator):
    bagheri = Meeting.objects.get(pk=1).participants.get(side="visitor").person
    double = make_person("M. Bagheri", country=Country.objects.get(code="IR"))
    meeting = proposal_from(
        make_article(title="Tasnim: Bagheri in Baku", published_on=datetime.date(2019, 1, 16)), double
    )
    merge_people(bagheri, [double])
    assert meeting.participants.get().person == bagheri


def test_the_article_page_in_the_admin_shows_the_meetings_it_reports(curator, client):
    article = Article.objects.get(published_on=datetime.date(2019, 1, 16), source__slug="news-az")
    html = client.get(f"/admin/archive/article/{article.pk}/change/").content.decode()
    assert "Meetings reported" in html and "reviewed by a curator" in html
    assert "Azerbaijani Defense Minister, Colonel General Zakir Hasanov on Wednesday met" in html
