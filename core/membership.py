"""Every write of a member's movements: admissions, transfers, departures, and founding a union.

Each function works in the caller's session (one transaction), writes the dated event that figures
are computed from, keeps `GrassrootsUnion.active_members` equal to the sum of that union's events,
and saves through `core.versioning` (stamped, audited, the data version bumped so caches are
dropped). The record pages call these through `core.records`, which first claims the member's
version; the importer calls them directly, and admits new members in bulk (`admit_members_bulk`,
its rows written by `core.bulk_insert`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import bindparam, case, func, update
from sqlmodel import Session, select

from core import audit, bulk_insert, versioning
from core.db import bump_data_version
from core.errors import CatalogueError
from core.models import (
    EVENT_SIGN,
    Enterprise,
    EventKind,
    GrassrootsUnion,
    LeaveReason,
    Member,
    MemberBase,
    MembershipEvent,
    MemberStatus,
    utcnow,
)

FOREIGN_WORKERS_FROM = dt.date(2025, 7, 1)
FOREIGN_MIN_CONTRACT_MONTHS = 12


class RuleViolation(CatalogueError, ValueError):
    """A write that the plan's rules refuse; `key` names the catalogue message."""


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


def check_member_may_join(member: Member, on: dt.date) -> None:
    """The foreign-worker rule applied to a member record joining (or rejoining) on `on`."""
    check_foreign_worker(
        nationality=member.nationality,
        on=on,
        contract_months=member.contract_months,
        has_application=member.has_application,
    )


def _change_count(session: Session, union_id: int, delta: int) -> None:
    session.exec(
        update(GrassrootsUnion)
        .where(GrassrootsUnion.id == union_id)
        .values(active_members=GrassrootsUnion.active_members + delta)
    )


def _count(session: Session, union_id: int, delta: int, deltas: dict[int, int] | None) -> None:
    if deltas is None:
        _change_count(session, union_id, delta)
    else:
        deltas[union_id] = deltas.get(union_id, 0) + delta


def _net(session: Session, deltas: dict[int, int]) -> None:
    """Move each union's counter once by the net of several events changed together: one by one,
    a counter could pass below zero on the way (an admission voided before the departure after
    it), which the database refuses."""
    for union_id, delta in sorted(deltas.items()):
        if delta:
            _change_count(session, union_id, delta)


def _save_member(
    session: Session,
    member: Member,
    before: dict,
    *,
    by_user: str | None,
    action: str = "update",
    batch_id: int | None = None,
) -> Member:
    versioning.save(
        session, member, username=by_user, before=before, action=action, batch_id=batch_id
    )
    return member


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
    deltas: dict[int, int] | None = None,
) -> MembershipEvent:
    """Record one movement; its union's counter moves now, or is added to `deltas` (see _net)."""
    event = MembershipEvent(
        member_id=member.id,
        union_id=union_id,
        kind=kind,
        occurred_on=on,
        reason=reason,
        other_union_id=other_union_id,
        batch_id=batch_id,
    )
    versioning.create(session, event, username=by_user, batch_id=batch_id)
    _count(session, union_id, EVENT_SIGN[EventKind(kind)], deltas)
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
    check_member_may_join(member, on)
    member.union_id = union_id
    member.status = MemberStatus.active
    member.joined_on = on
    member.left_on = None
    member.batch_id = batch_id
    versioning.create(session, member, username=by_user, batch_id=batch_id)
    add_event(
        session,
        member=member,
        union_id=union_id,
        kind=EventKind.admitted,
        on=on,
        by_user=by_user,
        batch_id=batch_id,
    )
    return member


def _counted_active(member: Member) -> bool:
    """Active and counted in a union: a removed member's events no longer count, so moving them
    would take from a union a member it does not hold (its counter below zero)."""
    return (
        member.status == MemberStatus.active
        and member.union_id is not None
        and member.deleted_at is None
    )


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
    if not _counted_active(member):
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
    return _save_member(session, member, before, by_user=by_user, batch_id=batch_id)


def record_departure(
    *,
    session: Session,
    member: Member,
    on: dt.date,
    reason: LeaveReason,
    by_user: str | None,
    batch_id: int | None = None,
) -> Member:
    if not _counted_active(member):
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
    return _save_member(session, member, before, by_user=by_user, batch_id=batch_id)


def found_union(
    *, session: Session, union: GrassrootsUnion, by_user: str | None, batch_id: int | None = None
) -> GrassrootsUnion:
    """Record a new grassroots union; its enterprise, if any, now has a union since that date."""
    union.batch_id = batch_id
    versioning.create(session, union, username=by_user, batch_id=batch_id)
    if union.enterprise_id is not None:
        # Locked before it is read, so an edit of the enterprise at the same time is not lost.
        enterprise = versioning.claim(session, Enterprise, union.enterprise_id, None)
        if not enterprise.union_since:
            before = audit.snapshot(enterprise)
            enterprise.union_since = union.founded_on
            versioning.save(session, enterprise, username=by_user, before=before, batch_id=batch_id)
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


