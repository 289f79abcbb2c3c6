"""A member's life as dated events, through core.records: admit, transfer, leave, re-admit,
take back or correct a mistaken event, delete and restore; the figures follow each at once."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import func, select

from core import metrics, records
from core.membership import recount_active_members
from core.models import AuditLog, GrassrootsUnion, Member, MembershipEvent
from core.records import RecordError
from core.units import EVERYTHING, scope_for_union
from tests import factories as f
from tests.factories import STAFF, TODAY

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def admit(session, union, on=dt.date(2025, 3, 1), **values):
    values = {"full_name": "Nguyễn Văn An", **values}
    member = records.admit_member(
        session, actor=STAFF, values=values, union_id=union.id, on=on, today=TODAY
    )
    session.commit()
    return member


def count(session, union) -> int:
    session.refresh(union)
    return union.active_members


def events(session, member) -> list[tuple[str, str, dt.date]]:
    return [
        (e.kind, e.union_name, e.occurred_on) for e in records.member_history(session, member.id)
    ]


def net(session, scope=EVERYTHING) -> int:
    return metrics.movements(session, scope, *YEAR).net


@pytest.fixture
def unions(session):
    a = f.create_union(session, name="CĐCS Công ty May")
    b = f.create_union(session, name="CĐCS Công ty Gỗ")
    session.commit()
    return a, b


def test_admit_cleans_the_row_like_an_import(session, unions):
    a, _ = unions
    member = admit(
        session,
        a,
        full_name="  nguyễn  văn an ",
        id_number="31090001234",
        birth="1990",
        gender="Nam",
    )
    assert (member.full_name, member.search_name) == ("Nguyễn Văn An", "nguyen van an")
    assert (member.cccd, member.birth_date, member.birth_year, member.gender) == (
        "031090001234",
        None,
        1990,
        "male",
    )
    assert (member.status, member.union_id, member.joined_on) == (
        "active",
        a.id,
        dt.date(2025, 3, 1),
    )
    assert count(session, a) == 1
    assert net(session) == 1


def test_admit_refuses_what_the_import_refuses(session, unions):
    a, _ = unions
    with pytest.raises(records.InvalidInput) as refused:
        admit(session, a, full_name="Nguyễn Văn 2", id_number="0310", birth="31/02/1990")
    assert {name: key for name, (key, _) in refused.value.errors.items()} == {
        "full_name": "import.reason.name_digits",
        "id_number": "import.reason.cccd_length",
        "birth": "import.reason.date_bad",
    }
    session.rollback()
    assert session.exec(select(func.count()).select_from(Member)).one() == 0


def test_admit_never_admits_someone_on_record_twice(session, unions):
    a, b = unions
    first = admit(session, a, id_number="031090001234")
    with pytest.raises(RecordError) as active:
        admit(session, b, full_name="Nguyễn Văn Ân", id_number="031090001234")
    assert (active.value.key, active.value.values) == (
        "record.known_active",
        {"name": "Nguyễn Văn An", "union": "CĐCS Công ty May"},
    )
    f.record_departure(session, first, dt.date(2025, 6, 1))
    session.commit()
    with pytest.raises(RecordError) as left:
        admit(session, b, id_number="031090001234")
    assert (left.value.key, left.value.values) == (
        "record.known_left",
        {"name": "Nguyễn Văn An", "union": "CĐCS Công ty May"},
    )


@pytest.mark.parametrize(
    ("on", "key", "values"),
    [
        (
            dt.date(2009, 12, 31),
            "record.union_not_yet",
            {"name": "CĐCS Công ty May", "date": "01/01/2010"},
        ),
        (dt.date(2026, 1, 1), "record.future_date", {}),
    ],
)
def test_admit_dates_must_make_sense(session, unions, on, key, values):
    with pytest.raises(RecordError) as refused:
        admit(session, unions[0], on=on)
    assert (refused.value.key, refused.value.values) == (key, values)


def test_a_foreign_worker_follows_the_2024_law(session, unions):
    a, _ = unions
    foreign = {"full_name": "Kim Min Jun", "nationality": "Hàn Quốc", "id_number": "M12345678"}
    with pytest.raises(RecordError) as early:
        admit(
            session, a, on=dt.date(2025, 6, 30), contract_months=24, has_application=True, **foreign
        )
    assert early.value.key == "rule.foreign_before_law"
    with pytest.raises(RecordError) as short:
        admit(
            session, a, on=dt.date(2025, 7, 1), contract_months=6, has_application=True, **foreign
        )
    assert short.value.key == "rule.foreign_contract_short"
    member = admit(
        session, a, on=dt.date(2025, 7, 1), contract_months=12, has_application="x", **foreign
    )
    assert (member.passport_no, member.cccd, member.has_application) == ("M12345678", None, True)
    with pytest.raises(RecordError) as edited:
        records.update_member(
            session,
            actor=STAFF,
            member_id=member.id,
            expected_version=1,
            changes={"has_application": False},
            today=TODAY,
        )
    assert edited.value.key == "rule.foreign_no_application"


def test_a_transfer_is_zero_for_the_federation_and_one_for_each_union(session, unions):
    a, b = unions
    member = admit(session, a)
    f.record_transfer(session, member, b, dt.date(2025, 5, 10))
    session.commit()
    assert (count(session, a), count(session, b)) == (0, 1)
    assert net(session) == 1
    assert net(session, scope_for_union(session, a.id)) == 0
    assert net(session, scope_for_union(session, b.id)) == 1
    assert events(session, member) == [
        ("admitted", "CĐCS Công ty May", dt.date(2025, 3, 1)),
        ("transfer_out", "CĐCS Công ty May", dt.date(2025, 5, 10)),
        ("transfer_in", "CĐCS Công ty Gỗ", dt.date(2025, 5, 10)),
    ]
    assert (member.union_id, member.version) == (b.id, 2)


def test_movements_cannot_go_back_before_the_last_one(session, unions):
    a, b = unions
    member = admit(session, a, on=dt.date(2025, 3, 1))
    with pytest.raises(RecordError) as refused:
        records.transfer_member(
            session,
            actor=STAFF,
            member_id=member.id,
            expected_version=1,
            to_union_id=b.id,
            on=dt.date(2025, 2, 28),
            today=TODAY,
        )
    assert (refused.value.key, refused.value.values) == (
        "record.before_last_event",
        {"date": "01/03/2025"},
    )


def test_leave_then_readmit(session, unions):
    a, b = unions
    member = admit(session, a)
    f.record_departure(session, member, dt.date(2025, 6, 1), "retired")
    session.commit()
    assert (member.status, member.left_on, count(session, a)) == ("left", dt.date(2025, 6, 1), 0)
    assert net(session) == 0
    with pytest.raises(RecordError) as early:
        records.readmit_member(
            session,
            actor=STAFF,
            member_id=member.id,
            expected_version=2,
            union_id=b.id,
            on=dt.date(2025, 5, 31),
            today=TODAY,
        )
    assert early.value.key == "rule.readmit_before_leave"
    session.rollback()
    records.readmit_member(
        session,
        actor=STAFF,
        member_id=member.id,
        expected_version=2,
        union_id=b.id,
        on=dt.date(2025, 9, 1),
        today=TODAY,
    )
    session.commit()
    assert (member.status, member.union_id, member.joined_on, member.left_on) == (
        "active",
        b.id,
        dt.date(2025, 9, 1),
        None,
    )
    assert (count(session, a), count(session, b)) == (0, 1)
    assert metrics.movements(session, EVERYTHING, *YEAR).admitted == 2
    assert net(session) == 1


def test_readmit_refuses_an_active_member(session, unions):
    a, b = unions
    member = admit(session, a)
    with pytest.raises(RecordError) as refused:
        records.readmit_member(
            session,
            actor=STAFF,
            member_id=member.id,
            expected_version=1,
            union_id=b.id,
            on=dt.date(2025, 9, 1),
            today=TODAY,
        )
    assert refused.value.key == "rule.readmit_not_left"


def test_a_departure_recorded_by_mistake_is_taken_back(session, unions):
    a, _ = unions
    member = admit(session, a)
    f.record_departure(session, member, dt.date(2025, 6, 1))
    session.commit()
    departure = records.member_history(session, member.id)[-1]
    records.void_event(
        session, actor=STAFF, member_id=member.id, expected_version=2, event_id=departure.id
    )
    session.commit()
    assert (member.status, member.left_on, count(session, a)) == ("active", None, 1)
    assert net(session) == 1
    assert metrics.movements(session, EVERYTHING, *YEAR).left == 0
    voided = session.get(MembershipEvent, departure.id)
    assert voided.deleted_at is not None  # kept, only marked
    entry = session.exec(select(AuditLog).where(AuditLog.action == "void")).one()
    assert (entry.username, entry.table_name, entry.record_id) == (
        "lan",
        "membership_event",
        departure.id,
    )


def test_a_transfer_taken_back_returns_the_member_to_the_first_union(session, unions):
    a, b = unions
    member = admit(session, a)
    f.record_transfer(session, member, b, dt.date(2025, 5, 10))
    session.commit()
    transfer_in = records.member_history(session, member.id)[-1]
    records.void_event(
        session, actor=STAFF, member_id=member.id, expected_version=2, event_id=transfer_in.id
    )
    session.commit()
    assert (member.union_id, count(session, a), count(session, b)) == (a.id, 1, 0)
    assert events(session, member) == [("admitted", "CĐCS Công ty May", dt.date(2025, 3, 1))]


def test_only_the_latest_event_is_taken_back_and_never_the_only_one(session, unions):
    a, _ = unions
    member = admit(session, a)
    admission = records.member_history(session, member.id)[0]
    with pytest.raises(RecordError) as only:
        records.void_event(
            session, actor=STAFF, member_id=member.id, expected_version=1, event_id=admission.id
        )
    assert only.value.key == "rule.void_only_event"
    f.record_departure(session, member, dt.date(2025, 6, 1))
    session.commit()
    with pytest.raises(RecordError) as older:
        records.void_event(
            session, actor=STAFF, member_id=member.id, expected_version=2, event_id=admission.id
        )
    assert older.value.key == "rule.void_not_latest"


def test_a_wrong_admission_date_is_corrected_and_the_months_follow(session, unions):
    a, _ = unions
    member = admit(session, a, on=dt.date(2025, 3, 1))
    admission = records.member_history(session, member.id)[0]
    records.correct_event(
        session,
        actor=STAFF,
        member_id=member.id,
        expected_version=1,
        event_id=admission.id,
        on=dt.date(2025, 2, 1),
        today=TODAY,
    )
    session.commit()
    assert member.joined_on == dt.date(2025, 2, 1)
    assert count(session, a) == 1
    months = metrics.monthly(session, EVERYTHING, 2025, dt.date(2025, 3, 31))
    assert [(m.month, m.admitted) for m in months] == [(1, 0), (2, 1), (3, 0)]
    all_events = records.member_history(session, member.id, with_voided=True)
    assert [(e.occurred_on, e.deleted_at is None) for e in all_events] == [
        (dt.date(2025, 2, 1), True),
        (dt.date(2025, 3, 1), False),
    ]


def test_a_correction_keeps_the_events_in_order(session, unions):
    a, _ = unions
    member = admit(session, a, on=dt.date(2025, 3, 1))
    f.record_departure(session, member, dt.date(2025, 6, 1))
    session.commit()
    admission, departure = records.member_history(session, member.id)
    with pytest.raises(RecordError) as refused:
        records.correct_event(
            session,
            actor=STAFF,
            member_id=member.id,
            expected_version=2,
            event_id=admission.id,
            on=dt.date(2025, 7, 1),
            today=TODAY,
        )
    assert refused.value.key == "rule.correct_out_of_order"
    session.rollback()
    records.correct_event(
        session,
        actor=STAFF,
        member_id=member.id,
        expected_version=2,
        event_id=departure.id,
        reason="died",
        today=TODAY,
    )
    session.commit()
    latest = records.member_history(session, member.id)[-1]
    assert (latest.kind, latest.reason, latest.occurred_on) == ("left", "died", dt.date(2025, 6, 1))
    assert member.left_on == dt.date(2025, 6, 1)


def test_delete_and_restore_a_member_with_their_events(session, unions):
    a, b = unions
    member = admit(session, a)
    f.record_transfer(session, member, b, dt.date(2025, 5, 10))
    other = admit(session, a, full_name="Trần Thị Bình")
    session.commit()
    records.delete_member(session, actor=STAFF, member_id=member.id, expected_version=2)
    session.commit()
    assert (count(session, a), count(session, b)) == (1, 0)
    assert net(session) == 1
    live = records.search_members(session, records.MemberFilter())
    assert [row["id"] for row in live.rows] == [other.id]
    binned = records.search_members(session, records.MemberFilter(deleted=True))
    assert [row["id"] for row in binned.rows] == [member.id]
    records.restore_member(session, actor=STAFF, member_id=member.id, expected_version=3)
    session.commit()
    assert (count(session, a), count(session, b)) == (1, 1)
    assert net(session) == 2
    assert member.deleted_at is None
    assert len(records.member_history(session, member.id)) == 3


def test_restore_brings_back_only_the_events_deleted_with_the_member(session, unions):
    a, _ = unions
    member = admit(session, a)
    f.record_departure(session, member, dt.date(2025, 6, 1))
    session.commit()
    departure = records.member_history(session, member.id)[-1]
    records.void_event(
        session, actor=STAFF, member_id=member.id, expected_version=2, event_id=departure.id
    )
    records.delete_member(session, actor=STAFF, member_id=member.id, expected_version=3)
    records.restore_member(session, actor=STAFF, member_id=member.id, expected_version=4)
    session.commit()
    assert events(session, member) == [("admitted", "CĐCS Công ty May", dt.date(2025, 3, 1))]
    assert (member.status, count(session, a)) == ("active", 1)


def test_every_count_still_matches_the_events(session, unions):
    """The kept counter equals a full recount after a mix of every movement."""
    a, b = unions
    first = admit(session, a)
    second = admit(session, a, full_name="Trần Thị Bình")
    f.record_transfer(session, first, b, dt.date(2025, 4, 1))
    f.record_departure(session, second, dt.date(2025, 4, 2), "moved_away")
    records.delete_member(session, actor=STAFF, member_id=first.id, expected_version=2)
    session.commit()
    kept = dict(session.exec(select(GrassrootsUnion.id, GrassrootsUnion.active_members)).all())
    recounted = recount_active_members(session)
    assert {k: v for k, v in kept.items() if v} == {k: v for k, v in recounted.items() if v}
    assert kept == {a.id: 0, b.id: 0}
