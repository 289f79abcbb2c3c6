"""Quarters of a plan year: their dates, and the figures of each quarter side by side.

The quarterly briefing (giao ban) looks at a quarter: figures up to its last day, and the movements
of the quarter itself compared with the quarter before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from core import metrics
from core.strings import t
from core.units import EVERYTHING, Scope

QUARTERS = (1, 2, 3, 4)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_start(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * quarter - 2, 1)


def quarter_end(year: int, quarter: int) -> dt.date:
    if quarter == 4:
        return dt.date(year, 12, 31)
    return quarter_start(year, quarter + 1) - dt.timedelta(days=1)


def previous_quarter_end(day: dt.date) -> dt.date:
    """The last day of the quarter before the one `day` falls in."""
    return quarter_start(day.year, quarter_of(day)) - dt.timedelta(days=1)


def as_of_for(year: int, quarter: int | None, today: dt.date) -> dt.date:
    """The date a report or the display presents: the quarter's (or year's) end, or today if sooner."""
    end = quarter_end(year, quarter) if quarter else dt.date(year, 12, 31)
    return min(end, today) if today >= dt.date(year, 1, 1) else end


def quarters_so_far(year: int, today: dt.date) -> list[int]:
    """The quarters of `year` that have begun by `today` (all four once the year is over)."""
    if today.year > year:
        return list(QUARTERS)
    if today.year < year:
        return []
    return list(range(1, quarter_of(today) + 1))


def quarter_label(year: int, quarter: int | None) -> str:
    """'Quý II/2025', or 'Cả năm 2025' for the whole year."""
    if quarter is None:
        return t("quarter.whole_year", year=year)
    return t("quarter.label", roman=ROMAN[quarter], quarter=quarter, year=year)


def quarter_short(quarter: int) -> str:
    """'Quý II'."""
    return t("quarter.short", roman=ROMAN[quarter], quarter=quarter)


@dataclass
class QuarterRow:
    quarter: int
    start: dt.date
    end: dt.date  # the quarter's last day, or the as-of date for the quarter in progress
    admissions: int
    departures: int
    transfers_in: int
    transfers_out: int
    net_growth: int
    new_unions: int
    cumulative_net_growth: int


def quarterly(
    session: Session, *, year: int, as_of: dt.date, scope: Scope = EVERYTHING
) -> list[QuarterRow]:
    """Each quarter of `year` up to the one holding `as_of` (two grouped queries a quarter)."""
    end = min(as_of, dt.date(year, 12, 31))
    if end < dt.date(year, 1, 1):
        return []
    rows: list[QuarterRow] = []
    running = 0
    for quarter in range(1, quarter_of(end) + 1):
        start, last = quarter_start(year, quarter), min(quarter_end(year, quarter), end)
        moves = metrics.movements(session, scope, start, last)
        running += moves.net
        rows.append(
            QuarterRow(
                quarter=quarter,
                start=start,
                end=last,
                admissions=moves.admitted,
                departures=moves.left,
                transfers_in=moves.transfer_in,
                transfers_out=moves.transfer_out,
                net_growth=moves.net,
                new_unions=metrics.new_unions(session, scope, start, last),
                cumulative_net_growth=running,
            )
        )
    return rows
