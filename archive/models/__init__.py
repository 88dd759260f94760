"""The archive's models: the domain (core), revisions kept for review, and import jobs."""

from archive.models.core import (
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
    linkable,
    page_path,
    slug_for,
    unique_slug,
)

__all__ = [
    "Article",
    "ArticleManager",
    "ArticleQuerySet",
    "Country",
    "CountryManager",
    "Participation",
    "Person",
    "PersonAlias",
    "Source",
    "Suggestion",
    "linkable",
    "page_path",
    "slug_for",
    "unique_slug",
]
