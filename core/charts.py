"""Altair charts of the progress figures, shared by the overview, the briefing display and the reports.

Nothing here imports streamlit: a chart is a plain Altair object that a page draws with
`st.altair_chart` and a report renders to PNG with vl-convert (`to_png`). Numbers inside charts use
the Vietnamese locale (`2.500`), set once in the Vega config by `localised`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

import altair as alt
import pandas as pd

from core import pace
from core.formatting import (
    expected_decimals,
    fmt_date,
    fmt_expected,
    fmt_int,
    fmt_pct,
    fmt_target,
)
from core.metrics import MonthRow, Progress, UnitRow
from core.models import TargetKey
from core.plans import DUTY_TARGETS, PERCENT_TARGETS
from core.strings import t

# The six headline targets, in the order the plan lists them.
GAUGE_KEYS: tuple[TargetKey, ...] = (
    TargetKey.net_growth,
    TargetKey.workers_month_net_growth,
    TargetKey.new_unions,
    TargetKey.workers_month_new_unions,
    TargetKey.non_state_coverage_pct,
    TargetKey.enterprises_20plus_with_union_pct,
)

STATUS_COLOURS = {
    "ahead": "#1E8E3E",
    "near": "#E8A317",
    "behind": "#C62828",
    "none": "#4A6FA5",
}
TRACK_COLOUR = "#E3E7ED"
MARK_COLOUR = "#1B2430"
ACTUAL_COLOUR = "#1F3A93"
PACE_COLOUR = "#8A94A6"
ADMITTED_COLOUR = "#2B6CB0"
DEPARTURES_COLOUR = "#E07B39"

VI_LOCALE = {
    "number": {
        "decimal": ",",
        "thousands": ".",
        "grouping": [3],
        "currency": ["", " ₫"],
        "minus": "-",
    },
    "time": {
        "dateTime": "%A, %d/%m/%Y, %X",
        "date": "%d/%m/%Y",
        "time": "%H:%M:%S",
        "periods": ["SA", "CH"],
        "days": ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
        "shortDays": ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
        "months": [f"Tháng {m}" for m in range(1, 13)],
        "shortMonths": [f"Th{m}" for m in range(1, 13)],
    },
}
INT_FORMAT = ",.0f"  # 2.500 with VI_LOCALE


# ---------------------------------------------------------------- what a gauge reads


@dataclass(frozen=True)
class Gauge:
    """One headline target: what was reached, the target and what an even pace needs by the date."""

    key: str
    actual: float | None
    target: float | None
    expected: float | None

    @property
    def is_percent(self) -> bool:
        return self.key in PERCENT_TARGETS

    @property
    def status(self) -> str:
        return pace.status(self.actual, self.expected)

    @property
    def share_of_target(self) -> float | None:
        """Actual as a percentage of the target (94,4 for 2.360 of 2.500)."""
        return pace.share_of_target(self.actual, self.target)

    @property
    def gap_to_pace(self) -> float | None:
        if self.actual is None or self.expected is None:
            return None
        return self.actual - self.expected

    @property
    def decimals(self) -> int:
        """Decimals for the due figure and the gap (see `expected_decimals`)."""
        return expected_decimals(self.expected, self.target, percent=self.is_percent)

    def fmt(self, value: float | None) -> str:
        return fmt_target(value, percent=self.is_percent)

    def fmt_due(self, value: float | None) -> str:
        """A figure an even pace gives, which need not be whole: 1.240, 3,5 or 95,0 %."""
        return fmt_expected(value, self.target, percent=self.is_percent)

    @property
    def ratio_text(self) -> str:
        """'2.360 / 2.500 (94,4 %)', or '80,5 % / 95,0 %' for a percentage target."""
        if self.target is None:
            return self.fmt(self.actual)
        if self.is_percent or self.share_of_target is None:
            return t(
                "overview.gauge.ratio_no_share",
                actual=self.fmt(self.actual),
                target=self.fmt(self.target),
            )
        return t(
            "overview.gauge.ratio",
            actual=self.fmt(self.actual),
            target=self.fmt(self.target),
            share=fmt_pct(self.share_of_target),
        )


def gauges(progress: Progress) -> list[Gauge]:
    return [
        Gauge(
            key=key.value,
            actual=getattr(progress, key.value),
            target=progress.targets.get(key.value),
            expected=progress.expected_by_today.get(key.value),
        )
        for key in GAUGE_KEYS
    ]


def duty_gauges(targets: dict) -> list[Gauge]:
    """A gauge per duty target, from `duties.other_targets` (actual, target, pace by the date)."""
    return [
        Gauge(
            key=key.value,
            actual=targets[key.value]["actual"],
            target=targets[key.value]["target"],
            expected=targets[key.value]["expected_by_today"],
        )
        for key in DUTY_TARGETS
    ]


# ---------------------------------------------------------------- charts


ChartT = TypeVar("ChartT", bound=alt.TopLevelMixin)


def localised(chart: ChartT) -> ChartT:
    """Vietnamese number and date formats inside the chart (axes, tooltips, `format` texts)."""
    return chart.configure(locale=VI_LOCALE).configure_view(stroke=None)


def bullet_chart(gauge: Gauge, *, height: int = 44) -> alt.LayerChart:
    """A bullet: the grey track up to the target, the coloured bar of the actual figure, and a black
    mark where an even pace would be by now."""
    values = [v for v in (gauge.actual, gauge.target, gauge.expected) if v is not None]
    if gauge.is_percent:
        low, high = 0.0, 100.0
    else:
        low = min([0.0, *values]) * 1.08
        high = max([0.0, *values]) * 1.08 or 1.0
    row = {
        "zero": 0,
        "actual": gauge.actual,
        "target": gauge.target,
        "expected": gauge.expected,
        "actual_text": gauge.fmt(gauge.actual),
        "target_text": gauge.fmt(gauge.target),
        "expected_text": gauge.fmt_due(gauge.expected),
        "status_text": t(f"overview.gauge.status.{gauge.status}"),
    }
    data = pd.DataFrame([row])
    tooltip = [
        alt.Tooltip("actual_text:N", title=t("overview.chart.actual")),
        alt.Tooltip("target_text:N", title=t("overview.chart.target")),
        alt.Tooltip("expected_text:N", title=t("overview.chart.expected")),
        alt.Tooltip("status_text:N", title=t("overview.chart.status")),
    ]
    scale = alt.Scale(domain=[low, high], nice=False, zero=True)
    axis = alt.Axis(
        title=None,
        format=INT_FORMAT,
        tickCount=5,
        tickMinStep=alt.Undefined if gauge.is_percent else 1,
        grid=False,
        labelFontSize=11,
        labelColor="#5B6577",
        domain=False,
        ticks=False,
        labelExpr="datum.label + ' %'" if gauge.is_percent else alt.Undefined,
    )
    base = alt.Chart(data)
    track_end = "target:Q" if gauge.target is not None else "zero:Q"
    layers = [
        base.mark_bar(color=TRACK_COLOUR, size=22, cornerRadius=3).encode(
            x=alt.X(track_end, scale=scale, axis=axis), tooltip=tooltip
        ),
        base.mark_bar(color=STATUS_COLOURS[gauge.status], size=12, cornerRadius=2).encode(
            x=alt.X("actual:Q", scale=scale, axis=axis), tooltip=tooltip
        ),
    ]
    if gauge.expected is not None:
        layers.append(
            base.mark_tick(color=MARK_COLOUR, thickness=3, size=30).encode(
                x=alt.X("expected:Q", scale=scale, axis=axis), tooltip=tooltip
            )
        )
    return alt.layer(*layers).properties(height=height, width="container")


def month_label(month: int) -> str:
    return t("overview.chart.month_label", month=month)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def cumulative_chart(
    months: Sequence[MonthRow],
    *,
    year: int,
    as_of: dt.date,
    target: float | None,
    projection: float | None,
    height: int = 320,
) -> alt.LayerChart:
    """Cumulative net growth at each month's end against the even pace from 0 (1/1) to the target
    (31/12), and the projection from the last figure to 31/12, dashed."""
    year_end = dt.date(year, 12, 31)
    # The legend carries the end values, so no label inside the plot can overlap a line.
    actual_name = t("overview.chart.cumulative_net")
    if months:
        actual_name += f": {fmt_int(months[-1].cumulative_net)}"
    pace_name = t("overview.chart.pace_line")
    if target is not None:
        pace_name += f": {fmt_int(target)}"
    projection_name = t("overview.chart.projection_line")
    if projection is not None:
        projection_name += f": {fmt_int(projection)}"
    rows: list[dict] = []

    def add(series: str, month: int, day: dt.date, value: float) -> None:
        rows.append(
            {
                "series": series,
                "month": month_label(month),
                "day": fmt_date(day),
                "value": value,
                "value_text": fmt_int(value),
            }
        )

    for row in months:
        add(actual_name, row.month, min(month_end(year, row.month), as_of), row.cumulative_net)
    if target is not None:
        for month in range(1, 13):
            day = month_end(year, month)
            add(pace_name, month, day, pace.expected_in_year(target, year, day) or 0.0)
    if months and projection is not None and as_of < year_end:
        last = months[-1]
        days_left = (year_end - as_of).days
        add(projection_name, last.month, as_of, last.cumulative_net)
        for month in range(last.month + 1, 13):
            day = month_end(year, month)
            share = (day - as_of).days / days_left
            add(
                projection_name,
                month,
                day,
                round(last.cumulative_net + share * (projection - last.cumulative_net), 1),
            )

    data = pd.DataFrame(rows, columns=["series", "month", "day", "value", "value_text"])
    labels = [month_label(m) for m in range(1, 13)]
    styles = {  # series -> (colour, dash)
        actual_name: (ACTUAL_COLOUR, [1, 0]),
        pace_name: (PACE_COLOUR, [7, 5]),
        projection_name: (ACTUAL_COLOUR, [2, 4]),
    }
    present = set(data["series"])
    series = [name for name in styles if name in present]
    x = alt.X(
        "month:O",
        title=None,
        scale=alt.Scale(domain=labels),
        axis=alt.Axis(labelAngle=0, labelFontSize=12),
    )
    y = alt.Y(
        "value:Q",
        title=t("overview.chart.members"),
        axis=alt.Axis(format=INT_FORMAT, labelFontSize=12, titleFontSize=12),
    )
    # Top left of the plot stays empty: both lines start at 0 in January.
    legend = alt.Legend(
        orient="top-left",
        direction="vertical",
        fillColor="#FFFFFFDD",
        padding=6,
        labelFontSize=12,
        symbolType="stroke",
        symbolStrokeWidth=3,
        symbolSize=400,
        labelLimit=260,
    )
    colour = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=series, range=[styles[name][0] for name in series]),
        legend=legend,
    )
    dash = alt.StrokeDash(
        "series:N",
        title=None,
        scale=alt.Scale(domain=series, range=[styles[name][1] for name in series]),
        legend=legend,
    )
    tooltip = [
        alt.Tooltip("series:N", title=t("overview.chart.series")),
        alt.Tooltip("day:N", title=t("overview.chart.until")),
        alt.Tooltip("value_text:N", title=t("overview.chart.value")),
    ]
    base = alt.Chart(data).encode(x=x, y=y, color=colour, tooltip=tooltip)
    lines = base.mark_line(strokeWidth=3).encode(strokeDash=dash)
    points = base.transform_filter(alt.datum.series == actual_name).mark_point(filled=True, size=60)
    layers = [lines, points]
    return alt.layer(*layers).properties(height=height, width="container")


def movements_chart(months: Sequence[MonthRow], *, height: int = 320) -> alt.Chart:
    """Admissions and departures of each month, side by side."""
    admitted = t("overview.chart.admitted")
    departures = t("overview.chart.departures")
    rows = []
    for row in months:
        for name, value in ((admitted, row.admitted), (departures, row.departures)):
            rows.append(
                {
                    "month": month_label(row.month),
                    "movement": name,
                    "value": value,
                    "value_text": fmt_int(value),
                }
            )
    data = pd.DataFrame(rows, columns=["month", "movement", "value", "value_text"])
    labels = [month_label(m) for m in range(1, 13)]
    return (
        alt.Chart(data)
        .mark_bar(cornerRadiusTopLeft=2, cornerRadiusTopRight=2)
        .encode(
            x=alt.X(
                "month:O",
                title=None,
                scale=alt.Scale(domain=labels),
                axis=alt.Axis(labelAngle=0, labelFontSize=12),
            ),
            xOffset=alt.XOffset("movement:N", sort=[admitted, departures]),
            y=alt.Y(
                "value:Q",
                title=t("overview.chart.members"),
                axis=alt.Axis(format=INT_FORMAT, labelFontSize=12, titleFontSize=12),
            ),
            color=alt.Color(
                "movement:N",
                title=None,
                scale=alt.Scale(
                    domain=[admitted, departures], range=[ADMITTED_COLOUR, DEPARTURES_COLOUR]
                ),
                legend=alt.Legend(orient="top", labelFontSize=12),
            ),
            tooltip=[
                alt.Tooltip("month:N", title=t("overview.chart.month")),
                alt.Tooltip("movement:N", title=t("overview.chart.movement")),
                alt.Tooltip("value_text:N", title=t("overview.chart.value")),
            ],
        )
        .properties(height=height, width="container")
    )


@dataclass(frozen=True)
class UnitBar:
    """One unit's net growth against its allocated target (None when none was allocated)."""

    name: str
    net: int
    target: float | None
    expected: float | None

    @classmethod
    def of(cls, row: UnitRow) -> UnitBar:
        return cls(name=row.name, net=row.net, target=row.net_target, expected=row.net_expected)

    @property
    def status(self) -> str:
        return pace.status(self.net, self.expected)

    @property
    def label(self) -> str:
        if self.target is None:
            return fmt_int(self.net)
        return f"{fmt_int(self.net)} / {fmt_target(self.target)}"


