"""Stand-ins for Elasticsearch 7.17 and 8, OpenSearch 2 and Solr 9 on loopback, for tests without a cluster.

Each is a real HTTP server (``http.server`` in a thread) that speaks the engine's documented
REST format as far as Parley and Haystack use it: it keeps the documents Haystack sends
(Elasticsearch's ``_bulk`` NDJSON, Solr's XML ``<add>``/``<delete>``), answers searches over
them with the engine's own defaults (a terms aggregation returns 10 buckets unless given a
``size``; Solr returns 100 facet values, zero counts included, and ORs words unless
``q.op=AND``), and records every request, so that tests assert on the bodies the backend sent.
Words are analysed, and misspellings suggested, only as the index settings Haystack sends
(Elasticsearch) or the configset Parley writes (Solr) say (tests/cluster_analysis.py).
What it does not model (other analysis, scoring, dates) is refused with a 400, never guessed. Indexes,
aliases, cores and deep paging (points in time, ``search_after``, cursors) are modelled in
tests/cluster_indices.py.

``refuse_with = 503`` refuses every request; ``bad_documents`` are refused (per item, per request);
``credentials`` (user, password) makes the engine refuse any request without them (401, as an engine
with security on); ``start_cluster(..., tls=(certificate, key))`` serves https.
"""

import base64
import json
import re
import ssl
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlsplit
from xml.etree import ElementTree

from tests import cluster_analysis
from tests.cluster_analysis import Unmodelled
from tests.cluster_indices import ElasticsearchIndices, Refused, SolrCores, after, es_sort_keys, ordered, solr_sort_keys

ES_DEFAULT_FACET_SIZE = 10
COMPATIBLE_WITH_7 = "application/vnd.elasticsearch+json;compatible-with=7"
SOLR_DEFAULT_FACET_LIMIT = 100
OPERATORS = {"AND", "OR", "NOT", "TO"}
FIELD_TERMS = re.compile(r"^\(?(\w+):\(([^()]*)\)\)?$")


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, list[str]]
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    def json(self):
        return json.loads(self.body)


@dataclass
class Answer:
    status: int
    body: object
    content_type: str = "application/json"


class BadRequest(Exception):
    """The stand-in does not model this part of the request."""


