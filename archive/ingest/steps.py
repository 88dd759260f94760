"""Steps that other apps add to the import, after an article is saved.

The archive does not know them: ``PARLEY_IMPORT_STEPS`` (config/settings.py) names
their factories, each called once per import run (so that reference data, such as a
gazetteer, is loaded once). A step's ``run(article, links, gazetteer)`` runs in the
article's own savepoint, so an article that fails leaves nothing of the step behind,
and returns lines for the import report ("proposed meeting 12: ...").

A step may also have ``prepare(text, links, gazetteer)``: the part of its work that
reads the article (an :class:`ArticleText`) and needs no database. The import runs it
beforehand, in a worker process when it has several (:mod:`archive.ingest.prepare`),
and passes what it returned to ``run(article, links, gazetteer, prepared)`` if the
saved article reads the same (an updated draft may keep its curator's headline;
otherwise ``run`` is called without it and reads the article itself). ``prepare``
must not write anything, nor keep state between articles: it runs in another process.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class ArticleText:
    """What a step's ``prepare`` reads of an article: headline, text, date and the outlet's name."""

    title: str
    body: str
    published_on: date
    source: str

    @classmethod
    def of(cls, article) -> "ArticleText":
        """Return the text of a saved article."""
        return cls(article.title, article.body, article.published_on, article.source.name if article.source_id else "")


def load_steps() -> list:
    """Return one instance of each step named in ``PARLEY_IMPORT_STEPS``, in order."""
    return [import_string(path)() for path in getattr(settings, "PARLEY_IMPORT_STEPS", ())]


def run_step(step, article, links, gazetteer, text: ArticleText | None, prepared) -> list[str]:
    """Run ``step`` on a saved article, with what its ``prepare`` made of ``text`` if the article still reads so."""
    if hasattr(step, "prepare") and text is not None and text == ArticleText.of(article):
        return step.run(article, links, gazetteer, prepared)
    return step.run(article, links, gazetteer)
