"""The agreements tracker's query object: :class:`AgreementSearch`, beside MeetingSearch (query/search.py).

Agreements are indexed as a kind of record of their own (index/search_indexes.py), so the
tracker is a search like the others: the same parsing, budget, facets with disjunctive
counts, histogram and pagination, and the same object behind the page, the API, the
exports and the feed. Each hit is an agreement of a public meeting, with the meeting (its
participants, reports and the offices held on its date) loaded for display.
"""

import dataclasses

from index import budget
from index.budget import SearchTooCostly
from meetings.models import Agreement
from query import bulk
from query.forms import AgreementSearchForm
from query.histogram import Histogram
from query.search import Hit, Search
from query.snippets import snippet


class AgreementSearch(Search):
    """A search of the agreements signed at public meetings (proposed meetings' agreements say so)."""

    form_class = AgreementSearchForm

    def _hits(self, results) -> list[Hit]:
        budget.check()
        agreements = Agreement.objects.public().for_display().in_bulk([int(r.pk) for r in results])
        terms = self.form.parsed_query.terms
        return [
            Hit(
                article=None,
                agreement=agreements[int(r.pk)],
                meeting=agreements[int(r.pk)].meeting,
                score=r.score,
                snippet=snippet(agreements[int(r.pk)].sentence, terms),
            )
            for r in results
            if int(r.pk) in agreements  # an agreement whose meeting is no longer public is not shown
        ]

    def _role_facet(self) -> None:
        return None

    def _histogram(self, main_counts) -> Histogram | None:
        histogram = super()._histogram(main_counts)
        return dataclasses.replace(histogram, noun="Agreements") if histogram is not None else None

    def articles(self, limit: int | None = None):
        raise TypeError("an agreement search yields agreements: use agreements()")

    def agreements(self, limit: int | None = None):
        """Yield, chunk by chunk, every matching agreement (or the first ``limit``), in order; a search past
        its budget raises :class:`SearchTooCostly` here, before anything is sent."""
        if self.refused:
            raise SearchTooCostly(self.refused)
        return bulk.search_agreements(self.form, limit=limit)

    def records(self, limit: int | None = None):
        return self.agreements(limit)
