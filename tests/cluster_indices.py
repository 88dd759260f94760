"""What the stand-in engines (tests/cluster_engines.py) model of indexes, cores and deep paging.

* Elasticsearch 7.17: concrete indexes and aliases (``PUT /name``, ``GET|PUT /name/_mapping`` with
  ``_meta``, ``GET /_alias/name``, ``POST /_aliases`` with ``add``, ``remove`` and ``remove_index``
  applied at once, ``DELETE /name``), sorting with ``sort`` values on every hit, the result window
  (``from + size`` past ``index.max_result_window``, 10,000 by default, is a 400), and points in time
  (``POST /name/_pit?keep_alive=``, a search with ``pit`` and ``search_after`` on ``POST /_search``,
  the implicit ``_shard_doc`` tie-breaker, ``DELETE /_pit``). A point in time sees the index as it
  was when opened.
* Solr 9 (standalone): CoreAdmin ``STATUS``, ``CREATE`` from a ``configSet``, ``SWAP`` and ``UNLOAD``
  at ``/solr/admin/cores``, real-time get (``/get?id=``), ``sort``, and ``cursorMark`` (needs
  ``start=0`` and the unique key ``id`` in the sort).

Documents keep the order they were written in (an update moves a document to the end, as
Lucene's delete-and-add does): that is the index order ``_shard_doc`` and scores tie on.
Anything else is refused with a 400, as in tests/cluster_engines.py.
"""

import base64
import datetime
import fnmatch
import functools
import json
import re

DEFAULT_MAX_RESULT_WINDOW = 10_000
SCORE = 1.0  # the stand-ins do not score: every hit scores the same


class Refused(Exception):
    """A request the engine itself refuses (status and reason in its own format)."""

    def __init__(self, status: int, kind: str, reason: str):
        super().__init__(reason)
        self.status, self.kind, self.reason = status, kind, reason


# Sorting ---------------------------------------------------------------------------------


def sort_value(document: dict, name: str, position: int, *, epoch_dates: bool):
    """Return the value a hit sorts on for ``name`` (``_score``, ``_shard_doc``/``_doc``, ``id`` or a field)."""
    if name in ("_score", "score"):
        return SCORE
    if name in ("_shard_doc", "_doc"):
        return position
    value = document.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    if epoch_dates and isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ?", value):
        moment = datetime.datetime.fromisoformat(value.rstrip("Z")).replace(tzinfo=datetime.UTC)
        return int(moment.timestamp() * 1000)  # Elasticsearch sorts dates as epoch milliseconds
    return value


def compare_values(left: list, right: list, descending: list[bool]) -> int:
    """Compare two lists of sort values in the sort's directions (missing values last)."""
    for a, b, down in zip(left, right, descending, strict=True):
        if a == b:
            continue
        if a is None or b is None:
            return 1 if a is None else -1
        before = a > b if down else a < b
        return -1 if before else 1
    return 0


def ordered(documents: list[dict], positions: dict[str, int], keys: list[tuple[str, bool]], *, epoch_dates: bool):
    """Return ``[(document, sort values)]`` of ``documents`` ordered by ``keys`` (``(name, descending)``)."""
    rows = [
        (doc, [sort_value(doc, name, positions[doc["id"]], epoch_dates=epoch_dates) for name, _ in keys])
        for doc in documents
    ]
    descending = [down for _, down in keys]
    rows.sort(key=functools.cmp_to_key(lambda x, y: compare_values(x[1], y[1], descending)))
    return rows


def after(rows: list, values: list, keys: list[tuple[str, bool]]) -> list:
    """Return the rows that sort strictly after ``values`` (``search_after``, a cursor)."""
    if len(values) != len(keys):
        raise Refused(400, "illegal_argument_exception", "search_after has not the same number of values as the sort")
    descending = [down for _, down in keys]
    return [row for row in rows if compare_values(row[1], values, descending) > 0]


# Elasticsearch ---------------------------------------------------------------------------