@dataclass
class Engine:
    """What both stand-ins share: the documents by identifier (of each index or core), the requests, the faults."""

    stores: dict[str, dict[str, dict]] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    refuse_with: int | None = None
    bad_documents: set[str] = field(default_factory=set)
    credentials: tuple[str, str] | None = None
    # Elasticsearch 7.14+ names itself in every answer, and its client refuses a server that does not.
    product_header: str | None = "Elasticsearch"
    lock: threading.Lock = field(default_factory=threading.Lock)
    live_name = "parley"  # the index or core SEARCH_URL names

    def __post_init__(self):
        """Each stand-in sets up its indexes or cores here."""

    @property
    def documents(self) -> dict[str, dict]:
        """The documents of the index or core SEARCH_URL names (through its alias), in index order."""
        name = self.resolve(self.live_name)
        return self.stores[name] if name is not None else {}

    def resolve(self, name: str) -> str | None:
        return name if name in self.stores else None

    def handle(self, request: Request) -> Answer:
        with self.lock:
            self.requests.append(request)
            if self.refuse_with:
                return Answer(self.refuse_with, self.error_body(self.refuse_with, "the engine refuses requests"))
            if self.credentials and request.headers.get("authorization") != basic_authorization(*self.credentials):
                return Answer(401, self.error_body(401, "missing authentication credentials"))
            try:
                return self.route(request)
            except (BadRequest, Unmodelled) as problem:
                return Answer(400, self.error_body(400, f"not modelled: {problem}"))
            except Refused as refusal:
                return Answer(refusal.status, self.error_body(refusal.status, refusal.reason, refusal.kind))

    def requests_to(self, pattern: str) -> list[Request]:
        """Return the recorded requests whose path matches the regular expression ``pattern``."""
        return [request for request in self.requests if re.search(pattern, request.path.rstrip("/"))]

    # Searching, as both engines do it ---------------------------------------------------

    def matching(self, documents, words_query, operator: str, filters: list[str], models: list[str], field_name: str):
        """Return the ``documents`` (in index order) matching the keywords in ``field_name`` (analysed as the
        field is, with ``operator`` between clauses), the filters and models. A clause is a word, or
        alternatives in parentheses joined by OR, each a word or ``field:word`` (a boost ``^n`` is read and
        left aside: the stand-ins do not score). A word analysed to several terms needs them all."""
        clauses = keyword_clauses(words_query)
        wanted = []
        for alternatives in clauses:
            fields = [(name or field_name, word) for name, word in alternatives]
            analysed = [(name, self.analyzer_for(name).terms(word)) for name, word in fields]
            if any(terms for _, terms in analysed):
                wanted.append([(name, terms) for name, terms in analysed if terms])
        if clauses and not wanted:
            return []  # only stop words: the engines match nothing

        def has(document, alternatives) -> bool:
            return any(all(t in self.field_terms(document, name) for t in terms) for name, terms in alternatives)

        found = []
        for document in documents.values():
            if models and document["django_ct"] not in models:
                continue
            if wanted and not (all if operator == "AND" else any)(has(document, option) for option in wanted):
                continue
            if all(matches_filter(document, text_filter) for text_filter in filters):
                found.append(document)
        return found

    def field_terms(self, document: dict, field_name: str) -> set[str]:
        """Return the terms of a document's text field, analysed as the engine's settings say."""
        return set(self.analyzer_for(field_name).terms(" ".join(str(v) for v in as_list(document.get(field_name)))))

    def frequencies(self, field_name: str) -> dict[str, int]:
        """Return ``{term: number of documents}`` of a text field (what spelling suggestions come from)."""
        counted: dict[str, int] = {}
        for document in self.documents.values():
            for term in self.field_terms(document, field_name):
                counted[term] = counted.get(term, 0) + 1
        return counted

    def counts(self, documents: list[dict], field_name: str, *, everything: list[dict] | None = None) -> list:
        """Return ``[(value, count)]`` of ``field_name`` by count then value; with ``everything``,
        the values of those documents that no match has, counted zero (Solr's mincount 0)."""
        tally: dict[str, int] = {}
        for document in everything or ():
            for value in as_list(document.get(field_name)):
                tally.setdefault(str(value), 0)
        for document in documents:
            for value in as_list(document.get(field_name)):
                tally[str(value)] = tally.get(str(value), 0) + 1
        return sorted(tally.items(), key=lambda pair: (-pair[1], pair[0]))