def readmit_member(
    *,
    session: Session,
    member: Member,
    union_id: int,
    on: dt.date,
    by_user: str | None,
    batch_id: int | None = None,
) -> Member:
    """Admit again someone who had left: a new admission event; the earlier history stays."""
    if member.status != MemberStatus.left:
        raise RuleViolation("rule.readmit_not_left")
    if member.left_on and on < member.left_on:
        raise RuleViolation("rule.readmit_before_leave")
    check_member_may_join(member, on)
    before = audit.snapshot(member)
    add_event(
        session,
        member=member,
        union_id=union_id,
        kind=EventKind.admitted,
        on=on,
        by_user=by_user,
        batch_id=batch_id,
    )
    member.union_id = union_id
    member.status = MemberStatus.active
    member.joined_on = on
    member.left_on = None
    return _save_member(session, member, before, by_user=by_user, batch_id=batch_id)


# ---------------------------------------------------------------- corrections and soft delete


def member_events(session: Session, member_id: int) -> list[MembershipEvent]:
    """A member's events still in force, oldest first (same day: in the order recorded)."""
    return list(
        session.exec(
            select(MembershipEvent)
            .where(MembershipEvent.member_id == member_id, MembershipEvent.deleted_at.is_(None))
            .order_by(MembershipEvent.occurred_on, MembershipEvent.id)
        ).all()
    )


def _movement_of(session: Session, event: MembershipEvent) -> list[MembershipEvent]:
    """The event and, for a transfer, its other half (same member, day and pair of unions)."""
    if event.kind not in (EventKind.transfer_in, EventKind.transfer_out):
        return [event]
    other_kind = (
        EventKind.transfer_out if event.kind == EventKind.transfer_in else EventKind.transfer_in
    )
    partner = session.exec(
        select(MembershipEvent).where(
            MembershipEvent.member_id == event.member_id,
            MembershipEvent.kind == other_kind,
            MembershipEvent.occurred_on == event.occurred_on,
            MembershipEvent.union_id == event.other_union_id,
            MembershipEvent.other_union_id == event.union_id,
            MembershipEvent.deleted_at.is_(None),
        )
    ).first()
    return sorted([event, partner] if partner else [event], key=lambda e: e.id)


def _void(
    session: Session,
    event: MembershipEvent,
    *,
    at: dt.datetime,
    by_user: str | None,
    action: str,
    deltas: dict[int, int],
) -> None:
    before = audit.snapshot(event)
    event.deleted_at = at
    versioning.save(session, event, username=by_user, before=before, action=action)
    _count(session, event.union_id, -EVENT_SIGN[EventKind(event.kind)], deltas)


def _settle_member(session: Session, member: Member, by_user: str | None, before: dict) -> Member:
    """Set the member's status, union and dates from the events still in force."""
    session.flush()
    events = member_events(session, member.id)
    if not events:
        raise RuleViolation("rule.void_only_event")
    last = events[-1]
    admissions = [e for e in events if e.kind == EventKind.admitted]
    member.union_id = last.union_id
    member.joined_on = admissions[-1].occurred_on if admissions else events[0].occurred_on
    if last.kind == EventKind.left:
        member.status = MemberStatus.left
        member.left_on = last.occurred_on
    else:
        member.status = MemberStatus.active
        member.left_on = None
    return _save_member(session, member, before, by_user=by_user)


def void_event(*, session: Session, event: MembershipEvent, by_user: str | None) -> Member:
    """Take back a movement recorded by mistake (a transfer: both halves).

    Only the member's latest movement can be taken back, so the history stays a sequence that
    makes sense; an earlier one is corrected with `correct_event`. The event is kept, marked
    `deleted_at`, and leaves every figure at once.
    """
    if event.deleted_at is not None:
        raise RuleViolation("rule.event_already_void")
    movement = _movement_of(session, event)
    events = member_events(session, event.member_id)
    ids = {e.id for e in movement}
    if {e.id for e in events[-len(movement) :]} != ids:
        raise RuleViolation("rule.void_not_latest")
    if len(events) == len(movement):
        raise RuleViolation("rule.void_only_event")
    member = session.get(Member, event.member_id)
    before = audit.snapshot(member)
    at = utcnow()
    deltas: dict[int, int] = {}
    for item in movement:
        _void(session, item, at=at, by_user=by_user, action="void", deltas=deltas)
    _net(session, deltas)
    return _settle_member(session, member, by_user, before)


