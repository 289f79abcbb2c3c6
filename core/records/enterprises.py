"""Writing enterprises by hand: add, correct, delete one recorded by mistake, restore."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import Session, select

from core import versioning
from core.access import Actor, require
from core.formatting import today_local
from core.models import Enterprise, GrassrootsUnion, Ownership, Role
from core.records.cleaning import clean_enterprise
from core.records.errors import InvalidInput, RecordError, reason
from core.records.saving import apply_changes, check_live, restore, soft_delete


def add_enterprise(
    session: Session, *, actor: Actor, values: dict[str, Any], today: dt.date | None = None
) -> Enterprise:
    require(actor, Role.staff)
    if not values.get("name"):
        raise InvalidInput({"name": reason("record.required")})
    values = {"ownership": Ownership.non_state_domestic.value, **values}
    cleaned = clean_enterprise(session, values, today=today or today_local())
    return versioning.create(session, Enterprise(**cleaned), username=actor.username)


def update_enterprise(
    session: Session,
    *,
    actor: Actor,
    enterprise_id: int,
    expected_version: int,
    changes: dict[str, Any],
    today: dt.date | None = None,
) -> Enterprise:
    require(actor, Role.staff)
    cleaned = clean_enterprise(
        session, changes, enterprise_id=enterprise_id, today=today or today_local()
    )
    enterprise = versioning.claim(session, Enterprise, enterprise_id, expected_version)
    check_live(enterprise)
    return apply_changes(session, actor, enterprise, cleaned)


def delete_enterprise(
    session: Session, *, actor: Actor, enterprise_id: int, expected_version: int
) -> Enterprise:
    """Soft delete an enterprise recorded by mistake; refused while a union is linked to it."""
    require(actor, Role.staff)
    enterprise = versioning.claim(session, Enterprise, enterprise_id, expected_version)
    check_live(enterprise)
    linked = session.exec(
        select(GrassrootsUnion.name).where(
            GrassrootsUnion.enterprise_id == enterprise_id, GrassrootsUnion.deleted_at.is_(None)
        )
    ).first()
    if linked:
        raise RecordError("record.enterprise_has_union", union=linked)
    return soft_delete(session, actor, enterprise)


def restore_enterprise(
    session: Session, *, actor: Actor, enterprise_id: int, expected_version: int
) -> Enterprise:
    require(actor, Role.staff)
    enterprise = versioning.claim(session, Enterprise, enterprise_id, expected_version)
    return restore(session, actor, enterprise)
