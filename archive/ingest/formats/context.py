"""What parsers may know beyond the file: the outlets the archive already has."""

from dataclasses import dataclass, field

from archive.text import fold


@dataclass
class ParseContext:
    """Known outlet names (folded name or slug → the name to report), for signature lines."""

    known_sources: dict[str, str] = field(default_factory=dict)

    def source_named(self, line: str) -> str | None:
        """Return the outlet a signature line names, if it is a known one."""
        return self.known_sources.get(fold(line.strip()))
