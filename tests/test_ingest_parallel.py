"""The import with worker processes (archive/ingest/prepare.py) gives what one process gives.

Each case imports the same real files twice into the same real database, with one process
and with two (chunks of one record, so that every record goes through a worker), rolling
the first run back in between; the reports, line for line, and every row written must match.
"""

import io
import os
import random
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from archive.ingest import prepare, save
from archive.ingest.pipeline import ImportOptions, run_import
from archive.management.commands.import_articles import input_files
from archive.models import Article, Participation, Source, Suggestion
from bench.import_bench import article_text
from index.models import IndexChange
from meetings.models import Agreement, Meeting, MeetingParticipant, MeetingReport
from tests.ingest_helpers import INGEST_DATA, SEEDS
from tests.test_ingest_pipeline import officials  # noqa: F401 (the fixture, used by name)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("officials")]
MEETINGS = Path(__file__).parent / "data" / "meetings" / "import"
_real_prepare_in_worker = prepare._prepare_in_worker


class _Undo(Exception):
    pass


TIMES = ("created_at", "updated_at")  # when the rows were written: the only thing two runs may differ in


WRITTEN_MODELS = [Article, Participation, Suggestion, Source, Meeting, MeetingParticipant, MeetingReport, Agreement]
# and the rows beside them, whose ids follow theirs
RESET_MODELS = [*WRITTEN_MODELS, Article.countries.through, IndexChange]


def everything() -> list:
    """Every row an import may write, in order (but the times it wrote them)."""
    models = WRITTEN_MODELS
    rows = [
        [{k: v for k, v in row.items() if k not in TIMES} for row in model.objects.order_by("pk").values()]
        for model in models
    ]
    rows.append(list(Article.countries.through.objects.order_by("pk").values()))
    rows.append(list(IndexChange.objects.order_by("pk").values("kind", "object_id")))
    return rows


def import_and_undo(paths, processes: int, **options):
    """Import ``paths`` with ``processes``; return the report's lines and what was written, then roll it back."""
    report = state = None
    # PostgreSQL's sequences neither roll back nor start where the tables end (earlier tests used them):
    # each run starts them from the table's largest id, so both runs' rows and report lines carry the same
    # ids (SQLite needs nothing).
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), RESET_MODELS):
            cursor.execute(sql)
    try:
        with transaction.atomic():
            report = run_import(input_files([str(p) for p in paths]), ImportOptions(processes=processes, **options))
            state = everything()
            raise _Undo
    except _Undo:
        pass
    return report.lines(verbosity=2), [str(r) for r in report.rejected], state


def _prepare_noting_the_process(drafts):
    """The workers' task, noting which process ran it (the test reads the file afterwards)."""
    with open(os.environ["PARLEY_TEST_WORKER_PIDS"], "a") as pids:
        pids.write(f"{os.getpid()}\n")
    return _real_prepare_in_worker(drafts)


@pytest.fixture
def workers_noted(tmp_path, monkeypatch):
    """Chunks of one record, and the file where the workers note their process ids."""
    pids = tmp_path / "pids"
    monkeypatch.setenv("PARLEY_TEST_WORKER_PIDS", str(pids))
    monkeypatch.setattr(prepare, "CHUNK", 1)
    monkeypatch.setattr(prepare, "_prepare_in_worker", _prepare_noting_the_process)

    def worker_pids() -> set[int]:
        return {int(line) for line in pids.read_text().split()} if pids.exists() else set()

    return worker_pids


def seed_style_files(folder: Path, count: int) -> list[Path]:
    """Write ``count`` raw text files as the import benchmark makes them (officials meeting, in the seeds' form)."""
    folder.mkdir()
    rng = random.Random(7)
    paths = []
    for number in range(count):
        path = folder / f"{number:03d}.txt"
        day = date(2019, 1, 1) + timedelta(days=rng.randrange(20))  # close dates: some reports match a meeting
        path.write_text(article_text(number, rng, day), encoding="utf-8")
        paths.append(path)
    return paths


def test_the_seeds_and_meeting_reports_import_the_same_with_workers(tmp_path, workers_noted):
    paths = [*sorted(SEEDS.glob("*.txt")), *sorted(MEETINGS.glob("*.txt")), *seed_style_files(tmp_path / "s", 30)]
    serial = import_and_undo(paths, 1, publish=True)
    assert not workers_noted()
    parallel = import_and_undo(paths, 2, publish=True)
    assert workers_noted() and os.getpid() not in workers_noted()  # the records went through a worker
    assert parallel == serial
    lines, rejected, state = parallel
    assert not rejected and len(state[0]) == len(paths)
    assert state[4] and any(r["meeting_id"] == s["meeting_id"] for r in state[6] for s in state[6] if r != s)
    assert any("matched meeting" in line for line in lines)  # a second report of one meeting, found in order


