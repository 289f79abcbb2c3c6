"""A consistent copy of the database while the app is in use, and bringing it back.

SQLite: the online backup API copies a snapshot page by page (WAL readers and writers carry on).
PostgreSQL: `pg_dump --format=custom`, one snapshot in a repeatable-read transaction; `pg_restore`
brings it back in a single transaction, so a failed restore leaves the database as it was.
After a restore the schema is migrated to the current version and the data version moves past
every value it had, so no app server keeps figures cached from before.

A backup downloaded from the app holds every account and every CCCD, and a browser download passes
through the app server's media store under a URL anyone holding it could fetch. So it is encrypted
with a passphrase the admin types (AES-256-GCM, the key derived with scrypt): a copied link or a
lost file alone is worthless. `restore` takes such a file given the passphrase.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from sqlalchemy import text, update
from sqlalchemy.engine import URL, make_url
from sqlmodel import Session, select

from core import audit, db, settings
from core.access import require
from core.errors import CatalogueError
from core.formatting import fmt_size, now_local
from core.models import AppState, AuditLog, Role

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# What a backup downloaded from the app is called: SQLite's own file, or pg_dump's custom format.
FILE_SUFFIX = {"sqlite": "sqlite3", "postgresql": "dump"}
MAX_DOWNLOAD_MB = 500
# An encrypted backup: this line, a 16-byte scrypt salt, a 12-byte nonce, then AES-GCM's output.
ENCRYPTED_MAGIC = b"UGT-BACKUP AES-256-GCM scrypt v1\n"
ENCRYPTED_SUFFIX = ".enc"
MIN_PASSPHRASE_LENGTH = 10
SCRYPT_COST = {"n": 2**15, "r": 8, "p": 1}  # about 32 MB and a tenth of a second per key
# Tables a backup of this application must hold.
REQUIRED_TABLES = ("alembic_version", "member", "membership_event", "grassroots_union")


class BackupError(CatalogueError):
    """A backup or restore that cannot be done; `key` names the catalogue message."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    backend: str


# ---------------------------------------------------------------- entry points


def backup(path: Path, *, url: str | None = None) -> BackupResult:
    """Write a consistent copy of the database at `url` (default DATABASE_URL) to `path`."""
    url = url or settings.get_settings().database_url
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed at the end: never a half-written file under its name.
    with tempfile.NamedTemporaryFile(
        dir=path.parent, prefix=f".{path.name}.", suffix=".part", delete=False
    ) as handle:
        partial = Path(handle.name)
    try:
        backend = _backend(url)
        if backend == "sqlite":
            _sqlite_backup(_sqlite_path(url), partial)
        else:
            _pg_dump(url, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=path, size=path.stat().st_size, backend=backend)


def download(
    *, actor, passphrase: str, url: str | None = None, now: dt.datetime | None = None
) -> tuple[str, bytes]:
    """An admin's backup from the app, encrypted with `passphrase`: the file's name and bytes.

    The same consistent copy as `backup`, made in a temporary folder that is gone afterwards, and
    noted in the audit log (who, which file, how big). A copy over MAX_DOWNLOAD_MB is refused: a
    browser download holds it in the server's memory; `python -m core backup` has no such limit.
    """
    require(actor, Role.admin)
    if len(passphrase or "") < MIN_PASSPHRASE_LENGTH:
        raise BackupError("backup.passphrase_short", n=MIN_PASSPHRASE_LENGTH)
    url = url or settings.get_settings().database_url
    backend = _backend(url)
    stamp = (now or now_local()).strftime("%Y%m%d-%H%M")
    plain_name = f"ugt-backup-{stamp}.{FILE_SUFFIX[backend]}"
    with tempfile.TemporaryDirectory(prefix="ugt-backup-") as folder:
        result = backup(Path(folder) / plain_name, url=url)
        if result.size > MAX_DOWNLOAD_MB * 1024 * 1024:
            raise BackupError("backup.too_big", size=fmt_size(result.size), max=MAX_DOWNLOAD_MB)
        data = encrypt(result.path.read_bytes(), passphrase)
    name = plain_name + ENCRYPTED_SUFFIX
    with db.session_scope(db.engine_for(url)) as session:
        audit.record_change(
            session,
            username=actor.username,
            action="backup",
            table_name="database",
            after={"file": name, "bytes": len(data)},
        )
    return name, data


# ---------------------------------------------------------------- encryption


def _key(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, **SCRYPT_COST).derive(passphrase.encode("utf-8"))


