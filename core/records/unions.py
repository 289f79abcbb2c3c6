"""Writing grassroots unions by hand: founding, correcting, dissolving (and first the departures
of its last members), deleting one recorded by mistake, restoring."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, literal
from sqlmodel import Session, select

from core import membership, versioning
from core.access import Actor, require
from core.formatting import fmt_date, today_local
from core.models import GrassrootsUnion, LeaveReason, Member, MembershipEvent, MemberStatus, Role
from core.records.cleaning import clean_union
from core.records.errors import InvalidInput, RecordError, reason
from core.records.saving import (
    apply_changes,
    check_after_history,
    check_day,
    check_live,
    movement_rule,
    restore,
    soft_delete,
)


def found_union(
    session: Session, *, actor: Actor, values: dict[str, Any], today: dt.date | None = None
) -> GrassrootsUnion:
    """Record a new grassroots union: name, kind, founding decision and date, enterprise, cluster."""
    require(actor, Role.staff)
    today = today or today_local()
    errors = {
        name: reason("record.required")
        for name in ("name", "kind", "founded_on")
        if not values.get(name)
    }
    if errors:
        raise InvalidInput(errors)
    cleaned = clean_union(session, values, today=today)
    _check_union_name_free(session, cleaned["name"], cleaned.get("unit_id"), None)
    union = GrassrootsUnion(**cleaned)
    return membership.found_union(session=session, union=union, by_user=actor.username)


def _check_union_name_free(
    session: Session, name: str, unit_id: int | None, union_id: int | None
) -> None:
    query = select(GrassrootsUnion.id).where(
        GrassrootsUnion.name == name,
        GrassrootsUnion.id != (union_id or 0),
        GrassrootsUnion.unit_id == unit_id
        if unit_id is not None
        else GrassrootsUnion.unit_id.is_(None),
    )
    if session.exec(query).first() is not None:
        raise InvalidInput({"name": reason("record.union_name_taken", name=name)})


def update_union(
    session: Session,
    *,
    actor: Actor,
    union_id: int,
    expected_version: int,
    changes: dict[str, Any],
    today: dt.date | None = None,
) -> GrassrootsUnion:
    require(actor, Role.staff)
    cleaned = clean_union(session, changes, union_id=union_id, today=today or today_local())
    union = versioning.claim(session, GrassrootsUnion, union_id, expected_version)
    check_live(union)
    if "name" in cleaned or "unit_id" in cleaned:
        _check_union_name_free(
            session,
            cleaned.get("name", union.name),
            cleaned.get("unit_id", union.unit_id),
            union.id,
        )
    founded = cleaned.get("founded_on", union.founded_on)
    if "founded_on" in cleaned and founded is None:
        raise InvalidInput({"founded_on": reason("record.required")})
    if founded and union.dissolved_on and founded > union.dissolved_on:
        raise RecordError("record.founded_after_dissolved")
    first_event = session.exec(
        select(func.min(MembershipEvent.occurred_on)).where(
            MembershipEvent.union_id == union_id, MembershipEvent.deleted_at.is_(None)
        )
    ).one()
    if founded and first_event and founded > first_event:
        raise RecordError("record.founded_after_members", date=fmt_date(first_event))
    return apply_changes(session, actor, union, cleaned)


def active_member_count(session: Session, union_id: int) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(Member)
            .where(
                Member.union_id == union_id,
                Member.status == MemberStatus.active,
                Member.deleted_at.is_(None),
            )
        ).one()
    )


def dissolve_union(
    session: Session,
    *,
    actor: Actor,
    union_id: int,
    expected_version: int,
    on: dt.date,
    today: dt.date | None = None,
) -> GrassrootsUnion:
    """Record that a union was dissolved on a date. Refused while it still has active members:
    they must first be transferred or recorded as leaving (reason: union dissolved)."""
    require(actor, Role.staff)
    check_day(on, today or today_local())
    union = versioning.claim(session, GrassrootsUnion, union_id, expected_version)
    check_live(union)
    if union.dissolved_on is not None:
        raise RecordError("record.already_dissolved", date=fmt_date(union.dissolved_on))
    if union.founded_on and on < union.founded_on:
        raise RecordError("record.dissolve_before_founding")
    active = active_member_count(session, union_id)
    if active:
        raise RecordError("record.dissolve_has_members", n=active)
    last_event = session.exec(
        select(func.max(MembershipEvent.occurred_on)).where(
            MembershipEvent.union_id == union_id, MembershipEvent.deleted_at.is_(None)
        )
    ).one()
    if last_event and on < last_event:
        raise RecordError("record.dissolve_before_events", date=fmt_date(last_event))
    return apply_changes(session, actor, union, {"dissolved_on": on})


def record_dissolution_departures(
    session: Session,
    *,
    actor: Actor,
    union_id: int,
    on: dt.date,
    today: dt.date | None = None,
) -> int:
    """Record every active member of a union as leaving on `on` because it is dissolved; returns
    how many. The union itself is then dissolved with `dissolve_union`."""
    require(actor, Role.staff)
    check_day(on, today or today_local())
    union = session.get(GrassrootsUnion, union_id)
    if union is None or union.deleted_at is not None:
        raise RecordError("record.union_missing")
    members = session.exec(
        select(Member).where(
            Member.union_id == union_id,
            Member.status == MemberStatus.active,
            Member.deleted_at.is_(None),
        )
    ).all()
    for member in members:
        check_after_history(session, member, on)
        movement_rule(
            lambda member=member: membership.record_departure(
                session=session,
                member=member,
                on=on,
                reason=LeaveReason.union_dissolved,
                by_user=actor.username,
            )
        )
    return len(members)


def delete_union(
    session: Session, *, actor: Actor, union_id: int, expected_version: int
) -> GrassrootsUnion:
    """Soft delete a union recorded by mistake; refused while any member event is recorded in it."""
    require(actor, Role.staff)
    union = versioning.claim(session, GrassrootsUnion, union_id, expected_version)
    check_live(union)
    has_events = session.exec(
        select(literal(1)).where(
            MembershipEvent.union_id == union_id, MembershipEvent.deleted_at.is_(None)
        )
    ).first()
    if has_events:
        raise RecordError("record.union_has_history")
    return soft_delete(session, actor, union)


def restore_union(
    session: Session, *, actor: Actor, union_id: int, expected_version: int
) -> GrassrootsUnion:
    require(actor, Role.staff)
    union = versioning.claim(session, GrassrootsUnion, union_id, expected_version)
    return restore(session, actor, union)
