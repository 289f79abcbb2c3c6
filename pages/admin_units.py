"""Đơn vị (admin): the federation, communes and towns, emulation clusters and blocks, and which
unit sits under which from which date. A reorganisation such as 1/7/2025 (old communes merged into
new ones) is recorded as links that end and begin on that day, so every figure can be read by the
old or the new structure."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core import organisation, records
from core.formatting import fmt_date, today_local
from core.models import UnitKind
from core.strings import t
from ui import auth
from ui import records_widgets as rw

user = auth.require_role("admin")
P = "admin_units"
LIST = "admin_units.rows"
KINDS = [k.value for k in UnitKind]
EDITABLE = ("name", "kind", "valid_from", "valid_to")


def kind_label(kind: object) -> str:
    return t(f"unit_kind.{kind}")


def load_units(on: dt.date) -> list[dict]:
    def load(session) -> list[dict]:
        return [row.__dict__ for row in organisation.list_units(session, on)]

    return rw.held(LIST, on, lambda: rw.read(load), table=True)


def units_editor(rows: list[dict]) -> None:
    table = pd.DataFrame(
        {
            "name": [r["name"] for r in rows],
            "kind": [r["kind"] for r in rows],
            "parent_name": [r["parent_name"] or "" for r in rows],
            "valid_from": [r["valid_from"] for r in rows],
            "valid_to": [r["valid_to"] for r in rows],
        },
        dtype=object,
    )
    key = rw.editor_key(LIST)
    st.data_editor(
        table,
        key=key,
        hide_index=True,
        width="stretch",
        disabled=["parent_name"],
        column_config={
            "name": st.column_config.TextColumn(t("field.name"), width="large"),
            "kind": st.column_config.SelectboxColumn(
                t("field.kind"), options=KINDS, format_func=kind_label
            ),
            "parent_name": st.column_config.TextColumn(t("admin_units.parent_on_day")),
            "valid_from": st.column_config.DateColumn(t("field.valid_from"), format="DD/MM/YYYY"),
            "valid_to": st.column_config.DateColumn(t("field.valid_to"), format="DD/MM/YYYY"),
        },
    )
    pending = rw.edited_rows(key)
    if st.button(
        t("records.save_changes", n=len(pending)), disabled=not pending, key="admin_units.save"
    ):

        def save_row(row: dict, changes: dict):
            merged = {name: changes.get(name, row[name]) for name in EDITABLE}
            return rw.run_write(
                organisation.update_unit,
                actor=user,
                unit_id=row["id"],
                expected_version=row["version"],
                **merged,
            )

        if rw.save_edits(P, key, rows, save_row, label=lambda row: row["name"]):
            rw.forget(LIST)
            st.rerun()


def act(action, done_key: str, **kwargs) -> None:
    if rw.write(P, action, actor=user, done=t(done_key), **kwargs):
        rw.forget(LIST)
        st.rerun()


def unit_select(label: str, units: dict[int, str], key: str, *, optional: bool = False):
    options = [None, *units] if optional else list(units)
    return st.selectbox(
        label, options, format_func=lambda i: "–" if i is None else units[i], key=key
    )


def add_form(units: dict[int, str]) -> None:
    with st.expander(t("admin_units.add_heading"), icon=":material/add:"):
        with st.form("admin_units.add_form"):
            left, right = st.columns(2)
            name = left.text_input(t("field.name"))
            kind = left.selectbox(t("field.kind"), KINDS, index=1, format_func=kind_label)
            parent_id = left.selectbox(
                t("field.parent_id"),
                [None, *units],
                format_func=lambda i: "–" if i is None else units[i],
            )
            valid_from = right.date_input(t("field.valid_from"), value=None, format="DD/MM/YYYY")
            valid_to = right.date_input(t("field.valid_to"), value=None, format="DD/MM/YYYY")
            if st.form_submit_button(t("admin_units.add"), type="primary"):
                act(
                    organisation.add_unit,
                    "admin_units.added",
                    name=name,
                    kind=kind,
                    parent_id=parent_id,
                    valid_from=valid_from,
                    valid_to=valid_to,
                )


def links_panel(units: dict[int, str]) -> None:
    st.subheader(t("admin_units.links_heading"), anchor=False)
    unit_id = unit_select(t("admin_units.pick"), units, "admin_units.pick", optional=True)
    if unit_id is None:
        return
    links = rw.read(lambda s: organisation.list_links(s, unit_id))
    st.dataframe(
        pd.DataFrame(
            {
                t("field.parent_id"): [link.parent_name for link in links],
                t("field.valid_from"): [fmt_date(link.valid_from) for link in links],
                t("field.valid_to"): [fmt_date(link.valid_to) or "…" for link in links],
            },
            dtype=object,
        ),
        hide_index=True,
        width="stretch",
    )
    move_col, end_col = st.columns(2)
    with move_col, st.form("admin_units.move_form"):
        st.markdown(t("admin_units.move_heading"))
        parents = {i: n for i, n in units.items() if i != unit_id}
        parent_id = st.selectbox(
            t("field.parent_id"), list(parents), format_func=parents.__getitem__
        )
        on = st.date_input(t("admin_units.from_day"), value=today_local(), format="DD/MM/YYYY")
        if st.form_submit_button(t("admin_units.move")):
            act(
                organisation.move_unit,
                "admin_units.moved",
                unit_id=unit_id,
                parent_id=parent_id,
                on=on,
            )
    open_links = {link.id: link for link in links if link.valid_to is None}
    with end_col, st.form("admin_units.end_form"):
        st.markdown(t("admin_units.end_heading"))
        link_id = st.selectbox(
            t("admin_units.link"),
            list(open_links),
            format_func=lambda i: (
                f"{open_links[i].parent_name} ({fmt_date(open_links[i].valid_from)} → …)"
            ),
        )
        until = st.date_input(t("field.valid_to"), value=today_local(), format="DD/MM/YYYY")
        if st.form_submit_button(t("admin_units.end"), disabled=not open_links):
            act(organisation.end_link, "admin_units.ended", link_id=link_id, valid_to=until)
    with st.form("admin_units.delete_form"):
        st.caption(t("admin_units.delete_help"))
        sure = st.checkbox(t("records.delete_confirm"))
        if st.form_submit_button(t("records.delete")):
            version = next(r["version"] for r in load_units(today_local()) if r["id"] == unit_id)
            if sure:
                act(
                    organisation.delete_unit,
                    "records.deleted_done",
                    unit_id=unit_id,
                    expected_version=version,
                    on=today_local(),
                )
            else:
                st.warning(t("records.confirm_first"))


def merge_form() -> None:
    st.subheader(t("admin_units.merge_heading"), anchor=False)
    st.caption(t("admin_units.merge_help"))
    units = dict(rw.read(lambda s: records.unit_choices(s, (UnitKind.commune, UnitKind.town))))
    with st.form("admin_units.merge_form"):
        old = st.multiselect(
            t("admin_units.merge_old"),
            list(units),
            format_func=units.__getitem__,
            placeholder=t("admin_units.merge_placeholder"),
        )
        into = st.selectbox(t("admin_units.merge_into"), list(units), format_func=units.__getitem__)
        on = st.date_input(
            t("admin_units.from_day"), value=dt.date(2025, 7, 1), format="DD/MM/YYYY"
        )
        close_old = st.checkbox(t("admin_units.close_old"), value=True)
        if st.form_submit_button(t("admin_units.merge"), type="primary"):
            act(
                organisation.merge_units,
                "admin_units.merged",
                unit_ids=old,
                into_unit_id=into,
                on=on,
                close_old=close_old,
            )


st.title(t("admin_units.heading"), anchor=False)
rw.show_flash(P)
day = st.date_input(
    t("admin_units.structure_on"), value=today_local(), format="DD/MM/YYYY", key="admin_units.day"
)
unit_rows = load_units(day)
units_editor(unit_rows)
all_units = dict(rw.read(records.unit_choices))
add_form(all_units)
st.divider()
links_panel(all_units)
st.divider()
merge_form()
