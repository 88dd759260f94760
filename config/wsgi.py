"""WSGI entry point: ``gunicorn config.wsgi`` (see config/gunicorn.conf.py)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

from config.unread_body import DrainUnreadBody

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# Reads what Django left of a request body before gunicorn closes the socket (see the module).
application = DrainUnreadBody(get_wsgi_application())

# Everything loaded so far (Django, the apps, Whoosh, numpy: ~70,000 objects) lives as
# long as the process. Moved out of the collector's reach, it is neither scanned by
# every full collection (~50 ms each on a 2-core machine) nor copied into each worker
# that gunicorn forks from the preloaded application (see gc.freeze in Python's docs).
gc.freeze()