def encrypt(data: bytes, passphrase: str) -> bytes:
    salt, nonce = os.urandom(16), os.urandom(12)
    header = ENCRYPTED_MAGIC + salt + nonce
    # The header is authenticated too: a changed salt or nonce fails like a wrong passphrase.
    return header + AESGCM(_key(passphrase, salt)).encrypt(nonce, data, header)


def decrypt(blob: bytes, passphrase: str, *, file: str = "") -> bytes:
    """The backup inside an encrypted file; BackupError if the passphrase is wrong or the file
    was altered (AES-GCM cannot tell the two apart)."""
    if not blob.startswith(ENCRYPTED_MAGIC):
        raise BackupError("backup.not_a_backup", file=file)
    start = len(ENCRYPTED_MAGIC)
    salt, nonce = blob[start : start + 16], blob[start + 16 : start + 28]
    try:
        return AESGCM(_key(passphrase, salt)).decrypt(nonce, blob[start + 28 :], blob[: start + 28])
    except InvalidTag:
        raise BackupError("backup.wrong_passphrase", file=file) from None


def is_encrypted(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(ENCRYPTED_MAGIC)) == ENCRYPTED_MAGIC
    except OSError:
        return False


def last_download(session: Session) -> AuditLog | None:
    """The audit entry of the latest backup made from the app, if any."""
    return session.exec(
        select(AuditLog)
        .where(AuditLog.action == "backup", AuditLog.table_name == "database")
        .order_by(AuditLog.id.desc())
        .limit(1)
    ).first()


def restore(
    path: Path,
    *,
    url: str | None = None,
    by_user: str | None = None,
    passphrase: str | None = None,
) -> str:
    """Replace the database at `url` with the backup in `path`; returns the backend's name.

    The file is checked first; one that is not a backup of this application is refused with
    `BackupError("backup.not_a_backup")` and nothing is touched. An encrypted backup (downloaded
    from the app) needs its `passphrase`; it is decrypted into a private temporary folder.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError("backup.missing_file", file=str(path))
    if not is_encrypted(path):
        return _restore(path, url=url, by_user=by_user, name=path.name)
    if not passphrase:
        raise BackupError("backup.passphrase_needed", file=path.name)
    plain = decrypt(path.read_bytes(), passphrase, file=path.name)
    with tempfile.TemporaryDirectory(prefix="ugt-restore-") as folder:
        inside = Path(folder) / path.name.removesuffix(ENCRYPTED_SUFFIX)
        inside.write_bytes(plain)
        del plain
        return _restore(inside, url=url, by_user=by_user, name=path.name)


def _restore(path: Path, *, url: str | None, by_user: str | None, name: str) -> str:
    url = url or settings.get_settings().database_url
    backend = _backend(url)
    if backend == "sqlite":
        _check_sqlite_backup(path)
    else:
        _check_pg_backup(path, url)
    before = _data_version(url)
    if backend == "sqlite":
        _sqlite_restore(path, _sqlite_path(url))
    else:
        _pg_restore(path, url)
    db.engine_for(url).dispose()  # pooled connections may still see the replaced tables
    db.migrate(url)
    _after_restore(url, before, name, by_user)
    return backend


def kind_of_file(path: Path) -> str | None:
    """'sqlite', 'postgresql' or None, from the file's first bytes."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError:
        return None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    return None


# ---------------------------------------------------------------- SQLite


def _backend(url: str) -> str:
    name = make_url(url).get_backend_name()
    if name not in ("sqlite", "postgresql"):
        raise BackupError("backup.unsupported", backend=name)
    return name


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("backup.unsupported", backend="sqlite :memory:")
    return Path(database)


def _sqlite_backup(source: Path, target: Path) -> None:
    if not source.exists():
        raise BackupError("backup.missing_database", database=str(source))
    with sqlite3.connect(source, timeout=30) as src, sqlite3.connect(target) as dst:
        src.execute("PRAGMA busy_timeout=30000")
        # All pages in one step: the copy is one snapshot even while others write.
        src.backup(dst)
    with sqlite3.connect(target) as dst:
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    _close_sqlite(target)


