"""Django settings for Parley, read from the environment (see README.md)."""

import os

import dj_database_url

from config.email import email_settings
from config.env import data_dir, env_bool, env_choice, env_float, env_int, env_list, secret_key
from config.limits import machine_limits, search_share
from config.search_url import haystack_connections
from config.security import *  # noqa: F403 - HTTPS, CSP, cookies, login throttling (see config/security.py)
from records import links as record_links

BASE_DIR = __import__("pathlib").Path(__file__).resolve().parent.parent
DATA_DIR = data_dir()

SECRET_KEY = secret_key(DATA_DIR)
DEBUG = env_bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "archive",
    "meetings",
    "offices",
    # Before haystack, so that the index app's rebuild_index (build beside, then swap) replaces
    # Haystack's, which deletes the index first and takes search down while it runs.
    "index",
    "haystack",
    "records",
    "network",
    "relations",
    "renderers",
    "ops",
    "alerts",
]

MIDDLEWARE = [
    "ops.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Gives a browser that logged in its device cookie: its owner cannot be locked out (ops/auth.py).
    "ops.auth.DeviceCookieMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A former slug (a merged person, an article's longer slug) answers 301 to the record now.
    "records.former_slugs.FormerSlugMiddleware",
    "ops.middleware.SearchIndexGuardMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses logins from locked-out clients before any password is checked.
    "ops.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Where a login lands when its ``next`` is missing or unsafe (another host): the admin, not
# Django's default /accounts/profile/, which Parley does not have (a 404).
LOGIN_REDIRECT_URL = "admin:index"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite in the data folder by default; DATABASE_URL (e.g. postgres://...) overrides it.
SQLITE_PATH = DATA_DIR / "parley.sqlite3"
DATABASES = {"default": dj_database_url.config(env="DATABASE_URL", default=f"sqlite:///{SQLITE_PATH}", conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run beside one writer; the busy timeout makes a second
        # writer wait for the lock instead of failing at once, and IMMEDIATE
        # transactions take the write lock up front so waits happen at BEGIN,
        # where the timeout applies, rather than failing mid-transaction.
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where collectstatic writes; a second checkout or test run beside this one gives its own folder.
STATIC_ROOT = __import__("pathlib").Path(os.environ.get("PARLEY_STATIC_ROOT") or BASE_DIR / "staticfiles").resolve()
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

HAYSTACK_CONNECTIONS = haystack_connections(os.environ.get("SEARCH_URL"), DATA_DIR)
# Writes to the index go through the index queue (index/queue.py, index/worker.py), never through
# per-save signals inside a request.
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20
# Whoosh: index the text's word pairs too, so that phrases are answered from them (index/engine/phrases.py):
# common (the default: only the pairs with a common word, index/engine/common_words.txt), 1 (all pairs)
# or off. Common pairs made phrases about ten times faster at 20,000 articles for twice the index (all
# pairs: 4.3 times the index, 3 times a build process's memory); see the README's "Phrases from word pairs".
PARLEY_PHRASE_PAIRS = env_choice(
    "PARLEY_PHRASE_PAIRS",
    {"": "common", "0": "", "off": "", "false": "", "no": "", "1": "all", "on": "all", "true": "all", "yes": "all"}
    | {"all": "all", "common": "common"},
)
# The Solr configset a full build creates its new core from (index/engine/rebuilds.py).
PARLEY_SOLR_CONFIGSET = os.environ.get("PARLEY_SOLR_CONFIGSET", "parley")

# What one search may cost (index/budget.py, query/planner.py): seconds, and index terms,
# postings and dictionary entries read, measured on the index itself.
PARLEY_SEARCH_BUDGET = {
    "seconds": env_float("PARLEY_SEARCH_SECONDS", 2.0),
    "max_terms": env_int("PARLEY_SEARCH_MAX_TERMS", 160),
    "max_postings": env_int("PARLEY_SEARCH_MAX_POSTINGS", 1_200_000),
    "max_scan": env_int("PARLEY_SEARCH_MAX_SCAN", 3_000),
    "max_expansions": env_int("PARLEY_SEARCH_MAX_EXPANSIONS", 40),
}
# Rates and concurrency of the API, exports and feeds, per client and in total (throttle/,
# config/limits.py); the counters live in this folder, shared by every worker process.
PARLEY_LIMITS = machine_limits()
PARLEY_SEARCH_SHARE = search_share()
PARLEY_LIMITS_DIR = DATA_DIR / "limits"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # No query strings in the log, whichever library writes the URL (config/log_filters.py).
    "filters": {"no_query_strings": {"()": "config.log_filters.QueryStringFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_query_strings"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("PARLEY_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per request from ops.middleware.RequestLogMiddleware; Django's
        # own per-request warnings would repeat it.
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},  # lockouts are warnings; its banner and resets are noise
        # Cluster clients log every request's URL, keywords included, which the request log leaves out.
        "pysolr": {"level": "WARNING"},
        "elasticsearch": {"level": "WARNING"},
        "opensearch": {"level": "WARNING"},  # opensearch-py's logger
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Mail (alert digests, invitations, password resets): config/email.py; the console unless EMAIL_HOST is set.
globals().update(email_settings())
# The site's address in links that leave it (emails, feeds): the digests are sent by a command, not a request.
PARLEY_SITE_URL = os.environ.get("PARLEY_SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}").rstrip("/")
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600  # an invitation's link is a password reset: three days to use it

# The admin's import page streams uploads to disk (a chunk at a time, each file cut at the
# import's 20 MB limit) and queues an import job; `manage.py run_import_jobs` runs it. On several
# machines the folder is shared storage, mounted at the same path on each: a job names its files by path.
PARLEY_IMPORT_DIR = __import__("pathlib").Path(os.environ.get("PARLEY_IMPORT_DIR") or DATA_DIR / "imports").resolve()
FILE_UPLOAD_HANDLERS = ["archive.uploads.BoundedTemporaryFileUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024  # no upload is held in memory; this bounds any handler that would
FILE_UPLOAD_TEMP_DIR = str(PARLEY_IMPORT_DIR / "incoming")  # beside the jobs' folders: a move is a rename
(PARLEY_IMPORT_DIR / "incoming").mkdir(parents=True, exist_ok=True)

# Pages that cannot answer without the search index: a broken index makes them a 503
# (ops/middleware.py); article, official and country pages read the database and stay up.
PARLEY_INDEX_VIEWS = {
    "search:search",
    "search:api_search",
    "search:export_csv",
    "search:export_jsonl",
    "search:feed",
    "search:official_feed",
    "search:country_feed",
    "search:meetings",
    "search:api_meetings",
    "search:meetings_export_csv",
    "search:meetings_export_jsonl",
    "search:meetings_export_plover",
    "search:meetings_feed",
    "search:agreements",
    "search:api_agreements",
    "search:agreements_export_csv",
    "search:agreements_export_jsonl",
    "search:agreements_feed",
}

# The public record pages own their URLs; the archive's models get them from there.
ABSOLUTE_URL_OVERRIDES = {
    "archive.article": record_links.article_url,
    "archive.person": record_links.official_url,
    "archive.country": record_links.country_url,
    "meetings.meeting": record_links.meeting_url,
    "offices.position": record_links.position_url,
}

# Steps of other apps that the import runs after saving each article (archive/ingest/steps.py).
# The tenure step (offices.propose.TenureStep) is not on by default yet: it costs about four
# times an article's own import (seven queries per article), which would take a large import
# far below its 300 articles/s; add it here (or in the environment) to have tenure suggestions.
PARLEY_IMPORT_STEPS = env_list("PARLEY_IMPORT_STEPS", ["meetings.recording.MeetingStep"])
# Processes an import uses: each record's validation, linking and meeting proposals (no database) run in
# this many minus one worker processes while the main one writes (archive/ingest/prepare.py); 1: one process.
PARLEY_IMPORT_PROCESSES = env_int("PARLEY_IMPORT_PROCESSES", os.cpu_count() or 1)
