"""Steps that other apps add to the import, after an article is saved.

The archive does not know them: ``PARLEY_IMPORT_STEPS`` (config/settings.py) names
their factories, each called once per import run (so that reference data, such as a
gazetteer, is loaded once). A step's ``run(article, links, gazetteer)`` runs in the
article's own savepoint, so an article that fails leaves nothing of the step behind,
and returns lines for the import report ("proposed meeting 12: ...").
"""

from django.conf import settings
from django.utils.module_loading import import_string


def load_steps() -> list:
    """Return one instance of each step named in ``PARLEY_IMPORT_STEPS``, in order."""
    return [import_string(path)() for path in getattr(settings, "PARLEY_IMPORT_STEPS", ())]
