"""Step 6: is this article already in the archive (or earlier in this run)?

* **Exact duplicate**: the same content fingerprint (folded, white space
  collapsed body: :func:`archive.text.content_fingerprint`), or the same URL with
  the same content. Re-importing a file is therefore a no-op.
* **Update**: the same URL with different content: the outlet corrected its story.
* **Near-duplicate**: the same story with small differences (debris, white space,
  a fixed typo, a shortened paragraph). Measured as the *containment* of word
  5-shingles, ``|A ∩ B| / min(|A|, |B|)``, which stays high when one version is
  a shortened copy of the other (plain Jaccard would drop). At or above
  :data:`NEAR_DUPLICATE_THRESHOLD` against a stored article published within
  :data:`DATE_WINDOW_DAYS` days, the article is reported and not stored, provided
  the shared shingles also make :data:`MIN_COVERAGE` of the longer one: a
  two-sentence brief is contained in the full story it announces, and neither
  is a copy of the other.

Why not MinHash/LSH (datasketch)? Copies of a news story carry the same or a
neighbouring date, so candidates are the articles of a date window; comparing
exact shingle sets there is exact and fast. LSH earns its keep when any article
may match any other among millions.

The window is compared at once, not article by article: each date's shingles lie in one
sorted numpy array beside the index of the article each belongs to, so a binary search of the
new article's shingles and one ``bincount`` per date count what every stored article shares
with it. Sorted once per date (again only when the date gains an article), not once per
comparison as ``numpy.isin`` would: at 100,000 synthetic articles that sort was most of the
comparing.

Shingles are made with numpy from a stable hash of each word (CRC-32), not from Python's
``hash`` of each 5-gram, which cost a Python call per shingle: an import loads the stored
articles of every date it touches (about 30,000 for 2,000 files spread over three years of a
100,000-article archive), and shingling them was two thirds of its time.
"""

import zlib
from array import array
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from archive.models import Article
from archive.text import content_fingerprint, fold
from archive.url_keys import url_key

SHINGLE_WORDS = 5
NEAR_DUPLICATE_THRESHOLD = 0.8
MIN_COVERAGE = 0.5
DATE_WINDOW_DAYS = 3
# Words are runs of [a-z0-9] in the folded text: every other byte of it (UTF-8) becomes a space, then split.
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789")
_SPACES_FOR_THE_REST = bytes(byte if byte in _WORD_BYTES else 32 for byte in range(256))
# A shingle's hash: the word hashes folded in with a polynomial modulo 2**64 (from a start that tells a short
# body's lone shingle from a 5-gram), mixed (the murmur3 finaliser) and cut to the top 32 bits.
_START, _FACTOR = np.uint64(0x9E3779B97F4A7C15), np.uint64(0x100000001B3)
_MIX_1, _MIX_2 = np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)
_EMPTY = np.zeros(0, dtype=np.uint32)

EXACT, UPDATE, NEAR, NEW = "duplicate", "update", "near-duplicate", "new"


def shingles(body: str) -> frozenset[int]:
    """Return the word 5-shingles of a body (folded; punctuation and spacing ignored), hashed to 32 bits.

    32 bits keep the stored form small (:func:`compact`); two shingles of one pair of
    articles share a hash by chance about once in ten million comparisons. A body of fewer
    than five words is one shingle of all of them.
    """
    return frozenset(shingle_array(body).tolist())


def shingle_array(body: str) -> np.ndarray:
    """Return :func:`shingles` as a sorted numpy array of distinct 32-bit integers (what comparing reads).

    The same in every process: the words' hashes are CRC-32s, not Python's ``hash``.
    """
    words = fold(body).encode().translate(_SPACES_FOR_THE_REST).split()
    words = np.array([zlib.crc32(word) for word in words], dtype=np.uint64)
    width = min(SHINGLE_WORDS, len(words))
    count = len(words) - width + 1
    hashes = np.full(count, _START, dtype=np.uint64)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is meant
        for offset in range(width):
            hashes = hashes * _FACTOR + words[offset : offset + count]
        hashes ^= hashes >> np.uint64(33)
        hashes *= _MIX_1
        hashes ^= hashes >> np.uint64(33)
        hashes *= _MIX_2
        hashes ^= hashes >> np.uint64(33)
    return _distinct(np.sort((hashes >> np.uint64(32)).astype(np.uint32)))


