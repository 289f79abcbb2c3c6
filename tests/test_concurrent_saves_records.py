"""Two people save the same version of a record at the same moment: one save lands, the other is
refused as stale, and nothing is written over. Each writer of members, enterprises and unions, on
SQLite and PostgreSQL (where the two transactions really do overlap under READ COMMITTED)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlmodel import Session, SQLModel, func, select

from core import db, records, versioning
from core.access import Actor
from core.models import (
    AuditLog,
    Enterprise,
    GrassrootsUnion,
    LeaveReason,
    Member,
    MembershipEvent,
    UnitKind,
)
from tests import factories as f
from tests.factories import STAFF

TODAY = dt.date(2025, 12, 31)
JOINED = dt.date(2025, 3, 1)


@dataclass(frozen=True)
class World:
    member: Member
    home: GrassrootsUnion  # the member's union
    other: GrassrootsUnion  # empty: free to dissolve or delete
    enterprise: Enterprise


def build_world(session: Session) -> World:
    commune = f.create_unit(session, "Xã Cao Minh", UnitKind.commune)
    enterprise = f.create_enterprise(session, name="Công ty May", unit_id=commune.id)
    home = f.create_union(session, name="CĐCS May", unit_id=commune.id)
    other = f.create_union(session, name="CĐCS Gỗ", unit_id=commune.id)
    member = records.admit_member(
        session,
        actor=STAFF,
        values={"full_name": "Nguyễn Văn An", "id_number": "031090001234"},
        union_id=home.id,
        on=JOINED,
        today=TODAY,
    )
    return World(member, home, other, enterprise)


def _latest_event(session: Session, member_id: int) -> int:
    return session.exec(
        select(func.max(MembershipEvent.id)).where(MembershipEvent.member_id == member_id)
    ).one()


@dataclass(frozen=True)
class Writer:
    name: str
    model: type[SQLModel]
    pick: Callable[[World], int]
    write: Callable[[Session, Actor, int, int, int], Any]  # session, actor, id, version, which
    prepare: Callable[[Session, World], None] = lambda session, world: None
    # The stored value that shows which of the two saves landed, if the two saves differ.
    landed: Callable[[SQLModel], Any] | None = None
    value: Callable[[int], Any] | None = None


def member_of(world: World) -> int:
    return world.member.id


def _delete_member(session: Session, world: World) -> None:
    records.delete_member(
        session, actor=STAFF, member_id=world.member.id, expected_version=world.member.version
    )


def _member_left(session: Session, world: World) -> None:
    records.record_departure(
        session,
        actor=STAFF,
        member_id=world.member.id,
        expected_version=world.member.version,
        on=dt.date(2025, 6, 1),
        reason=LeaveReason.quit_job,
        today=TODAY,
    )


def _member_moved(session: Session, world: World) -> None:
    records.transfer_member(
        session,
        actor=STAFF,
        member_id=world.member.id,
        expected_version=world.member.version,
        to_union_id=world.other.id,
        on=dt.date(2025, 6, 1),
        today=TODAY,
    )


def _delete_enterprise(session: Session, world: World) -> None:
    records.delete_enterprise(
        session,
        actor=STAFF,
        enterprise_id=world.enterprise.id,
        expected_version=world.enterprise.version,
    )


def _delete_other_union(session: Session, world: World) -> None:
    records.delete_union(
        session, actor=STAFF, union_id=world.other.id, expected_version=world.other.version
    )


WRITERS = [
    Writer(
        "update_member",
        Member,
        member_of,
        lambda s, a, i, v, n: records.update_member(
            s, actor=a, member_id=i, expected_version=v, changes={"card_no": f"THE-{n}"}
        ),
        landed=lambda m: m.card_no,
        value=lambda n: f"THE-{n}",
    ),
    Writer(
        "delete_member",
        Member,
        member_of,
        lambda s, a, i, v, n: records.delete_member(s, actor=a, member_id=i, expected_version=v),
    ),
    Writer(
        "restore_member",
        Member,
        member_of,
        lambda s, a, i, v, n: records.restore_member(s, actor=a, member_id=i, expected_version=v),
        prepare=_delete_member,
    ),
    Writer(
        "transfer_member",
        Member,
        member_of,
        lambda s, a, i, v, n: records.transfer_member(
            s,
            actor=a,
            member_id=i,
            expected_version=v,
            to_union_id=s.exec(
                select(GrassrootsUnion.id).where(GrassrootsUnion.name == "CĐCS Gỗ")
            ).one(),
            on=dt.date(2025, 6, 1 + n),
            today=TODAY,
        ),
    ),
    Writer(
        "record_departure",
        Member,
        member_of,
        lambda s, a, i, v, n: records.record_departure(
            s,
            actor=a,
            member_id=i,
            expected_version=v,
            on=dt.date(2025, 6, 1 + n),
            reason=LeaveReason.quit_job,
            today=TODAY,
        ),
        landed=lambda m: m.left_on,
        value=lambda n: dt.date(2025, 6, 1 + n),
    ),
    Writer(
        "readmit_member",
        Member,
        member_of,
        lambda s, a, i, v, n: records.readmit_member(
            s,
            actor=a,
            member_id=i,
            expected_version=v,
            union_id=s.get(Member, i).union_id,
            on=dt.date(2025, 9, 1 + n),
            today=TODAY,
        ),
        prepare=_member_left,
        landed=lambda m: m.joined_on,
        value=lambda n: dt.date(2025, 9, 1 + n),
    ),
    Writer(
        "void_event",
        Member,
        member_of,
        lambda s, a, i, v, n: records.void_event(
            s, actor=a, member_id=i, expected_version=v, event_id=_latest_event(s, i)
        ),
        prepare=_member_moved,
    ),
    Writer(
        "correct_event",
        Member,
        member_of,
        lambda s, a, i, v, n: records.correct_event(
            s,
            actor=a,
            member_id=i,
            expected_version=v,
            event_id=_latest_event(s, i),
            on=dt.date(2025, 2, 1 + n),
            today=TODAY,
        ),
        landed=lambda m: m.joined_on,
        value=lambda n: dt.date(2025, 2, 1 + n),
    ),
    Writer(
        "update_enterprise",
        Enterprise,
        lambda w: w.enterprise.id,
        lambda s, a, i, v, n: records.update_enterprise(
            s, actor=a, enterprise_id=i, expected_version=v, changes={"trade": f"May {n}"}
        ),
        landed=lambda e: e.trade,
        value=lambda n: f"May {n}",
    ),
    Writer(
        "delete_enterprise",
        Enterprise,
        lambda w: w.enterprise.id,
        lambda s, a, i, v, n: records.delete_enterprise(
            s, actor=a, enterprise_id=i, expected_version=v
        ),
    ),
    Writer(
        "restore_enterprise",
        Enterprise,
        lambda w: w.enterprise.id,
        lambda s, a, i, v, n: records.restore_enterprise(
            s, actor=a, enterprise_id=i, expected_version=v
        ),
        prepare=_delete_enterprise,
    ),
    Writer(
        "update_union",
        GrassrootsUnion,
        lambda w: w.other.id,
        lambda s, a, i, v, n: records.update_union(
            s, actor=a, union_id=i, expected_version=v, changes={"decision_no": f"{n}/QĐ"}
        ),
        landed=lambda u: u.decision_no,
        value=lambda n: f"{n}/QĐ",
    ),
    Writer(
        "dissolve_union",
        GrassrootsUnion,
        lambda w: w.other.id,
        lambda s, a, i, v, n: records.dissolve_union(
            s, actor=a, union_id=i, expected_version=v, on=dt.date(2025, 7, 1 + n), today=TODAY
        ),
        landed=lambda u: u.dissolved_on,
        value=lambda n: dt.date(2025, 7, 1 + n),
    ),
    Writer(
        "delete_union",
        GrassrootsUnion,
        lambda w: w.other.id,
        lambda s, a, i, v, n: records.delete_union(s, actor=a, union_id=i, expected_version=v),
    ),
    Writer(
        "restore_union",
        GrassrootsUnion,
        lambda w: w.other.id,
        lambda s, a, i, v, n: records.restore_union(s, actor=a, union_id=i, expected_version=v),
        prepare=_delete_other_union,
    ),
]


def save_both_at_once(engine, writer: Writer, record_id: int, version: int) -> list[str | None]:
    """Each of two staff saves `version` in its own thread and transaction, started together."""
    started = threading.Barrier(2, timeout=60)
    outcomes: list[str | None] = [None, None]

    def run(which: int) -> None:
        try:
            with db.session_scope(engine) as session:
                started.wait()
                writer.write(session, Actor(f"staff{which}", "staff"), record_id, version, which)
            outcomes[which] = "saved"
        except versioning.StaleEdit as error:
            outcomes[which] = error.key

    threads = [threading.Thread(target=run, args=(which,)) for which in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return outcomes


@pytest.mark.parametrize("writer", WRITERS, ids=[w.name for w in WRITERS])
def test_two_saves_of_one_version_at_once_one_lands_the_other_is_refused(engine, writer):
    with db.session_scope(engine) as session:
        world = build_world(session)
        writer.prepare(session, world)
        record_id = writer.pick(world)
    with Session(engine) as session:
        version = session.get(writer.model, record_id).version
        last_entry = session.exec(select(func.max(AuditLog.id))).one()

    outcomes = save_both_at_once(engine, writer, record_id, version)

    assert sorted(outcomes, key=str) == ["record.stale", "saved"]
    winner = outcomes.index("saved")
    with Session(engine) as session:
        record = session.get(writer.model, record_id)
        entries = session.exec(
            select(AuditLog.username).where(
                AuditLog.id > last_entry,
                AuditLog.table_name == writer.model.__tablename__,
                AuditLog.record_id == record_id,
            )
        ).all()
    assert record.version == version + 1
    assert entries == [f"staff{winner}"]
    if writer.landed is not None and writer.value is not None:
        assert writer.landed(record) == writer.value(winner)
