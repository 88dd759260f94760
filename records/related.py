"""What the article page adds around the text: related articles and a citation."""

import logging

from haystack.query import SearchQuerySet

from archive.models import Article

log = logging.getLogger(__name__)
RELATED_LIMIT = 5


def related_articles(article: Article, limit: int = RELATED_LIMIT) -> list[Article]:
    """Return up to ``limit`` published articles the engine finds most like ``article`` ("more like this")."""
    try:
        pks = [int(result.pk) for result in SearchQuerySet().models(Article).more_like_this(article)[:limit]]
    except Exception:
        # Related articles are an extra: a search engine that is down or rebuilding must not
        # take the article itself down with it.
        log.exception("more_like_this failed for %s", article.slug)
        return []
    found = Article.objects.published().select_related("source").by_pk(pks)
    return [found[pk] for pk in pks if pk in found and pk != article.pk]


def citation(article: Article, permalink: str) -> str:
    """Return a ready-to-copy citation: ``Outlet, 'Headline', 16 January 2019, URL``.

    The outlet is the source, else the byline; the URL is the original one, else Parley's permalink.
    """
    outlet = article.source.name if article.source_id else article.byline
    date = f"{article.published_on.day} {article.published_on:%B %Y}"
    parts = [outlet, f"'{article.title}'", date, article.link_url or permalink]
    return ", ".join(part for part in parts if part)
