"""Every write of a member's movements: admissions, transfers, departures, and founding a union.

Each function works in the caller's session (one transaction), writes the dated event that figures
are computed from, keeps `GrassrootsUnion.active_members` equal to the sum of that union's events,
writes the audit log and bumps the data version so caches are dropped.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import case, func, update
from sqlmodel import Session, select

from core import audit
from core.db import bump_data_version
from core.models import (
    EVENT_SIGN,
    Enterprise,
    EventKind,
    GrassrootsUnion,
    LeaveReason,
    Member,
    MembershipEvent,
    MemberStatus,
    utcnow,
)

FOREIGN_WORKERS_FROM = dt.date(2025, 7, 1)
FOREIGN_MIN_CONTRACT_MONTHS = 12


class RuleViolation(ValueError):
    """A write that the plan's rules refuse; `key` names the catalogue message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def message(self) -> str:
        from core.strings import t

        return t(self.key, **self.values)


def is_foreign(nationality: str | None) -> bool:
    return (nationality or "VN").strip().upper() not in {"VN", "VIỆT NAM", "VIET NAM", "VIETNAM"}


def check_foreign_worker(
    *,
    nationality: str | None,
    on: dt.date,
    contract_months: int | None,
    has_application: bool | None,
) -> None:
    """The 2024 Trade Union Law: foreign workers from 1/7/2025, contract ≥ 12 months, written application."""
    if not is_foreign(nationality):
        return
    if on < FOREIGN_WORKERS_FROM:
        raise RuleViolation("rule.foreign_before_law")
    if contract_months is None or contract_months < FOREIGN_MIN_CONTRACT_MONTHS:
        raise RuleViolation("rule.foreign_contract_short")
    if not has_application:
        raise RuleViolation("rule.foreign_no_application")


def _change_count(session: Session, union_id: int, delta: int) -> None:
    session.exec(
        update(GrassrootsUnion)
        .where(GrassrootsUnion.id == union_id)
        .values(active_members=GrassrootsUnion.active_members + delta)
    )


def add_event(
    session: Session,
    *,
    member: Member,
    union_id: int,
    kind: EventKind,
    on: dt.date,
    by_user: str | None,
    reason: LeaveReason | None = None,
    other_union_id: int | None = None,
    batch_id: int | None = None,
) -> MembershipEvent:
    event = MembershipEvent(
        member_id=member.id,
        union_id=union_id,
        kind=kind,
        occurred_on=on,
        reason=reason,
        other_union_id=other_union_id,
        batch_id=batch_id,
    )
    session.add(event)
    session.flush()
    _change_count(session, union_id, EVENT_SIGN[EventKind(kind)])
    audit.record_change(session, username=by_user, action="insert", record=event, batch_id=batch_id)
    return event


def admit_member(
    *,
    session: Session,
    member: Member,
    union_id: int,
    on: dt.date,
    by_user: str | None,
    batch_id: int | None = None,
) -> Member:
    """Admit a new member (a Member not yet saved) into a union on a date."""
    check_foreign_worker(
        nationality=member.nationality,
        on=on,
        contract_months=member.contract_months,
        has_application=member.has_application,
    )
    member.union_id = union_id
    member.status = MemberStatus.active
    member.joined_on = on
    member.left_on = None
    member.batch_id = batch_id
    session.add(member)
    session.flush()
    audit.record_change(
        session, username=by_user, action="insert", record=member, batch_id=batch_id
    )
    add_event(
        session,
        member=member,
        union_id=union_id,
        kind=EventKind.admitted,
        on=on,
        by_user=by_user,
        batch_id=batch_id,
    )
    bump_data_version(session)
    return member


