"""New text for a curated article never changes it silently: it is kept as a revision for a curator."""

import datetime
import io
import json

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from archive import curation
from archive.diffs import body_diff
from archive.ingest.pipeline import ImportOptions, run_import
from archive.ingest.read import InputFile
from archive.models import Article, ArticleRevision, Source
from harness.forms import read_form, replace
from index.models import IndexChange
from tests.factories import make_article

pytestmark = pytest.mark.django_db
URL = "https://news.az/articles/hasanov-bagheri"
STORED_BODY = (
    "Azerbaijani Defense Minister Zakir Hasanov met Major General Mohammad Bagheri in Baku. "
    "The sides discussed regional security."
)
NEW_BODY = (
    "Azerbaijani Defense Minister Zakir Hasanov met Major General Mohammad Bagheri in Tehran. "
    "The sides discussed regional security and signed a protocol."
)


def feed_item(tmp_path, body=NEW_BODY, date="2024-03-01", url="http://www.news.az/articles/hasanov-bagheri/"):
    """A record reusing the stored article's URL (spelt differently), with a new headline, text, date and outlet."""
    path = tmp_path / f"item-{len(list(tmp_path.iterdir()))}.jsonl"
    record = {"title": "Hasanov visits Tehran", "body": body, "date": date, "url": url, "source": "Other Outlet"}
    path.write_text(json.dumps(record))
    return path


def run(*paths, **options):
    return run_import([InputFile.from_path(p) for p in paths], ImportOptions(**options))


@pytest.fixture
def published(db):
    outlet = Source.objects.create(name="News.Az")
    return make_article(
        title="Hasanov meets Bagheri", body=STORED_BODY, published_on=datetime.date(2019, 1, 16), source=outlet, url=URL
    )


def unchanged(article) -> bool:
    fresh = Article.objects.get(pk=article.pk)
    return (fresh.title, fresh.body, fresh.published_on, fresh.source_id, fresh.status) == (
        article.title,
        article.body,
        article.published_on,
        article.source_id,
        article.status,
    )


@pytest.mark.parametrize("status", [Article.Status.PUBLISHED, Article.Status.WITHDRAWN])
def test_new_text_for_a_curated_article_is_kept_as_a_revision_and_the_article_is_unchanged(published, tmp_path, status):
    Article.objects.filter(pk=published.pk).update(status=status)
    published.status = status
    report = run(feed_item(tmp_path))
    assert not report.updated and not report.created and len(report.revisions) == 1
    assert unchanged(published)
    revision = ArticleRevision.objects.get()
    assert (revision.article, revision.title, revision.published_on, revision.source.name, revision.status) == (
        published,
        "Hasanov visits Tehran",
        datetime.date(2024, 3, 1),
        "Other Outlet",
        ArticleRevision.Status.PENDING,
    )
    assert report.revisions[0].revision_id == revision.pk and report.changed_ids == []
    assert "1 kept as a revision for review" in report.summary()
    assert any(line.startswith("kept as a revision for review:") for line in report.lines())


def test_the_same_text_again_is_a_duplicate_not_a_second_revision(published, tmp_path):
    run(feed_item(tmp_path))
    again = run(feed_item(tmp_path))
    assert not again.revisions and len(again.duplicates) == 1 and ArticleRevision.objects.count() == 1
    curation.reject_revision(ArticleRevision.objects.get())
    assert len(run(feed_item(tmp_path)).duplicates) == 1  # a rejected text is not asked about again


def test_a_dry_run_says_it_would_keep_a_revision_and_keeps_none(published, tmp_path):
    report = run(feed_item(tmp_path), dry_run=True)
    assert len(report.revisions) == 1 and "1 would be kept as a revision for review" in report.summary()
    assert not ArticleRevision.objects.exists() and unchanged(published)


def test_a_draft_is_still_updated_in_place(published, tmp_path):
    Article.objects.filter(pk=published.pk).update(status=Article.Status.DRAFT)
    report = run(feed_item(tmp_path))
    assert len(report.updated) == 1 and not report.revisions
    assert Article.objects.get(pk=published.pk).body == NEW_BODY


def test_the_command_says_kept_as_a_revision(published, tmp_path):
    out = io.StringIO()
    call_command("import_articles", str(feed_item(tmp_path)), stdout=out)
    assert "0 updated, 1 kept as a revision for review" in out.getvalue()
    assert "kept as a revision for review:" in out.getvalue() and unchanged(published)


# --- Review ---------------------------------------------------------------------------------------


def test_body_diff_marks_removed_and_added_words_and_escapes():
    html = body_diff("Talks in <Baku>.\n\nSecond paragraph.", "Talks in <Tehran>.\n\nSecond paragraph.\n\nA new one.")
    assert "Talks in &lt;<del>Baku</del><ins>Tehran</ins>&gt;." in html
    assert "<p>Second paragraph.</p>" in html and '<p class="added"><ins>A new one.</ins></p>' in html


@pytest.fixture
def curator(client, seeds):
    user = User.objects.create_user("cora", password="a-long-test-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    client.force_login(user)
    return user


def test_a_curator_sees_the_diff_and_accepts_the_revision(published, tmp_path, client, curator):
    run(feed_item(tmp_path))
    revision = ArticleRevision.objects.get()
    listing = client.get("/admin/archive/articlerevision/").content.decode()
    assert "Hasanov visits Tehran" in listing
    article_page = client.get(f"/admin/archive/article/{published.pk}/change/").content.decode()
    assert f"/admin/archive/articlerevision/{revision.pk}/change/" in article_page
    url = f"/admin/archive/articlerevision/{revision.pk}/change/"
    page = client.get(url).content.decode()
    assert (
        "in <del>Baku</del><ins>Tehran</ins>." in page and "regional security<ins> and signed a protocol</ins>." in page
    )
    assert "2019-01-16" in page and "2024-03-01" in page and "Other Outlet" in page
    IndexChange.objects.all().delete()
    fields = replace(read_form(page, "articlerevision_form"), decision="accept")
    response = client.post(url, dict(fields))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(pk=published.pk)
    assert (article.body, article.published_on, article.source.name, article.slug) == (
        NEW_BODY,
        datetime.date(2024, 3, 1),
        "Other Outlet",
        published.slug,  # the permalink stays
    )
    revision.refresh_from_db()
    assert revision.status == ArticleRevision.Status.ACCEPTED and revision.decided_by == curator
    assert published.pk in IndexChange.objects.pending().filter(kind="article").values_list("object_id", flat=True)
    assert article.participations.filter(person__slug="zakir-hasanov").exists()  # linked again on the new text


def test_rejecting_leaves_the_article_and_an_action_decides_many(published, tmp_path, client, curator):
    run(feed_item(tmp_path))
    run(feed_item(tmp_path, body=NEW_BODY + " A second correction arrived later."))
    first, second = ArticleRevision.objects.order_by("pk")
    response = client.post(
        "/admin/archive/articlerevision/",
        {"action": "reject_selected", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    assert set(ArticleRevision.objects.values_list("status", flat=True)) == {ArticleRevision.Status.REJECTED}
    assert unchanged(published)
    with pytest.raises(curation.CurationError, match="already rejected"):
        curation.accept_revision(first)
