"""One typed settings object, read from the environment and checked once.

`get_settings()` is what every module reads. SETTINGS is the table of names, defaults and help; the
README's settings table is kept in sync with it by tests/test_docs.py. Outside development a value
that is only safe on a developer's machine is refused at start, not discovered later.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "data" / "app.db"

Environment = Literal["development", "test", "production"]
Language = Literal["vi", "en"]
ENVIRONMENTS: tuple[Environment, ...] = ("development", "test", "production")
LANGUAGES: tuple[Language, ...] = ("vi", "en")

# name -> (default, help). Defaults are strings as they would appear in the environment.
SETTINGS: dict[str, tuple[str, str]] = {
    "DATABASE_URL": (
        f"sqlite:///{DEFAULT_SQLITE_PATH}",
        "Database to use. SQLite file under data/ by default; "
        "postgresql+psycopg://user@host:5432/db for PostgreSQL. "
        "Must be set explicitly when APP_ENV is production.",
    ),
    "APP_TIMEZONE": ("Asia/Ho_Chi_Minh", "Clock used for 'today' and every displayed time."),
    "MAX_UPLOAD_MB": (
        "50",
        "Largest spreadsheet accepted, in MB (1 or more): the Upload page, the importer and "
        "Streamlit's upload limit (make run passes it as --server.maxUploadSize).",
    ),
    "IMPORT_READ_MEMORY_MB": (
        "4096",
        "Memory (address space) the child process reading an uploaded file may use, in MB "
        "(256 or more); a file needing more is refused.",
    ),
    "IMPORT_READ_SECONDS": (
        "180",
        "Time the child process reading an uploaded file may take, in seconds (5 or more).",
    ),
    "DISPLAY_REFRESH_SECONDS": (
        "30",
        "How often the briefing display refreshes its figures (1 or more).",
    ),
    "SESSION_IDLE_HOURS": ("8", "A login expires after this many idle hours (more than 0)."),
    "APP_ENV": (
        "development",
        "development, test or production; production refuses to start on the default database.",
    ),
    "APP_LANG": ("vi", "Interface language: vi (Vietnamese) or en (English)."),
}


class SettingsError(ValueError):
    """A setting the app cannot start with; the message names the variable and what it accepts."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    app_timezone: str
    max_upload_mb: int
    import_read_memory_mb: int
    import_read_seconds: int
    display_refresh_seconds: int
    session_idle_hours: float
    app_env: Environment
    app_lang: Language

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.app_timezone)

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024


def _raw(environ: dict[str, str] | os._Environ[str], name: str) -> str:
    return (environ.get(name) or SETTINGS[name][0]).strip()


def _number(environ, name: str, kind: type[int] | type[float], *, minimum: float) -> float:
    raw = _raw(environ, name)
    try:
        value = kind(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a number") from None
    if value < minimum:
        raise SettingsError(f"{name}={raw!r} must be at least {minimum:g}")
    return value


def _choice(environ, name: str, choices: tuple[str, ...]) -> str:
    raw = _raw(environ, name).lower()
    if raw not in choices:
        raise SettingsError(f"{name}={raw!r} must be one of {', '.join(choices)}")
    return raw


def load(environ: dict[str, str] | os._Environ[str] | None = None) -> Settings:
    """Read and check every setting; raises SettingsError naming the first bad one."""
    environ = os.environ if environ is None else environ
    timezone = _raw(environ, "APP_TIMEZONE")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"APP_TIMEZONE={timezone!r} is not a known time zone") from None
    app_env = cast(Environment, _choice(environ, "APP_ENV", ENVIRONMENTS))
    if app_env == "production" and not environ.get("DATABASE_URL"):
        # A missing variable would otherwise start an empty SQLite file beside the code.
        raise SettingsError("DATABASE_URL must be set when APP_ENV=production")
    return Settings(
        database_url=_raw(environ, "DATABASE_URL"),
        app_timezone=timezone,
        max_upload_mb=int(_number(environ, "MAX_UPLOAD_MB", int, minimum=1)),
        import_read_memory_mb=int(_number(environ, "IMPORT_READ_MEMORY_MB", int, minimum=256)),
        import_read_seconds=int(_number(environ, "IMPORT_READ_SECONDS", int, minimum=5)),
        display_refresh_seconds=int(_number(environ, "DISPLAY_REFRESH_SECONDS", int, minimum=1)),
        session_idle_hours=_number(environ, "SESSION_IDLE_HOURS", float, minimum=0.01),
        app_env=app_env,
        app_lang=cast(Language, _choice(environ, "APP_LANG", LANGUAGES)),
    )


_cached: tuple[tuple[str | None, ...], Settings] | None = None


def get_settings() -> Settings:
    """The settings of the current environment, read again only when a variable has changed
    (tests and the CLI set variables after import; reading seven variables is cheap)."""
    global _cached
    key = tuple(os.environ.get(name) for name in SETTINGS)
    if _cached is None or _cached[0] != key:
        _cached = (key, load())
    return _cached[1]
