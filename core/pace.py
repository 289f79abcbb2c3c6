"""The one home of the pace rules every surface reads: the status of a figure against the even pace
(with its 90 % band), the share of a target reached, what an even pace expects by a date, the days a
prospect has spent in its organising stage, and the signed counting of membership events per union.

The overview, the display, the ranking, Workers' Month, the organising board and the report all call
these; none of them computes a status, a share or an expectation of its own, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import and_, case, func
from sqlmodel import Session, select

from core.models import EventKind, GrassrootsUnion, MembershipEvent, Plan
from core.plans import PERCENT_TARGETS, WORKERS_MONTH_TARGETS
from core.units import EVERYTHING, Scope, union_filter

Status = Literal["ahead", "near", "behind", "none"]

# A figure at 90 % or more of the even pace is "near"; below that it is "behind".
NEAR_SHARE = 0.9

# ---------------------------------------------------------------- status, share, expectation


def status(actual: float | None, expected: float | None) -> Status:
    """'ahead' (on or above the even pace), 'near' (within 10 %), 'behind', or 'none' (no target)."""
    if actual is None or expected is None:
        return "none"
    if actual >= expected:
        return "ahead"
    if expected > 0 and actual >= NEAR_SHARE * expected:
        return "near"
    return "behind"


def share_of_target(actual: float | None, target: float | None) -> float | None:
    """Actual as a percentage of the target, one decimal (94,4 for 2.360 of 2.500)."""
    if actual is None or not target:
        return None
    return round(100 * actual / target, 1)


def days_inclusive(start: dt.date, end: dt.date) -> int:
    """Days from start to end, both inclusive (0 when end is before start)."""
    return max((end - start).days + 1, 0)


def share_elapsed(start: dt.date, end: dt.date, on: dt.date) -> float:
    """How much of the period [start, end] has passed by the end of `on`, from 0 to 1."""
    return min(days_inclusive(start, on) / days_inclusive(start, end), 1.0)


def year_share(on: dt.date) -> float:
    """How much of `on`'s calendar year has passed by the end of `on`."""
    return share_elapsed(dt.date(on.year, 1, 1), dt.date(on.year, 12, 31), on)


def expected_on(target: float | None, start: dt.date, end: dt.date, on: dt.date) -> float | None:
    """What an even pace from 0 on `start` to `target` on `end` has reached by `on` (one decimal)."""
    if target is None:
        return None
    return round(target * share_elapsed(start, end, on), 1)


def expected_in_year(target: float | None, year: int, on: dt.date) -> float | None:
    """A year's target spread evenly from 1 January to 31 December, read on `on`."""
    return expected_on(target, dt.date(year, 1, 1), dt.date(year, 12, 31), on)


def expected_by(
    targets: Mapping[str, float | None], year: int, plan: Plan, on: dt.date
) -> dict[str, float | None]:
    """Each headline target's even pace by `on`: Workers' Month targets over the plan's window, the
    others over the year; a percentage target is a level, due as it is."""
    expected: dict[str, float | None] = {}
    for key, value in targets.items():
        if value is None or key in PERCENT_TARGETS:
            expected[key] = value
        elif key in WORKERS_MONTH_TARGETS:
            expected[key] = expected_on(value, plan.workers_month_start, plan.workers_month_end, on)
        else:
            expected[key] = expected_in_year(value, year, on)
    return expected


# ---------------------------------------------------------------- organising


def days_in_stage(stage_since: dt.date | None, as_of: dt.date) -> int | None:
    """Days a prospect has been in its stage on the as-of date (0 for a stage entered after it)."""
    if stage_since is None:
        return None
    return max((as_of - stage_since).days, 0)


# ---------------------------------------------------------------- signed counting of events


@dataclass
class Movements:
    admitted: int = 0
    transfer_in: int = 0
    transfer_out: int = 0
    left: int = 0

    @property
    def net(self) -> int:
        """Net growth: admissions + transfers in − transfers out − departures."""
        return self.admitted + self.transfer_in - self.transfer_out - self.left

    def add(self, other: Movements) -> None:
        self.admitted += other.admitted
        self.transfer_in += other.transfer_in
        self.transfer_out += other.transfer_out
        self.left += other.left


Window = tuple[dt.date | None, dt.date | None]  # from, to (both inclusive; None: open)


def movements_per_union(
    session: Session, *windows: Window, scope: Scope = EVERYTHING, group=None
) -> list[dict]:
    """For each window, every union's movements in it: one query grouped by union and kind.

    Each window is a conditional count, so several windows (the year so far, the year to the end of
    the last quarter, the days after the as-of date) cost one pass over the events. A union or unit
    adds up its unions' rows; net growth is `Movements.net`, never counted again elsewhere.

    `group`, a column of the union table (`GrassrootsUnion.unit_id`), adds the unions' counts up by
    its value in the database (counted per union first, then the few thousand counts joined to
    their unions): the keys are then that column's values, None for unions without one.
    """
    day = MembershipEvent.occurred_on

    def inside(window: Window):
        start, end = window
        parts = [day >= start] if start is not None else []
        if end is not None:
            parts.append(day <= end)
        return and_(*parts) if parts else None

    columns = []
    for window in windows:
        condition = inside(window)
        # One window is exactly the WHERE below: a plain count, without a CASE for every event.
        columns.append(
            func.count()
            if condition is None or len(windows) == 1
            else func.coalesce(func.sum(case((condition, 1), else_=0)), 0)
        )
    query = select(MembershipEvent.union_id, MembershipEvent.kind, *columns).where(
        MembershipEvent.deleted_at.is_(None)
    )
    starts = [start for start, _ in windows]
    if starts and all(start is not None for start in starts):
        query = query.where(day >= min(s for s in starts if s is not None))
    ends = [end for _, end in windows]
    if ends and all(end is not None for end in ends):
        query = query.where(day <= max(e for e in ends if e is not None))
    condition = union_filter(scope)
    if condition is not None:
        query = query.join(GrassrootsUnion, GrassrootsUnion.id == MembershipEvent.union_id).where(
            condition
        )
    query = query.group_by(MembershipEvent.union_id, MembershipEvent.kind)
    if group is not None:
        per_union = query.subquery()
        counts = [per_union.c[name] for name in list(per_union.c.keys())[2:]]
        query = (
            select(group, per_union.c.kind, *(func.sum(count) for count in counts))
            .select_from(per_union)
            .join(GrassrootsUnion, GrassrootsUnion.id == per_union.c.union_id)
            .group_by(group, per_union.c.kind)
        )
    result: list[dict] = [{} for _ in windows]
    for union_id, kind, *counts in session.exec(query).all():
        kind = EventKind(kind).value
        for per_union, count in zip(result, counts, strict=True):
            if count:
                moves = per_union.setdefault(union_id, Movements())
                setattr(moves, kind, getattr(moves, kind) + int(count))
    return result


def roll_up(per_union: Mapping[int, Movements], group_of: Mapping[int, object]) -> dict:
    """Unions' movements added up by the group each union belongs to (`group_of[union_id]`)."""
    groups: dict = {}
    for union_id, moves in per_union.items():
        key = group_of.get(union_id)
        groups.setdefault(key, Movements()).add(moves)
    return groups
