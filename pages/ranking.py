"""Thi đua: communes, clusters and unions against their allocated targets, sortable, with a leader
board."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import briefing_charts as bc
from core.formatting import fmt_date, fmt_int, fmt_number, fmt_pct
from core.quarters import quarter_label
from core.ranking import Level, Ranking, RankRow
from core.strings import t
from ui import actions, auth, data
from ui import briefing_data as bd

LEADERS_SHOWN = 15

auth.require_role("viewer")


def change_text(row: RankRow) -> str:
    if row.rank_change > 0:
        return t("ranking.up", n=row.rank_change)
    if row.rank_change < 0:
        return t("ranking.down", n=-row.rank_change)
    return t("ranking.same")


def kind_text(kind: str) -> str:
    return t(f"unit_kind.{kind}")


def table_of(result: Ranking) -> pd.io.formats.style.Styler:
    """Numbers stay numbers (so the columns sort as numbers), shown the Vietnamese way."""
    rows = result.rows
    with_targets = result.level != Level.union
    columns: dict[str, list] = {
        t("ranking.col.rank"): [row.rank for row in rows],
        t("ranking.col.change"): [change_text(row) for row in rows],
        t("ranking.col.name"): [row.name for row in rows],
        t("ranking.col.kind"): [kind_text(row.kind) for row in rows],
        t("ranking.col.net"): [row.net_growth for row in rows],
    }
    if with_targets:
        columns[t("ranking.col.target")] = [row.target_net_growth for row in rows]
        columns[t("ranking.col.pct")] = [row.pct_net_growth for row in rows]
        columns[t("ranking.col.pct_change")] = [row.pct_change for row in rows]
    columns[t("ranking.col.quarter_net")] = [row.quarter_net_growth for row in rows]
    columns[t("ranking.col.admissions")] = [row.admissions for row in rows]
    columns[t("ranking.col.departures")] = [row.departures for row in rows]
    columns[t("ranking.col.new_unions")] = [row.new_unions for row in rows]
    if with_targets:
        columns[t("ranking.col.new_unions_target")] = [row.target_new_unions for row in rows]
    columns[t("ranking.col.members")] = [row.members for row in rows]
    frame = pd.DataFrame(columns)
    percent_columns = {t("ranking.col.pct")}
    point_columns = {t("ranking.col.pct_change")}
    text_columns = {
        t("ranking.col.change"),
        t("ranking.col.name"),
        t("ranking.col.kind"),
        t("ranking.col.rank"),
    }
    formats = {}
    for name in frame.columns:
        if name in percent_columns:
            formats[name] = fmt_pct
        elif name in point_columns:
            formats[name] = lambda v: "–" if v is None or pd.isna(v) else fmt_number(v)
        elif name not in text_columns:
            formats[name] = lambda v: "–" if v is None or pd.isna(v) else fmt_int(v)
    return frame.style.format(formats, na_rep="–")  # pyright: ignore[reportReturnType]  # pandas types .format() as its base class


def main() -> None:
    version = data.data_version()
    url = data.database_url()
    years = data.plan_years(url, version)
    if not years:
        st.info(t("common.no_plan"))
        return
    options = bd.period_options(years)
    if not options:
        st.info(t("common.no_plan"))
        return
    title_column, period_column, level_column = st.columns(
        [4.2, 1.3, 2.6], vertical_alignment="bottom"
    )
    with period_column:
        year, quarter = st.selectbox(
            t("ranking.period"),
            options,
            index=bd.default_period(options),
            format_func=lambda option: quarter_label(*option),
            key="ranking_period",
        )
    with level_column:
        level = (
            st.segmented_control(
                t("ranking.level"),
                [level.value for level in Level],
                default=Level.commune.value,
                format_func=lambda value: t(f"ranking.level.{value}"),
                key="ranking_level",
            )
            or Level.commune.value
        )
    as_of = bd.period_as_of(year, quarter)
    with title_column:
        st.title(t("ranking.title"), anchor=False)
    result = bd.ranking_of(url, year, level, as_of, version)
    st.caption(
        t("common.as_of", date=fmt_date(result.as_of))
        + " · "
        + t("ranking.caption", date=fmt_date(result.previous_end))
    )
    if not result.rows:
        st.info(t("ranking.empty"))
        return
    st.subheader(t("ranking.leaders"), anchor=False)
    chart = bc.leaderboard_chart(
        result.rows[:LEADERS_SHOWN], bc.PRINT, as_of=result.as_of, width="container", row_height=30
    )
    st.altair_chart(bc.themed(chart, bc.PRINT), width="stretch")
    st.caption(t("ranking.chart_caption"))
    st.dataframe(table_of(result), hide_index=True, width="stretch")


with actions.attempt():
    main()