class FakeElasticsearch(ElasticsearchIndices, Engine):
    """Elasticsearch 7.17 as Haystack's Elasticsearch 7 backend and the Python client use it.

    Each index keeps its own ``settings.analysis`` (``analyses``) and mapping (``mappings``)."""

    def __post_init__(self):
        self.init_indices()
        self.analyses: dict[str, dict] = {}

    def error_body(self, status, reason, kind="exception"):
        return {
            "error": {"root_cause": [{"type": kind, "reason": reason}], "type": kind, "reason": reason},
            "status": status,
        }

    def root(self) -> dict:
        return {"version": {"number": "7.17.13", "build_flavor": "default"}, "tagline": TAGLINE}

    def hit(self, document: dict, index: str, values: list | None) -> dict:
        found = {"_index": index, "_type": "_doc", "_id": document["id"], "_score": 1.0, "_source": document}
        return {**found, "sort": values} if values is not None else found

    def handle(self, request: Request) -> Answer:
        """Answer in the format the request asks for: Elasticsearch's REST API compatibility media type
        (``compatible-with=7``) on both headers or on neither (a 400 otherwise, as the engine answers)."""
        asked = {request.headers.get(name, "").replace(" ", "") for name in ("accept", "content-type")}
        if compatible(request) and request.body and len(asked - {""}) > 1:
            reason = "A compatible version is required on both Content-Type and Accept headers"
            return Answer(400, self.error_body(400, reason, "media_type_header_exception"))
        answer = super().handle(request)
        return Answer(answer.status, answer.body, COMPATIBLE_WITH_7) if compatible(request) else answer

    def create_index(self, name: str, body: dict) -> None:
        """Record a new index's analysis (tests/cluster_indices.py has checked the name is free)."""
        self.analyses[name] = body.get("settings", {}).get("analysis", {})
        self.put_mapping(name, body.get("mappings", {}))

    def put_mapping(self, name: str, body: dict) -> None:
        """Take the fields' mappings: a text field's analyzer must be modelled, and cannot change (as on ES)."""
        mapping = self.mappings[name].setdefault("properties", {})
        for field_name, spec in body.get("properties", {}).items():
            known = mapping.get(field_name)
            if known is not None and known != spec:
                raise Refused(400, "illegal_argument_exception", f"mapper [{field_name}] cannot change")
            if spec.get("type") == "text":
                cluster_analysis.elasticsearch_analyzer(self.analyses[name], spec.get("analyzer", "standard"))
        mapping.update(body.get("properties", {}))
        if "_meta" in body:
            self.mappings[name]["_meta"] = body["_meta"]  # replaced as a whole, as Elasticsearch does

    def analyzer_for(self, field_name: str, index: str | None = None):
        index = index or self.concrete(self.live_name)
        spec = self.mappings[index].get("properties", {}).get(field_name, {})
        if spec.get("type") != "text":
            raise BadRequest(f"full-text search of field {field_name!r} mapped as {spec.get('type')!r}")
        return cluster_analysis.elasticsearch_analyzer(self.analyses[index], spec.get("analyzer", "standard"))

    def route(self, request: Request) -> Answer:
        path, method = request.path.rstrip("/"), request.method
        if path == "" and method in ("GET", "HEAD"):
            return Answer(200, self.root())
        answered = self.route_indices(request)
        if answered is not None:
            return Answer(*answered)
        name = path.strip("/").split("/")[0]
        if path.endswith("/_refresh"):
            self.concrete(name)
            return Answer(200, {"_shards": {"total": 1, "successful": 1, "failed": 0}})
        if path.endswith("/_bulk") and method in ("POST", "PUT"):
            return Answer(200, self.bulk(request.body, self.stores[self.concrete(name)]))
        if path == f"/{name}/_search" and method in ("GET", "POST"):
            body = request.json()
            if "pit" in body:
                raise Refused(400, "action_request_validation_exception", "[indices] cannot be used with point in time")
            return Answer(200, self.search(body, self.stores[self.concrete(name)], index=self.concrete(name)))
        raise BadRequest(f"{method} {path} is not modelled")

    def filter_counts(self, found: list[dict], filters: dict) -> dict:
        """Return a ``filters`` aggregation's buckets: each ``term`` query's count among ``found`` (a term
        is not analysed: it must be one of the field's indexed terms)."""
        buckets = {}
        for name, query in filters.items():
            if set(query) != {"term"} or len(query["term"]) != 1:
                raise BadRequest(f"filter {query} is not modelled")
            ((field_name, term),) = query["term"].items()
            buckets[name] = {"doc_count": sum(term in self.field_terms(doc, field_name) for doc in found)}
        return buckets

    def bulk(self, body: bytes, documents: dict) -> dict:
        lines = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
        items, position = [], 0
        while position < len(lines):
            (operation, meta), position = next(iter(lines[position].items())), position + 1
            identifier = meta["_id"]
            if operation == "delete":
                source = None
            else:
                source, position = lines[position], position + 1
            if identifier in self.bad_documents:
                error = {"type": "mapper_parsing_exception", "reason": f"failed to parse document {identifier}"}
                items.append({operation: {"_id": identifier, "status": 400, "error": error}})
            elif operation == "delete":
                existed = documents.pop(identifier, None) is not None
                result = "deleted" if existed else "not_found"
                items.append({operation: {"_id": identifier, "status": 200 if existed else 404, "result": result}})
            else:
                documents.pop(identifier, None)  # an update is a delete and an add: last in index order
                documents[identifier] = source
                items.append({operation: {"_id": identifier, "status": 201, "result": "created"}})
        errors = any(next(iter(item.values()))["status"] >= 300 for item in items)
        return {"took": 1, "errors": errors, "items": items}

    def search(self, body: dict, documents: dict, index: str, keys=None, window=True) -> dict:
        if window:
            self.check_window(body, index)
        query, filters, models = body.get("query", {}), [], []
        if "bool" in query:
            for clause in as_filter_list(query["bool"].get("filter")):
                if "terms" in clause:
                    models = clause["terms"]["django_ct"]
                elif "query_string" in clause:
                    filters.append(clause["query_string"]["query"])
                else:
                    raise BadRequest(f"filter {clause} is not modelled")
            query = query["bool"]["must"]
        words, operator, field_name = None, "AND", "_all"
        if "match_all" not in query:
            # Elasticsearch's query_string ORs words unless told otherwise.
            words, operator = query["query_string"]["query"], query["query_string"].get("default_operator", "OR")
            field_name = query["query_string"].get("default_field", "*")
        found = self.matching(documents, words, operator, filters, models, field_name)
        keys = keys if keys is not None else es_sort_keys(body.get("sort"))
        positions = {identifier: number for number, identifier in enumerate(documents)}
        rows = ordered(found, positions, keys or [("_score", True)], epoch_dates=True)
        if "search_after" in body:
            rows = after(rows, body["search_after"], keys)
        start, size = body.get("from", 0), body.get("size", 10)
        hits = [self.hit(doc, index, values if keys else None) for doc, values in rows[start : start + size]]
        aggregations = {}
        for name, aggregation in body.get("aggs", {}).items():
            if set(aggregation) == {"filters"}:
                aggregations[name] = {"buckets": self.filter_counts(found, aggregation["filters"]["filters"])}
                continue
            if "terms" not in aggregation:
                raise BadRequest(f"aggregation {name} is not modelled")
            terms = aggregation["terms"]
            least = terms.get("min_doc_count", 1)
            counted = [(value, n) for value, n in self.counts(found, terms["field"]) if n >= least]
            kept = counted[: terms.get("size", ES_DEFAULT_FACET_SIZE)]
            aggregations[name] = {
                "meta": aggregation.get("meta", {}),
                "doc_count_error_upper_bound": 0,
                "sum_other_doc_count": sum(n for _, n in counted[len(kept) :]),
                "buckets": [{"key": value, "doc_count": n} for value, n in kept],
            }
        answer = {
            "took": 1,
            "timed_out": False,
            "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
            "hits": {"total": {"value": len(found), "relation": "eq"}, "max_score": 1.0, "hits": hits},
        }
        if aggregations:
            answer["aggregations"] = aggregations
        suggest = {}
        for name, request in body.get("suggest", {}).items():
            if set(request) != {"text", "term"}:
                raise BadRequest(f"suggester {name} is not modelled")
            text_field = request["term"]["field"]
            analyzer, frequencies = self.analyzer_for(text_field), self.frequencies(text_field)
            suggest[name] = cluster_analysis.term_suggest(request, analyzer, frequencies)
        if suggest:
            answer["suggest"] = suggest
        return answer


