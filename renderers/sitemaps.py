"""``/sitemap.xml``: an index of sitemap pages listing every published article (and nothing else)."""

from django.contrib.sitemaps import Sitemap

from archive.models import Article


class ArticleSitemap(Sitemap):
    """Published articles, newest first; Django pages the list at 50,000 URLs per sitemap page."""

    changefreq = "monthly"

    def items(self):
        # Only what a URL and lastmod need: a page of 50,000 full articles would be hundreds of MB.
        return Article.objects.published().only("slug", "updated_at").order_by("-published_on", "-id")

    def lastmod(self, article):
        return article.updated_at


SITEMAPS = {"articles": ArticleSitemap}
