"""A corpus of XSS payloads and an archive that carries them in every text field.

Used in-process (tests/test_xss.py) and by the browser test, which loads it into
a live Parley with ``manage.py shell -c`` (see :func:`create_payload_archive`).
Each payload calls ``alert`` with its own number, so a dialog tells which one ran.
"""

import datetime
from html.parser import HTMLParser

PAYLOADS = [
    '<script>alert("xss-1")</script>',
    '<img src=x onerror=alert("xss-2")>',
    '<svg onload=alert("xss-3")>',
    '<svg><script>alert("xss-4")</script></svg>',
    '"><script>alert("xss-5")</script>',
    "'><img src=x onerror=alert('xss-6')>",
    "<a href=\"javascript:alert('xss-7')\">click</a>",
    '<img src=x onerror=alert("xss-8")',  # unclosed tag
    "<iframe src=\"javascript:alert('xss-9')\">",  # unclosed element
    '&lt;script&gt;alert("xss-10")&lt;/script&gt;',  # entities that must stay text
    '&#60;img src=x onerror=alert("xss-11")&#62;',  # numeric entities
    '%3Cscript%3Ealert("xss-12")%3C/script%3E',  # URL-encoded
    r"\u003cscript\u003ealert('xss-13')\u003c/script\u003e",  # JavaScript escapes
    '<scr<script>ipt>alert("xss-14")</script>',
    '<details open ontoggle=alert("xss-15")>',
    "<IMG SRC=JaVaScRiPt:alert('xss-16')>",
    '<math><mtext><table><mglyph><style><img src=x onerror=alert("xss-17")>',
    "\uff1cscript\uff1ealert('xss-18')\uff1c/script\uff1e",  # full-width brackets
    "<div style=\"background:url(javascript:alert('xss-19'))\">",
    "<body onload=alert('xss-20')>",
    "<svg><a xlink:href=\"javascript:alert('xss-21')\"><text y=20>x</text></a></svg>",
    "<b>bold</b> &amp; <i>mixed &quot;entities&quot; &#x27;</i> <!-- <script>alert('xss-22')</script> -->",
]

JAVASCRIPT_URL = "javascript:alert('xss-url')"


def create_payload_archive():
    """Create one published article per payload, with the payload in every text field.

    Returns the list of created articles. Headline, body, byline, source name,
    person name, alias and title-as-reported all carry the payload; the article's
    URL is a ``javascript:`` URL.
    """
    from archive.models import Article, Country, Participation, Person, Source

    azerbaijan = Country.objects.get(code="AZ")
    articles = []
    for number, payload in enumerate(PAYLOADS, 1):
        source = Source.objects.create(name=f"Outlet {number} {payload}"[:200])
        person = Person.objects.create(name=f"Official {number} {payload}"[:200], country=azerbaijan)
        person.aliases.create(name=f"Alias {number} {payload}"[:200])
        article = Article.objects.create(
            title=f"Headline {number} {payload}"[:300],
            body=f"Payloadword {number} starts here.\n{payload}\nPayloadword {number} ends {payload} here.",
            published_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=number),
            source=source,
            byline=f"By {payload}"[:200],
            url="",
            status=Article.Status.PUBLISHED,
        )
        # Written after create: the URL field is not validated on save, as an import might not.
        Article.objects.filter(pk=article.pk).update(url=f"{JAVASCRIPT_URL}-{number}")
        article.countries.set([azerbaijan])
        Participation.objects.create(article=article, person=person, title=f"Minister {payload}"[:300])
        articles.append(article)
    return articles


class MarkupAudit(HTMLParser):
    """Collect what in a page could run script, and the page's text.

    ``dangers`` lists every element or attribute that would execute script:
    ``<script>`` without a same-origin ``src`` or with inline code (JSON data
    from ``json_script`` aside), ``on*``
    attributes, ``javascript:`` URLs, and elements no Parley or admin page uses
    (``iframe``, ``object``, ``embed``, ``base``).
    """

    FORBIDDEN = {"iframe", "object", "embed", "base", "frame", "frameset"}
    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.dangers, self.text, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.dangers.append(f"<{tag} {name}=...>")
            squeezed = "".join((value or "").split()).lower()
            if name in self.URL_ATTRIBUTES and squeezed.startswith(("javascript:", "vbscript:", "data:text/html")):
                self.dangers.append(f"<{tag} {name}={value!r}>")
        if tag in self.FORBIDDEN:
            self.dangers.append(f"<{tag}>")
        if tag == "script":
            attributes = dict(attrs)
            src = attributes.get("src") or ""
            is_data = attributes.get("type") == "application/json"  # json_script: escaped data, never run
            if not is_data and (not src.startswith("/") or src.startswith("//")):
                self.dangers.append(f"<script src={src!r}>")
            self._in_script = not is_data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.dangers.append(f"inline script: {data[:60]!r}")
        self.text.append(data)

    @classmethod
    def of(cls, html: str) -> "MarkupAudit":
        audit = cls()
        audit.feed(html)
        audit.close()
        return audit

    @property
    def page_text(self) -> str:
        return "".join(self.text)
