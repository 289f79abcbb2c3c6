"""The progress figures: every number on the overview, the display, the report and `progress --json`.

All of them are computed from dated rows for a plan year, a scope (federation, unit or union) and an
as-of date, aggregated in SQL. Net growth follows the glossary: admissions + transfers in − transfers
out − departures, so a transfer between two unions of the same scope cancels out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from sqlalchemy import and_, case, func, literal, or_
from sqlmodel import Session, select

from core.formatting import today_local
from core.membership import signed_event
from core.models import (
    NON_STATE_OWNERSHIPS,
    Enterprise,
    EventKind,
    GrassrootsUnion,
    MembershipEvent,
    OrgUnit,
    TargetKey,
)
from core.pace import (
    Movements,
    days_inclusive,
    expected_by,
    expected_in_year,
    movements_per_union,
    roll_up,
    share_of_target,
)
from core.pace import status as pace_status
from core.plans import HEADLINE_TARGETS, allocations, get_plan, targets_for
from core.units import EVERYTHING, Scope, links_on, union_filter

PROSPECT_MIN_WORKERS = 20
PROJECTION_WINDOW_DAYS = 90


@dataclass
class MonthRow:
    month: int
    admitted: int
    departures: int
    net: int
    cumulative_net: int


@dataclass
class UnitRow:
    unit_id: int | None
    name: str
    admitted: int
    departures: int
    net: int
    new_unions: int
    net_target: float | None = None  # the unit's allocated net growth target, when it has one
    net_expected: float | None = None  # what an even pace to that target expects by the as-of date

    @property
    def share_of_target(self) -> float | None:
        return share_of_target(self.net, self.net_target)

    @property
    def status(self) -> str:
        return pace_status(self.net, self.net_expected)


@dataclass
class Progress:
    year: int
    as_of: dt.date
    unit: str | None
    net_growth: int
    admissions: int
    departures: int
    transfers_in: int
    transfers_out: int
    new_unions: int
    workers_month_net_growth: int
    workers_month_new_unions: int
    non_state_coverage_pct: float | None
    enterprises_20plus_with_union_pct: float | None
    prospects: int
    non_state_members: int
    non_state_workers: int
    enterprises_20plus: int
    enterprises_20plus_with_union: int
    workers_month_start: dt.date
    workers_month_end: dt.date
    targets: dict[str, float | None] = field(default_factory=dict)
    expected_by_today: dict[str, float | None] = field(default_factory=dict)
    projection: dict[str, float | None] = field(default_factory=dict)

    def to_json(self) -> dict:
        """The `progress --json` contract (the README's command-line table) plus a few extra keys."""
        data = asdict(self)
        for key in ("as_of", "workers_month_start", "workers_month_end"):
            data[key] = data[key].isoformat()
        return data


class NoPlan(LookupError):
    pass


# ---------------------------------------------------------------- movements


def _event_query(scope: Scope, *columns):
    query = select(*columns).where(MembershipEvent.deleted_at.is_(None))
    condition = union_filter(scope)
    if condition is not None:
        query = query.join(GrassrootsUnion, GrassrootsUnion.id == MembershipEvent.union_id).where(
            condition
        )
    return query


class DailyMovements:
    """Event counts of a scope per day and kind over a span, from one grouped query.

    Grouping by day follows the (occurred_on, kind) index, so the database streams the year
    without sorting; every window inside the span (the year so far, Workers' Month, the last 90
    days, each month) is then summed here from at most 366 × 4 rows.
    """

    def __init__(self, session: Session, scope: Scope, start: dt.date, end: dt.date) -> None:
        self.start, self.end = start, end
        self.rows: list[tuple[dt.date, str, int]] = []
        if end >= start:
            self.rows = [
                (day, kind, int(count))
                for day, kind, count in session.exec(
                    _event_query(
                        scope, MembershipEvent.occurred_on, MembershipEvent.kind, func.count()
                    )
                    .where(MembershipEvent.occurred_on >= start, MembershipEvent.occurred_on <= end)
                    .group_by(MembershipEvent.occurred_on, MembershipEvent.kind)
                ).all()
            ]

    def between(self, start: dt.date, end: dt.date) -> Movements:
        """Events from `start` to `end`, both inclusive (a window inside the span)."""
        if end >= start and (start < self.start or end > self.end):
            raise ValueError("window outside the span that was counted")
        moves = Movements()
        for day, kind, count in self.rows:
            if start <= day <= end:
                setattr(moves, kind, getattr(moves, kind) + count)
        return moves


def movements(session: Session, scope: Scope, start: dt.date, end: dt.date) -> Movements:
    """Events dated from `start` to `end`, both inclusive."""
    if end < start:
        return Movements()
    return DailyMovements(session, scope, start, end).between(start, end)


def monthly(session: Session, scope: Scope, year: int, as_of: dt.date) -> list[MonthRow]:
    """Month by month from January to the as-of month, with the running net growth."""
    start = dt.date(year, 1, 1)
    end = min(as_of, dt.date(year, 12, 31))
    months: dict[int, Movements] = {}
    for day, kind, count in DailyMovements(session, scope, start, end).rows:
        moves = months.setdefault(day.month, Movements())
        setattr(moves, kind, getattr(moves, kind) + count)
    result: list[MonthRow] = []
    running = 0
    last_month = end.month if end >= start else 0
    for month_no in range(1, last_month + 1):
        m = months.get(month_no, Movements())
        running += m.net
        result.append(MonthRow(month_no, m.admitted, m.left, m.net, running))
    return result


def members_on(session: Session, scope: Scope, on: dt.date) -> int:
    """Members in the scope at the end of `on`: the sum of their events up to that day.

    Read as the unions' kept counters (the sum of all their events, see core.membership) less the
    events dated after `on`, so the cost follows the recent events, not the whole history.
    """
    query = select(func.coalesce(func.sum(GrassrootsUnion.active_members), 0))
    condition = union_filter(scope)
    if condition is not None:
        query = query.where(condition)
    kept = int(session.exec(query).one())
    later = session.exec(
        _event_query(scope, func.coalesce(func.sum(signed_event()), 0)).where(
            MembershipEvent.occurred_on > on
        )
    ).one()
    return kept - int(later)


# ---------------------------------------------------------------- unions and enterprises


def new_unions(session: Session, scope: Scope, start: dt.date, end: dt.date) -> int:
    """Unions founded from `start` to `end`; one dissolved later in the year still was founded."""
    query = (
        select(func.count())
        .select_from(GrassrootsUnion)
        .where(
            GrassrootsUnion.deleted_at.is_(None),
            GrassrootsUnion.founded_on >= start,
            GrassrootsUnion.founded_on <= end,
        )
    )
    condition = union_filter(scope)
    if condition is not None:
        query = query.where(condition)
    return int(session.exec(query).one())


def enterprise_filter(scope: Scope):
    if scope.union_id is not None:
        return Enterprise.id.in_(
            select(GrassrootsUnion.enterprise_id).where(GrassrootsUnion.id == scope.union_id)
        )
    if scope.unit_ids is not None:
        ids = sorted(scope.unit_ids)
        return or_(
            Enterprise.unit_id.in_(ids),
            Enterprise.id.in_(
                select(GrassrootsUnion.enterprise_id).where(GrassrootsUnion.cluster_id.in_(ids))
            ),
        )
    return None


def _union_active_on(on: dt.date, union=GrassrootsUnion):
    return and_(
        union.deleted_at.is_(None),
        or_(union.founded_on.is_(None), union.founded_on <= on),
        or_(union.dissolved_on.is_(None), union.dissolved_on > on),
    )


def has_union_on(on: dt.date):
    """An enterprise has a union on a date: a linked union active then, or else `union_since`."""
    linked = (
        select(literal(1))
        .select_from(GrassrootsUnion)
        .where(GrassrootsUnion.enterprise_id == Enterprise.id, _union_active_on(on))
        .exists()
    )
    any_linked = (
        select(literal(1))
        .select_from(GrassrootsUnion)
        .where(GrassrootsUnion.enterprise_id == Enterprise.id, GrassrootsUnion.deleted_at.is_(None))
        .exists()
    )
    # `union_since` speaks for enterprises whose union is not recorded here (e.g. from a tax list);
    # once a union record is linked, its founding and dissolution dates decide.
    recorded_elsewhere = and_(
        Enterprise.union_since.is_not(None), Enterprise.union_since <= on, ~any_linked
    )
    return or_(linked, recorded_elsewhere)


def _union_status(on: dt.date):
    """Per enterprise with a linked union record: `active` is 1 when one of them is active on `on`.

    Joined (outer) to the enterprises, it answers `has_union_on` with one pass over the unions
    instead of two correlated lookups per enterprise.
    """
    return (
        select(
            GrassrootsUnion.enterprise_id.label("enterprise_id"),
            func.max(case((_union_active_on(on), 1), else_=0)).label("active"),
        )
        .where(GrassrootsUnion.enterprise_id.is_not(None), GrassrootsUnion.deleted_at.is_(None))
        .group_by(GrassrootsUnion.enterprise_id)
        .subquery()
    )


def _has_union_joined(status, on: dt.date):
    """`has_union_on` over an outer join of the enterprises to `_union_status(on)`."""
    # coalesce: without a linked union `active` is NULL, which NOT would keep NULL (not true).
    return or_(
        func.coalesce(status.c.active, 0) == 1,
        and_(
            status.c.enterprise_id.is_(None),
            Enterprise.union_since.is_not(None),
            Enterprise.union_since <= on,
        ),
    )


def _prospect_query(query, scope: Scope, on: dt.date):
    status = _union_status(on)
    query = query.outerjoin(status, status.c.enterprise_id == Enterprise.id).where(
        Enterprise.deleted_at.is_(None),
        Enterprise.worker_count >= PROSPECT_MIN_WORKERS,
        ~_has_union_joined(status, on),
    )
    condition = enterprise_filter(scope)
    return query.where(condition) if condition is not None else query


def prospect_conditions(on: dt.date):
    return (
        Enterprise.deleted_at.is_(None),
        Enterprise.worker_count >= PROSPECT_MIN_WORKERS,
        ~has_union_on(on),
    )


def prospect_count(session: Session, scope: Scope, on: dt.date) -> int:
    query = _prospect_query(select(func.count()).select_from(Enterprise), scope, on)
    return int(session.exec(query).one())


def prospects(
    session: Session, scope: Scope, on: dt.date, *, limit: int | None = None, offset: int = 0
) -> list[Enterprise]:
    """Enterprises with ≥ 20 workers and no union, largest first: the list staff work from."""
    # Correlated conditions here, not the join of `prospect_count`: with a LIMIT, PostgreSQL walks
    # the worker-count index and a joined aggregate would be rescanned for every enterprise.
    query = select(Enterprise).where(*prospect_conditions(on))
    condition = enterprise_filter(scope)
    if condition is not None:
        query = query.where(condition)
    query = query.order_by(Enterprise.worker_count.desc(), Enterprise.name).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query).all())


