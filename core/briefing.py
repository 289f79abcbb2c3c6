"""The figures of the quarterly briefing (giao ban): everything the display's slides show, for one
quarter of a plan year, read in one go.

Quarter Q means the figures from 1 January up to the quarter's last day (or today, for the quarter
in progress), and the quarter's own movements beside the quarters before it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import Session

from core import briefing_duties, metrics, organising, quarters, ranking, workers_month
from core.formatting import today_local

SLIDES: tuple[str, ...] = (
    "targets",
    "duties",
    "monthly",
    "workers_month",
    "ranking",
    "organising",
    "quarters",
)
TOP_PROSPECTS = 8
LEADERS = 10


@dataclass
class BriefingFigures:
    year: int
    quarter: int | None
    as_of: dt.date
    progress: metrics.Progress
    months: list[metrics.MonthRow]
    campaign: workers_month.Campaign
    communes: ranking.Ranking
    clusters: ranking.Ranking
    pipeline: dict[str | None, int]
    top_prospects: list[organising.Card]
    quarters: list[quarters.QuarterRow] = field(default_factory=list)
    # Was the quarter's briefing held, which duties are behind.
    duty_slide: briefing_duties.DutySlide | None = None

    @property
    def this_quarter(self) -> quarters.QuarterRow | None:
        return self.quarters[-1] if self.quarters else None

    @property
    def previous_quarter(self) -> quarters.QuarterRow | None:
        return self.quarters[-2] if len(self.quarters) > 1 else None


def figures(
    session: Session, *, year: int, quarter: int | None, today: dt.date | None = None
) -> BriefingFigures:
    """Every figure of the briefing of `quarter` (None: the year so far); NoPlan without a plan."""
    as_of = quarters.as_of_for(year, quarter, today or today_local())
    progress = metrics.progress(session, year=year, as_of=as_of)
    return BriefingFigures(
        year=year,
        quarter=quarter,
        as_of=progress.as_of,
        progress=progress,
        months=metrics.monthly(session, metrics.EVERYTHING, year, progress.as_of),
        campaign=workers_month.campaign(session, year=year, as_of=progress.as_of),
        communes=ranking.ranking(session, year=year, level="commune", as_of=progress.as_of),
        clusters=ranking.ranking(session, year=year, level="cluster", as_of=progress.as_of),
        pipeline=organising.stage_counts(session, on=progress.as_of),
        top_prospects=organising.board(session, on=progress.as_of, limit=TOP_PROSPECTS),
        quarters=quarters.quarterly(session, year=year, as_of=progress.as_of),
        duty_slide=briefing_duties.slide_figures(
            session, year=year, quarter=quarter, as_of=progress.as_of
        ),
    )
