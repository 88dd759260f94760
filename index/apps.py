from django.apps import AppConfig


class IndexConfig(AppConfig):
    """The search index's life: what is indexed, the queue, the worker, builds and generations."""

    name = "index"
    # The app was called "search" when the queue's tables and first migration were made; keeping
    # the label keeps existing databases' table names (search_indexchange) and migration history.
    label = "search"
    verbose_name = "Search index"

    def ready(self):
        # Every change that affects search is queued in the database; the index
        # worker applies the queue (see index/queue.py and index/worker.py).
        from index import queue

        queue.connect()