class FakeElasticsearch8(FakeElasticsearch):
    """Elasticsearch 8 as the 7.17 client in compatibility mode uses it: version 8 at ``GET /`` (the
    client's product check reads it with ``X-Elastic-Product``), hits without ``_type`` in 8's own
    format and with it in 7's compatible format (REST API compatibility), ``hits.total`` an object."""

    def root(self) -> dict:
        version = {"number": "8.15.3", "build_flavor": "default", "minimum_wire_compatibility_version": "7.17.0"}
        return {"version": version, "tagline": TAGLINE}

    def hit(self, document: dict, index: str, values: list | None) -> dict:
        found = super().hit(document, index, values)
        if not compatible(self.requests[-1]):  # the request being answered (under the engine's lock)
            found.pop("_type")  # Elasticsearch 8 has no mapping types
        return found


class FakeOpenSearch(FakeElasticsearch):
    """OpenSearch 2 as opensearch-py uses it: Elasticsearch 7.10's REST API, its own name, no mapping types.

    Deep paging is OpenSearch's scroll (``POST /name/_search?scroll=``, ``POST /_search/scroll``,
    ``DELETE /_search/scroll``): a scroll sees the documents as they were when it was opened and
    serves its sorted hits page by page. Elasticsearch's point in time (``/name/_pit``) does not
    exist there, and neither does the ``_shard_doc`` sort (OpenSearch 3.3 added it): both are refused
    as OpenSearch 2 refuses them."""

    def __post_init__(self):
        super().__post_init__()
        self.product_header = None
        self.scrolls: dict[str, Scroll] = {}

    def root(self) -> dict:
        version = {"distribution": "opensearch", "number": "2.17.1", "minimum_wire_compatibility_version": "7.10.0"}
        return {"version": version, "tagline": "The OpenSearch Project: https://opensearch.org/"}

    def hit(self, document: dict, index: str, values: list | None) -> dict:
        found = {"_index": index, "_id": document["id"], "_score": 1.0, "_source": document}
        return {**found, "sort": values} if values is not None else found

    def route(self, request: Request) -> Answer:
        path, method = request.path.rstrip("/"), request.method
        if path == "/_pit" or path.endswith("/_pit"):
            # OpenSearch 2's own point in time is /_search/point_in_time (2.4+); this is Elasticsearch's.
            return Answer(400, {"error": f"no handler found for uri [{path}] and method [{method}]", "status": 400})
        if path == "/_search/scroll" and method in ("GET", "POST"):
            return Answer(200, self.next_page(request.json()))
        if path == "/_search/scroll" and method == "DELETE":
            identifiers = request.json().get("scroll_id", [])
            freed = [self.scrolls.pop(i, None) for i in as_list(identifiers)]
            freed = [scroll for scroll in freed if scroll is not None]
            return Answer(200 if freed else 404, {"succeeded": bool(freed), "num_freed": len(freed)})
        name = path.strip("/").split("/")[0]
        if path == f"/{name}/_search" and "scroll" in request.params:
            return Answer(200, self.open_scroll(request.json(), self.concrete(name)))
        return super().route(request)

    def search(self, body: dict, documents: dict, index: str, keys=None, window=True) -> dict:
        if any(name == "_shard_doc" for name, _ in es_sort_keys(body.get("sort"))):
            raise Refused(
                400, "search_phase_execution_exception", "No mapping found for [_shard_doc] in order to sort on"
            )
        return super().search(body, documents, index, keys, window)

    def open_scroll(self, body: dict, index: str) -> dict:
        size = body.get("size", 10)
        window = self.windows.get(index, self.max_result_window)
        if size > window:
            reason = f"Batch size is too large, size must be less than or equal to: [{window}] but was [{size}]."
            raise Refused(400, "illegal_argument_exception", reason)
        if "from" in body or "search_after" in body:
            raise Refused(
                400, "action_request_validation_exception", "a scroll pages by itself: no from or search_after"
            )
        documents = dict(self.stores[index])  # what the scroll sees, whatever is written after
        answer = self.search({**body, "size": len(documents)}, documents, index, window=False)
        scroll = base64.b64encode(f"scroll-{len(self.requests)}-{index}".encode()).decode()
        self.scrolls[scroll] = Scroll(answer["hits"]["hits"], size)
        answer.pop("aggregations", None)
        return {**answer, "_scroll_id": scroll, "hits": {**answer["hits"], "hits": self.scrolls[scroll].next()}}

    def next_page(self, body: dict) -> dict:
        scroll = self.scrolls.get(body.get("scroll_id"))
        if scroll is None:
            raise Refused(404, "search_context_missing_exception", "No search context found for id")
        total = {"value": len(scroll.hits), "relation": "eq"}
        hits = {"total": total, "max_score": 1.0, "hits": scroll.next()}
        return {"_scroll_id": body["scroll_id"], "took": 1, "timed_out": False, "hits": hits}


