"""Curation steps the admin offers beyond editing a form: each one transactional.

Every step goes through model saves and deletes (so the search index queue sees
it) or, where it changes articles in bulk, sends ``articles_changed``.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from archive.models import Article, ArticleRevision, Participation, Person, PersonAlias, PersonRedirect, Suggestion
from archive.signals import articles_changed, person_merging
from archive.text import collapse_whitespace


class CurationError(ValueError):
    """A curation step that cannot be done; the message says why, for the curator."""


def set_status(articles, status) -> list[Article]:
    """Give every article in ``articles`` the ``status``; return those that changed."""
    changed = []
    with transaction.atomic():
        for article in articles:
            if article.status != status:
                article.status = status
                article.save()
                changed.append(article)
    return changed


# Merging people ------------------------------------------------------------------


@dataclass
class MergeReport:
    kept: Person
    merged_names: list[str]
    moved: int
    combined: int
    aliases_added: int
    article_ids: set[int]


def merge_people(keep: Person, others) -> MergeReport:
    """Merge ``others`` into ``keep``: move their participations, keep their names as aliases and
    their slugs as redirects to ``keep``, delete them. Where both were in one article, the two
    participations become one (a participant stays a participant; a reported title is kept).
    Return what was done."""
    others = [p for p in others if p.pk != keep.pk]
    if not others:
        raise CurationError("Choose at least one other person to merge into the one you keep.")
    report = MergeReport(keep, [], 0, 0, 0, set())
    with transaction.atomic():
        keep = Person.objects.select_for_update().get(pk=keep.pk)
        kept_names = {keep.name.casefold(), *(a.name.casefold() for a in keep.aliases.all())}
        for other in others:
            report.merged_names.append(other.name)
            for participation in other.participations.select_related("article"):
                report.article_ids.add(participation.article_id)
                existing = Participation.objects.filter(article_id=participation.article_id, person=keep).first()
                if existing is None:
                    participation.person = keep
                    participation.save()
                    report.moved += 1
                    continue
                if participation.role == Participation.Role.PARTICIPANT:
                    existing.role = Participation.Role.PARTICIPANT
                existing.title = existing.title or participation.title
                existing.save()
                participation.delete()
                report.combined += 1
            for name in other.all_names():
                if name.casefold() not in kept_names:
                    PersonAlias.objects.create(person=keep, name=name)
                    kept_names.add(name.casefold())
                    report.aliases_added += 1
            Suggestion.objects.filter(person=other).update(person=keep)
            if keep.country_id is None and other.country_id is not None:
                keep.country_id = other.country_id
                keep.save()
            _keep_slug_as_redirect(other, keep)
            person_merging.send(sender=Person, other=other, keep=keep)
            other.delete()
        articles_changed.send(sender=Person, article_ids=report.article_ids)
    return report


def _keep_slug_as_redirect(other: Person, keep: Person) -> None:
    """Make ``other``'s slug, and every slug that led to ``other``, lead to ``keep``: links to a
    merged person's page (and searches for them) keep working."""
    PersonRedirect.objects.filter(person=other).update(person=keep)
    PersonRedirect.objects.update_or_create(old_slug=other.slug, defaults={"person": keep})
    # The slug kept is a page again, not a redirect (a person merged back into one it was merged from).
    PersonRedirect.objects.filter(old_slug=keep.slug).delete()


# Resolving suggestions ---------------------------------------------------------


def _resolve(suggestion: Suggestion, status, person: Person | None) -> Suggestion:
    if suggestion.status != Suggestion.Status.PENDING:
        raise CurationError(f"“{suggestion.name}” was already resolved ({suggestion.get_status_display().lower()}).")
    if person is not None:
        Participation.objects.get_or_create(
            article=suggestion.article,
            person=person,
            defaults={"role": suggestion.role, "title": suggestion.title},
        )
    suggestion.status = status
    suggestion.person = person
    suggestion.resolved_at = timezone.now()
    suggestion.save()
    return suggestion


