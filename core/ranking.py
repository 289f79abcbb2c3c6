"""Emulation ranking (thi đua): units against the targets allocated to them.

Three levels are ranked: clusters and blocks, communes and towns (in the structure in force on the
as-of date), and grassroots unions. Every figure comes from one grouped query over the year's events
(per union, with conditional sums for the year so far and for the end of the previous quarter), one
over the unions and one over the allocations; the roll-up to units is done over those rows, so the
cost does not grow with the number of units ranked (5.000 unions are one pass).

A unit's figures equal `core.metrics.progress` for that unit's scope: a union counts for the commune
it sits under and for the cluster it belongs to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from sqlmodel import Session, select

from core import pace
from core.formatting import today_local
from core.metrics import NoPlan, top_level_units
from core.models import (
    GrassrootsUnion,
    PlanTarget,
    TargetAllocation,
    TargetKey,
    UnitKind,
)
from core.plans import get_plan
from core.quarters import previous_quarter_end
from core.units import selectable_units


class Level(StrEnum):
    commune = "commune"  # communes and towns
    cluster = "cluster"  # emulation clusters and blocks
    union = "union"  # grassroots unions


LEVEL_KINDS: dict[Level, tuple[str, ...]] = {
    Level.commune: (UnitKind.commune, UnitKind.town),
    Level.cluster: (UnitKind.cluster, UnitKind.block),
}


@dataclass
class RankRow:
    id: int  # org unit id, or union id at the union level
    name: str
    kind: str  # the unit's kind, or "union"
    members: int  # members on the as-of date
    admissions: int
    departures: int
    net_growth: int
    new_unions: int
    target_net_growth: float | None
    target_new_unions: float | None
    pct_net_growth: float | None  # percent of the allocated net growth target
    pct_new_unions: float | None
    net_growth_prev: int  # the year up to the end of the previous quarter
    new_unions_prev: int
    pct_net_growth_prev: float | None
    expected_net_growth: float | None = None  # the even pace to the target by the as-of date
    rank: int = 0
    rank_prev: int = 0

    @property
    def status(self) -> str:
        """Net growth against the even pace to the allocated target ('none' without one)."""
        return pace.status(self.net_growth, self.expected_net_growth)

    @property
    def quarter_net_growth(self) -> int:
        """Net growth since the end of the previous quarter."""
        return self.net_growth - self.net_growth_prev

    @property
    def pct_change(self) -> float | None:
        """Percentage points gained since the end of the previous quarter."""
        if self.pct_net_growth is None or self.pct_net_growth_prev is None:
            return None
        return round(self.pct_net_growth - self.pct_net_growth_prev, 1)

    @property
    def rank_change(self) -> int:
        """Places gained since the end of the previous quarter (positive: moved up)."""
        return self.rank_prev - self.rank


@dataclass
class Ranking:
    year: int
    level: Level
    as_of: dt.date
    previous_end: dt.date  # the end of the quarter before the as-of date's quarter
    rows: list[RankRow] = field(default_factory=list)


@dataclass
class _Tally:
    members: int = 0
    admissions: int = 0
    departures: int = 0
    net: int = 0
    net_prev: int = 0
    founded: int = 0
    founded_prev: int = 0

    def add(self, other: _Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _union_tallies(
    session: Session, year: int, end: dt.date, previous_end: dt.date
) -> dict[int, _Tally]:
    """Per union: the year's movements to `end` and to `previous_end`, and members on `end`."""
    year_start = dt.date(year, 1, 1)
    in_year, in_previous, after_end = pace.movements_per_union(
        session,
        (year_start, end),
        (year_start, previous_end),
        (end + dt.timedelta(days=1), None),
    )
    tallies: dict[int, _Tally] = {}
    for union_id, moves in in_year.items():
        tallies[union_id] = _Tally(admissions=moves.admitted, departures=moves.left, net=moves.net)
    for union_id, moves in in_previous.items():
        tallies.setdefault(union_id, _Tally()).net_prev = moves.net

    unions = session.exec(
        select(
            GrassrootsUnion.id,
            GrassrootsUnion.active_members,
            GrassrootsUnion.founded_on,
            GrassrootsUnion.deleted_at,
        )
    ).all()
    for union_id, active, founded_on, deleted_at in unions:
        tally = tallies.setdefault(union_id, _Tally())
        # The kept counter less what happened after the as-of date: members on that date.
        later = after_end.get(union_id)
        tally.members = int(active or 0) - (later.net if later else 0)
        if deleted_at is None and founded_on is not None and year_start <= founded_on:
            tally.founded = int(founded_on <= end)
            tally.founded_prev = int(founded_on <= previous_end)
    return tallies