def es_sort_keys(sort) -> list[tuple[str, bool]]:
    """Return ``[(field, descending)]`` of an Elasticsearch ``sort`` (names, ``{name: order}``, ``{name: {order}}``)."""
    keys = []
    for item in sort or []:
        if isinstance(item, str):
            keys.append((item, item == "_score"))
            continue
        ((name, spec),) = item.items()
        order = spec if isinstance(spec, str) else spec.get("order", "desc" if name == "_score" else "asc")
        if order not in ("asc", "desc"):
            raise Refused(400, "illegal_argument_exception", f"unknown sort order [{order}]")
        keys.append((name, order == "desc"))
    return keys


class ElasticsearchIndices:
    """Concrete indexes, aliases and points in time (mixed into the stand-in Elasticsearch)."""

    max_result_window = DEFAULT_MAX_RESULT_WINDOW

    def init_indices(self):
        self.mappings: dict[str, dict] = {}
        self.windows: dict[str, int] = {}  # index.max_result_window set on an index
        self.aliases: dict[str, str] = {}
        self.pits: dict[str, tuple[str, dict]] = {}  # id -> (index, its documents when opened)

    def resolve(self, name: str) -> str | None:
        """Return the concrete index ``name`` means (itself, or the index its alias points to)."""
        name = self.aliases.get(name, name)
        return name if name in self.stores else None

    def concrete(self, name: str) -> str:
        found = self.resolve(name)
        if found is None:
            raise Refused(404, "index_not_found_exception", f"no such index [{name}]")
        return found

    def route_indices(self, request):
        """Answer the index, alias and point-in-time requests; ``None`` for the others."""
        path, method = request.path.rstrip("/"), request.method
        parts = path.strip("/").split("/")
        if path == "/_aliases" and method == "POST":
            return self.update_aliases(request.json()["actions"])
        if path == "/_pit" and method == "DELETE":
            found = self.pits.pop(request.json()["id"], None)
            return 200 if found else 404, {"succeeded": found is not None, "num_freed": int(found is not None)}
        if path == "/_search" and method in ("GET", "POST"):
            body = request.json()
            if "pit" not in body:
                raise Refused(400, "illegal_argument_exception", "the stand-in searches all indices only with a pit")
            return 200, self.search_pit(body)
        if len(parts) == 2 and parts[0] == "_alias" and method == "GET":
            index = self.aliases.get(parts[1])
            if index is None:
                return 404, {"error": f"alias [{parts[1]}] missing", "status": 404}
            return 200, {index: {"aliases": {parts[1]: {}}}}
        if len(parts) == 1 and parts[0] and not parts[0].startswith("_"):
            return self.index_request(parts[0], method, request)
        if len(parts) == 2 and parts[1] == "_mapping" and method in ("GET", "PUT"):
            index = self.concrete(parts[0])
            if method == "GET":
                return 200, {index: {"mappings": self.mappings[index]}}
            self.put_mapping(index, request.json())  # the stand-in's own rules for fields and analysis
            return 200, {"acknowledged": True}
        if len(parts) == 2 and parts[1] == "_settings" and method == "PUT":
            index, update = self.concrete(parts[0]), request.json()
            window = update.get("index", {}).get("max_result_window", update.get("index.max_result_window"))
            if window is None or len(update.get("index", update)) != 1:
                raise Refused(400, "illegal_argument_exception", "the stand-in models index.max_result_window only")
            self.windows[index] = int(window)
            return 200, {"acknowledged": True}
        if len(parts) == 2 and parts[1] == "_pit" and method == "POST":
            if "keep_alive" not in request.params:
                raise Refused(400, "action_request_validation_exception", "[keep_alive] is not specified")
            index = self.concrete(parts[0])
            pit = base64.b64encode(f"pit-{len(self.requests)}-{index}".encode()).decode()
            self.pits[pit] = (index, dict(self.stores[index]))
            return 200, {"id": pit}
        return None

    def index_request(self, name: str, method: str, request):
        if method == "PUT":
            if name in self.aliases:
                raise Refused(
                    400,
                    "invalid_index_name_exception",
                    f"Invalid index name [{name}], an alias with the same name exists",
                )
            if name in self.stores:
                raise Refused(400, "resource_already_exists_exception", f"index [{name}] already exists")
            self.stores[name], self.mappings[name] = {}, {}
            try:
                self.create_index(name, request.json() if request.body else {})  # its settings and mapping
            except BaseException:
                self.drop_index(name)
                raise
            return 200, {"acknowledged": True, "shards_acknowledged": True, "index": name}
        if method == "DELETE":
            if name in self.aliases:
                reason = f"The provided expression [{name}] matches an alias, specify the concrete indices instead."
                raise Refused(400, "illegal_argument_exception", reason)
            self.concrete(name)
            self.drop_index(name)
            return 200, {"acknowledged": True}
        if method == "GET" and name.endswith("*"):  # a wildcard matches any number of indexes, none included
            found = fnmatch.filter(self.stores, name)
            return 200, {index: {"aliases": {}, "mappings": self.mappings[index]} for index in found}
        if method in ("GET", "HEAD"):
            index = self.concrete(name)
            aliases = {alias: {} for alias, target in self.aliases.items() if target == index}
            return 200, {index: {"aliases": aliases, "mappings": self.mappings[index], "settings": {}}}
        return None

    def drop_index(self, name: str):
        del self.stores[name], self.mappings[name]
        self.aliases = {alias: index for alias, index in self.aliases.items() if index != name}

    def update_aliases(self, actions: list[dict]):
        """Apply every action or none (Elasticsearch's ``_aliases`` is atomic)."""
        stores, aliases = dict(self.stores), dict(self.aliases)
        for action in actions:
            ((kind, spec),) = action.items()
            index = spec.get("index")
            if index not in stores:
                raise Refused(404, "index_not_found_exception", f"no such index [{index}]")
            if kind == "add":
                if spec["alias"] in stores:
                    raise Refused(
                        400,
                        "invalid_alias_name_exception",
                        f"an index exists with the same name as the alias [{spec['alias']}]",
                    )
                aliases[spec["alias"]] = index
            elif kind == "remove":
                if aliases.get(spec["alias"]) != index:
                    raise Refused(404, "aliases_not_found_exception", f"aliases [{spec['alias']}] missing")
                del aliases[spec["alias"]]
            elif kind == "remove_index":
                del stores[index]
                aliases = {alias: target for alias, target in aliases.items() if target != index}
            else:
                raise Refused(400, "illegal_argument_exception", f"alias action [{kind}] is not modelled")
        for removed in set(self.stores) - set(stores):
            del self.mappings[removed]
        self.stores, self.aliases = stores, aliases
        return 200, {"acknowledged": True}

    def check_window(self, body: dict, index: str):
        start, size = body.get("from", 0), body.get("size", 10)
        window = self.windows.get(index, self.max_result_window)
        if start + size > window:
            reason = (
                f"Result window is too large, from + size must be less than or equal to: [{window}] "
                f"but was [{start + size}]. See the scroll api for a more efficient way to request large data sets."
            )
            raise Refused(400, "illegal_argument_exception", reason)
        if "search_after" in body and start:
            raise Refused(
                400, "illegal_argument_exception", "[from] parameter must be set to 0 when [search_after] is used"
            )

    def search_pit(self, body: dict) -> dict:
        pit = self.pits.get(body["pit"]["id"])
        if pit is None:
            raise Refused(404, "search_context_missing_exception", "No search context found for the point in time")
        index, documents = pit
        keys = es_sort_keys(body.get("sort"))
        if not any(name in ("_shard_doc", "_doc") for name, _ in keys):
            keys.append(("_shard_doc", False))  # the implicit tie-breaker of a search with a point in time
        answer = self.search(body, documents, index=index, keys=keys)
        answer["pit_id"] = body["pit"]["id"]
        return answer


