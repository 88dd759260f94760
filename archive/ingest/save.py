"""Step 7: store an article with its links, all of it or nothing.

Each article is saved in its own ``atomic`` block: a transaction of its own, or a
savepoint when the pipeline has a batch transaction open (:mod:`archive.ingest.batch`).
A failure inside it (a constraint, a lost race on the fingerprint) rolls back
that article alone: nothing of it is kept, and the run goes on.
"""

from contextlib import contextmanager

from django.db import transaction

from archive.ingest.records import Candidate, Links
from archive.models import (
    ARTICLE_SLUG_LENGTH,
    Article,
    ArticleRevision,
    Country,
    Participation,
    Source,
    Suggestion,
    cut_at_word,
    slug_for,
)
from archive.sql import insert_new, insert_rows
from archive.text import content_fingerprint, fold


class Sources:
    """Outlets by folded name or slug, created on first use (outlets are not people: no review needed)."""

    def __init__(self, default: Source | None = None):
        self.default = default
        self._known: dict[str, Source] = {}
        self._new: list[Source] = []  # created since the last settle(): in the open batch
        self._depth = 0  # transaction() blocks open
        for source in Source.objects.all():
            self._remember(source)

    def _remember(self, source: Source) -> None:
        self._known[fold(source.name)] = source
        self._known[source.slug] = source

    def names(self) -> dict[str, str]:
        """Return folded name or slug → outlet name, for parsers that spot signature lines."""
        return {key: source.name for key, source in self._known.items()}

    def get(self, name: str, create: bool) -> Source | None:
        """Return the outlet called ``name`` (or the default); create it when ``create`` is true."""
        if not name:
            return self.default
        source = self._known.get(fold(name)) or self._known.get(name.lower())
        if source is None and create:
            source = Source.objects.create(name=name)
            self._remember(source)
            self._new.append(source)
        return source

    def _forget(self, sources: list[Source]) -> None:
        for source in sources:
            self._known = {key: known for key, known in self._known.items() if known is not source}

    @contextmanager
    def transaction(self):
        """One article's transaction (a savepoint in a batch): outlets created in it are forgotten on rollback.

        Within another of these (the pipeline's savepoint around an article and its steps) it is
        that one: a second savepoint per article would cost two statements and change nothing.
        """
        if self._depth:
            yield
            return
        mark = len(self._new)
        self._depth += 1
        try:
            with transaction.atomic():
                yield
        except BaseException:
            self._forget(self._new[mark:])
            del self._new[mark:]
            raise
        finally:
            self._depth -= 1

    def settle(self, committed: bool) -> None:
        """The batch around the last transactions ended: keep its new outlets, or forget them if it rolled back."""
        if not committed:
            self._forget(self._new)
        self._new = []


def create_article(candidate: Candidate, status: str, sources: Sources, slug_taken=None) -> Article:
    """Store a new article and its links; return it.

    ``slug_taken(slug)`` may answer from memory whether the natural slug is in
    use, sparing a query; when it is (or when not given), the model finds a free one.
    """
    slug = ""
    if slug_taken is not None:
        natural = cut_at_word(slug_for(f"{candidate.published_on:%Y-%m-%d} {candidate.title}"), ARTICLE_SLUG_LENGTH)
        slug = "" if not natural or slug_taken(natural) else natural
    with sources.transaction():
        article = Article(
            title=candidate.title,
            title_is_derived=candidate.title_is_derived,
            body=candidate.body,
            published_on=candidate.published_on,
            source=sources.get(candidate.source, create=True),
            byline=candidate.byline,
            url=candidate.url,
            language=candidate.language,
            status=status,
            slug=slug,
            raw_text=candidate.raw_text,
            origin=candidate.origin[:500],
        )
        article.fill_derived_fields()
        insert_new(article)  # Article.save() without the ORM's cost; signals sent (the index queue row)
        apply_links(article, candidate.links or Links(), new=True)
    return article


def update_article(article_id: int, candidate: Candidate, sources: Sources) -> Article:
    """Bring a stored draft (same URL) up to the new version; keep its status and a curator's headline.

    Only for drafts: the new text of a published or withdrawn article is kept as a
    revision instead (:func:`keep_revision`).
    """
    with sources.transaction():
        article = Article.objects.select_for_update().get(pk=article_id)
        if not candidate.title_is_derived or article.title_is_derived:
            article.title, article.title_is_derived = candidate.title, candidate.title_is_derived
        article.body = candidate.body
        article.published_on = candidate.published_on
        article.source = sources.get(candidate.source, create=True) or article.source
        article.byline = candidate.byline or article.byline
        article.language = candidate.language
        article.raw_text = candidate.raw_text
        article.origin = candidate.origin[:500]
        article.save()
        apply_links(article, candidate.links or Links())
    return article


def revision_kept(article_id: int, body: str) -> str:
    """Return the status of the revision of ``article_id`` with this ``body`` if one was kept before, else ``""``."""
    statuses = ArticleRevision.objects.filter(article_id=article_id, fingerprint=content_fingerprint(body))
    found = statuses.values_list("status", flat=True).first()
    return ArticleRevision.Status(found).label.lower() if found else ""


def keep_revision(
    article_id: int, candidate: Candidate, sources: Sources, job_id: int | None = None
) -> tuple[ArticleRevision | None, str]:
    """Keep ``candidate`` as a revision of the curated article ``article_id``, which is not changed.

    Return ``(revision, "")``, or ``(None, status)`` when the same text was kept before
    (pending, accepted or rejected): a file imported again asks nothing new.
    """
    kept = revision_kept(article_id, candidate.body)
    if kept:
        return None, kept
    with sources.transaction():
        revision = ArticleRevision.objects.create(
            article_id=article_id,
            title=candidate.title,
            title_is_derived=candidate.title_is_derived,
            body=candidate.body,
            published_on=candidate.published_on,
            source=sources.get(candidate.source, create=True),
            byline=candidate.byline,
            language=candidate.language,
            url=candidate.url,
            raw_text=candidate.raw_text,
            origin=candidate.origin[:500],
            import_job_id=job_id,
        )
    return revision, ""


def apply_links(article: Article, links: Links, new: bool = False) -> None:
    """Add the countries, participations and suggestions of ``links`` that ``article`` lacks.

    Never removes or changes existing ones: they may be a curator's work. Call
    inside a transaction.
    """
    codes = links.countries
    if codes and not new:
        codes = [c for c in codes if c not in set(article.countries.values_list("code", flat=True))]
    if codes:
        through = Article.countries.through
        valid = set(Country.objects.filter(code__in=codes).values_list("code", flat=True)) if not new else set(codes)
        insert_rows(through, ["article", "country"], [(article.pk, c) for c in codes if c in valid])
    people = links.people
    if people and not new:
        have = set(article.participations.values_list("person_id", flat=True))
        people = [p for p in people if p.person_id not in have]
    if people:
        insert_rows(
            Participation,
            ["article", "person", "role", "title"],
            [(article.pk, p.person_id, p.role, p.title) for p in people],
        )
    suggestions = links.suggestions
    if suggestions and not new:
        have = {fold(name) for name in article.suggestions.values_list("name", flat=True)}
        suggestions = [s for s in suggestions if fold(s.name) not in have]
    if suggestions:
        Suggestion.objects.bulk_create(
            [
                Suggestion(article=article, name=s.name, title=s.title, role=s.role, country_id=s.country)
                for s in suggestions
            ]
        )
