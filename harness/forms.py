"""Read an HTML form the way a browser submits it (no JavaScript): for admin POSTs in tests."""

from html.parser import HTMLParser


class FormReader(HTMLParser):
    """Collect the successful controls of the form with id ``form_id`` (or the first form)."""

    def __init__(self, form_id=None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.done = False
        self.fields: list[tuple[str, str]] = []
        self._select = None
        self._select_multiple = False
        self._select_chosen = []
        self._select_first = None
        self._textarea = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and not self.inside:
            self.inside = self.form_id is None or a.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((name, a.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and name:
            self._select, self._select_multiple = name, "multiple" in a
            self._select_chosen, self._select_first = [], None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self._select_chosen.append(value)
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside, self.done = False, True
        elif tag == "select" and self._select:
            chosen = self._select_chosen
            if not chosen and not self._select_multiple and self._select_first is not None:
                chosen = [self._select_first]
            self.fields.extend((self._select, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def read_form(html: str, form_id=None) -> list[tuple[str, str]]:
    """Return the ``(name, value)`` pairs the form would submit as it stands."""
    reader = FormReader(form_id)
    reader.feed(html)
    return reader.fields


def replace(fields, **values) -> list[tuple[str, str]]:
    """Return ``fields`` with the named controls set to ``values`` (added if absent)."""
    result = [(k, v) for k, v in fields if k not in values]
    result.extend((k, v) for k, v in values.items())
    return result
