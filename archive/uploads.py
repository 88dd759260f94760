"""Uploads of the admin's import page: streamed to disk, never held in a web worker's memory.

``settings.FILE_UPLOAD_HANDLERS`` names :class:`BoundedTemporaryFileUploadHandler`
alone, so every uploaded file goes to a temporary file chunk by chunk (64 KB at a
time), however small. A file over the import's size limit is not stored past the
limit: its first bytes are kept, and its real size, so that the import refuses it
as too large, naming it, without 20 MB more on disk for nothing.
"""

from django.core.files.uploadhandler import TemporaryFileUploadHandler

from archive.ingest.read import MAX_BYTES


class BoundedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's temporary-file upload handler, storing at most ``MAX_BYTES + 1`` bytes per file."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.stored = 0

    def receive_data_chunk(self, raw_data, start):
        room = MAX_BYTES + 1 - self.stored
        if room > 0:
            kept = raw_data[:room]
            self.file.write(kept)
            self.stored += len(kept)
        return None  # the chunk is handled: no later handler sees it
