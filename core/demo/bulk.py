"""Bulk loading for the demo data: rows as tuples with explicit ids, COPY on PostgreSQL and plain
executemany on SQLite, and the planner's statistics refreshed afterwards."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable

from sqlalchemy import text
from sqlmodel import Session, SQLModel, func, select


def next_id(session: Session, model) -> int:
    return int(session.exec(select(func.coalesce(func.max(model.id), 0))).one()) + 1


def load(
    session: Session, model, columns: tuple[str, ...], rows: Iterable[tuple], chunk: int = 20_000
) -> None:
    """Bulk-load rows given as tuples in `columns` order (with explicit ids), in the session's
    transaction: COPY on PostgreSQL, executemany of plain tuples on SQLite."""
    connection = session.connection()
    dialect = connection.dialect
    raw = connection.connection.driver_connection
    table = model.__table__
    names = ", ".join(columns)
    if dialect.name == "postgresql":
        with raw.cursor() as cursor:
            with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table.name}))"
            )
        return
    # SQLite stores dates and times as text: convert them as SQLAlchemy would, once per value.
    converters: list[tuple[int, Callable]] = []
    for position, name in enumerate(columns):
        processor = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            converters.append((position, _memoised(processor)))
    statement = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(columns))})"
    cursor = raw.cursor()
    rows = iter(rows)
    try:
        while batch := list(itertools.islice(rows, chunk)):
            if converters:
                converted = []
                for row in batch:
                    values = list(row)
                    for position, convert in converters:
                        values[position] = convert(values[position])
                    converted.append(values)
                batch = converted
            cursor.executemany(statement, batch)
    finally:
        cursor.close()


def _memoised(processor: Callable) -> Callable:
    cache: dict = {}

    def convert(value):
        try:
            return cache[value]
        except KeyError:
            result = cache[value] = processor(value)
            return result

    return convert


def analyze(session: Session) -> None:
    """Refresh the planner's statistics of the app's tables after a bulk load (PostgreSQL and
    SQLite). Table by table: a bare ANALYZE on PostgreSQL visits every table of the database, other
    schemas included, and waits on (or deadlocks with) whatever holds their locks."""
    for table in SQLModel.metadata.sorted_tables:
        session.exec(text(f"ANALYZE {table.name}"))
