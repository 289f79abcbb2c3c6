"""The audit log: every change writes who, when, the record, before and after, in its own
transaction (the caller's session)."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from sqlmodel import Session, SQLModel

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
