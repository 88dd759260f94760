"""Download the pinned django-haystack sdist and unpack its test package.

Usage: ``python -m harness.haystack_suite.fetch [FOLDER]`` (default
``var/haystack-suite``). Prints the folder that holds ``test_haystack/``.

The sdist is fetched with pip (the ordinary client of the package index) and
checked against a pinned SHA-256, so the tests run are exactly 3.4.0's. Only
``test_haystack/`` is unpacked: the ``haystack`` package the tests import is the
one installed from requirements.txt, the one Parley runs on.
"""

import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from importlib.metadata import version
from pathlib import Path

VERSION = "3.4.0"
SDIST = f"django_haystack-{VERSION}.tar.gz"
SDIST_SHA256 = "1226a7c9ce13e1e7ead8ac83f6e87bfef4996f146ed24971fde7896115b1c530"
ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_FOLDER = ROOT / "var" / "haystack-suite"


class FetchError(RuntimeError):
    """The suite could not be fetched or is not the pinned one; the message says why."""


def suite_folder(folder: Path = DEFAULT_FOLDER) -> Path:
    """Return the folder holding ``test_haystack/`` for the pinned version (it may not exist yet)."""
    return Path(folder) / f"django-haystack-{VERSION}"


def fetch(folder: Path = DEFAULT_FOLDER) -> Path:
    """Return the folder holding the unpacked ``test_haystack/``, downloading it first if missing."""
    installed = version("django-haystack")
    if installed != VERSION:
        raise FetchError(f"django-haystack {installed} is installed; this suite is {VERSION}'s")
    target = suite_folder(folder)
    if (target / "test_haystack" / "whoosh_tests").is_dir():
        return target
    with tempfile.TemporaryDirectory(prefix="haystack-sdist-") as download:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:"]
            + ["--dest", download, f"django-haystack=={VERSION}"],
            check=True,
        )
        archive = Path(download) / SDIST
        digest = hashlib.sha256(archive.read_bytes()).hexdigest()
        if digest != SDIST_SHA256:
            raise FetchError(f"{SDIST} has SHA-256 {digest}, expected {SDIST_SHA256}")
        unpack_tests(archive, target)
    return target


def unpack_tests(archive: Path, target: Path) -> None:
    """Unpack only ``test_haystack/`` of ``archive`` into ``target`` (written beside, then renamed)."""
    prefix = f"django_haystack-{VERSION}/"
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)  # left by an interrupted run
    with tarfile.open(archive) as sdist:
        members = []
        for member in sdist.getmembers():
            if not member.name.startswith(prefix + "test_haystack/"):
                continue
            member.name = member.name[len(prefix) :]
            members.append(member)
        partial.mkdir(parents=True, exist_ok=True)
        # The "data" filter refuses absolute paths, links out of the folder and device files.
        sdist.extractall(partial, members=members, filter="data")
    partial.rename(target)


if __name__ == "__main__":
    print(fetch(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FOLDER))
