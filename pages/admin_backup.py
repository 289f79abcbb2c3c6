"""Sao lưu dữ liệu (admin): a consistent copy of the whole database, made now and saved in the
browser; when the last one was made and by whom; how a restore is done (on the server only)."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import make_url

from core import backup, settings
from core.formatting import fmt_datetime, fmt_size, now_local
from core.strings import t
from ui import actions, auth
from ui import records_widgets as rw

user = auth.require_role("admin")
READY = "admin_backup.ready"  # (file name, bytes, made at) of the backup made in this session

st.title(t("admin_backup.heading"), anchor=False)
st.write(t("admin_backup.intro"))
backend = make_url(settings.get_settings().database_url).get_backend_name()
st.caption(
    t("admin_backup.database", backend="PostgreSQL" if backend == "postgresql" else "SQLite")
)
last = rw.read(backup.last_download)
if last is None:
    st.caption(t("admin_backup.never"))
else:
    st.caption(t("admin_backup.last", at=fmt_datetime(last.at), who=last.username or "—"))


def forget_backup() -> None:
    """After the click the page lets go of the file: nothing of it is offered any more."""
    st.session_state.pop(READY, None)


with st.form("admin_backup.form", clear_on_submit=True):
    passphrase = st.text_input(
        t("admin_backup.passphrase"), type="password", help=t("admin_backup.passphrase_help")
    )
    again = st.text_input(t("admin_backup.passphrase_again"), type="password")
    make = st.form_submit_button(
        t("admin_backup.make"), type="primary", icon=":material/backup:", key="admin_backup.make"
    )
if make:
    st.session_state.pop(READY, None)
    if passphrase != again:
        st.error(t("admin_backup.passphrases_differ"), icon=":material/block:")
    else:
        with actions.attempt() as outcome, st.spinner(t("admin_backup.working")):
            name, data = backup.download(actor=user, passphrase=passphrase)
        if outcome.ok:
            st.session_state[READY] = (name, data, now_local())
            st.rerun()  # the "last backup" line above shows this one

ready = st.session_state.get(READY)
if ready is not None:
    name, data, made_at = ready
    st.success(
        t("admin_backup.ready", file=name, size=fmt_size(len(data)), at=fmt_datetime(made_at))
    )
    # `data` as a callable: Streamlit puts no file in its media store (whose /media/<id> URLs
    # answer without a login) until the click, and then one it does not map to any page.
    st.download_button(
        t("admin_backup.save"),
        data=lambda: data,
        file_name=name,
        mime="application/octet-stream",
        icon=":material/download:",
        key="admin_backup.save",
        on_click=forget_backup,
    )

st.subheader(t("admin_backup.restore_heading"), anchor=False)
st.markdown(t("admin_backup.restore_how"))
