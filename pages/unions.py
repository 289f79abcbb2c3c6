"""Công đoàn cơ sở: find unions, correct them in place, found a new one (decision number and date,
linked enterprise, cluster), dissolve one on a date (only once its members have been transferred or
recorded as leaving — the page says so), delete and restore. Leadership reads; staff edit."""

from __future__ import annotations

from typing import cast

import pandas as pd
import streamlit as st

from core import records
from core.formatting import fmt_date, fmt_int, today_local
from core.models import Role, UnionKind, UnitKind
from core.paging import Page
from core.records import UnionFilter
from core.strings import t
from ui import auth
from ui import records_widgets as rw

user = auth.require_role("viewer")
CAN_EDIT = user.can(Role.staff)
P = "unions"
LIST = "unions.rows"
DETAIL = "unions.detail"
EDITABLE = ("name", "kind", "decision_no", "founded_on", "unit_id", "cluster_id")
KINDS = [k.value for k in UnionKind]
STATUSES = ("active", "dissolved")


def unit_names() -> dict[int, str]:
    return dict(rw.read(records.unit_choices))


def cluster_names() -> dict[int, str]:
    return dict(rw.read(lambda s: records.unit_choices(s, (UnitKind.cluster, UnitKind.block))))


def pick_filter(units: dict[int, str]) -> UnionFilter:
    row = st.columns([3, 2, 2, 1.6, 1], vertical_alignment="bottom")
    text = row[0].text_input(
        t("unions.search"), placeholder=t("unions.search_hint"), key="unions.text"
    )
    unit_id = rw.choice_filter(row[1], t("common.unit"), units, key="unions.unit")
    kind = row[2].selectbox(
        t("field.kind"),
        [None, *KINDS],
        format_func=rw.choice_label("union_kind"),
        key="unions.kind",
    )
    status = row[3].selectbox(
        t("field.status"),
        [None, *STATUSES],
        format_func=rw.choice_label("union_status"),
        key="unions.status",
    )
    deleted = CAN_EDIT and row[4].toggle(t("records.bin"), key="unions.bin")
    chosen = UnionFilter(text=text, unit_id=unit_id, kind=kind, status=status, deleted=deleted)
    rw.reset_page_on_change("unions", chosen)
    return chosen


def table_of(rows: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "name": [r["name"] for r in rows],
            "kind": [r["kind"] for r in rows],
            "enterprise": [
                " — ".join(p for p in (r["enterprise_name"], r["tax_code"]) if p) for r in rows
            ],
            "decision_no": [r["decision_no"] or "" for r in rows],
            "founded_on": [r["founded_on"] for r in rows],
            "dissolved_on": [fmt_date(r["dissolved_on"]) for r in rows],
        },
        dtype=object,
    )
    table["unit_id"] = pd.array([r["unit_id"] for r in rows], dtype="Int64")
    table["cluster_id"] = pd.array([r["cluster_id"] for r in rows], dtype="Int64")
    table["active_members"] = pd.array([r["active_members"] for r in rows], dtype="Int64")
    return table


def column_config(units: dict[int, str], clusters: dict[int, str]) -> dict:
    text = st.column_config.TextColumn
    return {
        "name": text(t("field.name"), width="large"),
        "kind": st.column_config.SelectboxColumn(
            t("field.kind"), options=KINDS, format_func=lambda k: t(f"union_kind.{k}")
        ),
        "enterprise": text(t("field.enterprise_id"), width="medium"),
        "decision_no": text(t("field.decision_no")),
        "founded_on": st.column_config.DateColumn(t("field.founded_on"), format="DD/MM/YYYY"),
        "dissolved_on": text(t("field.dissolved_on")),
        "unit_id": st.column_config.SelectboxColumn(
            t("field.unit_id"),
            options=list(units),
            format_func=lambda i: units.get(cast(int, i), ""),
        ),
        "cluster_id": st.column_config.SelectboxColumn(
            t("field.cluster_id"),
            options=list(clusters),
            format_func=lambda i: clusters.get(cast(int, i), ""),
        ),
        "active_members": st.column_config.NumberColumn(
            t("unions.active_members"), format="localized"
        ),
    }


