"""The plan's other duties on screen: cached reads for the duty pages, the gauge row the overview
shows, and the Workers' Month chart (the display's duties slide is ui/duties_slide.py).

Like `ui.data`, every cached read is keyed on the database URL and the data version, so any write
anywhere drops what was cached. Readers return plain rows, never live database objects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import altair as alt
import pandas as pd
import streamlit as st
from sqlmodel import Session

from core import charts, db, duties, pace, quarters, units, workers_month
from core.formatting import fmt_date, fmt_int, fmt_target
from core.models import ActivityKind, NetworkBody
from core.strings import t
from ui import data

CACHE_ENTRIES = 128
# Literal, as st.metric takes it.
DELTA_COLOURS: dict[str, Literal["green", "orange", "red", "gray"]] = {
    "ahead": "green",
    "near": "orange",
    "behind": "red",
    "none": "gray",
}


def _session() -> Session:
    return Session(db.get_engine(), expire_on_commit=False)


@dataclass(frozen=True)
class PersonRow:
    id: int
    full_name: str
    body: str
    position: str | None
    represents: str | None
    group_name: str | None
    unit_id: int | None
    phone: str | None
    since: dt.date
    until: dt.date | None
    notes: str | None
    version: int


def person_row(person) -> PersonRow:
    return PersonRow(**{name: getattr(person, name) for name in PersonRow.__dataclass_fields__})


@dataclass(frozen=True)
class ActivityRow:
    id: int
    kind: str
    held_on: dt.date
    unit_id: int
    title: str
    channel: str | None
    participants: int | None
    enterprise_id: int | None
    enterprise: str  # its tax code and name
    chair: str | None
    decisions: str | None
    unit_ids: tuple[int, ...]
    person_ids: tuple[int, ...]
    notes: str | None
    version: int


@dataclass(frozen=True)
class IntroductionRow:
    id: int
    full_name: str
    member_id: int | None
    union_id: int | None
    unit_id: int
    introduced_on: dt.date
    admitted_on: dt.date | None
    notes: str | None
    version: int


@dataclass(frozen=True)
class CellRow:
    id: int
    name: str
    enterprise_id: int
    enterprise: str
    unit_id: int
    founded_on: dt.date
    decision_no: str | None
    notes: str | None
    version: int


# ---------------------------------------------------------------- cached reads


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def unit_names(url: str, version: int) -> dict[int, str]:
    """Every unit's name, old structure included (an activity keeps the unit it was held in)."""
    with _session() as session:
        return duties.unit_names(session)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def activity_rows(
    url: str, year: int, unit_id: int | None, kind: str | None, version: int
) -> list[ActivityRow]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    with _session() as session:
        scope = units.scope_for_unit(session, unit_id, end)
        found = duties.activities(session, start=start, end=end, kind=kind, scope=scope)
        people = duties.activity_people(session, [a.id for a in found])  # pyright: ignore[reportArgumentType]  # SQLModel: a stored row's id is set
        labels = duties.enterprise_labels(
            session, [a.enterprise_id for a in found if a.enterprise_id]
        )
        return [
            ActivityRow(
                id=a.id,  # pyright: ignore[reportArgumentType]  # SQLModel: a stored row's id is set
                kind=a.kind,
                held_on=a.held_on,
                unit_id=a.unit_id,
                title=a.title,
                channel=a.channel,
                participants=a.participants,
                enterprise_id=a.enterprise_id,
                enterprise=labels.get(a.enterprise_id, "") if a.enterprise_id else "",
                chair=a.details.get("chair"),
                decisions=a.details.get("decisions"),
                unit_ids=tuple(a.details.get("unit_ids", ())),
                person_ids=tuple(people[a.id]),  # pyright: ignore[reportArgumentType]  # SQLModel: a stored row's id is set
                notes=a.notes,
                version=a.version,
            )
            for a in found
        ]


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def party_rows(
    url: str, year: int, unit_id: int | None, version: int
) -> tuple[list[IntroductionRow], list[CellRow]]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    with _session() as session:
        scope = units.scope_for_unit(session, unit_id, end)
        introductions = [
            IntroductionRow(
                **{name: getattr(r, name) for name in IntroductionRow.__dataclass_fields__}
            )
            for r in duties.party_introductions(session, start=start, end=end, scope=scope)
        ]
        found = duties.party_cells(session, start=start, end=end, scope=scope)
        labels = duties.enterprise_labels(session, [c.enterprise_id for c in found])
        cells = [
            CellRow(
                id=c.id,  # pyright: ignore[reportArgumentType]  # SQLModel: a stored row's id is set
                name=c.name,
                enterprise_id=c.enterprise_id,
                enterprise=labels.get(c.enterprise_id, ""),
                unit_id=c.unit_id,
                founded_on=c.founded_on,
                decision_no=c.decision_no,
                notes=c.notes,
                version=c.version,
            )
            for c in found
        ]
        return introductions, cells


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def other_targets(url: str, year: int, unit_id: int | None, as_of: dt.date, version: int) -> dict:
    with _session() as session:
        scope = units.scope_for_unit(session, unit_id, as_of)
        return duties.other_targets(session, year=year, scope=scope, as_of=as_of)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def quarterly_counts(
    url: str, year: int, unit_id: int | None, as_of: dt.date, version: int
) -> dict[int, duties.DutyCounts]:
    with _session() as session:
        scope = units.scope_for_unit(session, unit_id, as_of)
        return duties.quarterly_counts(session, year=year, scope=scope, as_of=as_of)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def briefing_status(
    url: str, year: int, quarter: int, unit_id: int | None, version: int
) -> duties.BriefingStatus:
    with _session() as session:
        on = min(quarters.quarter_end(year, quarter), dt.date(year, 12, 31))
        scope = units.scope_for_unit(session, unit_id, on)
        return duties.briefing_status(session, year=year, quarter=quarter, scope=scope)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def idle_members(
    url: str, year: int, quarter: int, unit_id: int | None, version: int
) -> list[PersonRow]:
    with _session() as session:
        scope = units.scope_for_unit(session, unit_id, quarters.quarter_end(year, quarter))
        people = duties.idle_committee_members(session, year=year, quarter=quarter, scope=scope)
        return [person_row(p) for p in people]


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def network_people(url: str, version: int, on: dt.date | None) -> list[PersonRow]:
    with _session() as session:
        return [person_row(p) for p in duties.network(session, on=on)]


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def campaign(
    url: str, year: int, unit_id: int | None, as_of: dt.date, version: int
) -> workers_month.Campaign:
    with _session() as session:
        scope = units.scope_for_unit(session, unit_id, as_of)
        return workers_month.campaign(session, year=year, scope=scope, as_of=as_of)