def _allocations(session: Session, plan_id: int) -> dict[tuple[int, str], float]:
    rows = session.exec(
        select(TargetAllocation.unit_id, PlanTarget.key, TargetAllocation.value)
        .join(PlanTarget, PlanTarget.id == TargetAllocation.target_id)
        .where(
            PlanTarget.plan_id == plan_id,
            PlanTarget.key.in_([TargetKey.net_growth, TargetKey.new_unions]),
        )
    ).all()
    return {(unit_id, key): value for unit_id, key, value in rows}


def _rank(rows: list[RankRow], *, previous: bool) -> None:
    """Competition ranking (1, 2, 2, 4): percent of target first, then net growth."""

    def sort_key(row: RankRow):
        pct = row.pct_net_growth_prev if previous else row.pct_net_growth
        net = row.net_growth_prev if previous else row.net_growth
        return (pct is None, -(pct or 0.0), -net)

    ordered = sorted(rows, key=sort_key)
    place, last = 0, None
    for index, row in enumerate(ordered, start=1):
        key = sort_key(row)
        if key != last:
            place, last = index, key
        if previous:
            row.rank_prev = place
        else:
            row.rank = place


def ranking(
    session: Session, *, year: int, level: Level | str, as_of: dt.date | None = None
) -> Ranking:
    """The ranking of one level on `as_of` (default today, or the year's end once past)."""
    level = Level(level)
    plan = get_plan(session, year)
    if plan is None:
        raise NoPlan(year)
    year_end = dt.date(year, 12, 31)
    end = min(as_of or min(today_local(), year_end), year_end)
    previous_end = previous_quarter_end(end)
    tallies = _union_tallies(session, year, end, previous_end)

    if level == Level.union:
        groups = _union_groups(session, end)
    else:
        groups = _unit_groups(session, level, end)
    allocations = _allocations(session, plan.id) if level != Level.union else {}

    rows: list[RankRow] = []
    for key, (name, kind, union_ids) in groups.items():
        tally = _Tally()
        for union_id in union_ids:
            tally.add(tallies.get(union_id, _Tally()))
        target_net = allocations.get((key, TargetKey.net_growth))
        target_unions = allocations.get((key, TargetKey.new_unions))
        rows.append(
            RankRow(
                id=key,
                name=name,
                kind=kind,
                members=tally.members,
                admissions=tally.admissions,
                departures=tally.departures,
                net_growth=tally.net,
                new_unions=tally.founded,
                target_net_growth=target_net,
                target_new_unions=target_unions,
                pct_net_growth=pace.share_of_target(tally.net, target_net),
                pct_new_unions=pace.share_of_target(tally.founded, target_unions),
                net_growth_prev=tally.net_prev,
                new_unions_prev=tally.founded_prev,
                pct_net_growth_prev=pace.share_of_target(tally.net_prev, target_net),
                expected_net_growth=pace.expected_in_year(target_net, year, end),
            )
        )
    _rank(rows, previous=True)
    _rank(rows, previous=False)
    rows.sort(key=lambda r: (r.rank, r.name))
    return Ranking(year=year, level=level, as_of=end, previous_end=previous_end, rows=rows)


def _union_groups(session: Session, end: dt.date) -> dict[int, tuple[str, str, list[int]]]:
    """Every union that existed during the year up to `end`: itself."""
    year_start = dt.date(end.year, 1, 1)
    unions = session.exec(
        select(GrassrootsUnion.id, GrassrootsUnion.name).where(
            GrassrootsUnion.deleted_at.is_(None),
            (GrassrootsUnion.founded_on.is_(None)) | (GrassrootsUnion.founded_on <= end),
            (GrassrootsUnion.dissolved_on.is_(None)) | (GrassrootsUnion.dissolved_on >= year_start),
        )
    ).all()
    return {union_id: (name, "union", [union_id]) for union_id, name in unions}


def _unit_groups(
    session: Session, level: Level, end: dt.date
) -> dict[int, tuple[str, str, list[int]]]:
    """The units ranked at `level` on `end`, each with the unions under it (deleted ones too, so
    their events count exactly as in the progress figures)."""
    kinds = LEVEL_KINDS[level]
    top = top_level_units(session, end, kinds)
    groups: dict[int, tuple[str, str, list[int]]] = {
        unit.id: (unit.name, unit.kind, [])
        for unit in selectable_units(session, end)
        if unit.kind in kinds and top.get(unit.id) == unit.id
    }
    unions = session.exec(
        select(GrassrootsUnion.id, GrassrootsUnion.unit_id, GrassrootsUnion.cluster_id)
    ).all()
    for union_id, unit_id, cluster_id in unions:
        # A union belongs to the group its commune or its cluster rolls up to (once per group).
        seen: set[int] = set()
        for member_of in (unit_id, cluster_id):
            group = top.get(member_of) if member_of is not None else None
            if group in groups and group not in seen:
                groups[group][2].append(union_id)
                seen.add(group)
    return groups
