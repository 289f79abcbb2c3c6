"""Charts of the briefing: the leader board, gauges, month by month, Workers' Month, the organising
pipeline and the quarters side by side.

Each builder takes a `Theme`: `PROJECTOR` (dark, large type, for the display at 1920×1080, scaled down
as a vector for smaller screens) or `PRINT` (white, for the ranking page and the PNGs for slides).
Charts are plain Altair objects; `to_svg` and `to_png` render them without a browser (vl-convert).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd

from core import charts, pace
from core.formatting import fmt_date, fmt_int, fmt_pct, fmt_signed, fmt_target
from core.metrics import MonthRow
from core.quarters import QUARTERS, QuarterRow, quarter_short
from core.ranking import RankRow
from core.strings import t


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    text: str
    muted: str
    grid: str
    track: str
    actual: str
    pace: str
    admitted: str
    departures: str
    status: dict[str, str]
    font: str
    axis_size: int  # axis labels
    label_size: int  # numbers written on marks
    big_size: int  # the figure in a gauge
    legend_size: int


# Fonts with every Vietnamese letter; the first one installed is used (DejaVu Sans on a bare Debian).
FONTS = "Segoe UI, Roboto, Noto Sans, DejaVu Sans, Arial, sans-serif"

PROJECTOR = Theme(
    name="projector",
    background="transparent",
    text="#F5F7FA",
    muted="#B8C2D3",
    grid="#243247",
    track="#26344A",
    actual="#5CC8FF",
    pace="#E2E8F0",
    admitted="#5CC8FF",
    departures="#FF9F5A",
    status={"ahead": "#34D399", "near": "#FBBF24", "behind": "#FB7185", "none": "#5CC8FF"},
    font=FONTS,
    axis_size=28,
    label_size=32,
    big_size=64,
    legend_size=28,
)
PRINT = Theme(
    name="print",
    background="#FFFFFF",
    text="#1B2430",
    muted="#5B6577",
    grid="#E3E7ED",
    track=charts.TRACK_COLOUR,
    actual=charts.ACTUAL_COLOUR,
    pace=charts.PACE_COLOUR,
    admitted=charts.ADMITTED_COLOUR,
    departures=charts.DEPARTURES_COLOUR,
    status=charts.STATUS_COLOURS,
    font=FONTS,
    axis_size=17,
    label_size=18,
    big_size=44,
    legend_size=17,
)


def themed(chart: charts.ChartT, theme: Theme) -> charts.ChartT:
    """Vietnamese number formats, the theme's colours and type, no frame around the plot."""
    return (
        chart.configure(
            locale=charts.VI_LOCALE, background=theme.background, font=theme.font, padding=8
        )
        .configure_view(stroke=None)
        .configure_axis(
            labelColor=theme.muted,
            titleColor=theme.muted,
            labelFontSize=theme.axis_size,
            titleFontSize=theme.axis_size,
            gridColor=theme.grid,
            domainColor=theme.grid,
            tickColor=theme.grid,
            labelFont=theme.font,
            titleFont=theme.font,
        )
        .configure_legend(
            labelColor=theme.text,
            labelFontSize=theme.legend_size,
            titleColor=theme.muted,
            labelFont=theme.font,
            symbolSize=theme.legend_size * 12,
            labelLimit=600,
        )
        .configure_title(color=theme.text, font=theme.font, fontSize=theme.axis_size + 4)
    )


def to_svg(chart: alt.TopLevelMixin, theme: Theme) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(themed(chart, theme).to_dict())


def to_png(chart: alt.TopLevelMixin, theme: Theme = PRINT, *, scale: float = 2.0) -> bytes:
    import vl_convert as vlc

    return vlc.vegalite_to_png(themed(chart, theme).to_dict(), scale=scale)


# ---------------------------------------------------------------- gauges


