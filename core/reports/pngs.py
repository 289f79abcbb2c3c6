"""The briefing's charts as PNG files for slides (white background), by file name."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from core import briefing, charts
from core import briefing_charts as bc
from core.models import TargetKey

CHARTS = ("chi-tieu", "thuc-tang-theo-thang", "thang-cong-nhan", "xep-hang", "van-dong", "theo-quy")


def chart_pngs(
    session: Session, *, year: int, quarter: int | None = None, today: dt.date | None = None
) -> dict[str, bytes]:
    """The briefing's charts as PNG files for slides (white background), by file name."""
    f = briefing.figures(session, year=year, quarter=quarter, today=today)
    theme = bc.PRINT
    c = f.campaign
    built = {
        "chi-tieu": bc.gauges_chart(charts.gauges(f.progress), theme),
        "thuc-tang-theo-thang": bc.cumulative_chart(
            f.months,
            theme,
            year=f.year,
            as_of=f.as_of,
            target=f.progress.targets.get(TargetKey.net_growth.value),
            width=900,
            height=420,
        ),
        "thang-cong-nhan": bc.workers_month_chart(
            c.days, theme, start=c.start, end=c.end, target=c.net_target, width=900, height=420
        ),
        "xep-hang": bc.leaderboard_chart(f.communes.rows, theme, as_of=f.as_of, width=900),
        "van-dong": bc.pipeline_chart(f.pipeline, theme, width=700, row_height=40),
        "theo-quy": bc.quarters_chart(
            f.quarters,
            theme,
            highlight=f.quarters[-1].quarter if f.quarters else None,
            width=900,
            height=420,
        ),
    }
    suffix = f"-{year}" + (f"-quy-{quarter}" if quarter else "")
    return {f"{name}{suffix}.png": bc.to_png(chart, theme) for name, chart in built.items()}
