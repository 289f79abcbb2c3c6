"""Activities: briefings, the annual review, training, outreach and surveys, each dated and held by
a unit, with the network people who took part. Staff write them; nothing is deleted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, select

from core import audit, versioning
from core.access import Actor, require
from core.duties.common import (
    DutyError,
    check_date,
    check_unit,
    clean,
    clean_notes,
    refuse_deleted,
    required_text,
    unit_condition,
    where_scope,
)
from core.models import (
    Activity,
    ActivityKind,
    ActivityPerson,
    Enterprise,
    NetworkPerson,
    OrgUnit,
    OutreachChannel,
    Role,
    utcnow,
)
from core.units import EVERYTHING, Scope


@dataclass
class ActivityIn:
    """What a form, a file or a script gives for one activity; checked by `_check_activity`."""

    kind: str
    held_on: dt.date
    unit_id: int
    title: str
    channel: str | None = None  # outreach only
    participants: int | None = None  # trainees, reach, people present
    enterprise_id: int | None = None  # the enterprise surveyed
    chair: str | None = None  # briefing, annual review
    decisions: str | None = None  # briefing, annual review
    unit_ids: list[int] = field(default_factory=list)  # units present / units trained
    person_ids: list[int] = field(default_factory=list)  # network people who took part
    notes: str | None = None


def _check_units(session: Session, unit_ids: list[int]) -> list[int]:
    ids = sorted(set(unit_ids))
    if ids:
        found = session.exec(
            select(func.count())
            .select_from(OrgUnit)
            .where(OrgUnit.id.in_(ids), OrgUnit.deleted_at.is_(None))
        ).one()
        if found != len(ids):
            raise DutyError("duty.unit_required")
    return ids


def _check_people(session: Session, person_ids: list[int]) -> list[int]:
    ids = sorted(set(person_ids))
    if ids:
        found = session.exec(
            select(func.count())
            .select_from(NetworkPerson)
            .where(NetworkPerson.id.in_(ids), NetworkPerson.deleted_at.is_(None))
        ).one()
        if found != len(ids):
            raise DutyError("duty.person_missing")
    return ids


def _check_activity(session: Session, data: ActivityIn) -> dict:
    """The activity's column values, or DutyError naming what is wrong."""
    if data.kind not in {k.value for k in ActivityKind}:
        raise DutyError("duty.bad_kind", kind=data.kind)
    title = required_text(data.title, "title")
    check_date(data.held_on)
    check_unit(session, data.unit_id)
    channel = data.channel or None
    if data.kind == ActivityKind.outreach:
        if channel not in {c.value for c in OutreachChannel}:
            raise DutyError("duty.channel_required")
    elif channel is not None:
        raise DutyError("duty.channel_only_outreach")
    if data.participants is not None and data.participants < 0:
        raise DutyError("duty.participants_negative")
    if data.enterprise_id is not None:
        enterprise = session.get(Enterprise, data.enterprise_id)
        if enterprise is None or enterprise.deleted_at is not None:
            raise DutyError("duty.enterprise_missing")
    details: dict = {}
    if chair := clean(data.chair):
        details["chair"] = chair
    if decisions := (data.decisions or "").strip():
        details["decisions"] = decisions
    if unit_ids := _check_units(session, data.unit_ids):
        details["unit_ids"] = unit_ids
    return {
        "kind": ActivityKind(data.kind).value,
        "held_on": data.held_on,
        "unit_id": data.unit_id,
        "title": title,
        "channel": channel,
        "participants": data.participants,
        "enterprise_id": data.enterprise_id,
        "details": details,
        "notes": clean_notes(data.notes),
    }


def _person_ids_of(session: Session, activity_id: int) -> list[int]:
    return sorted(
        session.exec(
            select(ActivityPerson.person_id).where(
                ActivityPerson.activity_id == activity_id, ActivityPerson.deleted_at.is_(None)
            )
        ).all()
    )


def _set_people(session: Session, activity_id: int, person_ids: list[int]) -> None:
    """Make the activity's live links exactly `person_ids`; a dropped link is hidden, not deleted."""
    wanted = set(person_ids)
    links = session.exec(
        select(ActivityPerson).where(ActivityPerson.activity_id == activity_id)
    ).all()
    now = utcnow()
    for link in links:
        if link.person_id in wanted:
            link.deleted_at = None
            wanted.discard(link.person_id)
        elif link.deleted_at is None:
            link.deleted_at = now
        session.add(link)
    for person_id in sorted(wanted):
        session.add(ActivityPerson(activity_id=activity_id, person_id=person_id))
    session.flush()


def record_activity(*, session: Session, data: ActivityIn, actor: Actor) -> Activity:
    require(actor, Role.staff)
    values = _check_activity(session, data)
    people = _check_people(session, data.person_ids)
    activity = Activity(**values, created_by=actor.username)
    session.add(activity)
    session.flush()
    _set_people(session, activity.id, people)
    return versioning.create(
        session, activity, username=actor.username, extra={"person_ids": people}
    )


def update_activity(
    *, session: Session, activity_id: int, data: ActivityIn, expected_version: int, actor: Actor
) -> Activity:
    require(actor, Role.staff)
    values = _check_activity(session, data)
    people = _check_people(session, data.person_ids)
    activity = versioning.claim(session, Activity, activity_id, expected_version)
    refuse_deleted(activity)
    before = audit.snapshot(activity)
    audit_before = {**before, "person_ids": _person_ids_of(session, activity_id)}
    for name, value in values.items():
        setattr(activity, name, value)
    _set_people(session, activity_id, people)
    versioning.save(
        session,
        activity,
        username=actor.username,
        before=before,
        audit_before=audit_before,
        extra={"person_ids": people},
    )
    return activity


# ---------------------------------------------------------------- reading


def activities(
    session: Session,
    *,
    start: dt.date,
    end: dt.date,
    kind: str | None = None,
    scope: Scope = EVERYTHING,
    limit: int = 200,
    offset: int = 0,
) -> list[Activity]:
    """Live activities dated from `start` to `end` (inclusive), newest first."""
    query = select(Activity).where(
        Activity.deleted_at.is_(None), Activity.held_on >= start, Activity.held_on <= end
    )
    if kind:
        query = query.where(Activity.kind == kind)
    query = where_scope(query, unit_condition(Activity.unit_id, scope))
    query = query.order_by(Activity.held_on.desc(), Activity.id.desc()).offset(offset).limit(limit)
    return list(session.exec(query).all())


def activity_people(session: Session, activity_ids: list[int]) -> dict[int, list[int]]:
    """The network people of each activity, in one query."""
    people: dict[int, list[int]] = {activity_id: [] for activity_id in activity_ids}
    if activity_ids:
        rows = session.exec(
            select(ActivityPerson.activity_id, ActivityPerson.person_id)
            .where(
                ActivityPerson.activity_id.in_(sorted(activity_ids)),
                ActivityPerson.deleted_at.is_(None),
            )
            .order_by(ActivityPerson.activity_id, ActivityPerson.person_id)
        ).all()
        for activity_id, person_id in rows:
            people[activity_id].append(person_id)
    return people
