"""Every write of a member's movements: admissions, transfers, departures, and founding a union.

Each function works in the caller's session (one transaction), writes the dated event that figures
are computed from, keeps `GrassrootsUnion.active_members` equal to the sum of that union's events,
writes the audit log and bumps the data version so caches are dropped.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from operator import itemgetter

from sqlalchemy import Date, bindparam, case, func, update
from sqlmodel import Session, select

from core import audit
from core.db import bump_data_version
from core.errors import CatalogueError
from core.models import (
    EVENT_SIGN,
    AuditLog,
    Enterprise,
    EventKind,
    GrassrootsUnion,
    LeaveReason,
    Member,
    MembershipEvent,
    MemberStatus,
    utcnow,
)

FOREIGN_WORKERS_FROM = dt.date(2025, 7, 1)
FOREIGN_MIN_CONTRACT_MONTHS = 12


class RuleViolation(CatalogueError, ValueError):
    """A write that the plan's rules refuse; `key` names the catalogue message."""


def is_foreign(nationality: str | None) -> bool:
    return (nationality or "VN").strip().upper() not in {"VN", "VIỆT NAM", "VIET NAM", "VIETNAM"}


def check_foreign_worker(
    *,
    nationality: str | None,
    on: dt.date,
    contract_months: int | None,
    has_application: bool | None,
) -> None:
    """The 2024 Trade Union Law: foreign workers from 1/7/2025, contract ≥ 12 months, written application."""
    if not is_foreign(nationality):
        return
    if on < FOREIGN_WORKERS_FROM:
        raise RuleViolation("rule.foreign_before_law")
    if contract_months is None or contract_months < FOREIGN_MIN_CONTRACT_MONTHS:
        raise RuleViolation("rule.foreign_contract_short")
    if not has_application:
        raise RuleViolation("rule.foreign_no_application")


def check_member_may_join(member: Member, on: dt.date) -> None:
    """The foreign-worker rule applied to a member record joining (or rejoining) on `on`."""
    check_foreign_worker(
        nationality=member.nationality,
        on=on,
        contract_months=member.contract_months,
        has_application=member.has_application,
    )


def _change_count(session: Session, union_id: int, delta: int) -> None:
    session.exec(
        update(GrassrootsUnion)
        .where(GrassrootsUnion.id == union_id)
        .values(active_members=GrassrootsUnion.active_members + delta)
    )


def _count(session: Session, union_id: int, delta: int, deltas: dict[int, int] | None) -> None:
    if deltas is None:
        _change_count(session, union_id, delta)
    else:
        deltas[union_id] = deltas.get(union_id, 0) + delta


def _net(session: Session, deltas: dict[int, int]) -> None:
    """Move each union's counter once by the net of several events changed together: one by one,
    a counter could pass below zero on the way (an admission voided before the departure after
    it), which the database refuses."""
    for union_id, delta in sorted(deltas.items()):
        if delta:
            _change_count(session, union_id, delta)


def save_change(
    session: Session,
    record,
    before: dict,
    *,
    by_user: str | None,
    action: str = "update",
    batch_id: int | None = None,
):
    """Stamp a changed record (new version, updated_at), audit it against `before`, and drop caches."""
    record.updated_at = utcnow()
    record.version += 1
    session.add(record)
    audit.record_change(
        session, username=by_user, action=action, record=record, before=before, batch_id=batch_id
    )
    bump_data_version(session)
    return record


def add_event(
    session: Session,
    *,
    member: Member,
    union_id: int,
    kind: EventKind,
    on: dt.date,
    by_user: str | None,
    reason: LeaveReason | None = None,
    other_union_id: int | None = None,
    batch_id: int | None = None,
    deltas: dict[int, int] | None = None,
) -> MembershipEvent:
    """Record one movement; its union's counter moves now, or is added to `deltas` (see _net)."""
    event = MembershipEvent(
        member_id=member.id,
        union_id=union_id,
        kind=kind,
        occurred_on=on,
        reason=reason,
        other_union_id=other_union_id,
        batch_id=batch_id,
    )
    session.add(event)
    session.flush()
    _count(session, union_id, EVENT_SIGN[EventKind(kind)], deltas)
    audit.record_change(session, username=by_user, action="insert", record=event, batch_id=batch_id)
    return event


