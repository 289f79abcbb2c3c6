"""Reverting one change of the log: above the writers, since undoing a change calls them.

The audit log (`core.audit`) only records and reads changes; this module gives a record back the
values an entry says it had before, through the same writers and rules as any other change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, DateTime
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select

from core import membership
from core.access import require
from core.audit import (
    BOOKKEEPING,
    FieldChange,
    changed_fields,
    changes_since,
    named,
    record_change,
    snapshot,
)
from core.db import bump_data_version
from core.errors import CatalogueError
from core.formatting import fmt_datetime
from core.labels import display_value, field_label
from core.models import AuditLog, Member, MembershipEvent, Role, utcnow
from core.strings import t
from core.text import unaccent

# A member's place in the federation follows its events: changed by correcting a movement instead.
MOVEMENT_COLUMNS = {"member": frozenset({"union_id", "status", "joined_on", "left_on"})}
# Rows of structure, not records: a revert of their insertion removes them (the log keeps them).
STRUCTURE_TABLES = frozenset({"unit_link", "target_allocation"})


class AuditError(CatalogueError, ValueError):
    """A revert refused; `key` names the catalogue message."""


def _model_for(table_name: str) -> type[SQLModel] | None:
    for mapper in SQLModel._sa_registry.mappers:
        if mapper.local_table.name == table_name:
            return mapper.class_
    return None


def _from_json(column, value: Any) -> Any:
    """A snapshot value back to the column's Python type."""
    if value is None or not isinstance(value, str):
        return value
    column_type = getattr(column.type, "impl", column.type)
    if isinstance(column_type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column_type, Date):
        return dt.date.fromisoformat(value)
    return value


def _refuse_if_changed(session: Session, entry: AuditLog, record: SQLModel) -> None:
    """A revert applies only to a record still as this change left it."""
    after = entry.after or {}
    current = snapshot(record)
    if "version" in after and "version" in current:
        if current["version"] != after["version"]:
            changes, who, when = changes_since(
                session, entry.table_name, entry.record_id, after["version"]
            )
            raise _changed_since(changes, who, when)
        return
    drift = [
        FieldChange(name, after[name], current[name])
        for name in after
        if name in current and name not in BOOKKEEPING and current[name] != after[name]
    ]
    if drift:
        raise _changed_since(named(session, drift), None, None)


def _changed_since(changes: list[FieldChange], who: str | None, when: dt.datetime | None):

    listed = "; ".join(
        f"{field_label(c.field)}: «{display_value(c.field, c.before)}» → "
        f"«{display_value(c.field, c.after)}»"
        for c in changes
    )
    return AuditError(
        "audit.changed_since",
        who=who or t("record.someone"),
        at=fmt_datetime(when) if when else "?",
        changes=listed or t("record.stale_unknown"),
    )


