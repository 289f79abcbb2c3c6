"""Nhật ký thay đổi (admin): every change — from a page, an import or the command line — with who,
when, the record and its values before and after; filters; revert one change."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlmodel import SQLModel

from core import audit, changelog
from core.audit import AuditFilter
from core.formatting import fmt_datetime
from core.labels import display_value, field_label
from core.strings import CATALOGUE, t
from ui import auth
from ui import records_widgets as rw

user = auth.require_role("admin")
P = "admin_audit"
LIST = "admin_audit.rows"
TABLES = sorted(name for name in SQLModel.metadata.tables if name not in ("app_state",))


def table_label(name: str) -> str:
    return t(f"table.{name}") if f"table.{name}" in CATALOGUE else name


def action_label(action: str) -> str:
    return t(f"action.{action}") if f"action.{action}" in CATALOGUE else action


def pick_filter() -> AuditFilter:
    row = st.columns([2, 2, 2, 1.5, 1.5], vertical_alignment="bottom")
    username = row[0].text_input(t("field.username"), key="admin_audit.user")
    table_name = row[1].selectbox(
        t("admin_audit.table"),
        [None, *TABLES],
        format_func=lambda n: t("records.all") if n is None else table_label(n),
        key="admin_audit.table",
    )
    action = row[2].selectbox(
        t("admin_audit.action"),
        [None, *audit.ACTIONS],
        format_func=lambda a: t("records.all") if a is None else action_label(a),
        key="admin_audit.action",
    )
    date_from = row[3].date_input(
        t("admin_audit.from"), value=None, format="DD/MM/YYYY", key="admin_audit.from"
    )
    date_to = row[4].date_input(
        t("admin_audit.to"), value=None, format="DD/MM/YYYY", key="admin_audit.to"
    )
    chosen = AuditFilter(
        username=username.strip() or None,
        table_name=table_name,
        action=action,
        date_from=date_from,
        date_to=date_to,
    )
    rw.reset_page_on_change("admin_audit", chosen)
    return chosen


def summary(changes: list[audit.FieldChange]) -> str:
    return "; ".join(
        f"{field_label(c.field)}: {display_value(c.field, c.before)} → "
        f"{display_value(c.field, c.after)}"
        for c in changes[:4]
    ) + (" …" if len(changes) > 4 else "")


def log_table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("admin_audit.no"): [r["id"] for r in rows],
            t("admin_audit.at"): [fmt_datetime(r["at"]) for r in rows],
            t("field.username"): [r["username"] or "" for r in rows],
            t("admin_audit.action"): [action_label(r["action"]) for r in rows],
            t("admin_audit.table"): [table_label(r["table_name"]) for r in rows],
            t("admin_audit.record"): [r["record_id"] for r in rows],
            t("admin_audit.changes"): [summary(r["changes"]) for r in rows],
            t("admin_audit.reverted"): [fmt_datetime(r["reverted_at"]) for r in rows],
        },
        dtype=object,
    )


def detail(row: dict) -> None:
    before, after = row["before"] or {}, row["after"] or {}
    names = [n for n in (after or before) if n not in audit.BOOKKEEPING or n == "version"]
    st.dataframe(
        pd.DataFrame(
            {
                t("admin_audit.field"): [field_label(n) for n in names],
                t("admin_audit.before"): [display_value(n, before.get(n)) for n in names],
                t("admin_audit.after"): [display_value(n, after.get(n)) for n in names],
            },
            dtype=object,
        ),
        hide_index=True,
        width="stretch",
    )
    if row["reverted_at"]:
        st.info(t("admin_audit.already", at=fmt_datetime(row["reverted_at"])))
        return
    sure = st.checkbox(t("admin_audit.confirm"), key=f"admin_audit.sure.{row['id']}")
    if st.button(
        t("admin_audit.revert"), type="primary", disabled=not sure, key="admin_audit.revert"
    ) and rw.write(
        P,
        changelog.revert_change,
        actor=user,
        done=t("admin_audit.reverted_done", no=row["id"]),
        entry_id=row["id"],
    ):
        rw.forget(LIST)
        st.rerun()


st.title(t("admin_audit.heading"), anchor=False)
rw.show_flash(P)
log_filter = pick_filter()
page = st.session_state.get("admin_audit.page", 1)
size = st.session_state.get("admin_audit.page_size", rw.PAGE_SIZES[1])
result = rw.held(
    LIST,
    (log_filter, page, size),
    lambda: rw.read(lambda s: audit.list_changes(s, log_filter, page=page, page_size=size)),
    table=True,
)
rw.pager("admin_audit", result.total, noun_key="admin_audit.noun")
st.dataframe(log_table(result.rows), hide_index=True, width="stretch")
by_id = {r["id"]: r for r in result.rows}
if st.session_state.get("admin_audit.pick") not in [None, *by_id]:
    st.session_state["admin_audit.pick"] = None
picked = st.selectbox(
    t("admin_audit.pick"),
    [None, *by_id],
    format_func=lambda i: (
        t("members.pick_none")
        if i is None
        else f"#{i} — {action_label(by_id[i]['action'])} — {table_label(by_id[i]['table_name'])}"
    ),
    key="admin_audit.pick",
)
if picked is not None:
    detail(by_id[picked])
