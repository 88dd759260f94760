"""What Parley puts in the search index: published articles, the meetings they report, and the agreements signed there.

Facet fields hold stable keys (ISO codes, slugs) so that a renamed person or
outlet needs no change of URL, and labels always come from the database. They are
declared as Haystack ``Facet*Field``s so every backend stores them as whole,
unanalysed values (Whoosh: see index/engine/whoosh.py; Elasticsearch: keyword).
"""

import hashlib
import json

from haystack import fields, indexes
from haystack.constants import DJANGO_CT, DJANGO_ID, ID

from archive.models import Article, Participation
from index.fields import StemmedTextField
from meetings import corroboration
from meetings.models import Agreement, Meeting, Review
from offices import held


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    # Title, body, names and aliases, countries, source, byline: see the template. Not stored:
    # the text is in the database, and storing it would double the index.
    text = indexes.CharField(document=True, use_template=True, stored=False)
    # Headline and body again, stemmed and without names, so that "sign" also finds "signed".
    stemmed = StemmedTextField(stored=False)
    date = indexes.DateField(model_attr="published_on")
    countries = fields.FacetMultiValueField()
    # The countries the participants represent (their person's country), not countries only named.
    participant_countries = fields.FacetMultiValueField()
    officials = fields.FacetMultiValueField()
    participants = fields.FacetMultiValueField()
    mentioned = fields.FacetMultiValueField()
    source = fields.FacetCharField()
    year = fields.FacetCharField()
    month = fields.FacetCharField()
    # The offices the participants held on the article's date (offices/held.py says what counts):
    # position slugs, their sectors, and each sector with the position's country ("AZ:military").
    offices = fields.FacetMultiValueField()
    sectors = fields.FacetMultiValueField()
    office_sectors = fields.FacetMultiValueField()
    # A hash of every other field as prepared, stored but not searchable:
    # ``check_index`` compares it with the database to find drift in the text too.
    digest = indexes.CharField(indexed=False, stored=True, null=True)

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        """Only published articles are searchable; drafts and withdrawn ones never are."""
        return self.get_model().objects.published().for_display().prefetch_related("people__aliases")

    def prepare_batch(self, articles, memo: held.TenureMemo | None = None) -> list:
        """Load what :meth:`prepare` reads about many articles at once (the offices held); return them.

        Optional: without it each article costs its own queries (offices/held.py). ``memo``
        keeps the tenures read for the next batches of a full build.
        """
        return held.attach_to_articles(articles, memo)

    def read_queryset(self, using=None):
        return self.get_model().objects.published().for_display()

    def should_update(self, instance, **kwargs):
        return instance.is_published

    def prepare(self, obj):
        data = super().prepare(obj)
        data.update(office_fields(held.all_held(held.article_offices(obj))))
        data["digest"] = document_digest(data)
        return data

    def prepare_stemmed(self, article):
        return f"{article.title}\n{article.body}"

    def prepare_countries(self, article):
        return sorted(country.code for country in article.countries.all())

    def prepare_participant_countries(self, article):
        return sorted(
            {
                p.person.country_id
                for p in article.participations.all()
                if p.role == Participation.Role.PARTICIPANT and p.person.country_id
            }
        )

    def prepare_officials(self, article):
        return sorted(p.person.slug for p in article.participations.all())

    def prepare_participants(self, article):
        return sorted(p.person.slug for p in article.participations.all() if p.role == Participation.Role.PARTICIPANT)

    def prepare_mentioned(self, article):
        return sorted(p.person.slug for p in article.participations.all() if p.role == Participation.Role.MENTIONED)

    def prepare_source(self, article):
        return article.source.slug if article.source_id else None

    def prepare_year(self, article):
        return f"{article.published_on:%Y}"

    def prepare_month(self, article):
        return f"{article.published_on:%Y-%m}"


