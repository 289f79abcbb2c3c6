"""Database fixtures: every database test runs on SQLite and, when TEST_DATABASE_URL names a
PostgreSQL database, on PostgreSQL too. The schema is built once per backend with the Alembic
migrations; each test starts from empty tables."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from core import db

os.environ.setdefault("APP_ENV", "test")
PG_URL = os.environ.get("TEST_DATABASE_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def pytest_report_header(config) -> str:
    return f"database backends: {', '.join(BACKENDS)}" + (
        ""
        if PG_URL
        else " (set TEST_DATABASE_URL to a PostgreSQL URL to run them on PostgreSQL too)"
    )


def _fresh_url(backend: str, tmp_root: Path, name: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_root / (name + '.db')}"
    base = PG_URL
    engine = db.make_engine(base, pooled=False)
    schema = name
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def tmp_root() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="ugt-tests-") as path:
        yield Path(path)


_migrated: dict[str, str] = {}


def migrated_url(backend: str, tmp_root: Path, name: str = "unit") -> str:
    """A database of `backend` with the schema built by the migrations, made once per name."""
    key = f"{backend}:{name}"
    if key not in _migrated:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        url = _fresh_url(backend, tmp_root, f"t_{name}_{worker}")
        db.migrate(url)
        _migrated[key] = url
    return _migrated[key]


def truncate_all(engine: Engine) -> None:
    tables = [table.name for table in reversed(SQLModel.metadata.sorted_tables)]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(text(f"DELETE FROM {table}"))
            # No AUTOINCREMENT tables: emptied tables start their ids again at 1.


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def engine(backend: str, tmp_root: Path) -> Iterator[Engine]:
    """An empty migrated database (tables emptied before each test)."""
    url = migrated_url(backend, tmp_root)
    engine = db.engine_for(url)
    truncate_all(engine)
    yield engine


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture
def db_env(engine: Engine, monkeypatch) -> str:
    """Point DATABASE_URL (the app and the CLI) at the test database."""
    url = engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


_demo_urls: dict[str, str] = {}


@pytest.fixture
def demo_url(backend: str, tmp_root: Path, monkeypatch) -> str:
    """A database with the district demo data, built once per backend and shared (read-only)."""
    if backend not in _demo_urls:
        from core import demo

        url = migrated_url(backend, tmp_root, "demo")
        with db.session_scope(db.engine_for(url)) as session:
            demo.seed(session)
        _demo_urls[backend] = url
    monkeypatch.setenv("DATABASE_URL", _demo_urls[backend])
    return _demo_urls[backend]


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
