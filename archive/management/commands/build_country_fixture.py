"""Write fixtures/countries.json from pycountry, the curated country words and countryinfo's names and demonyms."""

import json
from pathlib import Path

import pycountry
from django.conf import settings
from django.core.management.base import BaseCommand

from archive.countries import merged_words

WORDS_FILE = Path(__file__).resolve().parents[2] / "reference" / "country_words.json"


def _display_name(country) -> str:
    return getattr(country, "common_name", None) or country.name


def country_records(words: dict, package=None) -> list[dict]:
    """Return one fixture record per ISO 3166-1 country, sorted by code.

    The display name is pycountry's common name where it has one ("Iran", not
    "Iran, Islamic Republic of"); the ISO name, when different, becomes a long form.
    Demonyms and long forms are the curated ``words`` first, then countryinfo's
    (``package``, see :func:`archive.countries.merged_words`).
    """
    countries = sorted(pycountry.countries, key=lambda c: c.alpha_2)
    iso_names = {
        c.alpha_2: [_display_name(c), c.name, *([c.official_name] if getattr(c, "official_name", "") else [])]
        for c in countries
    }
    merged = merged_words(iso_names, words, package)
    records = []
    for country in countries:
        extra = merged[country.alpha_2]
        name = _display_name(country)
        long_forms = list(dict.fromkeys(f for f in [country.name, *extra["long_forms"]] if f != name))
        records.append(
            {
                "model": "archive.country",
                "pk": country.alpha_2,
                "fields": {
                    "name": name,
                    "official_name": getattr(country, "official_name", "") or "",
                    "demonyms": extra.get("demonyms", []),
                    "long_forms": long_forms,
                },
            }
        )
    return records


class Command(BaseCommand):
    help = "Regenerate fixtures/countries.json from pycountry and archive/reference/country_words.json."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(settings.BASE_DIR / "fixtures" / "countries.json"),
            help="Where to write the fixture (default: fixtures/countries.json).",
        )

    def handle(self, *args, output, **options):
        words = {k: v for k, v in json.loads(WORDS_FILE.read_text()).items() if not k.startswith("_")}
        unknown = sorted(set(words) - {c.alpha_2 for c in pycountry.countries})
        if unknown:
            self.stderr.write(f"{WORDS_FILE}: not ISO 3166 codes: {', '.join(unknown)}")
            raise SystemExit(1)
        records = country_records(words)
        Path(output).write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n")
        self.stdout.write(f"Wrote {len(records)} countries to {output}")
