"""The curators' desk against a real gunicorn: admin lists, URL lookups, a 19 MB upload.

Used by bench/run.py inside its gunicorn (bench/web.py). As a logged-in curator:
the articles' and the meetings' changelists (first page, a search, a filter) and
the lookups a curator makes (an article by its URL, through the URL key's index;
the public article page by slug), each ``reps`` times, p50/p95; then one
``UPLOAD_MB`` JSON Lines file posted to the admin's import page, with the time the
page takes to accept it (it queues a job and answers) and the peak memory of the
web workers meanwhile. The queued job is cancelled, so the archive stays as it was.
"""

import json
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from common import ROOT, summary_ms

from harness.live_desk import AdminClient, post_upload, write_upload

CURATOR, CURATOR_PASSWORD = "bench-curator", "a-long-bench-password-3"
UPLOAD_MB = 19


def ensure_curator(env: dict) -> None:
    """Create (or reset) the benchmark's curator: staff, in the Curators group, no superuser rights."""
    code = (
        "from django.contrib.auth.models import Group, User\n"
        f"u, _ = User.objects.get_or_create(username={CURATOR!r}, defaults={{'is_staff': True}})\n"
        f"u.is_staff = True; u.set_password({CURATOR_PASSWORD!r}); u.save()\n"
        "u.groups.add(Group.objects.get(name='Curators'))"
    )
    subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT, env=env, check=True)


def desk_paths(env: dict) -> dict[str, str]:
    """Return the desk's requests (class → path), from the corpus: its busiest official, outlet and country."""
    code = (
        "import json\n"
        "from bench.common import busiest_meeting_countries\n"
        "from archive.models import Article, Person\n"
        "from django.db.models import Count\n"
        "p = Person.objects.annotate(n=Count('participations')).order_by('-n', 'slug').first()\n"
        "a = Article.objects.published().exclude(url='').order_by('-published_on', 'pk').first()\n"
        "s = Article.objects.published().values('source_id').annotate(n=Count('pk')).order_by('-n').first()\n"
        "print(json.dumps({'name': p.name.split()[-1] if p else 'Hasanov', 'url': a.url if a else '',\n"
        " 'slug': a.slug if a else '', 'source': s['source_id'] if s else 0,\n"
        " 'country': busiest_meeting_countries()[0]}))"
    )
    completed = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    corpus = json.loads(completed.stdout.strip().splitlines()[-1])
    quote = urllib.parse.quote
    articles, meetings = "/admin/archive/article/", "/admin/meetings/meeting/"
    return {
        "admin_articles_first_page": articles,
        "admin_articles_search": f"{articles}?q={quote(corpus['name'])}",
        "admin_articles_filter": f"{articles}?status__exact=published&source__id__exact={corpus['source']}",
        "admin_meetings_first_page": meetings,
        "admin_meetings_search": f"{meetings}?q={quote(corpus['name'])}",
        "admin_meetings_filter": f"{meetings}?review__exact=proposed&participant_country={corpus['country']}",
        "admin_article_by_url": f"{articles}?q={quote(corpus['url'])}",
        "article_page_by_slug": f"/articles/{corpus['slug']}/",
    }


def latency(server, paths: dict[str, str], reps: int) -> dict:
    """Return p50/p95 per desk request over ``reps`` rounds (interleaved), and how many answered other than 200."""
    admin = AdminClient(server.url, CURATOR, CURATOR_PASSWORD)
    for path in paths.values():  # warm: each worker's caches, the session
        admin.get(path)
    samples, errors = {name: [] for name in paths}, {}
    for _ in range(reps):
        for name, path in paths.items():
            started = time.perf_counter()
            status, _ = admin.get(path)
            samples[name].append(time.perf_counter() - started)
            if status != 200:
                errors[name] = status
    return {"classes": {name: summary_ms(values) for name, values in samples.items()}, "errors": errors}


def upload(server, megabytes: int = UPLOAD_MB) -> dict:
    """Post a ``megabytes`` MB file to the admin's import page; return the status, seconds to answer, and the
    web workers' peak RSS (and growth over their RSS before) while it was accepted. Cancels the queued job."""
    admin = AdminClient(server.url, CURATOR, CURATOR_PASSWORD)
    with tempfile.TemporaryDirectory(prefix="bench-upload-") as folder:
        path = Path(folder) / "bench-upload.jsonl"
        records = write_upload(path, megabytes, title="Bench upload")
        outcome = post_upload(admin, server, path, timeout=120)
    if outcome.status == 302 and outcome.location:
        admin.post(outcome.location + "cancel/", {})
    return {
        "megabytes": megabytes,
        "records": records,
        "status": outcome.status,
        "accepted_s": round(outcome.seconds, 2),
        "worker_peak_rss_mb": round(outcome.peak_mb, 1),
        "worker_growth_mb": round(outcome.growth_mb, 1),
    }
