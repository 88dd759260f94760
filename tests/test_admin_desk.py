"""The curation desk's look: branded, a home page that leads to the import and the review queues
(with what waits in each), an article list that fits, a country filter one can type into."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User

from archive.models import Country, Person, Suggestion
from meetings.models import Meeting, Review
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db
PEOPLE = "/admin/archive/person/"


@pytest.fixture
def staff(client, seeds):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "a-long-test-password-1")
    client.force_login(user)
    return client


def test_every_admin_page_says_parley_curation(staff):
    for path in ("/admin/", PEOPLE, "/admin/archive/article/"):
        html = staff.get(path).content.decode()
        assert "Parley curation" in html and "Django administration" not in html
        assert "Django site admin" not in html


def test_the_home_page_links_the_import_and_each_queue_with_what_waits(staff):
    article = make_article(title="Talks", status="draft")
    Suggestion.objects.create(article=article, name="Ali Mammadov", title="Deputy Minister")
    Suggestion.objects.create(article=article, name="Hasan Hasanov", title="Ambassador")
    Meeting.objects.create(start="2020-05-01", review=Review.PROPOSED)
    html = staff.get("/admin/").content.decode()
    desk = html[html.index('id="curation-desk"') :]
    assert '<a href="/admin/archive/article/import/"><strong>Import files</strong></a>' in desk
    assert re.search(r'href="/admin/archive/suggestion/">Suggested officials</a>: <strong>2</strong> waiting', desk)
    assert re.search(r'href="/admin/archive/articlerevision/">Article revisions</a>: <strong>0</strong>', desk)
    assert re.search(r'href="/admin/offices/tenuresuggestion/">Tenure suggestions</a>: <strong>0</strong>', desk)
    proposed = Meeting.objects.filter(review=Review.PROPOSED).count()
    assert re.search(
        rf'href="/admin/meetings/meeting/\?review__exact=proposed">Meetings desk</a>: <strong>{proposed}</strong>', desk
    )
    assert staff.get("/admin/meetings/meeting/?review__exact=proposed").context["cl"].result_count == proposed


def test_a_curator_sees_only_the_queues_they_may_open(client, seeds):
    user = User.objects.create_user("cora", password="a-long-test-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    for label, permission in [
        ("Suggested officials", "archive.view_suggestion"),
        ("Import files", "archive.add_article"),
    ]:
        assert (label in html) == user.has_perm(permission)
    assert "Suggested officials" in html  # curators review suggestions


def test_the_article_list_has_short_columns_and_its_own_styles(staff):
    html = staff.get("/admin/archive/article/").content.decode()
    headers = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    assert headers == ["title", "date", "source", "status", "participant_count", "country_codes", "derived",
                       "pending_suggestions"]  # fmt: skip
    assert "/static/css/admin-parley.css" in html
    assert 'id="nav-sidebar"' not in html  # the list gets the screen's width


def test_the_people_country_filter_is_a_box_not_a_list_of_every_country(staff):
    html = staff.get(PEOPLE).content.decode()
    panel = html[html.index('id="changelist-filter"') :]
    assert Country.objects.count() == 249
    assert len(re.findall(r"\?country=", panel)) <= 10  # the top countries and "no country", not 249
    assert 'name="country"' in panel and 'list="filter-country-options"' in panel
    assert '<option value="Azerbaijan">AZ, 3</option>' in panel  # suggestions: countries in use, with counts


@pytest.mark.parametrize("typed", ["Iran", "IR", "ir", "iran", "Islamic Republic of Iran", "Iranian", "Persia"])
def test_typing_a_name_or_code_filters_people_by_country(staff, typed):
    people = staff.get(PEOPLE, {"country": typed}).context["cl"].result_list
    assert {p.slug for p in people} == {"mohammad-bagheri", "javad-jahangirzadeh"}


def test_people_without_a_country_can_be_listed(staff):
    make_person("Nobody Known")
    people = staff.get(PEOPLE, {"country": "none"}).context["cl"].result_list
    assert [p.name for p in people] == ["Nobody Known"]


def test_a_name_that_is_no_country_is_said_and_not_applied(staff):
    response = staff.get(PEOPLE, {"country": "Atlantis"}, follow=True)
    assert response.context["cl"].result_count == Person.objects.count()
    assert "no country is called “Atlantis”" in response.content.decode()
