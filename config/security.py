"""Security settings: safe by default, HTTPS by configuration.

Imported by ``config.settings``. Everything here is read from the environment
(see README.md, "Running on the internet"):

* ``DJANGO_SECURE_SSL=1``: the site is served over HTTPS. Plain HTTP is
  redirected, cookies are sent over HTTPS only, and browsers are told to keep to
  HTTPS (HSTS) for ``DJANGO_HSTS_SECONDS`` (default one year), subdomains
  included (``DJANGO_HSTS_INCLUDE_SUBDOMAINS``, default on) and eligible for
  browser preload lists (``DJANGO_HSTS_PRELOAD``, default on).
* ``DJANGO_BEHIND_PROXY=1``: a reverse proxy terminates TLS and sets
  ``X-Forwarded-Proto`` and ``X-Forwarded-For``; trust them (only then).
* ``DJANGO_CSRF_TRUSTED_ORIGINS``: read in ``config.settings``.

Whatever the variables, every response carries a Content-Security-Policy without
inline scripts, ``X-Frame-Options: DENY``, ``Referrer-Policy`` and
``X-Content-Type-Options: nosniff``, and cookies are HttpOnly.
"""

from datetime import timedelta

from csp.constants import NONE, SELF

from config.env import env_bool, env_int

ONE_YEAR = 365 * 24 * 3600

SECURE_SSL = env_bool("DJANGO_SECURE_SSL", default=False)
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", default=False)

# --- HTTPS (only when the site is really served over HTTPS) --------------------
SECURE_SSL_REDIRECT = SECURE_SSL
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", ONE_YEAR) if SECURE_SSL else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL and env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = SECURE_SSL and env_bool("DJANGO_HSTS_PRELOAD", default=True)
# Trusting X-Forwarded-Proto from a client that is not our proxy would let anyone
# claim HTTPS, so this is opt-in.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# The health check is for load balancers, which often probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Headers on every response -------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Cookies ---------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
# Nothing in Parley reads the CSRF token from JavaScript (forms carry it).
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Content-Security-Policy (django-csp 4) -------------------------------------
# Scripts and styles only from our own origin, never inline: an injected <script>
# or onerror= attribute cannot run even if escaping ever failed. The Django admin
# works under this policy (tests/test_browser_security.py watches for violations).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Admin login throttling (django-axes) ---------------------------------------
# Five failures from one client for one username lock that pair out for 15
# minutes. Attempts on unknown usernames count exactly like wrong passwords, and
# the lockout page says the same thing in both cases: nothing tells an attacker
# which usernames exist.
AXES_FAILURE_LIMIT = env_int("PARLEY_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("PARLEY_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "ops/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_SENSITIVE_PARAMETERS = ["password"]
# Behind a proxy the client address is the last one the proxy appended.
AXES_IPWARE_PROXY_COUNT = 1 if BEHIND_PROXY else None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if BEHIND_PROXY else ["REMOTE_ADDR"]
