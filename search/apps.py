from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        # Every change that affects search is queued in the database; the index
        # worker applies the queue (see search/queue.py and search/worker.py).
        from search import queue

        queue.connect()
