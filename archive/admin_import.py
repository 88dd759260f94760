"""The admin's import pages: upload files as a background import job, follow it, cancel it.

Hooked into ``ArticleAdmin.get_urls``. The upload reaches disk a chunk at a time
(archive/uploads.py); the page queues a job (archive/import_jobs.py) and answers at
once with the job's page, which shows its progress and, when it ends, the same
report as ``manage.py import_articles``. ``manage.py run_import_jobs`` runs the jobs.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from archive import import_jobs
from archive.ingest.formats import PARSERS
from archive.ingest.report import Report
from archive.models import ImportJob, Source

RECENT_JOBS = 10
# The report lists every outcome; past this many of one kind the page shows the first ones and the count.
SHOWN_PER_KIND = 200


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files and returns them as a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ImportForm(forms.Form):
    files = MultipleFileField(help_text="Raw text, JSON Lines/JSON, CSV, RSS/Atom or HTML; at most 20 MB each.")
    publish = forms.BooleanField(required=False, help_text="Publish the imported articles (otherwise drafts).")
    dry_run = forms.BooleanField(required=False, label="Dry run", help_text="Parse, link and report; write nothing.")
    source = forms.ModelChoiceField(
        Source.objects.all(), required=False, help_text="Outlet for files that do not name one."
    )
    format = forms.ChoiceField(
        choices=[("", "Detect from each file")] + [(name, name) for name in sorted(PARSERS)], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django's FileField would cut an empty upload off with "The submitted file is empty";
        # the pipeline reports it like any other bad file, naming it.
        self.fields["files"].allow_empty_file = True

    def job_options(self) -> dict:
        """Return the options as :class:`~archive.models.ImportJob` fields."""
        data = self.cleaned_data
        return {
            "publish": data["publish"],
            "dry_run": data["dry_run"],
            "source": data["source"],
            "format": data["format"] or "",
        }


def _check_permission(request, model_admin: admin.ModelAdmin) -> None:
    if not model_admin.has_add_permission(request):
        raise PermissionDenied


def _context(request, model_admin: admin.ModelAdmin, title: str, **extra) -> dict:
    return {**model_admin.admin_site.each_context(request), "opts": model_admin.model._meta, "title": title, **extra}


def import_view(request, model_admin: admin.ModelAdmin):
    """Show the upload form and the latest jobs; on a valid upload, queue a job and go to its page."""
    _check_permission(request, model_admin)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = import_jobs.queue_job(form.cleaned_data["files"], user=request.user, **form.job_options())
        return HttpResponseRedirect(reverse("admin:archive_article_import_job", args=[job.pk]))
    recent = ImportJob.objects.select_related("created_by")[:RECENT_JOBS]
    return TemplateResponse(
        request,
        "admin/archive/article/import.html",
        _context(request, model_admin, "Import articles", form=form, jobs=recent),
    )


def job_view(request, job_id: int, model_admin: admin.ModelAdmin):
    """Show a job: its state and progress while it runs (the page refreshes itself), then its report."""
    _check_permission(request, model_admin)
    job = get_object_or_404(ImportJob.objects.select_related("created_by", "source"), pk=job_id)
    report = Report.from_json(job.report) if job.report else None
    context = _context(
        request,
        model_admin,
        f"Import {job.pk}",
        job=job,
        report=report,
        shown=SHOWN_PER_KIND,
        refresh=not job.is_finished,
    )
    return TemplateResponse(request, "admin/archive/article/import_job.html", context)


@require_POST
def cancel_view(request, job_id: int, model_admin: admin.ModelAdmin):
    """Cancel a job (at once if queued, after the record under way if running); back to its page."""
    _check_permission(request, model_admin)
    job = import_jobs.cancel(get_object_or_404(ImportJob, pk=job_id))
    if job.state == ImportJob.State.CANCELLED:
        messages.success(request, f"Import {job.pk} was cancelled.")
    elif job.is_finished:
        messages.info(request, f"Import {job.pk} had already ended ({job.get_state_display().lower()}).")
    else:
        messages.info(request, f"Import {job.pk} stops after the record under way; what it saved stays.")
    return HttpResponseRedirect(reverse("admin:archive_article_import_job", args=[job.pk]))
