"""What the report workbook reads from the database, gathered in one place: the figures of the
briefing (`core.briefing`), the duties' rows, the organising board, the unions founded in the year,
movements month by month and per union, and the reasons members left. Every count is aggregated in
SQL; net growth is counted by `core.pace`, as on every other surface."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from core import briefing, duties, organising, pace, ranking
from core.metrics import DailyMovements
from core.models import EventKind, GrassrootsUnion, MembershipEvent, OrgUnit
from core.reports.period import Period, period_of
from core.units import EVERYTHING


@dataclass(frozen=True)
class NewUnion:
    name: str
    kind: str
    commune: str | None
    cluster: str | None
    decision_no: str | None
    founded_on: dt.date
    members: int  # on the period's as-of date


@dataclass(frozen=True)
class UnionMoves:
    union: str
    commune: str | None
    moves: pace.Movements


@dataclass
class ReportData:
    period: Period
    figures: briefing.BriefingFigures
    duty_rows: list[duties.ReportRow]
    new_unions: list[NewUnion]
    prospects: list[organising.Card]
    months: dict[int, pace.Movements]  # month -> the federation's movements
    union_moves: list[UnionMoves]  # the period's own movements, largest net growth first
    leave_reasons: list[tuple[str | None, int]]


def new_unions(session: Session, period: Period) -> list[NewUnion]:
    """Unions founded from 1 January to the as-of date, with their members on that date."""
    unit = OrgUnit.__table__.alias("unit")  # pyright: ignore[reportAttributeAccessIssue]  # SQLModel: a table model has __table__
    cluster = OrgUnit.__table__.alias("cluster")  # pyright: ignore[reportAttributeAccessIssue]  # SQLModel: a table model has __table__
    rows = session.exec(
        select(
            GrassrootsUnion.id,
            GrassrootsUnion.name,
            GrassrootsUnion.kind,
            unit.c.name,
            cluster.c.name,
            GrassrootsUnion.decision_no,
            GrassrootsUnion.founded_on,
        )
        .outerjoin(unit, unit.c.id == GrassrootsUnion.unit_id)
        .outerjoin(cluster, cluster.c.id == GrassrootsUnion.cluster_id)
        .where(
            GrassrootsUnion.deleted_at.is_(None),
            GrassrootsUnion.founded_on >= dt.date(period.year, 1, 1),
            GrassrootsUnion.founded_on <= period.end,
        )
        .order_by(GrassrootsUnion.founded_on, GrassrootsUnion.name)
    ).all()
    members = {
        row.id: row.members
        for row in ranking.ranking(session, year=period.year, level="union", as_of=period.end).rows
    }
    return [
        NewUnion(name, kind, commune, cluster_name, decision, founded, members.get(union_id, 0))
        for union_id, name, kind, commune, cluster_name, decision, founded in rows
    ]


def month_moves(session: Session, year: int, end: dt.date) -> dict[int, pace.Movements]:
    """Month -> movements of the whole federation from 1 January to `end`."""
    result: dict[int, pace.Movements] = {}
    for day, kind, count in DailyMovements(session, EVERYTHING, dt.date(year, 1, 1), end).rows:
        moves = result.setdefault(day.month, pace.Movements())
        setattr(moves, kind, getattr(moves, kind) + count)
    return result


def union_moves(session: Session, start: dt.date, end: dt.date) -> list[UnionMoves]:
    """Each union's movements from `start` to `end`, largest net growth first."""
    (per_union,) = pace.movements_per_union(session, (start, end))
    if not per_union:
        return []
    names = {
        union_id: (name, commune)
        for union_id, name, commune in session.exec(
            select(GrassrootsUnion.id, GrassrootsUnion.name, OrgUnit.name)
            .outerjoin(OrgUnit, OrgUnit.id == GrassrootsUnion.unit_id)
            .where(GrassrootsUnion.id.in_(sorted(per_union)))
        ).all()
    }
    rows = [
        UnionMoves(names[union_id][0], names[union_id][1], moves)
        for union_id, moves in per_union.items()
    ]
    return sorted(rows, key=lambda row: (-row.moves.net, row.union))


def leave_reasons(session: Session, start: dt.date, end: dt.date) -> list[tuple[str | None, int]]:
    """(reason, departures) from `start` to `end`, the most frequent first."""
    return [
        (reason, int(count))
        for reason, count in session.exec(
            select(MembershipEvent.reason, func.count())
            .where(
                MembershipEvent.deleted_at.is_(None),
                MembershipEvent.kind == EventKind.left,
                MembershipEvent.occurred_on >= start,
                MembershipEvent.occurred_on <= end,
            )
            .group_by(MembershipEvent.reason)
            .order_by(func.count().desc())
        ).all()
    ]


def report_data(
    session: Session, *, year: int, quarter: int | None, today: dt.date | None = None
) -> ReportData:
    """Everything the report of `quarter` of `year` shows; NoPlan without a plan."""
    period = period_of(year, quarter, today)
    return ReportData(
        period=period,
        figures=briefing.figures(session, year=year, quarter=quarter, today=today),
        duty_rows=duties.report_rows(session, year=year, as_of=period.end),
        new_unions=new_unions(session, period),
        prospects=organising.board(session, on=period.end),
        months=month_moves(session, year, period.end),
        union_moves=union_moves(session, period.start, period.end),
        leave_reasons=leave_reasons(session, period.start, period.end),
    )
