"""Doanh nghiệp: find enterprises (name without diacritics, MST), the prospects (≥ 20 workers and no
union), correct them in place, move one through the organising stages, assign its officer, keep
notes, add, delete and restore. Leadership reads; staff edit."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import organising, records
from core.formatting import fmt_date, today_local
from core.models import OrganisingStage, Ownership, Role
from core.paging import Page
from core.records import EnterpriseFilter
from core.strings import t
from ui import auth
from ui import records_widgets as rw

user = auth.require_role("viewer")
CAN_EDIT = user.can(Role.staff)
P = "enterprises"
LIST = "enterprises.rows"
DETAIL = "enterprises.detail"
EDITABLE = (
    "name",
    "tax_code",
    "address",
    "commune_name",
    "ownership",
    "trade",
    "worker_count",
    "is_stable",
    "union_since",
    "officer",
    "notes",
)
OWNERSHIPS = [o.value for o in Ownership]
STAGES = [s.value for s in OrganisingStage]


def pick_filter() -> EnterpriseFilter:
    row = st.columns([3, 2, 2, 2, 1.6], vertical_alignment="bottom")
    text = row[0].text_input(
        t("enterprises.search"), placeholder=t("enterprises.search_hint"), key="enterprises.text"
    )
    units = dict(rw.read(records.unit_choices))
    unit_id = rw.choice_filter(row[1], t("common.unit"), units, key="enterprises.unit")
    ownership = row[2].selectbox(
        t("field.ownership"),
        [None, *OWNERSHIPS],
        format_func=rw.choice_label("ownership"),
        key="enterprises.ownership",
    )
    stage = row[3].selectbox(
        t("field.stage"),
        [None, *STAGES],
        format_func=rw.choice_label("stage"),
        key="enterprises.stage",
    )
    has_union = row[4].selectbox(
        t("enterprises.has_union"),
        [None, True, False],
        format_func=lambda v: (
            t("records.all") if v is None else t("record.yes" if v else "record.no")
        ),
        key="enterprises.has_union_filter",
    )
    toggles = st.columns([2, 1, 5])
    prospects = toggles[0].toggle(t("enterprises.prospects"), key="enterprises.prospects")
    deleted = CAN_EDIT and toggles[1].toggle(t("records.bin"), key="enterprises.bin")
    chosen = EnterpriseFilter(
        text=text,
        unit_id=unit_id,
        ownership=ownership,
        stage=stage,
        has_union=has_union,
        prospects=prospects,
        deleted=deleted,
    )
    rw.reset_page_on_change("enterprises", chosen)
    return chosen


def table_of(rows: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "tax_code": [r["tax_code"] or "" for r in rows],
            "name": [r["name"] for r in rows],
            "address": [r["address"] or "" for r in rows],
            "commune_name": [r["commune_name"] or "" for r in rows],
            "unit_name": [r["unit_name"] or "" for r in rows],
            "ownership": [r["ownership"] for r in rows],
            "trade": [r["trade"] or "" for r in rows],
            "is_stable": [bool(r["is_stable"]) for r in rows],
            "has_union": [bool(r["has_union"]) for r in rows],
            "union_since": [r["union_since"] for r in rows],
            "stage": [t(f"stage.{r['stage']}") if r["stage"] else "" for r in rows],
            "officer": [r["officer"] or "" for r in rows],
            "notes": [r["notes"] or "" for r in rows],
        },
        dtype=object,
    )
    table.insert(5, "worker_count", pd.array([r["worker_count"] for r in rows], dtype="Int64"))
    table["is_stable"] = table["is_stable"].astype(bool)
    table["has_union"] = table["has_union"].astype(bool)
    return table


def column_config() -> dict:
    text = st.column_config.TextColumn
    return {
        "tax_code": text(t("field.tax_code")),
        "name": text(t("field.name"), width="large"),
        "address": text(t("field.address")),
        "commune_name": text(t("field.commune_name")),
        "unit_name": text(t("field.unit_id")),
        "worker_count": st.column_config.NumberColumn(
            t("field.worker_count"), min_value=0, step=1, format="localized"
        ),
        "ownership": st.column_config.SelectboxColumn(
            t("field.ownership"), options=OWNERSHIPS, format_func=lambda o: t(f"ownership.{o}")
        ),
        "trade": text(t("field.trade")),
        "is_stable": st.column_config.CheckboxColumn(t("field.is_stable")),
        "has_union": st.column_config.CheckboxColumn(t("enterprises.has_union")),
        "union_since": st.column_config.DateColumn(t("field.union_since"), format="DD/MM/YYYY"),
        "stage": text(t("field.stage")),
        "officer": text(t("field.officer")),
        "notes": text(t("field.notes"), width="medium"),
    }


def save_row(row: dict, changes: dict) -> tuple[object, str | None]:
    return rw.run_write(
        records.update_enterprise,
        actor=user,
        enterprise_id=row["id"],
        expected_version=row["version"],
        changes=changes,
    )


def draw_table(result: Page, f: EnterpriseFilter) -> None:
    if not result.rows:
        st.info(t("enterprises.none"))
        return
    table = table_of(result.rows)
    if CAN_EDIT and not f.deleted:
        key = rw.editor_key(LIST)
        st.data_editor(
            table,
            key=key,
            hide_index=True,
            width="stretch",
            column_config=column_config(),
            disabled=[c for c in table.columns if c not in EDITABLE],
        )
        pending = rw.edited_rows(key)
        save, reload, note = st.columns([1, 1, 4], vertical_alignment="center")
        if save.button(
            t("records.save_changes", n=len(pending)),
            type="primary",
            disabled=not pending,
            key="enterprises.save",
        ):
            if rw.save_edits(P, key, result.rows, save_row, label=lambda row: row["name"]):
                rw.forget(LIST, DETAIL)
                st.rerun()
        if reload.button(t("records.reload"), key="enterprises.reload"):
            rw.forget(LIST, DETAIL)
            st.rerun()
        if pending and rw.is_outdated(LIST):
            note.warning(t("records.outdated"), icon=":material/update:")
    else:
        st.dataframe(table, hide_index=True, width="stretch", column_config=column_config())


def pick_enterprise(rows: list[dict]) -> int | None:
    labels = {r["id"]: " — ".join(p for p in (r["name"], r["tax_code"]) if p) for r in rows}
    if st.session_state.get("enterprises.pick") not in [None, *labels]:
        st.session_state["enterprises.pick"] = None
    return st.selectbox(
        t("enterprises.pick"),
        [None, *labels],
        format_func=lambda i: t("members.pick_none") if i is None else labels[i],
        key="enterprises.pick",
    )


def act(action, done_key: str, **kwargs) -> None:
    if rw.write(P, action, actor=user, done=t(done_key), **kwargs):
        rw.forget(LIST, DETAIL)
        st.rerun()


def move_stage(session, *, actor, **kwargs):
    return organising.move_stage(session, actor=actor, **kwargs)


def draw_detail(enterprise_id: int, rows: list[dict]) -> None:
    row = rw.held(DETAIL, enterprise_id, lambda: next(r for r in rows if r["id"] == enterprise_id))
    st.subheader(row["name"], anchor=False)
    stage = t(f"stage.{row['stage']}") if row["stage"] else t("enterprises.no_stage")
    st.caption(
        t(
            "enterprises.summary",
            stage=stage,
            since=fmt_date(row["stage_since"]) or "–",
            officer=row["officer"] or "–",
            union=t("record.yes" if row["has_union"] else "record.no"),
        )
    )
    if not CAN_EDIT:
        return
    common = {"enterprise_id": enterprise_id, "expected_version": row["version"]}
    if row["deleted_at"]:
        if st.button(t("records.restore"), key="enterprises.restore", type="primary"):
            act(records.restore_enterprise, "records.restored", **common)
        return
    stage_tab, notes_tab, delete_tab = st.tabs(
        [t("enterprises.tab_stage"), t("enterprises.tab_notes"), t("records.delete")]
    )
    with stage_tab, st.form("enterprises.stage_form"):
        stage_value = st.selectbox(
            t("field.stage"),
            STAGES,
            index=STAGES.index(row["stage"]) if row["stage"] in STAGES else 0,
            format_func=lambda s: t(f"stage.{s}"),
        )
        on = st.date_input(
            t("field.stage_since"),
            value=today_local(),
            max_value=today_local(),
            format="DD/MM/YYYY",
        )
        officer = st.text_input(t("field.officer"), value=row["officer"] or "")
        if st.form_submit_button(t("enterprises.move_stage"), type="primary"):
            act(
                move_stage,
                "enterprises.stage_moved",
                stage=stage_value,
                on=on,
                officer=officer,
                **common,
            )
    with notes_tab, st.form("enterprises.notes_form"):
        units = dict(rw.read(records.unit_choices))
        unit_ids = [None, *units]
        unit_id = st.selectbox(
            t("field.unit_id"),
            unit_ids,
            index=unit_ids.index(row["unit_id"]) if row["unit_id"] in unit_ids else 0,
            format_func=lambda i: "–" if i is None else units[i],
        )
        notes = st.text_area(t("field.notes"), value=row["notes"] or "", height=160)
        if st.form_submit_button(t("records.save"), type="primary"):
            changes = {
                k: v
                for k, v in {"unit_id": unit_id, "notes": notes.strip() or None}.items()
                if v != row[k]
            }
            if not changes:
                st.info(t("records.nothing_changed"))
            else:
                act(records.update_enterprise, "records.saved", changes=changes, **common)
    with delete_tab, st.form("enterprises.delete_form"):
        sure = st.checkbox(t("records.delete_confirm"))
        if st.form_submit_button(t("records.delete")):
            if sure:
                act(records.delete_enterprise, "records.deleted_done", **common)
            else:
                st.warning(t("records.confirm_first"))


def add_form() -> None:
    with st.expander(t("enterprises.add_heading"), icon=":material/add_business:"):
        units = dict(rw.read(records.unit_choices))
        with st.form("enterprises.add_form"):
            left, right = st.columns(2)
            name = left.text_input(t("field.name"))
            tax_code = left.text_input(t("field.tax_code"))
            address = left.text_input(t("field.address"))
            commune_name = left.text_input(t("field.commune_name"))
            unit_id = right.selectbox(
                t("field.unit_id"),
                [None, *units],
                format_func=lambda i: "–" if i is None else units[i],
            )
            ownership = right.selectbox(
                t("field.ownership"), OWNERSHIPS, format_func=lambda o: t(f"ownership.{o}")
            )
            trade = right.text_input(t("field.trade"))
            workers = right.number_input(t("field.worker_count"), min_value=0, step=1, value=None)
            stable = right.checkbox(t("field.is_stable"), value=True)
            submitted = st.form_submit_button(t("enterprises.add"), type="primary")
        if submitted:
            values = {
                "name": name,
                "tax_code": tax_code,
                "address": address,
                "commune_name": commune_name,
                "unit_id": unit_id,
                "ownership": ownership,
                "trade": trade,
                "worker_count": workers,
                "is_stable": stable,
            }
            if rw.write(
                P,
                records.add_enterprise,
                actor=user,
                done=t("enterprises.added", name=name.strip()),
                values=values,
            ):
                rw.forget(LIST)
                st.rerun()


st.title(t("enterprises.heading"), anchor=False)
rw.show_flash(P)
enterprise_filter = pick_filter()
result = rw.load_page("enterprises", LIST, records.search_enterprises, enterprise_filter)
rw.pager("enterprises", result.total, noun_key="enterprises.noun")
draw_table(result, enterprise_filter)
if CAN_EDIT:
    add_form()
st.divider()
picked = pick_enterprise(result.rows)
if picked is not None:
    draw_detail(picked, result.rows)
