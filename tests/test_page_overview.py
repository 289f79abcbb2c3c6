"""The overview page (pages/overview.py) through Streamlit's AppTest: the figures it shows are the
ones core.metrics computes, for the federation, a unit, another year and an earlier date."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from core import charts, db, metrics, units
from core.formatting import fmt_int
from core.models import OrgUnit
from core.strings import t
from tests import factories as f
from tests.browser import ROOT
from tests.login import login_as
from ui import data

D = dt.date
YEAR_END = D(2025, 12, 31)


def open_overview(role: str = "viewer") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    login_as(at, f"overview_{role}", role)
    at.run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def captions(at: AppTest) -> str:
    return "\n".join(caption.value for caption in at.caption)


def progress_of(url: str, *, unit_name: str | None = None, as_of: dt.date = YEAR_END, year=2025):
    with db.session_scope(db.engine_for(url)) as session:
        scope = units.EVERYTHING
        if unit_name:
            unit = session.exec(select(OrgUnit).where(OrgUnit.name == unit_name)).one()
            scope = units.scope_for_unit(session, unit.id, as_of)
        return metrics.progress(session, year=year, scope=scope, as_of=as_of)


def unit_id(url: str, name: str) -> int:
    with db.session_scope(db.engine_for(url)) as session:
        return session.exec(select(OrgUnit.id).where(OrgUnit.name == name)).one()


def assert_gauges_show(at: AppTest, progress: metrics.Progress) -> None:
    values = shown(at)
    for gauge in charts.gauges(progress):
        assert values[t(f"overview.gauge.{gauge.key}")] == gauge.fmt(gauge.actual), gauge.key
    assert values[t("overview.admissions")] == fmt_int(progress.admissions)
    assert values[t("overview.departures")] == fmt_int(progress.departures)
    assert values[t("overview.prospects")] == fmt_int(progress.prospects)


def test_overview_shows_the_federation_figures_of_the_demo_year(demo_url):
    at = open_overview()

    assert at.selectbox(key="overview_year").value == 2025
    assert at.date_input(key="overview_as_of_2025").value == YEAR_END
    assert_gauges_show(at, progress_of(demo_url))
    values = shown(at)
    assert values[t("overview.gauge.net_growth")] == "2.360"
    assert values[t("overview.gauge.workers_month_net_growth")] == "491"
    assert values[t("overview.gauge.new_unions")] == "6"
    assert values[t("overview.gauge.workers_month_new_unions")] == "3"
    assert values[t("overview.gauge.non_state_coverage_pct")] == "80,5 %"
    assert values[t("overview.gauge.enterprises_20plus_with_union_pct")] == "77,5 %"
    assert values[t("overview.prospects")] == "10"
    # The year is over: the projection is the final figure, labelled so.
    assert values[t("overview.projection_final")] == "2.360"
    text = captions(at)
    assert "2.360 / 2.500 (94,4 %)" in text
    assert "80,5 % / 95,0 %" in text
    assert "9.242 / 11.477" in text
    assert t("common.as_of", date="31/12/2025") in at.markdown[0].value


def test_gauge_deltas_are_the_gap_to_the_pace(demo_url):
    at = open_overview()

    deltas = {metric.label: metric.delta for metric in at.metric}
    assert deltas[t("overview.gauge.net_growth")] == "-140"
    assert deltas[t("overview.gauge.workers_month_new_unions")] == "0"
    assert deltas[t("overview.gauge.non_state_coverage_pct")] == t(
        "overview.gauge.points", value="-14,5"
    )


def test_breakdown_tables_match_the_figures_by_commune_and_cluster(demo_url):
    at = open_overview()

    by_commune, by_cluster = at.dataframe[0].value, at.dataframe[1].value
    with db.session_scope(db.engine_for(demo_url)) as session:
        communes = metrics.breakdown(session, year=2025, as_of=YEAR_END, by="commune")
        clusters = metrics.breakdown(session, year=2025, as_of=YEAR_END, by="cluster")
    assert list(by_commune[t("overview.col.unit")]) == [row.name for row in communes]
    assert list(by_commune[t("overview.col.net")]) == [fmt_int(row.net) for row in communes]
    assert list(by_cluster[t("overview.col.net")]) == [fmt_int(row.net) for row in clusters]
    first = by_commune.iloc[0]
    assert (first[t("overview.col.unit")], first[t("overview.col.net")]) == ("Xã Vĩnh Thuận", "793")
    assert (first[t("overview.col.target")], first[t("overview.col.share")]) == ("750", "105,7 %")


def test_choosing_a_commune_shows_its_figures_and_its_allocated_targets(demo_url):
    at = open_overview()

    at.selectbox(key="overview_unit").set_value(unit_id(demo_url, "Xã Vĩnh Am")).run()

    assert not at.exception
    progress = progress_of(demo_url, unit_name="Xã Vĩnh Am")
    assert_gauges_show(at, progress)
    assert shown(at)[t("overview.gauge.net_growth")] == "559"
    text = captions(at)
    assert "559 / 438 (127,6 %)" in text
    # Only the year's net growth and new unions were split across communes.
    assert text.count(t("overview.gauge.no_target")) == 2
    assert "Xã Vĩnh Am" in at.markdown[0].value


def test_choosing_a_cluster_shows_no_commune_targets(demo_url):
    at = open_overview()

    at.selectbox(key="overview_unit").set_value(unit_id(demo_url, "Cụm thi đua số 1")).run()

    assert_gauges_show(at, progress_of(demo_url, unit_name="Cụm thi đua số 1"))
    by_commune = at.dataframe[0].value
    assert set(by_commune[t("overview.col.target")]) == {"–"}


def test_an_earlier_date_shows_the_figures_and_the_structure_of_that_day(demo_url):
    at = open_overview()

    at.date_input(key="overview_as_of_2025").set_value(D(2025, 6, 30)).run()

    assert not at.exception
    progress = progress_of(demo_url, as_of=D(2025, 6, 30))
    assert_gauges_show(at, progress)
    assert t("common.as_of", date="30/06/2025") in at.markdown[0].value
    # Before 1/7/2025 the old communes are the units; the projection is still a projection.
    options = at.selectbox(key="overview_unit").options
    assert "Xã Cổ Am (cũ)" in options and "Xã Vĩnh Am" not in options
    assert shown(at)[t("overview.projection")] == fmt_int(progress.projection["net_growth"])


@pytest.fixture
def two_years(session, db_env):
    """2024 and 2025 plans; 3 admissions in 2024; 2 admissions and 1 departure in 2025."""
    f.create_plan(session, year=2024)
    f.create_plan(session, year=2025)
    union = f.create_union(session, name="CĐCS Công ty A")
    for _ in range(3):
        f.admit(session, union, D(2024, 3, 1))
    first = f.admit(session, union, D(2025, 2, 1))
    f.admit(session, union, D(2025, 2, 2))
    f.leave(session, first, D(2025, 4, 1))
    session.commit()
    return union


def test_switching_the_year(session, two_years):
    at = open_overview()
    net = t("overview.gauge.net_growth")
    assert at.selectbox(key="overview_year").options == ["2025", "2024"]
    assert shown(at)[net] == "1"

    at.selectbox(key="overview_year").set_value(2024).run()

    assert not at.exception
    assert shown(at)[net] == "3"
    assert shown(at)[t("overview.admissions")] == "3"
    assert t("common.as_of", date="31/12/2024") in at.markdown[0].value


def test_a_write_anywhere_refreshes_the_figures(session, two_years):
    at = open_overview()
    net = t("overview.gauge.net_growth")
    assert shown(at)[net] == "1"

    f.admit(session, two_years, D(2025, 8, 1))  # bumps the data version
    session.commit()
    at.run()

    assert shown(at)[net] == "2"


def test_without_a_plan_the_page_says_so(session, db_env):
    at = open_overview()

    assert [info.value for info in at.info] == [t("common.no_plan")]
    assert not at.metric


@pytest.mark.parametrize(
    ("name", "kind", "label"),
    [
        ("Hòa Bình", "commune", "Xã Hòa Bình"),
        ("Xã Vĩnh Am", "commune", "Xã Vĩnh Am"),
        ("Thị trấn Vĩnh Bảo", "town", "Thị trấn Vĩnh Bảo"),
        ("Cụm thi đua số 1", "cluster", "Cụm thi đua số 1"),
    ],
)
def test_unit_labels_name_the_kind_once(name, kind, label):
    assert data.UnitOption(id=1, name=name, kind=kind).label == label