def transfer_member(
    *,
    session: Session,
    member: Member,
    to_union_id: int,
    on: dt.date,
    by_user: str | None,
    batch_id: int | None = None,
) -> Member:
    """Move an active member to another union: -1 for the old union, +1 for the new one."""
    if member.status != MemberStatus.active or member.union_id is None:
        raise RuleViolation("rule.transfer_not_active")
    if member.union_id == to_union_id:
        raise RuleViolation("rule.transfer_same_union")
    before = audit.snapshot(member)
    from_union_id = member.union_id
    add_event(
        session,
        member=member,
        union_id=from_union_id,
        kind=EventKind.transfer_out,
        on=on,
        by_user=by_user,
        other_union_id=to_union_id,
        batch_id=batch_id,
    )
    add_event(
        session,
        member=member,
        union_id=to_union_id,
        kind=EventKind.transfer_in,
        on=on,
        by_user=by_user,
        other_union_id=from_union_id,
        batch_id=batch_id,
    )
    member.union_id = to_union_id
    member.updated_at = utcnow()
    member.version += 1
    session.add(member)
    audit.record_change(
        session, username=by_user, action="update", record=member, before=before, batch_id=batch_id
    )
    bump_data_version(session)
    return member


def record_departure(
    *,
    session: Session,
    member: Member,
    on: dt.date,
    reason: LeaveReason,
    by_user: str | None,
    batch_id: int | None = None,
) -> Member:
    if member.status != MemberStatus.active or member.union_id is None:
        raise RuleViolation("rule.leave_not_active")
    if member.joined_on and on < member.joined_on:
        raise RuleViolation("rule.leave_before_join")
    before = audit.snapshot(member)
    add_event(
        session,
        member=member,
        union_id=member.union_id,
        kind=EventKind.left,
        on=on,
        by_user=by_user,
        reason=reason,
        batch_id=batch_id,
    )
    member.status = MemberStatus.left
    member.left_on = on
    member.updated_at = utcnow()
    member.version += 1
    session.add(member)
    audit.record_change(
        session, username=by_user, action="update", record=member, before=before, batch_id=batch_id
    )
    bump_data_version(session)
    return member


def found_union(
    *, session: Session, union: GrassrootsUnion, by_user: str | None, batch_id: int | None = None
) -> GrassrootsUnion:
    """Record a new grassroots union; its enterprise, if any, now has a union since that date."""
    union.batch_id = batch_id
    session.add(union)
    session.flush()
    if union.enterprise_id is not None:
        enterprise = session.get(Enterprise, union.enterprise_id)
        if enterprise is not None and not enterprise.union_since:
            before = audit.snapshot(enterprise)
            enterprise.union_since = union.founded_on
            enterprise.version += 1
            enterprise.updated_at = utcnow()
            session.add(enterprise)
            audit.record_change(
                session,
                username=by_user,
                action="update",
                record=enterprise,
                before=before,
                batch_id=batch_id,
            )
    audit.record_change(session, username=by_user, action="insert", record=union, batch_id=batch_id)
    bump_data_version(session)
    return union


def signed_event():
    """SQL expression: +1 for admissions and transfers in, -1 for transfers out and departures."""
    return case(
        (MembershipEvent.kind.in_([EventKind.admitted, EventKind.transfer_in]), 1),
        else_=-1,
    )


def recount_active_members(session: Session) -> dict[int, int]:
    """Each union's member count recomputed from its events (the reference for the kept counter)."""
    rows = session.exec(
        select(MembershipEvent.union_id, func.sum(signed_event()))
        .where(MembershipEvent.deleted_at.is_(None))
        .group_by(MembershipEvent.union_id)
    ).all()
    return {union_id: int(total or 0) for union_id, total in rows}


def refresh_active_members(session: Session) -> None:
    """Set every union's kept counter from a full recount (after bulk loads)."""
    counts = recount_active_members(session)
    session.exec(update(GrassrootsUnion).values(active_members=0))
    for union_id, total in counts.items():
        session.exec(
            update(GrassrootsUnion)
            .where(GrassrootsUnion.id == union_id)
            .values(active_members=total)
        )
    bump_data_version(session)
