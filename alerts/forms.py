"""The forms of the "My searches" pages: name and frequency, and pausing."""

import unicodedata

from django import forms

from alerts.models import SavedSearch


def clean_name(value: str) -> str:
    """Return a search's name on one line, without control characters (it becomes an email subject)."""
    name = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in value)
    name = " ".join(name.split())
    if not name:
        raise forms.ValidationError("Give the search a name.")
    return name


class SaveSearchForm(forms.ModelForm):
    """A new saved search: what to call it and how often to email it (the search itself comes from the URL)."""

    class Meta:
        model = SavedSearch
        fields = ["name", "frequency"]
        labels = {"frequency": "Email"}

    def clean_name(self):
        return clean_name(self.cleaned_data.get("name", ""))


class EditSearchForm(SaveSearchForm):
    class Meta(SaveSearchForm.Meta):
        fields = ["name", "frequency", "paused"]
        labels = {"frequency": "Email", "paused": "Paused (no email until resumed)"}
