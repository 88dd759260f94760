"""Walking a whole result set on a cluster engine, past its result window, in the search's order.

``from + size`` paging stops at Elasticsearch's ``index.max_result_window`` (10,000) and gets
slower with every page on every engine; exports (query/bulk.py) and ``check_index``
(index/drift.py) walk through the engine's own deep paging instead:

* **Elasticsearch** (7.17 and 8): a point in time (``_pit``) on the live index, then ``search_after``
  the last hit's sort values, sorted as the search asks (by score when it asks nothing) with the
  ``_shard_doc`` tie-breaker, so every hit comes exactly once even when many share a date; ties
  come in index order as on Whoosh (its document numbers, reversed in a descending sort). The
  point in time sees the index as it was when the walk started, and is closed at the end (or
  when the caller stops early).
* **OpenSearch 2**: a scroll, sorted the same way with ``_doc`` (Lucene's document number, the
  index order) in ``_shard_doc``'s place. OpenSearch 2 has no ``_shard_doc`` (it came in 3.3) and
  its own point in time only from 2.4; ``search_after`` with ``_doc`` alone could skip ties that
  sit on two shards, while a scroll keeps each shard's own position, so no hit is skipped or
  repeated on any OpenSearch 2 release. The scroll sees the index as it was when opened, and is
  cleared at the end.
* **Solr**: ``cursorMark``, sorted as the search asks with the unique key ``id`` added as the
  tie-breaker (Solr requires it, and has no index order to page on): ties come by identifier,
  compared as text; the walk ends when the next cursor is the one just used.

Each page is one request of ``batch_size`` hits; only one page is held at a time.
"""

import logging
from collections.abc import Iterator

log = logging.getLogger(__name__)

KEEP_ALIVE = "2m"  # how long a point in time survives between two pages (a slow client's pause)


class ElasticsearchPages:
    tie_breaker = "_shard_doc"  # the sort field that orders ties by index order, unique per hit

    def __init__(self, backend):
        self.backend = backend
        self.conn = backend.conn

    def sorted_body(self, body: dict) -> dict:
        """Return the search ``body`` without paging or aggregations, sorted with the tie-breaker last."""
        body = {key: value for key, value in body.items() if key not in ("from", "size", "aggs")}
        sort = body.get("sort") or [{"_score": {"order": "desc"}}]
        tied = _names(sort) & {"_shard_doc", "_doc"}
        body["sort"] = sort if tied else [*sort, {self.tie_breaker: tie_order(sort)}]
        return body

    def hits(self, body: dict, batch_size: int) -> Iterator[list[dict]]:
        """Yield the raw hits (``_id``, ``_source``, ``sort``) of the search ``body``, page by page."""
        body = self.sorted_body(body)
        pit = self.conn.open_point_in_time(index=self.backend.index_name, params={"keep_alive": KEEP_ALIVE})["id"]
        try:
            after = None
            while True:
                page = {**body, "size": batch_size, "pit": {"id": pit, "keep_alive": KEEP_ALIVE}}
                if after is not None:
                    page["search_after"] = after
                answer = self.conn.search(body=page, params={"_source": "true"})
                pit = answer.get("pit_id", pit)  # Elasticsearch may hand back a new id
                hits = answer["hits"]["hits"]
                if hits:
                    yield hits
                if len(hits) < batch_size:
                    return
                after = hits[-1]["sort"]
        finally:
            self.close(pit)

    def close(self, pit: str) -> None:
        """Close the point in time ``pit``; it expires by itself if the engine cannot be told now."""
        try:
            self.conn.close_point_in_time(body={"id": pit}, params={"ignore": 404})
        except Exception:  # noqa: BLE001 - never hide the fault that ended the walk
            log.warning("point in time could not be closed (it expires after %s)", KEEP_ALIVE, exc_info=True)

    def search_ids(self, query, batch_size: int) -> Iterator[list[int]]:
        """Yield the primary keys of every match of the Haystack ``query``, page by page."""
        params = query.build_params()
        params.pop("start_offset", None), params.pop("end_offset", None)
        body = self.backend.build_search_kwargs(query.build_query(), **params)
        for hits in self.hits(body, batch_size):
            yield [int(hit["_source"]["django_id"]) for hit in hits]

    def documents(self, batch_size: int) -> Iterator[dict]:
        """Yield the stored fields of every document of the live index (index order)."""
        everything = {"query": {"match_all": {}}, "sort": [{self.tie_breaker: {"order": "asc"}}]}
        for hits in self.hits(everything, batch_size):
            yield from (hit["_source"] for hit in hits)


