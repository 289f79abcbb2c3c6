"""What tests share: the acting users, and plain functions that write one record with sensible
defaults (the `create_*`/`admit` ones straight through core.membership, the `record_*` ones through
core.records as a page does, with an actor and the member's current version)."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlmodel import Session

from core import auth, membership, plans, records, users
from core.access import Actor
from core.models import (
    AppUser,
    Enterprise,
    GrassrootsUnion,
    LeaveReason,
    Member,
    OrgUnit,
    Ownership,
    Role,
    UnionKind,
    UnitKind,
    UnitLink,
)
from core.text import search_name

ADMIN = Actor("boss", Role.admin)
DEPUTY = Actor("pho", Role.admin)
STAFF = Actor("lan", Role.staff)
OTHER_STAFF = Actor("hoa", Role.staff)
VIEWER = Actor("chu.tich", Role.viewer)
# The "today" of the record tests: every date of 2025 is in the past.
TODAY = dt.date(2025, 12, 31)
PASSWORD = "mat-khau-dung"
# The moment the login tests log in at.
NOW = dt.datetime(2025, 6, 2, 3, 0, tzinfo=dt.UTC)

_counter = itertools.count(1)


def create_plan(session: Session, year: int = 2025, **targets):
    values = {**plans.PLAN_2025_TARGETS, **targets}
    return plans.create_plan(session, year=year, title=f"Plan {year}", targets=values, by_user="t")


def create_unit(
    session: Session,
    name: str | None = None,
    kind: str = UnitKind.commune,
    parent: OrgUnit | None = None,
    since: dt.date = dt.date(2000, 1, 1),
    until: dt.date | None = None,
) -> OrgUnit:
    unit = OrgUnit(name=name or f"Unit {next(_counter)}", kind=kind)
    session.add(unit)
    session.flush()
    if parent is not None:
        session.add(
            UnitLink(unit_id=unit.id, parent_id=parent.id, valid_from=since, valid_to=until)
        )
        session.flush()
    return unit


def create_enterprise(session: Session, **overrides) -> Enterprise:
    n = next(_counter)
    values = {
        "name": f"Công ty {n}",
        "tax_code": f"02{n:08d}",
        "worker_count": 50,
        "ownership": Ownership.non_state_domestic,
    }
    values.update(overrides)
    enterprise = Enterprise(**values)
    session.add(enterprise)
    session.flush()
    return enterprise


def create_union(session: Session, **overrides) -> GrassrootsUnion:
    values = {
        "name": f"CĐCS {next(_counter)}",
        "kind": UnionKind.enterprise,
        "founded_on": dt.date(2010, 1, 1),
    }
    values.update(overrides)
    return membership.found_union(session=session, union=GrassrootsUnion(**values), by_user="t")


def admit(session: Session, union: GrassrootsUnion, on: dt.date, **overrides) -> Member:
    n = next(_counter)
    values = {"full_name": f"Nguyễn Văn {n}", "gender": "male"}
    values.update(overrides)
    values.setdefault("search_name", search_name(values["full_name"]))
    return membership.admit_member(
        session=session, member=Member(**values), union_id=union.id, on=on, by_user="t"
    )


def leave(
    session: Session, member: Member, on: dt.date, reason: LeaveReason = LeaveReason.quit_job
) -> Member:
    return membership.record_departure(
        session=session, member=member, on=on, reason=reason, by_user="t"
    )


def transfer(session: Session, member: Member, to: GrassrootsUnion, on: dt.date) -> Member:
    return membership.transfer_member(
        session=session, member=member, to_union_id=to.id, on=on, by_user="t"
    )


def create_user(
    session: Session, name: str = "lan", role: str = Role.staff, password: str = PASSWORD
) -> AppUser:
    """An account, committed: logins and their races read it from other sessions."""
    user = users.create_user(session, username=name, role=role, password=password, by_user="t")
    session.commit()
    return user


def login(session: Session, name: str, password: str, now: dt.datetime = NOW) -> auth.LoginOutcome:
    outcome = auth.attempt_login(session, username=name, password=password, now=now)
    session.commit()
    return outcome


def record_admission(
    session: Session,
    union: GrassrootsUnion,
    on: dt.date = dt.date(2025, 3, 1),
    *,
    actor: Actor = STAFF,
    **values,
) -> Member:
    return records.admit_member(
        session,
        actor=actor,
        values={"full_name": "Nguyễn Văn An", **values},
        union_id=union.id,
        on=on,
        today=TODAY,
    )


def record_departure(
    session: Session, member: Member, on: dt.date, reason: str = "quit_job", *, actor: Actor = STAFF
) -> Member:
    return records.record_departure(
        session,
        actor=actor,
        member_id=member.id,
        expected_version=member.version,
        on=on,
        reason=reason,
        today=TODAY,
    )


def record_transfer(
    session: Session, member: Member, to: GrassrootsUnion, on: dt.date, *, actor: Actor = STAFF
) -> Member:
    return records.transfer_member(
        session,
        actor=actor,
        member_id=member.id,
        expected_version=member.version,
        to_union_id=to.id,
        on=on,
        today=TODAY,
    )