def _distinct(values: np.ndarray) -> np.ndarray:
    """Return a sorted array without its repeats (``numpy.unique`` costs several times more on small arrays)."""
    keep = np.empty(len(values), dtype=bool)
    keep[:1] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def compact(hashes) -> array:
    """Return the shingles as an array of 32-bit integers: 4 bytes each, where a set of ints takes ~70.

    What the deduplicator remembers of every article in its dates: at 450 shingles per
    article, 1.8 KB instead of 32 KB (a 6,500-record import held 250 MB of sets).
    """
    if isinstance(hashes, np.ndarray):
        return array("I", hashes.astype(np.uint32).tobytes())
    return array("I", hashes)


def _sorted_array(hashes) -> np.ndarray:
    """Return distinct shingles (a set, a :func:`compact` array or a numpy array) as a sorted uint32 array."""
    if isinstance(hashes, np.ndarray):
        values = hashes.astype(np.uint32, copy=False)
    elif isinstance(hashes, array):
        values = np.frombuffer(hashes, dtype=f"u{hashes.itemsize}").astype(np.uint32, copy=False)
    else:
        values = np.fromiter(hashes, dtype=np.uint32, count=len(hashes))
    return _distinct(np.sort(values))


def containment(a, b) -> float:
    """Return ``|a ∩ b| / min(|a|, |b|)``: 1.0 when one is inside the other."""
    return overlap(a, b)[0]


def overlap(mine: frozenset, theirs) -> tuple[float, float]:
    """Return ``|mine ∩ theirs|`` as shares of the smaller and of the larger (containment, coverage).

    ``theirs`` may be a set or a :func:`compact` array (of distinct values).
    """
    if not mine or not theirs:
        return 0.0, 0.0
    shared = len(mine.intersection(theirs))
    return shared / min(len(mine), len(theirs)), shared / max(len(mine), len(theirs))


@dataclass
class Verdict:
    """What deduplication decided, and about which stored article (or earlier record)."""

    kind: str
    article_id: int | None = None
    label: str = ""
    similarity: float = 1.0
    status: str = ""  # of the stored article an update would change


