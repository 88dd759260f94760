"""gunicorn's error log without query strings (config/log_filters.py).

gunicorn names the request it was serving when a worker fails or is killed for
its timeout (``Error handling request /search/?q=…``) and quotes bad request
lines; Parley's README promises that query strings are never logged.
"""

from gunicorn.glogging import Logger

from config.log_filters import QueryStringFilter


class QueryFreeLogger(Logger):
    """gunicorn's logger, its error log filtered by :class:`QueryStringFilter`."""

    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(QueryStringFilter())