def admit_member(
    *,
    session: Session,
    member: Member,
    union_id: int,
    on: dt.date,
    by_user: str | None,
    batch_id: int | None = None,
) -> Member:
    """Admit a new member (a Member not yet saved) into a union on a date."""
    check_member_may_join(member, on)
    member.union_id = union_id
    member.status = MemberStatus.active
    member.joined_on = on
    member.left_on = None
    member.batch_id = batch_id
    session.add(member)
    session.flush()
    audit.record_change(
        session, username=by_user, action="insert", record=member, batch_id=batch_id
    )
    add_event(
        session,
        member=member,
        union_id=union_id,
        kind=EventKind.admitted,
        on=on,
        by_user=by_user,
        batch_id=batch_id,
    )
    bump_data_version(session)
    return member


def _counted_active(member: Member) -> bool:
    """Active and counted in a union: a removed member's events no longer count, so moving them
    would take from a union a member it does not hold (its counter below zero)."""
    return (
        member.status == MemberStatus.active
        and member.union_id is not None
        and member.deleted_at is None
    )


def transfer_member(
    *,
    session: Session,
    member: Member,
    to_union_id: int,
    on: dt.date,
    by_user: str | None,
    batch_id: int | None = None,
) -> Member:
    """Move an active member to another union: -1 for the old union, +1 for the new one."""
    if not _counted_active(member):
        raise RuleViolation("rule.transfer_not_active")
    if member.union_id == to_union_id:
        raise RuleViolation("rule.transfer_same_union")
    before = audit.snapshot(member)
    from_union_id = member.union_id
    add_event(
        session,
        member=member,
        union_id=from_union_id,
        kind=EventKind.transfer_out,
        on=on,
        by_user=by_user,
        other_union_id=to_union_id,
        batch_id=batch_id,
    )
    add_event(
        session,
        member=member,
        union_id=to_union_id,
        kind=EventKind.transfer_in,
        on=on,
        by_user=by_user,
        other_union_id=from_union_id,
        batch_id=batch_id,
    )
    member.union_id = to_union_id
    return save_change(session, member, before, by_user=by_user, batch_id=batch_id)


def record_departure(
    *,
    session: Session,
    member: Member,
    on: dt.date,
    reason: LeaveReason,
    by_user: str | None,
    batch_id: int | None = None,
) -> Member:
    if not _counted_active(member):
        raise RuleViolation("rule.leave_not_active")
    if member.joined_on and on < member.joined_on:
        raise RuleViolation("rule.leave_before_join")
    before = audit.snapshot(member)
    add_event(
        session,
        member=member,
        union_id=member.union_id,
        kind=EventKind.left,
        on=on,
        by_user=by_user,
        reason=reason,
        batch_id=batch_id,
    )
    member.status = MemberStatus.left
    member.left_on = on
    return save_change(session, member, before, by_user=by_user, batch_id=batch_id)


def found_union(
    *, session: Session, union: GrassrootsUnion, by_user: str | None, batch_id: int | None = None
) -> GrassrootsUnion:
    """Record a new grassroots union; its enterprise, if any, now has a union since that date."""
    union.batch_id = batch_id
    session.add(union)
    session.flush()
    if union.enterprise_id is not None:
        enterprise = session.get(Enterprise, union.enterprise_id)
        if enterprise is not None and not enterprise.union_since:
            before = audit.snapshot(enterprise)
            enterprise.union_since = union.founded_on
            enterprise.version += 1
            enterprise.updated_at = utcnow()
            session.add(enterprise)
            audit.record_change(
                session,
                username=by_user,
                action="update",
                record=enterprise,
                before=before,
                batch_id=batch_id,
            )
    audit.record_change(session, username=by_user, action="insert", record=union, batch_id=batch_id)
    bump_data_version(session)
    return union


