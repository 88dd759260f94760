"""Backup and restore round-trip an archive, on SQLite or PostgreSQL (whichever DATABASE_URL says)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Article, Person
from index.build import build_whoosh_index
from tests.factories import make_article, make_person

pytestmark = pytest.mark.django_db(transaction=True)  # the backup must see committed data


@pytest.fixture
def archive(seeds, search_index):
    person = make_person("Backup Roundtrip Official")
    make_article(title="Kept by the backup", body="Xylophone meeting in Baku", people=[person])
    build_whoosh_index()


def search_titles(client, words):
    return client.get(f"/search/?q={words}").content.decode()


def test_backup_and_restore_round_trip_an_archive(client, archive, tmp_path):
    path = tmp_path / "parley.backup"
    call_command("backup", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    before = sorted(Article.objects.values_list("slug", "title", "status", "body"))

    # After the backup: a deletion, an edit, a new article and a new person.
    Article.objects.get(title="Kept by the backup").delete()
    Article.objects.filter(status="published").update(title="Edited after the backup")
    make_article(title="Written after the backup", body="Xylophone again")
    make_person("Person after the backup")
    build_whoosh_index()
    assert "Written after the backup" in search_titles(client, "xylophone")

    call_command("restore", str(path), "--noinput", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(Article.objects.values_list("slug", "title", "status", "body")) == before
    assert not Person.objects.filter(name="Person after the backup").exists()
    assert Article.objects.get(title="Kept by the backup").participations.get().person.name == (
        "Backup Roundtrip Official"
    )
    html = search_titles(client, "xylophone")  # the index was rebuilt from the restored database
    assert "Kept by the backup" in html and "Written after the backup" not in html


def test_restoring_something_that_is_not_a_backup_changes_nothing(archive, tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database")
    count = Article.objects.count()
    with pytest.raises(CommandError, match="notes.txt is not a"):
        call_command("restore", str(bogus), "--noinput")
    with pytest.raises(CommandError, match="no such backup file"):
        call_command("restore", str(tmp_path / "missing.backup"), "--noinput")
    assert Article.objects.count() == count


def test_backup_into_a_folder_is_refused_with_a_reason(archive, tmp_path):
    with pytest.raises(CommandError, match="is a folder"):
        call_command("backup", str(tmp_path))
