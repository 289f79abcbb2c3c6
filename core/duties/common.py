"""What every duty writer shares: the refusal, the text and reference checks, the versioned claim
of a live record, the soft delete, how a scope narrows a unit's records, and the look-ups the duty
pages show beside them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import false
from sqlmodel import Session, SQLModel, select

from core import versioning
from core.access import Actor, require
from core.errors import CatalogueError
from core.formatting import today_local
from core.importing.values import Invalid, parse_tax_code
from core.models import (
    Activity,
    Enterprise,
    NetworkPerson,
    OrgUnit,
    PartyCell,
    PartyIntroduction,
    Role,
    utcnow,
)
from core.units import Scope

R = TypeVar("R", bound=SQLModel)


class DutyError(CatalogueError, ValueError):
    """A write refused; `key` names the catalogue message, `values` fill it."""


MAX_TEXT = {"title": 300, "full_name": 200, "name": 300, "chair": 200}


def clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def clean_notes(value: str | None) -> str | None:
    return (value or "").strip() or None


def required_text(value: str | None, name: str) -> str:
    text = clean(value)
    if not text:
        raise DutyError(f"duty.{name}_required")
    if len(text) > MAX_TEXT.get(name, 200):
        raise DutyError("duty.text_too_long", n=MAX_TEXT.get(name, 200))
    return text


def check_date(on: dt.date) -> None:
    if on > today_local():
        raise DutyError("duty.date_in_future")


def check_unit(session: Session, unit_id: int | None) -> None:
    unit = session.get(OrgUnit, unit_id) if unit_id is not None else None
    if unit is None or unit.deleted_at is not None:
        raise DutyError("duty.unit_required")


def refuse_deleted(record: SQLModel) -> None:
    """Checked under the row lock, so a delete saved a moment earlier is seen."""
    if record.deleted_at is not None:  # type: ignore[attr-defined]
        raise DutyError("duty.record_missing")


@contextmanager
def editing(
    session: Session,
    model: type[R],
    record_id: int,
    expected_version: int,
    *,
    actor: Actor,
    action: str = "update",
) -> Iterator[R]:
    """The live record claimed at `expected_version` (StaleEdit if someone saved it since), saved
    when the block ends."""
    with versioning.editing(
        session, model, record_id, expected_version, username=actor.username, action=action
    ) as record:
        refuse_deleted(record)
        yield record


def update(
    session: Session,
    *,
    actor: Actor,
    model: type[R],
    record_id: int,
    values: dict,
    expected_version: int,
) -> R:
    """Set `values` on a live record read at `expected_version`, as one versioned save."""
    with editing(session, model, record_id, expected_version, actor=actor) as record:
        for name, value in values.items():
            setattr(record, name, value)
    return record


DELETABLE: dict[str, type[SQLModel]] = {
    "activity": Activity,
    "network_person": NetworkPerson,
    "party_introduction": PartyIntroduction,
    "party_cell": PartyCell,
}


def delete_record(
    *, session: Session, table: str, record_id: int, expected_version: int, actor: Actor
) -> SQLModel:
    """Hide one duty record (activity, network person, Party introduction or cell)."""
    require(actor, Role.staff)
    model = DELETABLE[table]
    with editing(
        session, model, record_id, expected_version, actor=actor, action="delete"
    ) as record:
        record.deleted_at = utcnow()  # type: ignore[attr-defined]
    return record


# ---------------------------------------------------------------- reading


def unit_condition(column, scope: Scope):
    """Duty records belong to units; a union's scope has none of a unit's activities."""
    if scope.union_id is not None:
        return false()
    if scope.unit_ids is not None:
        return column.in_(sorted(scope.unit_ids))
    return None


def where_scope(query, condition):
    return query.where(condition) if condition is not None else query


def unit_names(session: Session) -> dict[int, str]:
    """Every unit's name, old structure included: a record keeps the unit it was made in."""
    return dict(session.exec(select(OrgUnit.id, OrgUnit.name)).all())


def find_enterprise(session: Session, tax_code: str) -> Enterprise | None:
    """A live enterprise by its tax code, written as the importer reads one (spaces, dashes and a
    lost leading zero forgiven; '0201234567-001' for a branch)."""
    try:
        code = parse_tax_code(tax_code)
    except Invalid:
        return None
    if code is None:
        return None
    return session.exec(
        select(Enterprise).where(Enterprise.tax_code == code, Enterprise.deleted_at.is_(None))
    ).first()


def enterprise_labels(session: Session, enterprise_ids: list[int]) -> dict[int, str]:
    """'0201234567 · Công ty X' for each enterprise id."""
    if not enterprise_ids:
        return {}
    rows = session.exec(
        select(Enterprise.id, Enterprise.tax_code, Enterprise.name).where(
            Enterprise.id.in_(sorted(set(enterprise_ids)))
        )
    ).all()
    return {id_: " · ".join(part for part in (code, name) if part) for id_, code, name in rows}