def enterprises_20plus_with_union(session: Session, scope: Scope, on: dt.date) -> tuple[int, int]:
    """(with a union, all) among stable enterprises with ≥ 20 workers."""
    status = _union_status(on)
    has_union = _has_union_joined(status, on)
    query = (
        select(func.count(), func.coalesce(func.sum(case((has_union, 1), else_=0)), 0))
        .select_from(Enterprise)
        .outerjoin(status, status.c.enterprise_id == Enterprise.id)
        .where(
            Enterprise.deleted_at.is_(None),
            Enterprise.is_stable.is_(True),
            Enterprise.worker_count >= PROSPECT_MIN_WORKERS,
        )
    )
    condition = enterprise_filter(scope)
    if condition is not None:
        query = query.where(condition)
    total, with_union = session.exec(query).one()
    return int(with_union), int(total)


def non_state_coverage(session: Session, scope: Scope, on: dt.date) -> tuple[int, int]:
    """(members, workers) in non-state enterprises whose worker count is known.

    An enterprise's members are those of its active unions on `on` (the kept counter less the
    events after that day); they are counted up to its worker count, so one over-full union cannot
    hide another enterprise that has none.
    """
    after = (
        select(MembershipEvent.union_id, func.sum(signed_event()).label("delta"))
        .where(MembershipEvent.deleted_at.is_(None), MembershipEvent.occurred_on > on)
        .group_by(MembershipEvent.union_id)
        .subquery()
    )
    per_union = (
        select(
            GrassrootsUnion.enterprise_id.label("enterprise_id"),
            func.sum(GrassrootsUnion.active_members - func.coalesce(after.c.delta, 0)).label(
                "members"
            ),
        )
        .select_from(GrassrootsUnion)
        .outerjoin(after, after.c.union_id == GrassrootsUnion.id)
        .where(GrassrootsUnion.enterprise_id.is_not(None), _union_active_on(on))
        .group_by(GrassrootsUnion.enterprise_id)
        .subquery()
    )
    members = func.coalesce(per_union.c.members, 0)
    capped = case((members > Enterprise.worker_count, Enterprise.worker_count), else_=members)
    query = (
        select(
            func.coalesce(func.sum(case((capped < 0, 0), else_=capped)), 0),
            func.coalesce(func.sum(Enterprise.worker_count), 0),
        )
        .select_from(Enterprise)
        .outerjoin(per_union, per_union.c.enterprise_id == Enterprise.id)
        .where(
            Enterprise.deleted_at.is_(None),
            Enterprise.ownership.in_([o.value for o in NON_STATE_OWNERSHIPS]),
            Enterprise.worker_count.is_not(None),
        )
    )
    condition = enterprise_filter(scope)
    if condition is not None:
        query = query.where(condition)
    covered, workers = session.exec(query).one()
    return int(covered), int(workers)


