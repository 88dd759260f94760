"""Accepting a suggestion: spelling and country checked, the source sentence shown, near names offered."""

import pytest

from archive import curation
from archive.models import Article, Country, Person, PersonAlias, Suggestion
from archive.suggestions import near_people, source_sentence
from harness.forms import read_form, replace
from tests.factories import make_article, make_person
from tests.test_curation import post_data
from tests.xss_payloads import PAYLOADS

pytestmark = pytest.mark.django_db
BODY = (
    "The talks were held in Baku. Iranian Minister of Defense and Armed Forces Logistics, Brigadier General "
    "Amir Hatamy met Zakir Hasanov on Monday. Hatamy said the sides agreed."
)


@pytest.fixture
def suggestion(seeds):
    article = make_article(title="Hatamy in Baku", body=BODY)
    return Suggestion.objects.create(
        article=article,
        name="Amir Hatamy",
        title="Minister of Defense and Armed Forces Logistics, Brigadier General",
        country=Country.objects.get(code="IR"),
    )


def change_url(suggestion):
    return f"/admin/archive/suggestion/{suggestion.pk}/change/"


def decide(client, suggestion, **values):
    fields = read_form(client.get(change_url(suggestion)).content.decode(), "suggestion_form")
    return client.post(change_url(suggestion), post_data(replace(fields, **values)))


def test_the_source_sentence_is_found_folded_and_split_around_the_name():
    found = source_sentence(BODY, "AMIR HATAMY")
    assert found.name == "Amir Hatamy" and found.before.startswith("Iranian Minister of Defense")
    assert found.after.strip() == "met Zakir Hasanov on Monday."
    assert source_sentence(BODY, "Nobody Here") is None


def test_near_names_find_another_spelling_not_a_shared_surname(seeds):
    hatami = make_person("Amir Hatami", aliases=["Brigadier General Amir Hatami"])
    make_person("Farid Hatamov")
    near = near_people("Amir Hatamy")
    assert [n.person for n in near] == [hatami] and near[0].ratio >= 0.9
    assert near_people("Rauf Aliyev") == []  # "Ilham Aliyev" and "Heydar Aliyev" are others
    assert near_people("") == []


def test_the_form_shows_the_sentence_the_guess_and_near_names(admin_client, suggestion):
    hatami = make_person("Amir Hatami")
    html = admin_client.get(change_url(suggestion)).content.decode()
    assert "<mark>Amir Hatamy</mark>" in html and "met Zakir Hasanov on Monday" in html
    assert "The import&#x27;s guess from the title" in html or "The import's guess from the title" in html
    assert f'value="{hatami.pk}"' in html and "near: Amir Hatami" in html
    listing = admin_client.get("/admin/archive/suggestion/").content.decode()
    assert "Iran <small" in listing and "(guess)" in listing


def test_accepting_with_a_corrected_spelling_and_country(admin_client, suggestion):
    response = decide(admin_client, suggestion, decision="accept", person_name="Amir  Hatami", country="AZ")
    assert response.status_code == 302
    suggestion.refresh_from_db()
    person = suggestion.person
    assert (person.name, person.country_id, suggestion.status) == ("Amir Hatami", "AZ", "accepted")
    assert list(person.aliases.values_list("name", flat=True)) == ["Amir Hatamy"]  # the article's spelling
    assert person.participations.get().title == suggestion.title


def test_accepting_as_it_stands_gives_the_guessed_country(admin_client, suggestion):
    assert decide(admin_client, suggestion, decision="accept").status_code == 302
    person = Person.objects.get(name="Amir Hatamy")
    assert person.country_id == "IR" and not person.aliases.exists()


def test_the_bulk_action_gives_the_guessed_country_too(suggestion):
    person = curation.accept_as_new_person(suggestion)
    assert person.country_id == "IR"


def test_linking_to_a_near_name(admin_client, suggestion):
    hatami = make_person("Amir Hatami")
    response = decide(admin_client, suggestion, decision="link", near=str(hatami.pk))
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.person == hatami and suggestion.status == "linked"
    assert PersonAlias.objects.filter(person=hatami, name="Amir Hatamy").exists()


def test_linking_without_a_person_asks_for_one(admin_client, suggestion):
    response = decide(admin_client, suggestion, decision="link")
    assert response.status_code == 200 and b"Choose the person this name belongs to" in response.content
    assert Suggestion.objects.get(pk=suggestion.pk).status == "pending"


def test_correcting_the_country_only_keeps_it_pending(admin_client, suggestion):
    assert decide(admin_client, suggestion, country="GE").status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == "pending" and suggestion.country_id == "GE" and suggestion.person is None


@pytest.mark.parametrize("payload", PAYLOADS[:4])
def test_names_and_sentences_stay_text(admin_client, seeds, payload):
    article = make_article(title="x", body=f"Defense Minister {payload} met Zakir Hasanov.")
    hostile = Suggestion.objects.create(article=article, name=payload[:200], title="Defense Minister")
    html = admin_client.get(change_url(hostile)).content.decode()
    assert payload not in html or "<" not in payload
    response = decide(admin_client, hostile, decision="accept", person_name=payload[:200])
    assert response.status_code == 302 and Person.objects.filter(name=" ".join(payload[:200].split())).exists()
    assert Article.objects.filter(pk=article.pk).exists()


def test_the_queue_lists_pending_suggestions_unless_another_status_is_asked(admin_client, suggestion):
    name = suggestion.name
    listed = admin_client.get("/admin/archive/suggestion/").content.decode()
    assert f">{name}<" in listed or f"{name}</a>" in listed
    suggestion.status = Suggestion.Status.REJECTED
    suggestion.save()
    for status, shown in [("", False), ("pending", False), ("rejected", True), ("all", True)]:
        query = {"status": status} if status else {}
        page = admin_client.get("/admin/archive/suggestion/", query).content.decode()
        assert (f">{name}<" in page or f"{name}</a>" in page) is shown, status
