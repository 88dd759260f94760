"""The import's meeting step: proposals recorded, a second outlet's report matched, nothing created but proposals."""

from pathlib import Path

import pytest

from archive.ingest.pipeline import ImportOptions, run_import
from archive.management.commands.import_articles import input_files
from archive.models import Person
from meetings.models import Meeting, Review
from meetings.vocabulary import Status

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data" / "meetings" / "import"


@pytest.fixture
def archive_without_meetings(seeds):
    Meeting.objects.all().delete()


def test_two_outlets_reporting_one_meeting_make_one_proposal_with_two_reports(archive_without_meetings):
    files = input_files([str(DATA / "01_trend.txt"), str(DATA / "02_irna.txt")])
    report = run_import(files, ImportOptions(publish=True))
    assert report.ok, report.lines()
    (meeting,) = Meeting.objects.exclude(reports__article__slug__startswith="2019-01-16-hasanov-meets")
    assert meeting.review == Review.PROPOSED  # the machine proposes; a curator confirms
    assert meeting.status == Status.HELD and meeting.mode == "visit" and meeting.city == "Baku"
    assert str(meeting.start) == "2019-01-16"
    assert meeting.reports.count() == 2 and meeting.independent_outlets == 2
    sides = {p.person.slug: p.side for p in meeting.participants.all()}
    assert sides == {"zakir-hasanov": "host", "mohammad-bagheri": "visitor"}
    assert meeting.agreements.get().kind == "protocol"
    lines = "\n".join(report.lines())
    assert f"proposed meeting {meeting.pk}" in lines and f"matched meeting {meeting.pk}" in lines


def test_an_announced_visit_is_never_recorded_as_held_and_no_person_is_created(archive_without_meetings):
    people = Person.objects.count()
    report = run_import(input_files([str(DATA / "03_announced.txt")]), ImportOptions(publish=True))
    assert report.ok, report.lines()
    assert not Meeting.objects.filter(status=Status.HELD).exclude(review=Review.REVIEWED).exists()
    assert Person.objects.count() == people  # Amir Hatami stays a suggestion
    for meeting in Meeting.objects.all():
        assert meeting.status == Status.PLANNED
        assert all(p.person_id or p.suggestion_id or p.name for p in meeting.participants.all())


def test_a_side_named_only_by_its_country_is_a_participant_and_its_meeting_is_matched(archive_without_meetings):
    files = input_files([str(DATA / "04_caspian_delegation.txt"), str(DATA / "05_apa_delegation.txt")])
    report = run_import(files, ImportOptions(publish=True))
    assert report.ok, report.lines()
    meeting = Meeting.objects.get(participants__person__slug="zakir-hasanov", start="2019-02-05")
    assert meeting.reports.count() == 2 and meeting.independent_outlets == 2
    iranians = meeting.participants.get(person=None)
    assert (iranians.name, iranians.country_id, iranians.side) == ("", "IR", "visitor")
    assert iranians.display_name == "Iran delegation"
    assert meeting.agreements.get().kind == "plan"


def test_a_dry_run_writes_no_meeting(archive_without_meetings):
    run_import(input_files([str(DATA / "01_trend.txt")]), ImportOptions(publish=True, dry_run=True))
    assert not Meeting.objects.exists()


def test_the_tenure_step_writes_suggestions_when_configured(archive_without_meetings, settings):
    from offices.models import Tenure, TenureSuggestion

    settings.PARLEY_IMPORT_STEPS = ["meetings.recording.MeetingStep", "offices.propose.TenureStep"]
    tenures = Tenure.objects.count()
    report = run_import(input_files([str(DATA / "03_announced.txt")]), ImportOptions(publish=True))
    assert report.ok and TenureSuggestion.objects.exists()
    assert "tenure suggestion" in "\n".join(report.lines())
    assert Tenure.objects.count() == tenures  # suggestions only: a curator makes tenures


