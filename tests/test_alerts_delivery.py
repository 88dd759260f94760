"""Digests in process: exactly the new matching items, once; updates; what is never sent."""

import datetime

import pytest

from alerts.models import Delivery, Digest, Frequency
from archive.models import Article
from tests.alerts_helpers import make_analyst, run_alerts, save_search
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(indexed_seeds):
    return make_analyst()


def test_a_new_matching_article_is_sent_once_and_a_non_matching_one_never(analyst, mailoutbox):
    saved = save_search(analyst, "q=submarine&country=IR", name="Iranian submarines")
    match = make_article(title="Submarine visit", body="The submarine called at Bandar Abbas.", countries=["IR"])
    make_article(title="Submarine elsewhere", body="A submarine in Georgia.", countries=["GE"])
    make_article(title="Nothing", body="Talks on trade.", countries=["IR"])
    report = run_alerts()
    assert report.digests == 1 and report.items == 1
    (mail,) = mailoutbox
    assert match.title in mail.body and "Submarine elsewhere" not in mail.body
    assert "[submarine]" in mail.body.lower() and "Country: Iran" in mail.body
    html = mail.alternatives[0][0]
    assert "<mark>submarine</mark>" in html.lower()
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.extra_headers["List-Unsubscribe"].startswith("<http")
    assert run_alerts().digests == 0 and len(mailoutbox) == 1
    assert Delivery.objects.filter(saved_search=saved).count() == 1
    assert Digest.objects.get().state == Digest.State.SENT


def test_an_edited_article_is_sent_again_as_updated_and_a_withdrawn_one_is_not(analyst, mailoutbox):
    save_search(analyst, "q=frigate")
    article = make_article(title="Frigate", body="A frigate docked in Baku.")
    run_alerts()
    article.body = "A frigate docked in Baku, and a second frigate followed."
    article.save()
    run_alerts()
    assert len(mailoutbox) == 2
    assert "UPDATED since the last digest" in mailoutbox[1].body and "1 updated" in mailoutbox[1].subject
    article.status = Article.Status.WITHDRAWN
    article.save()
    assert run_alerts().digests == 0 and len(mailoutbox) == 2


def test_drafts_paused_searches_and_inactive_accounts_get_nothing(analyst, mailoutbox):
    save_search(analyst, "q=corvette", paused=True)
    idle = make_analyst("idle", "idle@example.org", is_active=False)
    save_search(idle, "q=corvette")
    make_article(title="Corvette", body="A corvette.")
    save_search(analyst, "q=destroyer")
    make_article(title="Destroyer draft", body="A destroyer.", status=Article.Status.DRAFT)
    assert run_alerts().digests == 0 and mailoutbox == []


def test_a_daily_search_waits_for_its_day(analyst, mailoutbox):
    saved = save_search(analyst, "q=tanker", frequency=Frequency.DAILY)
    make_article(title="Tanker", body="A tanker.")
    assert run_alerts().searches == 0
    assert run_alerts(later=datetime.timedelta(days=1)).digests == 1
    saved.refresh_from_db()
    assert saved.last_digest_at is not None


def test_a_meeting_search_sends_meetings(analyst, mailoutbox):
    from meetings.models import Meeting

    save_search(
        analyst,
        "",
        kind="meetings",
        name="All meetings",
        checked_until=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
    )
    report = run_alerts()
    assert report.items == Meeting.objects.public().count() > 0
    assert "NEW:" in mailoutbox[0].body


def test_a_failed_send_is_tried_again(analyst, mailoutbox, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    save_search(analyst, "q=minesweeper")
    make_article(title="Minesweeper", body="A minesweeper.")
    assert run_alerts().failed == 1 and not Delivery.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert run_alerts().digests == 1


def test_a_digest_past_its_size_leaves_the_rest_to_the_next_run(analyst, mailoutbox, monkeypatch):
    from alerts import delivery

    monkeypatch.setattr(delivery, "MAX_ITEMS", 2)
    monkeypatch.setattr(delivery, "MAX_SHOWN", 1)
    save_search(analyst, "q=patrolboat")
    for n in range(3):
        make_article(title=f"Patrolboat {n}", body=f"A patrolboat, number {n}.")
    assert run_alerts().items == 2
    assert "and 1 more" in mailoutbox[0].body and "2 new" in mailoutbox[0].subject
    assert run_alerts().items == 1
    assert run_alerts().items == 0 and len(mailoutbox) == 2


def test_payloads_stay_text_in_both_parts_of_every_digest(analyst, mailoutbox):
    from tests.xss_payloads import PAYLOADS, MarkupAudit

    for number, payload in enumerate(PAYLOADS, 1):
        save_search(analyst, f"q=payloadword{number}", name=f"Search {number} {payload}")
        make_article(title=f"Headline {number} {payload}", body=f"payloadword{number} {payload} ends.", byline=payload)
    assert run_alerts().digests == len(PAYLOADS)
    for mail in mailoutbox:
        number = int(mail.subject.split("“Search ")[1].split(" ")[0])
        payload = PAYLOADS[number - 1]
        assert f"Headline {number} {payload}" in mail.body  # the plain-text part: the characters themselves
        html = mail.alternatives[0][0]
        audit = MarkupAudit.of(html)
        assert audit.dangers == [], (payload, audit.dangers)
        assert f"Headline {number} {' '.join(payload.split())}" in " ".join(audit.page_text.split())