class MeetingIndex(indexes.SearchIndex, indexes.Indexable):
    """Meetings with at least one published report, proposed or reviewed (never rejected or merged).

    ``countries`` are the countries the participants represent, never countries only
    named in a report: that is what "a meeting between Azerbaijan and Iran" means.
    """

    # Participants' names, aliases and titles, place, agreements, the reports' headlines and text.
    # Not stored (one schema serves both indexes: a stored field here would store every article's text).
    text = indexes.CharField(document=True, use_template=True, stored=False)
    date = indexes.DateField(model_attr="start")
    countries = fields.FacetMultiValueField()
    officials = fields.FacetMultiValueField()
    sides = fields.FacetMultiValueField()
    mode = fields.FacetCharField(model_attr="mode")
    status = fields.FacetCharField(model_attr="status")
    review = fields.FacetCharField(model_attr="review")
    place = fields.FacetCharField()
    agreement = fields.FacetCharField()
    outlets = fields.FacetCharField()
    # single or several independent outlets, and disputed when reports disagree (meetings/corroboration.py).
    corroboration = fields.FacetMultiValueField()
    year = fields.FacetCharField()
    month = fields.FacetCharField()
    # As for articles: offices held on the meeting's date by participants with a person.
    offices = fields.FacetMultiValueField()
    sectors = fields.FacetMultiValueField()
    office_sectors = fields.FacetMultiValueField()
    digest = indexes.CharField(indexed=False, stored=True, null=True)

    def get_model(self):
        return Meeting

    def index_queryset(self, using=None):
        published = Article.Status.PUBLISHED
        return (
            self.get_model()
            .objects.filter(review__in=[Review.PROPOSED, Review.REVIEWED], reports__article__status=published)
            .distinct()
            .for_display()
            .prefetch_related("participants__person__aliases")
        )

    def prepare_batch(self, meetings, memo: held.TenureMemo | None = None) -> list:
        """Load what :meth:`prepare` reads about many meetings at once (the offices held); return them."""
        return held.attach_to_meetings(meetings, memo)

    def read_queryset(self, using=None):
        return self.get_model().objects.public().for_display()

    def prepare(self, obj):
        data = super().prepare(obj)
        data.update(office_fields(held.all_held(held.meeting_offices(obj))))
        data["digest"] = document_digest(data)
        return data

    def prepare_countries(self, meeting):
        return sorted({p.country.code for p in meeting.participants.all() if p.country_id})

    def prepare_officials(self, meeting):
        return sorted({p.person.slug for p in meeting.participants.all() if p.person_id})

    def prepare_sides(self, meeting):
        return sorted({p.side for p in meeting.participants.all()})

    def prepare_place(self, meeting):
        return meeting.city or None

    def prepare_agreement(self, meeting):
        return "yes" if meeting.agreements.all() else "no"

    def prepare_outlets(self, meeting):
        # From the reports as they are now (the stored count waits for a curator's save).
        return str(corroboration.of_meeting(meeting).outlets)

    def prepare_corroboration(self, meeting):
        return corroboration.of_meeting(meeting).values

    def prepare_year(self, meeting):
        return f"{meeting.start:%Y}"

    def prepare_month(self, meeting):
        return f"{meeting.start:%Y-%m}"


class AgreementIndex(indexes.SearchIndex, indexes.Indexable):
    """Agreements signed at public meetings (the agreements tracker).

    ``parties`` are the countries the agreement names as parties; the office fields are the
    offices its signatories (the meeting's participants of those countries, see
    :meth:`Agreement.signatories`) held on the meeting's date, read as for meetings, so that
    ``party=AZ&sector=military`` means an Azerbaijani military office-holder signed.
    """

    # The title as reported and the sentence that reports the signing (the tracker's keyword box).
    text = indexes.CharField(document=True, use_template=True, stored=False)
    date = indexes.DateField()
    agreement_kind = fields.FacetCharField(model_attr="kind")
    parties = fields.FacetMultiValueField()
    year = fields.FacetCharField()
    month = fields.FacetCharField()
    offices = fields.FacetMultiValueField()
    sectors = fields.FacetMultiValueField()
    office_sectors = fields.FacetMultiValueField()
    digest = indexes.CharField(indexed=False, stored=True, null=True)

    def get_model(self):
        return Agreement

    def index_queryset(self, using=None):
        return self.get_model().objects.public().for_display()

    def read_queryset(self, using=None):
        return self.get_model().objects.public().for_display()

    def prepare_batch(self, agreements, memo: held.TenureMemo | None = None) -> list:
        """Load the offices held at the agreements' meetings at once (offices/held.py); return the agreements."""
        agreements = list(agreements)
        held.attach_to_meetings({a.meeting_id: a.meeting for a in agreements}.values(), memo)
        return agreements

    def prepare(self, obj):
        data = super().prepare(obj)
        data.update(office_fields(signatory_offices(obj)))
        data["digest"] = document_digest(data)
        return data

    def prepare_date(self, agreement):
        return agreement.meeting.start

    def prepare_parties(self, agreement):
        return sorted(country.code for country in agreement.parties.all())

    def prepare_year(self, agreement):
        return f"{agreement.meeting.start:%Y}"

    def prepare_month(self, agreement):
        return f"{agreement.meeting.start:%Y-%m}"


def signatory_offices(agreement) -> list[held.HeldPosition]:
    """Return the offices the signatories of ``agreement`` held on its meeting's date, each once."""
    offices = held.meeting_offices(agreement.meeting)
    return held.all_held({p.person_id: offices.get(p.person_id, []) for p in agreement.signatories() if p.person_id})


def office_fields(offices: list[held.HeldPosition]) -> dict[str, list[str]]:
    """Return the index's office fields for the offices held: ``offices`` (position slugs), ``sectors``
    and ``office_sectors`` (each sector with its country), sorted."""
    return {
        "offices": sorted({office.slug for office in offices}),
        "sectors": sorted({office.sector for office in offices}),
        "office_sectors": sorted({office.sector_key for office in offices}),
    }


def document_digest(data: dict) -> str:
    """Return a short hash of a prepared document's fields (identifiers and the digest excluded)."""
    content = {key: value for key, value in data.items() if key not in (ID, DJANGO_CT, DJANGO_ID, "digest", "boost")}
    encoded = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()[:32]
