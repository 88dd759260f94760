"""``rebuild_index`` without downtime: the same as ``build_index``.

Haystack's own ``rebuild_index`` clears the index before filling it again, so
searches fail or come back empty while it runs. Parley's replaces it.
"""

from index.management.commands.build_index import Command as BuildIndexCommand


class Command(BuildIndexCommand):
    help = "Rebuild the search index beside the live one and swap it in at once (same as build_index)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Accepted for compatibility with Haystack's command; the build never asks.
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive", help="Ignored.")
        parser.add_argument("-u", "--using", action="append", default=[], help="Ignored: Parley uses one connection.")
        parser.add_argument("-k", "--workers", type=int, default=0, help="Ignored.")
        parser.add_argument("--nocommit", action="store_false", dest="commit", help="Ignored.")

    def handle(self, *args, **options):
        options["if_stale"] = False
        return super().handle(*args, **options)
