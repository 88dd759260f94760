"""The curation desk in the admin, as a curator (not a superuser) uses it."""

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.auth.models import Group, User

from archive.models import Article, Participation, Person, PersonAlias, Suggestion
from harness.forms import read_form, replace
from index.models import IndexChange
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db
BAKU = "2019-01-16-hasanov-meets-bagheri-in-baku"


def post_data(fields):
    data = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return data


@pytest.fixture
def curator(seeds, client):
    user = User.objects.create_user("cora", password="a-long-test-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    client.force_login(user)
    IndexChange.objects.all().delete()
    return user


def queued():
    return sorted(set(IndexChange.objects.pending().filter(kind="article").values_list("object_id", flat=True)))


def history(obj):
    return list(LogEntry.objects.filter(object_id=str(obj.pk)).values_list("user__username", "action_flag"))


def test_curators_group_can_curate_but_not_manage_users(curator, client):
    permissions = set(Group.objects.get(name="Curators").permissions.values_list("codename", flat=True))
    assert {"change_article", "delete_article", "change_suggestion", "delete_person"} <= permissions
    assert not any(p.endswith(("_user", "_group", "_permission")) for p in permissions)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403
    assert client.get("/admin/archive/suggestion/add/").status_code == 403


def test_article_list_shows_counts_markers_and_the_queue(curator, client, indexed_seeds):
    article = Article.objects.get(slug=BAKU)
    Suggestion.objects.create(article=article, name="Kamran Aliyev", title="Prosecutor General")
    html = client.get("/admin/archive/article/").content.decode()
    assert "1 to review" in html and "AM AZ IR" in html
    assert 'id="index-queue"' in html and "no change waiting" in html  # a suggestion is not indexed
    article.save()  # the article, the meeting it reports and the agreement signed there wait for the worker
    assert "3 changes waiting" in client.get("/admin/").content.decode()
    html = client.get("/admin/archive/article/?suggestions=pending").content.decode()
    assert "Bagheri" in html and "Iranian Ambassador" not in html
    html = client.get("/admin/archive/article/?published_on__gte=2019-07-01&published_on__lte=2019-12-31").content
    assert b"Iranian Ambassador" in html and b"Chief of" not in html
    response = client.get("/admin/archive/article/?published_on__gte=2019-02-30")
    assert response.status_code == 200 and b"is not a date" in response.content
    html = client.get("/admin/archive/article/?q=Jahangirzadeh").content.decode()
    assert "Iranian Ambassador" in html and "Chief of" not in html


def test_editing_an_article_queues_it_once_committed_and_logs_who(curator, client):
    article = Article.objects.get(slug=BAKU)
    url = f"/admin/archive/article/{article.pk}/change/"
    fields = read_form(client.get(url).content.decode(), "article_form")
    bagheri = Participation.objects.get(article=article, person__slug="mohammad-bagheri")
    index = next(n.split("-")[1] for n, v in fields if n.endswith("-id") and v == str(bagheri.pk))
    fields = replace(fields, title="Hasanov and Bagheri meet in Baku", **{f"participations-{index}-DELETE": "on"})
    response = client.post(url, post_data(fields))
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.title == "Hasanov and Bagheri meet in Baku"
    assert not article.participations.filter(person__slug="mohammad-bagheri").exists()
    assert queued() == [article.pk]
    (entry,) = LogEntry.objects.filter(object_id=str(article.pk))
    assert entry.user == curator and "Headline" in entry.get_change_message()


def test_publish_and_withdraw_actions_queue_and_log(curator, client):
    draft = make_article(title="A draft", status=Article.Status.DRAFT)
    IndexChange.objects.all().delete()
    data = {"action": "publish", "_selected_action": [draft.pk], "index": 0}
    client.post("/admin/archive/article/", data)
    draft.refresh_from_db()
    assert draft.status == "published" and queued() == [draft.pk]
    client.post("/admin/archive/article/", {**data, "action": "withdraw"})
    draft.refresh_from_db()
    assert draft.status == "withdrawn"
    assert history(draft) == [("cora", CHANGE), ("cora", CHANGE)]


def test_relink_action_says_when_linking_is_unavailable(curator, client):
    article = Article.objects.get(slug=BAKU)
    response = client.post(
        "/admin/archive/article/", {"action": "relink", "_selected_action": [article.pk], "index": 0}, follow=True
    )
    try:
        import archive.ingest.linking  # noqa: F401
    except ImportError:
        assert b"Entity linking is not available" in response.content
    else:
        assert b"Re-ran entity linking" in response.content


def test_merging_people_asks_first_then_moves_everything(curator, client):
    hasanov = Person.objects.get(slug="zakir-hasanov")
    twin = make_person("Z. Hasanov", aliases=["Zakir Gasanov"])
    baku = Article.objects.get(slug=BAKU)
    Participation.objects.create(article=baku, person=twin, role="mentioned", title="minister")  # same article
    own = make_article(title="Gasanov in Nakhchivan", people=[twin])
    IndexChange.objects.all().delete()
    selected = {"action": "merge_people", "_selected_action": [hasanov.pk, twin.pk], "index": 0}
    page = client.post("/admin/archive/person/", selected)
    assert page.status_code == 200 and b"Merge into the chosen person" in page.content
    assert Person.objects.filter(pk=twin.pk).exists()  # nothing done before the confirmation
    response = client.post("/admin/archive/person/", {**selected, "keep": hasanov.pk, "confirm": "yes"})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=twin.pk).exists()
    assert set(hasanov.participations.values_list("article__title", "role")) >= {
        ("Gasanov in Nakhchivan", "participant"),
        (baku.title, "participant"),
    }
    assert Participation.objects.filter(article=baku, person=hasanov).count() == 1
    assert set(PersonAlias.objects.filter(person=hasanov).values_list("name", flat=True)) >= {
        "Z. Hasanov",
        "Zakir Gasanov",
    }
    assert set(queued()) >= {own.pk, baku.pk}
    assert ("cora", CHANGE) in history(hasanov)
    assert LogEntry.objects.filter(object_id=str(twin.pk), action_flag=DELETION, user=curator).exists()