# ---------------------------------------------------------------- pace and projection


def _run_rate_projection(
    session: Session,
    scope: Scope,
    start: dt.date,
    end: dt.date,
    on: dt.date,
    actual: int,
    count_period,
) -> float:
    """Actual so far plus the pace of the last 90 days (or all days so far) over what remains."""
    if on >= end:
        return float(actual)
    if on < start:
        return 0.0
    window_start = max(start, on - dt.timedelta(days=PROJECTION_WINDOW_DAYS - 1))
    recent = count_period(session, scope, window_start, on)
    rate = recent / days_inclusive(window_start, on)
    return round(actual + rate * (end - on).days, 1)


def progress(
    session: Session,
    *,
    year: int,
    scope: Scope = EVERYTHING,
    as_of: dt.date | None = None,
) -> Progress:
    """The headline figures of `year` up to `as_of` (default today, or the year's end once past)."""
    plan = get_plan(session, year)
    if plan is None:
        raise NoPlan(year)
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    as_of = as_of or min(today_local(), year_end)
    end = min(as_of, year_end)

    wm_start, wm_end = plan.workers_month_start, plan.workers_month_end
    days = DailyMovements(session, scope, min(year_start, wm_start), end)
    year_moves = days.between(year_start, end)
    wm_moves = days.between(wm_start, min(end, wm_end))
    founded = new_unions(session, scope, year_start, end)
    wm_founded = new_unions(session, scope, wm_start, min(end, wm_end))
    covered, workers = non_state_coverage(session, scope, end)
    with_union, big = enterprises_20plus_with_union(session, scope, end)

    targets = {
        key: value
        for key, value in targets_for(session, plan, scope.unit_id).items()
        if key in HEADLINE_TARGETS
    }

    def net_in(_session, _scope, a, b):
        return days.between(a, b).net

    def founded_in(s, sc, a, b):
        return new_unions(s, sc, a, b)

    coverage_pct = round(100 * covered / workers, 1) if workers else None
    union_pct = round(100 * with_union / big, 1) if big else None
    projection = {
        TargetKey.net_growth.value: _run_rate_projection(
            session, scope, year_start, year_end, end, year_moves.net, net_in
        ),
        TargetKey.new_unions.value: _run_rate_projection(
            session, scope, year_start, year_end, end, founded, founded_in
        ),
        TargetKey.workers_month_net_growth.value: _run_rate_projection(
            session, scope, wm_start, wm_end, end, wm_moves.net, net_in
        ),
        TargetKey.workers_month_new_unions.value: _run_rate_projection(
            session, scope, wm_start, wm_end, end, wm_founded, founded_in
        ),
        TargetKey.non_state_coverage_pct.value: coverage_pct,
        TargetKey.enterprises_20plus_with_union_pct.value: union_pct,
    }
    return Progress(
        year=year,
        as_of=end,
        unit=scope.label,
        net_growth=year_moves.net,
        admissions=year_moves.admitted,
        departures=year_moves.left,
        transfers_in=year_moves.transfer_in,
        transfers_out=year_moves.transfer_out,
        new_unions=founded,
        workers_month_net_growth=wm_moves.net,
        workers_month_new_unions=wm_founded,
        non_state_coverage_pct=coverage_pct,
        enterprises_20plus_with_union_pct=union_pct,
        prospects=prospect_count(session, scope, end),
        non_state_members=covered,
        non_state_workers=workers,
        enterprises_20plus=big,
        enterprises_20plus_with_union=with_union,
        workers_month_start=wm_start,
        workers_month_end=wm_end,
        targets=targets,
        expected_by_today=expected_by(targets, year, plan, end),
        projection=projection,
    )


