"""Writing an import plan as one batch, and undoing a batch whole.

Commit works in the caller's transaction (all accepted rows or nothing): member movements go
through core.membership, every write is audited with the batch id. Undo reads the batch's audit
rows: what the batch added is soft-deleted, what it changed gets its 'before' values back, union
counters move back with the events, and each step is audited again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, bindparam, exists, func, insert, text, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, SQLModel, select

from core import audit, bulk_insert, membership
from core.access import Actor, require
from core.db import bump_data_version, data_version
from core.errors import CatalogueError
from core.importing.plan import CHUNK, Action, ImportPlan, RowPlan
from core.models import (
    EVENT_SIGN,
    AuditLog,
    Enterprise,
    EventKind,
    GrassrootsUnion,
    ImportBatch,
    ImportKind,
    Member,
    MembershipEvent,
    Role,
    utcnow,
)
from core.text import search_name


class UndoError(CatalogueError):
    """An import batch that cannot be undone (unknown, already undone, changed since)."""


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _load(session: Session, model: type[SQLModel], ids: list[int]) -> dict[int, Any]:
    found = {}
    for chunk in _chunks(sorted(set(ids))):
        for record in session.exec(select(model).where(model.id.in_(chunk))).all():
            found[record.id] = record
    return found


# --- members -------------------------------------------------------------------------------------


def _member_columns(values: dict) -> dict:
    return {
        "full_name": values["full_name"],
        "search_name": search_name(values["full_name"]),
        "birth_date": values.get("birth_date"),
        "birth_year": values.get("birth_year"),
        "gender": values.get("gender"),
        "cccd": values.get("cccd"),
        "passport_no": values.get("passport_no"),
        "nationality": values.get("nationality") or "VN",
        "card_no": values.get("card_no"),
        "contract_months": values.get("contract_months"),
        "has_application": values.get("has_application"),
    }


def _detail_updates(row: RowPlan) -> dict:
    updates = {name: after for name, (_before, after) in row.changes.items() if name != "union"}
    if "full_name" in updates:
        updates["search_name"] = search_name(updates["full_name"])
    return updates


def _prepare_admissions(
    session: Session, plan: ImportPlan, batch_id: int, by_user: str | None
) -> membership.PreparedAdmissions:
    admissions = [
        _member_columns(row.values)
        | {"union_id": row.union_id, "joined_on": row.values.get("joined_on") or plan.today}
        for row in plan.rows
        if row.action == Action.add and row.operation == "admit"
    ]
    return membership.prepare_admissions(
        session=session, members=admissions, by_user=by_user, batch_id=batch_id
    )


def _commit_members(
    session: Session,
    plan: ImportPlan,
    batch_id: int,
    by_user: str | None,
    ahead: membership.PreparedAdmissions | None = None,
) -> None:
    admissions = ahead or _prepare_admissions(session, plan, batch_id, by_user)
    membership.write_admissions(session=session, admissions=admissions)
    others = [
        row
        for row in plan.rows
        if row.action in (Action.add, Action.change) and row.operation != "admit"
    ]
    members = _load(session, Member, [row.record_id for row in others])
    for row in others:
        member = members[row.record_id]
        on = row.values.get("joined_on") or plan.today
        if row.operation == "revive":
            for name, value in _member_columns(row.values).items():
                setattr(member, name, value)
            membership.readmit_deleted_member(
                session=session,
                member=member,
                union_id=row.union_id,
                on=on,
                by_user=by_user,
                batch_id=batch_id,
            )
            continue
        updates = _detail_updates(row)
        if updates:
            membership.update_member_details(
                session=session, member=member, changes=updates, by_user=by_user, batch_id=batch_id
            )
        if row.operation == "readmit":
            membership.readmit_member(
                session=session,
                member=member,
                union_id=row.union_id,
                on=on,
                by_user=by_user,
                batch_id=batch_id,
            )
        elif row.operation == "transfer":
            membership.transfer_member(
                session=session,
                member=member,
                to_union_id=row.union_id,
                on=on,
                by_user=by_user,
                batch_id=batch_id,
            )


def _commit_departures(
    session: Session, plan: ImportPlan, batch_id: int, by_user: str | None
) -> None:
    rows = [row for row in plan.rows if row.action == Action.change]
    members = _load(session, Member, [row.record_id for row in rows])
    for row in rows:
        membership.record_departure(
            session=session,
            member=members[row.record_id],
            on=row.values["left_on"],
            reason=row.values["reason"],
            by_user=by_user,
            batch_id=batch_id,
        )


# --- enterprises and unions ----------------------------------------------------------------------


def _insert_audited(
    session: Session, model: type[SQLModel], rows: list[dict], batch_id: int, by_user: str | None
) -> list[int]:
    """Many new records with one executemany, each with its audit row."""
    if not rows:
        return []
    now = utcnow()
    table = model.__table__
    full = [
        {c.name: None for c in table.columns if c.name != "id"}
        | {"created_at": now, "updated_at": now, "version": 1}
        | row
        | {"batch_id": batch_id}
        for row in rows
    ]
    for row in full:
        for column in table.columns:
            if row.get(column.name) is None and column.default is not None and column.name != "id":
                default = column.default.arg
                row[column.name] = default(None) if callable(default) else default
    ids = list(
        session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), full
        ).scalars()
    )
    entries = [
        {
            "at": now,
            "username": by_user,
            "action": "insert",
            "table_name": table.name,
            "record_id": record_id,
            "before": None,
            "after": _json_safe({"id": record_id, **row}),
            "batch_id": batch_id,
            "reverted_at": None,
        }
        for record_id, row in zip(ids, full, strict=True)
    ]
    session.execute(insert(AuditLog.__table__), entries)
    return ids


def _json_safe(values: dict) -> dict:
    return {
        key: value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value
        for key, value in values.items()
    }


def _update_audited(
    session: Session,
    record: SQLModel,
    values: dict,
    batch_id: int,
    by_user: str | None,
    revive: bool = False,
) -> None:
    before = audit.snapshot(record)
    for name, value in values.items():
        setattr(record, name, value)
    if revive:
        record.deleted_at = None
        record.batch_id = batch_id
    record.updated_at = utcnow()
    record.version += 1
    session.add(record)
    audit.record_change(
        session, username=by_user, action="update", record=record, before=before, batch_id=batch_id
    )


def _commit_enterprises(
    session: Session, plan: ImportPlan, batch_id: int, by_user: str | None
) -> None:
    new_rows = []
    for row in plan.rows:
        if row.action == Action.add and row.operation == "create":
            values = {k: v for k, v in row.values.items() if v is not None}
            values.setdefault("ownership", "non_state_domestic")
            values.setdefault("is_stable", True)
            new_rows.append(values)
    _insert_audited(session, Enterprise, new_rows, batch_id, by_user)
    others = [
        row for row in plan.rows if row.record_id and row.action in (Action.add, Action.change)
    ]
    stored = _load(session, Enterprise, [row.record_id for row in others])
    for row in others:
        if row.operation == "revive":
            values = {k: v for k, v in row.values.items() if v is not None or k == "unit_id"}
            _update_audited(session, stored[row.record_id], values, batch_id, by_user, revive=True)
        else:
            changes = {name: after for name, (_before, after) in row.changes.items()}
            _update_audited(session, stored[row.record_id], changes, batch_id, by_user)


def _commit_unions(session: Session, plan: ImportPlan, batch_id: int, by_user: str | None) -> None:
    for row in plan.rows:
        if row.action == Action.add and row.operation == "found":
            membership.found_union(
                session=session,
                union=GrassrootsUnion(**row.values),
                by_user=by_user,
                batch_id=batch_id,
            )
    others = [
        row for row in plan.rows if row.record_id and row.action in (Action.add, Action.change)
    ]
    stored = _load(session, GrassrootsUnion, [row.record_id for row in others])
    for row in others:
        if row.operation == "revive":
            _update_audited(session, stored[row.record_id], row.values, batch_id, by_user, True)
        else:
            changes = {name: after for name, (_before, after) in row.changes.items()}
            _update_audited(session, stored[row.record_id], changes, batch_id, by_user)


COMMITTERS = {
    ImportKind.members: _commit_members,
    ImportKind.departures: _commit_departures,
    ImportKind.enterprises: _commit_enterprises,
    ImportKind.unions: _commit_unions,
}


class StalePlan(Exception):
    """The data changed after the preview was made: preview again before committing."""

    key = "import.stale_plan"


# Any number will do, as long as nothing else in the database uses it for an advisory lock.
IMPORT_LOCK_KEY = 7_270_001


def lock_imports(session: Session) -> None:
    """Take the import lock for the rest of the caller's transaction, so imports run one at a time.

    Call it first, before reading anything: an import then previews the data as the previous one
    left it. PostgreSQL: a transaction-level advisory lock. SQLite: a write statement, which takes
    the database's write lock before this transaction reads anything (WAL readers never block).
    """
    if session.get_bind().dialect.name == "postgresql":
        session.exec(text("SELECT pg_advisory_xact_lock(:key)").bindparams(key=IMPORT_LOCK_KEY))
    else:
        session.exec(text("UPDATE app_state SET value = value WHERE key = 'import_lock'"))


def commit_plan(*, session: Session, plan: ImportPlan, actor: Actor) -> ImportBatch:
    """Write the plan's accepted rows as one batch in the caller's transaction (staff and admin).

    StalePlan if the data changed since the preview (another import, an edit): two imports that
    previewed the same rows can then never both add them. New members are built before the import
    lock is taken (on SQLite, the write lock that logins wait for): the lock covers the writes only.
    """
    by_user = require(actor, Role.staff).username
    batch_id, ahead = None, None
    if plan.data_version is not None and plan.kind == ImportKind.members:
        # Ids reserved before the lock are ours if the data version has not moved since the
        # preview read it: checked below, under the lock, before anything is written.
        batch_id = bulk_insert.reserve_ids(session, ImportBatch.__table__, 1)[0]
        ahead = _prepare_admissions(session, plan, batch_id, by_user)
    lock_imports(session)
    if plan.data_version is not None and data_version(session) != plan.data_version:
        raise StalePlan
    batch = ImportBatch(
        id=batch_id,
        kind=plan.kind,
        file_name=plan.file_name[:300],
        checksum=plan.checksum,
        username=by_user,
        added=plan.count(Action.add),
        updated=plan.count(Action.change),
        unchanged=plan.count(Action.unchanged),
        refused=plan.count(Action.refuse),
    )
    session.add(batch)
    session.flush()
    if ahead is not None:
        _commit_members(session, plan, batch.id, by_user, ahead)
    else:
        COMMITTERS[ImportKind(plan.kind)](session, plan, batch.id, by_user)
    bump_data_version(session)
    session.flush()
    return batch


# --- undo ----------------------------------------------------------------------------------------

UNDOABLE: dict[str, type[SQLModel]] = {
    "member": Member,
    "membership_event": MembershipEvent,
    "enterprise": Enterprise,
    "grassroots_union": GrassrootsUnion,
}
KEEP_ON_RESTORE = {"id", "created_at", "version", "updated_at"}


def _from_json(model: type[SQLModel], values: dict) -> dict:
    restored = {}
    for column in model.__table__.columns:
        if column.name in KEEP_ON_RESTORE or column.name not in values:
            continue
        value = values[column.name]
        if isinstance(value, str):
            impl = getattr(
                column.type, "impl", column.type
            )  # sqlmodel's UTCDateTime wraps DateTime
            try:
                python_type = impl.python_type
            except NotImplementedError:
                python_type = str
            if python_type is dt.datetime:
                value = dt.datetime.fromisoformat(value)
            elif python_type is dt.date:
                value = dt.date.fromisoformat(value)
        restored[column.name] = value
    return restored


def _later_changes(session: Session, batch_id: int, last_id: int) -> int:
    """Changes made after the batch, by anything else, to the records the batch wrote."""
    later = aliased(AuditLog)
    mine = aliased(AuditLog)
    query = (
        select(func.count())
        .select_from(later)
        .where(
            later.id > last_id,
            later.reverted_at.is_(None),
            later.action != "undo",
            func.coalesce(later.batch_id, 0) != batch_id,
            exists().where(
                and_(
                    mine.batch_id == batch_id,
                    mine.table_name == later.table_name,
                    mine.record_id == later.record_id,
                )
            ),
        )
    )
    return int(session.exec(query).one())


def _members_of_new_unions(session: Session, union_ids: list[int], batch_id: int) -> int:
    total = 0
    for chunk in _chunks(union_ids):
        total += session.exec(
            select(func.count())
            .select_from(MembershipEvent)
            .where(
                MembershipEvent.union_id.in_(chunk),
                MembershipEvent.deleted_at.is_(None),
                func.coalesce(MembershipEvent.batch_id, 0) != batch_id,
            )
        ).one()
    return int(total)


def _claim_for_undo(session: Session, batch_id: int, by_user: str | None, now: dt.datetime) -> None:
    """Mark the batch undone, unless it already is, in one conditional UPDATE.

    Of two undos at once, the second waits on the batch row (SQLite: the write lock) until the first
    commits, then matches no row and is refused: a batch is undone exactly once.
    """
    claimed = session.exec(
        update(ImportBatch)
        .where(ImportBatch.id == batch_id, ImportBatch.undone_at.is_(None))
        .values(undone_at=now, undone_by=by_user)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed == 1:
        return
    if session.exec(select(ImportBatch.id).where(ImportBatch.id == batch_id)).first() is None:
        raise UndoError("import.undo.unknown", batch=batch_id)
    raise UndoError("import.undo.already", batch=batch_id)


def _release_claim(session: Session, batch_id: int) -> None:
    """Give the claim back when the undo is refused, so a caller that commits anyway keeps nothing."""
    session.exec(
        update(ImportBatch)
        .where(ImportBatch.id == batch_id)
        .values(undone_at=None, undone_by=None)
        .execution_options(synchronize_session=False)
    )


def undo_batch(*, session: Session, batch_id: int, actor: Actor) -> ImportBatch:
    """Revert one import batch whole, in the caller's transaction; UndoError when it cannot be
    (unknown, already undone — by a simultaneous undo too —, changed since, union in use)."""
    by_user = require(actor, Role.staff).username
    now = utcnow()
    lock_imports(session)  # an undo waits for an import being written, and the other way round
    _claim_for_undo(session, batch_id, by_user, now)
    try:
        _revert(session, batch_id, by_user, now)
    except UndoError:
        _release_claim(session, batch_id)
        raise
    bump_data_version(session)
    session.flush()
    return session.get(ImportBatch, batch_id, populate_existing=True)


def _revert(session: Session, batch_id: int, by_user: str | None, now: dt.datetime) -> None:
    """Everything the batch wrote, put back; the batch is already claimed in this transaction."""
    entries = session.exec(
        select(
            AuditLog.id, AuditLog.table_name, AuditLog.record_id, AuditLog.action, AuditLog.before
        )
        .where(AuditLog.batch_id == batch_id, AuditLog.reverted_at.is_(None))
        .order_by(AuditLog.id)
    ).all()
    inserted: dict[str, list[int]] = {}
    restore: dict[tuple[str, int], dict] = {}
    for _id, table, record_id, action, before in entries:
        if table not in UNDOABLE or record_id is None:
            continue
        if action == "insert":
            inserted.setdefault(table, []).append(record_id)
        elif action == "update" and before is not None:
            restore.setdefault((table, record_id), before)  # the earliest 'before' wins
    if entries and _later_changes(session, batch_id, entries[-1][0]):
        raise UndoError("import.undo.changed_since", batch=batch_id)
    new_unions = inserted.get("grassroots_union", [])
    if new_unions and _members_of_new_unions(session, new_unions, batch_id):
        raise UndoError("import.undo.union_in_use", batch=batch_id)

    # Events first: the union counters move back with them. Bulk admissions audit the member
    # only, so the batch's events are found by their batch id as well.
    event_ids = sorted(
        set(inserted.get("membership_event", []))
        | set(
            session.exec(
                select(MembershipEvent.id).where(
                    MembershipEvent.batch_id == batch_id, MembershipEvent.deleted_at.is_(None)
                )
            ).all()
        )
    )
    inserted["membership_event"] = event_ids
    deltas: dict[int, int] = {}
    for chunk in _chunks(event_ids):
        for union_id, kind in session.exec(
            select(MembershipEvent.union_id, MembershipEvent.kind).where(
                MembershipEvent.id.in_(chunk), MembershipEvent.deleted_at.is_(None)
            )
        ).all():
            deltas[union_id] = deltas.get(union_id, 0) - EVENT_SIGN[EventKind(kind)]
    undo_entries = []
    for table, ids in inserted.items():
        model = UNDOABLE[table]
        for chunk in _chunks(ids):
            session.exec(
                update(model)
                .where(model.id.in_(chunk), model.deleted_at.is_(None))
                .values(deleted_at=now)
            )
        undo_entries.extend(
            _undo_entry(by_user, table, record_id, {"deleted_at": now.isoformat()}, batch_id, now)
            for record_id in ids
        )
    removed = {(table, record_id) for table, ids in inserted.items() for record_id in ids}
    for (table, record_id), before in restore.items():
        if (table, record_id) in removed:
            continue
        model = UNDOABLE[table]
        values = _from_json(model, before)
        statement = update(model).where(model.id == record_id).values(**values)
        if "version" in model.__table__.c:
            statement = statement.values(version=model.version + 1, updated_at=now)
        session.exec(statement)
        undo_entries.append(_undo_entry(by_user, table, record_id, before, batch_id, now))
    changes = [{"b_id": union_id, "b_delta": delta} for union_id, delta in deltas.items() if delta]
    if changes:
        table = GrassrootsUnion.__table__
        session.connection().execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(active_members=table.c.active_members + bindparam("b_delta")),
            changes,
        )
    session.exec(
        update(AuditLog)
        .where(AuditLog.batch_id == batch_id, AuditLog.reverted_at.is_(None))
        .values(reverted_at=now)
    )
    if undo_entries:
        session.execute(insert(AuditLog.__table__), undo_entries)


def _undo_entry(
    by_user: str | None, table: str, record_id: int, after: dict, batch_id: int, now: dt.datetime
) -> dict:
    return {
        "at": now,
        "username": by_user,
        "action": "undo",
        "table_name": table,
        "record_id": record_id,
        "before": None,
        "after": after,
        "batch_id": batch_id,
        "reverted_at": None,
    }
