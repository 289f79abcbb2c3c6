"""The reports page (pages/reports.py) through AppTest: the period, the workbook download and the
PNG downloads; the workbook it serves carries the progress figures of the chosen period."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from streamlit.testing.v1 import AppTest

from core import db, metrics, reports
from core.formatting import today_local
from core.strings import t
from tests.browser import ROOT
from tests.login import login_as
from ui import briefing_data


def open_reports() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    login_as(at, "reports_viewer", "viewer")
    at.run()
    at.switch_page("pages/reports.py").run()
    assert not at.exception, at.exception
    return at


def test_periods_and_downloads(demo_url):
    at = open_reports()
    period = at.selectbox(key="reports_period")
    assert period.options == [
        "Quý IV/2025",
        "Quý III/2025",
        "Quý II/2025",
        "Quý I/2025",
        "Cả năm 2025",
    ]
    assert period.value == (2025, 4)
    labels = [button.label for button in at.download_button]
    assert labels[0] == t("reports.download", period="Quý IV/2025")
    assert labels[1:] == [t("reports.download_png")] * len(reports.CHARTS)
    period.select_index(4).run()
    assert not at.exception
    assert at.download_button[0].label == t("reports.download", period="Cả năm 2025")


def test_the_served_workbook_has_the_progress_figures(demo_url):
    with db.session_scope(db.engine_for(demo_url)) as session:
        version = db.data_version(session)
        p = metrics.progress(session, year=2025, as_of=dt.date(2025, 9, 30))
    data = briefing_data.report_file(demo_url, 2025, 3, version, today_local())
    ws = openpyxl.load_workbook(io.BytesIO(data))["Chỉ tiêu"]
    assert ws["A6"].value == "Quý III/2025 (số liệu từ ngày 01/01/2025 đến hết ngày 30/09/2025)"
    assert [ws.cell(10, c).value for c in (3, 4)] == [p.targets["net_growth"], p.net_growth]
    assert [ws.cell(12, c).value for c in (3, 4)] == [p.targets["new_unions"], p.new_unions]
