"""Simultaneous writers for race tests: each call gets its own connection and transaction, and all
start together at a barrier, so the database (not the test's timing) decides who wins."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from core import db


def race(engine: Engine, calls: list[Callable[[Session], Any]]) -> list[Any]:
    """Run every call at once, each in its own committed transaction; their results in order (an
    exception a call raised stands in for its result)."""
    # Unpooled: every writer holds its own connection, however many there are.
    racing = db.make_engine(engine.url.render_as_string(hide_password=False), pooled=False)
    barrier = threading.Barrier(len(calls), timeout=60)
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[Session], Any]) -> None:
        with Session(racing, expire_on_commit=False) as session:
            barrier.wait()
            try:
                results[index] = call(session)
                session.commit()
            except Exception as error:  # noqa: BLE001  (the outcome under test)
                session.rollback()
                results[index] = error

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    racing.dispose()
    return results