@dataclass(frozen=True)
class ProspectRow:
    id: int
    name: str
    tax_code: str
    commune: str
    workers: int | None
    officer: str | None
    version: int


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def officer_workload(
    url: str, unit_id: int | None, on: dt.date, version: int
) -> list[tuple[str | None, int]]:
    with _session() as session:
        scope = units.scope_for_unit(session, unit_id, on)
        return duties.prospects_by_officer(session, scope=scope, on=on)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def officer_prospects(
    url: str, officer: str | None, unit_id: int | None, on: dt.date, version: int
) -> list[ProspectRow]:
    with _session() as session:
        scope = units.scope_for_unit(session, unit_id, on)
        names = duties.unit_names(session)
        return [
            ProspectRow(
                id=e.id,  # pyright: ignore[reportArgumentType]  # SQLModel: a stored row's id is set
                name=e.name,
                tax_code=e.tax_code or "",
                commune=names.get(e.unit_id, "") if e.unit_id else (e.commune_name or ""),
                workers=e.worker_count,
                officer=e.officer,
                version=e.version,
            )
            for e in duties.prospects_of_officer(session, officer=officer, scope=scope, on=on)
        ]


# ---------------------------------------------------------------- gauges (overview)


def _gap_delta(gauge: charts.Gauge) -> str | int | None:
    if gauge.gap_to_pace is None:
        return None
    rounded = round(gauge.gap_to_pace)
    return 0 if rounded == 0 else ("+" if rounded > 0 else "") + fmt_int(rounded)


