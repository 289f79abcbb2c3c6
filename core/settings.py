"""One settings object, read from the environment. The README's settings table is kept in sync with
SETTINGS by tests/test_docs.py."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "data" / "app.db"

# name -> (default, help). Defaults are strings as they would appear in the environment.
SETTINGS: dict[str, tuple[str, str]] = {
    "DATABASE_URL": (
        f"sqlite:///{DEFAULT_SQLITE_PATH}",
        "Database to use. SQLite file under data/ by default; "
        "postgresql+psycopg://user@host:5432/db for PostgreSQL.",
    ),
    "APP_TIMEZONE": ("Asia/Ho_Chi_Minh", "Clock used for 'today' and every displayed time."),
    "MAX_UPLOAD_MB": ("50", "Largest spreadsheet accepted by the importer, in MB."),
    "DISPLAY_REFRESH_SECONDS": ("30", "How often the briefing display refreshes its figures."),
    "SESSION_IDLE_HOURS": ("8", "A login expires after this many idle hours."),
    "APP_ENV": ("development", "development, test or production."),
}


@dataclass(frozen=True)
class Settings:
    database_url: str
    app_timezone: str
    max_upload_mb: int
    display_refresh_seconds: int
    session_idle_hours: int
    app_env: str


def get(name: str) -> str:
    return os.environ.get(name) or SETTINGS[name][0]


def load() -> Settings:
    return Settings(
        database_url=get("DATABASE_URL"),
        app_timezone=get("APP_TIMEZONE"),
        max_upload_mb=int(get("MAX_UPLOAD_MB")),
        display_refresh_seconds=int(get("DISPLAY_REFRESH_SECONDS")),
        session_idle_hours=int(get("SESSION_IDLE_HOURS")),
        app_env=get("APP_ENV"),
    )
