"""The archive's domain: outlets, countries, officials, articles and who took part."""

import re
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils.text import slugify

from archive.text import content_fingerprint, fold
from archive.url_keys import MAX_KEY, url_key


def linkable(url: str) -> str:
    """Return ``url`` when it is safe to link (http or https), else ``""``.

    Imports and data migrations write URLs without form validation: a
    ``javascript:`` URL must never become a link.
    """
    return url if url and url.strip().lower().startswith(("http://", "https://")) else ""


def slug_for(text: str) -> str:
    """Return the slug of a name: folded, punctuation as separators (News.Az → news-az)."""
    return slugify(re.sub(r"[^\w\s-]", " ", fold(text)))


# Article slugs are cited in URLs: long enough to say what the article is, short enough to quote.
ARTICLE_SLUG_LENGTH = 60


def cut_at_word(slug: str, limit: int) -> str:
    """Return ``slug`` if it fits in ``limit`` characters, else its longest head of whole words that does.

    Words are the slug's hyphen-separated parts; a single word longer than half the
    limit is cut inside rather than leave a slug of a date alone.
    """
    slug = slug.strip("-")
    if len(slug) <= limit:
        return slug
    head = slug[: limit + 1].rsplit("-", 1)[0].strip("-")
    return head if len(head) * 2 >= limit else slug[:limit].strip("-")


def unique_slug(model, base: str, max_length: int, exclude_pk=None, reserved=None) -> str:
    """Return ``base`` slugified, cut at a word to ``max_length``, with ``-2``, ``-3``... if taken.

    ``reserved`` (a queryset of redirects with an ``old_slug``) holds slugs that are
    taken too: a former slug keeps leading to the record it led to.
    """
    root = cut_at_word(slug_for(base), max_length) or "item"

    def candidate(counter: int) -> str:
        if counter == 1:
            return root
        suffix = f"-{counter}"
        return cut_at_word(root, max_length - len(suffix)) + suffix

    # The candidates are asked about SLUG_TRIES at a time: a common headline ("Talks in Baku") on a
    # busy day takes many suffixes, and one query for each (two with redirects) cost an import dearly.
    first = 1
    while True:
        candidates = [candidate(counter) for counter in range(first, first + SLUG_TRIES)]
        taken = set(
            model._default_manager.filter(slug__in=candidates).exclude(pk=exclude_pk).values_list("slug", flat=True)
        )
        if reserved is not None:
            taken.update(reserved.filter(old_slug__in=candidates).values_list("old_slug", flat=True))
        for slug in candidates:
            if slug not in taken:
                return slug
        first += SLUG_TRIES


SLUG_TRIES = 20


class CountryManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Country(models.Model):
    """A country by its ISO 3166-1 alpha-2 code, with the words that point to it in text."""

    code = models.CharField("ISO code", max_length=2, primary_key=True)
    name = models.CharField(max_length=100, unique=True)
    official_name = models.CharField(max_length=200, blank=True)
    demonyms = models.JSONField(
        default=list, blank=True, help_text="Adjectives and nouns for its people: Azerbaijani, Iranian."
    )
    long_forms = models.JSONField(default=list, blank=True, help_text="Other names in use: Islamic Republic of Iran.")

    objects = CountryManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[A-Z]{2}$"), name="country_code_iso_alpha2"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)

    def names(self) -> list[str]:
        """Return every name, long form and demonym that designates this country."""
        return [self.name, self.official_name, *self.long_forms, *self.demonyms]


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Source(models.Model):
    """A news outlet: News.Az, AzerNews..."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    homepage = models.URLField(blank=True)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL)

    objects = SlugManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    @property
    def link_url(self) -> str:
        """Return the homepage when it is safe to link, else ``""``."""
        return linkable(self.homepage)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Source, self.name, 100, exclude_pk=self.pk)
        super().save(*args, **kwargs)


class PersonQuerySet(models.QuerySet):
    def public(self):
        """People the public may see: those who appear in at least one published article.

        A person made from a suggestion found in a draft, or whose articles were all
        withdrawn, has no public page until one of their articles is published.
        """
        published = Participation.objects.filter(person=models.OuterRef("pk"), article__status=Article.Status.PUBLISHED)
        return self.filter(models.Exists(published))


class PersonManager(SlugManager.from_queryset(PersonQuerySet)):
    pass


class Person(models.Model):
    """An official, under a canonical name; other spellings are aliases."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL)

    objects = PersonManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def save(self, *args, **kwargs):
        if not self.slug:
            from archive.models.redirects import PersonRedirect  # defined after Person, which it points to

            self.slug = unique_slug(Person, self.name, 120, exclude_pk=self.pk, reserved=PersonRedirect.objects)
        super().save(*args, **kwargs)

    def all_names(self) -> list[str]:
        """Return the canonical name followed by every alias."""
        return [self.name, *(alias.name for alias in self.aliases.all())]


