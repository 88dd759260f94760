"""The kinds of record Parley indexes, by the name the index queue gives them.

Each kind is a model with a Haystack ``SearchIndex`` (index/search_indexes.py);
the queue, the worker, the full build and the drift check go over all of them.
"""

from django.apps import apps

# Queue name -> model label; the order is the order of a full build.
KINDS = {"article": "archive.Article", "meeting": "meetings.Meeting", "agreement": "meetings.Agreement"}


def model_of(kind: str):
    """Return the model of the kind ``kind``."""
    return apps.get_model(KINDS[kind])


def kind_of(model) -> str:
    """Return the queue's name for ``model`` (a model class or instance)."""
    label = model._meta.label
    return next(kind for kind, name in KINDS.items() if name == label)


def identifier(kind: str, pk) -> str:
    """Return Haystack's document identifier for record ``pk`` of ``kind``."""
    meta = model_of(kind)._meta
    return f"{meta.app_label}.{meta.model_name}.{pk}"
