"""The organising network: the steering committee, the working group, collaborators and each
unit's officer, who sits where and when; and who is assigned to work on each prospect."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, func, or_
from sqlmodel import Session, select

from core import versioning
from core.access import Actor, require
from core.duties.common import (
    MAX_TEXT,
    DutyError,
    check_unit,
    clean,
    clean_notes,
    editing,
    required_text,
    update,
    where_scope,
)
from core.metrics import enterprise_filter, prospect_conditions
from core.models import Enterprise, NetworkBody, NetworkPerson, Role
from core.units import EVERYTHING, Scope


@dataclass
class PersonIn:
    full_name: str
    body: str
    since: dt.date
    position: str | None = None
    represents: str | None = None
    group_name: str | None = None
    unit_id: int | None = None
    phone: str | None = None
    until: dt.date | None = None
    notes: str | None = None


def _check_person(session: Session, data: PersonIn, person_id: int | None = None) -> dict:
    if data.body not in {b.value for b in NetworkBody}:
        raise DutyError("duty.bad_body", body=data.body)
    name = required_text(data.full_name, "full_name")
    if data.until is not None and data.until < data.since:
        raise DutyError("duty.until_before_since")
    if data.unit_id is not None:
        check_unit(session, data.unit_id)
    if data.body == NetworkBody.unit_officer:
        if data.unit_id is None:
            raise DutyError("duty.officer_needs_unit")
        if data.until is None:
            current = session.exec(
                select(NetworkPerson).where(
                    NetworkPerson.body == NetworkBody.unit_officer,
                    NetworkPerson.unit_id == data.unit_id,
                    NetworkPerson.until.is_(None),
                    NetworkPerson.deleted_at.is_(None),
                    NetworkPerson.id != (person_id or -1),
                )
            ).first()
            if current is not None:
                raise DutyError("duty.unit_has_officer", name=current.full_name)
    return {
        "full_name": name,
        "body": NetworkBody(data.body).value,
        "since": data.since,
        "until": data.until,
        "position": clean(data.position),
        "represents": clean(data.represents),
        "group_name": clean(data.group_name),
        "unit_id": data.unit_id,
        "phone": clean(data.phone),
        "notes": clean_notes(data.notes),
    }


def add_person(*, session: Session, data: PersonIn, actor: Actor) -> NetworkPerson:
    require(actor, Role.staff)
    person = NetworkPerson(**_check_person(session, data))
    return versioning.create(session, person, username=actor.username)


def update_person(
    *, session: Session, person_id: int, data: PersonIn, expected_version: int, actor: Actor
) -> NetworkPerson:
    require(actor, Role.staff)
    values = _check_person(session, data, person_id)
    return update(
        session,
        actor=actor,
        model=NetworkPerson,
        record_id=person_id,
        values=values,
        expected_version=expected_version,
    )


def replace_person(
    *, session: Session, person_id: int, successor: PersonIn, expected_version: int, actor: Actor
) -> NetworkPerson:
    """End a seat the day before the successor takes it (the plan: replace members who do nothing)."""
    require(actor, Role.staff)
    with editing(session, NetworkPerson, person_id, expected_version, actor=actor) as person:
        if successor.since <= person.since:
            raise DutyError("duty.successor_too_early")
        person.until = successor.since - dt.timedelta(days=1)
    return add_person(session=session, data=successor, actor=actor)


def assign_officer(
    *,
    session: Session,
    enterprise_id: int,
    officer: str | None,
    expected_version: int,
    actor: Actor,
) -> Enterprise:
    """Who works on an enterprise (a prospect): the only field of the enterprise this changes."""
    require(actor, Role.staff)
    name = clean(officer)
    if name and len(name) > MAX_TEXT["full_name"]:
        raise DutyError("duty.text_too_long", n=MAX_TEXT["full_name"])
    return update(
        session,
        actor=actor,
        model=Enterprise,
        record_id=enterprise_id,
        values={"officer": name},
        expected_version=expected_version,
    )


# ---------------------------------------------------------------- reading


def network(
    session: Session, *, body: str | None = None, on: dt.date | None = None
) -> list[NetworkPerson]:
    """The network's live people, by body then name; with `on`, only those seated that day."""
    query = select(NetworkPerson).where(NetworkPerson.deleted_at.is_(None))
    if body:
        query = query.where(NetworkPerson.body == body)
    if on is not None:
        query = query.where(seated(on, on))
    return list(session.exec(query.order_by(NetworkPerson.body, NetworkPerson.full_name)).all())


def seated(start: dt.date, end: dt.date):
    """A network seat held at some time from `start` to `end`."""
    return and_(
        NetworkPerson.since <= end,
        or_(NetworkPerson.until.is_(None), NetworkPerson.until >= start),
    )


def prospects_by_officer(
    session: Session, *, scope: Scope = EVERYTHING, on: dt.date
) -> list[tuple[str | None, int]]:
    """How many prospects each officer works on (None: nobody assigned), most first."""
    query = (
        select(Enterprise.officer, func.count())
        .where(*prospect_conditions(on))
        .group_by(Enterprise.officer)
    )
    query = where_scope(query, enterprise_filter(scope))
    rows = [(officer, int(count)) for officer, count in session.exec(query).all()]
    return sorted(rows, key=lambda row: (row[0] is None, -row[1], row[0] or ""))


def prospects_of_officer(
    session: Session,
    *,
    officer: str | None,
    scope: Scope = EVERYTHING,
    on: dt.date,
    limit: int = 200,
) -> list[Enterprise]:
    """The prospects one officer works on (or nobody, for None), largest first."""
    who = Enterprise.officer.is_(None) if officer is None else Enterprise.officer == officer
    query = select(Enterprise).where(*prospect_conditions(on), who)
    query = where_scope(query, enterprise_filter(scope))
    query = query.order_by(Enterprise.worker_count.desc(), Enterprise.name).limit(limit)
    return list(session.exec(query).all())
