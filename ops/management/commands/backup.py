"""Write a consistent copy of the database to a file."""

from django.core.management.base import BaseCommand, CommandError

from ops import backup


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the database to PATH while Parley keeps running: "
        "SQLite's online backup, or pg_dump's custom format for PostgreSQL. "
        "The search index is not included; 'restore' rebuilds it."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to write (replaced atomically if it exists).")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, path, database, **options):
        try:
            report = backup.backup(path, using=database)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up the {report.engine} database to {report.path} ({report.bytes} bytes).")
