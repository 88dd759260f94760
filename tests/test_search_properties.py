"""Property-based: whatever the parameters of /search/, the answer is never a server error."""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

PARAMS = ["q", "date_from", "date_to", "country", "official", "source", "year", "sort", "page", "role", "all"]
KNOWN = {
    "q": ["Bagheri", '"Sea Cup"', "jahangir*", "Bagheir~", "(a OR", "-x", "NOT", "OR OR", "Həsənov", "*", "~", '"'],
    "date_from": ["2019-01-01", "2019-07-18", "0001-01-01", "9999-12-31", "2019-02-30", "2019-1-1"],
    "date_to": ["2019-12-31", "2019-01-16", "0001-01-01", "9999-12-31", "yesterday"],
    "country": ["AZ", "IR", "AM", "ir", "ZZ", "A,Z"],
    "official": ["zakir-hasanov", "mohammad-bagheri", "heydar-aliyev", "Zakir-Hasanov", "x,y"],
    "source": ["news-az", "no-such"],
    "year": ["2019", "2020", "0000", "20x9"],
    "sort": ["relevance", "newest", "oldest", "NEWEST", "sideways"],
    "page": ["1", "2", "0", "-1", "10000", "10001", "99999999999999999999", "1e3", "٣"],
    "role": ["participant", "mentioned", "any", "Participant", "both"],
    "all": ["country", "official", "year", "source", "everything"],
}
any_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),
    max_size=60,
)


@st.composite
def search_parameters(draw):
    """Return a list of ``(name, value)`` pairs: known-good, known-bad and arbitrary values."""
    pairs = []
    for name in draw(st.lists(st.sampled_from(PARAMS), max_size=8)):
        values = draw(st.lists(st.one_of(st.sampled_from(KNOWN[name]), any_text), min_size=1, max_size=4))
        pairs.extend((name, value) for value in values)
    if draw(st.booleans()):
        # Many values of one facet, or a long query.
        name = draw(st.sampled_from(["country", "official", "year", "q"]))
        pairs.extend((name, draw(st.sampled_from(KNOWN[name]))) for _ in range(draw(st.integers(20, 30))))
    return pairs


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=search_parameters())
def test_search_never_answers_with_a_server_error(client, indexed_seeds, pairs):
    # Empty parameters are dropped with one redirect to the same search without them (clean URLs).
    response = client.get("/search/?" + urlencode(pairs), follow=True)
    assert response.status_code == 200 and len(response.redirect_chain) <= 1, pairs
    assert b'id="result-count"' in response.content
