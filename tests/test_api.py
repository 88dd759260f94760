"""The JSON API in process: answers, 400s naming the parameter, 404s, the schema."""

import pytest

from archive.models import Article
from query.params import search_fields
from renderers.openapi import openapi_schema
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def api(client, query=""):
    return client.get("/api/search" + (f"?{query}" if query else ""))


def test_search_returns_results_facets_and_links(client, indexed_seeds):
    response = api(client, "q=Bagheri")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert data["count"] == 1 and data["page"] == 1 and data["next"] is None and data["previous"] is None
    [result] = data["results"]
    article = Article.objects.get(pk=result["id"])
    assert result["headline"] == article.title
    assert result["url"] == f"http://testserver/articles/{article.slug}/"
    assert result["date"] == "2019-01-16"
    assert result["source"] == {"slug": "news-az", "name": "News.Az"}
    assert {"slug": "mohammad-bagheri", "name": "Mohammad Bagheri", "role": "participant"}.items() <= {
        **next(o for o in result["officials"] if o["slug"] == "mohammad-bagheri")
    }.items()
    assert {"code": "IR", "name": "Iran"} in result["countries"]
    assert "<mark>Bagheri</mark>" in result["snippet"]
    assert isinstance(result["score"], float)
    countries = next(f for f in data["facets"] if f["name"] == "country")
    assert {"value": "AZ", "label": "Azerbaijan", "count": 1, "selected": False} in countries["values"]


def test_selected_facet_values_are_marked(client, indexed_seeds):
    data = api(client, "country=az").json()
    values = next(f for f in data["facets"] if f["name"] == "country")["values"]
    assert next(v for v in values if v["value"] == "AZ")["selected"] is True
    assert data["count"] == 2


def test_snippet_escapes_everything_but_marks(client, seeds, search_index):
    from index.build import build_whoosh_index

    make_article(title="Escaping", body='Talks on <script>alert("x")</script> & Baku "protocol" zanzibarian.')
    build_whoosh_index()
    [result] = api(client, "q=zanzibarian").json()["results"]
    assert result["snippet"] == (
        "Talks on &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
        "Baku &quot;protocol&quot; <mark>zanzibarian</mark>."
    )


def test_pages_link_to_each_other_with_the_same_parameters(client, indexed_seeds):
    first = api(client, "official=zakir-hasanov&page_size=1&sort=oldest").json()
    assert first["count"] == 2 and first["num_pages"] == 2 and first["previous"] is None
    assert first["next"].startswith("http://testserver/api/search?")
    second = client.get(first["next"]).json()
    assert second["previous"] and second["next"] is None
    assert [first["results"][0]["date"], second["results"][0]["date"]] == ["2019-01-16", "2019-07-18"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("country=ZZ", "country"),
        ("country=A1", "country"),
        ("official=nobody-at-all", "official"),
        ("source=%00", "source"),
        ("year=20x9", "year"),
        ("date_from=2019-02-30", "date_from"),
        ("date_to=0293-03-20", "date_to"),
        ("date_from=2020-01-01&date_to=2019-01-01", "date_to"),
        ("sort=sideways", "sort"),
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page=99", "page"),
        ("page_size=101", "page_size"),
        ("page_size=0", "page_size"),
        ("q=a&q=b", "q"),
        ("q=%00", "q"),
        ("countries=AZ", "countries"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(client, indexed_seeds, query, parameter):
    response = api(client, query)
    assert response.status_code == 400
    data = response.json()
    assert [e["parameter"] for e in data["errors"]] == [parameter]
    assert data["message"].startswith(f"{parameter}: ")


def test_a_date_before_year_1000_is_a_message_on_the_page_not_a_500(client, indexed_seeds):
    """Found by schemathesis: Haystack wrote year 293 as "293", which Whoosh could not parse."""
    response = client.get("/search/?date_to=0293-03-20")
    assert response.status_code == 200 and "Dates run from 1800-01-01" in response.content.decode()


def test_hostile_queries_are_answered(client, indexed_seeds):
    for q in ['"unbalanced', "x" * 5000, "(((a OR", "title:foo^3 [a TO b] {x} \\ / : ~ * ? ! && ||"]:
        response = client.get("/api/search", {"q": q})
        assert response.status_code == 200, q
    # Past the parser's bound (what a search costs is the planner's: tests/test_planner.py).
    assert "first 400 terms" in client.get("/api/search", {"q": "x " * 500}).json()["notices"][0]


def test_accepts_exactly_the_page_parameters_plus_paging(client, indexed_seeds):
    names = set(search_fields())
    assert {"q", "date_from", "date_to", "country", "official", "source", "year", "sort"} <= names
    schema_names = {p["name"] for p in openapi_schema("http://x")["paths"]["/api/search"]["get"]["parameters"]}
    assert schema_names == names | {"page", "page_size"}
    message = api(client, "bogus=1").json()["message"]
    assert all(name in message for name in names | {"page_size"})


def test_article_in_full(client, indexed_seeds):
    article = Article.objects.get(published_on="2019-07-18")
    response = client.get(f"/api/articles/{article.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["body"] == article.body and data["headline"] == article.title
    assert {o["slug"] for o in data["officials"]} == set(article.people.values_list("slug", flat=True))
    assert {c["code"] for c in data["countries"]} == set(article.countries.values_list("code", flat=True))


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.WITHDRAWN])
def test_unpublished_and_unknown_articles_are_json_404(client, seeds, status):
    hidden = make_article(status=status)
    for pk in [hidden.pk, 987654, 2**70, "false", "1/2", "%D9%A3", "-1", "5%0Az"]:
        response = client.get(f"/api/articles/{pk}")
        assert response.status_code == 404 and response.json()["message"]


def test_other_api_paths_are_json_404(client, db):
    for url in ["/api/", "/api/nothing", "/api/articles/", "/api/search/extra", "/api/x%0Ay"]:
        response = client.get(url)
        assert response.status_code == 404 and response["Content-Type"] == "application/json", url


def test_schema_is_served(client, db):
    data = client.get("/api/schema").json()
    assert data["openapi"].startswith("3.") and "/api/search" in data["paths"]
    assert data["servers"] == [{"url": "http://testserver"}]
