# Parley: everything a person runs is a target here.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8000
export PORT

.PHONY: run serve setup install install-dev lock nginx migrate data index static test test-haystack test-postgres test-cluster postgres soak lint format browser axe clean superuser bench

# gunicorn and, beside it, the index worker that applies queued changes to the search
# index, the runner of imports queued from the admin and the saved searches' alerts (send_alerts
# every minute; mail goes to the console unless EMAIL_HOST is set); stopping gunicorn (Ctrl-C) stops them too.
run: setup static
	@echo "Parley on http://127.0.0.1:$(PORT)/search/"
	$(PY) manage.py index_worker & worker=$$!; \
	$(PY) manage.py run_import_jobs & imports=$$!; \
	$(PY) manage.py build_index --if-stale & build=$$!; \
	$(PY) manage.py send_alerts --loop & alerts=$$!; \
	trap 'kill $$worker $$imports $$build $$alerts 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn -c config/gunicorn.conf.py config.wsgi

setup: install migrate data index

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Installs are exact: the lock files pin every package, transitive ones included, with the hashes of
# its files (make lock regenerates them from the requirements*.txt pins; README "Dependencies").
PIP_INSTALL := $(PY) -m pip install --quiet --require-hashes

$(VENV)/.installed: requirements.lock | $(PY)
	$(PIP_INSTALL) -r requirements.lock
	touch $@

# The client library of the cluster engine SEARCH_URL names (requirements-elasticsearch.txt,
# requirements-opensearch.txt or requirements-solr.txt, installed from its lock); nothing for Whoosh.
SEARCH_REQUIREMENTS := $(shell $(PYTHON) scripts/search_requirements.py)

$(VENV)/.installed-client-%: requirements-%.lock $(VENV)/.installed | $(PY)
	$(PIP_INSTALL) -r $<
	touch $@

$(VENV)/.installed-dev: requirements.lock requirements-dev.lock requirements-elasticsearch.lock requirements-solr.lock requirements-opensearch.lock | $(PY)
	$(PIP_INSTALL) -r requirements-dev.lock
	touch $@ $(VENV)/.installed $(VENV)/.installed-client-elasticsearch $(VENV)/.installed-client-solr $(VENV)/.installed-client-opensearch

install: $(VENV)/.installed $(patsubst requirements-%.txt,$(VENV)/.installed-client-%,$(SEARCH_REQUIREMENTS))
install-dev: $(VENV)/.installed-dev

# The lock files again from the requirements*.txt pins, with uv (pinned in requirements-dev.txt): after
# changing a pin, run this and commit the *.txt and *.lock files together.
lock: install-dev
	UV=$(BIN)/uv scripts/lock.sh

migrate: install
	$(PY) manage.py migrate --noinput

data: migrate
	$(PY) manage.py bootstrap

# Build only when no index can serve; `make run` brings a stale one up to date in the background.
index: data
	$(PY) manage.py build_index --if-unusable

static: install
	$(PY) manage.py collectstatic --noinput --verbosity 0

superuser: migrate
	$(PY) manage.py createsuperuser

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

# Debian's nginx for the test that serves Parley behind deploy/nginx/parley.conf (tests/test_deploy.py).
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null)

# axe-core (accessibility checks injected into Chromium by the browser tests), pinned by package-lock.json.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq npm >/dev/null)
	npm ci --no-audit --no-fund --silent
	touch $@

axe: node_modules/.installed

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install-dev browser nginx axe lint test-haystack
	$(PY) manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# The suite on another Python: make test-python PYTHON=/root/.pyenv/versions/3.13.0/bin/python builds
# .venv-3.13 from the same lock files and runs every test but the Chromium ones (-m "not browser"; see
# README "Development": these runs are not part of .ci/run, which they would push past its time).
PYTHON_VERSION = $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')
.PHONY: test-python
test-python: nginx
	$(MAKE) install-dev VENV=.venv-$(PYTHON_VERSION) PYTHON=$(PYTHON)
	.venv-$(PYTHON_VERSION)/bin/python -m pytest -p no:cacheprovider -m "not browser" $(PYTEST_ARGS)

# django-haystack 3.4.0's own Whoosh tests against Parley's engine, from the pinned sdist (fetched
# into var/haystack-suite on first use, never committed); HAYSTACK_SUITE_ENGINE=stock runs them
# against Haystack's own backend. Deliberate differences: README, "Haystack's contract".
test-haystack: install-dev
	suite=$$($(PY) -m harness.haystack_suite.fetch) && \
	$(PY) -m pytest -c harness/haystack_suite/pytest.ini --rootdir=. -p no:cacheprovider "$$suite/test_haystack/whoosh_tests"

# Peak memory of one gunicorn worker streaming a CSV export of N articles (flat, whatever N).
N ?= 100000
.PHONY: bench-export
bench-export: install-dev
	$(PY) bench/export_bench.py --articles $(N)

# The cluster contract scenarios (tests marked `contract`) against the real engine SEARCH_URL names,
# instead of the stand-ins the default suite runs them on (README "Scaling out"): each test makes
# and removes an index (Elasticsearch) or core (Solr, from the configset PARLEY_SOLR_CONFIGSET) of its own.
test-cluster: install-dev
	@test -n "$(SEARCH_URL)" || { echo "make test-cluster needs the engine to test: make test-cluster SEARCH_URL=elasticsearch://127.0.0.1:9200/parley (or solr://127.0.0.1:8983/solr/parley)" >&2; exit 2; }
	PARLEY_CONTRACT_SEARCH_URL='$(SEARCH_URL)' SEARCH_URL= $(BIN)/pytest -m contract -p no:cacheprovider

# The whole suite against a real PostgreSQL server started for the run (Debian's packages).
test-postgres: install-dev browser postgres
	scripts/test-postgres.sh

# Debian's PostgreSQL server, for test-postgres (installed before .ci/run starts both suites at once).
postgres:
	@ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null)

# Ten minutes of mixed load under gunicorn (outside `make test`): see bench/soak.py.
soak: install-dev static
	$(PY) bench/soak.py

clean:
	rm -rf $(VENV) .venv-3.* staticfiles .pytest_cache .ruff_cache node_modules .hypothesis

# Performance benchmark (see README): BENCH_ARTICLES=100000 make bench
bench: install
	$(PY) bench/run.py

# Abuse measurements (see README "Abuse measurements") on the archive `make bench` leaves.
ABUSE_DATA_DIR ?= bench/var/20000-1
.PHONY: bench-abuse
bench-abuse: install-dev static
	$(PY) bench/abuse_bench.py --data-dir $(ABUSE_DATA_DIR)
