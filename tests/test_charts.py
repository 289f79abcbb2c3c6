"""core/charts.py: how a gauge reads against the even pace, and charts that speak Vietnamese numbers
once rendered (vl-convert, as the reports render them)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import vl_convert as vlc

from core import charts, pace
from core.metrics import MonthRow
from core.strings import t

D = dt.date


@pytest.mark.parametrize(
    ("actual", "expected", "status"),
    [
        (2500, 2500.0, "ahead"),
        (2600, 2500.0, "ahead"),
        (2250, 2500.0, "near"),  # exactly 90 %
        (2249, 2500.0, "behind"),
        (0, 0.0, "ahead"),
        (-3, 0.0, "behind"),
        (10, None, "none"),
    ],
)
def test_pace_status(actual, expected, status):
    assert pace.status(actual, expected) == status


def test_a_count_gauge_reads_actual_over_target_with_its_share():
    gauge = charts.Gauge(key="net_growth", actual=2360, target=2500.0, expected=2500.0)

    assert gauge.ratio_text == "2.360 / 2.500 (94,4 %)"
    assert gauge.status == "near"
    assert gauge.gap_to_pace == -140
    assert gauge.fmt_due(gauge.expected) == "2.500"


def test_a_percentage_gauge_reads_level_against_level():
    gauge = charts.Gauge(key="non_state_coverage_pct", actual=80.5, target=95.0, expected=95.0)

    assert gauge.ratio_text == "80,5 % / 95,0 %"
    assert gauge.fmt(gauge.actual) == "80,5 %"
    assert gauge.status == "behind"


def test_a_small_count_due_between_whole_numbers_keeps_its_decimal():
    unions = charts.Gauge(key="new_unions", actual=3, target=7.0, expected=3.5)
    members = charts.Gauge(key="net_growth", actual=1258, target=2500.0, expected=1239.7)

    assert (unions.decimals, unions.fmt_due(unions.expected)) == (1, "3,5")
    assert (members.decimals, members.fmt_due(members.expected)) == (0, "1.240")


def test_a_gauge_without_a_target_shows_the_figure_alone():
    gauge = charts.Gauge(key="net_growth", actual=427, target=None, expected=None)

    assert gauge.ratio_text == "427"
    assert gauge.status == "none"
    assert gauge.share_of_target is None


def svg_texts(chart) -> list[str]:
    svg = vlc.vegalite_to_svg(charts.localised(chart).to_dict())
    return re.findall(r">([^<>]+)</text>", svg)


def test_numbers_inside_a_rendered_chart_are_vietnamese():
    gauge = charts.Gauge(key="net_growth", actual=2360, target=2500.0, expected=2500.0)
    percent = charts.Gauge(key="non_state_coverage_pct", actual=80.5, target=95.0, expected=95.0)

    assert {"1.000", "2.000", "2.500"} <= set(svg_texts(charts.bullet_chart(gauge)))
    assert {"0 %", "100 %"} <= set(svg_texts(charts.bullet_chart(percent)))


def months(*cumulative: int) -> list[MonthRow]:
    return [MonthRow(m, 0, 0, 0, value) for m, value in enumerate(cumulative, start=1)]


def dataset(chart) -> list[dict]:
    (rows,) = chart.to_dict()["datasets"].values()
    return rows


def test_cumulative_chart_pace_runs_from_zero_to_the_target_and_projection_to_31_12():
    chart = charts.cumulative_chart(
        months(100, 250, 400), year=2025, as_of=D(2025, 3, 31), target=2500.0, projection=1600.0
    )

    rows = dataset(chart)
    pace = [r for r in rows if r["series"].startswith(t("overview.chart.pace_line"))]
    projection = [r for r in rows if r["series"].startswith(t("overview.chart.projection_line"))]
    assert len(pace) == 12
    assert pace[-1]["value"] == 2500.0 and pace[-1]["day"] == "31/12/2025"
    assert pace[0]["value"] == round(2500 * 31 / 365, 1)
    assert (projection[0]["month"], projection[0]["value"]) == ("T3", 400)
    assert (projection[-1]["month"], projection[-1]["value"]) == ("T12", 1600.0)
    assert rows[0]["series"] == f"{t('overview.chart.cumulative_net')}: 400"


def test_no_projection_line_once_the_year_is_over():
    chart = charts.cumulative_chart(
        months(*range(100, 1300, 100)),
        year=2025,
        as_of=D(2025, 12, 31),
        target=2500.0,
        projection=1200.0,
    )

    series = {row["series"] for row in dataset(chart)}
    assert not any(name.startswith(t("overview.chart.projection_line")) for name in series)


def test_png_for_reports():
    gauge = charts.Gauge(key="net_growth", actual=2360, target=2500.0, expected=2500.0)

    png = charts.to_png(charts.bullet_chart(gauge), width=600)

    assert png[:8] == b"\x89PNG\r\n\x1a\n"


GAUGES = [
    charts.Gauge(key="net_growth", actual=2360, target=2500.0, expected=2500.0),
    charts.Gauge(key="non_state_coverage", actual=80.5, target=95.0, expected=95.0),
    charts.Gauge(key="new_unions", actual=2, target=None, expected=None),
    charts.Gauge(key="net_growth", actual=-12, target=2500.0, expected=0.0),
]
BUILDS = {
    **{f"bullet {n}": (charts.bullet_chart, (g,), {}) for n, g in enumerate(GAUGES)},
    "cumulative": (
        charts.cumulative_chart,
        (months(100, 250, 400),),
        {"year": 2025, "as_of": D(2025, 3, 31), "target": 2500.0, "projection": 1600.0},
    ),
    "cumulative without target": (
        charts.cumulative_chart,
        (months(-5),),
        {"year": 2025, "as_of": D(2025, 1, 31), "target": None, "projection": None},
    ),
    "movements": (
        charts.movements_chart,
        ([MonthRow(1, 40, 10, 30, 30), MonthRow(2, 5, 9, -4, 26)],),
        {},
    ),
    "breakdown": (
        charts.breakdown_chart,
        (
            [
                charts.UnitBar("Xã Tân Hưng", 120, 150.0, 100.0),
                charts.UnitBar("Khối DN", -3, None, None),
            ],
        ),
        {},
    ),
}


@pytest.mark.parametrize("name", sorted(BUILDS))
def test_every_chart_the_pages_draw_is_valid_vega_lite(name):
    """The pages skip Altair's schema validation (ui/data.chart_spec) because this test does it."""
    builder, args, kwargs = BUILDS[name]
    chart = charts.localised(builder(*args, **kwargs))
    validated = chart.to_dict(validate=True)  # raises on a spec Vega-Lite would reject
    assert chart.to_dict(validate=False) == validated