def correct_event(
    *,
    session: Session,
    event: MembershipEvent,
    by_user: str | None,
    on: dt.date | None = None,
    reason: LeaveReason | None = None,
) -> Member:
    """Record a movement again with the right date (or leaving reason): the mistaken event is voided
    and the right one recorded, both audited. The new date must keep the member's events in order."""
    if event.deleted_at is not None:
        raise RuleViolation("rule.event_already_void")
    on = on or event.occurred_on
    if reason is not None and event.kind != EventKind.left:
        raise RuleViolation("rule.reason_only_for_leaving")
    new_reason = (reason or event.reason) if event.kind == EventKind.left else None
    if on == event.occurred_on and new_reason == event.reason:
        return session.get(Member, event.member_id)
    movement = _movement_of(session, event)
    ids = {e.id for e in movement}
    others = [e for e in member_events(session, event.member_id) if e.id not in ids]
    earlier = [e for e in others if (e.occurred_on, e.id) < (event.occurred_on, event.id)]
    later = [e for e in others if (e.occurred_on, e.id) > (event.occurred_on, event.id)]
    if (earlier and on < earlier[-1].occurred_on) or (later and on > later[0].occurred_on):
        raise RuleViolation("rule.correct_out_of_order")
    member = session.get(Member, event.member_id)
    if event.kind == EventKind.admitted:
        check_member_may_join(member, on)
    before = audit.snapshot(member)
    at = utcnow()
    deltas: dict[int, int] = {}
    for item in movement:
        _void(session, item, at=at, by_user=by_user, action="void", deltas=deltas)
    for item in movement:
        add_event(
            session,
            member=member,
            union_id=item.union_id,
            kind=EventKind(item.kind),
            on=on,
            by_user=by_user,
            reason=LeaveReason(new_reason) if item.kind == EventKind.left else None,
            other_union_id=item.other_union_id,
            deltas=deltas,
        )
    _net(session, deltas)
    return _settle_member(session, member, by_user, before)


def soft_delete_member(*, session: Session, member: Member, by_user: str | None) -> Member:
    """Hide a member recorded by mistake: the member and their events leave every figure at once
    (all marked with the same `deleted_at`, so `restore_member` brings back exactly these)."""
    if member.deleted_at is not None:
        return member
    before = audit.snapshot(member)
    at = utcnow()
    deltas: dict[int, int] = {}
    for event in member_events(session, member.id):
        _void(session, event, at=at, by_user=by_user, action="delete", deltas=deltas)
    _net(session, deltas)
    member.deleted_at = at
    return _save_member(session, member, before, by_user=by_user, action="delete")


def restore_member(*, session: Session, member: Member, by_user: str | None) -> Member:
    """Undo `soft_delete_member`: the member and the events hidden with them count again."""
    if member.deleted_at is None:
        return member
    before = audit.snapshot(member)
    hidden = session.exec(
        select(MembershipEvent).where(
            MembershipEvent.member_id == member.id,
            MembershipEvent.deleted_at == member.deleted_at,
        )
    ).all()
    deltas: dict[int, int] = {}
    for event in hidden:
        event_before = audit.snapshot(event)
        event.deleted_at = None
        versioning.save(session, event, username=by_user, before=event_before, action="restore")
        _count(session, event.union_id, EVENT_SIGN[EventKind(event.kind)], deltas)
    _net(session, deltas)
    member.deleted_at = None
    return _save_member(session, member, before, by_user=by_user, action="restore")


# --- Bulk and import-time variants (the importer writes thousands of rows in one transaction) ---


def _change_counts(session: Session, deltas: dict[int, int]) -> None:
    changes = [{"b_id": union_id, "b_delta": delta} for union_id, delta in deltas.items() if delta]
    if changes:
        session.connection().execute(
            update(GrassrootsUnion.__table__)
            .where(GrassrootsUnion.__table__.c.id == bindparam("b_id"))
            .values(
                active_members=GrassrootsUnion.__table__.c.active_members + bindparam("b_delta")
            ),
            changes,
        )


def admit_members_bulk(
    *,
    session: Session,
    members: list[dict],
    by_user: str | None,
    batch_id: int | None = None,
) -> list[int]:
    """Admit many new members at once, as `admit_member` does one: each dict holds Member columns
    with `union_id` and `joined_on`. Members, events and audit rows are written with executemany,
    and each union's counter moves once. Returns the new members' ids in the given order."""
    if not members:
        return []
    bump_data_version(session)  # first: on SQLite this takes the write lock reserve_ids relies on
    admissions = prepare_admissions(
        session=session, members=members, by_user=by_user, batch_id=batch_id
    )
    return write_admissions(session=session, admissions=admissions)


@dataclass
class PreparedAdmissions:
    """New members, their admission events and audit rows, built and converted ahead of the write."""

    member_ids: list[int]
    members: bulk_insert.BoundInsert
    events: bulk_insert.BoundInsert
    audit: bulk_insert.BoundInsert
    deltas: dict[int, int]


