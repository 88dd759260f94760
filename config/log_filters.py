"""Log records without query strings (they may carry tokens or a reader's keywords).

Parley's README promises that query strings are never logged. Parley's own request log writes
the path alone, but other libraries name the URL they were working on: gunicorn the request a
worker failed on (``Error handling request /search/?q=…``), pysolr the Solr URL it could not
reach, keywords included (``Failed to connect to server at …/select/?q=…``), and so the error
Parley logs when a search engine fails, and urllib3 every request at DEBUG. The filter cuts
every ``?query`` out of the messages and tracebacks of the handlers it is set on: gunicorn's
error log (config/gunicorn_logging.py) and Django's console handler (``LOGGING`` in settings).
"""

import logging
import re

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
