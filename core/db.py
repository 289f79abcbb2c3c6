"""Engine, sessions and migrations. SQLite under data/ by default, PostgreSQL via DATABASE_URL."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from sqlalchemy import event, update
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool
from sqlmodel import Session, create_engine, select

from core import settings
from core.models import AppState

MIGRATIONS_DIR = settings.PROJECT_ROOT / "migrations"


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def make_engine(url: str, *, pooled: bool = True) -> Engine:
    pool_args = {} if pooled else {"poolclass": NullPool}
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, **pool_args
        )
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    if pooled:
        pool_args = {"pool_pre_ping": True, "pool_size": 5, "max_overflow": 10}
    return create_engine(url, **pool_args)


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    return make_engine(url)


def get_engine() -> Engine:
    return engine_for(settings.get_settings().database_url)


@contextlib.contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back if it raises."""
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def alembic_config(url: str):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(url: str | None = None) -> None:
    """Create or upgrade the schema to the newest migration; safe to run again."""
    from alembic import command

    url = url or settings.get_settings().database_url
    command.upgrade(alembic_config(url), "head")


DATA_VERSION = "data_version"


def bump_data_version(session: Session) -> None:
    """Mark the data as changed, in the caller's transaction, so every app server drops its caches."""
    result = session.exec(
        update(AppState).where(AppState.key == DATA_VERSION).values(value=AppState.value + 1)
    )
    if result.rowcount == 0:
        session.add(AppState(key=DATA_VERSION, value=1))


def data_version(session: Session) -> int:
    state = session.exec(select(AppState.value).where(AppState.key == DATA_VERSION)).first()
    return state or 0
