"""Who is using the app. Accounts and login arrive with the records-and-access issue; until then
everyone is treated as a read-only viewer.

Pages call `require_role("staff")` (or "viewer"/"admin") at their top: it returns the CurrentUser or
stops the page with a Vietnamese message. Write actions must check the role again in core/ too.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ui.navigation import ROLE_RANK


@dataclass(frozen=True)
class CurrentUser:
    username: str
    role: str


def current_user() -> CurrentUser | None:
    return CurrentUser(username="viewer", role="viewer")


def require_role(min_role: str) -> CurrentUser:
    user = current_user()
    if user is None or ROLE_RANK.get(user.role, -1) < ROLE_RANK[min_role]:
        st.error("Bạn không có quyền mở trang này.")
        st.stop()
    return user


def login_page() -> None:
    st.error("Chưa có trang đăng nhập.")
