"""Form fields for repeatable search parameters of stable keys (``country=AZ&country=IR``)."""

from django import forms

from query.vocabulary import MAX_VALUES_PER_FACET


class MultipleKeysField(forms.Field):
    """A repeatable parameter of stable keys, validated against a pattern and, optionally, the database.

    ``known(keys)`` returns the subset of ``keys`` that exist; the rest are refused by name.
    """

    widget = forms.MultipleHiddenInput

    def __init__(self, *, pattern, normalise=str.strip, known=None, noun, **kwargs):
        super().__init__(required=False, **kwargs)
        self.pattern, self.normalise, self.known, self.noun = pattern, normalise, known, noun

    def to_python(self, value):
        if not value:
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        keys = list(dict.fromkeys(self.normalise(str(v)) for v in values if str(v).strip()))
        if len(keys) > MAX_VALUES_PER_FACET:
            raise forms.ValidationError(f"At most {MAX_VALUES_PER_FACET} {self.noun} values at once.")
        malformed = [k for k in keys if not self.pattern.match(k)]
        if malformed:
            raise forms.ValidationError(f"Not a valid {self.noun}: {', '.join(malformed)[:200]}.")
        if self.known is not None:
            unknown = sorted(set(keys) - self.known(keys))
            if unknown:
                raise forms.ValidationError(f"Unknown {self.noun}: {', '.join(unknown)[:200]}.")
        return keys
