"""The organising board (core/organising.py): prospects by stage and moving them, role-checked."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from core import db, organising, versioning
from core.access import Actor, PermissionDenied
from core.models import AuditLog, Enterprise, OrganisingStage
from tests import factories as f
from tests.factories import STAFF, VIEWER

D = dt.date


@pytest.fixture
def prospects(session):
    f.create_plan(session)
    big = f.create_enterprise(
        session,
        name="Công ty May Hải Âu",
        worker_count=120,
        stage=OrganisingStage.contacted,
        stage_since=D(2025, 3, 1),
        officer="Trần Văn Dũng",
    )
    small = f.create_enterprise(session, name="Công ty Gỗ Tân Tiến", worker_count=25)
    f.create_enterprise(session, name="Hộ kinh doanh nhỏ", worker_count=8)
    organised = f.create_enterprise(session, name="Công ty đã có CĐCS", worker_count=300)
    f.create_union(session, name="CĐCS đã có", enterprise_id=organised.id)
    session.commit()
    return big, small


def test_board_lists_prospects_largest_first_with_days_in_stage(session, prospects):
    cards = organising.board(session, on=D(2025, 3, 31))
    assert [(c.name, c.worker_count, c.stage, c.days_in_stage, c.officer) for c in cards] == [
        ("Công ty May Hải Âu", 120, "contacted", 30, "Trần Văn Dũng"),
        ("Công ty Gỗ Tân Tiến", 25, None, None, None),
    ]


def test_stage_counts_has_every_column(session, prospects):
    counts = organising.stage_counts(session, on=D(2025, 3, 31))
    assert list(counts) == [None, *[s.value for s in OrganisingStage]]
    assert counts == {
        None: 1,
        "surveyed": 0,
        "contacted": 1,
        "campaigning": 0,
        "applications": 0,
        "congress": 0,
        "recognised": 0,
    }


def test_staff_moves_a_prospect_audited_and_bumping_the_data_version(session, prospects):
    big, _ = prospects
    version_before = db.data_version(session)
    moved = organising.move_stage(
        session,
        actor=STAFF,
        enterprise_id=big.id,
        stage="campaigning",
        on=D(2025, 4, 2),
        expected_version=big.version,
        today=D(2025, 4, 2),
    )
    session.commit()
    stored = session.get(Enterprise, big.id)
    assert (stored.stage, stored.stage_since, stored.officer, stored.version) == (
        "campaigning",
        D(2025, 4, 2),
        "Trần Văn Dũng",
        2,
    )
    assert moved is stored
    assert db.data_version(session) == version_before + 1
    entry = session.exec(
        select(AuditLog).where(AuditLog.table_name == "enterprise", AuditLog.record_id == big.id)
    ).one()
    assert (entry.username, entry.action) == ("lan", "update")
    assert (entry.before["stage"], entry.after["stage"]) == ("contacted", "campaigning")
    assert (entry.before["stage_since"], entry.after["stage_since"]) == ("2025-03-01", "2025-04-02")


def test_assigning_an_officer_keeps_the_stage_date(session, prospects):
    big, _ = prospects
    organising.move_stage(
        session,
        actor=STAFF,
        enterprise_id=big.id,
        stage="contacted",
        officer="  Phạm Minh Tuấn ",
        on=D(2025, 4, 2),
        today=D(2025, 4, 2),
    )
    stored = session.get(Enterprise, big.id)
    assert (stored.stage, stored.stage_since, stored.officer) == (
        "contacted",
        D(2025, 3, 1),
        "Phạm Minh Tuấn",
    )


def test_nothing_changed_writes_nothing(session, prospects):
    big, _ = prospects
    version = db.data_version(session)
    organising.move_stage(
        session, actor=STAFF, enterprise_id=big.id, stage="contacted", on=D(2025, 4, 2)
    )
    assert db.data_version(session) == version
    assert session.get(Enterprise, big.id).version == 1


def test_a_viewer_is_refused_and_nothing_is_written(session, prospects):
    big, _ = prospects
    with pytest.raises(PermissionDenied):
        organising.move_stage(
            session, actor=VIEWER, enterprise_id=big.id, stage="recognised", on=D(2025, 4, 2)
        )
    with pytest.raises(PermissionDenied):
        organising.move_stage(
            session, actor=None, enterprise_id=big.id, stage="recognised", on=D(2025, 4, 2)
        )
    assert session.get(Enterprise, big.id).stage == "contacted"
    assert not session.exec(
        select(AuditLog).where(AuditLog.table_name == "enterprise", AuditLog.record_id == big.id)
    ).all()


def test_a_stale_edit_is_refused(session, prospects):
    big, _ = prospects
    read_version = big.version
    organising.move_stage(
        session, actor=STAFF, enterprise_id=big.id, stage="campaigning", on=D(2025, 4, 2)
    )
    with pytest.raises(versioning.StaleEdit) as refused:
        organising.move_stage(
            session,
            actor=Actor(username="hoa", role="staff"),
            enterprise_id=big.id,
            stage="surveyed",
            on=D(2025, 4, 2),
            expected_version=read_version,
        )
    assert refused.value.key == "record.stale"
    assert refused.value.username == STAFF.username
    assert [(c.field, c.before, c.after) for c in refused.value.changes] == [
        ("stage", "contacted", "campaigning"),
        ("stage_since", "2025-03-01", "2025-04-02"),
    ]


@pytest.mark.parametrize(
    ("stage", "on", "key"),
    [
        ("founded", D(2025, 4, 2), "organising.bad_stage"),
        ("campaigning", D(2025, 4, 3), "organising.future_date"),
    ],
)
def test_bad_moves_are_refused_with_a_reason(session, prospects, stage, on, key):
    big, _ = prospects
    with pytest.raises(organising.OrganisingError) as refused:
        organising.move_stage(
            session, actor=STAFF, enterprise_id=big.id, stage=stage, on=on, today=D(2025, 4, 2)
        )
    assert refused.value.key == key
    assert refused.value.message()


def test_unknown_enterprise(session, prospects):
    with pytest.raises(organising.OrganisingError) as refused:
        organising.move_stage(
            session, actor=STAFF, enterprise_id=99_999, stage="surveyed", on=D(2025, 4, 2)
        )
    assert refused.value.key == "organising.not_found"
