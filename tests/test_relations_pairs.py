"""One pair's record and the list of pairs, from public meetings and their participants' countries only."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Article, Country, Person
from meetings.models import Review
from meetings.vocabulary import Format, Mode
from relations.levels import Level
from relations.listing import counterparts, pair_summaries
from relations.pairs import look_up_pair, pair_record
from tests.factories import make_article, make_person
from tests.relations_factories import make_meeting

pytestmark = pytest.mark.django_db


def record(first="AZ", second="IR"):
    return pair_record(Country.objects.get(code=first), Country.objects.get(code=second))


def test_the_seeds_pair_has_the_two_2019_meetings_their_protocol_and_officials(seeds):
    pair = record()
    assert (pair.total, pair.reviewed, pair.years) == (2, 2, [2019])
    assert [m.pk for m in pair.latest] == [2, 1]
    assert pair.latest[1].names == ["Zakir Hasanov", "Mohammad Bagheri"]
    assert [(s.key, dict(s.by_year), s.from_titles) for s in pair.levels] == [("minister", {2019: 2}, 0)]
    assert [(s.key, s.total) for s in pair.modes] == [("to_first", 2)]  # Iran's officials came to Baku
    [protocol] = pair.agreements
    assert (protocol.date, protocol.kind, protocol.meeting_pk) == (datetime.date(2019, 1, 16), "protocol", 1)
    assert protocol.title == "a protocol on the results of the meeting"
    azerbaijan, iran = pair.sides
    assert [(o.name, o.meetings, list(o.offices)) for o in azerbaijan.officials] == [
        ("Zakir Hasanov", 2, ["minister-of-defense-of-azerbaijan"])
    ]
    assert [(o.name, o.meetings) for o in iran.officials] == [("Javad Jahangirzadeh", 1), ("Mohammad Bagheri", 1)]


def test_a_country_only_mentioned_is_never_a_counterpart(seeds):
    mentioned = set(Article.countries.through.objects.values_list("country_id", flat=True))
    assert "AM" in mentioned  # the seeds name Armenia
    # A meeting reported by an article naming Türkiye too, with a guest of no recorded country.
    article_about_turkey = make_article(countries=["AZ", "TR"])
    meeting = make_meeting(
        "2020-02-02", ("Guest", None, "Observer"), (Person.objects.get(slug="zakir-hasanov"), "AZ", "")
    )
    meeting.reports.create(article=article_about_turkey)
    assert [(p.first, p.second) for p in pair_summaries()] == [("AZ", "IR")]
    years, found = counterparts(Country.objects.get(code="AZ"))
    assert [c.code for c in found] == ["IR"] and years == [2019]
    assert record("AM", "AZ").total == 0 and record("AZ", "TR").total == 0


def test_only_public_meetings_count(seeds):
    iranian = make_person("Iranian Guest")
    make_meeting("2021-01-01", ("A", "AZ", ""), (iranian, "IR", ""), review=Review.REJECTED)
    make_meeting("2021-02-01", ("A", "AZ", ""), (iranian, "IR", ""), status=Article.Status.DRAFT)
    make_meeting("2021-03-01", ("A", "AZ", ""), (iranian, "IR", ""), review=Review.PROPOSED)
    pair = record()
    assert (pair.total, pair.reviewed, pair.years) == (3, 2, [2019, 2020, 2021])
    assert pair_summaries()[0].meetings == 3 and pair_summaries()[0].reviewed == 2


def test_levels_from_titles_are_marked_and_commissions_counted_apart(seeds):
    make_meeting("2022-01-10", ("Masoud Pezeshkian", "IR", "President of Iran"), ("Envoy", "AZ", "Ambassador"))
    hasanov = Person.objects.get(slug="zakir-hasanov")
    make_meeting("2022-02-10", (hasanov, "AZ", "Defense Minister"), ("Aide", "IR", "Adviser"))
    make_meeting("2022-03-10", ("Co-chair", "AZ", "Deputy Prime Minister"), ("Co-chair", "IR", "Minister of Roads"),
                 format=Format.COMMISSION)  # fmt: skip
    make_meeting("2022-04-10", ("Someone", "AZ", ""), ("Someone else", "IR", ""))
    pair = record()
    levels = {s.key: (s.by_year[2022], s.from_titles) for s in pair.levels}
    assert levels[Level.HEAD] == (1, 1)  # read from "President of Iran": no office on record
    assert levels[Level.WORKING_GROUP] == (1, 0)
    assert levels[Level.OTHER] == (1, 0)
    # Hasanov's tenure is evidenced by the 2019 reports only (no dates): in 2022 his title says minister.
    assert levels[Level.MINISTER] == (1, 1)
    assert pair.from_titles == 2
    newest = pair.latest[0]
    assert newest.level.level == Level.OTHER and not newest.level.from_titles
    head = next(m for m in pair.latest if m.start == datetime.date(2022, 1, 10))
    assert head.level.from_titles and head.level.label == "Heads of state or government"


def test_modes_are_read_from_the_place_country(seeds):
    guest = make_person("Guest")
    people = (("Host", "AZ", ""), (guest, "IR", ""))
    make_meeting("2023-01-01", *people, place="IR")
    make_meeting("2023-02-01", *people, place="RU", mode=Mode.THIRD_PARTY)
    make_meeting("2023-03-01", *people, place=None)
    make_meeting("2023-04-01", *people, place="AZ", mode=Mode.REMOTE)
    modes = {s.key: s.total for s in record().modes}
    assert modes == {"to_second": 1, "to_first": 2, "third": 1, "unplaced": 1, "remote": 1}


def test_agreements_count_when_both_are_parties_or_no_party_is_recorded(seeds):
    meeting = make_meeting("2024-05-05", ("A", "AZ", ""), ("B", "IR", ""), ("C", "RU", ""), mode=Mode.MULTILATERAL)
    with_russia = meeting.agreements.create(kind="memorandum", title="Memorandum with Russia only")
    with_russia.parties.set(["AZ", "RU"])
    meeting.agreements.create(kind="joint_statement", title="Joint statement")
    titles = [a.title for a in record().agreements]
    assert titles == ["a protocol on the results of the meeting", "Joint statement"]
    assert [(p.first, p.second) for p in pair_summaries()] == [("AZ", "IR"), ("AZ", "RU"), ("IR", "RU")]


def test_the_record_costs_the_same_queries_for_few_and_many_meetings(seeds):
    azerbaijan, iran = Country.objects.get(code="AZ"), Country.objects.get(code="IR")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert pair_record(azerbaijan, iran).total
        return len(captured)

    few = queries()
    for n in range(40):
        guest = make_person(f"Guest {n}", country=iran)
        make_meeting(datetime.date(2000 + n % 27, 1, 1 + n % 28), ("Host", "AZ", "Deputy Defense Minister"),
                     (guest, "IR", "Ambassador of Iran"), place=["AZ", "IR", "TR", "GE"][n % 4])  # fmt: skip
    many = queries()
    # Meetings, participants, reports, offices held (3), agreements (2); with titles to read and third
    # countries to name, the country words and those names (once each).
    assert (few, many) == (8, 10)
    assert record().total == 42


def test_a_pair_is_looked_up_in_any_order_and_case(seeds):
    assert look_up_pair("ir-az").code == "AZ-IR"
    assert look_up_pair("AZ-IR").first.code == "AZ"
    assert "twice" in look_up_pair("az-AZ").problem
    assert "ZZ" in look_up_pair("AZ-ZZ").problem
    assert "two ISO codes" in look_up_pair("AZE-IR").problem
    assert "two ISO codes" in look_up_pair("<script>").problem
