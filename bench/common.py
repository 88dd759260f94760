"""Helpers shared by the benchmark scripts: Django setup, the query mix, statistics."""

import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # harness.served and the project's modules

from bench.mix_agreements import agreements_mix  # noqa: E402 (needs the project on the path)


def setup_django():
    """Configure Django for a script run from anywhere (the data folder comes from the environment)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def percentile(values, q) -> float:
    """Return the ``q``-th percentile (0-100) of ``values`` by linear interpolation."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary_ms(seconds: list[float]) -> dict:
    """Return p50/p95/mean in milliseconds of a list of durations in seconds."""
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 1),
        "p95_ms": round(percentile(ms, 95), 1),
        "mean_ms": round(statistics.fmean(ms), 1) if ms else None,
    }


def query_mix() -> dict[str, str]:
    """Return the fixed mix: class name → path and query string, from the corpus in the database.

    Articles first, then meetings (``meetings_``), then the office and sector filters
    (``offices_``) where the search forms know those parameters. The official and
    countries are the busiest of the synthetic corpus (the heavy case).
    """
    from django.db.models import Count

    from archive.models import Country, Person
    from bench.mix_relations import relations_mix

    official = Person.objects.annotate(n=Count("participations")).order_by("-n", "slug").first()
    country = Country.objects.annotate(n=Count("articles")).order_by("-n", "code").first()
    official_slug = official.slug if official else "none"
    country_code = country.code if country else "AZ"
    mix = {
        "one_word": "/search/?q=delegation",
        "two_words": "/search/?q=military+cooperation",
        "phrase": "/search/?q=%22joint+exercises%22",
        "word_country_official_dates": (
            f"/search/?q=security&country={country_code}&official={official_slug}"
            "&date_from=2010-01-01&date_to=2020-12-31"
        ),
        "browse_newest_all_facets": "/search/?sort=newest",
        "official_page": f"/officials/{official_slug}/",
        "country_page": f"/countries/{country_code}/",
    }
    return mix | meeting_mix() | office_mix() | agreements_mix() | relations_mix()


def busiest_meeting_countries() -> list[str]:
    """Return the two countries that most meetings have participants of (``["AZ", "IR"]`` when there are none)."""
    from django.db.models import Count

    from meetings.models import MeetingParticipant

    codes = list(
        MeetingParticipant.objects.exclude(country=None)
        .values("country_id")
        .annotate(n=Count("meeting_id", distinct=True))
        .order_by("-n", "country_id")
        .values_list("country_id", flat=True)[:2]
    )
    return codes if len(codes) == 2 else ["AZ", "IR"]


def meeting_mix() -> dict[str, str]:
    """Return the meeting queries of the mix on /meetings/: keyword, "between" two countries, a year,
    the agreement facet, a mode, a second page, newest first, those reported by several independent outlets."""
    first, second = busiest_meeting_countries()
    return {
        "meetings_keyword": "/meetings/?q=delegation",
        "meetings_between_countries": f"/meetings/?country={first}&country={second}&all=country",
        "meetings_year": "/meetings/?year=2019",
        "meetings_agreement_signed": "/meetings/?agreement=yes",
        "meetings_mode_visit": "/meetings/?mode=visit",
        "meetings_keyword_page_2": "/meetings/?q=cooperation&page=2",
        "meetings_newest": "/meetings/?sort=newest",
        "meetings_corroboration_several": "/meetings/?corroboration=several",
    }


def office_mix() -> dict[str, str]:
    """Return the office and sector filters, each only where its search form knows the parameter
    (so that the mix is the same before and after those filters exist, less the missing ones)."""
    from bench.synthetic_offices import position_slug
    from query.forms import ArticleSearchForm, MeetingSearchForm

    country, _ = busiest_meeting_countries()
    office = position_slug("defense_minister", country)
    wanted = {
        "offices_articles_sector_country": (
            ArticleSearchForm,
            ("sector", "participant_country"),
            f"/search/?sector=military&participant_country={country}",
        ),
        "offices_articles_office": (ArticleSearchForm, ("office",), f"/search/?office={office}"),
        "offices_meetings_sector_country": (
            MeetingSearchForm,
            ("sector", "country"),
            f"/meetings/?sector=military&country={country}",
        ),
        "offices_meetings_office": (MeetingSearchForm, ("office",), f"/meetings/?office={office}"),
    }
    return {
        name: path
        for name, (form, params, path) in wanted.items()
        if all(param in form.base_fields for param in params)
    }


def emit(data: dict) -> None:
    """Print ``data`` as the last line of stdout, for the orchestrator to read."""
    print(json.dumps(data), flush=True)


def read_last_json(text: str) -> dict:
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError(f"no JSON line in output: {text[-500:]}")
