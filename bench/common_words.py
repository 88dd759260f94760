"""Derive the common words of the word-pair index (``PARLEY_PHRASE_PAIRS=common``) from a built index.

    PARLEY_DATA_DIR=bench/var/20000-1 python bench/common_words.py [--min-documents N] [--output FILE]

A word is common when reading its positions for a phrase costs more than a phrase should: the query
planner prices a phrase's word at ``PHRASE_FACTOR`` word postings (query/planner.py), 5.3 CPU µs a
posting (bench/budget_calibration.py), so a word in 10,000 documents or more (the default) costs over
50 ms of positions alone. Writes index/engine/common_words.txt (or ``--output``), one word a line, most
frequent first (ties by the word): the same index always gives the same list. Changing the shipped list
changes the index schema's signature, so the next ``make run`` rebuilds the index with it.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere, or imported by the tests

from bench.common import setup_django  # noqa: E402 (needs the project on the path)

MIN_DOCUMENTS = 10_000
SHIPPED_LIST = ROOT / "index" / "engine" / "common_words.txt"
HEADER = """\
# The common words of the word-pair index (PARLEY_PHRASE_PAIRS=common, index/engine/analysis.py): a pair
# of words is indexed only when one of them is here. Written by bench/common_words.py: the words of the
# document field in at least {minimum:,} of the {documents:,} documents of an archive of
# {articles:,} articles, most frequent first.
"""


def document_frequencies(snap, field: str) -> dict[str, int]:
    """Return each word of ``field`` with the number of documents holding it, over every segment."""
    frequencies: dict[str, int] = {}
    for leaf, _offset in snap.leaves:
        for word in leaf.lexicon(field):
            text = word.decode()
            frequencies[text] = frequencies.get(text, 0) + leaf.doc_frequency(field, word)
    return frequencies


def common_words(frequencies: dict[str, int], minimum: int) -> list[str]:
    """Return the words in at least ``minimum`` documents, most frequent first, ties by the word."""
    return sorted((w for w, n in frequencies.items() if n >= minimum), key=lambda w: (-frequencies[w], w))


def write_list(path: Path, words: list[str], *, minimum: int, documents: int, articles: int) -> None:
    header = HEADER.format(minimum=minimum, documents=documents, articles=articles)
    path.write_text(header + "".join(word + "\n" for word in words), encoding="utf-8")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-documents", type=int, default=MIN_DOCUMENTS)
    parser.add_argument("--output", type=Path, default=SHIPPED_LIST)
    args = parser.parse_args(argv)
    setup_django()
    from archive.models import Article
    from index.engine.snapshot import Snapshot
    from index.generations import backend

    engine = backend()
    engine.setup()
    snap = Snapshot(engine.path)
    frequencies = document_frequencies(snap, engine.content_field_name)
    words = common_words(frequencies, args.min_documents)
    write_list(args.output, words, minimum=args.min_documents, documents=snap.size, articles=Article.objects.count())
    print(f"{len(words)} common words of {len(frequencies)} -> {args.output}")


if __name__ == "__main__":
    main()
