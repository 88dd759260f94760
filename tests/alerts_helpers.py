"""What the alerts tests share: an analyst with saved searches, the index brought up to date, a run."""

import datetime

from django.contrib.auth.models import Group, User
from django.utils import timezone

from alerts.delivery import AlertRun
from alerts.models import Frequency, SavedSearch, SearchKind
from index.worker import IndexWorker

PASSWORD = "an-analyst-password-9"


def make_analyst(username="analyst", email="analyst@example.org", **fields) -> User:
    user = User.objects.create_user(username, email, PASSWORD, **fields)
    user.groups.add(Group.objects.get_or_create(name="Analysts")[0])
    return user


def save_search(owner, query="", name="My search", kind=SearchKind.ARTICLES, frequency=Frequency.IMMEDIATE, **fields):
    """A saved search that looks at changes from a minute ago on (so that the test's new articles are new)."""
    a_minute_ago = timezone.now() - datetime.timedelta(minutes=1)
    fields.setdefault("checked_until", a_minute_ago)
    return SavedSearch.objects.create(owner=owner, name=name, kind=kind, query=query, frequency=frequency, **fields)


def index_changes() -> None:
    """Apply the index queue, as the index worker does beside the site."""
    IndexWorker().drain()


def run_alerts(later=datetime.timedelta(0)):
    """Index what is queued, then run the alerts (as if ``later`` had passed). In one process the index
    shows its commit at once: no settling time."""
    index_changes()
    return AlertRun(now=timezone.now() + later, settle=datetime.timedelta(0)).run()
