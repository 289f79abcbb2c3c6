"""Tổng quan: the screen leadership opens first — how far the plan year is from its targets."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import pandas as pd
import streamlit as st

from core import charts, pace
from core.formatting import fmt_date, fmt_int, fmt_number, fmt_pct, fmt_target
from core.metrics import Progress, UnitRow
from core.models import UnitKind
from core.strings import t
from ui import actions, auth, data, duties_widgets

# Literal, as st.metric takes it.
DELTA_COLOURS: dict[str, Literal["green", "orange", "red", "gray"]] = {
    "ahead": "green",
    "near": "orange",
    "behind": "red",
    "none": "gray",
}
PROSPECTS_SHOWN = 10

auth.require_role("viewer")
st.set_page_config(page_title=f"{t('nav.overview')} · {t('app.title')}")
# Less empty space above the title, so the gauges start higher on a 1366×768 laptop screen.
st.html("<style>[data-testid='stMainBlockContainer']{padding-top:3rem}</style>")


def pick_filters(version: int) -> tuple[int, int | None, dt.date] | None:
    """Year, unit and as-of date, in one row; None when there is no plan yet."""
    years = data.plan_years(data.database_url(), version)
    if not years:
        st.info(t("common.no_plan"))
        return None
    title_column, year_column, unit_column, date_column = st.columns(
        [3.2, 1, 2.4, 1.4], vertical_alignment="bottom"
    )
    with year_column:
        year = st.selectbox(
            t("common.year"),
            years,
            index=years.index(data.default_year(years)),
            key="overview_year",
        )
    with date_column:
        # One widget per year, so switching the year starts from that year's default date.
        as_of = st.date_input(
            t("overview.as_of_input"),
            value=data.default_as_of(year),
            min_value=dt.date(year, 1, 1),
            max_value=dt.date(year, 12, 31),
            format="DD/MM/YYYY",
            help=t("overview.as_of_help"),
            key=f"overview_as_of_{year}",
        )
    options = data.unit_options(data.database_url(), as_of, version)
    by_id: dict[int | None, data.UnitOption] = {option.id: option for option in options}
    if st.session_state.get("overview_unit") not in by_id:
        st.session_state.pop("overview_unit", None)
    with unit_column:
        unit_id = st.selectbox(
            t("common.unit"),
            list(by_id) or [None],  # no units recorded yet: the whole federation only
            format_func=lambda key: (
                by_id[key].label if key in by_id else t("common.whole_federation")
            ),
            help=t("overview.unit_help"),
            key="overview_unit",
        )
    unit = by_id.get(unit_id)
    federation = next((o for o in options if o.kind == UnitKind.federation), None)
    with title_column:
        st.header(t("overview.title", year=year), anchor=False)
        whole = unit is None or unit.kind == UnitKind.federation
        scope_name = t("common.whole_federation") if unit is None or whole else unit.label
        federation_name = federation.name if federation else t("app.federation")
        st.markdown(
            f"{federation_name} · **{scope_name}**  \n**{t('common.as_of', date=fmt_date(as_of))}**"
        )
    return year, unit_id, as_of


def gap_delta(gap: float, *, decimals: int = 0, percent: bool = False) -> str | int:
    """'+25', '-140', '-0,5' or '-14,5 điểm %' for st.metric; the number 0 (grey) when level."""
    rounded = round(gap, decimals)
    if rounded == 0:
        return 0
    text = ("+" if rounded > 0 else "") + fmt_number(rounded, decimals)
    return t("overview.gauge.points", value=text) if percent else text


def draw_gauge(gauge: charts.Gauge, progress: Progress) -> None:
    window = {
        "start": fmt_date(progress.workers_month_start),
        "end": fmt_date(progress.workers_month_end),
    }
    delta = None
    if gauge.gap_to_pace is not None:
        delta = gap_delta(gauge.gap_to_pace, decimals=gauge.decimals, percent=gauge.is_percent)
    against = (
        "overview.gauge.vs_target" if gauge.expected == gauge.target else "overview.gauge.vs_pace"
    )
    with st.container(border=True, height="stretch"):
        st.metric(
            t(f"overview.gauge.{gauge.key}"),
            gauge.fmt(gauge.actual),
            delta=delta,
            delta_color=DELTA_COLOURS[gauge.status],
            delta_description=t(against) if delta is not None else None,
            help=t(f"overview.gauge.help.{gauge.key}", **window),
        )
        st.vega_lite_chart(spec=data.chart_spec("bullet_chart", gauge), width="stretch")
        if gauge.target is None:
            st.caption(t("overview.gauge.no_target"))
            return
        if gauge.key == "non_state_coverage_pct":
            detail = t(
                "overview.gauge.coverage_detail",
                members=fmt_int(progress.non_state_members),
                workers=fmt_int(progress.non_state_workers),
            )
        elif gauge.key == "enterprises_20plus_with_union_pct":
            detail = t(
                "overview.gauge.union_share_detail",
                with_union=fmt_int(progress.enterprises_20plus_with_union),
                total=fmt_int(progress.enterprises_20plus),
            )
        else:
            detail = t(
                "overview.gauge.expected",
                date=fmt_date(progress.as_of),
                value=gauge.fmt_due(gauge.expected),
            )
        st.caption(f"**{gauge.ratio_text}**  \n{detail}")


def draw_gauges(progress: Progress) -> None:
    st.subheader(t("overview.targets_heading", year=progress.year), anchor=False)
    gauges = charts.gauges(progress)
    for start in range(0, len(gauges), 3):
        for column, gauge in zip(st.columns(3), gauges[start : start + 3], strict=True):
            with column:
                draw_gauge(gauge, progress)
    # Markdown rather than a caption: a caption would fade the colour keys.
    st.markdown(f":small[{t('overview.gauge.legend', date=fmt_date(progress.as_of))}]")


def draw_monthly(progress: Progress, months: list) -> None:
    st.subheader(t("overview.monthly_heading"), anchor=False)
    year_over = progress.as_of >= dt.date(progress.year, 12, 31)
    target = progress.targets.get("net_growth")
    projected = progress.projection.get("net_growth")
    kpis = st.columns(4)
    kpis[0].metric(
        t("overview.admissions"),
        fmt_int(progress.admissions),
        border=True,
        height="stretch",
        help=t(
            "overview.transfers_help",
            transfers_in=fmt_int(progress.transfers_in),
            transfers_out=fmt_int(progress.transfers_out),
        ),
    )
    kpis[1].metric(
        t("overview.departures"), fmt_int(progress.departures), border=True, height="stretch"
    )
    projection_gap = None
    if projected is not None and target is not None:
        projection_gap = gap_delta(projected - target)
    kpis[2].metric(
        t("overview.projection_final" if year_over else "overview.projection"),
        fmt_int(projected),
        delta=projection_gap,
        delta_color=DELTA_COLOURS[pace.status(projected, target)],
        delta_description=t("overview.gauge.vs_target") if projection_gap is not None else None,
        help=t(
            "overview.projection_final_explained" if year_over else "overview.projection_explained"
        ),
        border=True,
        height="stretch",
    )
    kpis[3].metric(
        t("overview.prospects"),
        fmt_int(progress.prospects),
        help=t("overview.prospects_help"),
        border=True,
        height="stretch",
    )
    st.caption(
        t("overview.projection_final_explained" if year_over else "overview.projection_explained")
    )
    if not months:
        st.info(t("overview.no_months"))
        return
    left, right = st.columns([3, 2])
    with left:
        st.caption(t("overview.cumulative_caption"))
        spec = data.chart_spec(
            "cumulative_chart",
            months,
            year=progress.year,
            as_of=progress.as_of,
            target=target,
            projection=projected,
        )
        st.vega_lite_chart(spec=spec, width="stretch")
    with right:
        st.caption(t("overview.movements_caption"))
        st.vega_lite_chart(spec=data.chart_spec("movements_chart", months), width="stretch")


def breakdown_table(rows: list[UnitRow]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("overview.col.unit"): [row.name for row in rows],
            t("overview.col.net"): [fmt_int(row.net) for row in rows],
            t("overview.col.target"): [fmt_target(row.net_target) for row in rows],
            t("overview.col.share"): [fmt_pct(row.share_of_target) for row in rows],
            t("overview.col.admitted"): [fmt_int(row.admitted) for row in rows],
            t("overview.col.departures"): [fmt_int(row.departures) for row in rows],
            t("overview.col.new_unions"): [fmt_int(row.new_unions) for row in rows],
        }
    )


def numbers_right(table: pd.DataFrame) -> dict:
    """Pre-formatted Vietnamese numbers are text; align them like numbers."""
    return {
        name: st.column_config.TextColumn(name, alignment="right") for name in table.columns[1:]
    }


def draw_breakdowns(year: int, unit_id: int | None, as_of: dt.date, version: int) -> None:
    st.subheader(t("overview.breakdown_heading"), anchor=False)
    st.caption(t("overview.breakdown_caption", date=fmt_date(as_of)))
    url = data.database_url()
    parts = [
        (t("overview.by_commune"), data.breakdown(url, year, unit_id, as_of, version, "commune")),
        (t("overview.by_cluster"), data.breakdown(url, year, unit_id, as_of, version, "cluster")),
    ]
    for column, (title, rows) in zip(st.columns(2, gap="large"), parts, strict=True):
        with column:
            st.markdown(f"**{title}**")
            if rows:
                spec = data.chart_spec("breakdown_chart", [charts.UnitBar.of(row) for row in rows])
                st.vega_lite_chart(spec=spec, width="stretch")
            else:
                st.caption(t("overview.breakdown_empty"))
    # The tables are wider than half a laptop screen: full width, one tab each.
    for tab, (_title, rows) in zip(st.tabs([title for title, _ in parts]), parts, strict=True):
        with tab:
            if rows:
                table = breakdown_table(rows)
                st.dataframe(
                    table, hide_index=True, width="stretch", column_config=numbers_right(table)
                )
            else:
                st.caption(t("overview.breakdown_empty"))


def draw_prospects(progress: Progress, unit_id: int | None, version: int) -> None:
    st.subheader(t("overview.prospects_heading"), anchor=False)
    rows = data.top_prospects(
        data.database_url(), progress.year, unit_id, progress.as_of, version, PROSPECTS_SHOWN
    )
    if not rows:
        st.success(t("overview.prospects_none"))
        return
    st.caption(
        t("overview.prospects_top", shown=fmt_int(len(rows)), total=fmt_int(progress.prospects))
    )
    table = pd.DataFrame(
        {
            t("overview.col.enterprise"): [row.name for row in rows],
            t("overview.col.commune"): [row.commune for row in rows],
            t("overview.col.workers"): [fmt_int(row.workers) for row in rows],
            t("overview.col.ownership"): [row.ownership for row in rows],
            t("overview.col.stage"): [row.stage for row in rows],
            t("overview.col.officer"): [row.officer for row in rows],
        }
    )
    workers = t("overview.col.workers")
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={workers: st.column_config.TextColumn(workers, alignment="right")},
    )


def main() -> None:
    version = data.data_version()
    picked = pick_filters(version)
    if picked is None:
        return
    year, unit_id, as_of = picked
    url = data.database_url()
    progress = data.progress(url, year, unit_id, as_of, version)
    months = data.monthly(url, year, unit_id, as_of, version)
    draw_gauges(progress)
    duties_widgets.draw_duty_gauges(year, unit_id, as_of)
    draw_monthly(progress, months)
    draw_breakdowns(year, unit_id, as_of, version)
    draw_prospects(progress, unit_id, version)


with actions.attempt():
    main()