def draw_duty_gauges(year: int, unit_id: int | None, as_of: dt.date) -> None:
    """The row of gauges for the duty targets; the overview calls this with one line."""
    targets = other_targets(data.database_url(), year, unit_id, as_of, data.data_version())
    st.subheader(t("duties.gauges"), anchor=False)
    gauges = charts.duty_gauges(targets)
    # Two to a row: the duty names are long, and four abreast cut them short on a laptop.
    cells = [cell for _ in range(0, len(gauges), 2) for cell in st.columns(2)]
    for column, gauge in zip(cells, gauges, strict=False):
        with column, st.container(border=True, height="stretch"):
            delta = _gap_delta(gauge)
            st.metric(
                t(f"target.{gauge.key}"),
                fmt_int(gauge.actual),
                delta=delta,
                delta_color=DELTA_COLOURS[gauge.status],
            )
            st.altair_chart(charts.localised(charts.bullet_chart(gauge)), width="stretch")
            if gauge.target is None:
                st.caption(t("duty.no_target"))
            else:
                st.caption(
                    f"**{gauge.fmt(gauge.actual)} / {gauge.fmt(gauge.target)}** · "
                    f"{t('duty.expected')}: {gauge.fmt_due(gauge.expected)}"
                )


# ---------------------------------------------------------------- Workers' Month


def campaign_chart(result: workers_month.Campaign, *, height: int = 320) -> alt.LayerChart:
    """Bars of each day's net growth, the running total, and the even pace to the target."""
    rows = [
        {
            "day": pd.Timestamp(row.day),
            "net": row.net,
            "cumulative": row.cumulative_net,
            "pace": pace.expected_on(result.net_target, result.start, result.end, row.day),
            "day_text": fmt_date(row.day),
        }
        for row in result.days
    ]
    frame = pd.DataFrame(rows)
    x = alt.X("day:T", title=None, axis=alt.Axis(format="%d/%m"))
    tooltip = [
        alt.Tooltip("day_text:N", title=t("wm.day")),
        alt.Tooltip("net:Q", title=t("wm.net"), format=charts.INT_FORMAT),
        alt.Tooltip("cumulative:Q", title=t("wm.cumulative_net"), format=charts.INT_FORMAT),
    ]
    base = alt.Chart(frame)
    layers = [
        base.mark_bar(color="#9DB4D3").encode(
            x=x, y=alt.Y("net:Q", title=t("wm.net")), tooltip=tooltip
        ),
        base.mark_line(color="#1F4E9A", strokeWidth=3, point=True).encode(
            x=x, y="cumulative:Q", tooltip=tooltip
        ),
    ]
    if result.net_target is not None:
        layers.append(
            base.mark_line(color="#222222", strokeDash=[6, 4]).encode(
                x=x, y=alt.Y("pace:Q"), tooltip=tooltip
            )
        )
    # altair types .properties() on a layer as "layer or facet"; a layer stays a layer.
    return alt.layer(*layers).properties(height=height, width="container")  # pyright: ignore[reportReturnType]


def draw_campaign_figures(result: workers_month.Campaign) -> None:
    """The three headline numbers of the campaign against its targets."""
    columns = st.columns(3)
    with columns[0]:
        target = fmt_target(result.net_target)
        st.metric(t("wm.net"), f"{fmt_int(result.net)} / {target}", border=True)
    with columns[1]:
        target = fmt_target(result.unions_target)
        st.metric(t("wm.new_unions"), f"{fmt_int(result.new_unions)} / {target}", border=True)
    with columns[2]:
        st.metric(t("wm.admitted"), fmt_int(result.admitted), border=True)


def top_units_table(result: workers_month.Campaign) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("duty.unit"): [row.name or t("wm.no_unit") for row in result.top_units],
            t("wm.net"): [fmt_int(row.net) for row in result.top_units],
            t("wm.admitted"): [fmt_int(row.admitted) for row in result.top_units],
            t("wm.new_unions"): [fmt_int(row.new_unions) for row in result.top_units],
        }
    )


# ---------------------------------------------------------------- labels


def kind_label(kind: str) -> str:
    return t(f"activity_kind.{kind}")


def body_label(body: str) -> str:
    return t(f"body.{body}")


ACTIVITY_KINDS = [kind.value for kind in ActivityKind]
NETWORK_BODIES = [body.value for body in NetworkBody]
