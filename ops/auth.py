"""Admin login throttling: django-axes, for logins that come through a web request."""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuse logins from a locked-out client (django-axes); return ``None`` otherwise.

    Only HTTP logins are throttled: ``authenticate()`` without a request (a
    management command, the test client's ``login()``) has no client to lock out,
    and django-axes would raise instead of letting the next backend decide.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
