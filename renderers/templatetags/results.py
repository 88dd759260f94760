"""An article's row on the search page, rendered in Python.

The template engine spent about 0.6 ms on each of the page's twenty rows (some sixty variable lookups,
filters and escapes each). The markup is the one ``includes/result.html`` had, byte for byte:
``tests/test_fragments_markup.py`` renders that template (kept in tests/data/fragments) beside this.
"""

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


def _people(article) -> str:
    participants = article.participants()
    if not participants:
        return "  \n"
    links = format_html_join(
        ", ", '<a href="{}">{}</a>', ((p.person.get_absolute_url(), p.person.name) for p in participants)
    )
    return format_html('  \n  <p class="people">With {}</p>\n  \n', links)


def _countries(article) -> str:
    countries = article.countries.all()
    if not countries:
        return "  \n"
    links = format_html_join(", ", '<a href="{}">{}</a>', ((c.get_absolute_url(), c.name) for c in countries))
    return format_html('  <p class="countries">{}</p>\n', links)


@register.simple_tag
def article_result(hit) -> str:
    """Return the row of ``hit``: headline, date, outlet and byline, participants, snippet, countries."""
    article = hit.article
    source = format_html(" · {}", article.source.name) if article.source else ""
    byline = format_html(" · {}", article.byline) if article.byline else ""
    return format_html(
        '\n<article class="hit">\n  <h3><a href="{}">{}</a></h3>\n  <p class="meta">\n'
        '    <time datetime="{}">{}</time>\n    {}{}\n  </p>\n{}  <p class="snippet">{}</p>\n{}</article>\n\n',
        article.get_absolute_url(),
        article.title,
        date_filter(article.published_on, "Y-m-d"),
        date_filter(article.published_on, "j F Y"),
        source,
        byline,
        mark_safe(_people(article)),  # noqa: S308 - built with format_html
        hit.snippet,
        mark_safe(_countries(article)),  # noqa: S308 - built with format_html
    )


def _meeting_date(meeting) -> str:
    """The meeting's date as precise as it is known: a year, a month or a day."""
    if meeting.start_precision == "year":
        return date_filter(meeting.start, "Y")
    if meeting.start_precision == "month":
        return date_filter(meeting.start, "F Y")
    return date_filter(meeting.start, "j F Y")


@register.simple_tag
def meeting_result(hit) -> str:
    """Return the row of a meeting ``hit``: who, review state, when, where, mode, status, outlets, snippet,
    what was signed. Proposals are marked as not yet reviewed."""
    meeting = hit.meeting
    names = [p.display_name for p in meeting.participants.all()]
    who = format_html_join(" · ", "{}", ((name,) for name in names)) if names else "Meeting"
    if meeting.is_reviewed:
        badge = mark_safe('<span class="badge reviewed">reviewed</span>')  # noqa: S308 - a constant
    else:
        badge = mark_safe('<span class="badge proposed">proposed, not yet reviewed</span>')  # noqa: S308 - a constant
    place = format_html(" · {}", meeting.place_label) if meeting.place_label else ""
    status = format_html(" · <strong>{}</strong>", meeting.get_status_display()) if meeting.status != "held" else ""
    outlets = meeting.independent_outlets
    agreements = meeting.agreements.all()
    signed = ""
    if agreements:
        titles = format_html_join("; ", "{}", ((a.title or a.get_kind_display(),) for a in agreements))
        signed = format_html('<p class="agreements">Signed: {}</p>', titles)
    return format_html(
        '<article class="hit meeting">\n  <h3><a href="{}">{}</a>\n    {}</h3>\n  <p class="meta">\n'
        '    <time datetime="{}">{}</time>\n    {} · {}{}\n    · {} outlet{}\n  </p>\n'
        '  <p class="snippet">{}</p>\n  {}\n</article>\n',
        meeting.get_absolute_url(),
        who,
        badge,
        date_filter(meeting.start, "Y-m-d"),
        _meeting_date(meeting),
        place,
        meeting.get_mode_display(),
        status,
        outlets,
        "" if outlets == 1 else "s",
        hit.snippet,
        signed,
    )
