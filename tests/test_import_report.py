"""The import report, per article: officials and countries linked, suggestions, duplicates (CLI and admin)."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from archive import import_jobs
from archive.ingest.report import Report
from archive.models import Article, ImportJob, Suggestion
from tests.linking_eval import CASES

pytestmark = pytest.mark.django_db
TURKISH = CASES / "001_caspian_courier.txt"


def run_command(*args, verbosity=1) -> str:
    out = io.StringIO()
    call_command("import_articles", *map(str, args), stdout=out, verbosity=verbosity)
    return out.getvalue()


def test_the_command_names_each_suggestion_with_its_review_queue(seeds):
    output = run_command(TURKISH)
    article = Article.objects.get(origin__contains=TURKISH.name)
    assert "2 official(s) suggested for review" in output
    line = next(line for line in output.splitlines() if "suggested for review:" in line)
    assert "Hulusi Akar (Minister of National Defense, country guessed: TR)" in line
    assert "Yasar Guler (Chief of the General Staff of the Turkish Armed Forces, General, country guessed: TR)" in line
    assert line.endswith(f"review: /admin/archive/suggestion/?article__id__exact={article.pk}")
    assert "officials linked" not in output  # the details are for -v 2


def test_verbosity_2_adds_each_articles_officials_and_countries(seeds):
    output = run_command(TURKISH, verbosity=2)
    assert re.search(r"created: \S*001_caspian_courier.txt .*\(article \d+\)", output)
    assert "officials linked: Zakir Hasanov (participant, Defense Minister, Colonel General)" in output
    assert "countries linked: TR, AZ" in output


def test_a_dry_run_reports_the_same_and_writes_nothing(seeds):
    output = run_command(TURKISH, "--dry-run", verbosity=2)
    assert output.startswith("Dry run, nothing written.")
    assert re.search(r"would be created: \S*001_caspian_courier.txt", output)
    assert "suggested for review: Hulusi Akar (Minister of National Defense, country guessed: TR)" in output
    assert "review: /admin" not in output and "countries linked: TR, AZ" in output
    assert not Article.objects.filter(origin__contains=TURKISH.name).exists() and not Suggestion.objects.exists()


def test_a_duplicate_names_the_article_kept(seeds):
    run_command(TURKISH)
    kept = Article.objects.get(origin__contains=TURKISH.name)
    output = run_command(TURKISH)
    assert f"already stored as “{kept.title}” (article {kept.pk}: /admin/archive/article/{kept.pk}/change/)" in output


def test_reports_kept_before_the_details_existed_still_read():
    old = {"files": 1, "created": [{"file": "a.txt", "where": "", "title": "T", "article_id": 3, "notes": []}]}
    report = Report.from_json(old)
    assert report.created[0].officials == () and "a.txt" in "\n".join(report.lines(verbosity=2))


def test_the_admin_job_report_lists_who_was_linked_and_suggested(seeds, import_dirs, admin_client):
    upload = SimpleUploadedFile(TURKISH.name, TURKISH.read_bytes())
    job = import_jobs.queue_job([upload])
    call_command("run_import_jobs", "--once", stdout=io.StringIO())
    job = ImportJob.objects.get(pk=job.pk)
    article = Article.objects.get(origin__contains=TURKISH.name)
    html = admin_client.get(f"/admin/archive/article/import/{job.pk}/").content.decode()
    assert "Zakir Hasanov" in html and "Hulusi Akar" in html and "country guessed: TR" in html
    review = f"/admin/archive/suggestion/?article__id__exact={article.pk}"
    assert f'href="{review}"' in html and "Review 2 suggestions" in html
    queue = admin_client.get(review)
    assert queue.status_code == 200 and "Hulusi Akar" in queue.content.decode()
    assert "<script>" not in html
