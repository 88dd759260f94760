"""The directories of officials and countries (records/directories.py): A–Z, counts, a filter, pages."""

import re

import pytest

from archive.models import Article
from records import directories
from tests.factories import make_article, make_person
from tests.xss_payloads import PAYLOADS, MarkupAudit

pytestmark = pytest.mark.django_db


def rows(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", row).split("\n")[0].strip() for row in re.findall(r'<th scope="row">(.*?)</th>', html)
    ]


def test_officials_a_to_z_with_country_and_articles(client, seeds):
    html = client.get("/officials/").content.decode()
    names = rows(html)
    assert names == sorted(names, key=str.casefold) and "Zakir Hasanov" in names
    row = re.search(r"Zakir Hasanov</a>.*?</tr>", html, re.S).group()
    assert "/countries/AZ/" in row and ">Azerbaijan</a>" in row and '<td class="number">2</td>' in row
    assert 'aria-label="Officials by first letter"' in html


def test_an_official_is_found_by_an_alias_whatever_the_accents(client, seeds):
    html = client.get("/officials/?q=h%C9%99s%C9%99n").content.decode()  # "həsən"
    assert rows(html)[0].startswith("Zakir Hasanov")
    html = client.get("/officials/?q=gasanov").content.decode()
    assert "(also Gasanov)" in html or "(also Zakir Gasanov)" in html


def test_a_letter_and_pages(client, seeds, settings, monkeypatch):
    monkeypatch.setattr(directories, "PAGE_SIZE", 2)
    people = [make_person(f"Hasan Test{n:02d}") for n in range(5)]
    make_article(title="Many officials", people=people)
    html = client.get("/officials/?letter=h").content.decode()
    assert all(name.startswith("H") for name in rows(html)) and len(rows(html)) == 2
    assert "page 1 of" in html and 'rel="next"' in html
    second = client.get("/officials/?letter=H&page=2").content.decode()
    assert rows(second) != rows(html)


@pytest.mark.parametrize(
    "query",
    ["?page=abc", "?page=999", "?page=-1", "?letter=%C3%9F", "?letter=AB", "?q=" + "x" * 500, "?q=%00%01", "?q=*"],
)
def test_bad_parameters_are_messages_never_errors(client, seeds, query):
    for path in ("/officials/", "/countries/"):
        response = client.get(path + query)
        assert response.status_code == 200, (path, query)


def test_countries_by_any_name_with_counts(client, seeds):
    make_article(title="About Türkiye and Russia", countries=["TR", "RU", "SY", "KR", "CZ"])
    html = client.get("/countries/").content.decode()
    assert {"Azerbaijan", "Iran", "Türkiye"} <= set(rows(html))
    assert "Mongolia" not in rows(html)  # no article, no official
    for typed, name in (
        ("Turkey", "Türkiye (Turkey)"),
        ("persia", "Iran (Persia)"),
        ("Russia", "Russian Federation (Russia)"),
        ("syria", "Syria"),
        ("south korea", "South Korea"),
        ("Czech Republic", "Czechia (Czech Republic)"),
    ):
        found = rows(client.get(f"/countries/?q={typed}").content.decode())
        assert found and found[0] == name, (typed, found)
    row = re.search(r">Azerbaijan</a>.*?</tr>", html, re.S).group()
    counts = re.findall(r'<td class="number">(\d+)</td>', row)
    assert counts[0] == str(Article.objects.published().filter(countries__code="AZ").count())


def test_payloads_stay_text(client, seeds):
    from tests.xss_payloads import create_payload_archive

    create_payload_archive()
    for url in ("/officials/", "/officials/?q=official", "/countries/", "/countries/?q=%3Cscript%3E"):
        html = client.get(url).content.decode()
        audit = MarkupAudit.of(html)
        assert audit.dangers == [], url
    text = MarkupAudit.of(client.get("/officials/?q=official").content.decode()).page_text
    assert all(f"Official {n} {p}"[:200] in text for n, p in enumerate(PAYLOADS, 1) if "\x00" not in p)