# Solr ------------------------------------------------------------------------------------


def solr_sort_keys(sort: str | None) -> list[tuple[str, bool]]:
    """Return ``[(field, descending)]`` of a Solr ``sort`` (``date desc,id asc``); by default, by score."""
    keys = []
    for clause in (sort or "score desc").split(","):
        name, _, order = clause.strip().partition(" ")
        if order.strip() not in ("asc", "desc"):
            raise Refused(400, "bad_request", f"Can't determine a Sort Order (asc or desc) in sort spec '{clause}'")
        keys.append((name, order.strip() == "desc"))
    return keys


def cursor_mark(values: list) -> str:
    return base64.b64encode(json.dumps(values).encode()).decode()


def cursor_values(mark: str) -> list:
    try:
        return json.loads(base64.b64decode(mark))
    except ValueError as error:
        raise Refused(
            400,
            "bad_request",
            f"Unable to parse 'cursorMark': {mark}",
        ) from error


class SolrCores:
    """Cores and CoreAdmin, real-time get and cursors (mixed into the stand-in Solr)."""

    config_sets = {"parley"}  # the configsets the stand-in's Solr home holds

    def init_cores(self):
        self.stores["parley"] = {}
        self.instance_dirs = {"parley": "/var/solr/data/parley"}

    def route_cores(self, request):
        path = request.path.rstrip("/")
        if path == "/solr/admin/cores" and request.method == "GET":
            return self.core_admin({name: values[-1] for name, values in request.params.items()})
        match = re.fullmatch(r"/solr/([\w.-]+)/(\w+)", path)
        if match and match.group(1) not in self.stores:
            return 404, {
                "error": {
                    "msg": f"no core {match.group(1)}",
                    "code": 404,
                }
            }
        if match and match.group(2) == "get":
            document = self.stores[match.group(1)].get(request.params.get("id", [""])[-1])
            return 200, {"doc": document}
        return None

    def core_admin(self, params: dict):
        action, header = params.get("action", "").upper(), {"responseHeader": {"status": 0, "QTime": 1}}
        if action == "STATUS":
            names = [params["core"]] if "core" in params else sorted(self.stores)
            return 200, {**header, "initFailures": {}, "status": {name: self.core_status(name) for name in names}}
        if action == "CREATE":
            name = params.get("name", "")
            if name in self.stores:
                raise Refused(400, "bad_request", f"Core with name '{name}' already exists.")
            if params.get("configSet") not in self.config_sets:
                raise Refused(
                    400,
                    "bad_request",
                    f"the stand-in creates cores from the configsets {sorted(self.config_sets)} only",
                )
            self.stores[name] = {}
            self.instance_dirs[name] = f"/var/solr/data/{params.get('instanceDir', name)}"
            return 200, {**header, "core": name}
        if action == "SWAP":
            core, other = params.get("core"), params.get("other")
            for name in (core, other):
                if name not in self.stores:
                    raise Refused(400, "bad_request", f"No such core: {name}")
            self.stores[core], self.stores[other] = self.stores[other], self.stores[core]
            self.instance_dirs[core], self.instance_dirs[other] = self.instance_dirs[other], self.instance_dirs[core]
            return 200, header
        if action == "UNLOAD":
            if params.get("core") not in self.stores:
                raise Refused(400, "bad_request", f"Cannot unload non-existent core [{params.get('core')}]")
            del self.stores[params["core"]], self.instance_dirs[params["core"]]
            return 200, header
        raise Refused(400, "bad_request", f"CoreAdmin action {action!r} is not modelled")

    def core_status(self, name: str) -> dict:
        if name not in self.stores:
            return {}
        documents = len(self.stores[name])
        folder = self.instance_dirs[name]
        return {
            "name": name,
            "instanceDir": folder,
            "dataDir": f"{folder}/data/",
            "config": "solrconfig.xml",
            "schema": "managed-schema.xml",
            "index": {"numDocs": documents, "maxDoc": documents, "deletedDocs": 0, "current": True},
        }

    def page(self, rows: list, one: dict) -> tuple[list, dict]:
        """Return the window of ``rows`` the request asks for, and what to add to the answer (a next cursor)."""
        start, count = int(one.get("start", 0)), int(one.get("rows", 10))
        mark = one.get("cursorMark")
        if mark is None:
            return rows[start : start + count], {}
        if start:
            raise Refused(400, "bad_request", "Cursor functionality requires start=0")
        if "id" not in [name for name, _ in solr_sort_keys(one.get("sort"))]:
            raise Refused(
                400, "bad_request", "Cursor functionality requires a sort containing a uniqueKey field tie breaker"
            )
        if mark != "*":
            rows = after(rows, cursor_values(mark), solr_sort_keys(one.get("sort")))
        window = rows[:count]
        return window, {"nextCursorMark": cursor_mark(window[-1][1]) if window else mark}
