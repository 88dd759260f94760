"""Security headers, deploy checks, cookies and admin login throttling."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "/articles/2019-01-16-hasanov-meets-bagheri-in-baku/"
PUBLIC_PAGES = [
    "/search/",
    "/search/?q=Bagheri",
    ARTICLE,
    "/officials/zakir-hasanov/",
    "/positions/minister-of-defense-of-azerbaijan/",
    "/countries/AZ/",
    "/healthz",
]
ADMIN_PAGES = ["/admin/login/", "/admin/", "/admin/archive/article/", "/admin/archive/article/add/"]
PASSWORD = "a-long-test-password-1"


def assert_safe_headers(response):
    csp = response["Content-Security-Policy"]
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_send_the_security_headers(client, indexed_seeds, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_safe_headers(response)


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_pages_send_the_security_headers(staff_client, seeds, url):
    response = staff_client.get(url)
    assert response.status_code in (200, 302)
    assert_safe_headers(response)


def test_error_pages_send_the_security_headers(client, seeds):
    response = client.get("/articles/no-such-article/")
    assert response.status_code == 404
    assert_safe_headers(response)


def test_session_and_csrf_cookies_are_http_only(client, seeds):
    get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)
    login = client.get("/admin/login/")
    assert login.cookies["csrftoken"]["httponly"]
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "boss", "password": PASSWORD, "csrfmiddlewaretoken": login.cookies["csrftoken"].value},
    )
    assert response.status_code == 302
    assert response.cookies["sessionid"]["httponly"]
    assert response.cookies["sessionid"]["samesite"] == "Lax"


def run_manage(env_overrides, *args, tmp_path):
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PARLEY_"))}
    env = {**inherited, "PARLEY_DATA_DIR": str(tmp_path), **env_overrides}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


HTTPS_ENV = {
    "DJANGO_SECURE_SSL": "1",
    "DJANGO_BEHIND_PROXY": "1",
    "DJANGO_ALLOWED_HOSTS": "parley.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://parley.example.org",
}


def test_check_deploy_passes_without_any_warning_when_https_is_configured(tmp_path):
    result = run_manage(HTTPS_ENV, "check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_https_is_not_configured(tmp_path):
    result = run_manage({}, "check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout


def test_https_settings_follow_the_environment(tmp_path):
    script = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS)"
    )
    result = run_manage({**HTTPS_ENV, "DJANGO_HSTS_SECONDS": "600"}, "shell", "-c", script, tmp_path=tmp_path)
    assert result.stdout.strip().splitlines()[-1] == (
        "True True True 600 True True ('HTTP_X_FORWARDED_PROTO', 'https') ['https://parley.example.org']"
    )
    plain = run_manage({}, "shell", "-c", script, tmp_path=tmp_path)
    assert plain.stdout.strip().splitlines()[-1] == "False False False 0 False False None []"


def test_https_redirect_and_hsts_under_the_secure_settings(client, settings, seeds):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/countries/AZ/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    secure = client.get("/countries/AZ/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


# --- Admin login: throttled, and silent about which usernames exist -------------


def login(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


@pytest.fixture
def curator(db):
    return get_user_model().objects.create_superuser("curator", "c@example.org", PASSWORD)


def test_unknown_user_and_wrong_password_get_the_same_answer(client, curator):
    unknown = login(client, "nobody-here", "whatever-password")
    wrong = login(client, "curator", "whatever-password")
    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].errors == wrong.context["form"].errors
    assert "nobody-here" not in str(unknown.context["form"].errors)


def test_login_is_locked_after_repeated_failures_even_with_the_right_password(client, curator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "curator", "wrong-password").status_code == 200
    locked = login(client, "curator", "wrong-password")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert login(client, "curator", PASSWORD).status_code == 429  # the right password does not help now
    assert AccessAttempt.objects.filter(username="curator").exists()


def test_lockout_looks_the_same_for_unknown_and_existing_usernames(client, curator, settings):
    answers = {}
    for username in ("curator", "nobody-here"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            response = login(client, username, "wrong-password")
        answers[username] = response
    assert answers["curator"].status_code == answers["nobody-here"].status_code == 429
    assert answers["curator"].content.replace(b"curator", b"X") == answers["nobody-here"].content.replace(
        b"nobody-here", b"X"
    )
    assert b"curator" not in answers["curator"].content


def test_a_locked_out_client_does_not_lock_out_others(client, curator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "curator", "wrong-password")
    other = client.post(
        "/admin/login/?next=/admin/", {"username": "curator", "password": PASSWORD}, REMOTE_ADDR="10.9.8.7"
    )
    assert other.status_code == 302


def test_logins_without_a_request_are_not_throttled(client, curator):
    assert client.login(username="curator", password=PASSWORD)


@pytest.mark.parametrize("next_url", ["https://evil.example.org/", "//evil.example.org/admin/", "javascript:alert(1)"])
def test_a_login_with_an_unsafe_next_lands_on_the_admin(client, curator, next_url):
    """The unsafe ``next`` was ignored for Django's default /accounts/profile/: a 404 after a good login."""
    response = client.post("/admin/login/?next=" + next_url, {"username": "curator", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200


def test_behind_an_undeclared_proxy_an_attacker_cannot_lock_a_curator_out_of_their_browser(client, curator, settings):
    """Without DJANGO_BEHIND_PROXY every client has the proxy's address (here all 127.0.0.1): five failures
    by anyone locked the account for everyone. The curator's browser, which logged in before, still can."""
    from django.test import Client

    assert login(client, "curator", PASSWORD).status_code == 302  # the curator's browser, some day before
    client.post("/admin/logout/")
    attacker = Client(HTTP_X_FORWARDED_FOR="203.0.113.9")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post("/admin/login/?next=/admin/", {"username": "curator", "password": "guess"})
    assert login(attacker, "curator", PASSWORD).status_code == 429  # unknown clients stay locked out
    forged = Client()
    forged.cookies["parley_device"] = "forged:value"
    assert login(forged, "curator", PASSWORD).status_code == 429
    assert login(client, "curator", PASSWORD).status_code == 302


def test_a_trusted_device_has_a_failure_limit_of_its_own(client, curator, settings):
    assert login(client, "curator", PASSWORD).status_code == 302
    client.post("/admin/logout/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "curator", "wrong-password")
    assert login(client, "curator", PASSWORD).status_code == 429
