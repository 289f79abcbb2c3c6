"""The audit log: listing it with filters, and reverting one change."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import func, select

from core import accounts, audit, changelog, metrics, organisation, records, users
from core.access import Actor, PermissionDenied
from core.audit import AuditFilter
from core.changelog import AuditError
from core.formatting import today_local
from core.labels import field_label
from core.models import AppUser, AuditLog, Member, UnitKind, UnitLink
from core.units import EVERYTHING
from tests import factories as f
from tests.factories import ADMIN, OTHER_STAFF, STAFF, TODAY

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture
def union(session):
    union = f.create_union(session, name="CĐCS Công ty May")
    session.commit()
    return union


def admit(session, union, name="Nguyễn Văn An"):
    member = records.admit_member(
        session,
        actor=STAFF,
        values={"full_name": name},
        union_id=union.id,
        on=dt.date(2025, 3, 1),
        today=TODAY,
    )
    session.commit()
    return member


def rename(session, member, name, actor=STAFF):
    records.update_member(
        session,
        actor=actor,
        member_id=member.id,
        expected_version=member.version,
        changes={"full_name": name},
        today=TODAY,
    )
    session.commit()
    session.refresh(member)


def last_entry(session, **where) -> AuditLog:
    query = select(AuditLog).order_by(AuditLog.id.desc())
    for name, value in where.items():
        query = query.where(getattr(AuditLog, name) == value)
    return session.exec(query).first()


def revert(session, entry, actor=ADMIN):
    changelog.revert_change(session, actor=actor, entry_id=entry.id)
    session.commit()


def test_the_log_is_listed_newest_first_with_filters(session, union):
    member = admit(session, union)
    rename(session, member, "Nguyễn Văn Ân", actor=Actor("hoa", "staff"))
    everything = audit.list_changes(session)
    assert [(r["action"], r["table_name"], r["username"]) for r in everything.rows] == [
        ("update", "member", "hoa"),
        ("insert", "membership_event", "lan"),
        ("insert", "member", "lan"),
        ("insert", "grassroots_union", "t"),
    ]
    by_hoa = audit.list_changes(session, AuditFilter(username="hoa"))
    assert [(r["action"], r["table_name"], r["username"]) for r in by_hoa.rows] == [
        ("update", "member", "hoa")
    ]
    change = by_hoa.rows[0]["changes"]
    assert [(c.field, c.before, c.after) for c in change] == [
        ("full_name", "Nguyễn Văn An", "Nguyễn Văn Ân")
    ]
    inserts = audit.list_changes(session, AuditFilter(action="insert", table_name="member"))
    assert [r["record_id"] for r in inserts.rows] == [member.id]
    today = today_local()
    assert audit.list_changes(session, AuditFilter(date_from=today, date_to=today)).total == 4
    assert audit.list_changes(session, AuditFilter(date_to=today - dt.timedelta(days=1))).total == 0
    assert (
        audit.list_changes(session, AuditFilter(date_from=today + dt.timedelta(days=1))).total == 0
    )


def test_revert_a_field_edit(session, union):
    member = admit(session, union)
    rename(session, member, "Nguyễn Văn Ân")
    entry = last_entry(session, table_name="member", action="update")
    revert(session, entry)
    session.refresh(member)
    assert (member.full_name, member.search_name, member.version) == (
        "Nguyễn Văn An",
        "nguyen van an",
        3,
    )
    session.refresh(entry)
    assert entry.reverted_at is not None
    own = last_entry(session, table_name="member", action="revert")
    assert (own.username, own.before["full_name"], own.after["full_name"]) == (
        "boss",
        "Nguyễn Văn Ân",
        "Nguyễn Văn An",
    )
    with pytest.raises(AuditError) as twice:
        revert(session, entry)
    assert twice.value.key == "audit.already_reverted"
    # The revert is a change like any other: reverting it puts the edit back.
    revert(session, own)
    session.refresh(member)
    assert member.full_name == "Nguyễn Văn Ân"


def test_revert_is_refused_when_the_record_changed_since(session, union):
    member = admit(session, union)
    rename(session, member, "Nguyễn Văn Ân")
    first = last_entry(session, table_name="member", action="update")
    rename(session, member, "Nguyễn Văn Ấn", actor=OTHER_STAFF)
    with pytest.raises(AuditError) as refused:
        revert(session, first)
    values = refused.value.values
    assert (refused.value.key, values["who"], values["changes"]) == (
        "audit.changed_since",
        "hoa",
        f"{field_label('full_name')}: «Nguyễn Văn Ân» → «Nguyễn Văn Ấn»",
    )
    session.rollback()
    assert session.get(Member, member.id).full_name == "Nguyễn Văn Ấn"


def test_revert_an_admission_deletes_the_member_and_the_figures_follow(session, union):
    member = admit(session, union)
    assert metrics.movements(session, EVERYTHING, *YEAR).net == 1
    revert(session, last_entry(session, table_name="member", action="insert"))
    session.refresh(member)
    session.refresh(union)
    assert member.deleted_at is not None
    assert (union.active_members, metrics.movements(session, EVERYTHING, *YEAR).net) == (0, 0)
    # ... and reverting that deletion brings the member back.
    revert(session, last_entry(session, table_name="member", action="delete"))
    session.refresh(member)
    session.refresh(union)
    assert (member.deleted_at, union.active_members) == (None, 1)


def test_revert_a_departure_event(session, union):
    member = admit(session, union)
    f.record_departure(session, member, dt.date(2025, 6, 1))
    session.commit()
    departure = last_entry(session, table_name="membership_event", action="insert")
    revert(session, departure)
    session.refresh(member)
    assert (member.status, member.left_on) == ("active", None)
    assert metrics.movements(session, EVERYTHING, *YEAR).left == 0


def test_a_movement_on_the_member_row_is_corrected_on_the_member_not_reverted(session, union):
    member = admit(session, union)
    other = f.create_union(session, name="CĐCS Gỗ")
    session.commit()
    f.record_transfer(session, member, other, dt.date(2025, 5, 1))
    session.commit()
    with pytest.raises(AuditError) as refused:
        revert(session, last_entry(session, table_name="member", action="update"))
    assert refused.value.key == "audit.revert_movement"


def test_revert_a_unit_link_and_put_it_back(session):
    federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
    commune = f.create_unit(session, "Xã Vĩnh Am")
    session.commit()
    link = organisation.link_unit(
        session,
        actor=ADMIN,
        unit_id=commune.id,
        parent_id=federation.id,
        valid_from=dt.date(2025, 7, 1),
    )
    session.commit()
    revert(session, last_entry(session, table_name="unit_link", action="insert"))
    assert session.get(UnitLink, link.id) is None
    revert(session, last_entry(session, table_name="unit_link", action="delete"))
    back = session.get(UnitLink, link.id)
    assert (back.unit_id, back.parent_id, back.valid_from) == (
        commune.id,
        federation.id,
        dt.date(2025, 7, 1),
    )


def test_a_password_change_is_not_reverted(session):
    users.create_user(session, username="lan", role="staff", password="mat-khau-dung", by_user="t")
    accounts.change_password(
        session, actor=STAFF, old_password="mat-khau-dung", new_password="mat-khau-moi-1"
    )
    session.commit()
    with pytest.raises(AuditError) as refused:
        revert(session, last_entry(session, action="password"))
    assert refused.value.key == "audit.revert_password"


def test_revert_an_account_being_disabled(session):
    users.create_user(session, username="boss", role="admin", password="mat-khau-dung", by_user="t")
    lan = users.create_user(
        session, username="lan", role="staff", password="mat-khau-dung", by_user="t"
    )
    accounts.set_disabled(session, actor=ADMIN, user_id=lan.id, disabled=True)
    session.commit()
    revert(session, last_entry(session, table_name="app_user", action="update"))
    assert session.get(AppUser, lan.id).disabled is False


def test_only_an_admin_reverts(session, union):
    member = admit(session, union)
    rename(session, member, "Nguyễn Văn Ân")
    entry = last_entry(session, table_name="member", action="update")
    for actor in (STAFF, Actor("chu.tich", "viewer")):
        with pytest.raises(PermissionDenied):
            revert(session, entry, actor=actor)
    session.rollback()
    assert (
        session.exec(
            select(func.count()).select_from(AuditLog).where(AuditLog.action == "revert")
        ).one()
        == 0
    )
