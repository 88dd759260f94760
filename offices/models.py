"""Offices: positions (the office, which exists while vacant), tenures (a person
holding one between partial dates) and tenure suggestions (what the import read
in a reported title, waiting for a curator).

As Wikidata's "position held" with start and end qualifiers, Popolo's Post and
Membership, FollowTheMoney's Position and Occupancy. A title as reported is
evidence for a tenure, never the tenure: tenures are made by curators only.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, Min, Q

from archive.models import Article, Country, Person, Suggestion, unique_slug
from offices.dates import PartialDate, Precision
from offices.holding import Held, Span
from offices.roles import Role, Sector, facts


class PositionManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Position(models.Model):
    """An office: Minister of Defense of Azerbaijan, Ambassador of Iran to Azerbaijan."""

    label = models.CharField(max_length=200, help_text="Minister of Defense of Azerbaijan")
    other_labels = models.JSONField(
        default=list, blank=True, help_text="Other labels as written: Defence Minister, Müdafiə naziri."
    )
    role = models.CharField(max_length=40, choices=Role.choices)
    sector = models.CharField(max_length=12, choices=Sector.choices, blank=True, help_text="Blank: the role's sector.")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="positions")
    organisation = models.CharField(max_length=200, blank=True, help_text="Ministry of Defense, General Staff...")
    accredited_to = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="envoy_positions",
        help_text="For envoys: the country they are accredited to.",
    )
    several_holders = models.BooleanField(
        default=False, help_text="Several people hold it at once (deputy ministers, members of parliament)."
    )
    slug = models.SlugField(max_length=120, unique=True)

    objects = PositionManager()

    class Meta:
        ordering = ["country__name", "label"]
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="position_role_valid"),
            models.CheckConstraint(condition=Q(sector__in=[*Sector.values, ""]), name="position_sector_valid"),
        ]

    def __str__(self):
        return self.label

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["archive.country"]

    def save(self, *args, **kwargs):
        if not self.sector:
            self.sector = facts(self.role).sector
        if not self.slug:
            self.slug = unique_slug(Position, self.label, 120, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def labels(self) -> list[str]:
        """Return the label followed by every other label."""
        return [self.label, *self.other_labels]

    def holders_on(self, date: datetime.date) -> list:
        """Return who held this office on ``date``: sure holders first, then possible ones."""
        from offices.holders import holders_on

        return holders_on(self, date)

    def holder_on(self, date: datetime.date):
        """Return the :class:`offices.holders.HeldOffice` of whoever surely held this office on ``date``, or None."""
        from offices.holders import holder_on

        return holder_on(self, date)


class EndCause(models.TextChoices):
    TERM_ENDED = "term_ended", "Term ended"
    REPLACED = "replaced", "Replaced or moved to another office"
    RESIGNED = "resigned", "Resigned"
    DISMISSED = "dismissed", "Dismissed"
    DIED = "died", "Died in office"
    OTHER = "other", "Other"


class TenureQuerySet(models.QuerySet):
    def with_reports(self, published_only: bool = False):
        """Annotate ``reported_from`` and ``reported_to``: the first and last article dates in evidence.

        ``published_only``: count only published articles (what a public page may show and link).
        """
        published = Q(evidence__status=Article.Status.PUBLISHED) if published_only else None
        return self.annotate(
            reported_from=Min("evidence__published_on", filter=published),
            reported_to=Max("evidence__published_on", filter=published),
        )


class TenureManager(models.Manager.from_queryset(TenureQuerySet)):
    def get_by_natural_key(self, person_slug, position_slug, start):
        start_filter = {"start_date": datetime.date.fromisoformat(start)} if start else {"start_date__isnull": True}
        return self.get(person__slug=person_slug, position__slug=position_slug, **start_filter)


def _precision_pair(date_field: str, precision_field: str) -> Q:
    """A date and its precision are set together or left empty together."""
    return Q(**{f"{date_field}__isnull": True, precision_field: ""}) | Q(
        **{f"{date_field}__isnull": False, f"{precision_field}__in": Precision.values}
    )


class Tenure(models.Model):
    """A person holding a position between two partial dates (either may be unknown)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="tenures")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="tenures")
    start_date = models.DateField(null=True, blank=True, help_text="First day of the period; empty when unknown.")
    start_precision = models.CharField(max_length=5, choices=Precision.choices, blank=True)
    end_date = models.DateField(null=True, blank=True, help_text="First day of the period; empty when unknown.")
    end_precision = models.CharField(max_length=5, choices=Precision.choices, blank=True)
    current = models.BooleanField(default=False, help_text="Still in office, as far as curators know.")
    acting = models.BooleanField(default=False)
    end_cause = models.CharField(max_length=12, choices=EndCause.choices, blank=True)
    note = models.TextField(blank=True)
    evidence = models.ManyToManyField(Article, through="TenureEvidence", related_name="tenures", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenureManager()

    class Meta:
        ordering = ["start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_precision_pair("start_date", "start_precision"), name="tenure_start_pair"
            ),
            models.CheckConstraint(condition=_precision_pair("end_date", "end_precision"), name="tenure_end_pair"),
            models.CheckConstraint(condition=Q(end_cause__in=[*EndCause.values, ""]), name="tenure_end_cause_valid"),
        ]

    def __str__(self):
        return f"{self.person} — {self.position} ({self.span().describe()})"

    def natural_key(self):
        return (self.person.slug, self.position.slug, self.start_date.isoformat() if self.start_date else "")

    natural_key.dependencies = ["archive.person", "offices.position"]

    @property
    def start(self) -> PartialDate | None:
        return PartialDate.stored(self.start_date, self.start_precision)

    @property
    def end(self) -> PartialDate | None:
        return PartialDate.stored(self.end_date, self.end_precision)

    def reported_dates(self) -> tuple[datetime.date | None, datetime.date | None]:
        """Return the first and last dates of the articles in evidence (annotated by ``with_reports`` or queried)."""
        if hasattr(self, "reported_from"):
            return self.reported_from, self.reported_to
        if self.pk is None:
            return None, None
        found = self.evidence.aggregate(first=Min("published_on"), last=Max("published_on"))
        return found["first"], found["last"]

    def span(self) -> Span:
        """Return what is known about when this tenure ran, evidence included."""
        reported_from, reported_to = self.reported_dates()
        return Span(self.start, self.end, reported_from, reported_to, self.current)

    def held_on(self, date: datetime.date) -> Held:
        """Return ``Held.YES``, ``Held.NO`` or ``Held.POSSIBLY`` for ``date``."""
        return self.span().held_on(date)

    def clean(self):
        for date_field, precision_field in (("start_date", "start_precision"), ("end_date", "end_precision")):
            date, precision = getattr(self, date_field), getattr(self, precision_field)
            if date and not precision:
                raise ValidationError({precision_field: "Say how precise the date is (day, month or year)."})
            if precision and not date:
                raise ValidationError({date_field: "A precision needs a date; leave both empty when unknown."})
            if date and precision:
                setattr(self, date_field, PartialDate(date, precision).date)
        if self.start and self.end and self.end.latest < self.start.earliest:
            raise ValidationError({"end_date": "The end is before the start."})
        if self.current and self.end:
            raise ValidationError({"current": "A tenure with an end is not current."})


