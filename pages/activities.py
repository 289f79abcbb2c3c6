"""Hoạt động: the plan's duties as they are done — quarterly briefings, the annual review, training,
outreach, surveys — and the Party work (introductions, cells). Staff record and edit; leadership
reads."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core import db, duties, quarters
from core.duties import ActivityIn, PartyCellIn, PartyIntroductionIn
from core.formatting import fmt_date, fmt_int, today_local
from core.models import ActivityKind, OutreachChannel, Role
from core.strings import t
from ui import actions, auth, data
from ui import duties_widgets as dw

user = auth.require_role("viewer")
CAN_EDIT = user.can(Role.staff)
FLASH = "activities_flash"
COUNT_ROWS = (
    "briefings",
    "annual_reviews",
    "trainings",
    "trainees",
    "outreach_events",
    "outreach_reach",
    "surveys",
    "party_introductions",
    "party_cells",
)


def write(action, **kwargs) -> bool:
    """Run one core write in its own transaction; show why it was refused, if it was."""
    with actions.attempt() as outcome, db.session_scope() as session:
        action(session=session, actor=user, **kwargs)
    if not outcome.ok:
        return False
    st.session_state[FLASH] = t("duty.saved")
    return True


def pick_filters(version: int) -> tuple[int, int | None, dict[int, str]]:
    url = data.database_url()
    years = data.plan_years(url, version) or [today_local().year]
    title_column, year_column, unit_column = st.columns([3, 1, 2.4], vertical_alignment="bottom")
    with title_column:
        st.title(t("activities.heading"), anchor=False)
    with year_column:
        year = st.selectbox(
            t("common.year"),
            years,
            index=years.index(data.default_year(years)),
            key="activities_year",
        )
    options = data.unit_options(url, data.default_as_of(year), version)
    by_id = {option.id: option.label for option in options}
    with unit_column:
        unit_id = st.selectbox(
            t("common.unit"), list(by_id), format_func=by_id.__getitem__, key="activities_unit"
        )
    st.caption(t("activities.caption"))
    return year, unit_id, by_id


def draw_briefings(year: int, unit_id: int | None, version: int) -> None:
    url = data.database_url()
    today = today_local()
    for quarter in quarters.quarters_so_far(year, today):
        status = dw.briefing_status(url, year, quarter, unit_id, version)
        if status.held:
            dates = ", ".join(fmt_date(day) for day in status.held_on)
            st.success(t("activities.briefing_held", q=quarter, year=year, dates=dates))
        elif status.overdue(today):
            st.error(t("activities.briefing_overdue", q=quarter, year=year))
        else:
            st.warning(t("activities.briefing_missing", q=quarter, year=year))


def draw_counts(year: int, unit_id: int | None, version: int) -> None:
    st.subheader(t("activities.counts"), anchor=False)
    counts = dw.quarterly_counts(data.database_url(), year, unit_id, dt.date(year, 12, 31), version)
    total = duties.DutyCounts()
    for row in counts.values():
        total = total + row
    columns = {t("duty.kind"): [t(f"count.{name}") for name in COUNT_ROWS]}
    for quarter, row in counts.items():
        columns[t("duty.quarter_n", q=quarter)] = [fmt_int(getattr(row, n)) for n in COUNT_ROWS]
    columns[t("count.year")] = [fmt_int(getattr(total, n)) for n in COUNT_ROWS]
    table = pd.DataFrame(columns)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            name: st.column_config.TextColumn(name, alignment="right") for name in table.columns[1:]
        },
    )


def activity_table(rows: list[dw.ActivityRow], unit_names: dict[int, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("duty.date"): [fmt_date(row.held_on) for row in rows],
            t("duty.kind"): [dw.kind_label(row.kind) for row in rows],
            t("duty.unit"): [unit_names.get(row.unit_id, "") for row in rows],
            t("duty.title"): [row.title for row in rows],
            t("duty.channel"): [t(f"channel.{row.channel}") if row.channel else "" for row in rows],
            t("duty.participants"): [
                fmt_int(row.participants) if row.participants is not None else "" for row in rows
            ],
            t("duty.chair"): [row.chair or "" for row in rows],
            t("duty.enterprise"): [row.enterprise for row in rows],
        }
    )


def activity_form(
    key: str,
    kind: str,
    units: dict[int, str],
    people: dict[int, str],
    row: dw.ActivityRow | None = None,
) -> ActivityIn | None:
    """The form for one activity of `kind`; the input when submitted, else None."""
    with st.form(key, border=True):
        left, right = st.columns(2)
        with left:
            held_on = st.date_input(
                t("duty.date"),
                value=row.held_on if row else today_local(),
                max_value=today_local(),
                format="DD/MM/YYYY",
            )
            unit_ids = list(units)
            unit_id = st.selectbox(
                t("duty.unit"),
                unit_ids,
                index=unit_ids.index(row.unit_id) if row and row.unit_id in units else 0,
                format_func=units.__getitem__,
            )
            title = st.text_input(t("duty.title"), value=row.title if row else "", max_chars=300)
            participants = st.number_input(
                t("duty.participants"),
                min_value=0,
                step=1,
                value=row.participants if row else None,
                help=t("duty.participants_help"),
            )
        with right:
            channel = chair = decisions = tax_code = None
            present: list[int] = []
            if kind == ActivityKind.outreach:
                channels = [c.value for c in OutreachChannel]
                channel = st.selectbox(
                    t("duty.channel"),
                    channels,
                    index=channels.index(row.channel) if row and row.channel else 0,
                    format_func=lambda c: t(f"channel.{c}"),
                )
            if kind in (ActivityKind.briefing, ActivityKind.annual_review):
                chair = st.text_input(t("duty.chair"), value=(row.chair or "") if row else "")
                decisions = st.text_area(
                    t("duty.decisions"), value=(row.decisions or "") if row else ""
                )
            if kind in (ActivityKind.briefing, ActivityKind.annual_review, ActivityKind.training):
                present = st.multiselect(
                    t("duty.units_present"),
                    list(units),
                    default=[u for u in (row.unit_ids if row else ()) if u in units],
                    format_func=units.__getitem__,
                )
            if kind == ActivityKind.survey:
                tax_code = st.text_input(
                    t("network.tax_code"), value=row.enterprise.split(" · ")[0] if row else ""
                )
            chosen = st.multiselect(
                t("duty.people"),
                list(people),
                default=[p for p in (row.person_ids if row else ()) if p in people],
                format_func=people.__getitem__,
            )
            notes = st.text_area(t("duty.notes"), value=(row.notes or "") if row else "")
        if not st.form_submit_button(t("duty.save"), type="primary"):
            return None
    enterprise_id = None
    if tax_code and tax_code.strip():
        with db.session_scope() as session:
            enterprise = duties.find_enterprise(session, tax_code)
        if enterprise is None:
            st.error(t("duty.enterprise_missing"))
            return None
        enterprise_id = enterprise.id
    return ActivityIn(
        kind=kind,
        held_on=held_on,
        unit_id=unit_id,
        title=title,
        channel=channel,
        participants=int(participants) if participants is not None else None,
        enterprise_id=enterprise_id,
        chair=chair,
        decisions=decisions,
        unit_ids=present,
        person_ids=chosen,
        notes=notes,
    )


def draw_activities(year: int, unit_id: int | None, units: dict[int, str], version: int) -> None:
    url = data.database_url()
    st.subheader(t("activities.list"), anchor=False)
    kind = st.selectbox(
        t("duty.kind"),
        [None, *dw.ACTIVITY_KINDS],
        format_func=lambda k: dw.kind_label(k) if k else t("duty.all_kinds"),
        key="activities_kind",
    )
    rows = dw.activity_rows(url, year, unit_id, kind, version)
    names = dw.unit_names(url, version)
    if rows:
        st.dataframe(activity_table(rows, names), hide_index=True, width="stretch")
    else:
        st.info(t("activities.empty"))
    if not CAN_EDIT:
        st.caption(t("duty.read_only"))
        return
    people = {
        p.id: f"{p.full_name} ({dw.body_label(p.body)})"
        for p in dw.network_people(url, version, None)
    }
    with st.expander(t("activities.add"), expanded=not rows):
        new_kind = st.segmented_control(
            t("duty.kind"),
            dw.ACTIVITY_KINDS,
            default=ActivityKind.briefing.value,
            format_func=dw.kind_label,
            key="activities_new_kind",
        )
        new_kind = new_kind or ActivityKind.briefing.value
        data_in = activity_form(f"activities_new_{new_kind}", new_kind, units, people)
        if data_in is not None and write(duties.record_activity, data=data_in):
            st.rerun()
    if rows:
        with st.expander(t("activities.edit")):
            by_id = {row.id: row for row in rows}
            chosen = st.selectbox(
                t("activities.pick"),
                list(by_id),
                format_func=lambda i: (
                    f"{fmt_date(by_id[i].held_on)} · {dw.kind_label(by_id[i].kind)} · "
                    f"{by_id[i].title}"
                ),
                key="activities_pick",
            )
            row = by_id[chosen]
            # The version the user opened: a save after someone else's is refused, not merged.
            opened = st.session_state.setdefault(f"activities_opened_{row.id}", row.version)
            edit_units = (
                units if row.unit_id in units else {**units, row.unit_id: names[row.unit_id]}
            )
            data_in = activity_form(f"activities_edit_{row.id}", row.kind, edit_units, people, row)
            if data_in is not None:
                saved = write(
                    duties.update_activity,
                    activity_id=row.id,
                    data=data_in,
                    expected_version=opened,
                )
                st.session_state.pop(f"activities_opened_{row.id}", None)
                if saved:
                    st.rerun()
            draw_delete("activity", row.id, opened, f"activities_delete_{row.id}")


def draw_delete(table: str, record_id: int, version: int, key: str) -> None:
    confirm = st.checkbox(t("duty.confirm_delete"), key=f"{key}_confirm")
    if st.button(t("duty.delete"), disabled=not confirm, key=key):
        if write(duties.delete_record, table=table, record_id=record_id, expected_version=version):
            st.session_state[FLASH] = t("duty.deleted")
            st.rerun()


def draw_party(year: int, unit_id: int | None, units: dict[int, str], version: int) -> None:
    url = data.database_url()
    st.subheader(t("activities.party"), anchor=False)
    introductions, cells = dw.party_rows(url, year, unit_id, version)
    names = dw.unit_names(url, version)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('activities.introductions')}** · {fmt_int(len(introductions))}")
        if introductions:
            st.dataframe(
                pd.DataFrame(
                    {
                        t("party.introduced_on"): [
                            fmt_date(r.introduced_on) for r in introductions
                        ],
                        t("party.full_name"): [r.full_name for r in introductions],
                        t("duty.unit"): [names.get(r.unit_id, "") for r in introductions],
                        t("party.admitted_on"): [fmt_date(r.admitted_on) for r in introductions],
                    }
                ),
                hide_index=True,
                width="stretch",
            )
    with right:
        st.markdown(f"**{t('activities.cells')}** · {fmt_int(len(cells))}")
        if cells:
            st.dataframe(
                pd.DataFrame(
                    {
                        t("party.founded_on"): [fmt_date(r.founded_on) for r in cells],
                        t("party.cell_name"): [r.name for r in cells],
                        t("duty.enterprise"): [r.enterprise for r in cells],
                        t("duty.unit"): [names.get(r.unit_id, "") for r in cells],
                    }
                ),
                hide_index=True,
                width="stretch",
            )
    if not CAN_EDIT:
        return
    if introductions:
        draw_edit_introduction(introductions, units, names)
    left, right = st.columns(2)
    with left, st.expander(t("activities.add_introduction")):
        with st.form("activities_introduction"):
            full_name = st.text_input(t("party.full_name"), max_chars=200)
            introduced_on = st.date_input(
                t("party.introduced_on"), max_value=today_local(), format="DD/MM/YYYY"
            )
            unit = st.selectbox(t("duty.unit"), list(units), format_func=units.__getitem__)
            admitted_on = st.date_input(
                t("party.admitted_on"), value=None, max_value=today_local(), format="DD/MM/YYYY"
            )
            notes = st.text_area(t("duty.notes"))
            if st.form_submit_button(t("duty.save"), type="primary"):
                record = PartyIntroductionIn(
                    introduced_on=introduced_on,
                    unit_id=unit,
                    full_name=full_name,
                    admitted_on=admitted_on,
                    notes=notes,
                )
                if write(duties.record_party_introduction, data=record):
                    st.rerun()
    with right, st.expander(t("activities.add_cell")):
        with st.form("activities_cell"):
            name = st.text_input(t("party.cell_name"), max_chars=300)
            tax_code = st.text_input(t("network.tax_code"))
            founded_on = st.date_input(
                t("party.founded_on"), max_value=today_local(), format="DD/MM/YYYY"
            )
            decision_no = st.text_input(t("party.decision_no"), max_chars=100)
            if st.form_submit_button(t("duty.save"), type="primary"):
                with db.session_scope() as session:
                    enterprise = duties.find_enterprise(session, tax_code)
                if enterprise is None:
                    st.error(t("duty.enterprise_missing"))
                else:
                    record = PartyCellIn(
                        name=name,
                        enterprise_id=enterprise.id,  # pyright: ignore[reportArgumentType]  # SQLModel: a stored row's id is set
                        founded_on=founded_on,
                        decision_no=decision_no,
                    )
                    if write(duties.record_party_cell, data=record):
                        st.rerun()


def draw_edit_introduction(
    rows: list[dw.IntroductionRow], units: dict[int, str], names: dict[int, str]
) -> None:
    """Mostly to record, later, that the Party admitted someone introduced earlier."""
    with st.expander(t("activities.edit_introduction")):
        by_id = {row.id: row for row in rows}
        chosen = st.selectbox(
            t("activities.pick"),
            list(by_id),
            format_func=lambda i: f"{fmt_date(by_id[i].introduced_on)} · {by_id[i].full_name}",
            key="activities_pick_introduction",
        )
        row = by_id[chosen]
        opened = st.session_state.setdefault(f"activities_opened_intro_{row.id}", row.version)
        choices = units if row.unit_id in units else {**units, row.unit_id: names[row.unit_id]}
        with st.form(f"activities_introduction_{row.id}"):
            full_name = st.text_input(t("party.full_name"), value=row.full_name, max_chars=200)
            introduced_on = st.date_input(
                t("party.introduced_on"),
                value=row.introduced_on,
                max_value=today_local(),
                format="DD/MM/YYYY",
            )
            unit_ids = list(choices)
            unit = st.selectbox(
                t("duty.unit"),
                unit_ids,
                index=unit_ids.index(row.unit_id),
                format_func=choices.__getitem__,
            )
            admitted_on = st.date_input(
                t("party.admitted_on"),
                value=row.admitted_on,
                max_value=today_local(),
                format="DD/MM/YYYY",
            )
            notes = st.text_area(t("duty.notes"), value=row.notes or "")
            if st.form_submit_button(t("duty.save"), type="primary"):
                record = PartyIntroductionIn(
                    introduced_on=introduced_on,
                    unit_id=unit,
                    full_name=full_name,
                    member_id=row.member_id,
                    union_id=row.union_id,
                    admitted_on=admitted_on,
                    notes=notes,
                )
                saved = write(
                    duties.update_party_introduction,
                    record_id=row.id,
                    data=record,
                    expected_version=opened,
                )
                st.session_state.pop(f"activities_opened_intro_{row.id}", None)
                if saved:
                    st.rerun()
        draw_delete("party_introduction", row.id, opened, f"activities_delete_intro_{row.id}")


def main() -> None:
    version = data.data_version()
    year, unit_id, units = pick_filters(version)
    if message := st.session_state.pop(FLASH, None):
        st.toast(message)
    if not units:
        st.info(t("duty.unit_required"))
        return
    draw_briefings(year, unit_id, version)
    draw_counts(year, unit_id, version)
    draw_activities(year, unit_id, units, version)
    draw_party(year, unit_id, units, version)


with actions.attempt():
    main()