def gauges_chart(
    gauges: Sequence[charts.Gauge], theme: Theme, *, size: int = 300, columns: int = 3
) -> alt.ConcatChart:
    """Ring gauges: the coloured arc is the share of the target reached, the tick the even pace."""
    cells = []
    for gauge in gauges:
        share = min(max((gauge.share_of_target or 0) / 100, 0.0), 1.0)
        if gauge.is_percent and gauge.actual is not None and gauge.target is None:
            share = min(gauge.actual / 100, 1.0)
        pace_at = None
        if gauge.expected is not None and gauge.target:
            pace_at = min(max(gauge.expected / gauge.target, 0.0), 1.0)
        colour = theme.status[gauge.status]
        outer, inner = size * 0.46, size * 0.34
        rows = [
            {"part": "track", "start": 0.0, "end": 2 * math.pi, "colour": theme.track},
            {"part": "value", "start": 0.0, "end": 2 * math.pi * share, "colour": colour},
        ]
        if pace_at is not None:
            angle = 2 * math.pi * pace_at
            rows.append(
                {"part": "pace", "start": angle - 0.02, "end": angle + 0.02, "colour": theme.pace}
            )
        base = alt.Chart(pd.DataFrame(rows))
        arcs = base.mark_arc(outerRadius=outer, innerRadius=inner).encode(
            theta=alt.Theta("start:Q", scale=None),
            theta2="end:Q",
            color=alt.Color("colour:N", scale=None, legend=None),
        )
        pace_mark = (
            base.transform_filter(alt.datum.part == "pace")
            .mark_arc(outerRadius=outer + size * 0.04, innerRadius=inner - size * 0.04)
            .encode(
                theta=alt.Theta("start:Q", scale=None),
                theta2="end:Q",
                color=alt.Color("colour:N", scale=None, legend=None),
            )
        )
        texts = pd.DataFrame(
            [
                {"text": gauge.fmt(gauge.actual), "dy": -size * 0.03, "size": theme.big_size},
                {
                    "text": "/ " + gauge.fmt(gauge.target) if gauge.target is not None else "",
                    "dy": size * 0.11,
                    "size": theme.label_size,
                },
            ]
        )
        big = (
            alt.Chart(texts.iloc[[0]])
            .mark_text(
                fontWeight="bold", color=theme.text, fontSize=theme.big_size, dy=-size * 0.03
            )
            .encode(text="text:N")
        )
        small = (
            alt.Chart(texts.iloc[[1]])
            .mark_text(color=theme.muted, fontSize=theme.label_size, dy=size * 0.12)
            .encode(text="text:N")
        )
        cells.append(
            alt.layer(arcs, pace_mark, big, small).properties(
                width=size,
                height=size,
                title=alt.TitleParams(
                    t(f"overview.gauge.{gauge.key}"),
                    fontSize=theme.label_size,
                    color=theme.text,
                    limit=size * 1.6,
                ),
            )
        )
    return alt.concat(*cells, columns=columns, spacing=size * 0.25)


# ---------------------------------------------------------------- leader board


def leaderboard_chart(
    rows: Sequence[RankRow],
    theme: Theme,
    *,
    as_of: dt.date,
    width: int | str = 900,
    row_height: int = 40,
) -> alt.LayerChart:
    """Units by rank: the share of the allocated target reached (or net growth where none was
    allocated), coloured by the even pace of the year, with the pace and 100 % marked."""
    with_targets = any(row.pct_net_growth is not None for row in rows)
    pace_pct = round(100 * pace.year_share(as_of), 1)
    data = []
    for row in rows:
        if with_targets:
            value = row.pct_net_growth if row.pct_net_growth is not None else 0.0
            status = row.status
            label = f"{fmt_pct(row.pct_net_growth)}  ({fmt_int(row.net_growth)} / {fmt_target(row.target_net_growth)})"
        else:
            value = row.net_growth
            status = "none"
            label = fmt_signed(row.net_growth)
        data.append(
            {
                "name": f"{row.rank}. {row.name}",
                "value": value,
                "label": label,
                "label_at": max(value, 0),
                "status": status,
            }
        )
    frame = pd.DataFrame(data, columns=["name", "value", "label", "label_at", "status"])
    values = [0.0] + [float(d["value"]) for d in data]
    if with_targets:
        values += [100.0, pace_pct]
    high = max(values) * 1.45 or 1.0
    low = min(values) * 1.1
    scale = alt.Scale(domain=[low, high], nice=False)
    order = [d["name"] for d in data]
    y = alt.Y(
        "name:N",
        sort=order,
        title=None,
        axis=alt.Axis(
            labelColor=theme.text,
            labelLimit=width * 0.45 if isinstance(width, int) else 320,
            ticks=False,
            domain=False,
            labelPadding=theme.axis_size // 2,
        ),
    )
    base = alt.Chart(frame).encode(y=y)
    bars = base.mark_bar(size=row_height * 0.62, cornerRadiusEnd=4).encode(
        x=alt.X("value:Q", scale=scale, axis=None),
        color=alt.Color(
            "status:N",
            scale=alt.Scale(domain=list(theme.status), range=list(theme.status.values())),
            legend=None,
        ),
    )
    labels = base.mark_text(
        align="left", dx=theme.label_size // 3, fontSize=theme.label_size, color=theme.text
    ).encode(x=alt.X("label_at:Q", scale=scale, axis=None), text="label:N")
    layers = []
    if with_targets:
        rules = pd.DataFrame(
            [
                {"x": 100.0, "text": "100 %", "dash": [1, 0]},
                {"x": pace_pct, "text": t("briefing.pace_short"), "dash": [8, 6]},
            ]
        )
        for index in range(len(rules)):
            rule = rules.iloc[[index]]
            layers.append(
                alt.Chart(rule)
                .mark_rule(color=theme.pace, strokeWidth=2, strokeDash=rule["dash"].iloc[0])
                .encode(x=alt.X("x:Q", scale=scale, axis=None))
            )
    layers += [bars, labels]  # over the rules
    height = max(row_height * len(rows), row_height)
    return alt.layer(*layers).properties(width=width, height=height)


