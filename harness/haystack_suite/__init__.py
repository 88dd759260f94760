"""django-haystack's own Whoosh tests, run against Parley's engine (``make test-haystack``).

The tests are not copied into this repository: :mod:`.fetch` downloads the pinned
sdist with pip and unpacks its ``test_haystack`` package into ``var/``;
:mod:`.settings` is Haystack's test settings with every Whoosh connection on
Parley's engine; :mod:`.plugin` (a pytest plugin) prepares the index folders that
Haystack's test cases prepare only for the stock engine's path, and marks the
deliberate differences (README, "Haystack's contract: deliberate differences")
as expected failures with their reason.
"""
