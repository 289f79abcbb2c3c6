"""Chỉ tiêu (admin): a year's plan, its targets, and each count target's split across units (giao
chỉ tiêu). Percentage targets apply to every unit as they are."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st
from sqlmodel import select

from core import plans, records, targets
from core.formatting import fmt_number, today_local
from core.models import PlanTarget, TargetKey, UnitKind
from core.strings import t
from ui import auth
from ui import records_widgets as rw

user = auth.require_role("admin")
P = "admin_targets"
PLAN = "admin_targets.plan"
SPLIT_KINDS = (UnitKind.commune, UnitKind.town, UnitKind.cluster, UnitKind.block)


def load_plan(year: int) -> dict | None:
    def load(session) -> dict | None:
        plan = plans.get_plan(session, year)
        if plan is None:
            return None
        values = dict(
            session.exec(
                select(PlanTarget.key, PlanTarget.value).where(PlanTarget.plan_id == plan.id)
            ).all()
        )
        return {
            "plan": plan.model_dump(),
            "targets": values,
            "split": targets.split(session, plan),
        }

    return rw.held(PLAN, year, lambda: rw.read(load), table=True)


def with_plan(action, year: int, **kwargs):
    """Run an admin write that needs the Plan row itself."""

    def run(session, *, actor, **rest):
        plan = plans.get_plan(session, year)
        return action(session, actor=actor, plan=plan, **rest)

    return rw.run_write(run, actor=user, **kwargs)


def new_plan_form(years: list[int]) -> None:
    with st.expander(t("admin_targets.new_heading"), icon=":material/add:"):
        with st.form("admin_targets.new_form"):
            year = st.number_input(
                t("common.year"),
                min_value=2000,
                max_value=2100,
                step=1,
                value=today_local().year + 1,
            )
            title = st.text_input(t("field.title"), help=t("admin_targets.title_help"))
            copy_from = st.selectbox(
                t("admin_targets.copy_from"),
                [None, *years],
                format_func=lambda y: t("admin_targets.copy_2025") if y is None else str(y),
            )
            submitted = st.form_submit_button(t("admin_targets.create"), type="primary")
        if submitted and rw.write(
            P,
            targets.create_plan,
            actor=user,
            done=t("admin_targets.created", year=int(year)),
            year=int(year),
            title=title,
            copy_from=copy_from,
        ):
            st.session_state["admin_targets.year"] = int(year)
            rw.forget(PLAN)
            st.rerun()


def plan_form(plan: dict) -> None:
    with st.form("admin_targets.plan_form"):
        title = st.text_input(t("field.title"), value=plan["title"])
        start_col, end_col = st.columns(2)
        start = start_col.date_input(
            t("field.workers_month_start"), value=plan["workers_month_start"], format="DD/MM/YYYY"
        )
        end = end_col.date_input(
            t("field.workers_month_end"), value=plan["workers_month_end"], format="DD/MM/YYYY"
        )
        if st.form_submit_button(t("records.save")) and rw.write(
            P,
            targets.update_plan,
            actor=user,
            done=t("records.saved"),
            plan_id=plan["id"],
            expected_version=plan["version"],
            title=title,
            workers_month=(start, end),
        ):
            rw.forget(PLAN)
            st.rerun()


def targets_editor(year: int, values: dict[str, float]) -> None:
    keys = [k.value for k in TargetKey]
    table = pd.DataFrame(
        {
            "label": [t(f"target.{k}") for k in keys],
            "value": pd.array([values.get(k) for k in keys], dtype="Float64"),
        }
    )
    key = rw.editor_key(PLAN) + ".targets"
    st.data_editor(
        table,
        key=key,
        hide_index=True,
        width="stretch",
        disabled=["label"],
        column_config={
            "label": st.column_config.TextColumn(t("admin_targets.target")),
            "value": st.column_config.NumberColumn(
                t("field.value"), min_value=0, format="localized"
            ),
        },
    )
    pending = rw.edited_rows(key)
    if st.button(
        t("records.save_changes", n=len(pending)), disabled=not pending, key="admin_targets.save"
    ):
        refusals = []
        for position, change in sorted(pending.items()):
            target_key = keys[int(position)]
            _, refused = with_plan(
                targets.set_target, year, key=target_key, value=rw.clean_cell(change.get("value"))
            )
            if refused:
                refusals.append(f"{t(f'target.{target_key}')}: {refused}")
        for refusal in refusals:
            st.error(refusal)
        if not refusals:
            rw.flash(P, t("records.rows_saved", n=len(pending)))
            rw.forget(PLAN)
            st.rerun()


def split_editor(year: int, split: list[targets.SplitRow]) -> None:
    st.subheader(t("admin_targets.split_heading"), anchor=False)
    st.caption(t("admin_targets.split_help"))
    units = rw.read(lambda s: records.unit_choices(s, SPLIT_KINDS))
    keys = [row.key for row in split]
    table = pd.DataFrame({"unit": [name for _, name in units]}, dtype=object)
    for row in split:
        table[row.key] = pd.array([row.units.get(unit_id) for unit_id, _ in units], dtype="Float64")
    key = rw.editor_key(PLAN) + ".split"
    st.data_editor(
        table,
        key=key,
        hide_index=True,
        width="stretch",
        disabled=["unit"],
        column_config={
            "unit": st.column_config.TextColumn(t("common.unit")),
            **{
                k: st.column_config.NumberColumn(t(f"target.{k}"), min_value=0, format="localized")
                for k in keys
            },
        },
    )
    summary = pd.DataFrame(
        {
            t("admin_targets.target"): [t(f"target.{row.key}") for row in split],
            t("admin_targets.total"): [fmt_number(row.target, 0) for row in split],
            t("admin_targets.allocated"): [fmt_number(row.allocated, 0) for row in split],
            t("admin_targets.unallocated"): [fmt_number(row.unallocated, 0) for row in split],
        },
        dtype=object,
    )
    st.dataframe(summary, hide_index=True, width="stretch")
    pending = rw.edited_rows(key)
    cells = [
        (units[int(position)][0], column, value)
        for position, change in pending.items()
        for column, value in change.items()
    ]
    if st.button(
        t("records.save_changes", n=len(cells)), disabled=not cells, key="admin_targets.save_split"
    ):
        refusals = []
        for unit_id, column, value in cells:
            value = rw.clean_cell(value)
            if value is None or (isinstance(value, float) and math.isnan(value)):
                value = 0
            _, refused = with_plan(targets.allocate, year, key=column, unit_id=unit_id, value=value)
            if refused:
                refusals.append(refused)
        for refusal in refusals:
            st.error(refusal)
        if not refusals:
            rw.flash(P, t("records.rows_saved", n=len(cells)))
            rw.forget(PLAN)
            st.rerun()


st.title(t("admin_targets.heading"), anchor=False)
rw.show_flash(P)
years = rw.read(plans.plan_years)
new_plan_form(years)
if not years:
    st.info(t("common.no_plan"))
    st.stop()
if st.session_state.get("admin_targets.year") not in years:
    st.session_state["admin_targets.year"] = years[0]
chosen_year = st.selectbox(t("common.year"), years, key="admin_targets.year")
loaded = load_plan(chosen_year)
if loaded is None:
    st.stop()
plan_form(loaded["plan"])
st.subheader(t("admin_targets.targets_heading"), anchor=False)
targets_editor(chosen_year, loaded["targets"])
split_editor(chosen_year, loaded["split"])
