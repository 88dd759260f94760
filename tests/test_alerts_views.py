"""The analyst's pages in process: save, follow, edit, pause, rotate the feed, unsubscribe, invite."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from alerts.links import unsubscribe_token
from alerts.models import Frequency, Invitation, SavedSearch
from tests.alerts_helpers import make_analyst, run_alerts, save_search
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(indexed_seeds):
    return make_analyst()


@pytest.fixture
def signed_in(client, analyst):
    client.force_login(analyst)
    return client


def test_my_searches_needs_a_login_and_public_pages_do_not(client, indexed_seeds):
    assert client.get("/my/searches/")["Location"].startswith("/accounts/login/")
    assert client.get("/search/").status_code == 200
    assert client.get("/accounts/login/").status_code == 200


def test_saving_a_search_from_the_search_page(signed_in, analyst):
    page = signed_in.get("/search/?q=Bagheri&country=IR&page=2").content.decode()
    link = next(part.split('"')[0] for part in page.split('href="') if part.startswith("/my/searches/new/"))
    form = signed_in.get(link.replace("&amp;", "&"))
    assert form.status_code == 200 and "Keywords: Bagheri" in form.content.decode()
    response = signed_in.post(link.replace("&amp;", "&"), {"name": "Bagheri\nin Iran", "frequency": "weekly"})
    assert response.status_code == 302
    saved = SavedSearch.objects.get(owner=analyst)
    assert saved.name == "Bagheri in Iran" and saved.query == "q=Bagheri&country=IR" and saved.frequency == "weekly"
    listing = signed_in.get("/my/searches/").content.decode()
    assert "Bagheri in Iran" in listing and "Country: Iran" in listing


def test_saving_a_search_already_saved_leads_to_it_instead_of_a_copy(signed_in, analyst):
    """Following an official twice (or saving from a reloaded page) made a second saved search: two digests."""
    link = "/my/searches/new/articles/?official=zakir-hasanov"
    assert signed_in.post(link, {"name": "Hasanov", "frequency": "daily"}).status_code == 302
    saved = SavedSearch.objects.get(owner=analyst)
    for again in (signed_in.get(link + "&page=3", follow=True), signed_in.post(link, {"name": "Again"}, follow=True)):
        assert again.redirect_chain[-1][0] == reverse("alerts:edit", args=[saved.pk])
        assert "You already save this search as “Hasanov”" in again.content.decode()
    assert SavedSearch.objects.filter(owner=analyst).count() == 1
    other = make_analyst("other-analyst")
    signed_in.force_login(other)
    assert signed_in.post(link, {"name": "Mine too", "frequency": "daily"}).status_code == 302
    assert SavedSearch.objects.filter(query="official=zakir-hasanov").count() == 2  # each analyst has their own


def test_a_bad_search_is_not_saved_but_answered(signed_in):
    response = signed_in.get("/my/searches/new/articles/?country=XX&date_from=nonsense")
    assert response.status_code == 400 and "cannot be saved" in response.content.decode()
    assert signed_in.get("/my/searches/new/people/").status_code == 404


def test_follow_links_on_official_and_country_pages(signed_in):
    official = signed_in.get("/officials/zakir-hasanov/").content.decode()
    assert "/my/searches/new/articles/?official=zakir-hasanov" in official
    assert "/my/searches/new/articles/?country=AZ" in signed_in.get("/countries/AZ/").content.decode()


def test_new_items_since_last_seen_are_counted_and_opening_resets_the_count(signed_in, analyst):
    saved = save_search(analyst, "q=cruiser", seen_at=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
    make_article(title="Cruiser", body="A cruiser.")
    make_article(title="Cruiser two", body="Another cruiser.")
    run_alerts()
    assert '<td data-label="New since you last looked">2</td>' in signed_in.get("/my/searches/").content.decode()
    assert signed_in.get(f"/my/searches/{saved.pk}/open/")["Location"] == "/search/?q=cruiser"
    assert '<td data-label="New since you last looked">0</td>' in signed_in.get("/my/searches/").content.decode()


def test_edit_pause_and_other_people_s_searches(signed_in, analyst, client):
    saved = save_search(analyst, "q=navy")
    response = signed_in.post(f"/my/searches/{saved.pk}/", {"name": "Navy", "frequency": "daily", "paused": "on"})
    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.paused and saved.name == "Navy"
    other = save_search(make_analyst("other", "other@example.org"), "q=army")
    assert signed_in.get(f"/my/searches/{other.pk}/").status_code == 404
    assert signed_in.post(f"/my/searches/{other.pk}/delete/").status_code == 404
    assert signed_in.post(f"/my/searches/{saved.pk}/delete/").status_code == 302
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()


def test_the_private_feed_its_rotation_and_revocation(signed_in, analyst, client):
    saved = save_search(analyst, "q=submarine")
    make_article(title="Submarine news", body="A submarine.")
    run_alerts()
    old = saved.feed_path
    feed = client.get(old)
    assert feed.status_code == 200 and b"Submarine news" in feed.content and feed["X-Robots-Tag"] == "noindex"
    assert signed_in.post(f"/my/searches/{saved.pk}/feed-address/").status_code == 302
    saved.refresh_from_db()
    assert client.get(old).status_code == 404
    assert client.get(saved.feed_path).status_code == 200
    analyst.is_active = False
    analyst.save()
    assert client.get(saved.feed_path).status_code == 404
    assert client.get("/my/searches/feed/not-a-token.atom").status_code == 404


def test_one_click_unsubscribe_without_a_login(client, analyst):
    saved = save_search(analyst, "q=navy", frequency=Frequency.DAILY)
    url = reverse("alerts:unsubscribe", args=[unsubscribe_token(saved)])
    page = client.get(url)
    assert page.status_code == 200 and b"Stop these emails" in page.content
    saved.refresh_from_db()
    assert saved.frequency == Frequency.DAILY  # a GET (a link checker) changes nothing
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    saved.refresh_from_db()
    assert saved.frequency == Frequency.NEVER
    assert client.post(url[:-5] + "x/").status_code == 404


def test_a_curator_invites_an_analyst_who_sets_a_password(client, indexed_seeds, mailoutbox):
    boss = User.objects.create_superuser("boss", "boss@example.org", "a-long-test-password-1")
    client.force_login(boss)
    response = client.post("/admin/alerts/invitation/add/", {"email": "new.analyst@example.org"})
    assert response.status_code == 302
    invited = Invitation.objects.get().user
    assert invited.groups.filter(name="Analysts").exists() and not invited.is_staff
    assert not invited.has_usable_password()
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/password/reset/" in line)
    client.logout()
    form = client.get(urlsplit(link).path, follow=True)
    assert form.status_code == 200 and b"Choose a password" in form.content
    new = {"new_password1": "a-fresh-analyst-password-7", "new_password2": "a-fresh-analyst-password-7"}
    assert client.post(form.redirect_chain[-1][0], new).status_code == 302
    assert client.login(username="new.analyst@example.org", password="a-fresh-analyst-password-7")
    assert client.get("/admin/").status_code == 302  # no admin access


def test_payloads_in_search_names_and_articles_stay_text_in_pages_and_the_feed(signed_in, analyst, client):
    from tests.xss_payloads import PAYLOADS, MarkupAudit

    for number, payload in enumerate(PAYLOADS, 1):
        save_search(analyst, f"q=payloadword{number}", name=f"Search {number} {payload}")
        make_article(title=f"Headline {number} {payload}", body=f"payloadword{number} {payload} here.")
    run_alerts()
    pages = ["/my/searches/", *(f"/my/searches/{s.pk}/" for s in SavedSearch.objects.all()[:5])]
    for url in pages:
        audit = MarkupAudit.of(signed_in.get(url).content.decode())
        assert audit.dangers == [], (url, audit.dangers)
    listing = MarkupAudit.of(signed_in.get("/my/searches/").content.decode()).page_text
    for number, payload in enumerate(PAYLOADS, 1):
        assert f"Search {number} {' '.join(payload.split())}" in " ".join(listing.split())
        saved = SavedSearch.objects.get(query=f"q=payloadword{number}")
        feed = client.get(saved.feed_path).content.decode()
        assert "<script" not in feed and "<img" not in feed.replace("&lt;img", "")