def signed_event():
    """SQL expression: +1 for admissions and transfers in, -1 for transfers out and departures."""
    return case(
        (MembershipEvent.kind.in_([EventKind.admitted, EventKind.transfer_in]), 1),
        else_=-1,
    )


def recount_active_members(session: Session) -> dict[int, int]:
    """Each union's member count recomputed from its events (the reference for the kept counter)."""
    rows = session.exec(
        select(MembershipEvent.union_id, func.sum(signed_event()))
        .where(MembershipEvent.deleted_at.is_(None))
        .group_by(MembershipEvent.union_id)
    ).all()
    return {union_id: int(total or 0) for union_id, total in rows}


def refresh_active_members(session: Session) -> None:
    """Set every union's kept counter from a full recount (after bulk loads)."""
    counts = recount_active_members(session)
    session.exec(update(GrassrootsUnion).values(active_members=0))
    for union_id, total in counts.items():
        session.exec(
            update(GrassrootsUnion)
            .where(GrassrootsUnion.id == union_id)
            .values(active_members=total)
        )
    bump_data_version(session)


def readmit_member(
    *,
    session: Session,
    member: Member,
    union_id: int,
    on: dt.date,
    by_user: str | None,
    batch_id: int | None = None,
) -> Member:
    """Admit again someone who had left: a new admission event; the earlier history stays."""
    if member.status != MemberStatus.left:
        raise RuleViolation("rule.readmit_not_left")
    if member.left_on and on < member.left_on:
        raise RuleViolation("rule.readmit_before_leave")
    check_member_may_join(member, on)
    before = audit.snapshot(member)
    add_event(
        session,
        member=member,
        union_id=union_id,
        kind=EventKind.admitted,
        on=on,
        by_user=by_user,
        batch_id=batch_id,
    )
    member.union_id = union_id
    member.status = MemberStatus.active
    member.joined_on = on
    member.left_on = None
    return save_change(session, member, before, by_user=by_user, batch_id=batch_id)


# ---------------------------------------------------------------- corrections and soft delete


def member_events(session: Session, member_id: int) -> list[MembershipEvent]:
    """A member's events still in force, oldest first (same day: in the order recorded)."""
    return list(
        session.exec(
            select(MembershipEvent)
            .where(MembershipEvent.member_id == member_id, MembershipEvent.deleted_at.is_(None))
            .order_by(MembershipEvent.occurred_on, MembershipEvent.id)
        ).all()
    )


def _movement_of(session: Session, event: MembershipEvent) -> list[MembershipEvent]:
    """The event and, for a transfer, its other half (same member, day and pair of unions)."""
    if event.kind not in (EventKind.transfer_in, EventKind.transfer_out):
        return [event]
    other_kind = (
        EventKind.transfer_out if event.kind == EventKind.transfer_in else EventKind.transfer_in
    )
    partner = session.exec(
        select(MembershipEvent).where(
            MembershipEvent.member_id == event.member_id,
            MembershipEvent.kind == other_kind,
            MembershipEvent.occurred_on == event.occurred_on,
            MembershipEvent.union_id == event.other_union_id,
            MembershipEvent.other_union_id == event.union_id,
            MembershipEvent.deleted_at.is_(None),
        )
    ).first()
    return sorted([event, partner] if partner else [event], key=lambda e: e.id)


def _void(
    session: Session,
    event: MembershipEvent,
    *,
    at: dt.datetime,
    by_user: str | None,
    action: str,
    deltas: dict[int, int],
) -> None:
    before = audit.snapshot(event)
    event.deleted_at = at
    session.add(event)
    _count(session, event.union_id, -EVENT_SIGN[EventKind(event.kind)], deltas)
    audit.record_change(session, username=by_user, action=action, record=event, before=before)


def _settle_member(session: Session, member: Member, by_user: str | None, before: dict) -> Member:
    """Set the member's status, union and dates from the events still in force."""
    session.flush()
    events = member_events(session, member.id)
    if not events:
        raise RuleViolation("rule.void_only_event")
    last = events[-1]
    admissions = [e for e in events if e.kind == EventKind.admitted]
    member.union_id = last.union_id
    member.joined_on = admissions[-1].occurred_on if admissions else events[0].occurred_on
    if last.kind == EventKind.left:
        member.status = MemberStatus.left
        member.left_on = last.occurred_on
    else:
        member.status = MemberStatus.active
        member.left_on = None
    return save_change(session, member, before, by_user=by_user)


