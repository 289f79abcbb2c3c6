"""Tải dữ liệu lên: pick the kind, get the template, upload, check the matching and every row,
then commit or cancel; the history of imports with undo. All rules live in core.importing."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from core import db, importing
from core.formatting import fmt_datetime, fmt_int
from core.importing import Action, fields, workbooks
from core.models import ImportKind
from core.settings import get_settings
from core.strings import t
from ui import actions, auth

user = auth.require_role("staff")
st.title(t("upload.title"))

KINDS = [k.value for k in ImportKind]
ACTION_ORDER = [Action.add, Action.change, Action.unchanged, Action.refuse]
PREVIEW_ROWS_SHOWN = 2000


def _reset() -> None:
    for key in ("upload_plan", "upload_mapping", "upload_plan_key", "upload_done"):
        st.session_state.pop(key, None)
    st.session_state["upload_file_key"] = st.session_state.get("upload_file_key", 0) + 1


kind_column, union_column, template_column = st.columns([2, 3, 1.3], vertical_alignment="bottom")
with kind_column:
    kind = st.selectbox(
        t("upload.kind"),
        KINDS,
        format_func=lambda k: t(f"import.kind.{k}"),
        key="upload_kind",
        on_change=_reset,
    )
with union_column:
    default_union = None
    if kind in (ImportKind.members, ImportKind.departures):
        with db.session_scope() as session:
            names = importing.union_names(session)
        default_union = st.selectbox(
            t("upload.default_union"),
            names,
            index=None,
            placeholder=t("upload.default_union_none"),
            help=t("upload.default_union_help"),
            key="upload_union",
        )
with template_column:
    st.download_button(
        t("upload.template"),
        data=workbooks.template(kind),
        file_name=f"mau-{kind}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        key="upload_template",
    )

limit_mb = get_settings().max_upload_mb
if st.get_option("server.maxUploadSize") < limit_mb:
    # Started without `make run`: Streamlit would refuse, in English, files the page accepts.
    st.warning(
        t("upload.server_limit_low", server=st.get_option("server.maxUploadSize"), mb=limit_mb)
    )
uploaded = st.file_uploader(
    t("upload.file"),
    type=["xlsx", "xls", "csv", "txt"],
    help=t("upload.file_help", mb=limit_mb),
    max_upload_size=limit_mb,
    key=f"upload_file_{st.session_state.get('upload_file_key', 0)}",
)

if st.session_state.get("upload_done"):
    st.success(st.session_state["upload_done"])


def build_plan(data: bytes, file_name: str) -> importing.ImportPlan | None:
    """The preview for this file, kind, union and matching; computed once, kept in the session."""
    mapping = st.session_state.get("upload_mapping")
    key = (hashlib.sha256(data).hexdigest(), kind, default_union, repr(mapping))
    if st.session_state.get("upload_plan_key") == key:
        return st.session_state["upload_plan"]
    bar = st.progress(0.0, text=t("import.progress.reading"))

    def report(share: float, text: str) -> None:
        bar.progress(min(share, 1.0), text=text)

    plan = None
    with actions.attempt(), db.session_scope() as session:
        plan = importing.preview(
            session,
            data=data,
            file_name=file_name,
            kind=kind,
            default_union=default_union,
            mapping=mapping,
            progress=report,
        )
    bar.empty()
    if plan is None:
        return None
    st.session_state["upload_plan"] = plan
    st.session_state["upload_plan_key"] = key
    return plan


def show_matching(plan: importing.ImportPlan) -> None:
    """How each column was matched, with a selectbox per column to correct it."""
    options = ["-"] + [f.name for f in fields.fields_of(plan.kind) if f.name != "seq"] + ["seq"]

    def label(name: str) -> str:
        return t("import.field.ignored") if name == "-" else t(f"import.field.{name}")

    title = t(
        "upload.matching",
        sheet=plan.header.sheet_name,
        rows=", ".join(map(str, plan.header.header_rows)),
    )
    with st.expander(title, expanded=bool(plan.header.missing_required())):
        if plan.header.remembered:
            st.caption(t("upload.matching_remembered"))
        with st.form("upload_matching_form", border=False):
            chosen = {}
            columns = st.columns(3)
            for position, column in enumerate(plan.header.columns):
                current = column.field or "-"
                with columns[position % 3]:
                    chosen[str(column.index)] = st.selectbox(
                        f"{column.letter} · {column.header}",
                        options,
                        index=options.index(current) if current in options else 0,
                        format_func=label,
                        key=f"upload_map_{column.index}",
                    )
            if st.form_submit_button(t("upload.matching_apply")):
                st.session_state["upload_mapping"] = chosen
                st.rerun()


def rows_table(plan: importing.ImportPlan, actions: list[str]) -> pd.DataFrame:
    name_field = "full_name" if plan.kind in (ImportKind.members, ImportKind.departures) else "name"
    shown = [r for r in plan.rows if r.action in actions][:PREVIEW_ROWS_SHOWN]
    return pd.DataFrame(
        {
            t("upload.col.row"): [r.row for r in shown],
            t("upload.col.action"): [t(f"import.action.{r.action}") for r in shown],
            t("upload.col.name"): [str(r.values.get(name_field) or "") for r in shown],
            t("upload.col.detail"): [r.summary() for r in shown],
        }
    )


def show_plan(plan: importing.ImportPlan) -> None:
    counts = plan.counts
    cells = st.columns(4)
    for cell, action in zip(cells, ACTION_ORDER, strict=True):
        cell.metric(t(f"upload.count.{action}"), fmt_int(counts[action]))
    chosen = st.segmented_control(
        t("upload.filter"),
        [a.value for a in ACTION_ORDER],
        default=[a.value for a in ACTION_ORDER if a != Action.unchanged],
        selection_mode="multi",
        format_func=lambda a: t(f"import.action.{a}"),
        key="upload_filter",
    )
    table = rows_table(plan, chosen or [])
    st.dataframe(table, hide_index=True, width="stretch")
    if len([r for r in plan.rows if r.action in (chosen or [])]) > PREVIEW_ROWS_SHOWN:
        st.caption(t("upload.rows_capped", n=fmt_int(PREVIEW_ROWS_SHOWN)))
    if counts[Action.refuse]:
        st.download_button(
            t("upload.refused_report"),
            data=workbooks.refused_report(plan),
            file_name="dong-bi-tu-choi.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            key="upload_refused_report",
        )
    commit_column, cancel_column, _ = st.columns([1.4, 1, 4])
    writable = counts[Action.add] + counts[Action.change] + counts[Action.unchanged] > 0
    if commit_column.button(
        t("upload.commit"), type="primary", disabled=not writable, key="upload_commit"
    ):
        commit(plan)
    if cancel_column.button(t("upload.cancel"), key="upload_cancel"):
        _reset()
        st.rerun()


def commit(plan: importing.ImportPlan) -> None:
    batch_id = None
    with actions.attempt():
        try:
            with st.spinner(t("import.progress.saving")), db.session_scope() as session:
                batch = importing.commit_plan(session=session, plan=plan, actor=user)
                if st.session_state.get("upload_mapping") is not None:
                    importing.remember_mapping(
                        session,
                        header=plan.header,
                        mapping=st.session_state["upload_mapping"],
                        by_user=user.username,
                    )
                batch_id = batch.id
        except importing.StalePlan:
            # Someone changed the data since this preview: show a fresh preview instead of writing.
            for key in ("upload_plan", "upload_plan_key"):
                st.session_state.pop(key, None)
            st.session_state["upload_stale"] = True
            st.rerun()
    if batch_id is None:
        return
    st.cache_data.clear()
    _reset()
    st.session_state["upload_done"] = t(
        "upload.committed",
        batch=batch_id,
        added=fmt_int(plan.count(Action.add)),
        updated=fmt_int(plan.count(Action.change)),
    )
    st.rerun()


if uploaded is not None:
    st.session_state.pop("upload_done", None)
    if st.session_state.pop("upload_stale", False):
        st.warning(t("import.stale_plan_page"), icon=":material/sync_problem:")
    plan = build_plan(uploaded.getvalue(), uploaded.name)
    if plan is not None:
        show_matching(plan)
        show_plan(plan)

st.divider()
st.subheader(t("upload.history"))
with db.session_scope() as session:
    batches = importing.history(session, limit=50)
if not batches:
    st.caption(t("upload.history_empty"))
else:
    st.dataframe(
        pd.DataFrame(
            {
                t("upload.col.batch"): [b.id for b in batches],
                t("upload.col.when"): [fmt_datetime(b.created_at) for b in batches],
                t("upload.col.kind"): [t(f"import.kind.{b.kind}") for b in batches],
                t("upload.col.file"): [b.file_name for b in batches],
                t("upload.col.user"): [b.username or "" for b in batches],
                t("upload.col.counts"): [
                    t(
                        "upload.counts",
                        added=b.added,
                        updated=b.updated,
                        unchanged=b.unchanged,
                        refused=b.refused,
                    )
                    for b in batches
                ],
                t("upload.col.undone"): [fmt_datetime(b.undone_at) for b in batches],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    undoable = [b for b in batches if b.undone_at is None]
    if undoable:
        pick_column, button_column = st.columns([4, 1], vertical_alignment="bottom")
        target = pick_column.selectbox(
            t("upload.undo_pick"),
            [b.id for b in undoable],
            format_func=lambda i: next(
                t("upload.undo_option", batch=b.id, file=b.file_name) for b in undoable if b.id == i
            ),
            key="upload_undo_pick",
        )
        if button_column.button(t("upload.undo"), key="upload_undo") and target is not None:
            with actions.attempt() as outcome, db.session_scope() as session:
                batch = importing.undo_batch(session=session, batch_id=target, actor=user)
                message = t("import.undo.done", batch=batch.id, file=batch.file_name)
            if outcome.ok:
                st.cache_data.clear()
                st.session_state["upload_done"] = message
                st.rerun()
