"""The offices desk in the admin, as a curator (not a superuser) uses it: the tenure review
queue (accept, link, reject; one by one and in bulk), conflicts, positions and tenures."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from archive.models import Article, Person, Suggestion
from harness.forms import read_form, replace
from offices.models import Position, Tenure
from offices.propose import propose
from offices.resolve import OfficeResolver
from tests.factories import make_article
from tests.offices_factories import day, make_tenure

pytestmark = pytest.mark.django_db
QUEUE = "/admin/offices/tenuresuggestion/"


def post_data(fields):
    data = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return data


@pytest.fixture
def curator(seeds, client):
    call_command("loaddata", "offices", verbosity=0)
    user = User.objects.create_user("cora", password="a-long-test-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    client.force_login(user)
    return user


@pytest.fixture
def resolver(curator):
    return OfficeResolver.from_database()


def decide(client, suggestion, **values):
    url = f"{QUEUE}{suggestion.pk}/change/"
    fields = read_form(client.get(url).content.decode(), "tenuresuggestion_form")
    return client.post(url, post_data(replace(fields, **values)))


def history(obj):
    return list(LogEntry.objects.filter(object_id=str(obj.pk)).values_list("user__username", "action_flag"))


def _suggest(resolver, name, title, date, countries=("AZ", "IR")):
    person = Person.objects.get(slug=name) if "-" in name else Person.objects.create(name=name, country_id="AZ")
    article = make_article(title=f"{name} on {date}", published_on=day(date), countries=countries)
    return propose(resolver, article, title, person=person).suggestion


def test_curators_may_keep_offices_but_not_add_suggestions(curator, client):
    permissions = set(Group.objects.get(name="Curators").permissions.values_list("codename", flat=True))
    assert {"add_position", "change_tenure", "add_tenureevidence", "change_tenuresuggestion"} <= permissions
    assert "delete_tenuresuggestion" not in permissions
    for url in ["/admin/offices/position/", "/admin/offices/tenure/", QUEUE]:
        assert client.get(url).status_code == 200, url
    assert client.get(f"{QUEUE}add/").status_code == 403
    position = Position.objects.get(slug="minister-of-defense-of-azerbaijan")
    page = client.get(f"/admin/offices/position/{position.pk}/change/").content.decode()
    assert "Zakir Hasanov" in page  # the tenures inline


def test_accepting_creates_the_tenure_with_the_article_as_evidence(curator, client, resolver):
    suggestion = _suggest(resolver, "ilham-aliyev", "President of Azerbaijan", "2020-01-01")
    president = Position.objects.create(label="President of Azerbaijan", role="head_of_state", country_id="AZ")
    assert Tenure.objects.filter(person__slug="ilham-aliyev").count() == 0  # nothing before a curator decides
    response = decide(client, suggestion, decision="accept")
    assert response.status_code == 200 and b"Choose the position" in response.content
    assert decide(client, suggestion, decision="accept", position=str(president.pk)).status_code == 302
    suggestion.refresh_from_db()
    tenure = Tenure.objects.get(person__slug="ilham-aliyev")
    assert (suggestion.status, suggestion.tenure, suggestion.resolved_by) == ("accepted", tenure, curator)
    assert tenure.position == president and tenure.start is None and tenure.end is None
    assert list(tenure.evidence.all()) == [suggestion.article]
    assert tenure.evidence_links.get().note == "reported in this office on 2020-01-01"
    assert history(suggestion) == [("cora", CHANGE)]
    assert "Accepted as a new tenure" in LogEntry.objects.get(object_id=str(suggestion.pk)).get_change_message()
    response = decide(client, suggestion, decision="reject")
    assert b"already decided" in response.content


def test_linking_adds_evidence_to_the_tenure_it_may_extend(curator, client, resolver):
    suggestion = _suggest(resolver, "zakir-hasanov", "Defense Minister, Colonel General", "2018-02-01")
    hasanov = Tenure.objects.get(person__slug="zakir-hasanov")
    assert suggestion.related_tenure == hasanov
    assert decide(client, suggestion, decision="link").status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == "linked" and suggestion.tenure == hasanov
    assert hasanov.span().describe().endswith("(reported in this office from 2018-02-01 to 2019-07-18)")


def test_linking_to_someone_elses_tenure_is_refused(curator, client, resolver):
    suggestion = _suggest(resolver, "Kamran Aliyev", "Defense Minister", "2019-03-01")
    bagheri = Tenure.objects.get(person__slug="mohammad-bagheri")
    decide(client, suggestion, decision="link", tenure=str(bagheri.pk))
    suggestion.refresh_from_db()
    assert suggestion.is_open and not bagheri.evidence.filter(pk=suggestion.article_id).exists()


def test_bulk_accept_and_reject_log_each_decision(curator, client, resolver):
    defense = Position.objects.get(slug="minister-of-defense-of-azerbaijan")
    first = _suggest(resolver, "Safar Abiyev", "Defense Minister", "2010-01-01")
    second = _suggest(resolver, "Ramil Usubov", "Azerbaijani Defense Minister", "1994-01-01")
    junk = _suggest(resolver, "Press Office", "Defense Minister", "2011-01-01")
    assert {s.position for s in (first, second, junk)} == {defense}
    client.post(QUEUE, {"action": "accept_selected", "_selected_action": [first.pk, second.pk], "index": 0})
    client.post(QUEUE, {"action": "reject_selected", "_selected_action": [junk.pk], "index": 0})
    assert set(Tenure.objects.filter(position=defense).values_list("person__name", flat=True)) == {
        "Zakir Hasanov",
        "Safar Abiyev",
        "Ramil Usubov",
    }
    for suggestion in (first, second, junk):
        suggestion.refresh_from_db()
        assert history(suggestion) == [("cora", CHANGE)]
    assert (first.status, junk.status) == ("accepted", "rejected")
    assert "Press Office" not in client.get(QUEUE).content.decode()  # proposed ones only by default
    for status, shown in [("rejected", True), ("all", True), ("accepted", False), ("proposed", False)]:
        assert ("Press Office" in client.get(QUEUE, {"status": status}).content.decode()) is shown, status


def test_a_suggested_name_waits_for_the_person_before_a_tenure(curator, client, resolver):
    article = make_article(published_on=day("2020-02-02"), countries=("AZ",))
    name = Suggestion.objects.create(article=article, name="Kerim Veliyev", title="Azerbaijani Defense Minister")
    suggestion = propose(resolver, article, name.title, name_suggestion=name).suggestion
    client.post(QUEUE, {"action": "accept_selected", "_selected_action": [suggestion.pk], "index": 0})
    suggestion.refresh_from_db()
    assert suggestion.is_open and not Tenure.objects.filter(person__name="Kerim Veliyev").exists()
    name.person = Person.objects.create(name="Kerim Veliyev")
    name.save()
    client.post(QUEUE, {"action": "accept_selected", "_selected_action": [suggestion.pk], "index": 0})
    assert Tenure.objects.filter(person__name="Kerim Veliyev").count() == 1


def test_the_conflicts_view_lists_contradicting_titles_only(curator, client, resolver):
    defense = Position.objects.get(slug="minister-of-defense-of-azerbaijan")
    abiyev = Person.objects.create(name="Safar Abiyev", country_id="AZ")
    make_tenure(abiyev, defense, start="1995-02", end="2013-10-22")
    after = propose(resolver, make_article(published_on=day("2015-01-01")), "Defense Minister", person=abiyev)
    plain = _suggest(resolver, "ilham-aliyev", "President of Azerbaijan", "2020-01-01")
    listing = client.get(f"{QUEUE}?conflict=any").content.decode()
    assert "after the recorded tenure ended" in listing.lower() and after.suggestion.name in listing
    assert plain.name not in listing
    assert plain.name in client.get(QUEUE).content.decode()
    page = client.get(f"{QUEUE}{after.suggestion.pk}/change/").content.decode()
    assert "Safar Abiyev — Minister of Defense of Azerbaijan (from 1995-02 to 2013-10-22)" in page


def test_tenure_and_position_pages_show_dates_as_known(curator, client):
    listing = client.get("/admin/offices/tenure/").content.decode()
    assert "reported in this office on 2019-01-16" in listing and "unknown" in listing
    assert Article.objects.count() == 2