@dataclass
class Scroll:
    """An open scroll of the stand-in OpenSearch: every hit of its search, served ``size`` at a time."""

    hits: list[dict]
    size: int
    served: int = 0

    def next(self) -> list[dict]:
        page = self.hits[self.served : self.served + self.size]
        self.served += len(page)
        return page


@dataclass
class FakeSolr(SolrCores, Engine):
    """Solr 9 as Haystack's Solr backend and pysolr use it (JSON answers, XML updates)."""

    # The configset "parley" (its conf folder: {file name: text}), which every core is created from.
    configset: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self.init_cores()

    def error_body(self, status, reason, kind=None):
        return {"responseHeader": {"status": status, "QTime": 0}, "error": {"msg": reason, "code": status}}

    def analyzer_for(self, field_name: str):
        fields, _ = cluster_analysis.solr_field_analyzers(self.configset)
        if fields.get(field_name) is None:
            raise BadRequest(f"full-text search of field {field_name!r}, not a text field of the schema")
        return fields[field_name]

    def spellcheck(self, one: dict) -> dict | None:
        """Return the spellcheck section for ``spellcheck=true`` on /select, as the configset sets it up."""
        configured = cluster_analysis.solr_speller(self.configset)
        if one.get("spellcheck") != "true" or configured is None:
            return None
        speller, spell_field, query_type = configured
        _, types = cluster_analysis.solr_field_analyzers(self.configset)
        text = one.get("spellcheck.q", one.get("q", ""))
        count, collate = int(one.get("spellcheck.count", 1)), one.get("spellcheck.collate") == "true"
        return cluster_analysis.solr_spellcheck(
            text, speller, types[query_type], self.frequencies(spell_field), count, collate
        )

    def route(self, request: Request) -> Answer:
        path = request.path.rstrip("/")
        answered = self.route_cores(request)
        if answered is not None:
            return Answer(*answered)
        core = path.split("/")[2] if path.count("/") == 3 else ""
        if path == f"/solr/{core}/update" and request.method == "POST":
            return self.update(request.body, self.stores[core])
        if path == f"/solr/{core}/select":
            params = request.params
            if request.method == "POST":
                params = {**params, **parse_qs(request.body.decode(), keep_blank_values=True)}
            return Answer(200, self.select(params, self.stores[core]))
        raise BadRequest(f"{request.method} {path} is not modelled")

    def term_count(self, found: list[dict], query: str) -> int:
        """Return how many of ``found`` a ``{!term f=field}value`` facet query counts (the value not analysed)."""
        match = re.fullmatch(r"\{!term f=(\w+)\}(.+)", query)
        if not match:
            raise BadRequest(f"facet.query {query!r} is not modelled")
        return sum(match.group(2) in self.field_terms(doc, match.group(1)) for doc in found)

    def update(self, body: bytes, store: dict) -> Answer:
        if body.lstrip().startswith(b"["):  # a JSON array of documents (pysolr's add without boosts)
            root, documents = ElementTree.Element("add"), json.loads(body)
        else:
            root = ElementTree.fromstring(body)  # noqa: S314 - XML written by pysolr in this test
            documents = [solr_document(element) for element in root.findall("doc")]
        if root.tag == "add":
            refused = [doc["id"] for doc in documents if doc["id"] in self.bad_documents]
            if refused:  # Solr fails the whole request on one bad document
                return Answer(400, self.error_body(400, f"ERROR: [doc={refused[0]}] Error adding field"))
            for doc in documents:
                store.pop(doc["id"], None)  # an update is a delete and an add: last in index order
                store[doc["id"]] = doc
        elif root.tag == "delete":
            identifiers = [element.text for element in root.findall("id")]
            if self.bad_documents & set(identifiers):
                return Answer(400, self.error_body(400, "ERROR: cannot delete"))
            for identifier in identifiers:
                store.pop(identifier, None)
        else:
            raise BadRequest(f"update <{root.tag}> is not modelled")
        return Answer(200, {"responseHeader": {"status": 0, "QTime": 1}})

    def select(self, params: dict[str, list[str]], store: dict) -> dict:
        one = {name: values[-1] for name, values in params.items()}
        models, filters = [], []
        for text_filter in params.get("fq", []):
            name, values = parse_field_terms(text_filter)
            if name == "django_ct":
                models = values
            else:
                filters.append(text_filter)
        q = one.get("q", "*:*")
        # Solr's standard query parser: OR between words unless q.op says AND.
        found = self.matching(store, None if q == "*:*" else q, one.get("q.op", "OR"), filters, models, one.get("df"))
        positions = {identifier: number for number, identifier in enumerate(store)}
        rows = ordered(found, positions, solr_sort_keys(one.get("sort")), epoch_dates=False)
        window, paging = self.page(rows, one)
        answer = {
            "responseHeader": {"status": 0, "QTime": 1, "params": one},
            "response": {
                "numFound": len(found),
                "start": int(one.get("start", 0)),
                "numFoundExact": True,
                "docs": [{**doc, "score": 1.0} for doc, _ in window],
            },
            **paging,
        }
        if one.get("facet") in ("on", "true"):
            facet_fields = {}
            for name in params.get("facet.field", []):
                mincount = int(solr_facet_option(one, name, "mincount", 0))
                limit = int(solr_facet_option(one, name, "limit", SOLR_DEFAULT_FACET_LIMIT))
                counted = self.counts(found, name, everything=list(store.values()))
                counted = [(value, n) for value, n in counted if n >= mincount]
                if solr_facet_option(one, name, "sort", "count" if limit > 0 else "index") == "index":
                    counted.sort()
                kept = counted if limit < 0 else counted[:limit]
                facet_fields[name] = [item for pair in kept for item in pair]
            answer["facet_counts"] = {
                "facet_queries": {query: self.term_count(found, query) for query in params.get("facet.query", [])},
                "facet_fields": facet_fields,
                "facet_ranges": {},
                "facet_intervals": {},
                "facet_heatmaps": {},
            }
        spellcheck = self.spellcheck(one)
        if spellcheck is not None:
            answer["spellcheck"] = spellcheck
        return answer