# ---------------------------------------------------------------- month by month


def cumulative_chart(
    months: Sequence[MonthRow],
    theme: Theme,
    *,
    year: int,
    as_of: dt.date,
    target: float | None,
    width: int = 1100,
    height: int = 670,
) -> alt.LayerChart:
    """Net growth of each month (bars) and the running total (line) against the even pace to the
    year's target (dashed)."""
    label = charts.month_label
    rows = [
        {
            "month": label(row.month),
            "net": row.net,
            "cumulative": row.cumulative_net,
            "net_text": fmt_signed(row.net),
            "cumulative_text": fmt_int(row.cumulative_net),
        }
        for row in months
    ]
    frame = pd.DataFrame(
        rows, columns=["month", "net", "cumulative", "net_text", "cumulative_text"]
    )
    labels = [label(m) for m in range(1, 13)]
    x = alt.X("month:O", title=None, scale=alt.Scale(domain=labels), axis=alt.Axis(labelAngle=0))
    top = max([0.0, *(r["cumulative"] for r in rows), *(r["net"] for r in rows), target or 0.0])
    y_scale = alt.Scale(domain=[min([0, *(r["net"] for r in rows)]) * 1.1, top * 1.12 or 1.0])
    y = alt.Y("cumulative:Q", title=None, scale=y_scale, axis=alt.Axis(format=",.0f", tickCount=5))
    base = alt.Chart(frame)
    bars = base.mark_bar(color=theme.admitted, opacity=0.45, size=width / 12 * 0.5).encode(
        x=x, y=alt.Y("net:Q", scale=y_scale, title=None, axis=alt.Axis(format=",.0f", tickCount=5))
    )
    line = base.mark_line(color=theme.actual, strokeWidth=6).encode(x=x, y=y)
    points = base.mark_point(filled=True, size=260, color=theme.actual, opacity=1).encode(x=x, y=y)
    layers = [bars, line, points]
    if rows:
        # The latest running total, written under its point (the target's label sits above).
        layers.append(
            alt.Chart(frame.tail(1))
            .mark_text(
                align="center",
                dy=theme.label_size * 1.3,
                fontSize=theme.label_size + 6,
                fontWeight="bold",
                color=theme.text,
            )
            .encode(x=x, y=y, text="cumulative_text:N")
        )
    if target is not None:
        even = pd.DataFrame(
            [
                {
                    "month": label(m),
                    "pace": pace.expected_in_year(target, year, charts.month_end(year, m)),
                }
                for m in range(1, 13)
            ]
        )
        pace_line = (
            alt.Chart(even)
            .mark_line(color=theme.pace, strokeWidth=3, strokeDash=[12, 8])
            .encode(x=x, y=alt.Y("pace:Q", scale=y_scale))
        )
        pace_text = (
            alt.Chart(even.tail(1).assign(text=t("briefing.target_text", value=fmt_int(target))))
            .mark_text(
                align="right",
                dx=-10,
                dy=-theme.label_size * 0.8,
                fontSize=theme.label_size,
                color=theme.pace,
            )
            .encode(x=x, y=alt.Y("pace:Q", scale=y_scale), text="text:N")
        )
        layers += [pace_line, pace_text]
    return alt.layer(*layers).properties(width=width, height=height)


