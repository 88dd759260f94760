"""gunicorn configuration: ``gunicorn -c config/gunicorn.conf.py config.wsgi``."""

import os

from config.env import env_bool

# PARLEY_BIND: where to listen, comma-separated (``0.0.0.0:8000``, ``unix:/run/parley.sock``); by
# default only this machine, on PORT. Behind a proxy on another host, bind to the address it reaches.
bind = [
    address.strip()
    for address in os.environ.get("PARLEY_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}").split(",")
    if address.strip()
]
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads, so that a long export or a slow reader holds one thread, never a whole worker.
# Searches stay one at a time per process (throttle/priority.py: they are CPU-bound and
# share the index's lock); exports may take all threads but two (config/limits.py), and
# step aside while any search runs. See README "Limits".
worker_class = "gthread"
threads = max(3, int(os.environ.get("PARLEY_THREADS", "6")))
# worker_connections stays gunicorn's 1,000: a connection that has sent nothing yet (a browser's
# preconnect) waits in the worker's poller, not in a thread, but counts against it; a lower cap
# (say, = threads) let six idle connections stop a worker from reading any request at all.
# A gthread worker's main loop reports to the master whatever its threads do, so this no
# longer bounds a request: each search has its own time budget (index/budget.py).
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
# proxy we were told about (DJANGO_BEHIND_PROXY=1) is trusted: on this machine by default, or at
# the addresses PARLEY_PROXY_IPS lists (a proxy on another host, with PARLEY_BIND).
forwarded_allow_ips = os.environ.get("PARLEY_PROXY_IPS", "127.0.0.1,::1") if env_bool("DJANGO_BEHIND_PROXY") else ""
# Load the app once so workers share its read-only memory.
preload_app = True
# No control socket (gunicornc, on by default since gunicorn 25.1): its default path is one per user
# ($XDG_RUNTIME_DIR/gunicorn.ctl, else ~/.gunicorn/gunicorn.ctl), so a second gunicorn on the machine
# (the tests start several, a host may serve two archives) takes it over and the first one's exit
# deletes it; under systemd's ProtectHome=yes (deploy/systemd/parley-web.service) the folder cannot
# even be made. Parley's gunicorn is run with signals (systemctl reload, Ctrl-C), which stay as they were.
control_socket_disable = True


def post_worker_init(worker):
    # Streamed responses refresh the heartbeat per chunk (config/liveness.py); only sync workers need it.
    from config import liveness

    liveness.register(worker)
    # Open the index and compute its per-generation arrays before the first request, so the
    # first search's time budget is spent on the search.
    from config.warm import warm_search

    warm_search()
