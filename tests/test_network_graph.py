"""Who met whom as a network: counted over public meetings, capped, two queries."""

import datetime

import pytest

from archive.models import Article, Country, Person
from meetings.models import Meeting, Review
from network.graph import counterpart_network, official_network, pair_network
from tests.factories import make_person
from tests.network_helpers import guests, meet

pytestmark = pytest.mark.django_db


def hasanov() -> Person:
    return Person.objects.get(slug="zakir-hasanov")


def test_the_seed_official_at_the_centre_with_whom_he_met(seeds):
    network = official_network(hasanov())
    assert [(n.slug, n.centre, n.meetings) for n in network.nodes] == [
        ("zakir-hasanov", True, 2),
        ("javad-jahangirzadeh", False, 1),
        ("mohammad-bagheri", False, 1),
    ]
    assert {(e.source, e.target, e.meetings, str(e.first)) for e in network.edges} == {
        ("zakir-hasanov", "mohammad-bagheri", 1, "2019-01-16"),
        ("zakir-hasanov", "javad-jahangirzadeh", 1, "2019-07-18"),
    }
    # Heydar Aliyev is only mentioned in an article: never at the table, never in the network.
    assert "heydar-aliyev" not in {n.slug for n in network.nodes}
    assert network.node("mohammad-bagheri").url == "/officials/mohammad-bagheri/"


def test_only_public_meetings_count(seeds):
    bagheri = Person.objects.get(slug="mohammad-bagheri")
    meet(hasanov(), bagheri, review=Review.REJECTED)
    meet(hasanov(), bagheri, status=Article.Status.WITHDRAWN)
    meet(hasanov(), bagheri, review=Review.PROPOSED, on=datetime.date(2022, 2, 2))
    edge = next(e for e in official_network(hasanov()).edges if e.target == "mohammad-bagheri")
    assert (edge.meetings, str(edge.first), str(edge.last)) == (2, "2019-01-16", "2022-02-02")


def test_counterparts_who_met_each_other_there_are_linked_too(seeds):
    bagheri, guest = Person.objects.get(slug="mohammad-bagheri"), guests(1)[0]
    meet(hasanov(), bagheri, guest)
    meet(bagheri, guest)  # without Hasanov: not one of his meetings, not counted here
    edges = {(e.source, e.target): e.meetings for e in official_network(hasanov()).edges}
    assert edges[("mohammad-bagheri", "guest-00")] == 1 and edges[("zakir-hasanov", "mohammad-bagheri")] == 2


def test_forty_most_frequent_counterparts_are_drawn_and_the_rest_counted(seeds, django_assert_max_num_queries):
    many = guests(45)
    for n, guest in enumerate(many):
        for day in range(1 + n // 10):  # later guests met him more often
            meet(hasanov(), guest, on=datetime.date(2020, 1, 1) + datetime.timedelta(days=day))
    centre = hasanov()
    with django_assert_max_num_queries(2):  # the meetings' participants, then the people drawn
        network = official_network(centre)
    assert len(network.nodes) == 41 and network.hidden == 7
    assert [n.meetings for n in network.nodes[1:6]] == [5] * 5 and network.nodes[1].slug == "guest-40"
    drawn = {n.slug for n in network.nodes}
    assert "mohammad-bagheri" not in drawn and "guest-09" not in drawn and "guest-04" in drawn  # ties: latest first
    assert all(e.source in drawn and e.target in drawn for e in network.edges)


def test_a_pair_network_joins_only_people_of_the_two_countries(seeds):
    azerbaijan = Country.objects.get(code="AZ")
    colleague = make_person("Kamran Aliyev", country=azerbaijan)
    bagheri = Person.objects.get(slug="mohammad-bagheri")
    meet(hasanov(), colleague, bagheri)
    turk = make_person("Hulusi Akar", country=Country.objects.get(code="TR"))
    meet(hasanov(), turk)
    network = pair_network("ir", "az")
    assert {(e.source, e.target, e.meetings) for e in network.edges} == {
        ("zakir-hasanov", "mohammad-bagheri", 2),
        ("zakir-hasanov", "javad-jahangirzadeh", 1),
        ("mohammad-bagheri", "kamran-aliyev", 1),
    }
    assert "hulusi-akar" not in {n.slug for n in network.nodes}
    assert network.centre is None and network.hidden == 0


def test_no_meeting_no_network(seeds):
    loner = make_person("Nobody Met", country=Country.objects.get(code="AZ"))
    assert official_network(loner).nodes == [] and pair_network("AZ", "FR").edges == []
    assert counterpart_network(Meeting.objects.none()).nodes == []
