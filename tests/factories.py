"""Small factories for tests: plain functions that write one record with sensible defaults."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlmodel import Session

from core import membership, plans
from core.models import (
    Enterprise,
    GrassrootsUnion,
    LeaveReason,
    Member,
    OrgUnit,
    Ownership,
    UnionKind,
    UnitKind,
    UnitLink,
)
from core.text import search_name

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