def test_bad_files_and_records_get_the_same_messages_and_leave_nothing_with_workers(
    tmp_path, workers_noted, monkeypatch
):
    real_apply_links = save.apply_links

    def fails_for_one(article, links, new=False):
        if "(No 3)" in article.body:
            raise DatabaseError("simulated failure after the article row was written")
        real_apply_links(article, links, new)

    monkeypatch.setattr(save, "apply_links", fails_for_one)
    good = seed_style_files(tmp_path / "s", 6)
    bad = sorted((INGEST_DATA / "bad").iterdir())
    paths = [good[0], *bad[:3], *good[1:4], *bad[3:], *good[4:]]
    serial = import_and_undo(paths, 1, publish=True)
    parallel = import_and_undo(paths, 2, publish=True)
    assert workers_noted()
    assert parallel == serial
    _lines, rejected, state = parallel
    assert len(rejected) >= len(bad) + 1
    assert any("003.txt" in r and "simulated failure" in r for r in rejected)
    assert any("malformed_line.jsonl: line" in r for r in rejected)  # the file and the line
    numbered = [row["body"] for row in state[0] if "(No " in row["body"]]  # the seed-style files'
    assert len(numbered) == 5 and not any("(No 3)" in b for b in numbered)  # nothing of the failed one is kept
    kept = {row["id"] for row in state[0]}
    assert {row["article_id"] for row in state[1]} <= kept and {row["article_id"] for row in state[6]} <= kept


def test_a_crash_in_a_worker_is_raised_in_the_run_and_rolls_its_batch_back(tmp_path, workers_noted, monkeypatch):
    from archive.ingest import linking

    real_link = prepare.link

    def crashes_on_no_4(body, *args, **kwargs):
        if "(No 4)" in body:
            raise RuntimeError("a bug in linking")
        return real_link(body, *args, **kwargs)

    monkeypatch.setattr(prepare, "link", crashes_on_no_4)
    assert linking.link is real_link
    paths = seed_style_files(tmp_path / "s", 8)
    with pytest.raises(RuntimeError, match="a bug in linking"):
        run_import(input_files([str(p) for p in paths]), ImportOptions(publish=True, processes=2))
    assert workers_noted()
    # What a batch committed before the crash stays (on a slow machine a batch commits after half a second);
    # the open batch is rolled back, and nothing of the records after the crash's is written.
    kept = {int(re.search(r"\(No (\d+)\)", body)[1]) for body in Article.objects.values_list("body", flat=True)}
    assert kept <= {0, 1, 2, 3}


def test_the_workers_may_not_use_the_database(tmp_path, workers_noted, monkeypatch):
    def queries(body, *args, **kwargs):
        Source.objects.count()

    monkeypatch.setattr(prepare, "link", queries)
    paths = seed_style_files(tmp_path / "s", 3)
    with pytest.raises(RuntimeError, match="do not use the database"):
        run_import(input_files([str(p) for p in paths]), ImportOptions(publish=True, processes=2))
    assert connection.cursor()  # the main process's connection still works
    assert Source.objects.exists()


def test_the_command_takes_the_number_of_processes(tmp_path, workers_noted):
    folder = tmp_path / "s"
    seed_style_files(folder, 4)
    with pytest.raises(CommandError, match="--processes 0"):
        call_command("import_articles", str(folder), "--processes", "0")
    assert not Article.objects.exists()
    call_command("import_articles", str(folder), "--publish", "--processes", "2", stdout=io.StringIO())
    assert Article.objects.count() == 4 and workers_noted()


@pytest.mark.parametrize("processes", [1, 2])
def test_queries_per_article_do_not_grow_with_the_import(tmp_path, processes):
    """The writes per article stay a fixed handful of statements, however many articles the run has taken."""
    paths = seed_style_files(tmp_path / "s", 60)
    files = input_files([str(p) for p in paths])
    with CaptureQueriesContext(connection) as first:
        run_import(files[:20], ImportOptions(publish=True, processes=processes))
    with CaptureQueriesContext(connection) as then:
        run_import(files[20:], ImportOptions(publish=True, processes=processes))
    assert Article.objects.count() == 60
    per_article = len(first) / 20, len(then) / 40
    assert per_article[1] <= per_article[0] + 0.5  # the run's second half costs what its first did
    # 2026-12-03: 12.8-13.0 (an article, its links, its meeting and their index-queue rows, a savepoint;
    # 14.8 with two savepoints); one more query per article would make it at least 13.8.
    assert per_article[1] <= 13.5
