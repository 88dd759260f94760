"""The curators' article list at 100,000 articles: a fixed number of cheap queries per page.

What made it take 9.3 s at 27,000 articles, and what replaces it:

* counts of people and pending suggestions annotated on *every* article (a GROUP BY
  over three joined tables, then counted again for the paginator): counted here
  for the page's articles only (:class:`ArticleChangeList`);
* "only the values in use" filters joining every article to its links: the values in
  use come from the link tables' own indexes (:class:`UsedRelatedFilter`);
* the date hierarchy (the distinct years of every article, a Python function per row
  on SQLite): the date range filter does its work;
* searching every body with ``LIKE '%…%'`` joined to people and aliases: headline
  (through an index), officials and URL by default, the text only when asked
  (:func:`search_articles`);
* a second count of the whole table (``show_full_result_count``): off; on PostgreSQL
  an unfiltered list takes the planner's estimate (:class:`EstimatedCountPaginator`).
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import build_q_object_from_lookup_parameters, lookup_spawns_duplicates
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count, Q
from django.utils.functional import cached_property
from django.utils.text import smart_split, unescape_string_literal

from archive.models import Article, Participation, Person, Suggestion
from archive.url_keys import url_key

TEXT_PREFIX = "text:"
# Below this many rows an exact count costs nothing; above, PostgreSQL's estimate is used
# for an unfiltered list (it is within a few percent after ANALYZE or autovacuum).
EXACT_COUNT_BELOW = 20_000
SEARCH_HELP = (
    "Headlines, officials (names and aliases) and URLs; every word must match. "
    f"Start with “{TEXT_PREFIX}” to search the article text too (slower: it reads every article)."
)


class ArticleChangeList(ChangeList):
    """The changelist, with each page's people and pending-suggestion counts loaded in two queries.

    The list filters select articles by ``pk IN (subquery)`` and never repeat one, so
    the whole list is not made ``DISTINCT`` for them (Django's changelist would, from
    their field paths); only other lookups given in the URL still can be.
    """

    def get_filters(self, request):
        specs, has_filters, remaining, _, has_active = super().get_filters(request)
        duplicates = any(lookup_spawns_duplicates(self.lookup_opts, key) for key in remaining)
        return specs, has_filters, remaining, duplicates, has_active

    def get_results(self, request):
        super().get_results(request)
        self.result_list = list(self.result_list)
        ids = [article.pk for article in self.result_list]
        people = dict(
            Participation.objects.filter(article_id__in=ids)
            .order_by()
            .values_list("article_id")
            .annotate(total=Count("pk"))
        )
        pending = dict(
            Suggestion.objects.filter(article_id__in=ids, status=Suggestion.Status.PENDING)
            .order_by()
            .values_list("article_id")
            .annotate(total=Count("pk"))
        )
        for article in self.result_list:
            article.participant_total = people.get(article.pk, 0)
            article.pending_total = pending.get(article.pk, 0)


class EstimatedCountPaginator(Paginator):
    """A paginator that, for an unfiltered list of a large PostgreSQL table, takes the planner's row estimate."""

    @cached_property
    def count(self):
        estimate = estimated_count(self.object_list)
        return estimate if estimate is not None and estimate >= EXACT_COUNT_BELOW else super().count


def estimated_count(queryset) -> int | None:
    """Return PostgreSQL's estimate of the rows of ``queryset``'s table when it is unfiltered, else ``None``."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql" or queryset.query.where or queryset.query.distinct:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [queryset.model._meta.db_table]
        )
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] is not None and row[0] >= 0 else None


class UsedRelatedFilter(admin.RelatedFieldListFilter):
    """Like ``RelatedOnlyFieldListFilter`` (only the values some article uses), found through the link's index.

    Django's version joins every article to the links and removes duplicates (5 s for
    countries at 20,000 articles); the distinct values of one indexed column cost milliseconds.
    """

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(include_blank=False, ordering=ordering, limit_choices_to={"pk__in": used_ids(field)})

    def queryset(self, request, queryset):
        """Return the articles linked to the chosen value, as ``pk IN (…)``: no duplicates, no DISTINCT."""
        if not self.used_parameters:
            return queryset
        try:
            chosen = queryset.model._default_manager.filter(build_q_object_from_lookup_parameters(self.used_parameters))
            return queryset.filter(pk__in=chosen.order_by().values("pk"))
        except (ValueError, ValidationError) as error:
            raise IncorrectLookupParameters(error) from error


def used_ids(field):
    """Return a subquery of the primary keys that ``field`` (a foreign key or many-to-many field) points to."""
    if field.many_to_many:
        through = field.remote_field.through
        column = through._meta.get_field(field.m2m_reverse_field_name()).attname
        return through._default_manager.order_by().values(column).distinct()
    return (
        field.model._default_manager.order_by()
        .exclude(**{f"{field.attname}__isnull": True})
        .values(field.attname)
        .distinct()
    )


def search_articles(queryset, search_term: str):
    """Return the articles of ``queryset`` matching every word of ``search_term`` (see :data:`SEARCH_HELP`).

    Each word matches the headline (through the headline's index), a participant's
    name or alias (the people table is small; participations are found by person),
    or, for an http(s) address, the article's URL key (archive/url_keys.py). With the
    ``text:`` prefix a word may also match the text, which reads every article.
    """
    search_term = search_term.strip()
    in_text = search_term.lower().startswith(TEXT_PREFIX)
    if in_text:
        search_term = search_term[len(TEXT_PREFIX) :]
    for word in smart_split(search_term):
        if word[0] in "\"'" and word[-1] == word[0]:
            word = unescape_string_literal(word)
        if word:
            queryset = queryset.filter(_word_matches(word, in_text))
    return queryset


def _word_matches(word: str, in_text: bool) -> Q:
    if word.lower().startswith(("http://", "https://")):
        return Q(url_key=url_key(word))
    in_headline = Article.objects.filter(title__icontains=word).values("pk")
    people = Person.objects.filter(Q(name__icontains=word) | Q(aliases__name__icontains=word)).values("pk")
    with_people = Participation.objects.filter(person__in=people).values("article_id")
    matches = Q(pk__in=in_headline) | Q(pk__in=with_people)
    return matches | Q(body__icontains=word) if in_text else matches
