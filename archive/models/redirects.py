"""Former slugs: the URLs people and articles had before a merge or a shorter slug, kept so that
links and citations already made still lead somewhere (a permanent redirect)."""

from django.db import models

from archive.models.core import Article, Person


class PersonRedirect(models.Model):
    """A slug that led to a person who was merged into ``person`` (the person kept)."""

    old_slug = models.SlugField(max_length=120, unique=True)
    person = models.ForeignKey(Person, related_name="former_slugs", on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]
        verbose_name = "former slug of a person"
        verbose_name_plural = "former slugs of people"

    def __str__(self):
        return f"{self.old_slug} → {self.person.slug}"


class ArticleRedirect(models.Model):
    """A slug ``article`` had before (one cut to a shorter length, for instance)."""

    old_slug = models.SlugField(max_length=120, unique=True)
    article = models.ForeignKey(Article, related_name="former_slugs", on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]
        verbose_name = "former slug of an article"
        verbose_name_plural = "former slugs of articles"

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"


def person_for_slug(slug: str) -> Person | None:
    """Return the person a former ``slug`` now leads to, or ``None``."""
    redirect = PersonRedirect.objects.select_related("person").filter(old_slug=slug).first()
    return redirect.person if redirect else None


def article_for_slug(slug: str) -> Article | None:
    """Return the article a former ``slug`` now leads to, or ``None``."""
    redirect = ArticleRedirect.objects.select_related("article").filter(old_slug=slug).first()
    return redirect.article if redirect else None


def current_person_slugs(slugs) -> dict[str, str]:
    """Return ``{former slug: slug now}`` for those of ``slugs`` that are former slugs of a person."""
    slugs = list(slugs)
    live = Person.objects.filter(slug__in=slugs).values("slug")  # a person's own slug always wins
    rows = PersonRedirect.objects.filter(old_slug__in=slugs).exclude(old_slug__in=live)
    return dict(rows.values_list("old_slug", "person__slug"))
