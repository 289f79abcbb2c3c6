"""The router and Streamlit's legacy pages-directory mode (ui/pages_mode.py).

These tests check the Streamlit behaviour the workaround rests on. If one fails after a Streamlit
upgrade, the mode changed: read ui/pages_mode.py and run tests/test_browser_router.py."""

from __future__ import annotations

from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from core.strings import t
from tests.login import login_as
from ui import navigation, pages_mode

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def test_streamlit_still_starts_an_app_beside_pages_in_the_legacy_mode():
    # Peeks at Streamlit's internals on purpose: the app itself never does.
    PagesManager.uses_pages_directory = None
    try:
        PagesManager(APP, setup_watcher=False)
        assert PagesManager.uses_pages_directory is True, (
            "Streamlit no longer starts an app with a pages/ folder in its legacy mode: "
            "ui/pages_mode.py may be removable"
        )
    finally:
        PagesManager.uses_pages_directory = None


def test_the_first_run_of_a_session_leaves_the_legacy_mode_for_the_process(db_env):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, at.exception
    assert at.session_state[pages_mode.SETTLED_KEY] is True
    assert PagesManager.uses_pages_directory is False, (
        "st.navigation no longer ends Streamlit's legacy pages-directory mode: "
        "ui/pages_mode.py must find another way"
    )
    # The rerun that follows still shows the login form.
    assert [b.label for b in at.button if b.form_id == "auth.login_form"] == [t("auth.login")]


def list_menus():
    import streamlit as st

    from ui import navigation

    for role in ("viewer", "staff", "admin", None):
        sections = navigation.menu(role, lambda entry: lambda: None)
        st.session_state[f"menu.{role}"] = {
            page.url_path: (section, page.visibility)
            for section, pages in sections.items()
            for page in pages
        }


def test_each_role_menu_lists_its_pages_and_hides_the_rest(db_env):
    at = AppTest.from_function(list_menus, default_timeout=60).run()
    assert not at.exception, at.exception
    # The default page (the overview) is served at the app's root address.
    stems = {"" if entry.default else Path(entry.path).stem: entry for entry in navigation.PAGES}
    for role in ("viewer", "staff", "admin", None):
        menu = at.session_state[f"menu.{role}"]
        assert set(menu) == set(stems)
        hidden = {stem for stem, (_, visibility) in menu.items() if visibility == "hidden"}
        assert hidden == {
            stem
            for stem, entry in stems.items()
            if role is not None and not navigation.allowed(role, entry)
        }
    # A viewer's hidden pages sit under a heading that also lists visible pages.
    assert {section for section, _ in at.session_state["menu.viewer"].values()} == {
        section
        for section, visibility in at.session_state["menu.viewer"].values()
        if visibility == "visible"
    }


def draw_denied_admin_users():
    from ui import auth, navigation

    entry = next(e for e in navigation.PAGES if e.path == "pages/admin_users.py")
    auth.denied_page(entry)()


def test_the_denied_page_says_so_in_vietnamese(db_env):
    at = AppTest.from_function(draw_denied_admin_users, default_timeout=60)
    login_as(at, "user_viewer", "viewer")
    at.session_state[pages_mode.SETTLED_KEY] = True
    at.run()
    assert not at.exception, at.exception
    assert [title.value for title in at.title] == [t("nav.admin_users")]
    assert [error.value for error in at.error] == [t("auth.page_denied", role=t("role.admin"))]