def revert_change(session: Session, *, actor, entry_id: int) -> AuditLog:
    """Undo one change: its record gets back the values it had before (admin only).

    Refused when the record changed since (the message lists what), and for changes that are
    undone elsewhere (a password; a member's movements, which are corrected on the member). The
    revert is itself audited, so it can be reverted too.
    """
    require(actor, Role.admin)
    entry = session.get(AuditLog, entry_id)
    if entry is None:
        raise AuditError("audit.entry_missing")
    if entry.reverted_at is not None:
        raise AuditError("audit.already_reverted")
    model = _model_for(entry.table_name)
    if model is None or entry.record_id is None or entry.table_name in ("audit_log", "app_state"):
        raise AuditError("audit.not_revertible")
    if entry.action == "password":
        raise AuditError("audit.revert_password")
    if entry.action == "void" or (
        entry.table_name == "membership_event" and entry.action != "insert"
    ):
        raise AuditError("audit.revert_movement")
    record = session.get(model, entry.record_id)
    username = actor.username

    if entry.action == "insert":
        if record is None:
            raise AuditError("audit.record_missing")
        if entry.table_name == "membership_event":
            if record.deleted_at is not None:
                raise AuditError("audit.already_undone")
            try:
                membership.void_event(session=session, event=record, by_user=username)
            except membership.RuleViolation as error:
                raise AuditError(error.key, **error.values) from None
        elif entry.table_name == "member":
            _refuse_if_changed(session, entry, record)
            membership.soft_delete_member(session=session, member=record, by_user=username)
        elif entry.table_name in STRUCTURE_TABLES:
            _refuse_if_changed(session, entry, record)
            before = snapshot(record)
            session.delete(record)
            record_change(
                session,
                username=username,
                action="delete",
                table_name=entry.table_name,
                record_id=entry.record_id,
                before=before,
            )
        elif "deleted_at" in record.__table__.columns:
            _refuse_if_changed(session, entry, record)
            if entry.table_name == "grassroots_union" and _union_has_events(session, record.id):
                raise AuditError("audit.union_has_history")
            _set_deleted(session, record, utcnow(), username)
        else:
            raise AuditError("audit.not_revertible")
    elif entry.action == "delete" and record is None and entry.table_name in STRUCTURE_TABLES:
        restored = model(
            **{c.name: _from_json(c, entry.before.get(c.name)) for c in model.__table__.columns}
        )
        session.add(restored)
        session.flush()
        record_change(session, username=username, action="restore", record=restored)
    elif record is None:
        raise AuditError("audit.record_missing")
    elif entry.action in ("delete", "restore"):
        _refuse_if_changed(session, entry, record)
        deleting = entry.action == "restore"
        if isinstance(record, Member):
            call = membership.soft_delete_member if deleting else membership.restore_member
            call(session=session, member=record, by_user=username)
        else:
            _set_deleted(session, record, utcnow() if deleting else None, username)
    else:  # update, lock, revert: the changed columns get their earlier values back
        _refuse_if_changed(session, entry, record)
        changes = [
            c
            for c in changed_fields(entry.before, entry.after)
            if c.field in record.__table__.columns and c.field != "password_hash"
        ]
        if not changes:
            raise AuditError("audit.nothing_to_revert")
        if {c.field for c in changes} & MOVEMENT_COLUMNS.get(entry.table_name, frozenset()):
            raise AuditError("audit.revert_movement")
        before = snapshot(record)
        for change in changes:
            column = record.__table__.columns[change.field]
            setattr(record, change.field, _from_json(column, change.before))
        if isinstance(record, Member) and any(c.field == "full_name" for c in changes):
            record.search_name = unaccent(record.full_name)
        _bump(record)
        session.add(record)
        try:
            with session.begin_nested():
                session.flush()
        except IntegrityError:
            raise AuditError("audit.revert_conflict") from None
        after = snapshot(record)
        after.pop("password_hash", None)
        before.pop("password_hash", None)
        record_change(
            session, username=username, action="revert", record=record, before=before, after=after
        )
    entry.reverted_at = utcnow()
    session.add(entry)
    record_change(
        session,
        username=username,
        action="revert",
        table_name="audit_log",
        record_id=entry.id,
        after={"reverted": entry.id, "table_name": entry.table_name, "record_id": entry.record_id},
    )
    bump_data_version(session)
    return entry


def _bump(record: SQLModel) -> None:
    if hasattr(record, "version"):
        record.version += 1
    if hasattr(record, "updated_at"):
        record.updated_at = utcnow()


def _set_deleted(session: Session, record: SQLModel, at, username: str) -> None:
    before = snapshot(record)
    record.deleted_at = at
    _bump(record)
    session.add(record)
    session.flush()
    record_change(
        session,
        username=username,
        action="delete" if at else "restore",
        record=record,
        before=before,
        after=snapshot(record),
    )


def _union_has_events(session: Session, union_id: int) -> bool:
    return (
        session.exec(
            select(MembershipEvent.id).where(
                MembershipEvent.union_id == union_id, MembershipEvent.deleted_at.is_(None)
            )
        ).first()
        is not None
    )
