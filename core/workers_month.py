"""The Workers' Month campaign (Tháng Công nhân) day by day: admissions, net growth and new unions
in the plan's window against its targets (500 and 3 in 2025), and the units that contributed most.

Everything is aggregated in SQL by day (events by `occurred_on`, unions by `founded_on`); the days of
the window with nothing still appear, with zeros.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, select

from core import pace
from core.formatting import today_local
from core.metrics import DailyMovements, NoPlan, top_level_units
from core.models import GrassrootsUnion, OrgUnit, TargetKey
from core.plans import get_plan, targets_for
from core.units import EVERYTHING, Scope, union_filter

TOP_UNITS = 5


@dataclass
class CampaignDay:
    day: dt.date
    admitted: int = 0
    departures: int = 0
    net: int = 0  # admissions + transfers in − transfers out − departures
    new_unions: int = 0
    cumulative_net: int = 0
    cumulative_new_unions: int = 0


@dataclass
class CampaignUnit:
    unit_id: int | None  # None: unions not placed in any commune
    name: str
    admitted: int
    net: int
    new_unions: int


@dataclass
class Campaign:
    year: int
    start: dt.date
    end: dt.date
    as_of: dt.date  # the last day counted (the window's end once it is over)
    net_target: float | None
    unions_target: float | None
    over: bool = False  # the day asked for is after the window
    days: list[CampaignDay] = field(default_factory=list)  # from the start to as_of
    top_units: list[CampaignUnit] = field(default_factory=list)

    @property
    def started(self) -> bool:
        return self.as_of >= self.start

    @property
    def admitted(self) -> int:
        return sum(d.admitted for d in self.days)

    @property
    def net(self) -> int:
        return self.days[-1].cumulative_net if self.days else 0

    @property
    def new_unions(self) -> int:
        return self.days[-1].cumulative_new_unions if self.days else 0

    @property
    def net_expected(self) -> float | None:
        """What an even pace over the window expects of net growth by the as-of date."""
        return pace.expected_on(self.net_target, self.start, self.end, self.as_of)

    @property
    def unions_expected(self) -> float | None:
        return pace.expected_on(self.unions_target, self.start, self.end, self.as_of)

    @property
    def net_status(self) -> str:
        return pace.status(self.net, self.net_expected)

    @property
    def unions_status(self) -> str:
        return pace.status(self.new_unions, self.unions_expected)


def _scoped(query, scope: Scope):
    condition = union_filter(scope)
    return query if condition is None else query.where(condition)


def campaign(
    session: Session, *, year: int, scope: Scope = EVERYTHING, as_of: dt.date | None = None
) -> Campaign:
    """The campaign of `year` up to `as_of` (default today): one row per day of the window so far."""
    plan = get_plan(session, year)
    if plan is None:
        raise NoPlan(year)
    start, end = plan.workers_month_start, plan.workers_month_end
    asked = as_of or today_local()
    last = min(asked, end)
    targets = targets_for(session, plan, scope.unit_id)
    result = Campaign(
        year=year,
        start=start,
        end=end,
        as_of=last,
        net_target=targets.get(TargetKey.workers_month_net_growth.value),
        unions_target=targets.get(TargetKey.workers_month_new_unions.value),
        over=asked > end,
    )
    if last < start:
        return result

    days = {
        start + dt.timedelta(days=n): CampaignDay(start + dt.timedelta(days=n))
        for n in range((last - start).days + 1)
    }
    moves: dict[dt.date, pace.Movements] = {}
    for day, kind, count in DailyMovements(session, scope, start, last).rows:
        setattr(moves.setdefault(day, pace.Movements()), kind, count)
    for day, m in moves.items():
        days[day].admitted, days[day].departures, days[day].net = m.admitted, m.left, m.net
    founded = _scoped(
        select(GrassrootsUnion.founded_on, func.count()).where(
            GrassrootsUnion.deleted_at.is_(None),
            GrassrootsUnion.founded_on >= start,
            GrassrootsUnion.founded_on <= last,
        ),
        scope,
    ).group_by(GrassrootsUnion.founded_on)
    for day, count in session.exec(founded).all():
        days[day].new_unions += int(count)

    net = unions = 0
    for row in days.values():
        net += row.net
        unions += row.new_unions
        row.cumulative_net, row.cumulative_new_unions = net, unions
    result.days = list(days.values())
    result.top_units = top_units(session, start=start, end=last, scope=scope)
    return result


def top_units(
    session: Session,
    *,
    start: dt.date,
    end: dt.date,
    scope: Scope = EVERYTHING,
    limit: int = TOP_UNITS,
) -> list[CampaignUnit]:
    """The communes (in the structure valid on `end`) with the highest net growth in the window."""
    top = top_level_units(session, end, ("commune", "town"))
    names = dict(session.exec(select(OrgUnit.id, OrgUnit.name)).all())
    totals: dict[int | None, CampaignUnit] = {}

    def row_for(unit_id: int | None) -> CampaignUnit:
        key = top.get(unit_id) if unit_id is not None else None
        if key not in totals:
            totals[key] = CampaignUnit(key, names.get(key, "") if key else "", 0, 0, 0)
        return totals[key]

    (per_union,) = pace.movements_per_union(session, (start, end), scope=scope)
    unit_of = dict(session.exec(select(GrassrootsUnion.id, GrassrootsUnion.unit_id)).all())
    for union_id, moves in per_union.items():
        row = row_for(unit_of.get(union_id))
        row.net += moves.net
        row.admitted += moves.admitted
    founded = _scoped(
        select(GrassrootsUnion.unit_id, func.count()).where(
            GrassrootsUnion.deleted_at.is_(None),
            GrassrootsUnion.founded_on >= start,
            GrassrootsUnion.founded_on <= end,
        ),
        scope,
    ).group_by(GrassrootsUnion.unit_id)
    for unit_id, count in session.exec(founded).all():
        row_for(unit_id).new_unions += int(count)
    ranked = sorted(
        totals.values(),
        key=lambda r: (-r.net, -r.new_unions, -r.admitted, r.unit_id is None, r.name),
    )
    return [row for row in ranked if row.net or row.new_unions or row.admitted][:limit]
