"""The pages, grouped in sections, each with the lowest role that may open it. app.py builds
st.navigation from the entries the current user's role allows; each page checks the role again."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROLE_RANK = {"viewer": 0, "staff": 1, "admin": 2}


@dataclass(frozen=True)
class PageEntry:
    path: str
    title_key: str  # catalogue key
    icon: str
    section_key: str  # catalogue key
    min_role: str = "viewer"
    default: bool = False


PAGES: list[PageEntry] = [
    PageEntry(
        "pages/overview.py",
        "nav.overview",
        ":material/monitoring:",
        "nav.section.dashboard",
        default=True,
    ),
    PageEntry("pages/ranking.py", "nav.ranking", ":material/leaderboard:", "nav.section.dashboard"),
    PageEntry("pages/display.py", "nav.display", ":material/tv:", "nav.section.dashboard"),
    PageEntry("pages/reports.py", "nav.reports", ":material/summarize:", "nav.section.dashboard"),
    PageEntry("pages/organising.py", "nav.organising", ":material/handshake:", "nav.section.data"),
    PageEntry(
        "pages/display_links.py",
        "nav.display_links",
        ":material/link:",
        "nav.section.admin",
        min_role="admin",
    ),
    PageEntry(
        "pages/workers_month.py", "nav.workers_month", ":material/campaign:", "nav.section.duties"
    ),
    PageEntry(
        "pages/activities.py", "nav.activities", ":material/event_note:", "nav.section.duties"
    ),
    PageEntry("pages/network.py", "nav.network", ":material/groups:", "nav.section.duties"),
    PageEntry("pages/members.py", "nav.members", ":material/badge:", "nav.section.data"),
    PageEntry("pages/enterprises.py", "nav.enterprises", ":material/factory:", "nav.section.data"),
    PageEntry("pages/unions.py", "nav.unions", ":material/diversity_3:", "nav.section.data"),
    PageEntry(
        "pages/admin_users.py",
        "nav.admin_users",
        ":material/manage_accounts:",
        "nav.section.admin",
        min_role="admin",
    ),
    PageEntry(
        "pages/admin_targets.py",
        "nav.admin_targets",
        ":material/flag:",
        "nav.section.admin",
        min_role="admin",
    ),
    PageEntry(
        "pages/admin_units.py",
        "nav.admin_units",
        ":material/account_tree:",
        "nav.section.admin",
        min_role="admin",
    ),
    PageEntry(
        "pages/admin_audit.py",
        "nav.admin_audit",
        ":material/history:",
        "nav.section.admin",
        min_role="admin",
    ),
    PageEntry(
        "pages/admin_backup.py",
        "nav.admin_backup",
        ":material/backup:",
        "nav.section.admin",
        min_role="admin",
    ),
    PageEntry(
        "pages/upload.py",
        "nav.upload",
        ":material/upload_file:",
        "nav.section.data",
        min_role="staff",
    ),
]


def allowed(role: str, entry: PageEntry) -> bool:
    return ROLE_RANK.get(role, -1) >= ROLE_RANK[entry.min_role]


def ensure_router(*, entry: bool = False) -> None:
    """Make app.py (login gate, menu, wide layout) run first, whatever the URL.

    Until the first `st.navigation` call in a server process, Streamlit assumes the legacy
    pages-directory app: it wraps the run in its own menu of raw file names and runs a file of
    pages/ directly, outside app.py (e.g. the first request after a restart that opens /members).
    Widgets drawn in such a run belong to another page than in the next, normal run, so a login
    typed there is lost. Each run checks its own mode (several sessions may start in the legacy
    mode before one leaves it), leaves the mode and runs again. `entry` is True in app.py.
    (Streamlit 1.67: the mode is PagesManager.uses_pages_directory; `st.navigation` clears it.)
    """
    import streamlit as st
    from streamlit.runtime import Runtime
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner_utils.script_run_context import (
        ThreadState,
        get_script_run_ctx,
    )

    ctx = get_script_run_ctx()
    # AppTest resets the mode before every run of its mocked runtime and runs the page it is asked
    # for directly; a rerun there would only drop the widget events of the run (form submits).
    if ctx is None or type(Runtime._instance).__module__ == "unittest.mock":
        return
    manager = ctx.pages_manager
    if entry:
        # Run as the entry point, app.py is the active script; the legacy menu runs it as a page.
        legacy = ThreadState.get().active_script_hash != manager.main_script_hash
    else:
        # This run's menu is the legacy one when it lists app.py itself among the pages.
        main = Path(manager.main_script_path).resolve()
        pages = manager.get_pages().values()
        legacy = len(pages) > 1 and any(
            page.get("script_path") and Path(page["script_path"]).resolve() == main
            for page in pages
        )
    if legacy or PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
