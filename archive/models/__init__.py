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
    slug_for,
    unique_slug,
)
from archive.models.jobs import ImportJob
from archive.models.revisions import ArticleRevision

__all__ = [
    "Article",
    "ArticleManager",
    "ArticleQuerySet",
    "ArticleRevision",
    "Country",
    "CountryManager",
    "ImportJob",
    "Participation",
    "Person",
    "PersonAlias",
    "Source",
    "Suggestion",
    "linkable",
    "slug_for",
    "unique_slug",
]
