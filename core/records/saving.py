"""What every record write here shares: the checks before a save and the save of changed columns,
all through `core.versioning` (claimed version, stamped, audited, data version bumped)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from core import audit, membership, versioning
from core.access import Actor
from core.formatting import fmt_date
from core.models import GrassrootsUnion, Member, utcnow
from core.records.errors import RecordError


def check_live(record) -> None:
    """A deleted record is restored before it is changed."""
    if record.deleted_at is not None:
        raise RecordError("record.deleted")


def apply_changes(session: Session, actor: Actor, record, cleaned: dict[str, Any]):
    """Write the changed columns of `record`, audited; returns it (unchanged input: no write)."""
    changed = {k: v for k, v in cleaned.items() if getattr(record, k) != v}
    if not changed:
        return record
    before = audit.snapshot(record)
    for name, value in changed.items():
        setattr(record, name, value)
    versioning.save(session, record, username=actor.username, before=before)
    return record


def open_union(session: Session, union_id: int, on: dt.date) -> GrassrootsUnion:
    union = session.get(GrassrootsUnion, union_id)
    if union is None or union.deleted_at is not None:
        raise RecordError("record.union_missing")
    if union.founded_on and on < union.founded_on:
        raise RecordError("record.union_not_yet", name=union.name, date=fmt_date(union.founded_on))
    if union.dissolved_on and on >= union.dissolved_on:
        raise RecordError(
            "record.union_dissolved", name=union.name, date=fmt_date(union.dissolved_on)
        )
    return union


def check_day(on: dt.date, today: dt.date) -> None:
    if on > today:
        raise RecordError("record.future_date")


def check_after_history(session: Session, member: Member, on: dt.date) -> None:
    events = membership.member_events(session, member.id)
    if events and on < events[-1].occurred_on:
        raise RecordError("record.before_last_event", date=fmt_date(events[-1].occurred_on))


def movement_rule(call: Callable[[], Any]) -> Any:
    """Run a core.membership write, its rule refusals turned into RecordError."""
    try:
        return call()
    except membership.RuleViolation as error:
        raise RecordError(error.key, **error.values) from None


def soft_delete(session: Session, actor: Actor, record):
    """Hide a record recorded by mistake (kept, marked `deleted_at`); `restore` undoes it."""
    before = audit.snapshot(record)
    record.deleted_at = utcnow()
    versioning.save(session, record, username=actor.username, before=before, action="delete")
    return record


def restore(session: Session, actor: Actor, record):
    if record.deleted_at is None:
        return record
    before = audit.snapshot(record)
    record.deleted_at = None
    versioning.save(session, record, username=actor.username, before=before, action="restore")
    return record
