"""Reading Parley's configuration from the environment (twelve-factor).

Every value has a default that suits a local run; production refuses to start
without what it cannot guess (see ``config.settings``).
"""

import os
import secrets
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_bool(name: str, default: bool = False) -> bool:
    """Return the boolean value of ``name``; unset means ``default``."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return raw.strip().lower() in TRUE_WORDS


def env_int(name: str, default: int) -> int:
    """Return the integer value of ``name``, or raise a readable error."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, got {raw!r}") from None


def env_float(name: str, default: float) -> float:
    """Return the number value of ``name``, or raise a readable error."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a number, got {raw!r}") from None


def env_choice(name: str, aliases: dict[str, str]) -> str:
    """Return the choice ``aliases[value]`` of ``name`` (unset or empty: the ``""`` entry), or raise a
    readable error naming the choices."""
    raw = os.environ.get(name, "").strip().lower()
    if raw not in aliases:
        choices = ", ".join(sorted(word for word in aliases if word))
        raise SystemExit(f"{name} must be one of {choices} (or unset), got {raw!r}")
    return aliases[raw]


def env_list(name: str, default: list[str]) -> list[str]:
    """Return a comma-separated variable as a list of non-empty items."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def data_dir() -> Path:
    """Return the data folder (SQLite file, Whoosh index, secret key), created if needed."""
    path = Path(os.environ.get("PARLEY_DATA_DIR") or "var").resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(folder: Path) -> str:
    """Return DJANGO_SECRET_KEY, or a key generated once and kept in ``folder``.

    The kept key lives in ``secret_key`` with mode 600 so that sessions survive
    restarts without anyone having to invent a key for a local run.
    """
    configured = os.environ.get("DJANGO_SECRET_KEY", "").strip()
    if configured:
        return configured
    key_file = folder / "secret_key"
    if not key_file.exists():
        key = secrets.token_urlsafe(50)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
    os.chmod(key_file, 0o600)
    return key_file.read_text().strip()
