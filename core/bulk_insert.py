"""Writing thousands of rows in one transaction: ids reserved first, rows converted for the
driver's executemany, their audit rows written in one pass. Used by the importer's bulk admissions
(`core.membership.prepare_admissions` / `write_admissions`), where one ORM insert per row costs more
than the database; the rows are converted before the write lock is taken."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from operator import itemgetter

from sqlalchemy import Date, func
from sqlmodel import Session, select

from core.models import AuditLog


@dataclass
class BoundInsert:
    """An INSERT and its rows, converted to what the driver takes, ready for one executemany."""

    sql: str
    params: list[tuple]

    def execute(self, session: Session) -> None:
        if self.params:
            session.connection().exec_driver_sql(self.sql, self.params)


def bind_insert(
    session: Session, table, rows: list[dict], *, serialised: frozenset[str] = frozenset()
) -> BoundInsert:
    """An INSERT of many rows for the driver's executemany. Values still pass through each column
    type's bind processor (dates, aware datetimes, JSON), but SQLAlchemy's per-row statement
    handling is skipped: for 100.000 rows it costs more than the database does. Touches no table,
    so it can run before the write lock is taken."""
    if not rows:
        return BoundInsert("", [])
    dialect = session.get_bind().dialect
    names = list(rows[0])
    processors = [
        None
        if name in serialised
        else table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        for name in names
    ]
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join([mark] * len(names))})"
    )
    if dialect.name == "sqlite":
        # SQLite stores a DATE as ISO text, which date.isoformat (in C) writes faster than the
        # dialect's formatting; anything else goes through the dialect's own processor.
        processors = [
            _iso_date_first(p) if p is not None and isinstance(table.c[n].type, Date) else p
            for n, p in zip(names, processors, strict=True)
        ]
    converted = [(i, p) for i, p in enumerate(processors) if p is not None]
    # The same object (the batch's timestamp) repeats down a column: convert it once.
    last: dict[int, tuple[object, object]] = {}
    params = []
    pick = itemgetter(*names)
    if not converted:
        return BoundInsert(sql, [pick(row) for row in rows])
    for row in rows:
        values = list(pick(row))
        for i, processor in converted:
            value = values[i]
            if value is None:
                continue
            seen = last.get(i)
            if seen is not None and seen[0] is value:
                values[i] = seen[1]
            else:
                values[i] = processor(value)
                last[i] = (value, values[i])
        params.append(tuple(values))
    return BoundInsert(sql, params)


def _iso_date_first(processor):
    def process(value, _date=dt.date, _iso=dt.date.isoformat):
        return _iso(value) if type(value) is _date else processor(value)

    return process


def reserve_ids(session: Session, table, count: int) -> list[int]:
    """Ids for `count` new rows of `table`, taken before inserting them in one executemany.

    PostgreSQL: from the table's sequence, anywhere. SQLite: the ids after the largest, so they are
    only ours while nobody inserts into the table: reserve them under the write lock, or before it
    and check under the lock that the data version has not moved since before the reservation
    (every insert bumps it; the import's stale-plan check does exactly this).
    """
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        sequence = connection.exec_driver_sql(
            "SELECT pg_get_serial_sequence(%s, 'id')", (table.name,)
        ).scalar_one()
        return sorted(
            connection.exec_driver_sql(
                "SELECT nextval(%s) FROM generate_series(1, %s)", (sequence, count)
            ).scalars()
        )
    # SQLite: the caller's transaction already holds the write lock (bump_data_version runs
    # first), so no other writer can take these ids before the insert.
    last = connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
    return list(range(last + 1, last + count + 1))


def _json_default(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(type(value).__name__)


# json.dumps with arguments builds a new encoder per call; the bulk paths encode thousands of rows.
_AUDIT_JSON = json.JSONEncoder(default=_json_default, ensure_ascii=False, separators=(",", ":"))


def bind_audit_rows(session: Session, entries: list[dict]) -> BoundInsert:
    """Audit rows with their JSON written here in one pass (dates as ISO text, as snapshot() does)."""
    encode = _AUDIT_JSON.encode
    for entry in entries:
        for name in ("before", "after"):
            if entry[name] is not None:
                entry[name] = encode(entry[name])
    return bind_insert(
        session, AuditLog.__table__, entries, serialised=frozenset({"before", "after"})
    )


def audit_entry(
    by_user: str | None,
    action: str,
    table: str,
    record_id: int,
    after: dict,
    batch_id: int | None,
    now: dt.datetime,
    before: dict | None = None,
) -> dict:
    return {
        "at": now,
        "username": by_user,
        "action": action,
        "table_name": table,
        "record_id": record_id,
        "before": before,
        "after": after,
        "batch_id": batch_id,
        "reverted_at": None,
    }
