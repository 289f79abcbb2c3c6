"""A page URL opened first thing after the server starts still goes through app.py: the login gate,
the Vietnamese menu and the wide layout, never Streamlit's legacy menu of raw file names."""

from __future__ import annotations

import pytest

from core.strings import t
from tests.browser import open_app, wait_until_idle

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_deep_link_after_a_restart_goes_through_the_router(demo_url, artifacts):
    with open_app(demo_url, role="staff", path="upload") as page:
        wait_until_idle(page)
        page.wait_for_selector("h1:has-text('Tải dữ liệu lên')")
        nav = page.locator("[data-testid=stSidebarNav]").inner_text()
        assert "Tải dữ liệu lên" in nav and "Đoàn viên" in nav
        for raw_name in ("admin audit", "admin users", "activities", "View"):
            assert raw_name not in nav
        main_width = page.locator("[data-testid=stMainBlockContainer]").bounding_box()["width"]
        assert main_width > 1200  # layout="wide" from app.py, not the centred default
        page.screenshot(path=str(artifacts / "router-deep-link.png"))


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_page_the_role_may_not_open_says_so_in_vietnamese(demo_url, artifacts):
    with open_app(demo_url, role="viewer", path="admin_users") as page:
        wait_until_idle(page)
        main = page.locator("[data-testid=stMain]")
        main.get_by_text(t("auth.page_denied", role=t("role.admin"))).wait_for()
        page.get_by_role("heading", name=t("nav.admin_users")).wait_for()
        page.mouse.move(1000, 700)  # no hover highlight in the menu
        page.screenshot(path=str(artifacts / "router-denied-page.png"))
        assert page.get_by_text("Page not found").count() == 0
        assert page.locator("[data-testid=stDialog]").count() == 0
        # Not listed in the viewer's menu either.
        nav = page.locator("[data-testid=stSidebarNav]").inner_text()
        assert t("nav.admin_users") not in nav
