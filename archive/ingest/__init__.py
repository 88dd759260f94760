"""The import pipeline: files in, clean, linked, deduplicated articles out.

One module per step, in the order the pipeline runs them:

``read`` (bytes → text, refusing binary, huge and undecodable files) →
``normalise`` (NFC, white space, page debris) → ``formats`` (one parser per
format: text → :class:`~archive.ingest.records.Draft` records) → ``validate``
(a real date, a body, sane lengths) → ``headline`` (derive a title when there is
none) → ``linking`` (countries, officials, suggestions) → ``dedupe`` (exact and
near duplicates) → ``save`` (one transaction per article).

``pipeline.run_import`` strings them together and returns a ``Report``.
"""
