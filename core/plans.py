"""Plans, their targets and each target's split across units (giao chỉ tiêu)."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from sqlmodel import Session, select

from core import versioning
from core.models import Plan, PlanTarget, TargetAllocation, TargetKey

Target = TypeVar("Target", PlanTarget, TargetAllocation)

# Kế hoạch phát triển đoàn viên, thành lập CĐCS năm 2025, part II.
PLAN_2025_TARGETS: dict[TargetKey, float] = {
    TargetKey.net_growth: 2500,
    TargetKey.workers_month_net_growth: 500,
    TargetKey.new_unions: 7,
    TargetKey.workers_month_new_unions: 3,
    TargetKey.non_state_coverage_pct: 95,
    TargetKey.enterprises_20plus_with_union_pct: 100,
}
PLAN_2025_TITLE = "Kế hoạch phát triển đoàn viên, thành lập công đoàn cơ sở năm 2025"

# The six targets of part II, shown as the headline figures; the duties of parts III and IV have
# their own targets (core.duties), reported beside them under `other_targets`.
HEADLINE_TARGETS = tuple(PLAN_2025_TARGETS)
DUTY_TARGETS = (
    TargetKey.party_introductions,
    TargetKey.party_cells,
    TargetKey.briefings_held,
    TargetKey.trainings_held,
)
PERCENT_TARGETS = (TargetKey.non_state_coverage_pct, TargetKey.enterprises_20plus_with_union_pct)
WORKERS_MONTH_TARGETS = (TargetKey.workers_month_net_growth, TargetKey.workers_month_new_unions)


def default_workers_month(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 5, 1), dt.date(year, 5, 31)


def get_plan(session: Session, year: int) -> Plan | None:
    return session.exec(select(Plan).where(Plan.year == year)).first()


def plan_years(session: Session) -> list[int]:
    return list(session.exec(select(Plan.year).order_by(Plan.year.desc())).all())


def create_plan(
    session: Session,
    *,
    year: int,
    title: str,
    targets: dict[TargetKey, float],
    by_user: str | None,
    workers_month: tuple[dt.date, dt.date] | None = None,
) -> Plan:
    start, end = workers_month or default_workers_month(year)
    plan = versioning.create(
        session,
        Plan(year=year, title=title, workers_month_start=start, workers_month_end=end),
        username=by_user,
    )
    for key, value in targets.items():
        versioning.create(
            session, PlanTarget(plan_id=plan.id, key=key, value=value), username=by_user
        )
    return plan


def ensure_plan_2025(session: Session, by_user: str | None = None) -> Plan:
    return get_plan(session, 2025) or create_plan(
        session, year=2025, title=PLAN_2025_TITLE, targets=PLAN_2025_TARGETS, by_user=by_user
    )


def targets_for(
    session: Session, plan: Plan, unit_id: int | None = None
) -> dict[str, float | None]:
    """The plan's targets for the federation, or a unit's allocated share.

    A unit without an allocation has no count targets (None); the percentage targets are the same
    for every unit.
    """
    rows = session.exec(select(PlanTarget).where(PlanTarget.plan_id == plan.id)).all()
    targets: dict[str, float | None] = {key.value: None for key in TargetKey}
    for row in rows:
        targets[row.key] = row.value
    if unit_id is None:
        return targets
    shares = dict(
        session.exec(
            select(PlanTarget.key, TargetAllocation.value)
            .join(TargetAllocation, TargetAllocation.target_id == PlanTarget.id)
            .where(PlanTarget.plan_id == plan.id, TargetAllocation.unit_id == unit_id)
        ).all()
    )
    return {key: (targets[key] if key in PERCENT_TARGETS else shares.get(key)) for key in targets}


def allocations(session: Session, year: int, key: TargetKey) -> dict[int, float]:
    """Every unit's allocated share of one of the year's targets, in one query: unit id -> value
    (empty without a plan for the year)."""
    return {
        int(unit_id): float(value)
        for unit_id, value in session.exec(
            select(TargetAllocation.unit_id, TargetAllocation.value)
            .join(PlanTarget, TargetAllocation.target_id == PlanTarget.id)
            .join(Plan, PlanTarget.plan_id == Plan.id)
            .where(Plan.year == year, PlanTarget.key == key.value)
        ).all()
    }


def allocate(
    session: Session, *, plan: Plan, key: TargetKey, unit_id: int, value: float, by_user: str | None
) -> TargetAllocation:
    target = session.exec(
        select(PlanTarget).where(PlanTarget.plan_id == plan.id, PlanTarget.key == key)
    ).one()
    existing = session.exec(
        select(TargetAllocation).where(
            TargetAllocation.target_id == target.id, TargetAllocation.unit_id == unit_id
        )
    ).first()
    return put_value(
        session,
        existing or TargetAllocation(target_id=target.id, unit_id=unit_id, value=value),
        value,
        by_user=by_user,
    )


def put_value(session: Session, record: Target, value: float, *, by_user: str | None) -> Target:
    """Insert a new target or share, or set a stored one's value under its row lock."""
    if record.id is None:
        return versioning.create(session, record, username=by_user)
    with versioning.editing(session, type(record), record.id, None, username=by_user) as stored:
        stored.value = value
    return stored
