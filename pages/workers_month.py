"""Tháng Công nhân: the Workers' Month campaign day by day — admissions, net growth and new unions
against the month's targets, and the units that contributed most."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import charts
from core.formatting import fmt_date, fmt_int
from core.strings import t
from core.workers_month import Campaign
from ui import actions, auth, data
from ui import duties_widgets as dw

auth.require_role("viewer")


def day_table(result: Campaign) -> pd.DataFrame:
    days = list(reversed(result.days))  # the latest day first
    return pd.DataFrame(
        {
            t("wm.day"): [fmt_date(d.day) for d in days],
            t("wm.admitted"): [fmt_int(d.admitted) for d in days],
            t("wm.departures"): [fmt_int(d.departures) for d in days],
            t("wm.net"): [fmt_int(d.net) for d in days],
            t("wm.cumulative_net"): [fmt_int(d.cumulative_net) for d in days],
            t("wm.new_unions"): [fmt_int(d.new_unions) for d in days],
            t("wm.cumulative_unions"): [fmt_int(d.cumulative_new_unions) for d in days],
        }
    )


def right_aligned(table: pd.DataFrame) -> dict:
    return {
        name: st.column_config.TextColumn(name, alignment="right") for name in table.columns[1:]
    }


def main() -> None:
    version = data.data_version()
    url = data.database_url()
    years = data.plan_years(url, version)
    if not years:
        st.info(t("common.no_plan"))
        return
    title_column, year_column, unit_column = st.columns([3, 1, 2.4], vertical_alignment="bottom")
    with year_column:
        year = st.selectbox(
            t("common.year"),
            years,
            index=years.index(data.default_year(years)),
            key="workers_month_year",
        )
    as_of = data.default_as_of(year)
    options = data.unit_options(url, as_of, version)
    units = {option.id: option.label for option in options}
    with unit_column:
        unit_id = st.selectbox(
            t("common.unit"), list(units), format_func=units.__getitem__, key="workers_month_unit"
        )
    result = dw.campaign(url, year, unit_id, as_of, version)
    with title_column:
        st.title(t("wm.heading", year=year), anchor=False)
    window = t("wm.window", start=fmt_date(result.start), end=fmt_date(result.end))
    if not result.started:
        st.caption(window)
        st.info(t("wm.not_started", year=year, start=fmt_date(result.start)))
        return
    total_days = (result.end - result.start).days + 1
    progress = (
        t("wm.over")
        if result.over
        else t("wm.day_n", n=(result.as_of - result.start).days + 1, total=total_days)
    )
    st.caption(f"{window} · {progress} · {t('common.as_of', date=fmt_date(result.as_of))}")
    dw.draw_campaign_figures(result)
    st.subheader(t("wm.by_day"), anchor=False)
    st.altair_chart(charts.localised(dw.campaign_chart(result)), width="stretch")
    left, right = st.columns([3, 2], gap="large")
    with left:
        table = day_table(result)
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config=right_aligned(table),
        )
    with right:
        st.markdown(f"**{t('wm.top_units')}**")
        if result.top_units:
            table = dw.top_units_table(result)
            st.dataframe(
                table,
                hide_index=True,
                width="stretch",
                column_config=right_aligned(table),
            )
        else:
            st.caption(t("wm.no_days"))


with actions.attempt():
    main()
