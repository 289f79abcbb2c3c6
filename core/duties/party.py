"""The Party duties: members introduced to the Party and Party cells founded in non-state
enterprises."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from core import versioning
from core.access import Actor, require
from core.duties.common import (
    DutyError,
    check_date,
    check_unit,
    clean,
    clean_notes,
    required_text,
    unit_condition,
    update,
    where_scope,
)
from core.models import (
    NON_STATE_OWNERSHIPS,
    Enterprise,
    GrassrootsUnion,
    Member,
    PartyCell,
    PartyIntroduction,
    Role,
)
from core.units import EVERYTHING, Scope


@dataclass
class PartyIntroductionIn:
    introduced_on: dt.date
    unit_id: int
    full_name: str = ""  # taken from the member when empty
    member_id: int | None = None
    union_id: int | None = None
    admitted_on: dt.date | None = None
    notes: str | None = None


@dataclass
class PartyCellIn:
    name: str
    enterprise_id: int
    founded_on: dt.date
    unit_id: int | None = None  # the enterprise's unit when empty
    decision_no: str | None = None
    notes: str | None = None


def _check_introduction(session: Session, data: PartyIntroductionIn) -> dict:
    check_date(data.introduced_on)
    check_unit(session, data.unit_id)
    name = data.full_name
    if data.member_id is not None:
        member = session.get(Member, data.member_id)
        if member is None or member.deleted_at is not None:
            raise DutyError("duty.member_missing")
        name = name or member.full_name
    name = required_text(name, "full_name")
    if data.union_id is not None and session.get(GrassrootsUnion, data.union_id) is None:
        raise DutyError("duty.union_missing")
    if data.admitted_on is not None:
        check_date(data.admitted_on)
        if data.admitted_on < data.introduced_on:
            raise DutyError("duty.admitted_before_introduced")
    return {
        "full_name": name,
        "member_id": data.member_id,
        "union_id": data.union_id,
        "unit_id": data.unit_id,
        "introduced_on": data.introduced_on,
        "admitted_on": data.admitted_on,
        "notes": clean_notes(data.notes),
    }


def record_party_introduction(
    *, session: Session, data: PartyIntroductionIn, actor: Actor
) -> PartyIntroduction:
    require(actor, Role.staff)
    record = PartyIntroduction(**_check_introduction(session, data))
    return versioning.create(session, record, username=actor.username)


def update_party_introduction(
    *,
    session: Session,
    record_id: int,
    data: PartyIntroductionIn,
    expected_version: int,
    actor: Actor,
) -> PartyIntroduction:
    require(actor, Role.staff)
    return update(
        session,
        actor=actor,
        model=PartyIntroduction,
        record_id=record_id,
        values=_check_introduction(session, data),
        expected_version=expected_version,
    )


def _check_cell(session: Session, data: PartyCellIn) -> dict:
    name = required_text(data.name, "name")
    check_date(data.founded_on)
    enterprise = session.get(Enterprise, data.enterprise_id)
    if enterprise is None or enterprise.deleted_at is not None:
        raise DutyError("duty.enterprise_missing")
    if enterprise.ownership not in {o.value for o in NON_STATE_OWNERSHIPS}:
        raise DutyError("duty.cell_needs_non_state")
    unit_id = data.unit_id if data.unit_id is not None else enterprise.unit_id
    check_unit(session, unit_id)
    return {
        "name": name,
        "enterprise_id": enterprise.id,
        "unit_id": unit_id,
        "founded_on": data.founded_on,
        "decision_no": clean(data.decision_no),
        "notes": clean_notes(data.notes),
    }


def record_party_cell(*, session: Session, data: PartyCellIn, actor: Actor) -> PartyCell:
    require(actor, Role.staff)
    record = PartyCell(**_check_cell(session, data))
    return versioning.create(session, record, username=actor.username)


# ---------------------------------------------------------------- reading


def party_introductions(
    session: Session, *, start: dt.date, end: dt.date, scope: Scope = EVERYTHING
) -> list[PartyIntroduction]:
    query = select(PartyIntroduction).where(
        PartyIntroduction.deleted_at.is_(None),
        PartyIntroduction.introduced_on >= start,
        PartyIntroduction.introduced_on <= end,
    )
    query = where_scope(query, introduction_condition(scope))
    return list(session.exec(query.order_by(PartyIntroduction.introduced_on.desc())).all())


def party_cells(
    session: Session, *, start: dt.date, end: dt.date, scope: Scope = EVERYTHING
) -> list[PartyCell]:
    query = select(PartyCell).where(
        PartyCell.deleted_at.is_(None), PartyCell.founded_on >= start, PartyCell.founded_on <= end
    )
    query = where_scope(query, cell_condition(scope))
    return list(session.exec(query.order_by(PartyCell.founded_on.desc())).all())


def introduction_condition(scope: Scope):
    if scope.union_id is not None:
        return PartyIntroduction.union_id == scope.union_id
    return unit_condition(PartyIntroduction.unit_id, scope)


def cell_condition(scope: Scope):
    if scope.union_id is not None:
        return PartyCell.enterprise_id.in_(
            select(GrassrootsUnion.enterprise_id).where(GrassrootsUnion.id == scope.union_id)
        )
    return unit_condition(PartyCell.unit_id, scope)
