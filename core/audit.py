"""The audit log: every change writes who, when, the record, before and after, in its own
transaction (the caller's session)."""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Date, DateTime, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select

from core.errors import CatalogueError
from core.models import AuditLog


def snapshot(record: SQLModel) -> dict[str, Any]:
    """The record's columns as JSON-safe values."""
    values: dict[str, Any] = {}
    for column in record.__table__.columns:
        value = getattr(record, column.name)
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        elif isinstance(value, decimal.Decimal):
            value = float(value)
        values[column.name] = value
    return values


def record_change(
    session: Session,
    *,
    username: str | None,
    action: str,
    record: SQLModel | None = None,
    table_name: str | None = None,
    record_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    batch_id: int | None = None,
) -> AuditLog:
    if record is not None:
        table_name = table_name or record.__tablename__
        record_id = record_id if record_id is not None else getattr(record, "id", None)
        if after is None and action != "delete":
            after = snapshot(record)
    entry = AuditLog(
        username=username,
        action=action,
        table_name=table_name or "",
        record_id=record_id,
        before=before,
        after=after,
        batch_id=batch_id,
    )
    session.add(entry)
    return entry


# ---------------------------------------------------------------- reading the log, undoing one change

# Columns a revert never sets back: identity, bookkeeping, and values derived from other rows.
BOOKKEEPING = frozenset(
    {"id", "version", "created_at", "updated_at", "search_name", "active_members", "batch_id"}
)
# A member's place in the federation follows its events: changed by correcting a movement instead.
MOVEMENT_COLUMNS = {"member": frozenset({"union_id", "status", "joined_on", "left_on"})}
# Rows of structure, not records: a revert of their insertion removes them (the log keeps them).
STRUCTURE_TABLES = frozenset({"unit_link", "target_allocation"})
ACTIONS = (
    "insert",
    "update",
    "delete",
    "restore",
    "void",
    "revert",
    "lock",
    "password",
    "backup",
)


class AuditError(CatalogueError, ValueError):
    """A revert refused; `key` names the catalogue message."""


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


def changed_fields(before: dict | None, after: dict | None) -> list[FieldChange]:
    """The columns whose value differs between two snapshots (bookkeeping left out)."""
    before, after = before or {}, after or {}
    names = [name for name in after if name in before] if before else []
    return [
        FieldChange(name, before[name], after[name])
        for name in names
        if name not in BOOKKEEPING and before[name] != after[name]
    ]


def changes_since(
    session: Session, table_name: str, record_id: int, version: int
) -> tuple[list[FieldChange], str | None, dt.datetime | None]:
    """What was changed in a record after `version`, by whom last and when (from this log).

    Each column is reported once, from its value then to its value now; a column changed and then
    changed back is reported step by step, so the message never says "nothing changed".
    """
    entries = session.exec(
        select(AuditLog)
        .where(AuditLog.table_name == table_name, AuditLog.record_id == record_id)
        .order_by(AuditLog.id)
    ).all()
    first: dict[str, Any] = {}
    last: dict[str, Any] = {}
    steps: list[FieldChange] = []
    who, when = None, None
    for entry in entries:
        if not entry.after or (entry.after.get("version") or 0) <= version:
            continue
        who, when = entry.username, entry.at
        for change in changed_fields(entry.before, entry.after):
            first.setdefault(change.field, change.before)
            last[change.field] = change.after
            steps.append(change)
    changes = [
        FieldChange(name, first[name], last[name]) for name in last if first[name] != last[name]
    ]
    return named(session, changes or steps), who, when


def _reference_models() -> dict[str, type[SQLModel]]:
    from core.models import Enterprise, GrassrootsUnion, OrgUnit

    return {
        "union_id": GrassrootsUnion,
        "other_union_id": GrassrootsUnion,
        "enterprise_id": Enterprise,
        "unit_id": OrgUnit,
        "cluster_id": OrgUnit,
        "parent_id": OrgUnit,
    }


def named(session: Session, changes: list[FieldChange]) -> list[FieldChange]:
    """The same changes with record ids (union, unit, enterprise) given as those records' names."""
    models = _reference_models()

    def name_of(field: str, value: Any) -> Any:
        if field not in models or value is None:
            return value
        record = session.get(models[field], value)
        return record.name if record is not None else value

    return [
        FieldChange(c.field, name_of(c.field, c.before), name_of(c.field, c.after)) for c in changes
    ]


@dataclass(frozen=True)
class AuditFilter:
    username: str | None = None
    table_name: str | None = None
    action: str | None = None
    record_id: int | None = None
    date_from: dt.date | None = None  # local days, inclusive
    date_to: dt.date | None = None


def _local_midnight(day: dt.date) -> dt.datetime:
    from core import settings

    zone = settings.get_settings().timezone
    return dt.datetime.combine(day, dt.time(), tzinfo=zone).astimezone(dt.UTC)


def list_changes(
    session: Session, f: AuditFilter = AuditFilter(), *, page: int = 1, page_size: int = 50
):
    """A page of the log, newest first, filtered in SQL (`core.records.Page`)."""
    from core.records import Page

    conditions = []
    if f.username:
        conditions.append(AuditLog.username == f.username.strip())
    if f.table_name:
        conditions.append(AuditLog.table_name == f.table_name)
    if f.action:
        conditions.append(AuditLog.action == f.action)
    if f.record_id is not None:
        conditions.append(AuditLog.record_id == f.record_id)
    if f.date_from:
        conditions.append(AuditLog.at >= _local_midnight(f.date_from))
    if f.date_to:
        conditions.append(AuditLog.at < _local_midnight(f.date_to + dt.timedelta(days=1)))
    page_size = max(1, min(int(page_size), 500))
    total = int(session.exec(select(func.count()).select_from(AuditLog).where(*conditions)).one())
    last_page = max(1, -(-total // page_size))
    page = min(max(1, int(page)), last_page)
    entries = session.exec(
        select(AuditLog)
        .where(*conditions)
        .order_by(AuditLog.id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    rows = [
        {
            "id": e.id,
            "at": e.at,
            "username": e.username,
            "action": e.action,
            "table_name": e.table_name,
            "record_id": e.record_id,
            "changes": named(session, changed_fields(e.before, e.after)),
            "before": e.before,
            "after": e.after,
            "batch_id": e.batch_id,
            "reverted_at": e.reverted_at,
        }
        for e in entries
    ]
    return Page(rows, total, page, page_size)


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
    from core.formatting import fmt_datetime
    from core.records import display_value, field_label
    from core.strings import t

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
    from core import membership
    from core.auth import Role, require
    from core.db import bump_data_version
    from core.models import Member, utcnow

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
            from core.text import unaccent

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
    from core.models import utcnow

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
    from core.models import MembershipEvent

    return (
        session.exec(
            select(MembershipEvent.id).where(
                MembershipEvent.union_id == union_id, MembershipEvent.deleted_at.is_(None)
            )
        ).first()
        is not None
    )
