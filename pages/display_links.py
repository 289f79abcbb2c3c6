"""Liên kết màn hình giao ban: view-only links that open the briefing display on a TV without a
login. Admin only: create (the link is shown once), see when each was last used, revoke."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import pandas as pd
import streamlit as st

from core import db, display_links
from core.formatting import fmt_datetime
from core.strings import t
from ui import actions, auth

NEW_LINK_KEY = "display_links_new"

user = auth.require_role("admin")


def app_root() -> str:
    """The app's address in the admin's browser, without the page's own path."""
    url = st.context.url or ""
    parts = urlsplit(url)
    path = parts.path.rsplit("/", 1)[0] + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def create_form() -> None:
    with st.form("display_links_create", clear_on_submit=True):
        label_column, days_column = st.columns([3, 1])
        label = label_column.text_input(
            t("display_link.form.label"), placeholder=t("display_link.form.placeholder")
        )
        days = days_column.number_input(
            t("display_link.form.days"),
            min_value=1,
            max_value=display_links.MAX_DAYS,
            value=display_links.DEFAULT_DAYS,
            step=1,
        )
        if st.form_submit_button(t("display_link.form.submit"), type="primary"):
            with actions.attempt() as outcome, db.session_scope() as session:
                link, token = display_links.create_link(
                    session, actor=user, label=label, days=int(days)
                )
                label_saved = link.label
            if not outcome.ok:
                return
            query = f"?{display_links.QUERY_PARAM}={token}"
            st.session_state[NEW_LINK_KEY] = (label_saved, app_root() + query)


def links_table(links) -> None:
    states = {link.id: display_links.link_state(link) for link in links}
    frame = pd.DataFrame(
        {
            t("display_link.col.label"): [link.label for link in links],
            t("display_link.col.state"): [
                t(f"display_link.state.{states[link.id]}") for link in links
            ],
            t("display_link.col.created"): [
                f"{fmt_datetime(link.created_at)} · {link.created_by or ''}" for link in links
            ],
            t("display_link.col.expires"): [fmt_datetime(link.expires_at) for link in links],
            t("display_link.col.last_used"): [fmt_datetime(link.last_used_at) for link in links],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch")
    active = [link for link in links if states[link.id] == display_links.LinkStatus.ok]
    if not active:
        return
    by_id = {link.id: link for link in active}
    pick_column, button_column = st.columns([3, 1], vertical_alignment="bottom")
    chosen = pick_column.selectbox(
        t("display_link.revoke.pick"),
        list(by_id),
        format_func=lambda link_id: (
            f"{by_id[link_id].label} · {fmt_datetime(by_id[link_id].created_at)}"
        ),
        key="display_links_revoke_pick",
    )
    if (
        button_column.button(t("display_link.revoke.submit"), key="display_links_revoke")
        and chosen is not None
    ):
        with actions.attempt() as outcome, db.session_scope() as session:
            display_links.revoke(session, actor=user, link_id=chosen)
        if not outcome.ok:
            return
        st.session_state.pop(NEW_LINK_KEY, None)
        st.rerun()


def main() -> None:
    st.title(t("display_link.title"), anchor=False)
    st.caption(t("display_link.caption"))
    create_form()
    if new := st.session_state.get(NEW_LINK_KEY):
        label, url = new
        st.success(t("display_link.created", label=label))
        st.code(url, language=None)
    with db.session_scope() as session:
        links = display_links.list_links(session)
    st.subheader(t("display_link.list"), anchor=False)
    if not links:
        st.info(t("display_link.none"))
        return
    links_table(links)


with actions.attempt():
    main()
