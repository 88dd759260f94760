"""Meetings: who met whom, when, where, in what format, what was signed, and who reported it.

A meeting is one n-ary event (never an edge between two people): its participants
each have a side, its reports join it to the articles that speak of it with the
sentences that say so, and its agreements are what was signed there. The import
*proposes* meetings (``review = proposed``); only a curator makes them *reviewed*.
A merged meeting is kept, pointing at the meeting it went into, so its URL and its
history survive.
"""

from django.db import models
from django.db.models import Q

from archive.models import Article, Country, Person, Suggestion
from meetings.vocabulary import AgreementKind, DatePrecision, Format, Mode, ProtocolLevel, Relation, Side, Status


class Review(models.TextChoices):
    """Who vouches for a meeting record."""

    PROPOSED = "proposed", "proposed (not yet reviewed)"
    REVIEWED = "reviewed", "reviewed by a curator"
    REJECTED = "rejected", "rejected"
    MERGED = "merged", "merged into another meeting"


class MeetingQuerySet(models.QuerySet):
    def public(self):
        """Meetings the public may see: proposed or reviewed, with at least one published report.

        "At least one" is asked per meeting (EXISTS), not with a join and DISTINCT: for a page of
        20 ids, SQLite answered the join by walking every published article (70-140 ms at 10,000
        articles); the correlated probe reads each meeting's reports by its key (3 ms).
        """
        published = MeetingReport.objects.filter(
            meeting=models.OuterRef("pk"), article__status=Article.Status.PUBLISHED
        )
        return self.filter(models.Exists(published), review__in=[Review.PROPOSED, Review.REVIEWED])

    def for_display(self):
        """Prefetch what a meeting list or a meeting page shows."""
        return self.select_related("place_country").prefetch_related(
            models.Prefetch("participants", queryset=MeetingParticipant.objects.select_related("person", "country")),
            models.Prefetch("agreements", queryset=Agreement.objects.prefetch_related("parties")),
            models.Prefetch(
                "reports",
                queryset=MeetingReport.objects.select_related("article__source", "asserted_country").order_by(
                    "article__published_on", "pk"
                ),
            ),
        )


class Meeting(models.Model):
    """One meeting between officials (or delegations), as curated from its reports."""

    start = models.DateField("date", db_index=True)
    start_precision = models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY)
    end = models.DateField("end date", null=True, blank=True)
    end_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    date_from_publication = models.BooleanField(
        default=False, help_text="No report states the date: the first report's publication date stands in."
    )
    city = models.CharField(max_length=120, blank=True)
    venue = models.CharField("venue or event", max_length=200, blank=True)
    place_country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings_held", verbose_name="country"
    )
    sidelines_of = models.CharField("on the sidelines of", max_length=200, blank=True)
    mode = models.CharField(max_length=12, choices=Mode.choices, default=Mode.VISIT)
    format = models.CharField(max_length=16, choices=Format.choices, blank=True)
    protocol_level = models.CharField(max_length=16, choices=ProtocolLevel.choices, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.HELD)
    review = models.CharField(max_length=10, choices=Review.choices, default=Review.PROPOSED, db_index=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from", editable=False
    )
    independent_outlets = models.PositiveIntegerField(
        default=0, editable=False, help_text="Outlets reporting it, syndicated copies counted once."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(review__in=[r.value for r in Review]), name="meeting_review_valid"),
            models.CheckConstraint(condition=Q(mode__in=[m.value for m in Mode]), name="meeting_mode_valid"),
            models.CheckConstraint(condition=Q(status__in=[s.value for s in Status]), name="meeting_status_valid"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="meeting_end_after_start"
            ),
        ]

    def __str__(self):
        names = ", ".join(p.display_name for p in self.participants.all()[:4]) or "unnamed participants"
        return f"{self.start:%Y-%m-%d}: {names}"

    @property
    def is_reviewed(self) -> bool:
        return self.review == Review.REVIEWED

    @property
    def place_label(self) -> str:
        """Return "venue, city, country" with whatever parts are known."""
        parts = [self.venue, self.city, self.place_country.name if self.place_country else ""]
        return ", ".join(part for part in parts if part)

    def published_reports(self) -> list:
        """Return the reports whose article is published (from the prefetched reports when loaded)."""
        return [r for r in self.reports.all() if r.article.status == Article.Status.PUBLISHED]

    def count_independent_outlets(self) -> int:
        """Return how many outlets report this meeting, syndicated copies counted once.

        Copies are near-duplicate texts (meetings/corroboration.py), not equal fingerprints: two
        articles never share one (it is unique), so a copy republished with a changed headline,
        byline or tagline was counted again as an outlet of its own.
        """
        from meetings.corroboration import independent_outlets

        return independent_outlets(self.reports.select_related("article"))

    def refresh_outlets(self) -> None:
        """Store :meth:`count_independent_outlets` (it is filtered and indexed)."""
        self.independent_outlets = self.count_independent_outlets()
        Meeting.objects.filter(pk=self.pk).update(independent_outlets=self.independent_outlets)


