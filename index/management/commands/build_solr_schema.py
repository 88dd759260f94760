"""Haystack's ``build_solr_schema`` with Parley's schema and word lists (index/engine/solr_config.py).

With ``--configure-directory`` the core's folder also gets the fold mapping and the stop
words the schema names; Haystack's options are unchanged.
"""

import os

from haystack import connections
from haystack.management.commands.build_solr_schema import Command as HaystackCommand

from index.engine import solr_config


class Command(HaystackCommand):
    help = (
        "Write Parley's Solr schema (folded, unstemmed text; spellcheck) to stdout, a file (-f), or a core's "
        "conf folder (-c, with the word lists the schema names)."
    )

    def build_context(self, using):
        super().build_context(using)  # Haystack's check that ``using`` is a Solr connection
        return solr_config.template_context(connections[using].get_backend())

    def handle(self, **options):
        directory = options.get("configure_directory")
        if directory:  # before Haystack writes the schema and perhaps reloads the core
            for name, text in solr_config.word_lists().items():
                self.write_file(os.path.join(directory, name), text)
        super().handle(**options)
