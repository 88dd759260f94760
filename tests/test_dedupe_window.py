"""archive/ingest/dedupe.py compares a new article with its whole date window at once (numpy): the figures
must be those of :func:`overlap` article by article, and the verdicts those they decide."""

import random
from datetime import date, timedelta

import pytest

from archive.ingest.dedupe import DATE_WINDOW_DAYS, NEAR, NEW, Deduplicator, overlap, shingles

pytestmark = pytest.mark.django_db

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
