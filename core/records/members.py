"""Writing members by hand: their details, their movements (admitted, transferred, leaving,
re-admitted, a movement voided or corrected), deleting and restoring them.

Each checks the role, the dates and the version, then hands the movement to `core.membership`,
where every write of a member lives.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import Session, select

from core import membership, versioning
from core.access import Actor, require
from core.formatting import today_local
from core.importing import values as cells
from core.models import (
    EventKind,
    GrassrootsUnion,
    LeaveReason,
    Member,
    MembershipEvent,
    MemberStatus,
    Role,
)
from core.records.cleaning import FOREIGN_WORKER_FIELDS, check_identity_free, clean_member
from core.records.errors import InvalidInput, Reason, RecordError, reason
from core.records.saving import (
    apply_changes,
    check_after_history,
    check_day,
    check_live,
    movement_rule,
    open_union,
)


def update_member(
    session: Session,
    *,
    actor: Actor,
    member_id: int,
    expected_version: int,
    changes: dict[str, Any],
    today: dt.date | None = None,
) -> Member:
    """Correct a member's own details (name, birth, gender, ID, card ...); movements have their own
    functions. Refused for a viewer, for invalid input and for a stale version."""
    require(actor, Role.staff)
    today = today or today_local()
    cleaned = clean_member(session, changes, member_id=member_id, today=today)
    member = versioning.claim(session, Member, member_id, expected_version)
    check_live(member)
    if {"nationality", *FOREIGN_WORKER_FIELDS} & set(cleaned):
        _check_foreign(member, cleaned)
    return apply_changes(session, actor, member, cleaned)


def _check_foreign(member: Member, cleaned: dict[str, Any]) -> None:
    """A member edited into a foreign worker must meet the foreign-worker rule on their admission."""
    merged = {
        name: cleaned.get(name, getattr(member, name))
        for name in ("nationality", *FOREIGN_WORKER_FIELDS)
    }
    try:
        membership.check_foreign_worker(on=member.joined_on or today_local(), **merged)
    except membership.RuleViolation as error:
        raise RecordError(error.key, **error.values) from None


def admit_member(
    session: Session,
    *,
    actor: Actor,
    values: dict[str, Any],
    union_id: int,
    on: dt.date,
    today: dt.date | None = None,
) -> Member:
    """Admit a new member. Someone already on record is never admitted twice: an active member
    must be transferred, one who left re-admitted, a deleted one restored (the message says which)."""
    require(actor, Role.staff)
    today = today or today_local()
    check_day(on, today)
    if not values.get("full_name"):
        raise InvalidInput({"full_name": reason("record.required")})
    try:
        cleaned = clean_member(session, values, today=today)
    except InvalidInput as error:
        _explain_known_person(session, values, error)
        raise
    open_union(session, union_id, on)
    member = Member(**cleaned)
    return movement_rule(
        lambda: membership.admit_member(
            session=session, member=member, union_id=union_id, on=on, by_user=actor.username
        )
    )


def _explain_known_person(session: Session, values: dict[str, Any], error: InvalidInput) -> None:
    """Turn 'ID already taken' into what to do: transfer, re-admit or restore."""
    if "id_number" not in error.errors:
        return
    try:
        person_id = cells.parse_person_id(values.get("id_number"))
    except cells.Invalid:
        return
    if person_id is None:
        return
    column, value = (
        (Member.cccd, person_id.cccd)
        if person_id.cccd
        else (Member.passport_no, person_id.passport_no)
    )
    holder = session.exec(select(Member).where(column == value)).first()
    if holder is None:
        return
    union = session.get(GrassrootsUnion, holder.union_id) if holder.union_id else None
    union_name = union.name if union else "–"
    if holder.deleted_at is not None:
        raise RecordError("record.known_deleted", name=holder.full_name)
    if holder.status == MemberStatus.active:
        raise RecordError("record.known_active", name=holder.full_name, union=union_name)
    raise RecordError("record.known_left", name=holder.full_name, union=union_name)


def transfer_member(
    session: Session,
    *,
    actor: Actor,
    member_id: int,
    expected_version: int,
    to_union_id: int,
    on: dt.date,
    today: dt.date | None = None,
) -> Member:
    """Move an active member to another union: zero for the federation, −1 and +1 for the unions."""
    require(actor, Role.staff)
    check_day(on, today or today_local())
    member = versioning.claim(session, Member, member_id, expected_version)
    check_live(member)
    check_after_history(session, member, on)
    open_union(session, to_union_id, on)
    return movement_rule(
        lambda: membership.transfer_member(
            session=session, member=member, to_union_id=to_union_id, on=on, by_user=actor.username
        )
    )


def record_departure(
    session: Session,
    *,
    actor: Actor,
    member_id: int,
    expected_version: int,
    on: dt.date,
    reason: LeaveReason | str,
    today: dt.date | None = None,
) -> Member:
    require(actor, Role.staff)
    check_day(on, today or today_local())
    try:
        reason = LeaveReason(reason)
    except ValueError:
        raise RecordError("record.reason_required") from None
    member = versioning.claim(session, Member, member_id, expected_version)
    check_live(member)
    check_after_history(session, member, on)
    return movement_rule(
        lambda: membership.record_departure(
            session=session, member=member, on=on, reason=reason, by_user=actor.username
        )
    )


def readmit_member(
    session: Session,
    *,
    actor: Actor,
    member_id: int,
    expected_version: int,
    union_id: int,
    on: dt.date,
    today: dt.date | None = None,
) -> Member:
    require(actor, Role.staff)
    check_day(on, today or today_local())
    member = versioning.claim(session, Member, member_id, expected_version)
    check_live(member)
    open_union(session, union_id, on)
    return movement_rule(
        lambda: membership.readmit_member(
            session=session, member=member, union_id=union_id, on=on, by_user=actor.username
        )
    )


def _event_of(session: Session, member: Member, event_id: int) -> MembershipEvent:
    event = session.get(MembershipEvent, event_id)
    if event is None or event.member_id != member.id:
        raise RecordError("record.not_found")
    return event


def void_event(
    session: Session, *, actor: Actor, member_id: int, expected_version: int, event_id: int
) -> Member:
    """Take back the member's latest movement, recorded by mistake (audited, figures follow)."""
    require(actor, Role.staff)
    member = versioning.claim(session, Member, member_id, expected_version)
    check_live(member)
    event = _event_of(session, member, event_id)
    return movement_rule(
        lambda: membership.void_event(session=session, event=event, by_user=actor.username)
    )


