#!/usr/bin/env bash
# Regenerate the lock files (make lock): every package, transitive ones included, pinned with the
# hashes of all its files on PyPI, for Python 3.11 to 3.13 on any platform (uv's universal resolution).
#
# The *.txt files are what we choose (top-level pins, with why); the *.lock files are what gets
# installed (`pip install --require-hashes`). The engine and development locks are resolved under
# the runtime lock as a constraint, so a package they share is the same release in every lock.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=${UV:-.venv/bin/uv}

compile() {
    local output=$1
    shift
    "$UV" pip compile --quiet --universal --python-version 3.11 --generate-hashes \
        --index-url https://pypi.org/simple --no-emit-index-url \
        --custom-compile-command "make lock" --output-file "$output" "$@"
}

compile requirements.lock requirements.txt
compile requirements-elasticsearch.lock requirements-elasticsearch.txt -c requirements.lock
compile requirements-solr.lock requirements-solr.txt -c requirements.lock
compile requirements-opensearch.lock requirements-opensearch.txt -c requirements.lock
compile requirements-dev.lock requirements-dev.txt \
    -c requirements.lock -c requirements-elasticsearch.lock -c requirements-solr.lock -c requirements-opensearch.lock
echo "Locked: $(grep -c '==' requirements.lock) runtime, $(grep -c '==' requirements-dev.lock) development packages."