def void_event(*, session: Session, event: MembershipEvent, by_user: str | None) -> Member:
    """Take back a movement recorded by mistake (a transfer: both halves).

    Only the member's latest movement can be taken back, so the history stays a sequence that
    makes sense; an earlier one is corrected with `correct_event`. The event is kept, marked
    `deleted_at`, and leaves every figure at once.
    """
    if event.deleted_at is not None:
        raise RuleViolation("rule.event_already_void")
    movement = _movement_of(session, event)
    events = member_events(session, event.member_id)
    ids = {e.id for e in movement}
    if {e.id for e in events[-len(movement) :]} != ids:
        raise RuleViolation("rule.void_not_latest")
    if len(events) == len(movement):
        raise RuleViolation("rule.void_only_event")
    member = session.get(Member, event.member_id)
    before = audit.snapshot(member)
    at = utcnow()
    deltas: dict[int, int] = {}
    for item in movement:
        _void(session, item, at=at, by_user=by_user, action="void", deltas=deltas)
    _net(session, deltas)
    return _settle_member(session, member, by_user, before)


def correct_event(
    *,
    session: Session,
    event: MembershipEvent,
    by_user: str | None,
    on: dt.date | None = None,
    reason: LeaveReason | None = None,
) -> Member:
    """Record a movement again with the right date (or leaving reason): the mistaken event is voided
    and the right one recorded, both audited. The new date must keep the member's events in order."""
    if event.deleted_at is not None:
        raise RuleViolation("rule.event_already_void")
    on = on or event.occurred_on
    if reason is not None and event.kind != EventKind.left:
        raise RuleViolation("rule.reason_only_for_leaving")
    new_reason = (reason or event.reason) if event.kind == EventKind.left else None
    if on == event.occurred_on and new_reason == event.reason:
        return session.get(Member, event.member_id)
    movement = _movement_of(session, event)
    ids = {e.id for e in movement}
    others = [e for e in member_events(session, event.member_id) if e.id not in ids]
    earlier = [e for e in others if (e.occurred_on, e.id) < (event.occurred_on, event.id)]
    later = [e for e in others if (e.occurred_on, e.id) > (event.occurred_on, event.id)]
    if (earlier and on < earlier[-1].occurred_on) or (later and on > later[0].occurred_on):
        raise RuleViolation("rule.correct_out_of_order")
    member = session.get(Member, event.member_id)
    if event.kind == EventKind.admitted:
        check_member_may_join(member, on)
    before = audit.snapshot(member)
    at = utcnow()
    deltas: dict[int, int] = {}
    for item in movement:
        _void(session, item, at=at, by_user=by_user, action="void", deltas=deltas)
    for item in movement:
        add_event(
            session,
            member=member,
            union_id=item.union_id,
            kind=EventKind(item.kind),
            on=on,
            by_user=by_user,
            reason=LeaveReason(new_reason) if item.kind == EventKind.left else None,
            other_union_id=item.other_union_id,
            deltas=deltas,
        )
    _net(session, deltas)
    return _settle_member(session, member, by_user, before)


def soft_delete_member(*, session: Session, member: Member, by_user: str | None) -> Member:
    """Hide a member recorded by mistake: the member and their events leave every figure at once
    (all marked with the same `deleted_at`, so `restore_member` brings back exactly these)."""
    if member.deleted_at is not None:
        return member
    before = audit.snapshot(member)
    at = utcnow()
    deltas: dict[int, int] = {}
    for event in member_events(session, member.id):
        _void(session, event, at=at, by_user=by_user, action="delete", deltas=deltas)
    _net(session, deltas)
    member.deleted_at = at
    member.updated_at = at
    member.version += 1
    session.add(member)
    audit.record_change(
        session,
        username=by_user,
        action="delete",
        record=member,
        before=before,
        after=audit.snapshot(member),
    )
    bump_data_version(session)
    return member


