"""The one error path of page actions: a refusal from core/ shows its own message, a database
error shows one line (its detail goes to the log), and no traceback ever reaches the page."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError
from streamlit.testing.v1 import AppTest

from core import backup, display_links
from core.errors import CatalogueError
from core.strings import t
from tests.login import login_as
from ui import actions

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def integrity_error(*_args, **_kwargs):
    raise IntegrityError("INSERT INTO display_link ...", {}, Exception("duplicate key value"))


def operational_error(*_args, **_kwargs):
    raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))


def refused(*_args, **_kwargs):
    raise backup.BackupError("backup.not_a_backup")


def test_run_action_returns_the_result_or_the_message(caplog):
    assert actions.run_action(lambda a, b: a + b, 2, 3) == (5, None)
    assert actions.run_action(refused) == (None, t("backup.not_a_backup"))
    with caplog.at_level(logging.ERROR, logger="ui.actions"):
        assert actions.run_action(integrity_error) == (None, t("common.db_error"))
    assert "duplicate key value" in caplog.text  # the detail is logged, not shown
    assert actions.run_action(operational_error) == (None, t("common.db_unavailable"))


def test_other_errors_are_not_swallowed():
    with pytest.raises(ZeroDivisionError):
        actions.run_action(lambda: 1 / 0)
    assert issubclass(backup.BackupError, CatalogueError)


def open_admin_page(path: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    login_as(at, "user_admin", "admin")
    at.run()
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def test_an_integrity_error_on_a_write_shows_one_line(db_env, monkeypatch):
    at = open_admin_page("pages/display_links.py")
    monkeypatch.setattr(display_links, "create_link", integrity_error)
    at.text_input[0].input("Phòng họp")
    next(b for b in at.button if b.form_id == "display_links_create").click().run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [t("common.db_error")]


@pytest.mark.parametrize(
    ("failure", "key"),
    [(operational_error, "common.db_unavailable"), (refused, "backup.not_a_backup")],
)
def test_a_failed_action_shows_its_message_and_no_traceback(db_env, monkeypatch, failure, key):
    at = open_admin_page("pages/admin_backup.py")
    monkeypatch.setattr(backup, "download", failure)
    at.button(key="admin_backup.make").click().run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [t(key)]