TAGLINE = "You Know, for Search"


def solr_facet_option(params: dict, field_name: str, key: str, default):
    """Return Solr's facet option ``key`` for ``field_name``: per field, else for every field, else the default."""
    return params.get(f"f.{field_name}.facet.{key}", params.get(f"facet.{key}", default))


def compatible(request: Request) -> bool:
    """Whether ``request`` asks for Elasticsearch 7's format (REST API compatibility) on either header."""
    return any(
        COMPATIBLE_WITH_7 in request.headers.get(name, "").replace(" ", "") for name in ("accept", "content-type")
    )


def basic_authorization(user: str, password: str) -> str:
    """Return the ``Authorization`` header of HTTP basic authentication (RFC 7617)."""
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def keyword_clauses(query: str | None) -> list[list[tuple[str | None, str]]]:
    """Return the clauses of a keyword query, each its alternatives ``(field or None, word as typed)``:
    a word, or ``(a OR field:b^0.5)`` (how Parley's planner adds a stem); refuse other syntax."""
    if not query:
        return []
    clauses, group = [], None
    for token in re.findall(r"[()]|[^\s()]+", query):
        if token == "(":
            if group is not None:
                raise BadRequest("nested parentheses are not modelled")
            group = []
        elif token == ")":
            if not group:
                raise BadRequest("empty or unopened parentheses are not modelled")
            clauses.append(group)
            group = None
        elif token in OPERATORS:
            if group is not None and token != "OR":
                raise BadRequest(f"{token} inside parentheses is not modelled")
        else:
            match = re.fullmatch(r"(?:(\w+):)?(\w+)(?:\^[\d.]+)?", token)
            if not match or (group is None and match.group(1)):
                raise BadRequest(f"query syntax {token!r} is not modelled")
            if group is None:
                clauses.append([(None, match.group(2))])
            else:
                group.append((match.group(1), match.group(2)))
    if group is not None:
        raise BadRequest("unclosed parentheses are not modelled")
    return clauses


