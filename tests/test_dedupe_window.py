"""archive/ingest/dedupe.py compares a new article with its whole date window at once (numpy): the figures
must be those of :func:`overlap` article by article, and the verdicts those they decide."""

import os
import random
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from archive.ingest.dedupe import DATE_WINDOW_DAYS, NEAR, NEW, SHINGLE_WORDS, Deduplicator, overlap, shingles
from archive.text import fold

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent

WORDS = ["the", "defense", "minister", "met", "his", "counterpart", "in", "baku", "talks", "on", "military"]


def story(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS + [f"w{rng.randrange(400)}"]) for _ in range(words))


def test_the_window_at_once_gives_each_articles_own_overlap():
    rng = random.Random(5)
    dedupe, day = Deduplicator(dry_run=True), date(2024, 5, 10)
    stored = []
    for n in range(120):
        body = story(rng, rng.randrange(5, 300))
        published = day + timedelta(days=rng.randrange(-5, 6))
        dedupe.check(body, "", published)
        dedupe.remember(n, f"story {n}", body, "", published)
        stored.append((n, body, published))
    for _ in range(30):
        mine = shingles(story(rng, rng.randrange(5, 300)))
        got = {article_id: (score, coverage) for article_id, _, score, coverage in dedupe._overlaps(mine, day)}
        expected = {
            n: overlap(mine, shingles(body))
            for n, body, published in stored
            if abs((published - day).days) <= DATE_WINDOW_DAYS and overlap(mine, shingles(body))[0] > 0
        }
        assert got.keys() == expected.keys()
        for n, figures in expected.items():
            assert got[n] == pytest.approx(figures)


def test_a_shortened_copy_in_the_window_is_a_near_duplicate_and_outside_it_is_new():
    rng = random.Random(9)
    dedupe, day = Deduplicator(dry_run=True), date(2024, 5, 10)
    original = story(rng, 200)
    dedupe.check(original, "", day)
    dedupe.remember(1, "original", original, "", day)
    copy = " ".join(original.split()[:170]) + " Report.az"
    assert dedupe.check(copy, "", day + timedelta(days=DATE_WINDOW_DAYS)).kind == NEAR
    assert dedupe.check(copy, "", day + timedelta(days=DATE_WINDOW_DAYS + 1)).kind == NEW
    # An article remembered after the window's arrays were made is compared too.
    other = story(rng, 150)
    assert dedupe.check(other, "", day).kind == NEW  # the pipeline checks, then remembers what it checked
    dedupe.remember(2, "other", other, "", day)
    verdict = dedupe.check(other + " (updated)", "", day)
    assert verdict.kind == NEAR and verdict.article_id == 2


def test_shingles_are_the_same_in_every_process(tmp_path):
    # Python's hash() of a string changes with each interpreter (PYTHONHASHSEED): shingles made with it
    # could be compared only within one process and the ones forked from it.
    body = "The Azerbaijani Defense Minister met his Iranian counterpart in Baku on Tuesday."
    script = (
        f"import django; django.setup(); from archive.ingest.dedupe import shingles; print(sorted(shingles({body!r})))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "PARLEY_DATA_DIR": str(tmp_path)}
    seen = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**env, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert seen == {f"{sorted(shingles(body))}\n"}


def test_words_are_the_folded_runs_of_letters_and_digits():
    spelt = "Zakir Həsənov, in BAKU (12:30) — talks on military-technical cooperation; İlham Əliyev."
    words = re.findall(r"[a-z0-9]+", fold(spelt))
    assert shingles(spelt) == shingles(" ".join(words))
    assert shingles(spelt) != shingles(" ".join(words[1:]))
    assert len(shingles(spelt)) == len(words) - SHINGLE_WORDS + 1


def test_a_body_of_fewer_than_five_words_is_one_shingle_of_them_all():
    assert len(shingles("Talks in Baku")) == 1
    assert shingles("Talks in Baku") == shingles("talks, in BAKU!")
    assert shingles("Talks in Baku") != shingles("Talks in Tehran")
    assert len(shingles("")) == 1
    assert not shingles("") & shingles("Talks in Baku")
