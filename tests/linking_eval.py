"""Scoring linking against the hand-written cases in tests/data/linking/ (used by the test and by hand).

``python tests/linking_eval.py`` prints the scores and every miss; the test keeps the floors.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

CASES = Path(__file__).parent / "data" / "linking"


@dataclass
class Scores:
    expected: int = 0  # suggestions the cases expect
    found: int = 0  # of those, named by the import
    titles: int = 0  # of those found, with the title as written in the case
    countries: int = 0  # of those found, with the country guessed right
    extra: int = 0  # suggestions the cases do not expect (noise)
    linked_expected: int = 0
    linked_found: int = 0
    countries_expected: int = 0
    countries_found: int = 0
    misses: list[str] = field(default_factory=list)

    def rate(self, part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    def lines(self) -> list[str]:
        """Return the scores as text, then every miss."""
        return [
            f"suggestions found {self.found}/{self.expected} ({self.rate(self.found, self.expected):.0%}), "
            f"titles {self.titles}/{self.found}, countries guessed {self.countries}/{self.found}, "
            f"unexpected suggestions {self.extra}; known officials linked {self.linked_found}/{self.linked_expected}; "
            f"countries linked {self.countries_found}/{self.countries_expected}",
            *self.misses,
        ]


def score() -> Scores:
    """Link every case with the database's gazetteer and compare with expected.json."""
    from archive.ingest.linking import Gazetteer, link
    from archive.ingest.read import InputFile, read_text
    from archive.models import Person

    expected = {k: v for k, v in json.loads((CASES / "expected.json").read_text()).items() if not k.startswith("_")}
    gazetteer = Gazetteer.from_database()
    slugs = dict(Person.objects.values_list("pk", "slug"))
    scores = Scores()
    for name, case in sorted(expected.items()):
        body = _body(read_text(InputFile.from_path(CASES / name)))
        links = link(body, gazetteer)
        got = {s.name: s for s in links.suggestions}
        for person, title, country in case["suggested"]:
            scores.expected += 1
            found = got.pop(person, None)
            if found is None:
                scores.misses.append(f"{name}: not suggested: {person}")
                continue
            scores.found += 1
            if found.title == title:
                scores.titles += 1
            else:
                scores.misses.append(f"{name}: {person}: title {found.title!r}, expected {title!r}")
            if (found.country or "") == country:
                scores.countries += 1
            else:
                scores.misses.append(f"{name}: {person}: country {found.country!r}, expected {country!r}")
        scores.extra += len(got)
        scores.misses += [f"{name}: unexpected suggestion {s.name!r} ({s.title!r})" for s in got.values()]
        linked = {slugs[p.person_id] for p in links.people}
        scores.linked_expected += len(case["linked"])
        scores.linked_found += len(linked & set(case["linked"]))
        scores.misses += [f"{name}: not linked: {slug}" for slug in set(case["linked"]) - linked]
        scores.countries_expected += len(case["countries"])
        scores.countries_found += len(set(links.countries) & set(case["countries"]))
        scores.misses += [f"{name}: country not linked: {c}" for c in set(case["countries"]) - set(links.countries)]
    return scores


def _body(text_file) -> str:
    """Return the article text of a seed-format file, as the import's parser reads it."""
    from archive.ingest import formats

    context = formats.ParseContext(known_sources={})
    (draft,) = [d for d in formats.parse(text_file, context) if hasattr(d, "body")]
    return draft.body


if __name__ == "__main__":
    import os
    import sys

    import django

    sys.path.insert(0, os.environ.get("PARLEY_ROOT") or str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    print("\n".join(score().lines()))
