"""Admin login throttling: django-axes for logins that come through a web request, plus device cookies.

django-axes locks a username out for one client address after repeated failures.
Behind a reverse proxy Parley was not told about (``DJANGO_BEHIND_PROXY`` unset),
every client has the proxy's address, and five failures by anyone locked the
account for everyone, its owner included. So a browser that has logged in as a
user carries a signed *device cookie* for that user (OWASP's "device cookies"
against lockout attacks): its logins as that user skip the lockout of unknown
clients and have a failure limit of their own. Nobody can lock curators out of
the browsers they use, whatever the proxy setup; unknown clients stay throttled.
"""

import logging
import secrets
from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core import signing
from django.core.cache import cache
from django.dispatch import receiver

log = logging.getLogger(__name__)

DEVICE_COOKIE = "parley_device"
DEVICE_MAX_AGE = timedelta(days=365)
_SALT = "parley.ops.auth.device"
_warned_about_proxy = False


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuse logins from a locked-out client (django-axes); return ``None`` otherwise.

    Only HTTP logins are throttled: ``authenticate()`` without a request (a
    management command, the test client's ``login()``) has no client to lock out,
    and django-axes would raise instead of letting the next backend decide. A login
    from a trusted device of this username (:func:`trusted_device`) under its own
    failure limit is left to the next backend too.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        _warn_if_behind_an_undeclared_proxy(request)
        device = trusted_device(request, username)
        if device is not None and _device_failures(device) < settings.AXES_FAILURE_LIMIT:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def trusted_device(request, username) -> str | None:
    """Return the id of the device cookie ``request`` carries for ``username``, if it is valid; else ``None``."""
    value = request.COOKIES.get(DEVICE_COOKIE)
    if not value or not username:
        return None
    try:
        data = signing.loads(value, salt=_SALT, max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return None
    return data.get("device") if data.get("username") == username else None


class DeviceCookieMiddleware:
    """Give the browser of a successful login its device cookie (set by :func:`_remember_device`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        value = getattr(request, "_parley_device_cookie", None)
        if value:
            response.set_cookie(
                DEVICE_COOKIE,
                value,
                max_age=int(DEVICE_MAX_AGE.total_seconds()),
                path="/admin/",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


@receiver(user_logged_in, dispatch_uid="parley-remember-device")
def _remember_device(sender, request, user, **kwargs):
    if request is None:
        return
    username = user.get_username()
    device = trusted_device(request, username) or secrets.token_urlsafe(12)
    cache.delete(_failures_key(device))
    request._parley_device_cookie = signing.dumps({"username": username, "device": device}, salt=_SALT)


@receiver(user_login_failed, dispatch_uid="parley-count-device-failures")
def _count_device_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    device = trusted_device(request, credentials.get("username"))
    if device is not None:
        key = _failures_key(device)
        cache.add(key, 0, timeout=int(settings.AXES_COOLOFF_TIME.total_seconds()))
        cache.incr(key)


def _device_failures(device: str) -> int:
    return cache.get(_failures_key(device), 0)


def _failures_key(device: str) -> str:
    return f"parley:login-failures:device:{device}"


def _warn_if_behind_an_undeclared_proxy(request) -> None:
    global _warned_about_proxy
    if _warned_about_proxy or settings.BEHIND_PROXY or "HTTP_X_FORWARDED_FOR" not in request.META:
        return
    _warned_about_proxy = True
    log.warning(
        "logins arrive through a proxy (X-Forwarded-For) but DJANGO_BEHIND_PROXY is not set: every client "
        "has the proxy's address for login throttling; set DJANGO_BEHIND_PROXY=1 behind a trusted proxy"
    )
