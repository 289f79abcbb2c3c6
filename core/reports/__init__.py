"""The quarterly and yearly report: a formatted Excel workbook in Vietnamese, and the charts as PNG.

`queries` reads everything a report shows (SQL lives there and in the figure modules it calls),
`sheet` writes one sheet in the layout of an official document, `workbook` arranges the sections,
`pngs` renders the briefing's charts for slides, `period` says which dates a report covers.
"""

from core.reports.period import Period, file_name, period_of
from core.reports.pngs import CHARTS, chart_pngs
from core.reports.queries import ReportData, report_data
from core.reports.sheet import MAX_WIDTH
from core.reports.workbook import SHEETS, build_workbook, report_bytes, write_workbook

__all__ = [
    "CHARTS",
    "MAX_WIDTH",
    "SHEETS",
    "Period",
    "ReportData",
    "build_workbook",
    "chart_pngs",
    "file_name",
    "period_of",
    "report_bytes",
    "report_data",
    "write_workbook",
]
