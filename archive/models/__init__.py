"""The archive's models: the domain (core), revisions kept for review, import jobs, former slugs."""

from archive.models.core import (
    ARTICLE_SLUG_LENGTH,
    Article,
    ArticleManager,
    ArticleQuerySet,
    Country,
    CountryManager,
    Participation,
    Person,
    PersonAlias,
    Source,
    Suggestion,
    cut_at_word,
    linkable,
    slug_for,
    unique_slug,
)
from archive.models.jobs import ImportJob
from archive.models.redirects import ArticleRedirect, PersonRedirect
from archive.models.revisions import ArticleRevision

__all__ = [
    "ARTICLE_SLUG_LENGTH",
    "Article",
    "ArticleRedirect",
    "ArticleManager",
    "ArticleQuerySet",
    "ArticleRevision",
    "Country",
    "CountryManager",
    "ImportJob",
    "Participation",
    "Person",
    "PersonAlias",
    "PersonRedirect",
    "Source",
    "Suggestion",
    "cut_at_word",
    "linkable",
    "slug_for",
    "unique_slug",
]