_GUESSED = object()


def accept_as_new_person(suggestion: Suggestion, name: str = "", country=_GUESSED) -> Person:
    """Create a person from the suggestion and add them to its article; return the person.

    ``name`` is the spelling the curator chose (the article's then becomes an alias);
    ``country`` the country they confirmed or corrected (``None`` for none). Without
    them the person takes the name as written and the guessed country.
    """
    name = collapse_whitespace(name)[:200] or suggestion.name
    country = suggestion.country if country is _GUESSED else country
    with transaction.atomic():
        person = Person.objects.create(name=name, country=country)
        if name.casefold() != suggestion.name.casefold():
            PersonAlias.objects.create(person=person, name=suggestion.name)
        suggestion.country = country  # confirmed by the curator: no longer a guess
        _resolve(suggestion, Suggestion.Status.ACCEPTED, person)
    return person


def link_to_person(suggestion: Suggestion, person: Person) -> Person:
    """Add ``person`` to the suggestion's article; the suggested spelling becomes an alias."""
    if person is None:
        raise CurationError(f"Choose the person “{suggestion.name}” is.")
    with transaction.atomic():
        if suggestion.name.casefold() not in {name.casefold() for name in person.all_names()}:
            PersonAlias.objects.create(person=person, name=suggestion.name)
        _resolve(suggestion, Suggestion.Status.LINKED, person)
    return person


def reject(suggestion: Suggestion) -> Suggestion:
    """Mark the suggestion as not a person worth keeping."""
    with transaction.atomic():
        return _resolve(suggestion, Suggestion.Status.REJECTED, None)


# Reviewing revisions ------------------------------------------------------------


def _pending_revision(revision: ArticleRevision) -> ArticleRevision:
    """Return ``revision`` locked and fresh from the database; refuse one already decided."""
    revision = ArticleRevision.objects.select_for_update().get(pk=revision.pk)
    if not revision.is_pending:
        raise CurationError(f"This revision of “{revision.title}” was already {revision.get_status_display().lower()}.")
    return revision


def accept_revision(revision: ArticleRevision, user=None) -> Article:
    """Give the revision's article the revision's text, date, outlet and byline; return the article.

    Its status and slug (the permalink) stay; a curator's headline stays when the
    revision's is only derived from the text. Linking runs again on the new text and
    adds the officials and countries it finds (nothing is removed).
    """
    from archive.ingest.linking import relink_article

    with transaction.atomic():
        revision = _pending_revision(revision)
        article = Article.objects.select_for_update().get(pk=revision.article_id)
        if not revision.title_is_derived or article.title_is_derived:
            article.title, article.title_is_derived = revision.title, revision.title_is_derived
        article.body = revision.body
        article.published_on = revision.published_on
        article.source = revision.source or article.source
        article.byline = revision.byline or article.byline
        article.language = revision.language
        article.raw_text = revision.raw_text
        article.origin = revision.origin
        try:
            with transaction.atomic():
                article.save()
        except IntegrityError:
            twin = Article.objects.filter(fingerprint=article.fingerprint).exclude(pk=article.pk).first()
            raise CurationError(
                f"Another article already has this text{f': “{twin.title}”' if twin else ''}; nothing was changed."
            ) from None
        relink_article(article)
        _decide(revision, ArticleRevision.Status.ACCEPTED, user)
        articles_changed.send(sender=ArticleRevision, article_ids=[article.pk])
    return article


def reject_revision(revision: ArticleRevision, user=None) -> ArticleRevision:
    """Mark the revision as not wanted; its article stays as it is."""
    with transaction.atomic():
        return _decide(_pending_revision(revision), ArticleRevision.Status.REJECTED, user)


def _decide(revision: ArticleRevision, status, user) -> ArticleRevision:
    revision.status = status
    revision.decided_at = timezone.now()
    revision.decided_by = user if user is not None and user.is_authenticated else None
    revision.save()
    return revision