def save_row(row: dict, changes: dict) -> tuple[object, str | None]:
    return rw.run_write(
        records.update_union,
        actor=user,
        union_id=row["id"],
        expected_version=row["version"],
        changes=changes,
    )


def draw_table(result: Page, f: UnionFilter, units, clusters) -> None:
    if not result.rows:
        st.info(t("unions.none"))
        return
    table = table_of(result.rows)
    config = column_config(units, clusters)
    if CAN_EDIT and not f.deleted:
        key = rw.editor_key(LIST)
        st.data_editor(
            table,
            key=key,
            hide_index=True,
            width="stretch",
            column_config=config,
            disabled=[c for c in table.columns if c not in EDITABLE],
        )
        pending = rw.edited_rows(key)
        save, reload, note = st.columns([1, 1, 4], vertical_alignment="center")
        if save.button(
            t("records.save_changes", n=len(pending)),
            type="primary",
            disabled=not pending,
            key="unions.save",
        ):
            if rw.save_edits(P, key, result.rows, save_row, label=lambda row: row["name"]):
                rw.forget(LIST, DETAIL)
                st.rerun()
        if reload.button(t("records.reload"), key="unions.reload"):
            rw.forget(LIST, DETAIL)
            st.rerun()
        if pending and rw.is_outdated(LIST):
            note.warning(t("records.outdated"), icon=":material/update:")
    else:
        st.dataframe(table, hide_index=True, width="stretch", column_config=config)


def pick_union(rows: list[dict]) -> int | None:
    labels = {r["id"]: r["name"] for r in rows}
    if st.session_state.get("unions.pick") not in [None, *labels]:
        st.session_state["unions.pick"] = None
    return st.selectbox(
        t("unions.pick"),
        [None, *labels],
        format_func=lambda i: t("members.pick_none") if i is None else labels[i],
        key="unions.pick",
    )


def act(action, done_key: str, **kwargs) -> None:
    if rw.write(P, action, actor=user, done=t(done_key), **kwargs):
        rw.forget(LIST, DETAIL)
        st.rerun()


def enterprise_picker(prefix: str) -> int | None:
    """Search an enterprise by name or MST and choose it (for linking a union)."""
    text = st.text_input(t("unions.enterprise_search"), key=f"{prefix}.enterprise_text")
    choices = dict(rw.read(lambda s: records.enterprise_choices(s, text))) if text else {}
    return st.selectbox(
        t("field.enterprise_id"),
        [None, *choices],
        format_func=lambda i: "–" if i is None else choices[i],
        key=f"{prefix}.enterprise",
    )


def draw_detail(union_id: int, rows: list[dict]) -> None:
    row = rw.held(DETAIL, union_id, lambda: next(r for r in rows if r["id"] == union_id))
    active = rw.read(lambda s: records.active_member_count(s, union_id))
    st.subheader(row["name"], anchor=False)
    st.caption(
        t(
            "unions.summary",
            kind=t(f"union_kind.{row['kind']}"),
            founded=fmt_date(row["founded_on"]) or "–",
            decision=row["decision_no"] or "–",
            members=fmt_int(active),
        )
        + (
            f" · {t('unions.dissolved_on', date=fmt_date(row['dissolved_on']))}"
            if row["dissolved_on"]
            else ""
        )
    )
    if not CAN_EDIT:
        return
    common = {"union_id": union_id, "expected_version": row["version"]}
    if row["deleted_at"]:
        if st.button(t("records.restore"), key="unions.restore", type="primary"):
            act(records.restore_union, "records.restored", **common)
        return
    link_tab, dissolve_tab, delete_tab = st.tabs(
        [t("unions.tab_enterprise"), t("unions.tab_dissolve"), t("records.delete")]
    )
    with link_tab:
        st.caption(t("unions.linked", name=row["enterprise_name"] or "–"))
        enterprise_id = enterprise_picker("unions.link")
        if st.button(t("unions.link"), key="unions.link_save", disabled=enterprise_id is None):
            act(
                records.update_union,
                "records.saved",
                changes={"enterprise_id": enterprise_id},
                **common,
            )
    with dissolve_tab:
        draw_dissolve(row, active, common)
    with delete_tab, st.form("unions.delete_form"):
        st.caption(t("unions.delete_help"))
        sure = st.checkbox(t("records.delete_confirm"))
        if st.form_submit_button(t("records.delete")):
            if sure:
                act(records.delete_union, "records.deleted_done", **common)
            else:
                st.warning(t("records.confirm_first"))


