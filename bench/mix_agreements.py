"""The agreements tracker's queries in the benchmark mix: every agreement, and one kind between the busiest
country's parties (the synthetic corpus signs protocols)."""


def agreements_mix() -> dict[str, str]:
    """Return the tracker's classes: class name → path and query string, from the corpus in the database."""
    from bench.common import busiest_meeting_countries

    country, _ = busiest_meeting_countries()
    return {
        "agreements_all": "/agreements/",
        "agreements_kind_party": f"/agreements/?kind=protocol&party={country}",
    }