def correct_event(
    session: Session,
    *,
    actor: Actor,
    member_id: int,
    expected_version: int,
    event_id: int,
    on: dt.date | None = None,
    reason: LeaveReason | str | None = None,
    today: dt.date | None = None,
) -> Member:
    """Give a movement its right date (or leaving reason): the wrong event is voided and the right
    one recorded, both audited."""
    require(actor, Role.staff)
    if on is not None:
        check_day(on, today or today_local())
    member = versioning.claim(session, Member, member_id, expected_version)
    check_live(member)
    event = _event_of(session, member, event_id)
    if on is not None and event.kind in (EventKind.admitted, EventKind.transfer_in):
        open_union(session, event.union_id, on)
    reason_value = LeaveReason(reason) if reason else None
    return movement_rule(
        lambda: membership.correct_event(
            session=session, event=event, by_user=actor.username, on=on, reason=reason_value
        )
    )


def delete_member(
    session: Session, *, actor: Actor, member_id: int, expected_version: int
) -> Member:
    """Soft delete: the member and their events leave the figures at once; `restore_member` undoes."""
    require(actor, Role.staff)
    member = versioning.claim(session, Member, member_id, expected_version)
    check_live(member)
    return membership.soft_delete_member(session=session, member=member, by_user=actor.username)


def restore_member(
    session: Session, *, actor: Actor, member_id: int, expected_version: int
) -> Member:
    require(actor, Role.staff)
    member = versioning.claim(session, Member, member_id, expected_version)
    if member.deleted_at is None:
        return member
    errors: dict[str, Reason] = {}
    check_identity_free(session, member.cccd, member.passport_no, member.id, errors)
    if errors:
        raise RecordError(
            "record.restore_id_taken", detail=InvalidInput(errors).reasons()["id_number"]
        )
    return membership.restore_member(session=session, member=member, by_user=actor.username)
