"""An import batch is undone exactly once: two undos at once (in core and on the command line), or
one after the other, revert it once; the other is refused with its key; no union's counter can fall
below zero (a database CHECK)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from core import db, importing, membership
from core.auth import Actor
from core.cli import main
from core.importing import commit
from core.models import AuditLog, GrassrootsUnion, ImportBatch, Member
from tests import factories as f
from tests import spreadsheets as s

OTHER = "CĐCS Trường Tiểu học Vĩnh Am"
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hùng", "Lan", "Mai", "Nam", "Sơn", "Yến"]
EXISTING = 5  # members each union had before the import
IMPORTED = 12  # members the batch adds: 7 to the first union, 5 to the second
STAFF = [Actor("hoa", "staff"), Actor("lan", "staff")]


def members_file() -> bytes:
    rows = [["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "CĐCS", "Ngày kết nạp"]]
    for n in range(IMPORTED):
        union = s.UNION if n < 7 else OTHER
        rows.append(
            [f"Phạm Văn {GIVEN[n]}", "05/03/1990", "Nam", f"0310900{n:05d}", union, "02/05/2025"]
        )
    return s.xlsx(rows)


@pytest.fixture
def batch_id(engine) -> int:
    """One committed batch of IMPORTED admissions into two unions that had EXISTING members each."""
    with db.session_scope(engine) as session:
        for name in (s.UNION, OTHER):
            union = f.create_union(session, name=name)
            for _ in range(EXISTING):
                f.admit(session, union, dt.date(2025, 1, 6))
    with db.session_scope(engine) as session:
        plan = importing.preview(session, data=members_file(), file_name="ds.xlsx", kind="members")
        batch = importing.commit_plan(session=session, plan=plan, actor=STAFF[0])
    assert batch.added == IMPORTED
    return batch.id


@pytest.fixture
def both_checked(monkeypatch) -> threading.Barrier:
    """Holds an undo that has read its batch until the other undo has read it too.

    Without an atomic claim both read 'not undone yet' and both revert. With it the second waits
    for the first to commit and never reaches this point, so the first waits out the timeout alone.
    """
    barrier = threading.Barrier(2, timeout=2)
    checked = commit._later_changes

    def wait_for_the_other(*args, **kwargs):
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass
        return checked(*args, **kwargs)

    monkeypatch.setattr(commit, "_later_changes", wait_for_the_other)
    return barrier


def at_once(calls) -> list[object]:
    """Run the calls in threads released together; each outcome is its result or its exception."""
    start = threading.Barrier(len(calls), timeout=30)
    outcomes: list[object] = [None] * len(calls)

    def run(index: int) -> None:
        start.wait()
        try:
            outcomes[index] = calls[index]()
        except Exception as error:  # noqa: BLE001  (the outcome under test)
            outcomes[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def counters(engine) -> dict[str, int]:
    with Session(engine) as session:
        return dict(
            session.exec(select(GrassrootsUnion.name, GrassrootsUnion.active_members)).all()
        )


def recounted(engine) -> dict[str, int]:
    with Session(engine) as session:
        by_id = membership.recount_active_members(session)
        names = dict(session.exec(select(GrassrootsUnion.id, GrassrootsUnion.name)).all())
        return {names[union_id]: by_id.get(union_id, 0) for union_id in names}


def undo(engine, batch: int, actor: Actor):
    def call() -> ImportBatch:
        with db.session_scope(engine) as session:
            return importing.undo_batch(session=session, batch_id=batch, actor=actor)

    return call


def reverted_once(engine, batch: int) -> None:
    """Counters back where they were, equal to a full recount; one undo's audit rows, not two."""
    assert counters(engine) == {s.UNION: EXISTING, OTHER: EXISTING}
    assert recounted(engine) == counters(engine)
    with Session(engine) as session:
        live = session.exec(
            select(func.count()).select_from(Member).where(Member.deleted_at.is_(None))
        ).one()
        undo_rows = session.exec(
            select(func.count())
            .select_from(AuditLog)
            .where(AuditLog.batch_id == batch, AuditLog.action == "undo")
        ).one()
    assert live == 2 * EXISTING
    assert undo_rows == 2 * IMPORTED  # each member and each admission event, once


def test_two_undos_of_one_batch_at_once_revert_it_once(engine, batch_id, both_checked):
    outcomes = at_once([undo(engine, batch_id, actor) for actor in STAFF])

    done = [o for o in outcomes if isinstance(o, ImportBatch)]
    refused = [o for o in outcomes if not isinstance(o, ImportBatch)]
    assert len(done) == 1 and len(refused) == 1, outcomes
    assert isinstance(refused[0], importing.UndoError)
    assert refused[0].key == "import.undo.already"
    winner = STAFF[outcomes.index(done[0])].username
    with Session(engine) as session:
        stored = session.get(ImportBatch, batch_id)
        assert (stored.undone_by, stored.undone_at is not None) == (winner, True)
    reverted_once(engine, batch_id)


def test_an_undo_after_the_undo_is_refused_and_changes_nothing(engine, batch_id):
    undo(engine, batch_id, STAFF[0])()
    with pytest.raises(importing.UndoError) as error:
        undo(engine, batch_id, STAFF[1])()
    assert error.value.key == "import.undo.already"
    with pytest.raises(importing.UndoError) as error:
        undo(engine, batch_id + 1, STAFF[1])()
    assert error.value.key == "import.undo.unknown"
    reverted_once(engine, batch_id)


def test_a_refused_undo_leaves_the_batch_undoable(engine, batch_id):
    """A refusal found after the claim gives the claim back, even to a caller that commits."""
    with db.session_scope(engine) as session:
        member = session.exec(select(Member).where(Member.batch_id == batch_id)).first()
        membership.update_member_details(
            session=session, member=member, changes={"card_no": "DV9"}, by_user="lan"
        )
    with Session(engine) as session:
        with pytest.raises(importing.UndoError) as error:
            importing.undo_batch(session=session, batch_id=batch_id, actor=STAFF[0])
        assert error.value.key == "import.undo.changed_since"
        session.commit()
    with Session(engine) as session:
        stored = session.get(ImportBatch, batch_id)
        assert (stored.undone_at, stored.undone_by) == (None, None)
    assert counters(engine) == {s.UNION: EXISTING + 7, OTHER: EXISTING + 5}


def test_two_undo_commands_at_once(engine, db_env, batch_id, both_checked, capsys):
    """`python -m core undo-import` twice at once: one exits 0, the other 1 with the reason."""
    codes = at_once([lambda: main(["undo-import", str(batch_id)]) for _ in range(2)])
    assert sorted(codes) == [0, 1]
    _out, err = capsys.readouterr()
    assert err.count(f"Lần nhập số {batch_id} đã được hoàn tác trước đó.") == 1
    reverted_once(engine, batch_id)


def test_a_counter_below_zero_is_refused_by_the_database(engine, batch_id):
    with Session(engine) as session, pytest.raises(IntegrityError):
        session.exec(
            update(GrassrootsUnion)
            .where(GrassrootsUnion.name == OTHER)
            .values(active_members=GrassrootsUnion.active_members - (EXISTING + 5) - 1)
        )
        session.commit()
    assert counters(engine) == {s.UNION: EXISTING + 7, OTHER: EXISTING + 5}
