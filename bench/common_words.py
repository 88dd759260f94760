"""Derive the common words of the word-pair index (``PARLEY_PHRASE_PAIRS=common``) from a built index.

    PARLEY_DATA_DIR=bench/var/20000-1 python bench/common_words.py [MIN_DOCUMENTS]

A word is common when reading its positions for a phrase costs more than a phrase should: the query
planner prices a phrase's word at ``PHRASE_FACTOR`` word postings (query/planner.py), 5.3 CPU µs a
posting (bench/budget_calibration.py), so a word in 10,000 documents or more (the default) costs over
50 ms of positions alone. Writes index/engine/common_words.txt, one word a line, most frequent first
(ties by the word): the same index always gives the same list. Changing the list changes the index
schema's signature, so the next ``make run`` rebuilds the index with it.
"""

import sys
from pathlib import Path

from common import ROOT, setup_django

MIN_DOCUMENTS = 10_000
HEADER = """\
# The common words of the word-pair index (PARLEY_PHRASE_PAIRS=common, index/engine/analysis.py): a pair
# of words is indexed only when one of them is here. Written by bench/common_words.py: the words of the
# document field in at least {minimum:,} of the {documents:,} documents of the synthetic archive of
# {articles:,} articles (bench/var/{articles}-1), most frequent first.
"""


def main(minimum: int) -> None:
    setup_django()
    from archive.models import Article
    from index.engine.snapshot import Snapshot
    from index.generations import backend

    engine = backend()
    engine.setup()
    snap = Snapshot(engine.path)
    field = engine.content_field_name
    frequencies = {}
    for leaf, _offset in snap.leaves:
        for word in leaf.lexicon(field):
            frequencies[word] = frequencies.get(word, 0) + leaf.doc_frequency(field, word)
    common = sorted((w for w, n in frequencies.items() if n >= minimum), key=lambda w: (-frequencies[w], w))
    path = Path(ROOT) / "index" / "engine" / "common_words.txt"
    header = HEADER.format(minimum=minimum, documents=snap.size, articles=Article.objects.count())
    path.write_text(header + "".join(word.decode() + "\n" for word in common))
    print(f"{len(common)} common words of {len(frequencies)} -> {path}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else MIN_DOCUMENTS)
