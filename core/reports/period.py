"""The period a report covers: quarter Q means the figures from 1 January to the quarter's last day
(or today, for the quarter in progress), and the quarter's own movements; without a quarter, the
year so far."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core import quarters
from core.formatting import today_local


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None
    start: dt.date  # the start of the period's own movements (the quarter's or the year's)
    end: dt.date  # the as-of date: figures run from 1 January to here

    @property
    def label(self) -> str:
        return quarters.quarter_label(self.year, self.quarter)


def period_of(year: int, quarter: int | None, today: dt.date | None = None) -> Period:
    end = quarters.as_of_for(year, quarter, today or today_local())
    start = quarters.quarter_start(year, quarter) if quarter else dt.date(year, 1, 1)
    return Period(year=year, quarter=quarter, start=start, end=end)


def file_name(year: int, quarter: int | None) -> str:
    return f"bao-cao-{year}" + (f"-quy-{quarter}" if quarter else "") + ".xlsx"
