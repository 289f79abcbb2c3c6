"""The ranking page (pages/ranking.py) through AppTest: every unit's figures are those of the progress
figures for that unit, sortable as numbers, for each level and for a chosen quarter."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select
from streamlit.testing.v1 import AppTest

from core import db, metrics
from core.models import OrgUnit
from core.strings import t
from core.units import scope_for_unit
from tests.browser import ROOT
from tests.login import login_as


def open_ranking(role: str = "viewer") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    login_as(at, f"ranking_{role}", role)
    at.run()
    at.switch_page("pages/ranking.py").run()
    assert not at.exception, at.exception
    return at


def table(at: AppTest):
    [frame] = at.dataframe
    return frame.value


def progress_by_name(url: str, on: dt.date) -> dict[str, metrics.Progress]:
    with db.session_scope(db.engine_for(url)) as session:
        units = session.exec(select(OrgUnit)).all()
        return {
            unit.name: metrics.progress(
                session, year=2025, scope=scope_for_unit(session, unit.id, on), as_of=on
            )
            for unit in units
            if unit.kind != "federation"
        }


def check_against_progress(frame, expected: dict[str, metrics.Progress]) -> None:
    assert len(frame) > 0
    for _, row in frame.iterrows():
        p = expected[row[t("ranking.col.name")]]
        assert row[t("ranking.col.net")] == p.net_growth
        assert row[t("ranking.col.admissions")] == p.admissions
        assert row[t("ranking.col.departures")] == p.departures
        assert row[t("ranking.col.new_unions")] == p.new_unions
        target = p.targets["net_growth"]
        shown = row[t("ranking.col.target")]
        assert (shown if shown == shown else None) == target  # NaN where none was allocated


def test_communes_by_default_with_the_progress_figures(demo_url):
    at = open_ranking()
    assert at.title[0].value == t("ranking.title")
    frame = table(at)
    # Numbers stay numbers, so a click on a column header sorts them as numbers.
    assert frame[t("ranking.col.net")].dtype.kind == "i"
    assert frame[t("ranking.col.pct")].dtype.kind == "f"
    assert list(frame[t("ranking.col.rank")]) == sorted(frame[t("ranking.col.rank")])
    check_against_progress(frame, progress_by_name(demo_url, dt.date(2025, 12, 31)))
    # The new communes carry the allocated targets in the demo: all seven are ranked by share.
    assert len(frame) == 7
    assert frame[t("ranking.col.pct")].is_monotonic_decreasing
    assert "Số liệu đến ngày 31/12/2025" in at.caption[0].value


def test_clusters_and_an_earlier_quarter(demo_url):
    at = open_ranking()
    at.button_group[0].set_value("cluster").run()
    assert not at.exception
    check_against_progress(table(at), progress_by_name(demo_url, dt.date(2025, 12, 31)))
    at.selectbox(key="ranking_period").select_index(2).run()  # Quý II/2025
    frame = table(at)
    # Before 1/7/2025 the old structure holds: the old communes, not the new ones.
    check_against_progress(frame, progress_by_name(demo_url, dt.date(2025, 6, 30)))
    assert "Số liệu đến ngày 30/06/2025" in at.caption[0].value


def test_unions_ranked_by_net_growth(demo_url):
    at = open_ranking()
    at.button_group[0].set_value("union").run()
    frame = table(at)
    assert t("ranking.col.target") not in frame.columns
    nets = list(frame[t("ranking.col.net")])
    assert nets == sorted(nets, reverse=True)
    assert len(frame) == 40