def parse_field_terms(text: str) -> tuple[str, list[str]]:
    """Return ``(field, values)`` of a filter ``field:("A" OR "B")`` (the form Parley's facets send)."""
    match = FIELD_TERMS.match(text.strip())
    if not match:
        raise BadRequest(f"filter {text!r} is not modelled")
    values = [value.strip().strip('"') for value in match.group(2).split(" OR ")]
    return match.group(1), values


def matches_filter(document: dict, text_filter: str) -> bool:
    name, values = parse_field_terms(text_filter)
    return bool({str(value) for value in as_list(document.get(name))} & set(values))


def as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def as_filter_list(clause) -> list[dict]:
    if clause is None:
        return []
    return clause["bool"]["must"] if "bool" in clause else [clause]


def solr_document(element) -> dict:
    """Return a document from Solr's XML ``<doc>``: repeated fields become lists."""
    document: dict = {}
    for part in element.findall("field"):
        name, value = part.get("name"), part.text or ""
        if name in document:
            document[name] = as_list(document[name]) + [value]
        else:
            document[name] = value
    return document


class _Handler(BaseHTTPRequestHandler):
    engine: Engine

    def _answer(self):
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        params = parse_qs(parts.query, keep_blank_values=True)
        headers = {name.lower(): value for name, value in self.headers.items()}
        request = Request(self.command, parts.path, params, body, headers)
        answer = self.engine.handle(request)
        payload = answer.body if isinstance(answer.body, bytes) else json.dumps(answer.body).encode()
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(payload)))
        if self.engine.product_header:
            self.send_header("X-Elastic-Product", self.engine.product_header)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class EngineServer:
    """Serve ``engine`` on 127.0.0.1 (a free port) in a thread; ``stop()`` makes it unreachable."""

    def __init__(self, engine: Engine, tls: tuple[str, str] | None = None):
        self.engine = engine
        handler = type("Handler", (_Handler,), {"engine": engine})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Cluster:
    """A stand-in engine served on loopback, as the test's Haystack connection (see tests/conftest.py)."""

    name: str
    engine: Engine
    server: EngineServer
    search_url: str

    stand_in = True  # a real engine (tests/real_engines.py) records no requests

    @property
    def dialect(self) -> str:
        """``elasticsearch`` (Elasticsearch and OpenSearch: the same request bodies) or ``solr``."""
        return "solr" if self.name == "solr" else "elasticsearch"

    def stop(self):
        """Make the engine unreachable (connections refused), as an engine that is down."""
        if self.server is not None:
            self.server.stop()
            self.server = None

    @property
    def documents(self) -> dict[str, dict]:
        return self.engine.documents

    def refuse(self, status: int) -> None:
        """Answer every request with ``status``, as an engine that is busy or failing."""
        self.engine.refuse_with = status

    def lower_result_window(self, size: int) -> None:
        """Lower the live index's ``index.max_result_window`` (Elasticsearch; Solr has none)."""
        if self.dialect == "elasticsearch":
            self.engine.windows[self.engine.resolve("parley")] = size


