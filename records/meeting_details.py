"""What a meeting page shows besides the record: its reports, and where they disagree."""

from meetings.models import Meeting


def meeting_details(meeting: Meeting) -> dict:
    """Return the page's ``reports`` (published only) and ``disagreements`` between them.

    A disagreement is a date or a place that one report asserts and another contradicts:
    shown, not hidden, so that a reader can judge which outlet to trust.
    """
    reports = meeting.published_reports()
    dates = {r.asserted_date for r in reports if r.asserted_date}
    places = {r.asserted_city for r in reports if r.asserted_city}
    disagreements = []
    if len(dates) > 1:
        disagreements.append("The reports give different dates: " + ", ".join(f"{d:%Y-%m-%d}" for d in sorted(dates)))
    if len(places) > 1:
        disagreements.append("The reports give different places: " + ", ".join(sorted(places)))
    return {"reports": reports, "disagreements": disagreements}
