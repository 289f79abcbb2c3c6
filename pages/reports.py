"""Báo cáo: the quarterly or yearly report workbook, and the charts as PNG for slides."""

from __future__ import annotations

import streamlit as st

from core import reports
from core.formatting import today_local
from core.metrics import NoPlan
from core.quarters import quarter_label
from core.strings import t
from ui import actions, auth, data
from ui import briefing_data as bd

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

auth.require_role("viewer")


def period_options(years: list[int]) -> list[tuple[int, int | None]]:
    """Each begun quarter, and each year as a whole, newest first."""
    options: list[tuple[int, int | None]] = []
    quarters = bd.period_options(years)
    for year in sorted(years, reverse=True):
        options += [option for option in quarters if option[0] == year]
        options.append((year, None))
    return options


def main() -> None:
    version = data.data_version()
    url = data.database_url()
    years = data.plan_years(url, version)
    if not years:
        st.info(t("common.no_plan"))
        return
    st.title(t("reports.title"), anchor=False)
    st.caption(t("reports.caption"))
    options = period_options(years)
    year, quarter = st.selectbox(
        t("reports.period"),
        options,
        index=bd.default_period(options),
        format_func=lambda option: quarter_label(*option),
        key="reports_period",
    )
    today = today_local()
    label = quarter_label(year, quarter)
    try:
        workbook = bd.report_file(url, year, quarter, version, today)
        pngs = bd.chart_files(url, year, quarter, version, today)
    except NoPlan:
        st.info(t("common.no_plan"))
        return

    st.subheader(t("reports.workbook"), anchor=False)
    st.download_button(
        t("reports.download", period=label),
        data=workbook,
        file_name=reports.file_name(year, quarter),
        mime=XLSX,
        icon=":material/download:",
        type="primary",
        key="reports_download_xlsx",
    )
    sheets = ", ".join(t(key) for key, _columns in reports.SHEETS)
    st.caption(t("reports.sheets", sheets=sheets))

    st.subheader(t("reports.charts"), anchor=False)
    names = list(pngs)
    for start in range(0, len(names), 3):
        for column, name in zip(st.columns(3), names[start : start + 3], strict=False):
            chart = name.split(f"-{year}")[0]
            with column, st.container(border=True):
                st.markdown(f"**{t(f'reports.chart.{chart}')}**")
                st.image(pngs[name], width="stretch")
                st.download_button(
                    t("reports.download_png"),
                    data=pngs[name],
                    file_name=name,
                    mime="image/png",
                    icon=":material/image:",
                    key=f"reports_download_{chart}",
                )


with actions.attempt():
    main()
