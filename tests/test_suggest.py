"""``/api/suggest`` (renderers/suggest.py): names for the autocomplete, strict parameters, rate-limited."""

import json

import pytest

from tests.factories import make_article, make_source

pytestmark = pytest.mark.django_db


def suggest(client, query: str, status: int = 200):
    response = client.get("/api/suggest?" + query)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_officials_by_name_or_alias_folded(client, seeds):
    found = suggest(client, "field=official&q=has")["suggestions"]
    assert found[0] | {"articles": 0} == {
        "field": "official",
        "value": "zakir-hasanov",
        "label": "Zakir Hasanov",
        "matched": "",
        "country": "Azerbaijan",
        "articles": 0,
    }
    assert found[0]["articles"] == 2
    folded = suggest(client, "field=official&q=H%C9%99s%C9%99nov")["suggestions"]  # Həsənov
    assert folded[0]["value"] == "zakir-hasanov" and folded[0]["matched"] == ""  # folds to his own name
    by_alias = suggest(client, "field=official&q=gasan")["suggestions"]
    assert by_alias[0]["value"] == "zakir-hasanov" and "Gasanov" in by_alias[0]["matched"]


def test_countries_by_other_names_and_sources(client, seeds):
    make_article(title="Ankara talks", countries=["TR"], source=make_source("Daily Sabah"))
    country = suggest(client, "field=country&q=Turkey")["suggestions"][0]
    assert (country["value"], country["label"], country["matched"]) == ("TR", "Türkiye", "Turkey")
    assert suggest(client, "field=source&q=sab")["suggestions"][0]["label"] == "Daily Sabah"
    kinds = {s["field"] for s in suggest(client, "field=any&q=a&limit=20")["suggestions"]}
    assert kinds == {"official", "country", "source"}


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=has",
        "field=official",
        "field=person&q=has",
        "field=official&q=",
        "field=official&q=%20%20",
        "field=official&q=" + "x" * 101,
        "field=official&q=a%00b",
        "field=official&q=has&limit=0",
        "field=official&q=has&limit=21",
        "field=official&q=has&limit=abc",
        "field=official&q=has&limit=99999999999999999999",
        "field=official&field=country&q=has",
        "field=official&q=has&page=2",
    ],
)
def test_bad_parameters_are_400_naming_them(client, seeds, query):
    body = suggest(client, query, status=400)
    assert body["errors"] and body["message"]


def test_payloads_come_back_as_json_text(client, seeds):
    from tests.xss_payloads import PAYLOADS, create_payload_archive

    create_payload_archive()
    response = client.get("/api/suggest?field=any&q=official&limit=20")
    # Data, never a page: a browser is told not to sniff it into HTML (the autocomplete sets textContent).
    assert response["X-Content-Type-Options"] == "nosniff"
    labels = [s["label"] for s in json.loads(response.content)["suggestions"]]
    assert f"Official 1 {PAYLOADS[0]}" in labels


def test_suggestions_are_rate_limited_like_the_api(client, seeds, settings):
    settings.PARLEY_LIMITS = {
        **settings.PARLEY_LIMITS,
        "api": {**settings.PARLEY_LIMITS["api"], "client_rate": 0.01, "client_burst": 1},
    }
    statuses = [client.get("/api/suggest?field=official&q=has").status_code for _ in range(3)]
    assert statuses[0] == 200 and 429 in statuses