# The stand-ins that speak Elasticsearch's request bodies, by name.
ELASTICSEARCH_DIALECT = {
    "elasticsearch": FakeElasticsearch,
    "elasticsearch8": FakeElasticsearch8,
    "opensearch": FakeOpenSearch,
}


def start_cluster(name: str, credentials: tuple[str, str] | None = None, tls=None) -> Cluster:
    """Serve a stand-in ``elasticsearch`` (7.17), ``elasticsearch8``, ``opensearch`` or ``solr`` and return it
    with the SEARCH_URL naming it (with the ``credentials`` in it, and ``+https`` with ``tls``: (certificate
    file, key file))."""
    if name in ELASTICSEARCH_DIALECT:
        engine = ELASTICSEARCH_DIALECT[name]()
    else:
        from index.engine.solr_config import configset  # what build_solr_schema writes into the core's conf

        engine = FakeSolr(configset=configset())
    engine.credentials = credentials
    server = EngineServer(engine, tls)
    address = f"127.0.0.1:{server.port}"
    if credentials:
        address = "{}:{}@{}".format(*(quote(part, safe="") for part in credentials), address)
    scheme = name.rstrip("8") + ("+https" if tls else "")  # Elasticsearch 7 and 8: elasticsearch://
    url = f"{scheme}://{address}/solr/parley" if name == "solr" else f"{scheme}://{address}/parley"
    return Cluster(name, engine, server, url)


@contextmanager
def serving(name: str):
    """Serve the stand-in ``name`` (as :func:`start_cluster`) for the enclosed code; then stop it and drop
    Haystack's connection to it, so the next test starts from the configured engine."""
    from haystack import connections

    stand_in = start_cluster(name)
    try:
        yield stand_in
    finally:
        stand_in.stop()
        connections.reload("default")
