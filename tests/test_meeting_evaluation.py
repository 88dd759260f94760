"""The meeting proposer's acceptance floor, on hand-written articles through the real import steps.

Two sets (tests/data/meetings): ``dev``, used while writing the proposer, and
``heldout``, nine batches of ten written blind (before the proposer, or after it
but before it ever read them) and scored once before any change they suggested.
For all the articles and for each set, each figure must stay at or above
:data:`FLOOR`; a mentioned person as a participant and an announced meeting
recorded as held are tolerated zero times. The blind batches ``blind-a``, ``blind-b``
and ``blind-c`` (scored blind once, then fixed: no longer blind) keep the same floor
each. ``blind-d`` and ``blind-e`` keep their figures after their fixes as their floors, some under 90 %:
the figures they are below are issue 13's open work. ``blind-f`` keeps its first (blind) scoring as
its floor. Run with ``-s`` to see the figures.
"""

from datetime import date

import pytest

from meetings.propose.proposals import MeetingProposal, ParticipantProposal, PlaceProposal
from tests.meeting_eval import Article, _pairing, read_set, score

FLOOR = 0.90
FIGURES = [
    "meetings found",
    "right people",
    "right date",
    "right place (where stated)",
    "right mode",
    "agreements found",
]
ZERO_TOLERANCE = ["mentioned person as participant", "announced meeting as held"]
BATCHES = ["blind-a", "blind-b", "blind-c"]
# blind-d after its fixes and the general ones of blind-e (not blind; tests/data/meetings/README.md), rounded down:
# a regression floor. Found 56/61, people 51/59, date 54/59 (53/53 of 61 found before, 54 of the 59 now), place
# 39/46, mode 58/59, agreements 22/23.
BLIND_D_FLOORS = {
    "meetings found": 0.91,
    "right people": 0.86,
    "right date": 0.91,
    "right place (where stated)": 0.84,
    "right mode": 0.98,
    "agreements found": 0.95,
}


@pytest.fixture(scope="module")
def articles():
    return {"dev": read_set("dev"), "heldout": read_set("heldout")}


@pytest.fixture(scope="module")
def results(articles):
    return {
        "all": score(articles["dev"] + articles["heldout"]),
        "dev": score(articles["dev"]),
        "heldout": score(articles["heldout"]),
    }


def test_figures_are_printed(results, articles):
    for name, result in results.items():
        print(f"\n{name} set:\n" + "\n".join(result.lines()))
        if result.misses:
            print("misses:\n  " + "\n  ".join(result.misses))
    assert len(articles["dev"]) + len(articles["heldout"]) >= 40
    assert len(articles["heldout"]) >= 90


@pytest.mark.parametrize("figure", FIGURES)
def test_floor_over_all_articles(results, figure):
    assert results["all"].ratio(figure) >= FLOOR, results["all"].misses


@pytest.mark.parametrize("figure", FIGURES)
def test_floor_of_the_development_set(results, figure):
    assert results["dev"].ratio(figure) >= FLOOR, results["dev"].misses


@pytest.mark.parametrize("figure", FIGURES)
def test_floor_of_the_heldout_set(results, figure):
    assert results["heldout"].ratio(figure) >= FLOOR, results["heldout"].misses


@pytest.mark.parametrize("error", ZERO_TOLERANCE)
def test_errors_tolerated_zero_times(results, error):
    assert results["all"].violations[error] == []


@pytest.fixture(scope="module")
def batches():
    return {name: score(read_set(name)) for name in BATCHES}


@pytest.mark.parametrize("batch", BATCHES)
@pytest.mark.parametrize("figure", FIGURES)
def test_floor_of_each_blind_batch_after_its_fixes(batches, batch, figure):
    assert batches[batch].ratio(figure) >= FLOOR, batches[batch].misses


@pytest.mark.parametrize("batch", BATCHES)
@pytest.mark.parametrize("error", ZERO_TOLERANCE)
def test_errors_tolerated_zero_times_in_the_blind_batches(batches, batch, error):
    assert batches[batch].violations[error] == []


# blind-e after its general fixes (not blind; tests/data/meetings/README.md), rounded down: a regression floor.
# Found 65/73, people 61/66, date 63/66, place 43/49, mode 63/66, agreements 28/31 (first scoring: 47/73, 38/47,
# 42/47, 22/34, 44/47, 17/31).
BLIND_E_FLOORS = {
    "meetings found": 0.89,
    "right people": 0.92,
    "right date": 0.95,
    "right place (where stated)": 0.87,
    "right mode": 0.95,
    "agreements found": 0.90,
}
# blind-f at its first (blind) scoring (2026-12-04, proposer of d441613), rounded down: a regression floor.
BLIND_F_FLOORS = {
    "meetings found": 0.61,
    "right people": 0.86,
    "right date": 0.97,
    "right place (where stated)": 0.80,
    "right mode": 0.91,
    "agreements found": 0.68,
}
# The batches under 90 %, each with its own floors.
FLOORED_BATCHES = {"blind-d": BLIND_D_FLOORS, "blind-e": BLIND_E_FLOORS, "blind-f": BLIND_F_FLOORS}


@pytest.fixture(scope="module")
def floored():
    return {name: score(read_set(name)) for name in FLOORED_BATCHES}


@pytest.mark.parametrize("batch", FLOORED_BATCHES)
@pytest.mark.parametrize("figure", FIGURES)
def test_floor_of_each_batch_under_ninety_percent(floored, batch, figure):
    assert floored[batch].ratio(figure) >= FLOORED_BATCHES[batch][figure], floored[batch].misses


@pytest.mark.parametrize("batch", FLOORED_BATCHES)
@pytest.mark.parametrize("error", ZERO_TOLERANCE)
def test_errors_tolerated_zero_times_in_the_batches_under_ninety_percent(floored, batch, error):
    assert floored[batch].violations[error] == []


def test_a_proposal_is_paired_with_the_expected_meeting_it_fits():
    # One proposal, the speakers' held talks in January; the article also announces a visit in May, not proposed.
    held = MeetingProposal(
        start=date(2025, 1, 1), precision="month", end=None, date_from_publication=False,
        place=PlaceProposal("Tehran", country="IR"), mode="visit", format="", protocol_level="", status="held",
        relation="background", agreements=(), evidence=(),
        participants=(ParticipantProposal("Qalibaf", 41, "host"), ParticipantProposal("Gafarova", 42, "visitor")),
    )  # fmt: skip
    people = ["mohammad-bagher-ghalibaf", "sahiba-gafarova"]
    planned = {"people": people, "date": "2025-05-12", "status": "planned"}
    background = {"people": people, "date": "2025-01", "status": "held"}
    article = Article("a", "", date(2025, 5, 10), [held], {"meetings": [planned, background]})
    assert _pairing(article) == [(planned, None), (background, held)]
