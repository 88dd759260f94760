"""gunicorn configuration: ``gunicorn -c config/gunicorn.conf.py config.wsgi``."""

import os

from config.env import env_bool

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Search requests are CPU-bound; sync workers keep one request per process.
worker_class = "sync"
timeout = 60
graceful_timeout = 20
# Parley logs one line per request itself (ops.middleware.RequestLogMiddleware, with
# timing and user); gunicorn's access log would repeat it. PARLEY_ACCESS_LOG=1 turns it on.
accesslog = "-" if os.environ.get("PARLEY_ACCESS_LOG") == "1" else None
errorlog = "-"
# Never the query string (README): %(U)s is the path alone, where %(r)s is the whole request line.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
# gunicorn's own messages name the request (a worker killed at its timeout): without the query.
logger_class = "config.gunicorn_logging.QueryFreeLogger"
# X-Forwarded-Proto (and the other scheme headers) makes a request count as HTTPS. gunicorn
# trusts it from 127.0.0.1 by default, and anything on this machine may send it: only a
# proxy we were told about (DJANGO_BEHIND_PROXY=1; it runs here, as gunicorn listens on
# 127.0.0.1) is trusted.
forwarded_allow_ips = "127.0.0.1,::1" if env_bool("DJANGO_BEHIND_PROXY") else ""
# Load the app once so workers share its read-only memory.
preload_app = True


def post_worker_init(worker):
    # Long streamed responses (exports) refresh the heartbeat per chunk: see config/liveness.py.
    from config import liveness

    liveness.register(worker)
