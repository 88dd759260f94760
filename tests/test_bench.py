"""The benchmark runs end to end on a tiny corpus (no timing is asserted: that is `make bench`'s job).

Every part runs: the corpus with its offices and meetings, the builds, the article,
meeting and (where the search forms know them) office and sector queries, the
curators' desk and the admin upload, the imports with and without their steps. On SQLite, as
``make bench`` measures the embedded default whatever DATABASE_URL says.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.sqlite_only
ARTICLE_CLASSES = {
    "one_word",
    "two_words",
    "phrase",
    "word_country_official_dates",
    "browse_newest_all_facets",
    "official_page",
    "country_page",
}
MEETING_CLASSES = {
    "meetings_keyword",
    "meetings_between_countries",
    "meetings_year",
    "meetings_agreement_signed",
    "meetings_mode_visit",
    "meetings_keyword_page_2",
    "meetings_newest",
    "meetings_corroboration_several",
}
AGREEMENT_CLASSES = {"agreements_all", "agreements_kind_party"}
RELATIONS_CLASSES = {"relations_pair", "relations_index"}
DESK_CLASSES = {
    "admin_articles_first_page",
    "admin_articles_search",
    "admin_articles_filter",
    "admin_meetings_first_page",
    "admin_meetings_search",
    "admin_meetings_filter",
    "admin_article_by_url",
    "article_page_by_slug",
}


def office_classes() -> set[str]:
    """The office and sector classes the mix has, as the search forms know ``office`` and ``sector``."""
    from query.forms import ArticleSearchForm, MeetingSearchForm

    articles, meetings = ArticleSearchForm.base_fields, MeetingSearchForm.base_fields
    return {
        name
        for name, known in {
            "offices_articles_sector_country": "sector" in articles,
            "offices_articles_office": "office" in articles,
            "offices_meetings_sector_country": "sector" in meetings,
            "offices_meetings_office": "office" in meetings,
        }.items()
        if known
    }


def test_bench_runs_on_a_tiny_corpus(tmp_path):
    env = {
        **os.environ,
        "BENCH_ARTICLES": "300",
        "BENCH_REPEAT": "1",
        "BENCH_REPS": "2",
        "BENCH_DURATION": "2",
        "BENCH_WORKERS": "2",
        "BENCH_DATA_DIR": str(tmp_path / "data"),
        "BENCH_RESULTS": str(tmp_path / "results"),
        "BENCH_IMPORT_ARTICLES": "60",
        "BENCH_UPLOAD_MB": "2",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    completed = subprocess.run(
        [sys.executable, "bench/run.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "### Index build" in completed.stdout and "ratio Parley / raw" in completed.stdout
    (written,) = (tmp_path / "results").glob("*-300.json")
    results = json.loads(written.read_text())
    records = results["corpus"]["records"]
    assert records["meetings"]["meetings"] > 20 and records["offices"]["tenures"] > 100
    meetings = records["meetings"]
    assert results["build_parley"]["documents"] == 300 + meetings["meetings"] + meetings["agreements"]
    assert results["build_raw_whoosh"]["documents"] == results["build_parley"]["documents"]
    classes = set(results["summary"]["in_process"])
    assert classes == ARTICLE_CLASSES | MEETING_CLASSES | office_classes() | AGREEMENT_CLASSES | RELATIONS_CLASSES
    assert set(results["summary"]["http"]) == classes
    assert results["summary"]["http_errors"] == 0
    assert set(results["summary"]["desk"]) == DESK_CLASSES and results["summary"]["desk_errors"] == {}
    assert set(results["lookups_in_process"]) == {"article_by_slug", "article_by_url", "article_by_url_other_spelling"}
    assert results["upload"]["status"] == 302 and results["upload"]["records"] > 100
    assert results["import"]["steps"] == ["MeetingStep"] and results["import"]["meetings"] > 0
    assert results["import_with_tenure_step"]["steps"] == ["MeetingStep", "TenureStep"]
    assert results["import_with_tenure_step"]["tenure_suggestions"] > 0
    assert results["import_without_steps"]["steps"] == [] and results["import_without_steps"]["meetings"] == 0
    assert results["throughput"][0]["requests"] > 0 and results["throughput"][0]["errors"] == 0
    assert results["reopen"][0]["hits"] == 300
    assert (tmp_path / "results" / written.name.replace(".json", ".md")).read_text().startswith("## Parley benchmark")