# ---------------------------------------------------------------- breakdowns


def top_level_units(session: Session, on: dt.date, kinds: tuple[str, ...]) -> dict[int, int]:
    """Map every unit to its ancestor of one of `kinds` that sits directly under the federation."""
    parent_of = dict(links_on(session, on))
    unit_kind = dict(session.exec(select(OrgUnit.id, OrgUnit.kind)).all())
    result: dict[int, int] = {}
    for unit_id in unit_kind:
        current, seen = unit_id, set()
        while current is not None and current not in seen:
            seen.add(current)
            parent = parent_of.get(current)
            if unit_kind.get(current) in kinds and (
                parent is None or unit_kind.get(parent) == "federation"
            ):
                result[unit_id] = current
                break
            current = parent
    return result


def breakdown(
    session: Session,
    *,
    year: int,
    as_of: dt.date,
    by: str,
    scope: Scope = EVERYTHING,
) -> list[UnitRow]:
    """Figures per commune (by='commune', in the structure valid on as_of) or per cluster/block.

    A row carries its unit's net growth target (and the even pace to it) only when it holds the whole
    unit: under the whole federation, or the unit `scope` was made for itself. A commune's members inside one cluster are not its target's match.
    """
    column = GrassrootsUnion.unit_id if by == "commune" else GrassrootsUnion.cluster_id
    kinds = ("commune", "town") if by == "commune" else ("cluster", "block")
    start, end = dt.date(year, 1, 1), min(as_of, dt.date(year, 12, 31))
    top = top_level_units(session, end, kinds)
    names = dict(session.exec(select(OrgUnit.id, OrgUnit.name)).all())
    (per_unit,) = movements_per_union(session, (start, end), scope=scope, group=column)
    moves = roll_up(per_unit, top)  # a commune's (cluster's) units up to itself

    founded_query = (
        select(column, func.count())
        .where(
            GrassrootsUnion.deleted_at.is_(None),
            GrassrootsUnion.founded_on >= start,
            GrassrootsUnion.founded_on <= end,
        )
        .group_by(column)
    )
    condition = union_filter(scope)
    if condition is not None:
        founded_query = founded_query.where(condition)
    founded: dict[int | None, int] = {}
    for placed, count in session.exec(founded_query).all():
        key = top.get(placed) if placed is not None else None
        founded[key] = founded.get(key, 0) + int(count)

    net_targets = allocations(session, year, TargetKey.net_growth)
    result = []
    for key in {*moves, *founded}:
        m = moves.get(key, Movements())
        target = None
        if key is not None and (scope.is_everything or key == scope.unit_id):
            target = net_targets.get(key)
        result.append(
            UnitRow(
                unit_id=key,
                name=names.get(key, "") if key is not None else "",
                admitted=m.admitted,
                departures=m.left,
                net=m.net,
                new_unions=founded.get(key, 0),
                net_target=target,
                net_expected=expected_in_year(target, year, end),
            )
        )
    return sorted(result, key=lambda r: (r.unit_id is None, -r.net, r.name))


EVENT_KINDS = tuple(kind.value for kind in EventKind)
