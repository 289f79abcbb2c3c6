"""A page URL opened first thing after the server starts still goes through app.py: the login gate,
the Vietnamese menu and the wide layout, never Streamlit's legacy menu of raw file names."""

from __future__ import annotations

import pytest

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
