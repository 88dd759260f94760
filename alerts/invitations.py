"""Inviting an analyst: an account in the Analysts group without a password, and an email to choose one."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from alerts.links import absolute
from alerts.models import Invitation

ANALYSTS = "Analysts"


def password_link(user) -> str:
    """Return the link where ``user`` chooses a password (Django's password reset, valid once, for three days)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return absolute(reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)]))


def invite(invitation: Invitation) -> Invitation:
    """Create (or find) the invited analyst's account and email the invitation; return it, sent."""
    User = get_user_model()
    with transaction.atomic():
        user = invitation.user or User.objects.filter(email__iexact=invitation.email).first()
        if user is None:
            user = User(username=invitation.email.lower()[:150], email=invitation.email)
            user.set_unusable_password()
            user.save()
        user.groups.add(Group.objects.get_or_create(name=ANALYSTS)[0])
        invitation.user = user
        invitation.sent_at = timezone.now()
        invitation.save()
    body = render_to_string(
        "alerts/accounts/invitation_email.txt",
        {"user": user, "link": password_link(user), "login_url": absolute(reverse("login"))},
    )
    send_mail("Your invitation to Parley", body, None, [invitation.email])
    return invitation