class Deduplicator:
    """Remembers what the archive holds around the dates being imported, and what this run took.

    Stored articles are loaded a date window at a time (their fingerprints, URLs,
    slugs and shingles), so checking an article costs no query once its dates
    are loaded: that is what makes a 10,000-file import fast. An exact copy
    stored under a date far away is still caught: by a query in a dry run, and
    by the fingerprint's unique constraint when saving (see ``pipeline``). The
    run's own articles are remembered too, so that a dry run, which stores
    nothing, still reports the second copy of a story as a duplicate.
    """

    def __init__(self, dry_run: bool = False):
        self.dry_run = dry_run
        self.reset()

    def reset(self) -> None:
        """Forget everything remembered; what the database holds is loaded again as needed.

        For when writes this run remembered were rolled back (a batch that could not commit).
        """
        self._fingerprints: dict[str, tuple[int | None, str]] = {}
        self._urls: dict[str, tuple[int | None, str, str]] = {}  # URL key → id, title, status
        self._slugs: set[str] = set()
        self._by_date: dict[date, list[tuple[int | None, str, np.ndarray]]] = {}  # shingles: _sorted_array
        self._blocks: dict[date, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}  # see _block
        self._loaded_dates: set[date] = set()
        self._last: np.ndarray | None = None  # shingles of the article just checked, for remember()

    def check(self, body: str, url: str, published_on: date, hashes=None) -> Verdict:
        """Return the verdict for an article about to be saved; ``hashes`` are its shingles if made
        beforehand (in a worker process of the import: :func:`shingle_array`, or a set or :func:`compact` array)."""
        self._last = None
        self._load_window(published_on)
        fingerprint = content_fingerprint(body)
        seen = self._fingerprints.get(fingerprint)
        if seen:
            return Verdict(EXACT, *seen)
        if self.dry_run:
            stored = Article.objects.filter(fingerprint=fingerprint).order_by().values_list("pk", "title")[:1]
            if stored:
                return Verdict(EXACT, *stored[0])
        key = url_key(url)
        if key:
            by_url = self._urls.get(key)
            if by_url is None:
                by_url = Article.objects.filter(url_key=key).order_by().values_list("pk", "title", "status").first()
            if by_url:
                article_id, label, status = by_url
                return Verdict(UPDATE, article_id, label, status=status)
        mine = self._last = _sorted_array(hashes) if hashes is not None else shingle_array(body)
        best = None
        for article_id, label, score, coverage in self._overlaps(mine, published_on):
            if coverage < MIN_COVERAGE:
                continue  # one is a small part of the other: a brief and its story, not two copies
            if score >= NEAR_DUPLICATE_THRESHOLD and (best is None or score > best.similarity):
                best = Verdict(NEAR, article_id, label, score)
        return best or Verdict(NEW)

    def _overlaps(self, mine, day: date):
        """Yield ``(id, label, containment, coverage)`` of every article in the window around ``day`` that
        shares a shingle with ``mine`` (distinct shingles): :func:`overlap` for all of them, a date's
        articles at once."""
        if not len(mine):
            return
        wanted = _sorted_array(mine)
        for d in self._days(day):
            entries = self._by_date.get(d)
            if not entries:
                continue
            hashes, owners, sizes = self._block(d)
            # Where each wanted shingle's run of equal hashes starts and ends in the sorted block (one per
            # stored article that has it), then the owners of every hash in those runs.
            first = np.searchsorted(hashes, wanted, side="left")
            runs = np.searchsorted(hashes, wanted, side="right") - first
            found = runs.nonzero()[0]
            if not len(found):
                continue
            first, runs = first[found], runs[found]
            ends = np.cumsum(runs)
            positions = np.arange(ends[-1]) + np.repeat(first - (ends - runs), runs)
            shared = np.bincount(owners[positions], minlength=len(entries))
            for i in np.flatnonzero(shared):
                article_id, label, _ = entries[i]
                common, size = int(shared[i]), int(sizes[i])
                yield article_id, label, common / min(len(wanted), size), common / max(len(wanted), size)

    def _block(self, day: date) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return the date's shingles sorted, the index of the article of each, and each article's count
        (made again only when the date has gained an article since)."""
        entries = self._by_date[day]
        block = self._blocks.get(day)
        if block is None or len(block[2]) != len(entries):
            sizes = np.fromiter((len(theirs) for _, _, theirs in entries), dtype=np.int64, count=len(entries))
            hashes = np.concatenate([theirs for _, _, theirs in entries])
            owners = np.repeat(np.arange(len(entries)), sizes)
            order = np.argsort(hashes, kind="stable")
            block = self._blocks[day] = (hashes[order], owners[order], sizes)
        return block

    @staticmethod
    def _days(day: date) -> list[date]:
        return [day + timedelta(days=offset) for offset in range(-DATE_WINDOW_DAYS, DATE_WINDOW_DAYS + 1)]

    def stored_copy(self, body: str) -> Verdict | None:
        """Return the exact-duplicate verdict for a body stored under any date, else None (one query)."""
        stored = Article.objects.filter(fingerprint=content_fingerprint(body)).order_by().values_list("pk", "title")
        return Verdict(EXACT, *stored[0]) if stored else None

    def slug_taken(self, slug: str) -> bool:
        """Whether an article of a loaded date already has ``slug`` (slugs start with the date)."""
        return slug in self._slugs

    def remember(
        self, article_id: int | None, label: str, body: str, url: str, published_on: date, slug="", status=""
    ) -> None:
        """Record an article taken by this run (``article_id`` is None in a dry run), stored with ``status``."""
        self._fingerprints[content_fingerprint(body)] = (article_id, label)
        if key := url_key(url):
            self._urls[key] = (article_id, label, status)
        if slug:
            self._slugs.add(slug)
        self._load_window(published_on)  # load the stored neighbours first, so they are not loaded twice
        mine = self._last if self._last is not None else shingle_array(body)
        self._by_date.setdefault(published_on, []).append((article_id, label, mine))
        self._last = None

    def _load_window(self, day: date) -> None:
        """Load the (id, label, shingles) of the stored articles published within the window around ``day``."""
        days = self._days(day)
        missing = [d for d in days if d not in self._loaded_dates]
        if missing:
            rows = (
                Article.objects.filter(published_on__in=missing)
                .order_by()
                .values_list("pk", "title", "body", "published_on", "fingerprint", "url_key", "slug", "status")
            )
            for article_id, title, body, published_on, fingerprint, key, slug, status in rows:
                self._by_date.setdefault(published_on, []).append((article_id, title, shingle_array(body)))
                self._fingerprints[fingerprint] = (article_id, title)
                if key:
                    self._urls[key] = (article_id, title, status)
                self._slugs.add(slug)
            self._loaded_dates.update(missing)
