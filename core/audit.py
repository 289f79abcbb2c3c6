"""The audit log: every change writes who, when, the record, before and after, in its own
transaction (the caller's session)."""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from core import settings
from core.models import AuditLog, Enterprise, GrassrootsUnion, OrgUnit
from core.paging import Page


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
    zone = settings.get_settings().timezone
    return dt.datetime.combine(day, dt.time(), tzinfo=zone).astimezone(dt.UTC)


def list_changes(
    session: Session, f: AuditFilter = AuditFilter(), *, page: int = 1, page_size: int = 50
):
    """A page of the log, newest first, filtered in SQL (`core.paging.Page`)."""

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
