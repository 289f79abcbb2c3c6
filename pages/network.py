"""Mạng lưới: the steering committee, the working, advisory and outreach groups, collaborators, each
unit's officer, the committee members who did nothing in a quarter, and who works on which prospect."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import db, duties, quarters
from core.duties import PersonIn
from core.formatting import fmt_date, fmt_int, today_local
from core.models import NetworkBody, Role, UnitKind
from core.strings import t
from ui import actions, auth, data
from ui import duties_widgets as dw

user = auth.require_role("viewer")
CAN_EDIT = user.can(Role.staff)
FLASH = "network_flash"
TABS = (
    (NetworkBody.steering_committee,),
    (NetworkBody.working_group, NetworkBody.advisory_group, NetworkBody.outreach_group),
    (NetworkBody.collaborator,),
    (NetworkBody.unit_officer,),
)


def write(action, **kwargs) -> bool:
    with actions.attempt() as outcome, db.session_scope() as session:
        action(session=session, actor=user, **kwargs)
    if not outcome.ok:
        return False
    st.session_state[FLASH] = t("duty.saved")
    return True


def people_table(rows: list[dw.PersonRow], names: dict[int, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("network.full_name"): [r.full_name for r in rows],
            t("network.body"): [dw.body_label(r.body) for r in rows],
            t("network.position"): [r.position or "" for r in rows],
            t("network.represents"): [r.represents or "" for r in rows],
            t("network.group_name"): [r.group_name or "" for r in rows],
            t("duty.unit"): [names.get(r.unit_id, "") if r.unit_id else "" for r in rows],
            t("network.phone"): [r.phone or "" for r in rows],
            t("network.since"): [fmt_date(r.since) for r in rows],
            t("network.until"): [fmt_date(r.until) for r in rows],
        }
    )


def draw_idle(year: int, quarter: int, unit_id: int | None, version: int) -> None:
    idle = dw.idle_members(data.database_url(), year, quarter, unit_id, version)
    st.subheader(t("network.idle", q=quarter, year=year), anchor=False)
    if idle:
        st.warning(", ".join(person.full_name for person in idle))
        st.caption(t("network.idle_help"))
    else:
        st.success(t("network.idle_none"))


def draw_people(version: int, names: dict[int, str]) -> list[dw.PersonRow]:
    url = data.database_url()
    st.subheader(t("network.people"), anchor=False)
    show_ended = st.toggle(t("network.show_ended"), key="network_show_ended")
    people = dw.network_people(url, version, None if show_ended else today_local())
    labels = [" · ".join(dw.body_label(body) for body in bodies) for bodies in TABS]
    for tab, bodies in zip(st.tabs(labels), TABS, strict=True):
        with tab:
            rows = [p for p in people if p.body in bodies]
            if rows:
                st.dataframe(people_table(rows, names), hide_index=True, width="stretch")
            else:
                st.caption(t("network.empty"))
    return people


def draw_officers(version: int) -> None:
    url = data.database_url()
    today = today_local()
    st.subheader(t("network.officers"), anchor=False)
    officers = {
        p.unit_id: p.full_name
        for p in dw.network_people(url, version, today)
        if p.body == NetworkBody.unit_officer
    }
    communes = [
        option
        for option in data.unit_options(url, today, version)
        if option.kind in (UnitKind.commune, UnitKind.town)
    ]
    if not communes:
        st.caption(t("network.empty"))
        return
    st.dataframe(
        pd.DataFrame(
            {
                t("duty.unit"): [option.label for option in communes],
                t("network.officer"): [
                    officers.get(option.id, t("network.no_officer")) for option in communes
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def draw_prospects(unit_id: int | None, people: list[dw.PersonRow], version: int) -> None:
    url = data.database_url()
    today = today_local()
    st.subheader(t("network.prospects"), anchor=False)
    workload = dw.officer_workload(url, unit_id, today, version)
    if not workload:
        st.caption(t("network.empty"))
        return
    st.dataframe(
        pd.DataFrame(
            {
                t("network.officer"): [name or t("network.unassigned") for name, _ in workload],
                t("network.prospect_count"): [fmt_int(count) for _, count in workload],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    officers = [name for name, _ in workload]
    officer = st.selectbox(
        t("network.officer"),
        officers,
        format_func=lambda name: name or t("network.unassigned"),
        key="network_officer",
    )
    rows = dw.officer_prospects(url, officer, unit_id, today, version)
    st.dataframe(
        pd.DataFrame(
            {
                t("network.tax_code"): [r.tax_code for r in rows],
                t("duty.enterprise"): [r.name for r in rows],
                t("network.commune"): [r.commune for r in rows],
                t("network.workers"): [fmt_int(r.workers) for r in rows],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    if not CAN_EDIT or not rows:
        return
    by_id = {row.id: row for row in rows}
    names = sorted({p.full_name for p in people} | {name for name in officers if name})
    with st.form("network_assign"):
        st.markdown(f"**{t('network.assign')}**")
        enterprise_id = st.selectbox(
            t("duty.enterprise"), list(by_id), format_func=lambda i: by_id[i].name
        )
        assignee = st.selectbox(
            t("network.assign_to"),
            [None, *names],
            format_func=lambda name: name or t("network.unassigned"),
        )
        if st.form_submit_button(t("duty.save"), type="primary"):
            row = by_id[enterprise_id]
            if write(
                duties.assign_officer,
                enterprise_id=row.id,
                officer=assignee,
                expected_version=row.version,
            ):
                st.rerun()


def person_form(
    key: str, units: dict[int, str], row: dw.PersonRow | None = None
) -> PersonIn | None:
    with st.form(key):
        left, right = st.columns(2)
        bodies = dw.NETWORK_BODIES
        with left:
            full_name = st.text_input(
                t("network.full_name"), value=row.full_name if row else "", max_chars=200
            )
            body = st.selectbox(
                t("network.body"),
                bodies,
                index=bodies.index(row.body) if row else 0,
                format_func=dw.body_label,
            )
            position = st.text_input(
                t("network.position"), value=(row.position or "") if row else ""
            )
            represents = st.text_input(
                t("network.represents"), value=(row.represents or "") if row else ""
            )
            group_name = st.text_input(
                t("network.group_name"), value=(row.group_name or "") if row else ""
            )
        with right:
            unit_ids = [None, *units]
            unit_id = st.selectbox(
                t("duty.unit"),
                unit_ids,
                index=unit_ids.index(row.unit_id) if row and row.unit_id in units else 0,
                format_func=lambda u: units[u] if u else t("duty.none"),
            )
            phone = st.text_input(t("network.phone"), value=(row.phone or "") if row else "")
            since = st.date_input(
                t("network.since"), value=row.since if row else today_local(), format="DD/MM/YYYY"
            )
            until = st.date_input(
                t("network.until"), value=row.until if row else None, format="DD/MM/YYYY"
            )
            notes = st.text_area(t("duty.notes"), value=(row.notes or "") if row else "")
        if not st.form_submit_button(t("duty.save"), type="primary"):
            return None
    return PersonIn(
        full_name=full_name,
        body=body,
        since=since,
        until=until,
        position=position,
        represents=represents,
        group_name=group_name,
        unit_id=unit_id,
        phone=phone,
        notes=notes,
    )


def draw_person_forms(people: list[dw.PersonRow], units: dict[int, str]) -> None:
    with st.expander(t("network.add"), expanded=not people):
        person = person_form("network_add", units)
        if person is not None and write(duties.add_person, data=person):
            st.rerun()
    if not people:
        return
    with st.expander(t("network.edit")):
        by_id = {p.id: p for p in people}
        chosen = st.selectbox(
            t("network.pick"),
            list(by_id),
            format_func=lambda i: f"{by_id[i].full_name} ({dw.body_label(by_id[i].body)})",
            key="network_pick",
        )
        row = by_id[chosen]
        opened = st.session_state.setdefault(f"network_opened_{row.id}", row.version)
        person = person_form(f"network_edit_{row.id}", units, row)
        if person is not None:
            saved = write(
                duties.update_person, person_id=row.id, data=person, expected_version=opened
            )
            st.session_state.pop(f"network_opened_{row.id}", None)
            if saved:
                st.rerun()
        st.markdown(f"**{t('network.replace')}**")
        successor = person_form(
            f"network_replace_{row.id}",
            units,
            dw.PersonRow(
                **{
                    **row.__dict__,
                    "id": 0,
                    "full_name": "",
                    "phone": None,
                    "notes": None,
                    "since": today_local(),
                    "until": None,
                }
            ),
        )
        if successor is not None:
            saved = write(
                duties.replace_person,
                person_id=row.id,
                successor=successor,
                expected_version=opened,
            )
            st.session_state.pop(f"network_opened_{row.id}", None)
            if saved:
                st.rerun()
        confirm = st.checkbox(t("duty.confirm_delete"), key=f"network_delete_{row.id}_confirm")
        if st.button(t("duty.delete"), disabled=not confirm, key=f"network_delete_{row.id}"):
            if write(
                duties.delete_record,
                table="network_person",
                record_id=row.id,
                expected_version=opened,
            ):
                st.session_state[FLASH] = t("duty.deleted")
                st.rerun()


def main() -> None:
    version = data.data_version()
    url = data.database_url()
    today = today_local()
    title_column, year_column, quarter_column, unit_column = st.columns(
        [3, 1, 1, 2.4], vertical_alignment="bottom"
    )
    with title_column:
        st.title(t("network.heading"), anchor=False)
    years = data.plan_years(url, version) or [today.year]
    with year_column:
        year = st.selectbox(
            t("duty.year"), years, index=years.index(data.default_year(years)), key="network_year"
        )
    with quarter_column:
        begun = quarters.quarters_so_far(year, today) or [1]
        quarter = st.selectbox(
            t("duty.quarter"),
            begun,
            index=len(begun) - 1,
            format_func=lambda q: t("duty.quarter_n", q=q),
            key=f"network_quarter_{year}",
        )
    options = data.unit_options(url, today, version)
    units = {option.id: option.label for option in options}
    with unit_column:
        unit_id = st.selectbox(
            t("common.unit"), list(units), format_func=units.__getitem__, key="network_unit"
        )
    st.caption(t("network.caption"))
    if message := st.session_state.pop(FLASH, None):
        st.toast(message)
    draw_idle(year, quarter, unit_id, version)
    people = draw_people(version, dw.unit_names(url, version))
    if CAN_EDIT:
        draw_person_forms(people, units)
    else:
        st.caption(t("duty.read_only"))
    draw_officers(version)
    draw_prospects(unit_id, people, version)


with actions.attempt():
    main()
