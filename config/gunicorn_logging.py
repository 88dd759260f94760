"""gunicorn's error log without query strings (they may carry tokens or personal searches).

gunicorn names the request it was serving when a worker fails or is killed for
its timeout (``Error handling request /search/?q=…``) and quotes bad request
lines; Parley's README promises that query strings are never logged. The filter
cuts every ``?query`` out of the messages and tracebacks of gunicorn's error log.
"""

import logging
import re

from gunicorn.glogging import Logger

# A "?" right after a path character, and what follows up to white space or a quote.
_QUERY = re.compile(r"(?<=[\w/.%~-])\?[^\s'\"]+")
LEFT_OUT = "?[query left out]"


def without_query_strings(text: str) -> str:
    """Return ``text`` with the query string of every URL in it replaced by a marker."""
    return _QUERY.sub(LEFT_OUT, text)


class QueryStringFilter(logging.Filter):
    """Rewrite each record's message (and formatted traceback) without query strings."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "?" in message:
            record.msg, record.args = without_query_strings(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = without_query_strings(logging.Formatter().formatException(record.exc_info))
        return True


class QueryFreeLogger(Logger):
    """gunicorn's logger, its error log filtered by :class:`QueryStringFilter`."""

    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(QueryStringFilter())
