"""Bring back a database backup, then rebuild the search index from it."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from ops import backup


class Command(BaseCommand):
    help = (
        "Replace the database with the backup at PATH (made by 'backup'), apply any newer "
        "migrations, and rebuild the search index. A file that is not a valid backup leaves "
        "the database untouched."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file made by 'manage.py backup'.")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")
        parser.add_argument("--no-index", action="store_true", help="Do not rebuild the search index afterwards.")
        parser.add_argument("--noinput", "--no-input", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, path, database, no_index, noinput, **options):
        if not noinput:
            answer = input(f"Replace the whole database with {path}? Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            kind = backup.restore(path, using=database)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the {kind} database from {path}.")
        call_command("migrate", database=database, interactive=False, verbosity=0)
        if not no_index:
            call_command("build_index", stdout=self.stdout)
