"""gunicorn configuration: ``gunicorn -c config/gunicorn.conf.py config.wsgi``."""

import os

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
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
# Load the app once so workers share its read-only memory.
preload_app = True


def post_worker_init(worker):
    # Long streamed responses (exports) refresh the heartbeat per chunk: see config/liveness.py.
    from config import liveness

    liveness.register(worker)