def draw_dissolve(row: dict, active: int, common: dict) -> None:
    if row["dissolved_on"]:
        st.info(t("unions.dissolved_on", date=fmt_date(row["dissolved_on"])))
        return
    on = st.date_input(
        t("field.dissolved_on"),
        value=today_local(),
        max_value=today_local(),
        format="DD/MM/YYYY",
        key="unions.dissolve_on",
    )
    if active:
        st.warning(t("unions.dissolve_blocked", n=fmt_int(active)), icon=":material/groups:")
        sure = st.checkbox(
            t("unions.leave_all_confirm", n=fmt_int(active)), key="unions.leave_all_sure"
        )
        if st.button(t("unions.leave_all"), key="unions.leave_all", disabled=not sure):
            if rw.write(
                P,
                records.record_dissolution_departures,
                actor=user,
                done=t("unions.left_all", n=fmt_int(active)),
                union_id=common["union_id"],
                on=on,
            ):
                rw.forget(LIST, DETAIL)
                st.rerun()
        return
    if st.button(t("unions.dissolve"), key="unions.dissolve", type="primary"):
        act(records.dissolve_union, "unions.dissolved", on=on, **common)


def found_form(units: dict[int, str], clusters: dict[int, str]) -> None:
    with st.expander(t("unions.found_heading"), icon=":material/add_circle:"):
        enterprise_id = enterprise_picker("unions.found")
        with st.form("unions.found_form"):
            left, right = st.columns(2)
            name = left.text_input(t("field.name"))
            kind = left.selectbox(
                t("field.kind"), KINDS, format_func=lambda k: t(f"union_kind.{k}")
            )
            decision_no = left.text_input(t("field.decision_no"))
            founded_on = right.date_input(
                t("field.founded_on"),
                value=today_local(),
                max_value=today_local(),
                format="DD/MM/YYYY",
            )
            unit_id = right.selectbox(
                t("field.unit_id"),
                [None, *units],
                format_func=lambda i: "–" if i is None else units[i],
            )
            cluster_id = right.selectbox(
                t("field.cluster_id"),
                [None, *clusters],
                format_func=lambda i: "–" if i is None else clusters[i],
            )
            submitted = st.form_submit_button(t("unions.found"), type="primary")
        if submitted:
            values = {
                "name": name,
                "kind": kind,
                "decision_no": decision_no,
                "founded_on": founded_on,
                "unit_id": unit_id,
                "cluster_id": cluster_id,
                "enterprise_id": enterprise_id,
            }
            if rw.write(
                P,
                records.found_union,
                actor=user,
                done=t("unions.founded", name=name.strip()),
                values=values,
            ):
                rw.forget(LIST)
                st.rerun()


st.title(t("unions.heading"), anchor=False)
rw.show_flash(P)
all_units = unit_names()
all_clusters = cluster_names()
union_filter = pick_filter(all_units)
result = rw.load_page("unions", LIST, records.search_unions, union_filter)
rw.pager("unions", result.total, noun_key="unions.noun")
draw_table(result, union_filter, all_units, all_clusters)
if CAN_EDIT:
    found_form(all_units, all_clusters)
st.divider()
picked = pick_union(result.rows)
if picked is not None:
    draw_detail(picked, result.rows)