def prepare_admissions(
    *,
    session: Session,
    members: list[dict],
    by_user: str | None,
    batch_id: int | None = None,
) -> PreparedAdmissions:
    """Everything `admit_members_bulk` writes, without writing: checked, given ids (see
    reserve_ids for when these are safe), converted. Most of a large import's writing time is
    spent here, so an import does it before it takes the write lock."""
    for values in members:
        check_foreign_worker(
            nationality=values.get("nationality"),
            on=values["joined_on"],
            contract_months=values.get("contract_months"),
            has_application=values.get("has_application"),
        )
    now = utcnow()
    columns = [c.name for c in Member.__table__.columns if c.name != "id"]
    defaults = {name: None for name in columns} | {"nationality": "VN"}
    fixed = {
        "status": MemberStatus.active.value,
        "left_on": None,
        "batch_id": batch_id,
        **versioning.first_version(now),
    }
    rows = [{**defaults, **values, **fixed} for values in members]
    member_ids = bulk_insert.reserve_ids(session, Member.__table__, len(rows)) if rows else []
    for member_id, row in zip(member_ids, rows, strict=True):
        row["id"] = member_id
    event_ids = (
        bulk_insert.reserve_ids(session, MembershipEvent.__table__, len(rows)) if rows else []
    )
    admitted = EventKind.admitted.value
    events = [
        {
            "id": event_id,
            "member_id": member_id,
            "union_id": row["union_id"],
            "kind": admitted,
            "occurred_on": row["joined_on"],
            "reason": None,
            "other_union_id": None,
            "note": None,
            "batch_id": batch_id,
            "created_at": now,
            "deleted_at": None,
        }
        for event_id, member_id, row in zip(event_ids, member_ids, rows, strict=True)
    ]
    # One audit row per admission: the member as written, with the id of its admission event
    # (the event carries the batch id too). Empty columns are left out of the snapshot.
    stamp = now.isoformat()
    audit_rows = []
    for row, event_id in zip(rows, event_ids, strict=True):
        after = {key: value for key, value in row.items() if value is not None}
        after["created_at"] = after["updated_at"] = stamp
        after["admitted_event_id"] = event_id
        audit_rows.append(
            bulk_insert.audit_entry(by_user, "insert", "member", row["id"], after, batch_id, now)
        )
    deltas: dict[int, int] = {}
    for row in rows:
        deltas[row["union_id"]] = deltas.get(row["union_id"], 0) + 1
    return PreparedAdmissions(
        member_ids=member_ids,
        members=bulk_insert.bind_insert(session, Member.__table__, rows),
        events=bulk_insert.bind_insert(session, MembershipEvent.__table__, events),
        audit=bulk_insert.bind_audit_rows(session, audit_rows),
        deltas=deltas,
    )


def write_admissions(*, session: Session, admissions: PreparedAdmissions) -> list[int]:
    """Write what `prepare_admissions` built, in the caller's transaction; the new members' ids."""
    if not admissions.member_ids:
        return []
    bump_data_version(session)
    admissions.members.execute(session)
    admissions.events.execute(session)
    admissions.audit.execute(session)
    _change_counts(session, admissions.deltas)
    return admissions.member_ids


def readmit_deleted_member(
    *,
    session: Session,
    member: Member,
    union_id: int,
    on: dt.date,
    by_user: str | None,
    batch_id: int | None = None,
) -> Member:
    """Admit a person whose record was removed (e.g. by undoing the import that added them): the
    same record comes back with a new admission; its earlier, removed events stay removed."""
    if member.deleted_at is None:
        raise ValueError("member is not deleted")
    check_member_may_join(member, on)
    before = audit.snapshot(member)
    member.union_id = union_id
    member.status = MemberStatus.active
    member.joined_on = on
    member.left_on = None
    member.deleted_at = None
    member.batch_id = batch_id
    _save_member(session, member, before, by_user=by_user, batch_id=batch_id)
    add_event(
        session,
        member=member,
        union_id=union_id,
        kind=EventKind.admitted,
        on=on,
        by_user=by_user,
        batch_id=batch_id,
    )
    return member


MEMBER_DETAIL_FIELDS = (*MemberBase.model_fields, "search_name")


def update_member_details(
    *,
    session: Session,
    member: Member,
    changes: dict,
    by_user: str | None,
    batch_id: int | None = None,
) -> Member:
    """Correct a member's personal details (not their movements), audited."""
    unknown = set(changes) - set(MEMBER_DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"not member details: {sorted(unknown)}")
    before = audit.snapshot(member)
    for name, value in changes.items():
        setattr(member, name, value)
    return _save_member(session, member, before, by_user=by_user, batch_id=batch_id)
