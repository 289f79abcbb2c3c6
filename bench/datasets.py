"""The benchmark's databases: built once with core.demo, reused while the schema and the generator
stay the same (a small JSON file beside them records what built them and how long it took)."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from core import db, demo, settings

BENCH_DIR = settings.PROJECT_ROOT / "data" / "bench"
DEFAULT_PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BENCH_USER = "bench"
# What the data depends on: rebuild when one of these changes.
SOURCES = (
    "core/demo/seed.py",
    "core/demo/names.py",
    "core/demo/duties.py",
    "core/demo/bulk.py",
    "core/models.py",
)


def _source_paths() -> list[Path]:
    """The generator's files and every migration (a new one changes the schema the data is in)."""
    migrations = sorted((settings.PROJECT_ROOT / "migrations" / "versions").glob("*.py"))
    return [settings.PROJECT_ROOT / name for name in SOURCES] + migrations


@dataclass(frozen=True)
class Dataset:
    backend: str  # sqlite | postgresql
    scale: str  # district | city
    url: str

    @property
    def name(self) -> str:
        return f"{self.backend}_{self.scale}"

    @property
    def info_path(self) -> Path:
        return BENCH_DIR / f"{self.name}.json"

    def info(self) -> dict:
        try:
            return json.loads(self.info_path.read_text())
        except (OSError, ValueError):
            return {}


def sources_digest() -> str:
    digest = hashlib.sha256()
    for path in _source_paths():
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def dataset(backend: str, scale: str, pg_server: str = DEFAULT_PG_SERVER) -> Dataset:
    if backend == "sqlite":
        return Dataset(backend, scale, f"sqlite:///{BENCH_DIR / f'{scale}.db'}")
    url = make_url(pg_server).set(database=f"bench_{scale}")
    return Dataset(backend, scale, url.render_as_string(hide_password=False))


def postgresql_reachable(pg_server: str = DEFAULT_PG_SERVER) -> bool:
    engine = db.make_engine(pg_server, pooled=False)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001  (any failure means: no PostgreSQL to measure)
        return False
    finally:
        engine.dispose()


def ensure(data: Dataset, *, rebuild: bool = False, log=print) -> dict:
    """The data set exists and matches the current sources; build it if not. Returns its info."""
    info = data.info()
    if not rebuild and info.get("sources") == sources_digest() and _has_data(data):
        return info
    log(f"building {data.name} ({data.url}) …")
    _drop(data)
    started = time.perf_counter()
    db.migrate(data.url)
    engine = db.make_engine(data.url, pooled=False)
    try:
        with db.session_scope(engine) as session:
            demo.seed(session, demo.SCALES[data.scale])
        seeded = time.perf_counter() - started
        _after_load(engine)
        _bench_user(engine)
    finally:
        engine.dispose()
    info = {
        "sources": sources_digest(),
        "seed_seconds": round(seeded, 1),
        "ready_seconds": round(time.perf_counter() - started, 1),
        "built_at": time.strftime("%Y-%m-%d %H:%M"),
    }
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    data.info_path.write_text(json.dumps(info, indent=1))
    log(f"built {data.name} in {info['ready_seconds']} s (seed {info['seed_seconds']} s)")
    return info


def _has_data(data: Dataset) -> bool:
    if data.backend == "sqlite" and not Path(make_url(data.url).database).exists():
        return False
    engine = db.make_engine(data.url, pooled=False)
    try:
        with engine.connect() as connection:
            return bool(connection.execute(text("SELECT count(*) FROM grassroots_union")).scalar())
    except Exception:  # noqa: BLE001  (missing database or table: build it)
        return False
    finally:
        engine.dispose()


def _drop(data: Dataset) -> None:
    if data.backend == "sqlite":
        path = Path(make_url(data.url).database)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    name = make_url(data.url).database
    server = make_url(data.url).set(database="postgres").render_as_string(hide_password=False)
    engine = db.make_engine(server, pooled=False).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()


def _after_load(engine) -> None:
    """PostgreSQL: VACUUM so index-only scans need no table visits (ANALYZE ran in the seed)."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def _bench_user(engine) -> None:
    from sqlmodel import select

    from core import users
    from core.models import AppUser, Role

    with db.session_scope(engine) as session:
        if not session.exec(select(AppUser).where(AppUser.username == BENCH_USER)).first():
            users.create_user(
                session,
                username=BENCH_USER,
                role=Role.viewer,
                password=users.generate_password(),
                by_user="bench",
            )