class TenureEvidenceManager(models.Manager):
    def get_by_natural_key(self, person_slug, position_slug, start, article_slug):
        tenure = Tenure.objects.get_by_natural_key(person_slug, position_slug, start)
        return self.get(tenure=tenure, article__slug=article_slug)


class TenureEvidence(models.Model):
    """An article that reports the person in the office, with the title it gives them."""

    tenure = models.ForeignKey(Tenure, on_delete=models.CASCADE, related_name="evidence_links")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tenure_evidence")
    reported_title = models.CharField("title as reported", max_length=300, blank=True)
    note = models.CharField(max_length=300, blank=True)

    objects = TenureEvidenceManager()

    class Meta:
        ordering = ["article__published_on"]
        verbose_name_plural = "tenure evidence"
        constraints = [models.UniqueConstraint(fields=["tenure", "article"], name="unique_article_per_tenure")]

    def __str__(self):
        return f"{self.article.published_on}: {self.reported_title or self.article.title}"

    def natural_key(self):
        return (*self.tenure.natural_key(), self.article.slug)

    natural_key.dependencies = ["offices.tenure", "archive.article"]


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted as a new tenure"
    LINKED = "linked", "Linked to an existing tenure"
    REJECTED = "rejected", "Rejected"


class Conflict(models.TextChoices):
    AFTER_END = "after_end", "Reported in office after the recorded tenure ended"
    BEFORE_START = "before_start", "Reported in office before the recorded tenure began"
    OTHER_HOLDER = "other_holder", "Someone else is recorded in this office on that date"


class TenureSuggestion(models.Model):
    """A reported title that no recorded tenure covers, or that contradicts one: for a curator to decide.

    Accepting makes a tenure with the article as evidence; linking adds the article
    as evidence to an existing tenure; rejecting keeps the suggestion as decided.
    """

    Status = ProposalStatus
    Conflict = Conflict

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tenure_suggestions")
    date = models.DateField(help_text="The date the title is reported for (the article's date).")
    name = models.CharField(max_length=200, help_text="The person's name, or the name as the article writes it.")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="tenure_suggestions"
    )
    name_suggestion = models.ForeignKey(
        Suggestion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tenure_suggestions",
        help_text="The suggested official, when the name is not yet a person.",
    )
    reported_title = models.CharField("title as reported", max_length=300)
    rank = models.CharField(max_length=60, blank=True, help_text="The rank read from the title.")
    role = models.CharField(
        max_length=40, choices=Role.choices, blank=True, help_text="The office read from the title."
    )
    organisation = models.CharField(max_length=200, blank=True)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    accredited_to = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    position = models.ForeignKey(
        Position,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
        help_text="The position the title resolved to (a guess).",
    )
    conflict = models.CharField(max_length=12, choices=Conflict.choices, blank=True, db_index=True)
    related_tenure = models.ForeignKey(
        Tenure,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The recorded tenure it contradicts, or one it may extend.",
    )
    reason = models.CharField(max_length=300, blank=True, help_text="Why the import proposed it.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True)
    tenure = models.ForeignKey(
        Tenure,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
        help_text="The tenure it was accepted as or linked to.",
    )
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "name"]
        constraints = [
            models.UniqueConstraint(fields=["article", "name", "reported_title"], name="unique_tenure_suggestion"),
            models.CheckConstraint(
                condition=Q(status__in=ProposalStatus.values), name="tenure_suggestion_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(conflict__in=[*Conflict.values, ""]), name="tenure_suggestion_conflict_valid"
            ),
        ]

    def __str__(self):
        return f"{self.name}: {self.reported_title} ({self.date})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PROPOSED

    def holder(self) -> Person | None:
        """Return the person this suggestion is about: its person, or whom its name suggestion was resolved to."""
        if self.person_id:
            return self.person
        if self.name_suggestion_id and self.name_suggestion.person_id:
            return self.name_suggestion.person
        return None
