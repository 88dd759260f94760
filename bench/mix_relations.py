"""The relations pages in the benchmark's query mix: the busiest pair's page and the relations index.

The country page is in the main mix already (bench/common.py); it now lists the countries met.
"""


def relations_mix() -> dict[str, str]:
    """Return class name → path of the relations pages, for the two countries most meetings have
    participants of (the pair page with most meetings: the heavy case)."""
    from bench.common import busiest_meeting_countries

    first, second = sorted(busiest_meeting_countries())
    return {"relations_pair": f"/relations/{first}-{second}/", "relations_index": "/relations/"}
