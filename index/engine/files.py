"""What identifies the files of an index generation, so that a changed one is noticed.

A snapshot (snapshot.py) records the files it opened; when one of them is
replaced under it (a bad copy, a restore, a folder emptied and built again with
the same generation number), the index is opened again rather than misread.
"""

import os


def file_identities(folder: str, only=None) -> dict[str, tuple[int, int]]:
    """Return ``{file name: (inode, size)}`` for the files of ``folder`` (or the names in ``only``)."""
    identities = {}
    names = only if only is not None else [entry.name for entry in os.scandir(folder) if entry.is_file()]
    for name in names:
        try:
            status = os.stat(os.path.join(folder, name))
        except OSError:
            continue  # a vanished file differs from what was recorded
        identities[name] = (status.st_ino, status.st_size)
    return identities


def memory_file_identities(storage, only=None) -> dict[str, tuple[int, int]]:
    """Return ``{file name: (object id, size)}`` for the files of a Whoosh ``RamStorage``.

    A file written again is a new bytes object; the old one stays alive (so its id is
    not reused) as long as the snapshot that read it.
    """
    files = storage.files
    names = only if only is not None else list(files)
    return {name: (id(files[name]), len(files[name])) for name in names if name in files}