class MeetingParticipant(models.Model):
    """Someone at a meeting: a person, or while the name is only a suggestion, that name; or a delegation."""

    meeting = models.ForeignKey(Meeting, related_name="participants", on_delete=models.CASCADE)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings_attended"
    )
    suggestion = models.ForeignKey(
        Suggestion, null=True, blank=True, on_delete=models.SET_NULL, help_text="The name waits for a curator."
    )
    name = models.CharField("name as reported", max_length=200, blank=True)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.SET_NULL, help_text="The country they represent."
    )
    side = models.CharField(max_length=20, choices=Side.choices, default=Side.PARTICIPANT)
    head_of_delegation = models.BooleanField(default=False)
    title = models.CharField("title as reported", max_length=300, blank=True)

    class Meta:
        ordering = ["meeting", "-head_of_delegation", "side", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], condition=Q(person__isnull=False), name="unique_person_per_meeting"
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name="") | Q(country__isnull=False),
                name="participant_is_someone",
            ),
        ]

    def __str__(self):
        return f"{self.display_name} ({self.get_side_display()})"

    @property
    def display_name(self) -> str:
        if self.person_id:
            return self.person.name
        if self.name:
            return self.name
        return f"{self.country.name} delegation" if self.country_id else "unnamed"


class AgreementQuerySet(models.QuerySet):
    def public(self):
        """Agreements the public may see: those signed at a public meeting (:meth:`MeetingQuerySet.public`).

        Asked per agreement, as a meeting asks it (EXISTS on its meeting's reports): ``meeting__in`` a
        subquery of public meetings had SQLite list every public meeting for a page of 20 (26 ms at 10,000
        articles).
        """
        published = MeetingReport.objects.filter(
            meeting=models.OuterRef("meeting_id"), article__status=Article.Status.PUBLISHED
        )
        return self.filter(models.Exists(published), meeting__review__in=[Review.PROPOSED, Review.REVIEWED])

    def for_display(self):
        """Prefetch what the agreements tracker shows: the meeting with its place and participants, its reports'
        articles' status (offices held on its date count a tenure a published report is evidence of), the
        parties, and the source article without its texts (a page showed 20 whole articles it never read)."""
        reports = MeetingReport.objects.select_related("article").only(
            "meeting_id", "article_id", "article__status", "article__published_on"
        )
        meetings = Meeting.objects.select_related("place_country").prefetch_related(
            models.Prefetch("participants", queryset=MeetingParticipant.objects.select_related("person", "country")),
            models.Prefetch("reports", queryset=reports.order_by("article__published_on", "pk")),
        )
        return (
            self.select_related("article__source")
            .defer("article__body", "article__raw_text")
            .prefetch_related(models.Prefetch("meeting", queryset=meetings), "parties")
        )


class Agreement(models.Model):
    """A document signed at a meeting, with the sentence that says so."""

    meeting = models.ForeignKey(Meeting, related_name="agreements", on_delete=models.CASCADE)
    kind = models.CharField(max_length=16, choices=AgreementKind.choices)
    title = models.CharField("title as reported", max_length=400, blank=True)
    parties = models.ManyToManyField(Country, blank=True, related_name="agreements")
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sentence = models.TextField(blank=True, help_text="The sentence that reports the signing.")
    sentence_start = models.PositiveIntegerField(null=True, blank=True, help_text="Offset into the article body.")
    sentence_end = models.PositiveIntegerField(null=True, blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "pk"]

    def __str__(self):
        return self.title or self.get_kind_display()

    def signatories(self) -> list["MeetingParticipant"]:
        """Return the meeting's participants who represent a party (every participant with a country when no
        party is recorded): who signed, as far as the reports say (from the prefetched participants)."""
        parties = {country.code for country in self.parties.all()}
        return [p for p in self.meeting.participants.all() if p.country_id and (not parties or p.country_id in parties)]


class MeetingReport(models.Model):
    """An article that reports a meeting: how (primary, follow-up, background), with its sentences."""

    meeting = models.ForeignKey(Meeting, related_name="reports", on_delete=models.CASCADE)
    article = models.ForeignKey(Article, related_name="meeting_reports", on_delete=models.CASCADE)
    relation = models.CharField(max_length=12, choices=Relation.choices, default=Relation.PRIMARY)
    # [[start, end], ...] character offsets into the article body.
    evidence = models.JSONField(default=list, blank=True)
    asserted_date = models.DateField(null=True, blank=True, help_text="The date this article gives.")
    asserted_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    asserted_city = models.CharField(max_length=120, blank=True)
    asserted_country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    proposed = models.BooleanField(default=True, help_text="Linked by the import, not yet by a curator.")

    class Meta:
        ordering = ["meeting", "article__published_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "article"], name="unique_report_per_meeting")]

    def __str__(self):
        return f"{self.article} ({self.get_relation_display()})"

    def sentences(self) -> list[str]:
        """Return the quoted sentences, from the article body by their offsets."""
        body = self.article.body
        return [body[start:end] for start, end in self.evidence if 0 <= start < end <= len(body)]
