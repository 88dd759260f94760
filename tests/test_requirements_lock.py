"""The lock files installs come from (make install, install-dev) say what the requirements files choose:
every top-level pin at its version, every package with its hashes, one release of each package across
the locks. A pin changed without `make lock` fails here."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {
    "requirements.lock": ["requirements.txt"],
    "requirements-elasticsearch.lock": ["requirements-elasticsearch.txt"],
    "requirements-solr.lock": ["requirements-solr.txt"],
    "requirements-opensearch.lock": ["requirements-opensearch.txt"],
    "requirements-dev.lock": [
        "requirements-dev.txt",
        "requirements.txt",
        "requirements-elasticsearch.txt",
        "requirements-solr.txt",
        "requirements-opensearch.txt",
    ],
}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def name(raw: str) -> str:
    return re.sub(r"[-_.]+", "-", raw).lower()


def pins(path: str) -> dict[str, str]:
    """Return ``{package: version}`` of the ``name==version`` lines of a requirements or lock file."""
    found = {}
    for line in (ROOT / path).read_text().splitlines():
        if match := PIN.match(line):
            found[name(match[1])] = match[2]
    return found


def entries(path: str) -> dict[str, str]:
    """Return each locked package's whole entry (its pin line and continuation lines)."""
    text = (ROOT / path).read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    return {name(PIN.match(block)[1]): block for block in blocks if PIN.match(block)}


@pytest.mark.parametrize(("lock", "chosen"), LOCKS.items())
def test_the_lock_pins_every_chosen_release(lock, chosen):
    locked = pins(lock)
    for requirements in chosen:
        wanted = pins(requirements)
        assert wanted, requirements
        assert {package: locked.get(package) for package in wanted} == wanted, f"{lock} is older than {requirements}"


@pytest.mark.parametrize("lock", LOCKS)
def test_every_locked_package_has_its_hashes(lock):
    locked = entries(lock)
    assert locked
    unhashed = [package for package, entry in locked.items() if not re.search(r"--hash=sha256:[0-9a-f]{64}", entry)]
    assert unhashed == []


def test_a_package_is_one_release_in_every_lock():
    seen = {}
    for lock in LOCKS:
        for package, version in pins(lock).items():
            seen.setdefault(package, set()).add(version)
    assert {package: versions for package, versions in seen.items() if len(versions) > 1} == {}
