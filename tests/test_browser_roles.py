"""Each role in a real browser: a viewer, a staff member and an admin log in through the form and
see only the pages and the controls their role allows; screenshots go to test-artifacts/."""

from __future__ import annotations

import pytest

from core.strings import t
from tests.browser import open_app, wait_until_idle

pytestmark = pytest.mark.browser

DATA_PAGES = ("nav.members", "nav.enterprises", "nav.unions")
ADMIN_PAGES = (
    "nav.admin_users",
    "nav.admin_targets",
    "nav.admin_units",
    "nav.admin_audit",
    "nav.admin_backup",
)
EDIT_CONTROLS = ("members.admit_heading",)


def show_all_pages(page) -> None:
    """Open the sidebar's "View N more" (Streamlit folds a long menu) when it is there."""
    more = page.locator("[data-testid=stSidebarNavViewButton]")
    if more.count() and "more" in more.inner_text().lower():
        more.click()
        wait_until_idle(page)


def has_link(page, key: str) -> bool:
    return page.get_by_role("link", name=t(key), exact=True).count() == 1


def open_page(page, key: str) -> None:
    page.get_by_role("link", name=t(key), exact=True).click()
    wait_until_idle(page)
    page.get_by_role("heading", name=t(key.replace("nav.", "") + ".heading")).wait_for()


def members_controls(page) -> dict[str, bool]:
    main = page.locator("[data-testid=stMain]")
    # The member picker is drawn last: once it is there, the controls above it are too.
    main.get_by_text(t("members.pick"), exact=True).wait_for()
    return {
        "save": main.get_by_role("button", name=t("records.save_changes", n=0)).count() == 1,
        "admit": main.get_by_text(t("members.admit_heading")).count() == 1,
    }


@pytest.mark.parametrize(
    ("role", "sees_admin", "edits"),
    [("viewer", False, False), ("staff", False, True), ("admin", True, True)],
)
def test_each_role_sees_only_what_it_may(demo_url, artifacts, role, sees_admin, edits):
    with open_app(demo_url, role=role) as page:
        wait_until_idle(page)
        sidebar = page.locator("[data-testid=stSidebar]")
        sidebar.get_by_text(
            t("auth.signed_in_as", name=f"browser_{role}", role=t(f"role.{role}"))
        ).wait_for()
        show_all_pages(page)
        assert all(has_link(page, key) for key in DATA_PAGES)
        assert [has_link(page, key) for key in ADMIN_PAGES] == [sees_admin] * len(ADMIN_PAGES)
        assert has_link(page, "nav.upload") is edits
        open_page(page, "nav.members")
        assert members_controls(page) == {"save": edits, "admit": edits}
        page.screenshot(path=str(artifacts / f"roles-{role}-members.png"))
        if sees_admin:
            show_all_pages(page)
            open_page(page, "nav.admin_audit")
            page.screenshot(path=str(artifacts / f"roles-{role}-audit.png"))
            show_all_pages(page)
            open_page(page, "nav.admin_users")
            expander = page.locator("[data-testid=stExpander] summary")
            assert expander.get_by_text(t("admin_users.create_heading")).is_visible()


def test_a_wrong_password_is_refused_in_vietnamese(demo_url):
    from tests.browser import chromium_page, log_in, streamlit_server
    from tests.login import ensure_user

    with streamlit_server(demo_url) as base_url, chromium_page(base_url) as page:
        ensure_user("browser_staff", "staff")
        log_in(page, "browser_staff", "khong-dung-mat-khau")
        page.get_by_text(t("auth.bad_credentials")).wait_for()
        assert page.get_by_role("link", name=t("nav.members"), exact=True).count() == 0
