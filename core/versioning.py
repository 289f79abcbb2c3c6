"""The one versioned save: a record read at version N is saved only if it is still at N.

Every writer of a versioned record goes through here: `claim` locks the row and re-checks its
version in the database (a conditional UPDATE, so two saves racing each other under READ COMMITTED
or SQLite's single writer cannot both pass); `save` stamps the new version and time, audits the
change and bumps the data version, all in the caller's transaction. A save on an old version is
refused with `StaleEdit`, which says who changed what and when; nothing is written over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import update
from sqlmodel import Session, SQLModel

from core import audit
from core.audit import FieldChange
from core.db import bump_data_version
from core.errors import CatalogueError
from core.formatting import fmt_datetime
from core.labels import display_value, field_label
from core.models import utcnow
from core.strings import t

R = TypeVar("R", bound=SQLModel)


class RecordMissing(CatalogueError, ValueError):
    """The record asked for does not exist."""

    def __init__(self) -> None:
        super().__init__("record.not_found")


class StaleEdit(CatalogueError, ValueError):
    """The record was saved by someone else after this edit began: nothing was written."""

    def __init__(self, changes: list[FieldChange], username: str | None, at: dt.datetime | None):
        super().__init__("record.stale")
        self.changes = changes
        self.username = username
        self.at = at

    def message(self) -> str:
        listed = "; ".join(
            f"{field_label(c.field)}: «{display_value(c.field, c.before)}» → "
            f"«{display_value(c.field, c.after)}»"
            for c in self.changes
        )
        return t(
            "record.stale",
            who=self.username or t("record.someone"),
            at=fmt_datetime(self.at) if self.at else "?",
            changes=listed or t("record.stale_unknown"),
        )


def claim(session: Session, model: type[R], record_id: int, expected_version: int | None) -> R:
    """The record, locked for this transaction; StaleEdit if it is no longer at `expected_version`.

    The no-op UPDATE takes the row lock (PostgreSQL) or the write lock (SQLite) and re-checks the
    version under it. With `expected_version` None the row is only locked (a write that checks a
    rule over the current row, e.g. "the last admin", reads it under the lock); a table without a
    `version` column is only ever locked this way.
    """
    record = session.get(model, record_id)
    if record is None:
        raise RecordMissing()
    table: Any = model
    condition = table.id == record_id
    if expected_version is not None:
        condition = condition & (table.version == expected_version)
    lock = {"version": table.version} if "version" in model.__table__.columns else {"id": table.id}  # type: ignore[attr-defined]
    claimed = session.exec(update(table).where(condition).values(**lock))  # type: ignore[call-overload]
    session.refresh(record)
    if claimed.rowcount != 1:
        changes, username, at = audit.changes_since(
            session, model.__tablename__, record_id, expected_version or 0
        )
        raise StaleEdit(changes, username, at)
    return record


def save(
    session: Session,
    record: SQLModel,
    *,
    username: str | None,
    before: dict[str, Any] | None,
    action: str = "update",
    audit_before: dict[str, Any] | None = None,
    audit_after: dict[str, Any] | None = None,
    batch_id: int | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    """Stamp `record` with its next version and the time, audit the change, bump the data version.

    `before` is the record's snapshot taken when it was claimed. `audit_before`/`audit_after`
    replace the logged snapshots where a column must not reach the log (a password hash); `extra`
    is logged after the new snapshot's columns (links kept in another table, e.g. who took part)."""
    if hasattr(record, "version"):
        record.version = (before or {}).get("version", record.version) + 1  # type: ignore[attr-defined]
    if hasattr(record, "updated_at"):
        record.updated_at = utcnow()  # type: ignore[attr-defined]
    session.add(record)
    session.flush()
    audit.record_change(
        session,
        username=username,
        action=action,
        record=record,
        before=audit_before if audit_before is not None else before,
        after={
            **(audit_after if audit_after is not None else audit.snapshot(record)),
            **(extra or {}),
        },
        batch_id=batch_id,
    )
    bump_data_version(session)


def create(
    session: Session,
    record: R,
    *,
    username: str | None,
    action: str = "insert",
    audit_after: dict[str, Any] | None = None,
    batch_id: int | None = None,
    extra: dict[str, Any] | None = None,
) -> R:
    """Insert `record` (version 1), audited, the data version bumped; `extra` as for `save`."""
    session.add(record)
    session.flush()
    audit.record_change(
        session,
        username=username,
        action=action,
        record=record,
        after={**(audit_after or audit.snapshot(record)), **(extra or {})},
        batch_id=batch_id,
    )
    bump_data_version(session)
    return record


def first_version(now: dt.datetime) -> dict[str, Any]:
    """The tracked columns of a new row written as a dict by a bulk insert: what `create` gives a
    record one at a time."""
    return {"version": 1, "created_at": now, "updated_at": now, "deleted_at": None}


@contextmanager
def editing(
    session: Session,
    model: type[R],
    record_id: int,
    expected_version: int | None,
    *,
    username: str | None,
    action: str = "update",
) -> Iterator[R]:
    """Claim the record, let the block change it, then save it if anything changed.

    with versioning.editing(session, Enterprise, id, version, username=actor.username) as e:
        e.stage = "contacted"
    """
    record = claim(session, model, record_id, expected_version)
    before = audit.snapshot(record)
    yield record
    if audit.snapshot(record) != before or action != "update":
        save(session, record, username=username, before=before, action=action)
