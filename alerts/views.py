"""The analyst's pages: save a search, "My searches", edit, pause, delete, rotate the feed, unsubscribe."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from alerts.counts import summaries
from alerts.forms import EditSearchForm, SaveSearchForm
from alerts.links import absolute, search_from_token
from alerts.models import Frequency, SavedSearch, SearchKind
from alerts.saved import describe, saved_query, search_of
from index.budget import SearchTooCostly
from query.params import ParameterError


def _own(request, pk) -> SavedSearch:
    return get_object_or_404(SavedSearch, pk=pk, owner=request.user)


@login_required
def my_searches(request):
    searches = list(SavedSearch.objects.filter(owner=request.user))
    return render(request, "alerts/list.html", {"summaries": summaries(searches), "site": absolute("")})


@login_required
def new_search(request, kind):
    """Offer to save the search in the URL (``?q=...&country=...``) under a name; save it on POST."""
    if kind not in SearchKind.values:
        raise Http404("No such kind of search.")
    try:
        query = saved_query(kind, request.GET)
    except (ParameterError, SearchTooCostly) as problem:
        message = getattr(problem, "message", str(problem))
        return render(request, "alerts/new.html", {"problem": message, "kind": kind}, status=400)
    # Saved queries are canonical, so the same search saved again (a second "Follow", a page reloaded) is
    # this one: a second copy would send every item twice.
    existing = SavedSearch.objects.filter(owner=request.user, kind=kind, query=query).first()
    if existing is not None:
        messages.info(request, f"You already save this search as “{existing.name}”: its name and email are here.")
        return redirect("alerts:edit", existing.pk)
    saved = SavedSearch(owner=request.user, kind=kind, query=query)
    description = describe(search_of(saved))
    form = SaveSearchForm(request.POST or None, instance=saved, initial={"name": description[:200]})
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved “{saved.name}”.")
        return redirect("alerts:list")
    context = {"form": form, "kind": kind, "saved": saved, "description": description}
    return render(request, "alerts/new.html", context)


@login_required
def edit_search(request, pk):
    saved = _own(request, pk)
    was_paused = saved.paused
    form = EditSearchForm(request.POST or None, instance=saved)
    if request.method == "POST" and form.is_valid():
        if was_paused and not form.instance.paused:
            # What happened while it was paused is not sent later: it starts again from now.
            form.instance.checked_until = timezone.now()
        form.save()
        messages.success(request, f"Saved “{saved.name}”.")
        return redirect("alerts:list")
    return render(request, "alerts/edit.html", {"form": form, "saved": saved, "feed_url": absolute(saved.feed_path)})


@login_required
def delete_search(request, pk):
    saved = _own(request, pk)
    if request.method == "POST":
        saved.delete()
        messages.success(request, f"Deleted “{saved.name}”.")
        return redirect("alerts:list")
    return render(request, "alerts/delete.html", {"saved": saved})


@login_required
@require_POST
def rotate_feed(request, pk):
    saved = _own(request, pk)
    saved.rotate_feed_token()
    messages.success(request, f"“{saved.name}” has a new feed address; the old one no longer works.")
    return redirect("alerts:edit", pk=saved.pk)


@login_required
def open_search(request, pk):
    """Mark the search seen (its count of new items starts again) and show its results."""
    saved = _own(request, pk)
    SavedSearch.objects.filter(pk=saved.pk).update(seen_at=timezone.now())
    return redirect(saved.search_url)


@csrf_exempt  # RFC 8058: the mail client posts without a session or a token; the signed URL is the key
def unsubscribe(request, token):
    """GET: a page with a button (link checkers follow GETs); POST: stop the emails of that search."""
    saved = search_from_token(token)
    if saved is None:
        return render(request, "alerts/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        SavedSearch.objects.filter(pk=saved.pk).update(frequency=Frequency.NEVER)
        return render(request, "alerts/unsubscribe.html", {"saved": saved, "done": True})
    return render(request, "alerts/unsubscribe.html", {"saved": saved})
