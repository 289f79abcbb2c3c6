"""The admin's side of plans: a year's plan, its targets, and each target's split across units
(giao chỉ tiêu). Admin only, audited; the figures follow at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from core import plans, versioning
from core.access import Actor, require
from core.models import OrgUnit, Plan, PlanTarget, Role, TargetAllocation, TargetKey
from core.records import RecordError
from core.strings import t


class TargetError(RecordError):
    """A plan or target change refused; `key` names the catalogue message."""


def _check_value(key: TargetKey | str, value: float) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise TargetError("target.bad_value") from None
    if value < 0 or value != value:
        raise TargetError("target.bad_value")
    if key in plans.PERCENT_TARGETS and value > 100:
        raise TargetError("target.pct_over_100")
    return value


def _check_window(year: int, start: dt.date, end: dt.date) -> None:
    if end < start or start.year != year or end.year != year:
        raise TargetError("target.bad_window", year=year)


def create_plan(
    session: Session,
    *,
    actor: Actor,
    year: int,
    title: str,
    workers_month: tuple[dt.date, dt.date] | None = None,
    copy_from: int | None = None,
) -> Plan:
    """A new year's plan; its targets copied from another year's (or the 2025 plan's)."""
    require(actor, Role.admin)
    if plans.get_plan(session, year) is not None:
        raise TargetError("target.plan_exists", year=year)
    start, end = workers_month or plans.default_workers_month(year)
    _check_window(year, start, end)
    source = plans.get_plan(session, copy_from) if copy_from else None
    values = (
        {
            TargetKey(k): v
            for k, v in session.exec(
                select(PlanTarget.key, PlanTarget.value).where(PlanTarget.plan_id == source.id)
            ).all()
        }
        if source
        else dict(plans.PLAN_2025_TARGETS)
    )
    if not (title or "").strip():
        title = t("target.default_title", year=year)
    return plans.create_plan(
        session,
        year=year,
        title=title,
        targets=values,
        by_user=actor.username,
        workers_month=(start, end),
    )


def update_plan(
    session: Session,
    *,
    actor: Actor,
    plan_id: int,
    expected_version: int,
    title: str,
    workers_month: tuple[dt.date, dt.date],
) -> Plan:
    require(actor, Role.admin)
    with versioning.editing(
        session, Plan, plan_id, expected_version, username=actor.username
    ) as plan:
        start, end = workers_month
        _check_window(plan.year, start, end)
        title = (title or "").strip()
        if not title:
            raise TargetError("target.title_required")
        plan.title = title
        plan.workers_month_start, plan.workers_month_end = start, end
    return plan


def set_target(
    session: Session, *, actor: Actor, plan: Plan, key: TargetKey | str, value: float | None
) -> PlanTarget | None:
    """A target of the plan for the whole federation; None removes nothing but is refused."""
    require(actor, Role.admin)
    key = TargetKey(key)
    if value is None:
        raise TargetError("target.bad_value")
    value = _check_value(key, value)
    target = session.exec(
        select(PlanTarget).where(PlanTarget.plan_id == plan.id, PlanTarget.key == key)
    ).first()
    return plans.put_value(
        session,
        target or PlanTarget(plan_id=plan.id, key=key, value=value),
        value,
        by_user=actor.username,
    )


def allocate(
    session: Session,
    *,
    actor: Actor,
    plan: Plan,
    key: TargetKey | str,
    unit_id: int,
    value: float,
) -> TargetAllocation:
    """A unit's share of a count target (percentages apply to every unit as they are)."""
    require(actor, Role.admin)
    key = TargetKey(key)
    if key in plans.PERCENT_TARGETS:
        raise TargetError("target.pct_not_split")
    unit = session.get(OrgUnit, unit_id)
    if unit is None or unit.deleted_at is not None:
        raise TargetError("record.reference_missing")
    value = _check_value(key, value)
    if (
        session.exec(
            select(PlanTarget.id).where(PlanTarget.plan_id == plan.id, PlanTarget.key == key)
        ).first()
        is None
    ):
        raise TargetError("target.missing")
    return plans.allocate(
        session, plan=plan, key=key, unit_id=unit_id, value=value, by_user=actor.username
    )


@dataclass(frozen=True)
class SplitRow:
    key: str
    target: float | None
    allocated: float
    units: dict[int, float]  # unit id -> share

    @property
    def unallocated(self) -> float | None:
        return None if self.target is None else self.target - self.allocated


def split(session: Session, plan: Plan) -> list[SplitRow]:
    """Each count target of the plan with its shares by unit and what is left to allocate."""
    targets = dict(
        session.exec(
            select(PlanTarget.key, PlanTarget.value).where(PlanTarget.plan_id == plan.id)
        ).all()
    )
    shares: dict[str, dict[int, float]] = {}
    for key, unit_id, value in session.exec(
        select(PlanTarget.key, TargetAllocation.unit_id, TargetAllocation.value)
        .join(TargetAllocation, TargetAllocation.target_id == PlanTarget.id)
        .where(PlanTarget.plan_id == plan.id)
    ).all():
        shares.setdefault(key, {})[unit_id] = value
    return [
        SplitRow(
            key.value,
            targets.get(key.value),
            sum(shares.get(key.value, {}).values()),
            shares.get(key.value, {}),
        )
        for key in TargetKey
        if key not in plans.PERCENT_TARGETS
    ]
