"""The review queue of suggested officials: each accepted (spelling and country checked), linked or rejected.

The change page shows the sentence the name was found in and the existing people
with a near name (archive/suggestions.py), so a curator links a second spelling
instead of making a twin. The country is the import's guess until a curator accepts.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.urls import reverse
from django.utils.html import format_html

from archive import curation
from archive.admin_filters import SuggestionStatusFilter
from archive.models import Person, Suggestion
from archive.suggestions import near_people, source_sentence


class LabelledAutocomplete(AutocompleteSelect):
    """Django's autocomplete with a placeholder: its empty one leaves an empty box without an accessible name."""

    def __init__(self, field, admin_site, placeholder: str, **kwargs):
        super().__init__(field, admin_site, **kwargs)
        self.placeholder = placeholder

    def build_attrs(self, base_attrs, extra_attrs=None):
        return {**super().build_attrs(base_attrs, extra_attrs), "data-placeholder": self.placeholder}


PLACEHOLDERS = {"person": "Search people by name or alias", "country": "Search countries by any name"}


class SuggestionForm(forms.ModelForm):
    """A suggestion with the curator's decision: the spelling and country of a new person, or whom to link."""

    DECISIONS = [
        ("", "Decide later"),
        ("accept", "Accept as a new person (with the spelling and country below)"),
        (
            "link",
            "Link to an existing person (a near name below, or the person chosen below; the spelling becomes an alias)",
        ),
        ("reject", "Reject"),
    ]
    decision = forms.ChoiceField(choices=DECISIONS, required=False, widget=forms.RadioSelect)
    person_name = forms.CharField(
        label="Name of the new person",
        max_length=200,
        required=False,
        help_text="Correct the spelling if needed; the article's spelling is kept as an alias.",
    )
    near = forms.TypedChoiceField(
        label="Existing people with a near name",
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Suggestion
        fields = ["decision", "person_name", "country", "near", "person"]
        labels = {"country": "Country", "person": "Or another existing person"}
        help_texts = {"country": "The import's guess from the title until you accept; correct it if wrong."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["person_name"].initial = self.instance.name
            self.near_people = near_people(self.instance.name)
        else:
            self.near_people = []
        self.fields["near"].choices = [
            (
                n.person.pk,
                f"{n.person.name} ({n.person.country or 'no country'}; {n.articles} article(s); near: {n.matched})",
            )
            for n in self.near_people
        ]
        if not self.near_people:
            self.fields["near"].help_text = "No existing person has a near name."

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if self.instance.status != Suggestion.Status.PENDING and decision:
            raise forms.ValidationError("This suggestion was already resolved.")
        if decision == "link":
            chosen = data.get("person") or (
                Person.objects.filter(pk=data["near"]).first() if data.get("near") else None
            )
            if chosen is None:
                self.add_error("person", "Choose the person this name belongs to (a near name or another person).")
            data["person"] = chosen
        return data


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    """The review queue: names found in articles, each accepted, linked or rejected."""

    form = SuggestionForm
    list_display = ["name", "title", "role", "article_link", "country_guess", "status", "person"]
    list_filter = [SuggestionStatusFilter, "role", ("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "title", "article__title"]
    list_select_related = ["article", "country", "person"]
    readonly_fields = ["name", "title", "role", "article_link", "sentence", "status", "resolved_at", "created_at"]
    fieldsets = [
        ("Found by the import", {"fields": ["name", "title", "role", "article_link", "sentence", "status"]}),
        ("Decision", {"fields": ["decision", "person_name", "country", "near", "person", "resolved_at"]}),
    ]
    autocomplete_fields = ["person", "country"]
    actions = ["accept_selected", "reject_selected"]

    def has_add_permission(self, request):
        return False  # suggestions come from the import

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in PLACEHOLDERS:
            kwargs["widget"] = LabelledAutocomplete(db_field, self.admin_site, PLACEHOLDERS[db_field.name])
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="article")
    def article_link(self, suggestion):
        url = reverse("admin:archive_article_change", args=[suggestion.article_id])
        return format_html('<a href="{}">{}</a>', url, suggestion.article.title)

    @admin.display(description="country")
    def country_guess(self, suggestion):
        """The country, marked as the import's guess while the suggestion waits."""
        if suggestion.country is None:
            return "—"
        if suggestion.status == Suggestion.Status.PENDING:
            return format_html('{} <small class="parley-guess">(guess)</small>', suggestion.country)
        return str(suggestion.country)

    @admin.display(description="sentence in the article")
    def sentence(self, suggestion):
        found = source_sentence(suggestion.article.body, suggestion.name)
        if found is None:
            return "The name is not in the article's text (it came from the file's own list of participants)."
        return format_html("<q>{}<mark>{}</mark>{}</q>", found.before, found.name, found.after)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != Suggestion.Status.PENDING:
            return [*self.readonly_fields, "country"]  # decided: the country is the curator's now
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        person = form.cleaned_data.get("person")
        if decision == "accept":
            person = curation.accept_as_new_person(
                obj, name=form.cleaned_data.get("person_name") or "", country=form.cleaned_data.get("country")
            )
            country = f", {person.country}" if person.country else ", no country"
            form.change_message = f"Accepted as a new person: {person.name} ({person.slug}{country})."
        elif decision == "link":
            curation.link_to_person(obj, person)
            form.change_message = f"Linked to {person.name} ({person.slug}); “{obj.name}” is now an alias."
        elif decision == "reject":
            curation.reject(obj)
            form.change_message = "Rejected."
        elif "country" in form.changed_data:
            Suggestion.objects.filter(pk=obj.pk).update(country=form.cleaned_data.get("country"))
            form.change_message = "Corrected the guessed country; still to decide."
        # Otherwise "Decide later": nothing to save; the chosen person only counts with a decision.

    def construct_change_message(self, request, form, formsets, add=False):
        return getattr(form, "change_message", None) or super().construct_change_message(request, form, formsets, add)

    def _resolve_each(self, request, queryset, step, description):
        done = 0
        for suggestion in queryset.select_related("article"):
            try:
                step(suggestion)
            except curation.CurationError as error:
                self.message_user(request, str(error), messages.WARNING)
                continue
            self.log_change(request, suggestion, description)
            done += 1
        self.message_user(request, f"{description.rstrip('.')}: {done} suggestions.")

    @admin.action(description="Accept selected as new people (with the guessed countries)", permissions=["change"])
    def accept_selected(self, request, queryset):
        self._resolve_each(request, queryset, curation.accept_as_new_person, "Accepted as a new person.")

    @admin.action(description="Reject selected suggestions", permissions=["change"])
    def reject_selected(self, request, queryset):
        self._resolve_each(request, queryset, curation.reject, "Rejected.")