def workers_month_chart(
    days: Sequence,
    theme: Theme,
    *,
    start: dt.date,
    end: dt.date,
    target: float | None,
    width: int = 1000,
    height: int = 450,
) -> alt.LayerChart:
    """Running net growth day by day through Workers' Month against the straight line to its target."""
    rows = [
        {"day": fmt_date(d.day)[:5], "cumulative": d.cumulative_net, "net": d.net} for d in days
    ]
    frame = pd.DataFrame(rows, columns=["day", "cumulative", "net"])
    all_days = [fmt_date(start + dt.timedelta(days=n))[:5] for n in range((end - start).days + 1)]
    x = alt.X(
        "day:O",
        title=None,
        scale=alt.Scale(domain=all_days),
        axis=alt.Axis(labelAngle=0, values=all_days[::5]),
    )
    top = max([0.0, *(r["cumulative"] for r in rows), target or 0.0]) * 1.12 or 1.0
    y_scale = alt.Scale(domain=[min([0, *(r["cumulative"] for r in rows)]), top])
    y = alt.Y("cumulative:Q", title=None, scale=y_scale, axis=alt.Axis(format=",.0f", tickCount=5))
    area = (
        alt.Chart(frame)
        .mark_area(color=theme.actual, opacity=0.35, line={"color": theme.actual, "strokeWidth": 5})
        .encode(x=x, y=y)
    )
    layers = [area]
    if target is not None:
        even = pd.DataFrame(
            [
                {
                    "day": label,
                    "pace": pace.expected_on(target, start, end, start + dt.timedelta(days=n)),
                }
                for n, label in enumerate(all_days)
            ]
        )
        layers.append(
            alt.Chart(even)
            .mark_line(color=theme.pace, strokeWidth=3, strokeDash=[12, 8])
            .encode(x=x, y=alt.Y("pace:Q", scale=y_scale))
        )
    return alt.layer(*layers).properties(width=width, height=height)


# ---------------------------------------------------------------- organising pipeline


def pipeline_chart(
    counts: dict[str | None, int], theme: Theme, *, width: int = 820, row_height: int = 64
) -> alt.LayerChart:
    """Prospects in each organising stage, first stage on top."""
    rows = [
        {
            "stage": t(f"stage.{stage}") if stage else t("organising.stage.none"),
            "count": count,
            "text": fmt_int(count),
        }
        for stage, count in counts.items()
    ]
    frame = pd.DataFrame(rows, columns=["stage", "count", "text"])
    high = max([1, *(r["count"] for r in rows)]) * 1.25
    scale = alt.Scale(domain=[0, high], nice=False)
    y = alt.Y(
        "stage:N",
        sort=[r["stage"] for r in rows],
        title=None,
        axis=alt.Axis(labelColor=theme.text, ticks=False, domain=False, labelLimit=width * 0.5),
    )
    base = alt.Chart(frame).encode(y=y)
    bars = base.mark_bar(size=row_height * 0.6, cornerRadiusEnd=4, color=theme.actual).encode(
        x=alt.X("count:Q", scale=scale, axis=None)
    )
    labels = base.mark_text(
        align="left", dx=10, fontSize=theme.label_size, fontWeight="bold", color=theme.text
    ).encode(x=alt.X("count:Q", scale=scale, axis=None), text="text:N")
    return alt.layer(bars, labels).properties(width=width, height=row_height * len(rows))


# ---------------------------------------------------------------- quarters


def quarters_chart(
    rows: Sequence[QuarterRow],
    theme: Theme,
    *,
    highlight: int | None = None,
    width: int = 1000,
    height: int = 660,
) -> alt.Chart:
    """Admissions, departures and net growth of each quarter side by side."""
    admitted = t("briefing.series.admitted")
    departures = t("briefing.series.departures")
    net = t("briefing.series.net")
    series = [admitted, departures, net]
    data = []
    for row in rows:
        quarter = quarter_short(row.quarter)
        for name, value in (
            (admitted, row.admissions),
            (departures, row.departures),
            (net, row.net_growth),
        ):
            data.append(
                {
                    "quarter": quarter,
                    "series": name,
                    "value": value,
                    "text": fmt_int(value),
                    "opacity": 1.0 if highlight in (None, row.quarter) else 0.45,
                }
            )
    frame = pd.DataFrame(data, columns=["quarter", "series", "value", "text", "opacity"])
    quarters = [quarter_short(q) for q in QUARTERS]
    x = alt.X(
        "quarter:O", title=None, scale=alt.Scale(domain=quarters), axis=alt.Axis(labelAngle=0)
    )
    colour = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(
            domain=series, range=[theme.admitted, theme.departures, theme.status["ahead"]]
        ),
        legend=alt.Legend(orient="top", direction="horizontal"),
    )
    top = max([1, *(d["value"] for d in data)]) * 1.18
    y = alt.Y(
        "value:Q",
        title=None,
        scale=alt.Scale(domain=[min([0, *(d["value"] for d in data)]), top]),
        axis=alt.Axis(format=",.0f", tickCount=5),
    )
    base = alt.Chart(frame).encode(x=x, xOffset=alt.XOffset("series:N", sort=series), y=y)
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        color=colour, opacity=alt.Opacity("opacity:Q", scale=None, legend=None)
    )
    labels = base.mark_text(
        dy=-theme.label_size * 0.7, fontSize=theme.label_size * 0.85, color=theme.text
    ).encode(text="text:N", opacity=alt.Opacity("opacity:Q", scale=None, legend=None))
    return alt.layer(bars, labels).properties(width=width, height=height)