def restore_member(*, session: Session, member: Member, by_user: str | None) -> Member:
    """Undo `soft_delete_member`: the member and the events hidden with them count again."""
    if member.deleted_at is None:
        return member
    before = audit.snapshot(member)
    hidden = session.exec(
        select(MembershipEvent).where(
            MembershipEvent.member_id == member.id,
            MembershipEvent.deleted_at == member.deleted_at,
        )
    ).all()
    deltas: dict[int, int] = {}
    for event in hidden:
        event_before = audit.snapshot(event)
        event.deleted_at = None
        session.add(event)
        _count(session, event.union_id, EVENT_SIGN[EventKind(event.kind)], deltas)
        audit.record_change(
            session, username=by_user, action="restore", record=event, before=event_before
        )
    _net(session, deltas)
    member.deleted_at = None
    return save_change(session, member, before, by_user=by_user, action="restore")


# --- Bulk and import-time variants (the importer writes thousands of rows in one transaction) ---


@dataclass
class BoundInsert:
    """An INSERT and its rows, converted to what the driver takes, ready for one executemany."""

    sql: str
    params: list[tuple]

    def execute(self, session: Session) -> None:
        if self.params:
            session.connection().exec_driver_sql(self.sql, self.params)


def _bind_insert(
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


def _bind_audit_rows(session: Session, entries: list[dict]) -> BoundInsert:
    """Audit rows with their JSON written here in one pass (dates as ISO text, as snapshot() does)."""
    encode = _AUDIT_JSON.encode
    for entry in entries:
        for name in ("before", "after"):
            if entry[name] is not None:
                entry[name] = encode(entry[name])
    return _bind_insert(
        session, AuditLog.__table__, entries, serialised=frozenset({"before", "after"})
    )


def _change_counts(session: Session, deltas: dict[int, int]) -> None:
    changes = [{"b_id": union_id, "b_delta": delta} for union_id, delta in deltas.items() if delta]
    if changes:
        session.connection().execute(
            update(GrassrootsUnion.__table__)
            .where(GrassrootsUnion.__table__.c.id == bindparam("b_id"))
            .values(
                active_members=GrassrootsUnion.__table__.c.active_members + bindparam("b_delta")
            ),
            changes,
        )


def admit_members_bulk(
    *,
    session: Session,
    members: list[dict],
    by_user: str | None,
    batch_id: int | None = None,
) -> list[int]:
    """Admit many new members at once, as `admit_member` does one: each dict holds Member columns
    with `union_id` and `joined_on`. Members, events and audit rows are written with executemany,
    and each union's counter moves once. Returns the new members' ids in the given order."""
    if not members:
        return []
    bump_data_version(session)  # first: on SQLite this takes the write lock reserve_ids relies on
    admissions = prepare_admissions(
        session=session, members=members, by_user=by_user, batch_id=batch_id
    )
    return write_admissions(session=session, admissions=admissions)


@dataclass
class PreparedAdmissions:
    """New members, their admission events and audit rows, built and converted ahead of the write."""

    member_ids: list[int]
    members: BoundInsert
    events: BoundInsert
    audit: BoundInsert
    deltas: dict[int, int]


def prepare_admissions(
    *,
    session: Session,
    members: list[dict],
    by_user: str | None,
    batch_id: int | None = None,
) -> PreparedAdmissions:
    """Everything `admit_members_bulk` writes, without writing: checked, given ids (see
    reserve_ids for when these are safe), converted. Most of a large import's writing time is
    spent here, so an import does it before it takes the write lock."""
    for values in members:
        check_foreign_worker(
            nationality=values.get("nationality"),
            on=values["joined_on"],
            contract_months=values.get("contract_months"),
            has_application=values.get("has_application"),
        )
    now = utcnow()
    columns = [c.name for c in Member.__table__.columns if c.name != "id"]
    defaults = {name: None for name in columns} | {"nationality": "VN", "version": 1}
    fixed = {
        "status": MemberStatus.active.value,
        "left_on": None,
        "batch_id": batch_id,
        "created_at": now,
        "updated_at": now,
        "deleted_at": None,
    }
    rows = [{**defaults, **values, **fixed} for values in members]
    member_ids = reserve_ids(session, Member.__table__, len(rows)) if rows else []
    for member_id, row in zip(member_ids, rows, strict=True):
        row["id"] = member_id
    event_ids = reserve_ids(session, MembershipEvent.__table__, len(rows)) if rows else []
    admitted = EventKind.admitted.value
    events = [
        {
            "id": event_id,
            "member_id": member_id,
            "union_id": row["union_id"],
            "kind": admitted,
            "occurred_on": row["joined_on"],
            "reason": None,
            "other_union_id": None,
            "note": None,
            "batch_id": batch_id,
            "created_at": now,
            "deleted_at": None,
        }
        for event_id, member_id, row in zip(event_ids, member_ids, rows, strict=True)
    ]
    # One audit row per admission: the member as written, with the id of its admission event
    # (the event carries the batch id too). Empty columns are left out of the snapshot.
    stamp = now.isoformat()
    audit_rows = []
    for row, event_id in zip(rows, event_ids, strict=True):
        after = {key: value for key, value in row.items() if value is not None}
        after["created_at"] = after["updated_at"] = stamp
        after["admitted_event_id"] = event_id
        audit_rows.append(
            _audit_entry(by_user, "insert", "member", row["id"], after, batch_id, now)
        )
    deltas: dict[int, int] = {}
    for row in rows:
        deltas[row["union_id"]] = deltas.get(row["union_id"], 0) + 1
    return PreparedAdmissions(
        member_ids=member_ids,
        members=_bind_insert(session, Member.__table__, rows),
        events=_bind_insert(session, MembershipEvent.__table__, events),
        audit=_bind_audit_rows(session, audit_rows),
        deltas=deltas,
    )


def write_admissions(*, session: Session, admissions: PreparedAdmissions) -> list[int]:
    """Write what `prepare_admissions` built, in the caller's transaction; the new members' ids."""
    if not admissions.member_ids:
        return []
    bump_data_version(session)
    admissions.members.execute(session)
    admissions.events.execute(session)
    admissions.audit.execute(session)
    _change_counts(session, admissions.deltas)
    return admissions.member_ids


def _audit_entry(
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


def readmit_deleted_member(
    *,
    session: Session,
    member: Member,
    union_id: int,
    on: dt.date,
    by_user: str | None,
    batch_id: int | None = None,
) -> Member:
    """Admit a person whose record was removed (e.g. by undoing the import that added them): the
    same record comes back with a new admission; its earlier, removed events stay removed."""
    if member.deleted_at is None:
        raise ValueError("member is not deleted")
    check_member_may_join(member, on)
    before = audit.snapshot(member)
    member.union_id = union_id
    member.status = MemberStatus.active
    member.joined_on = on
    member.left_on = None
    member.deleted_at = None
    member.batch_id = batch_id
    member.updated_at = utcnow()
    member.version += 1
    session.add(member)
    session.flush()
    add_event(
        session,
        member=member,
        union_id=union_id,
        kind=EventKind.admitted,
        on=on,
        by_user=by_user,
        batch_id=batch_id,
    )
    audit.record_change(
        session, username=by_user, action="update", record=member, before=before, batch_id=batch_id
    )
    bump_data_version(session)
    return member


MEMBER_DETAIL_FIELDS = (
    "full_name",
    "search_name",
    "birth_date",
    "birth_year",
    "gender",
    "cccd",
    "passport_no",
    "nationality",
    "card_no",
    "contract_months",
    "has_application",
)


def update_member_details(
    *,
    session: Session,
    member: Member,
    changes: dict,
    by_user: str | None,
    batch_id: int | None = None,
) -> Member:
    """Correct a member's personal details (not their movements), audited."""
    unknown = set(changes) - set(MEMBER_DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"not member details: {sorted(unknown)}")
    before = audit.snapshot(member)
    for name, value in changes.items():
        setattr(member, name, value)
    return save_change(session, member, before, by_user=by_user, batch_id=batch_id)
