"""Limits on what one client, and all clients together, may ask of Parley's machine interfaces.

``clients`` names the client of a request; ``slots`` counts concurrent requests
across every worker process; ``rates`` counts requests over time across every
worker process; ``policy`` applies both to the API, the exports and the feeds
(429 for one client past its share, 503 when the site as a whole is, both with
``Retry-After``); ``priority`` lets exports step aside while searches run.
"""
