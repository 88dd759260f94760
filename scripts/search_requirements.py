"""Print the requirements file of the search engine ``SEARCH_URL`` names (nothing for Whoosh).

Run by the Makefile before the virtualenv exists, so it needs only the standard library.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config.search_clients import client_requirements  # noqa: E402 - after the path is set

print(client_requirements(os.environ.get("SEARCH_URL")) or "")
