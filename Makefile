# Parley: everything a person runs is a target here.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8000
export PORT

.PHONY: run serve setup install install-dev migrate data index static test lint format browser clean superuser bench

run: setup static
	@echo "Parley on http://127.0.0.1:$(PORT)/search/"
	$(BIN)/gunicorn -c config/gunicorn.conf.py config.wsgi

setup: install migrate data index

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(PY) manage.py migrate --noinput

data: migrate
	$(PY) manage.py bootstrap

index: data
	$(PY) manage.py build_index --if-stale

static: install
	$(PY) manage.py collectstatic --noinput --verbosity 0

superuser: migrate
	$(PY) manage.py createsuperuser

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install-dev browser lint
	$(PY) manage.py makemigrations --check --dry-run
	$(BIN)/pytest

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Performance benchmark (bench/README in README.md): BENCH_ARTICLES=100000 make bench
bench: install
	$(PY) bench/run.py