def breakdown_chart(bars: Sequence[UnitBar], *, row_height: int = 34) -> alt.LayerChart:
    """Net growth per unit, largest first, coloured by pace where the unit has a target."""
    rows = [
        {
            "name": bar.name,
            "net": bar.net,
            "expected": bar.expected,
            "label": bar.label,
            "label_at": max(bar.net, bar.expected or 0, 0),
            "status": bar.status,
            "status_text": t(f"overview.gauge.status.{bar.status}"),
            "net_text": fmt_int(bar.net),
            "target_text": fmt_target(bar.target),
            "expected_text": fmt_expected(bar.expected, bar.target),
        }
        for bar in bars
    ]
    data = pd.DataFrame(
        rows,
        columns=[
            "name",
            "net",
            "expected",
            "label",
            "label_at",
            "status",
            "status_text",
            "net_text",
            "target_text",
            "expected_text",
        ],
    )
    order = [bar.name for bar in bars]
    values = [0.0] + [float(v) for bar in bars for v in (bar.net, bar.expected) if v is not None]
    # Room on the right for the "2.360 / 2.500" labels.
    high = max(values) * 1.3 or 1.0
    low = min(values) * 1.1
    y = alt.Y(
        "name:N",
        sort=order,
        title=None,
        axis=alt.Axis(labelFontSize=12, labelLimit=220, ticks=False, domain=False),
    )
    x = alt.X(
        "net:Q",
        title=None,
        scale=alt.Scale(domain=[low, high], nice=False),
        axis=alt.Axis(format=INT_FORMAT, labelFontSize=11, tickCount=5),
    )
    tooltip = [
        alt.Tooltip("name:N", title=t("overview.chart.unit")),
        alt.Tooltip("net_text:N", title=t("overview.chart.net")),
        alt.Tooltip("target_text:N", title=t("overview.chart.target")),
        alt.Tooltip("expected_text:N", title=t("overview.chart.expected")),
        alt.Tooltip("status_text:N", title=t("overview.chart.status")),
    ]
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    bars_layer = base.mark_bar(size=20, cornerRadius=2).encode(
        x=x,
        color=alt.Color(
            "status:N",
            scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
            legend=None,
        ),
    )
    marks = base.mark_tick(color=MARK_COLOUR, thickness=3, size=24).encode(
        x=alt.X("expected:Q", scale=alt.Scale(domain=[low, high], nice=False))
    )
    labels = base.mark_text(align="left", dx=6, fontSize=12, color=MARK_COLOUR).encode(
        x=alt.X("label_at:Q", scale=alt.Scale(domain=[low, high], nice=False)),
        text="label:N",
    )
    return alt.layer(bars_layer, marks, labels).properties(
        height=alt.Step(row_height), width="container"
    )


def to_png(chart: alt.TopLevelMixin, *, width: int = 900, scale: float = 2.0) -> bytes:
    """A PNG of a chart for slides and reports (vl-convert, no browser)."""
    import vl_convert as vlc

    spec = localised(chart.properties(width=width)).to_dict()
    return vlc.vegalite_to_png(spec, scale=scale)
