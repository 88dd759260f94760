"""Many curators at once under gunicorn with 4 workers, searches running beside them:
no server error, and the index matches the database once the queue is applied."""

import random
import re
import threading

import pytest

from harness.forms import read_form, replace
from harness.live_desk import CURATOR, CURATOR_PASSWORD, AdminClient, LiveDesk

pytestmark = [pytest.mark.server, pytest.mark.postgres]

CLIENTS, CHANGES_PER_CLIENT = 8, 50
ARTICLE_LINK = re.compile(r'href="/admin/archive/article/(\d+)/change/')


@pytest.fixture(scope="module")
def busy_desk(tmp_path_factory):
    server = LiveDesk(tmp_path_factory.mktemp("busy-data"), workers=4).prepare()
    server.shell("from bench.synthetic import generate; generate(120, words=80)")
    server.manage("build_index")
    # gunicorn's log (Parley logs to stderr), so that a failure can say what the server saw.
    server.log = tmp_path_factory.mktemp("busy-log") / "gunicorn.log"
    server.server.stderr = server.log.open("w")
    server.start()
    server.start_worker()
    yield server
    server.stop()


def article_ids(client) -> list[int]:
    ids = []
    for page in range(3):
        _, html = client.get(f"/admin/archive/article/?q=text:synthetic&p={page + 1}")
        ids.extend(int(pk) for pk in ARTICLE_LINK.findall(html))
    return sorted(set(ids))


def curate(server, articles, seed, outcomes, statuses, deleted):
    """Make ``CHANGES_PER_CLIENT`` admin changes to ``articles`` through the admin's forms."""
    rng = random.Random(seed)
    client = AdminClient(server.url, CURATOR, CURATOR_PASSWORD)
    alive = list(articles)
    for n in range(CHANGES_PER_CLIENT):
        pk = rng.choice(alive)
        kind = rng.choices(["edit", "publish", "withdraw", "delete"], weights=[4, 3, 3, 1 if len(alive) > 5 else 0])[0]
        if kind == "edit":
            status, html = client.get(f"/admin/archive/article/{pk}/change/")
            outcomes.append(("form", status))
            fields = replace(read_form(html, "article_form"), title=f"Curated headline {seed}-{n} marmot")
            status, html = client.post(f"/admin/archive/article/{pk}/change/", fields, follow=False)
            ok = status == 302  # a form with errors would answer 200
        elif kind == "delete":
            status, html = client.post(f"/admin/archive/article/{pk}/delete/", {"post": "yes"}, follow=False)
            ok = status == 302
            alive.remove(pk)
            deleted.append(pk)
        else:
            data = {"action": kind, "_selected_action": [str(pk)], "index": "0"}
            status, html = client.post("/admin/archive/article/", data, follow=False)
            ok = status == 302
            statuses[pk] = "published" if kind == "publish" else "withdrawn"
        outcomes.append((kind, 200 if ok else status))


def server_errors(server) -> str:
    """gunicorn's log but for its routine lines: warnings and errors with their tracebacks, and searches
    answered with anything but 200 (the last 6,000 characters)."""
    text = server.log.read_text(errors="replace")
    routine = re.compile(r"\[INFO\]| INFO (?!parley\.requests GET /search/\S* [^2])")
    keep = [line for line in text.splitlines() if not routine.search(line)]
    return "\n".join(keep)[-6000:]


def search_until(server, done, statuses):
    queries = ["q=talks", "q=marmot", "country=AZ", "q=Baku&sort=newest", "official=synthetic-zakir-hasanov", ""]
    n = 0
    while not done.is_set():
        query = queries[n % len(queries)]
        status, html = server.search(query)
        # What went wrong, when something did: the query, and the page's own explanation.
        statuses.append(status if status == 200 else (status, query, " ".join(html.split())[:600]))
        n += 1


def test_eight_curators_make_400_changes_while_others_search(busy_desk):
    admin = AdminClient(busy_desk.url, CURATOR, CURATOR_PASSWORD)
    ids = article_ids(admin)
    assert len(ids) >= 120
    shares = [ids[i::CLIENTS] for i in range(CLIENTS)]  # each curator their own articles
    outcomes, search_statuses, done = [], [], threading.Event()
    statuses, deleted = {}, []
    searchers = [threading.Thread(target=search_until, args=(busy_desk, done, search_statuses)) for _ in range(2)]
    curators = [
        threading.Thread(target=curate, args=(busy_desk, shares[i], i, outcomes, statuses, deleted))
        for i in range(CLIENTS)
    ]
    for thread in searchers + curators:
        thread.start()
    for thread in curators:
        thread.join(timeout=600)
    done.set()
    for thread in searchers:
        thread.join(timeout=60)

    changes = [kind for kind, _ in outcomes if kind != "form"]
    assert len(changes) == CLIENTS * CHANGES_PER_CLIENT == 400
    assert {"edit", "publish", "withdraw", "delete"} <= set(changes)
    failures = [o for o in outcomes if o[1] != 200]
    assert failures == [], failures[:10]
    refused = [s for s in search_statuses if s != 200]
    assert search_statuses and refused == [], (refused[:5], server_errors(busy_desk))
    # Every change reached the database: the last status each curator set, and the deletions.
    final = busy_desk.shell(
        "from archive.models import Article\n"
        f"print(sorted(Article.objects.filter(pk__in={sorted(statuses)}).values_list('pk', 'status')))\n"
        f"print(Article.objects.filter(pk__in={deleted}).count())"
    ).split("\n")
    assert final[0] == str(sorted((pk, status) for pk, status in statuses.items() if pk not in deleted))
    assert final[1] == "0"
    busy_desk.wait_for_empty_queue(timeout=120)
    check = busy_desk.check_index()
    assert check.returncode == 0, check.stdout[-3000:]
    assert "No drift" in check.stdout
