"""Offices and meetings for the synthetic corpus: ``python bench/synthetic_records.py [--seed N]``.

Run after ``manage.py generate_corpus`` on the same data folder (bench/run.py does):
positions and tenures first (bench/synthetic_offices.py), then the meetings of the
corpus's stories, whose participants hold those offices (bench/synthetic_meetings.py).
Prints one JSON line with the rows written and the seconds taken. Refuses to run
twice on one archive (the synthetic positions are there already).
"""

import argparse
import dataclasses
import time

from common import emit, setup_django


def generate(seed: int) -> dict:
    """Write the offices, then the meetings; return the counts and seconds of each."""
    from archive.synthetic import SLUG_PREFIX
    from bench.synthetic_meetings import generate_meetings
    from bench.synthetic_offices import generate_offices
    from offices.models import Position

    if Position.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        raise SystemExit("This archive has its synthetic offices and meetings already.")
    started = time.monotonic()
    offices = generate_offices(seed)
    offices_done = time.monotonic()
    meetings = generate_meetings(seed)
    finished = time.monotonic()
    return {
        "offices": dataclasses.asdict(offices),
        "offices_seconds": round(offices_done - started, 1),
        "meetings": dataclasses.asdict(meetings),
        "meetings_seconds": round(finished - offices_done, 1),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    setup_django()
    emit(generate(arguments.seed))
