"""The typed settings: defaults, checks, the production guard, and reading a changed environment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core import settings
from core.formatting import fmt_datetime
from core.strings import t

URL = "postgresql+psycopg://ugt@db:5432/ugt"
APP = str(Path(__file__).resolve().parent.parent / "app.py")


def test_defaults_are_typed():
    loaded = settings.load({})
    assert loaded == settings.Settings(
        database_url=f"sqlite:///{settings.DEFAULT_SQLITE_PATH}",
        app_timezone="Asia/Ho_Chi_Minh",
        max_upload_mb=50,
        import_read_memory_mb=4096,
        import_read_seconds=180,
        display_refresh_seconds=30,
        session_idle_hours=8.0,
        app_env="development",
        app_lang="vi",
    )
    assert loaded.max_upload_bytes == 50 * 1024 * 1024


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MAX_UPLOAD_MB", "fifty"),
        ("MAX_UPLOAD_MB", "0"),
        ("DISPLAY_REFRESH_SECONDS", "0"),
        ("SESSION_IDLE_HOURS", "-1"),
        ("APP_TIMEZONE", "Mars/Olympus"),
        ("APP_ENV", "prod"),
        ("APP_LANG", "fr"),
    ],
)
def test_a_bad_value_is_refused_naming_the_variable(name, value):
    with pytest.raises(settings.SettingsError, match=name):
        settings.load({name: value})


def test_production_refuses_the_default_database():
    with pytest.raises(settings.SettingsError, match="DATABASE_URL"):
        settings.load({"APP_ENV": "production"})
    assert settings.load({"APP_ENV": "production", "DATABASE_URL": URL}).database_url == URL
    # Outside production the default SQLite file is fine.
    assert settings.load({"APP_ENV": "development"}).database_url.startswith("sqlite:///")


def test_get_settings_sees_a_changed_environment(monkeypatch):
    monkeypatch.setenv("MAX_UPLOAD_MB", "7")
    assert settings.get_settings().max_upload_mb == 7
    monkeypatch.setenv("MAX_UPLOAD_MB", "8")
    assert settings.get_settings().max_upload_mb == 8
    first = settings.get_settings()
    assert settings.get_settings() is first  # unchanged environment: read once


def test_timezone_and_language_come_from_the_settings(monkeypatch):
    moment = dt.datetime(2026, 11, 25, 8, 26, tzinfo=dt.UTC)
    monkeypatch.setenv("APP_TIMEZONE", "UTC")
    assert fmt_datetime(moment) == "25/11/2026 08:26"
    monkeypatch.setenv("APP_TIMEZONE", "Asia/Ho_Chi_Minh")
    assert fmt_datetime(moment) == "25/11/2026 15:26"
    monkeypatch.setenv("APP_LANG", "en")
    english = t("common.db_unavailable")
    monkeypatch.setenv("APP_LANG", "vi")
    assert t("common.db_unavailable") != english


def test_the_app_names_a_bad_setting_instead_of_a_traceback(monkeypatch):
    monkeypatch.setenv("MAX_UPLOAD_MB", "fifty")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [
        t("common.bad_setting", problem="MAX_UPLOAD_MB='fifty' is not a number")
    ]
