"""Analysts' sign-in and password reset: Django's own views, Parley's templates, throttled by django-axes."""

from django.contrib.auth import views as auth
from django.urls import path, reverse_lazy

T = "alerts/accounts/"

urlpatterns = [
    path(
        "login/",
        auth.LoginView.as_view(template_name=T + "login.html", next_page=reverse_lazy("alerts:list")),
        name="login",
    ),
    path("logout/", auth.LogoutView.as_view(next_page=reverse_lazy("search:search")), name="logout"),
    path(
        "password/reset/",
        auth.PasswordResetView.as_view(
            template_name=T + "password_reset_form.html",
            email_template_name=T + "password_reset_email.txt",
            subject_template_name=T + "password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth.PasswordResetDoneView.as_view(template_name=T + "password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(template_name=T + "password_reset_confirm.html"),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth.PasswordResetCompleteView.as_view(template_name=T + "password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
