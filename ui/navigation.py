"""The pages, grouped in sections, each with the lowest role that may open it. app.py builds
st.navigation from `menu(role)`; each page checks the role again (`ui.auth.require_role`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from core.strings import t
from ui import pages_mode

ROOT = Path(__file__).resolve().parent.parent

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


def menu(
    role: str | None, denied: Callable[[PageEntry], Callable[[], None]]
) -> dict[str, list[StreamlitPage]]:
    """The st.navigation sections for a role: the pages it may open, listed; every other page hidden
    and drawn by `denied(entry)`, so its address says "not allowed" in Vietnamese, not Streamlit's
    English "page not found". `role` None (logged out): every page, each showing the login form."""
    sections: dict[str, list[StreamlitPage]] = {}
    refused: list[StreamlitPage] = []
    for entry in PAGES:
        if role is None or allowed(role, entry):
            sections.setdefault(t(entry.section_key), []).append(
                st.Page(
                    ROOT / entry.path,
                    title=t(entry.title_key),
                    icon=entry.icon,
                    default=entry.default,
                )
            )
        else:
            refused.append(
                st.Page(
                    denied(entry),
                    title=t(entry.title_key),
                    icon=entry.icon,
                    url_path=Path(entry.path).stem,
                    visibility="hidden",
                )
            )
    # Hidden pages go in a section that also lists visible ones: no empty section heading.
    list(sections.values())[-1].extend(refused)
    return sections


def ensure_router() -> None:
    """Call first in every page and in app.py: see ui/pages_mode.py."""
    pages_mode.settle(lambda: menu(None, lambda entry: lambda: None))
