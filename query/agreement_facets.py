"""The agreements tracker's facets: kind, party, year, and the sector of a signatory's office.

Defined like the other searches' facets (query/facets.py), over the agreement documents
of index/search_indexes.py. A party is a country the agreement names as a party; the
sector is read with the chosen parties, as the meetings search reads it with its countries:
``party=AZ&sector=military`` is "an Azerbaijani signatory held a military office on the
meeting's date".
"""

from archive.models import Country
from meetings.vocabulary import AgreementKind
from offices.roles import Sector
from query.facets import (
    ISO_CODE,
    SLUG_WORD,
    YEAR_FACET,
    ChoiceFacet,
    ModelFacet,
    SectorFacet,
    _held_rule,
    _lower,
    _upper,
)

KIND = ChoiceFacet(
    "kind", "agreement_kind", "Kind", noun="kind of agreement", pattern=SLUG_WORD, normalise=_lower,
    choices={choice.value: choice.label for choice in AgreementKind},
)  # fmt: skip
PARTY = ModelFacet(
    "party", "parties", "Party", noun="country code", pattern=ISO_CODE, normalise=_upper,
    multivalued=True, model=Country, key="code",
    help="Countries the agreement names as its parties.",
)  # fmt: skip
SIGNATORY_SECTOR = SectorFacet(
    "sector", "sectors", "Sector of a signatory's office", noun="sector", pattern=SLUG_WORD,
    normalise=_lower, choices={choice.value: choice.label for choice in Sector},
    country_param="party",
    help=(
        "Sectors of the offices the signatories (the meeting's participants of the parties' countries) held on "
        "the meeting's date. With parties chosen: a signatory of that country in the sector (of every chosen "
        f"party with Match all). {_held_rule('the meeting’s date', 'a report of the meeting')}"
    ),
)  # fmt: skip

AGREEMENT_FACETS = (KIND, PARTY, YEAR_FACET, SIGNATORY_SECTOR)
