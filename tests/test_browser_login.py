"""A login in chromium survives a reload and a second tab, and logging out ends it everywhere."""

from __future__ import annotations

import pytest

from core import login_sessions
from core.strings import t
from tests.browser import open_app, wait_until_idle

pytestmark = pytest.mark.browser

USER = "browser_reload"


def signed_in(page):
    caption = t("auth.signed_in_as", name=USER, role=t("role.staff"))
    return page.locator("[data-testid=stSidebar]").get_by_text(caption)


def session_cookie(page) -> dict | None:
    cookies = [c for c in page.context.cookies() if c["name"] == login_sessions.COOKIE]
    return cookies[0] if cookies else None


def test_a_reload_keeps_the_login_and_logging_out_ends_it(demo_url, artifacts):
    with open_app(demo_url, role="staff", username=USER) as page:
        signed_in(page).wait_for()
        page.wait_for_function(f"document.cookie.includes('{login_sessions.COOKIE}=')")
        cookie = session_cookie(page)
        assert cookie["sameSite"] == "Strict"
        assert len(cookie["value"]) == 43

        page.reload()  # F5: a new connection, logged in by the cookie
        signed_in(page).wait_for()
        wait_until_idle(page)
        assert page.get_by_label(t("auth.password"), exact=True).count() == 0
        page.screenshot(path=str(artifacts / "login-after-reload.png"))

        second = page.context.new_page()  # a second tab
        second.goto(page.url)
        signed_in(second).wait_for()

        page.locator("[data-testid=stSidebar]").get_by_role("button", name=t("auth.logout")).click()
        page.get_by_text(t("auth.logged_out")).wait_for()
        page.wait_for_function(f"!document.cookie.includes('{login_sessions.COOKIE}=')")
        page.reload()
        page.get_by_label(t("auth.password"), exact=True).wait_for()
        assert signed_in(page).count() == 0

        # The second tab is logged out at its next click.
        second.get_by_role("link", name=t("nav.members"), exact=True).click()
        second.get_by_text(t("auth.session_ended")).wait_for()
        assert signed_in(second).count() == 0
        assert second.locator("[data-testid=stSidebarNav]").count() == 0  # no menu left behind
        second.screenshot(path=str(artifacts / "login-ended-in-other-tab.png"))