class PersonAliasManager(models.Manager):
    def get_by_natural_key(self, person_slug, name):
        return self.get(person__slug=person_slug, name=name)


class PersonAlias(models.Model):
    """Another spelling or transliteration of a person's name (Zakir Həsənov, Gasanov)."""

    person = models.ForeignKey(Person, related_name="aliases", on_delete=models.CASCADE)
    name = models.CharField(max_length=200)

    objects = PersonAliasManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "aliases"
        constraints = [models.UniqueConstraint(fields=["person", "name"], name="unique_alias_per_person")]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.person.slug, self.name)

    natural_key.dependencies = ["archive.person"]


class URLKeyField(models.CharField):
    """The normalised form of the model's ``url`` (archive/url_keys.py), derived on every write.

    Computed in ``pre_save``, which ``save()``, ``bulk_create()`` and the import's
    ``insert_new()`` all call, so no way of storing an article leaves it stale.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_KEY)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = url_key(model_instance.url)
        setattr(model_instance, self.attname, value)
        return value


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles the public may see."""
        return self.filter(status=Article.Status.PUBLISHED)

    def by_pk(self, pks) -> dict:
        """Return ``{pk: article}`` for ``pks`` (those in this queryset), looked up by primary key.

        Unordered on purpose: with the default ordering (newest first), SQLite
        answers ``status = ? AND id IN (...)`` by walking the status-and-date index
        over every published article (21 ms at 100,000) instead of 20 key lookups.
        """
        return self.order_by().in_bulk(pks)

    def for_results(self, pks) -> dict:
        """Return ``{pk: article}`` for ``pks`` (those in this queryset) with what a result shows: the
        source, the countries and the participations with their people, in one query per table.

        A result list reads a few fields of ~200 related rows per page (people, countries). Django's
        prefetch builds a model instance for each, a related manager and a queryset per article and
        relation; here the related rows are plain values (:class:`ResultCountry`,
        :class:`ResultParticipation`) kept where a prefetch keeps them, so ``article.countries.all()``
        and ``article.participations.all()`` read them (the page, the API, offices/held.py) without
        a query. Nothing is kept beyond the request: every page reads the database as it is.
        """
        articles = self.select_related("source").by_pk(pks)
        if not articles:
            return articles
        ids = list(articles)
        countries: dict[int, list] = {pk: [] for pk in ids}
        links = Article.countries.through.objects.filter(article_id__in=ids)
        # In the countries' own order, as the relation reads them.
        ordering = [f"country__{name}" for name in Country._meta.ordering]
        for article_id, code, name in links.order_by(*ordering).values_list(
            "article_id", "country_id", "country__name"
        ):
            countries[article_id].append(ResultCountry(code, name))
        participations: dict[int, list] = {pk: [] for pk in ids}
        rows = Participation.objects.filter(article_id__in=ids).values_list(
            "article_id", "person_id", "role", "title", "person__slug", "person__name", "person__country_id"
        )
        for article_id, person_id, role, title, slug, name, country_id in rows:
            person = ResultPerson(person_id, slug, name, country_id)
            participations[article_id].append(ResultParticipation(article_id, person_id, role, title, person))
        for pk, article in articles.items():
            _keep_as_prefetched(article, "countries", Country, countries[pk])
            _keep_as_prefetched(article, "participations", Participation, participations[pk])
        return articles

    def with_url(self, url: str):
        """Articles whose URL is ``url`` in any of its spellings (same key), found through the key's index
        (also when filtered by status: the index's second column)."""
        key = url_key(url)
        return self.filter(url_key=key) if key else self.none()

    def for_display(self):
        """Prefetch what a result list or an article page shows."""
        return self.select_related("source").prefetch_related(
            "countries",
            models.Prefetch("participations", queryset=Participation.objects.select_related("person")),
        )


@dataclass(slots=True)
class ResultPerson:
    """The fields of a person a result shows (``ArticleQuerySet.for_results``)."""

    pk: int
    slug: str
    name: str
    country_id: str | None

    @property
    def id(self) -> int:
        return self.pk

    def get_absolute_url(self) -> str:
        return Person.get_absolute_url(self)

    def __str__(self):
        return self.name