def resolve(client, suggestion, **values):
    url = f"/admin/archive/suggestion/{suggestion.pk}/change/"
    fields = read_form(client.get(url).content.decode(), "suggestion_form")
    return client.post(url, post_data(replace(fields, **values)))


def test_review_queue_accepts_links_and_rejects(curator, client):
    baku = Article.objects.get(slug=BAKU)
    new = Suggestion.objects.create(article=baku, name="Kamran Aliyev", title="Prosecutor General")
    known = Suggestion.objects.create(article=baku, name="Zakir Gasanov", title="Minister")
    junk = Suggestion.objects.create(article=baku, name="Press Service")
    listing = client.get("/admin/archive/suggestion/").content.decode()
    assert "Kamran Aliyev" in listing and "Press Service" in listing

    assert resolve(client, new, decision="accept").status_code == 302
    new.refresh_from_db()
    assert new.status == "accepted" and new.person.name == "Kamran Aliyev"
    assert Participation.objects.get(article=baku, person=new.person).title == "Prosecutor General"

    hasanov = Person.objects.get(slug="zakir-hasanov")
    response = resolve(client, known, decision="link")
    assert response.status_code == 200 and b"Choose the person" in response.content  # no person chosen
    assert resolve(client, known, decision="link", person=str(hasanov.pk)).status_code == 302
    known.refresh_from_db()
    assert known.status == "linked" and hasanov.aliases.filter(name="Zakir Gasanov").exists()

    client.post("/admin/archive/suggestion/", {"action": "reject_selected", "_selected_action": [junk.pk], "index": 0})
    junk.refresh_from_db()
    assert junk.status == "rejected" and junk.person is None
    assert "Kamran Aliyev" not in client.get("/admin/archive/suggestion/").content.decode()  # pending only
    assert history(new) == [("cora", CHANGE)]
    assert baku.pk in queued()
