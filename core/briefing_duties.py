"""The briefing display's duties slide: a quarter's briefing, the duty targets behind their pace and
the committee members who did nothing, arranged for the slide."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from core.duties.figures import (
    BriefingStatus,
    DutyCounts,
    briefing_status,
    idle_committee_members,
    other_targets,
    quarterly_counts,
    year_end,
)
from core.quarters import quarter_end, quarter_of
from core.units import EVERYTHING, Scope


@dataclass
class DutySlide:
    """What the display's duties slide shows for one quarter."""

    year: int
    quarter: int
    as_of: dt.date
    briefing: BriefingStatus
    targets: dict[str, dict[str, float | int | None]]
    idle_members: list[str]
    quarter_counts: DutyCounts

    @property
    def behind(self) -> list[str]:
        """The duty targets behind their pace, in the order of DUTY_TARGETS."""
        return [
            key
            for key, row in self.targets.items()
            if (expected := row["expected_by_today"]) is not None
            and (row["actual"] or 0) < expected
        ]


def slide_figures(
    session: Session,
    *,
    year: int,
    quarter: int | None = None,
    as_of: dt.date | None = None,
    scope: Scope = EVERYTHING,
) -> DutySlide:
    """The duties slide of a quarter (default: the quarter `as_of` falls in)."""
    end = year_end(year, as_of)
    if end < dt.date(year, 1, 1):
        end = dt.date(year, 1, 1)
    quarter = quarter or quarter_of(end)
    end = min(end, quarter_end(year, quarter))
    return DutySlide(
        year=year,
        quarter=quarter,
        as_of=end,
        briefing=briefing_status(session, year=year, quarter=quarter, scope=scope),
        targets=other_targets(session, year=year, scope=scope, as_of=end),
        idle_members=[
            p.full_name
            for p in idle_committee_members(session, year=year, quarter=quarter, scope=scope)
        ],
        quarter_counts=quarterly_counts(session, year=year, scope=scope, as_of=end)[quarter],
    )
