"""The far-cell workbook uploaded in a real browser: staff read why it was refused, and another
session on the same server keeps showing its figures before, during and after."""

from __future__ import annotations

import os

import pytest

from core.importing.reading import ReadError
from core.strings import t
from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    RENDER_TIMEOUT_MS,
    log_in,
    require_chromium,
    streamlit_server,
    wait_until_idle,
)
from tests.login import ensure_user
from tests.test_import_hostile import far_cell_workbook

pytestmark = pytest.mark.browser


def overview_values(page) -> list[str]:
    page.wait_for_selector("[data-testid=stMetricValue]")
    wait_until_idle(page)
    return [
        value.inner_text().strip() for value in page.locator("[data-testid=stMetricValue]").all()
    ]


def test_a_far_cell_workbook_is_refused_and_the_server_lives_on(demo_url, artifacts):
    assert os.environ["DATABASE_URL"] == demo_url
    staff_password = ensure_user("browser_staff", "staff")
    viewer_password = ensure_user("browser_viewer", "viewer")
    require_chromium()
    from playwright.sync_api import sync_playwright

    with streamlit_server(demo_url) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            # Two contexts: two separate browser sessions (cookies apart) on the one server.
            watcher, staff = (
                browser.new_context(
                    viewport={"width": 1440, "height": 1000},
                    locale="vi-VN",
                    timezone_id="Asia/Ho_Chi_Minh",
                ).new_page()
                for _ in range(2)
            )
            for page in (watcher, staff):
                page.set_default_timeout(RENDER_TIMEOUT_MS)
                page.goto(base_url)
            log_in(watcher, "browser_viewer", viewer_password)
            before = overview_values(watcher)
            assert before

            log_in(staff, "browser_staff", staff_password)
            wait_until_idle(staff)
            staff.get_by_role("link", name=t("nav.upload"), exact=True).click()
            wait_until_idle(staff)
            staff.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
                files=[
                    {
                        "name": "danh-sach.xlsx",
                        "mimeType": "application/vnd.openxmlformats-officedocument"
                        ".spreadsheetml.sheet",
                        "buffer": far_cell_workbook(declared=False),
                    }
                ]
            )
            # The other session keeps answering while the child reader dies.
            watcher.reload()
            assert overview_values(watcher) == before

            why = ReadError("import.error.read_failed").message()
            staff.get_by_text(why).wait_for()
            wait_until_idle(staff)
            staff.screenshot(path=str(artifacts / "hostile-upload-refused.png"))

            watcher.reload()
            assert overview_values(watcher) == before
            # The staff session too: it opens the overview.
            staff.get_by_role("link", name=t("nav.overview"), exact=True).click()
            assert overview_values(staff) == before
        finally:
            browser.close()
