"""Importing the spreadsheets offices send: read, find and match the header, clean and check each
row, match the stored records (a preview that writes nothing), then commit as one batch or undo one.

    plan = preview(session, data=..., file_name=..., kind="members")   # ReadError if unreadable
    batch = commit_plan(session=session, plan=plan, actor=staff)   # caller commits the session
    undo_batch(session=session, batch_id=batch.id, actor=staff)     # viewer: PermissionDenied
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from sqlmodel import Session, select

from core import db
from core.formatting import today_local
from core.importing.commit import StalePlan, UndoError, commit_plan, lock_imports, undo_batch
from core.importing.fields import REQUIRED, field_by_name
from core.importing.headers import HeaderMatch, best_header
from core.importing.isolated import read_sheets
from core.importing.plan import PLANNERS, Action, ImportPlan, RowPlan
from core.importing.reading import ReadError
from core.importing.rows import Problem, parse_rows
from core.models import GrassrootsUnion, HeaderMapping, ImportBatch, ImportKind, utcnow
from core.strings import t

__all__ = [
    "Action",
    "HeaderMatch",
    "ImportPlan",
    "Problem",
    "ReadError",
    "RowPlan",
    "StalePlan",
    "UndoError",
    "commit_plan",
    "history",
    "lock_imports",
    "preview",
    "remember_mapping",
    "undo_batch",
    "union_names",
]

Progress = Callable[[float, str], None]


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def remembered_mapping(session: Session, kind: str, signature: str) -> dict[str, str] | None:
    stored = session.exec(
        select(HeaderMapping).where(
            HeaderMapping.kind == kind, HeaderMapping.signature == signature
        )
    ).first()
    return dict(stored.mapping) if stored else None


def remember_mapping(
    session: Session, *, header: HeaderMatch, mapping: dict[str, str], by_user: str | None
) -> None:
    """Keep a corrected matching for the next file with the same header (caller commits)."""
    stored = session.exec(
        select(HeaderMapping).where(
            HeaderMapping.kind == header.kind, HeaderMapping.signature == header.signature
        )
    ).first()
    if stored is None:
        stored = HeaderMapping(kind=header.kind, signature=header.signature, mapping=mapping)
    stored.mapping = dict(mapping)
    stored.username = by_user
    stored.updated_at = utcnow()
    session.add(stored)


def preview(
    session: Session,
    *,
    data: bytes,
    file_name: str,
    kind: str,
    default_union: str | None = None,
    mapping: dict[str, str] | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """What importing the file would do; writes nothing. ReadError when nothing can be read."""
    kind = ImportKind(kind)
    today = today or today_local()
    # Read before anything the plan is built from: a write landing during the preview then makes
    # the plan stale at commit, rather than slipping in between the matching and this read.
    version = db.data_version(session)

    def step(share: float, label_key: str) -> Callable[[float], None] | None:
        report = progress  # a local name, so the check below holds inside the lambda
        if report is None:
            return None
        return lambda done: report(share + done * 0.3, t(label_key))

    sheets = read_sheets(data, file_name, progress=step(0.0, "import.progress.reading"))
    found = best_header(sheets, kind)
    if found is None:
        raise ReadError("import.error.no_header")
    sheet, header = found
    stored = remembered_mapping(session, kind, header.signature)
    if stored is not None:
        header = header.with_mapping(stored)
        header.remembered = True
    if mapping is not None:
        header = header.with_mapping(mapping)
    if header.missing_required():
        labels = field_by_name(kind)
        needed = " / ".join(
            ", ".join(t(labels[name].label_key) for name in group) for group in REQUIRED[kind]
        )
        raise ReadError("import.error.header_incomplete", fields=needed)
    parsed = parse_rows(sheet, header, today=today, progress=step(0.3, "import.progress.checking"))
    if not parsed:
        raise ReadError("import.error.no_rows")
    if progress is not None:
        progress(0.6, t("import.progress.matching"))
    rows = PLANNERS[kind](session, header, parsed, today=today, default_union=default_union)
    if progress is not None:
        progress(1.0, t("import.progress.done"))
    return ImportPlan(
        kind=kind,
        file_name=file_name,
        checksum=checksum(data),
        header=header,
        rows=rows,
        today=today,
        default_union=default_union,
        data_version=version,
    )


def history(session: Session, *, limit: int = 50) -> list[ImportBatch]:
    return list(
        session.exec(select(ImportBatch).order_by(ImportBatch.id.desc()).limit(limit)).all()
    )


def union_names(session: Session) -> list[str]:
    """Names of the unions still recorded, for choosing the union of a whole file."""
    return list(
        session.exec(
            select(GrassrootsUnion.name)
            .where(GrassrootsUnion.deleted_at.is_(None))
            .order_by(GrassrootsUnion.name)
        ).all()
    )