class ScrollPages(ElasticsearchPages):
    """OpenSearch 2: the same sorted bodies, walked with a scroll (see the module's docstring)."""

    tie_breaker = "_doc"

    def hits(self, body: dict, batch_size: int) -> Iterator[list[dict]]:
        body = {**self.sorted_body(body), "size": batch_size}
        answer = self.conn.search(
            index=self.backend.index_name, body=body, params={"scroll": KEEP_ALIVE, "_source": "true"}
        )
        scroll = answer["_scroll_id"]
        try:
            while True:
                scroll = answer.get("_scroll_id", scroll)  # the engine may hand back a new id
                hits = answer["hits"]["hits"]
                if hits:
                    yield hits
                if len(hits) < batch_size:
                    return
                answer = self.conn.scroll(body={"scroll_id": scroll, "scroll": KEEP_ALIVE})
        finally:
            self.close(scroll)

    def close(self, scroll: str) -> None:
        """Clear the scroll ``scroll``; it expires by itself if the engine cannot be told now."""
        try:
            self.conn.clear_scroll(body={"scroll_id": [scroll]}, params={"ignore": 404})
        except Exception:  # noqa: BLE001 - never hide the fault that ended the walk
            log.warning("scroll could not be cleared (it expires after %s)", KEEP_ALIVE, exc_info=True)


def _names(sort: list) -> set[str]:
    return {item if isinstance(item, str) else next(iter(item)) for item in sort}


def tie_order(sort: list) -> dict:
    """Return the tie-breaker's order that breaks ties as Whoosh does: by document number in the
    direction of the date sort (a descending sort is the exact reverse of the ascending one), and
    ascending under relevance."""
    last = sort[-1]
    name, spec = (last, {}) if isinstance(last, str) else next(iter(last.items()))
    order = spec if isinstance(spec, str) else spec.get("order", "asc")
    return {"order": "asc" if name == "_score" else order}


class SolrPages:
    def __init__(self, backend):
        self.backend = backend
        self.conn = backend.conn

    def docs(self, q: str, params: dict, batch_size: int) -> Iterator[list[dict]]:
        """Yield the documents of the search ``q`` with Haystack's ``params``, page by page, through cursors."""
        sort = params.get("sort") or "score desc"
        if not any(clause.split()[0] == "id" for clause in sort.split(",")):
            # Cursors need the unique key in the sort; ties go its way in the date sort's direction, as on Whoosh.
            last = sort.split(",")[-1].split()
            sort += f",id {'asc' if last[0] == 'score' else last[-1]}"
        params = {key: value for key, value in params.items() if key not in ("start", "rows") and "facet" not in key}
        params.update(rows=batch_size, sort=sort, cursorMark="*")
        while True:
            results = self.conn.search(q, **params)
            if results.docs:
                yield results.docs
            if not results.docs or results.nextCursorMark in (None, params["cursorMark"]):
                return
            params["cursorMark"] = results.nextCursorMark

    def search_ids(self, query, batch_size: int) -> Iterator[list[int]]:
        params = query.build_params()
        params.pop("start_offset", None), params.pop("end_offset", None)
        final = query.build_query()
        kwargs = self.backend.build_search_kwargs(final, **params)
        for docs in self.docs(final, kwargs, batch_size):
            yield [int(doc["django_id"]) for doc in docs]

    def documents(self, batch_size: int) -> Iterator[dict]:
        for docs in self.docs("*:*", {"fl": "*"}, batch_size):
            yield from docs


def pages_of(backend):
    """Return the deep pager of a cluster ``backend`` (Elasticsearch, OpenSearch or Solr), or ``None`` (Whoosh).

    Told by the backend's base classes' names, as in index/engine/rebuilds.py.
    """
    bases = {cls.__name__ for cls in type(backend).__mro__}
    if any("OpenSearch" in name for name in bases):
        return ScrollPages(backend)
    if "ElasticsearchSearchBackend" in bases:
        return ElasticsearchPages(backend)
    if "SolrSearchBackend" in bases:
        return SolrPages(backend)
    return None
