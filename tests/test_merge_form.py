"""The merge form: which person it offers to keep."""

import re

import pytest

from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db


def preselected(html: str) -> str:
    """Return the value of the checked "keep" radio button."""
    return re.search(r'name="keep" value="(\d+)"[^>]*checked', html).group(1)


@pytest.mark.parametrize("search", ["", "Bagheri"])
def test_the_record_with_more_articles_is_preselected_whatever_its_aliases(admin_client, db, search):
    rich = make_person("Mohammad Bagheri")
    poor = make_person("Mohammad Bagheri Afshardi", aliases=["Bagheri A.", "M. Bagheri", "Baqeri", "Bageri"])
    for number in range(3):
        make_article(title=f"Bagheri visit {number}", people=[rich])
    make_article(title="Afshardi visit", people=[poor])
    selected = {"action": "merge_people", "_selected_action": [poor.pk, rich.pk], "index": 0}
    page = admin_client.post(f"/admin/archive/person/?q={search}", selected)
    html = page.content.decode()
    assert preselected(html) == str(rich.pk)
    assert "3 articles" in html and "1 article;" in html
