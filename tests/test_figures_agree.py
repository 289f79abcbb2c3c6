"""Every surface gives the same number for every unit of the demo data: net growth, share of target,
what the even pace expects, the pace status and days in stage, read from the data functions the
overview, the ranking page, the display, the Workers' Month page, the organising board and the report
call (on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from core import charts, db, reports
from core.models import TargetKey
from core.strings import t
from ui import briefing as display
from ui import briefing_data as bd
from ui import data
from ui import duties_widgets as dw

TODAY = dt.date(2026, 1, 5)  # the year is over: a quarter's figures run to its last day
QUARTERS = {2: dt.date(2025, 6, 30), 4: dt.date(2025, 12, 31)}
NET = TargetKey.net_growth.value
WM_NET = TargetKey.workers_month_net_growth.value


def unit_sheet_rows(workbook: openpyxl.Workbook) -> dict[str, tuple]:
    """Commune name -> (net growth, share as a fraction) from the report's units sheet."""
    ws = workbook[t("report.sheet.units")]
    header = [
        c.value for c in next(r for r in ws.iter_rows() if r[1].value == t("report.col.unit"))
    ]
    net_at, share_at = header.index(t("report.col.net")), header.index(t("report.col.share"))
    found: dict[str, tuple] = {}
    started = False
    for row in ws.iter_rows(values_only=True):
        if row[1] == t("report.col.unit"):
            started = True
            continue
        if started:
            if row[1] == t("report.total"):
                break
            found[row[1]] = (row[net_at], row[share_at])
    return found


def prospect_sheet_days(workbook: openpyxl.Workbook) -> dict[str, int | None]:
    ws = workbook[t("report.sheet.prospects")]
    rows = list(ws.iter_rows(values_only=True))
    at = next(i for i, row in enumerate(rows) if row[0] == t("report.col.no"))
    header = rows[at]
    name_at, days_at = header.index(t("report.col.enterprise")), header.index(t("report.col.days"))
    return {row[name_at]: row[days_at] for row in rows[at + 1 :] if row[name_at]}


@pytest.mark.parametrize("quarter", sorted(QUARTERS))
def test_every_surface_gives_the_same_unit_figures(demo_url, quarter):
    as_of = QUARTERS[quarter]
    version = data.data_version()
    url = data.database_url()

    # The ranking page and the display's leader board read the same ranking.
    ranking_rows = {row.id: row for row in bd.ranking_of(url, 2025, "commune", as_of, version).rows}
    shown = display.figures(url, 2025, quarter, version, TODAY)
    assert shown.as_of == as_of
    display_rows = {row.id: row for row in shown.communes.rows}
    overview_rows = {
        row.unit_id: row
        for row in data.breakdown(url, 2025, None, as_of, version, "commune")
        if row.unit_id is not None
    }
    with db.session_scope(db.engine_for(url)) as session:
        workbook = openpyxl.load_workbook(
            io.BytesIO(reports.report_bytes(session, year=2025, quarter=quarter, today=TODAY))
        )
    report_rows = unit_sheet_rows(workbook)

    assert set(display_rows) == set(ranking_rows)
    assert {key for key, row in ranking_rows.items() if row.net_growth} <= set(overview_rows)
    assert len(ranking_rows) >= 7
    with_targets = 0
    for unit_id, ranked in ranking_rows.items():
        on_display = display_rows[unit_id]
        progress = data.progress(url, 2025, unit_id, as_of, version)
        gauge = next(g for g in charts.gauges(progress) if g.key == NET)
        campaign = dw.campaign(url, 2025, unit_id, as_of, version)
        wm_gauge = next(g for g in charts.gauges(progress) if g.key == WM_NET)
        figures = {
            "ranking": (
                ranked.net_growth,
                ranked.pct_net_growth,
                ranked.expected_net_growth,
                ranked.status,
            ),
            "display": (
                on_display.net_growth,
                on_display.pct_net_growth,
                on_display.expected_net_growth,
                on_display.status,
            ),
            "overview gauge": (
                progress.net_growth,
                gauge.share_of_target,
                gauge.expected,
                gauge.status,
            ),
        }
        if unit_id in overview_rows:
            row = overview_rows[unit_id]
            figures["overview breakdown"] = (
                row.net,
                row.share_of_target,
                row.net_expected,
                row.status,
            )
            bar = charts.UnitBar.of(row)
            assert bar.status == row.status
        net, share = report_rows[ranked.name]
        figures["report"] = (
            net,
            None if share is None else round(100 * share, 1),
            ranked.expected_net_growth,
            ranked.status,
        )
        assert len(set(figures.values())) == 1, (ranked.name, figures)
        with_targets += ranked.pct_net_growth is not None

        # Workers' Month: the page's campaign and the overview's gauge of the same unit.
        assert campaign.net == progress.workers_month_net_growth, ranked.name
        assert campaign.net_expected == wm_gauge.expected, ranked.name
        assert campaign.net_status == wm_gauge.status, ranked.name
    # The demo allocates targets to the communes formed on 1 July: their shares and statuses count.
    assert with_targets >= (7 if as_of >= dt.date(2025, 7, 1) else 0)

    # The whole federation: the overview, the display and the report's headline sheet.
    progress = data.progress(url, 2025, None, as_of, version)
    assert shown.progress.net_growth == progress.net_growth
    assert shown.progress.expected_by_today == progress.expected_by_today
    headline = workbook[t("report.sheet.headline")]
    cells = {row[1]: row for row in headline.iter_rows(values_only=True)}
    for gauge in charts.gauges(progress):
        row = cells[t(f"report.target.{gauge.key}")]
        share = gauge.share_of_target
        assert row[4] == (None if share is None else round(share / 100, 6)), gauge.key
        assert row[7] == t(f"briefing.status.{gauge.status}"), gauge.key

    # Workers' Month across units: the top units of the federation's campaign are the communes'.
    campaign = dw.campaign(url, 2025, None, as_of, version)
    assert campaign.net == progress.workers_month_net_growth
    assert shown.campaign.net == campaign.net
    for unit in campaign.top_units:
        if unit.unit_id is not None:
            assert unit.net == dw.campaign(url, 2025, unit.unit_id, as_of, version).net

    # Days in stage: the organising board, the display and the report, counted to the as-of date.
    board = {card.enterprise_id: card for card in bd.board(url, as_of, version)}
    assert any(card.days_in_stage for card in board.values())
    for card in shown.top_prospects:
        assert card.days_in_stage == board[card.enterprise_id].days_in_stage
    sheet_days = prospect_sheet_days(workbook)
    assert sheet_days == {card.name: card.days_in_stage for card in board.values()}