@dataclass(slots=True)
class ResultCountry:
    """The fields of a country a result shows."""

    code: str
    name: str

    @property
    def pk(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return Country.get_absolute_url(self)

    def __str__(self):
        return self.name


@dataclass(slots=True)
class ResultParticipation:
    """A person in a result's article: their role and the title as reported."""

    article_id: int
    person_id: int
    role: str
    title: str
    person: ResultPerson


def _keep_as_prefetched(instance, name: str, model, rows: list) -> None:
    """Keep ``rows`` as the prefetched objects of ``instance``'s relation ``name``, as Django's prefetch
    does (a queryset whose results are ``rows``), so that the relation's manager returns them."""
    rows_queryset = models.QuerySet(model=model)
    rows_queryset._result_cache = rows
    rows_queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = rows_queryset


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Article(models.Model):
    """One news story, with where it came from and who took part."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    title = models.CharField("headline", max_length=300)
    title_is_derived = models.BooleanField(
        "derived headline", default=False, help_text="The headline was made from the text and needs a look."
    )
    slug = models.SlugField(max_length=120, unique=True)
    body = models.TextField()
    published_on = models.DateField("publication date", db_index=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, related_name="articles")
    byline = models.CharField(max_length=200, blank=True)
    url = models.URLField("URL", max_length=500, blank=True)
    url_key = URLKeyField("normalised URL", help_text="The URL as the import compares it (archive/url_keys.py).")
    language = models.CharField(max_length=12, default="en")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    fingerprint = models.CharField(max_length=64, unique=True, editable=False)
    raw_text = models.TextField("raw text", blank=True, help_text="The text as imported (provenance).")
    origin = models.CharField(max_length=500, blank=True, help_text="The file or feed it was imported from.")
    countries = models.ManyToManyField(Country, blank=True, related_name="articles")
    people = models.ManyToManyField(Person, through="Participation", related_name="articles", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleManager()

    class Meta:
        ordering = ["-published_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published", "withdrawn"]), name="article_status_valid"
            ),
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="unique_article_url"),
        ]
        indexes = [
            models.Index(fields=["status", "-published_on"], name="article_status_date"),
            # Not partial: SQLite only uses a partial index when the query's WHERE implies its
            # condition, which ``url_key = ?`` with a parameter never does. With the status as its
            # second column: SQLite, without statistics, picks the index that matches the most
            # equalities, and ``url_key = ? AND status = ?`` (a published article by URL) walked
            # the status-and-date index over every published article instead (300 ms at 20,000).
            models.Index(fields=["url_key", "status"], name="article_url_key_status"),
            # The curators' search scans this index (narrow) instead of every article's row.
            models.Index(fields=["title"], name="article_title"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def link_url(self) -> str:
        """Return the original URL when it is safe to link (http or https), else ``""``."""
        return linkable(self.url)

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        super().save(*args, **kwargs)

    def fill_derived_fields(self) -> None:
        """Set what every save derives: the fingerprint of the body, the URL key, and a free slug if there is none."""
        self.fingerprint = content_fingerprint(self.body)
        self.url_key = url_key(self.url)
        if not self.slug:
            from archive.models.redirects import ArticleRedirect  # defined after Article, which it points to

            base = f"{self.published_on:%Y-%m-%d} {self.title}"
            self.slug = unique_slug(
                Article, base, ARTICLE_SLUG_LENGTH, exclude_pk=self.pk, reserved=ArticleRedirect.objects
            )

    def participants(self):
        """Participations with the role *participant*, people loaded."""
        return [p for p in self.participations.all() if p.role == Participation.Role.PARTICIPANT]

    def mentions(self):
        """Participations with the role *mentioned*, people loaded."""
        return [p for p in self.participations.all() if p.role == Participation.Role.MENTIONED]


class ParticipationManager(models.Manager):
    def get_by_natural_key(self, article_slug, person_slug):
        return self.get(article__slug=article_slug, person__slug=person_slug)


class Participation(models.Model):
    """A person in an article: who took part or was mentioned, with the title given there."""

    class Role(models.TextChoices):
        PARTICIPANT = "participant", "Participant"
        MENTIONED = "mentioned", "Mentioned"

    article = models.ForeignKey(Article, related_name="participations", on_delete=models.CASCADE)
    person = models.ForeignKey(Person, related_name="participations", on_delete=models.CASCADE)
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.PARTICIPANT)
    title = models.CharField(
        "title as reported", max_length=300, blank=True, help_text="The title the article gives them on that date."
    )

    objects = ParticipationManager()

    class Meta:
        ordering = ["role", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="unique_person_per_article"),
            models.CheckConstraint(condition=Q(role__in=["participant", "mentioned"]), name="participation_role_valid"),
        ]

    def __str__(self):
        return f"{self.person} in {self.article}"

    def natural_key(self):
        return (self.article.slug, self.person.slug)

    natural_key.dependencies = ["archive.article", "archive.person"]


class Suggestion(models.Model):
    """A name found after a rank or office in an article, waiting for a curator.

    Suggestions never become people on their own: a curator accepts one as a new
    person, links it to an existing person (the spelling becomes an alias), or
    rejects it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted as a new person"
        LINKED = "linked", "Linked to an existing person"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey(Article, related_name="suggestions", on_delete=models.CASCADE)
    name = models.CharField(max_length=200, help_text="The name as the article writes it.")
    title = models.CharField("title as reported", max_length=300, blank=True)
    role = models.CharField(max_length=12, choices=Participation.Role.choices, default=Participation.Role.PARTICIPANT)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL, help_text="A guess.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, help_text="Who the suggestion was resolved to."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["article", "name"]
        constraints = [
            models.UniqueConstraint(fields=["article", "name"], name="unique_suggestion_per_article"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "accepted", "linked", "rejected"]), name="suggestion_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display().lower()})"
