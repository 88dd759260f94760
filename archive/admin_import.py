"""The admin's import page: upload one or more files, run the import pipeline, show its report.

Hooked into ``ArticleAdmin.get_urls``; the same pipeline as ``manage.py import_articles``.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from archive.ingest.formats import PARSERS
from archive.ingest.pipeline import ImportOptions, run_import
from archive.ingest.read import InputFile
from archive.models import Source


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

    def options(self) -> ImportOptions:
        data = self.cleaned_data
        return ImportOptions(
            publish=data["publish"], dry_run=data["dry_run"], source=data["source"], format=data["format"] or None
        )


def import_view(request, model_admin: admin.ModelAdmin):
    """Show the upload form; on a valid upload, run the import and show its report."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    report = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = [InputFile.from_upload(upload) for upload in form.cleaned_data["files"]]
        report = run_import(files, form.options())
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Import articles",
        "form": form,
        "report": report,
    }
    return TemplateResponse(request, "admin/archive/article/import.html", context)
