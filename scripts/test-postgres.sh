#!/usr/bin/env bash
# Run the whole test suite against a real PostgreSQL server, started for the run.
#
# Installs Debian's postgresql if missing, creates a cluster in a temporary folder,
# starts it on a free port bound to 127.0.0.1 (as the unprivileged "postgres" user
# when run as root), runs pytest with DATABASE_URL pointing at it, and always stops
# the server and removes the folder. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

pg_bin() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    echo "$found"
}

if [ -z "$(pg_bin)" ]; then
    echo "Installing Debian's postgresql..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
BIN=$(pg_bin)
export PATH="$BIN:$PATH"  # pg_dump and pg_restore of the same version as the server
PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
WORK=$(mktemp -d /tmp/parley-pg.XXXXXX)
chmod 755 "$WORK"

as_pg() {
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir "$WORK" postgres
        chown -R postgres "$WORK"
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

cleanup() {
    as_pg "$BIN/pg_ctl" -D "$WORK/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

as_pg "$BIN/initdb" -D "$WORK/data" -U parley -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$BIN/pg_ctl" -D "$WORK/data" -l "$WORK/server.log" -w \
    -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null
as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U parley parley

export DATABASE_URL="postgres://parley@127.0.0.1:$PORT/parley"
# Its own static files: this run may go on beside the SQLite one (.ci/run), whose servers read ./staticfiles.
export PARLEY_STATIC_ROOT="$WORK/static"
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT; running the suite"
# No pytest cache: the SQLite run beside this one owns .pytest_cache.
# Left out, as they would only repeat the SQLite run (README, "Scaling out"): the tests that never
# reach a database in process (PARLEY_DATABASE_TESTS_ONLY, tests/conftest.py), those that run on
# SQLite whatever DATABASE_URL says (sqlite_only), the Chromium tests (browser: layout, scripts,
# keyboard, accessibility) and the gunicorn tests but those whose point includes the database
# (postgres: claims of alerts, curators writing while others search, the API against its schema).
# PARLEY_PG_MARKERS overrides the selection (e.g. "" with PARLEY_DATABASE_TESTS_ONLY=0 for everything).
export PARLEY_DATABASE_TESTS_ONLY=${PARLEY_DATABASE_TESTS_ONLY-1}
.venv/bin/pytest -p no:cacheprovider \
    -m "${PARLEY_PG_MARKERS-not sqlite_only and not browser and (not server or postgres)}" "$@"