def test_among_many_meetings_of_the_same_people_a_report_finds_its_own(archive_without_meetings, tmp_path):
    """The run keeps each person's meetings in date order and compares a proposal with those near it only;
    the rows it writes in plain SQL (participants, report) read back as the ORM would have written them."""
    days = ["2019-03-04", "2019-03-11", "2019-03-18", "2019-05-06", "2019-05-13"]
    text = (
        " date {day} + ↺ − 16 px\n\nAzerbaijani Defense Minister Zakir Hasanov on Monday met with Chief of the General "
        "Staff of Iran Major General Mohammad Bagheri in Baku, the ministry reported.\n\nThe sides discussed {topic}."
        "\n\n{outlet}\n\n"
    )
    topics = ["border security", "joint exercises", "military education", "naval cooperation", "military medicine"]
    for number, (day, topic) in enumerate(zip(days, topics, strict=True)):
        (tmp_path / f"{number}.txt").write_text(text.format(day=day, topic=topic, outlet="News.Az"), encoding="utf-8")
    again = (
        " date 2019-05-13 By Sara Rajabova\n\nIran's top general Mohammad Bagheri, on a visit to Azerbaijan, held "
        "talks with Defense Minister Zakir Hasanov in Baku on Monday.\n\nThe two generals reviewed the state of "
        "military education and agreed that cadets of both countries would train together from the autumn.\n\nTrend\n\n"
    )
    (tmp_path / "again.txt").write_text(again, encoding="utf-8")
    paths = [str(tmp_path / f"{n}.txt") for n in range(5)] + [str(tmp_path / "again.txt")]
    report = run_import(input_files(paths), ImportOptions(publish=True))
    assert report.ok, report.lines()
    meetings = Meeting.objects.filter(participants__person__slug="zakir-hasanov").order_by("start")
    assert [str(m.start) for m in meetings] == days
    again = meetings.get(start="2019-05-13")
    assert again.reports.count() == 2, report.lines()
    first = again.reports.order_by("pk").first()
    assert (first.relation, str(first.asserted_date), first.asserted_precision) == ("primary", "2019-05-13", "day")
    assert (first.asserted_city, first.asserted_country_id, first.proposed) == ("Baku", "AZ", True)
    body = first.article.body
    assert [body[start:end] for start, end in first.evidence][0].startswith("Azerbaijani Defense Minister Zakir")
    sides = {p.person.slug: (p.side, p.country_id, p.title) for p in again.participants.all()}
    assert sides["zakir-hasanov"] == ("host", "AZ", "Defense Minister")


def test_a_signing_reported_by_several_outlets_is_one_document_of_the_meeting(archive_without_meetings, tmp_path):
    """Each report of a meeting used to add its own copy of the documents signed there (the alerts benchmark's
    import left 1,000 protocols on 5 meetings, and every new report queued all of them for the index)."""
    text = (
        " date 2019-03-05 + ↺ − 16 px\n\nAzerbaijani Defense Minister Zakir Hasanov on Monday met with Chief of the "
        "General Staff of Iran Major General Mohammad Bagheri in Baku, the ministry reported."
        "\n\n{signed}\n\n{outlet}\n\n"
    )
    reports = {
        "News.Az": "The sides signed a protocol on cooperation in military education.",
        "Trend": "After the talks, the two signed a protocol.",
        "APA": "The generals signed a protocol on military education and a memorandum of understanding on "
        "military medicine.",
        "Report": "A memorandum on cooperation in military medicine was signed.",
    }
    for number, (outlet, signed) in enumerate(reports.items()):
        (tmp_path / f"{number}.txt").write_text(text.format(signed=signed, outlet=outlet), encoding="utf-8")
    report = run_import(input_files([str(tmp_path / f"{n}.txt") for n in range(4)]), ImportOptions(publish=True))
    assert report.ok, report.lines()
    meeting = Meeting.objects.get(participants__person__slug="zakir-hasanov", start="2019-03-04")
    assert meeting.reports.count() == 4, report.lines()
    documents = sorted((a.kind, a.title) for a in meeting.agreements.all())
    assert [kind for kind, _ in documents] == ["memorandum", "protocol"], documents


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        (("protocol", "a protocol on military education"), ("protocol", ""), True),
        (("protocol", "a protocol on military education"), ("protocol", "the protocol on education"), True),
        (("memorandum", "MoU on military medicine"), ("memorandum", "memorandum on cooperation in tourism"), False),
        (("memorandum", "memorandum of understanding"), ("memorandum", "memorandum on tourism"), True),
        (("protocol", "a protocol on military education"), ("plan", "a plan on military education"), False),
        (("agreement", "Agreement on Military Cooperation"), ("agreement", "the military cooperation agreement"), True),
    ],
)
def test_two_reports_of_documents_of_one_meeting_are_the_same_document_when_their_titles_agree(first, second, same):
    from meetings.recording import same_document

    assert same_document(*first, *second) is same
