"""What waits for curators: the review queues the admin's home page links to, with their counts."""

from dataclasses import dataclass

from django.urls import reverse

from archive.models import ArticleRevision, Suggestion
from meetings.models import Meeting, Review
from offices.models import TenureSuggestion


@dataclass(frozen=True)
class Queue:
    """One review queue: what it holds, how many items wait, and the admin list of those waiting."""

    label: str
    waiting: int
    url: str
    explanation: str


def _queue(label, queryset, route, query, explanation) -> Queue:
    return Queue(label, queryset.count(), reverse(route) + query, explanation)


def review_queues(user) -> list[Queue]:
    """Return the review queues ``user`` may see, in the order a curator works through them."""
    wanted = [
        (
            "archive.view_suggestion",
            lambda: _queue(
                "Suggested officials",
                Suggestion.objects.filter(status=Suggestion.Status.PENDING),
                "admin:archive_suggestion_changelist",
                "",
                "names the import found after a rank or office",
            ),
        ),
        (
            "archive.view_articlerevision",
            lambda: _queue(
                "Article revisions",
                ArticleRevision.objects.filter(status=ArticleRevision.Status.PENDING),
                "admin:archive_articlerevision_changelist",
                "",
                "new texts of published articles",
            ),
        ),
        (
            "offices.view_tenuresuggestion",
            lambda: _queue(
                "Tenure suggestions",
                TenureSuggestion.objects.filter(status=TenureSuggestion.Status.PROPOSED),
                "admin:offices_tenuresuggestion_changelist",
                "",
                "titles as reported that no recorded tenure covers",
            ),
        ),
        (
            "meetings.view_meeting",
            lambda: _queue(
                "Meetings desk",
                Meeting.objects.filter(review=Review.PROPOSED),
                "admin:meetings_meeting_changelist",
                "?review__exact=proposed",
                "meetings proposed by the import",
            ),
        ),
    ]
    return [make() for permission, make in wanted if user.has_perm(permission)]


def can_import(user) -> bool:
    """Whether ``user`` may import files (the import adds articles)."""
    return user.has_perm("archive.add_article")
