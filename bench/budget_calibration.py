"""Calibrate the search budget's postings (index/budget.py, query/planner.py) on an archive.

    python bench/budget_calibration.py --data-dir DIR [--words 8] [--phrases 8]

The planner prices a word at its postings (its document frequency, plus its stem's) and a phrase of two
words at its word pair's postings and its words' (index/engine/phrases.py; on an index without pairs,
``PHRASE_FACTOR`` times its words' postings), and cuts what would pass ``max_postings``. Those numbers
only mean something against what searching costs on a real archive, so this measures it: with the budget
lifted, it runs common words of the archive's own text (the ones a search pays most for) alone, then its
commonest word pairs as phrases (pairs of other common words on an index without pairs), through
``run_search`` (the page's whole search: hit sets, ranking, facets, snippets), each word used once so
that no cached hit set helps. Prints a line per search and one JSON line: CPU microseconds per posting
of a word and of a phrase (medians), their ratio (what ``PHRASE_FACTOR`` should be; about 1 with pairs),
and how many word postings fit in one CPU-second (what ``max_postings`` buys).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit, setup_django  # noqa: E402


def common_words(lexicon, count: int) -> list[tuple[str, int]]:
    """Return ``count`` of the archive's most frequent plain words (letters only, 4+), most frequent first."""
    snap = lexicon.snap
    candidates: dict[str, int] = {}
    with snap.reading():
        for leaf, _ in snap.leaves:
            for frequency, raw in leaf.most_frequent_terms(lexicon.fieldname, number=count * 8):
                word = raw.decode() if isinstance(raw, bytes) else raw
                if word.isalpha() and len(word) >= 4:
                    candidates[word] = candidates.get(word, 0) + frequency
    ranked = sorted(candidates, key=candidates.get, reverse=True)
    return [(word, lexicon.frequency(word)) for word in ranked[:count]]


def common_pairs(lexicon, count: int) -> list[tuple[str, int]]:
    """Return ``count`` of the archive's most frequent word pairs (two words of letters), most frequent first."""
    from index.engine.phrases import pair_field_name

    snap, field = lexicon.snap, pair_field_name(lexicon.fieldname)
    candidates: dict[str, int] = {}
    with snap.reading():
        for leaf, _ in snap.leaves:
            for frequency, raw in leaf.most_frequent_terms(field, number=count * 8):
                pair = raw.decode() if isinstance(raw, bytes) else raw
                if pair.replace(" ", "").isalpha() and pair.count(" ") == 1:
                    candidates[pair] = candidates.get(pair, 0) + frequency
    ranked = sorted(candidates, key=candidates.get, reverse=True)
    return [(pair, lexicon.frequency(pair, field)) for pair in ranked[:count]]


def cpu_seconds(query: str) -> tuple[float, int, bool]:
    from django.http import QueryDict

    from query.search import run_search

    started = time.process_time()
    page = run_search(QueryDict(query))
    return time.process_time() - started, page.count, bool(page.refused)


def main() -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--words", type=int, default=8)
    parser.add_argument("--phrases", type=int, default=8)
    args = parser.parse_args()
    os.environ["PARLEY_DATA_DIR"] = str(args.data_dir.resolve())
    # Lift the budget: this measures what the budget is meant to bound.
    os.environ.update(PARLEY_SEARCH_MAX_POSTINGS=str(10**9), PARLEY_SEARCH_SECONDS="600", PARLEY_LOG_LEVEL="WARNING")
    setup_django()
    from query.planner import engine_lexicon

    lexicon = engine_lexicon()
    cpu_seconds("q=calibrationwarmupword")  # open the index and its arrays outside the measurements
    words = common_words(lexicon, args.words + 2 * args.phrases)
    per_word, per_phrase = [], []
    for word, frequency in words[: args.words]:
        stem = lexicon.stemmed(word)
        postings = frequency + (stem.frequency if stem else 0)
        seconds, hits, refused = cpu_seconds(f"q={word}")
        per_word.append(seconds / postings * 1e6)
        print(f"word {word}: {postings} postings, {seconds:.3f} CPU s, {hits} hits, refused {refused}")
    rest = words[args.words :]
    if lexicon.snap.has_pairs(lexicon.fieldname):
        phrases = [
            (pair.split(" "), frequency + sum(lexicon.frequency(word) for word in pair.split(" ")))
            for pair, frequency in common_pairs(lexicon, args.phrases)
        ]
    else:
        phrases = [((a, b), fa + fb) for (a, fa), (b, fb) in zip(rest[0::2], rest[1::2], strict=False)]
    for (first, second), postings in phrases:
        seconds, hits, refused = cpu_seconds(f"q=%22{first}+{second}%22")
        per_phrase.append(seconds / postings * 1e6)
        print(f'phrase "{first} {second}": {postings} postings, {seconds:.3f} CPU s, {hits} hits, refused {refused}')
    word_us, phrase_us = statistics.median(per_word), statistics.median(per_phrase)
    figures = {
        "data_dir": str(args.data_dir),
        "word_us_per_posting": round(word_us, 3),
        "phrase_us_per_posting": round(phrase_us, 3),
        "phrase_factor": round(phrase_us / word_us, 1),
        "word_postings_per_cpu_second": int(1e6 / word_us),
        "load_average": os.getloadavg(),
    }
    emit(figures)
    return figures


if __name__ == "__main__":
    main()