def _close_sqlite(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _check_sqlite_backup(path: Path) -> None:
    if kind_of_file(path) != "sqlite":
        raise BackupError("backup.not_a_backup", file=path.name)
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not set(REQUIRED_TABLES) <= tables:
                raise BackupError("backup.not_a_backup", file=path.name)
            if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError("backup.damaged", file=path.name)
    except sqlite3.DatabaseError:
        raise BackupError("backup.not_a_backup", file=path.name) from None


def _sqlite_restore(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    # The backup API in reverse: the live file is rewritten in one transaction, so connections
    # of running app servers see either the old database or the restored one.
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src:
        with sqlite3.connect(target, timeout=30) as dst:
            dst.execute("PRAGMA busy_timeout=30000")
            src.backup(dst)


# ---------------------------------------------------------------- PostgreSQL


def _libpq(url: str) -> tuple[str, dict[str, str], str | None]:
    """(connection URI for the client tools, environment, schema named by search_path or None)."""
    parsed: URL = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    options = parsed.query.get("options")
    options = options if isinstance(options, str) else (options[0] if options else None)
    schema = None
    if options:
        env["PGOPTIONS"] = unquote(options)
        for part in unquote(options).replace("-c ", "-c").split():
            if part.startswith("-csearch_path="):
                schema = part.split("=", 1)[1].split(",")[0].strip('"') or None
    plain = URL.create(
        "postgresql",
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
    )
    return plain.render_as_string(hide_password=True), env, schema


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError("backup.tool_missing", tool=name)
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    completed = subprocess.run(command, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip().splitlines()
        raise BackupError(
            "backup.tool_failed", tool=Path(command[0]).name, detail=(detail or ["?"])[-1][:200]
        )


def _pg_dump(url: str, target: Path) -> None:
    uri, env, schema = _libpq(url)
    command = [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
    if schema:
        command.append(f"--schema={schema}")
    _run([*command, f"--file={target}", f"--dbname={uri}"], env)


def _pg_listing(path: Path) -> list[str]:
    completed = subprocess.run(
        [_tool("pg_restore"), "--list", str(path)], capture_output=True, text=True
    )
    if completed.returncode != 0:
        raise BackupError("backup.not_a_backup", file=path.name)
    return completed.stdout.splitlines()


def _check_pg_backup(path: Path, url: str) -> None:
    if kind_of_file(path) != "postgresql":
        raise BackupError("backup.not_a_backup", file=path.name)
    tables: dict[str, set[str]] = {}
    for line in _pg_listing(path):
        # e.g. "215; 1259 16390 TABLE public member postgres"
        parts = line.split()
        if len(parts) >= 6 and not line.startswith(";") and parts[3] == "TABLE":
            tables.setdefault(parts[4], set()).add(parts[5])
    schemas = [name for name, found in tables.items() if set(REQUIRED_TABLES) <= found]
    if not schemas:
        raise BackupError("backup.not_a_backup", file=path.name)
    _uri, _env, schema = _libpq(url)
    if (schema or "public") not in schemas:
        raise BackupError("backup.other_schema", file=path.name, schema=", ".join(schemas))


def _pg_restore(path: Path, url: str) -> None:
    """Drop and recreate every object of the backup, in one transaction.

    The schema itself is left alone (created first if missing): dropping it would fail, and undo
    the whole restore, as soon as it holds anything the backup does not.
    """
    uri, env, schema = _libpq(url)
    if schema:
        with db.engine_for(url).begin() as connection:
            connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    entries = [line for line in _pg_listing(path) if " SCHEMA " not in line]
    with tempfile.NamedTemporaryFile("w", suffix=".list", delete=False) as listing:
        listing.write("\n".join(entries) + "\n")
    try:
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                f"--use-list={listing.name}",
                f"--dbname={uri}",
                str(path),
            ],
            env,
        )
    finally:
        Path(listing.name).unlink(missing_ok=True)


# ---------------------------------------------------------------- after a restore


def _data_version(url: str) -> int:
    try:
        with Session(db.engine_for(url)) as session:
            return db.data_version(session)
    except Exception:  # noqa: BLE001  (an empty or broken database has no version yet)
        return 0


def _after_restore(url: str, before: int, name: str, by_user: str | None) -> None:
    """Move the data version past both histories and note the restore in the audit log."""
    with db.session_scope(db.engine_for(url)) as session:
        restored = db.data_version(session)
        target = max(before, restored) + 1
        exists = session.exec(select(AppState).where(AppState.key == db.DATA_VERSION)).first()
        if exists is None:
            session.add(AppState(key=db.DATA_VERSION, value=target))
        else:
            session.exec(
                update(AppState).where(AppState.key == db.DATA_VERSION).values(value=target)
            )
        audit.record_change(
            session,
            username=by_user,
            action="restore",
            table_name="database",
            after={"file": name, "data_version": target},
        )
