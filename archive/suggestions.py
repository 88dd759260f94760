"""What a curator needs beside a suggestion: the sentence it came from, and existing people with a near name.

Near names are compared folded (case, accents, Azerbaijani letters) with difflib's
ratio, on every person's name and aliases: "Amir Hatami" finds "Amir Hatamy" and
"Brig. Gen. Amir Hatami"; a shared surname alone ("Aliyev") is not enough.
"""

import difflib
from dataclasses import dataclass

from django.db.models import Count

from archive.ingest.folding import FoldedText
from archive.ingest.roles import Sentences
from archive.models import Person, PersonAlias
from archive.text import collapse_whitespace, fold

# difflib's ratio from which a name counts as near: "hatami" / "hatamy" is 0.92, "aliyev" / "hasanov" 0.46.
NEAR = 0.8
MAX_SENTENCE = 600


@dataclass(frozen=True)
class SourceSentence:
    """The sentence of the article that names the suggestion, split around the name (for marking it)."""

    before: str
    name: str
    after: str

    def __str__(self):
        return f"{self.before}{self.name}{self.after}"


@dataclass(frozen=True)
class NearPerson:
    """An existing person whose name or alias is near the suggested one."""

    person: Person
    matched: str  # the name or alias that is near
    ratio: float
    articles: int


def source_sentence(body: str, name: str) -> SourceSentence | None:
    """Return the first sentence of ``body`` that names ``name`` (folded), or None when it is not there."""
    text = FoldedText(body)
    at = text.folded.find(fold(name)) if name else -1
    if at < 0:
        return None
    start, end = text.original_span(at, at + len(fold(name)))
    first, last = Sentences(body).around(start)
    before, after = body[first:start], body[end:last]
    if len(before) + len(after) > MAX_SENTENCE:  # a "sentence" without full stops: keep the neighbourhood
        before, after = "…" + before[-MAX_SENTENCE // 2 :], after[: MAX_SENTENCE // 2] + "…"
    return SourceSentence(collapse_whitespace(before) + " ", body[start:end], " " + collapse_whitespace(after))


def _ratio(a: str, b: str) -> float:
    """Return how near two folded names are: the better of the whole names and their last words."""
    whole = difflib.SequenceMatcher(None, a, b).ratio()
    a_words, b_words = a.split(), b.split()
    if len(a_words) < 2 or len(b_words) < 2:
        return whole
    # "Amir Hatami" and "Brigadier General Amir Hatami": the shorter name inside the longer one.
    shorter, longer = sorted((a_words, b_words), key=len)
    inside = " ".join(longer[-len(shorter) :])
    return max(whole, difflib.SequenceMatcher(None, " ".join(shorter), inside).ratio())


def near_people(name: str, limit: int = 5, exclude=()) -> list[NearPerson]:
    """Return up to ``limit`` existing people whose name or an alias is near ``name``, nearest first."""
    wanted = fold(collapse_whitespace(name))
    if not wanted:
        return []
    names = list(Person.objects.exclude(pk__in=exclude).values_list("pk", "name"))
    names += list(PersonAlias.objects.exclude(person_id__in=exclude).values_list("person_id", "name"))
    best: dict[int, tuple[float, str]] = {}
    for person_id, candidate in names:
        folded = fold(candidate)
        # Cheap before exact: names of very different length are never near.
        if difflib.SequenceMatcher(None, wanted, folded).real_quick_ratio() < NEAR / 2:
            continue
        ratio = _ratio(wanted, folded)
        if ratio >= NEAR and ratio > best.get(person_id, (0.0, ""))[0]:
            best[person_id] = (ratio, candidate)
    chosen = sorted(best.items(), key=lambda item: -item[1][0])[:limit]
    people = Person.objects.in_bulk([pk for pk, _ in chosen])
    counts = _article_counts(people)
    return [NearPerson(people[pk], matched, round(ratio, 2), counts.get(pk, 0)) for pk, (ratio, matched) in chosen]


def _article_counts(people) -> dict[int, int]:
    """Return ``{person id: number of articles}`` for ``people``."""
    rows = Person.objects.filter(pk__in=list(people)).annotate(total=Count("participations")).values_list("pk", "total")
    return dict(rows)
