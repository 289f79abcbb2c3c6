"""An export imports back as it is: every kind, CSV and XLSX; the members who left stay left and
the apostrophe that keeps a value from being read as a formula does not become part of it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlmodel import Session, func, select

from core import db, importing
from core.auth import Actor
from core.importing import export
from core.importing.plan import Action
from core.models import Enterprise, GrassrootsUnion, Member, MembershipEvent, MemberStatus
from tests import factories as f
from tests import spreadsheets as s

HOA = Actor("hoa", "staff")
TODAY = dt.date(2025, 6, 1)
FORMATS = ("csv", "xlsx")


def exported(session: Session, kind: str, fmt: str) -> tuple[bytes, int]:
    out = io.BytesIO()
    count = export.write(session, kind, fmt, out)
    return out.getvalue(), count


def actions(plan) -> tuple[int, int, int, int]:
    return (
        plan.count(Action.add),
        plan.count(Action.change),
        plan.count(Action.unchanged),
        plan.count(Action.refuse),
    )


def count(session: Session, model, *where) -> int:
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", ["members", "departures", "enterprises", "unions"])
def test_demo_export_imports_back_unchanged(demo_url, kind, fmt):
    with Session(db.engine_for(demo_url)) as session:
        data, exported_count = exported(session, kind, fmt)
        plan = importing.preview(session, data=data, file_name=f"export.{fmt}", kind=kind)
        live = {
            "members": count(session, Member, Member.deleted_at.is_(None)),
            "departures": count(
                session,
                MembershipEvent,
                MembershipEvent.kind == "left",
                MembershipEvent.deleted_at.is_(None),
            ),
            "enterprises": count(session, Enterprise, Enterprise.deleted_at.is_(None)),
            "unions": count(session, GrassrootsUnion, GrassrootsUnion.deleted_at.is_(None)),
        }[kind]
        departed = count(
            session, Member, Member.deleted_at.is_(None), Member.status == MemberStatus.left
        )
    assert exported_count == live == len(plan.rows)
    assert actions(plan) == (0, 0, live, 0)
    if kind == "members":
        # The members who left are in the export and are read back as left, not admitted again.
        assert departed > 1000
        assert sum(1 for row in plan.rows if row.values["left_on"] is not None) == departed


@pytest.fixture
def guarded(session):
    """Records whose text starts like a formula: the export writes them with an apostrophe."""
    enterprise = f.create_enterprise(
        session,
        name="=Công ty An Phát",
        tax_code="0201234567",
        address="+Thôn 3, xã Vĩnh Am",
        trade="@May mặc",
        officer="-Lê Văn Tư",
    )
    union = f.create_union(
        session, name="-CĐCS Công ty An Phát", enterprise_id=enterprise.id, decision_no="+12/QĐ"
    )
    f.admit(
        session,
        union,
        dt.date(2024, 5, 2),
        full_name="-Nguyễn Văn An",
        cccd="031090001234",
        birth_date=dt.date(1990, 3, 5),
        card_no="=DV1",
    )
    left = f.admit(
        session,
        union,
        dt.date(2020, 1, 6),
        full_name="@Trần Thị Bình",
        gender="female",
        cccd="031195001111",
        birth_date=dt.date(1995, 7, 1),
    )
    f.leave(session, left, dt.date(2025, 3, 31))
    session.commit()
    return union


@pytest.mark.parametrize("fmt", FORMATS)
def test_formula_guard_is_undone_on_the_way_back(session, guarded, fmt):
    expected = {
        "members": {"full_name": ["-Nguyễn Văn An", "@Trần Thị Bình"], "card_no": ["=DV1", None]},
        "departures": {"full_name": ["@Trần Thị Bình"]},
        "enterprises": {
            "name": ["=Công ty An Phát"],
            "address": ["+Thôn 3, xã Vĩnh Am"],
            "trade": ["@May mặc"],
            "officer": ["-Lê Văn Tư"],
        },
        "unions": {"name": ["-CĐCS Công ty An Phát"], "decision_no": ["+12/QĐ"]},
    }
    for kind, fields in expected.items():
        data, exported_count = exported(session, kind, fmt)
        plan = importing.preview(
            session, data=data, file_name=f"export.{fmt}", kind=kind, today=TODAY
        )
        assert actions(plan) == (0, 0, exported_count, 0), kind
        for name, values in fields.items():
            assert [row.values[name] for row in plan.rows] == values, (kind, name)


def test_reimported_members_export_changes_nothing(session, guarded):
    data, _ = exported(session, "members", "csv")
    plan = importing.preview(
        session, data=data, file_name="export.csv", kind="members", today=TODAY
    )
    batch = importing.commit_plan(session=session, plan=plan, actor=HOA)
    session.commit()
    assert (batch.added, batch.updated, batch.unchanged, batch.refused) == (0, 0, 2, 0)
    stored = session.exec(select(Member.full_name, Member.status).order_by(Member.id)).all()
    assert [tuple(row) for row in stored] == [
        ("-Nguyễn Văn An", "active"),
        ("@Trần Thị Bình", "left"),
    ]
    assert guarded.active_members == 1


MEMBERS_HEADER = ["Họ và tên", "Số CCCD/CMND", "Ngày kết nạp", "Trạng thái", "Ngày ra khỏi tổ chức"]


def test_a_member_list_row_of_someone_who_left_is_never_an_admission(session, guarded):
    rows = [
        MEMBERS_HEADER,
        # Stored as left on 31/03/2025: the row agrees.
        ["@Trần Thị Bình", "031195001111", "06/01/2020", "Đã ra khỏi tổ chức", "31/03/2025"],
        # Stored as active: a list of members cannot record a departure.
        ["-Nguyễn Văn An", "031090001234", "02/05/2024", "Đã ra khỏi tổ chức", "01/04/2025"],
        # Unknown person who left: not admitted.
        ["Lê Văn Cường", "031090009999", "02/05/2024", "Đã ra khỏi tổ chức", "01/04/2025"],
        ["Phạm Văn Dũng", "031091001000", "02/05/2024", "Đã ra khỏi tổ chức", None],
        ["Hoàng Văn Em", "031092001000", "02/05/2024", "Đang sinh hoạt", "01/04/2025"],
        ["Vũ Văn Giang", "031093001000", "02/05/2024", "Nghỉ phép", None],
    ]
    plan = importing.preview(
        session,
        data=s.xlsx(rows),
        file_name="list.xlsx",
        kind="members",
        today=TODAY,
        default_union=guarded.name,
    )
    assert [(row.row, row.action) for row in plan.rows] == [
        (2, Action.unchanged),
        (3, Action.refuse),
        (4, Action.refuse),
        (5, Action.refuse),
        (6, Action.refuse),
        (7, Action.refuse),
    ]
    assert [[p.key for p in row.problems] for row in plan.rows[1:]] == [
        ["import.reason.left_not_recorded"],
        ["import.reason.left_not_recorded"],
        ["import.reason.left_on_missing"],
        ["import.reason.status_active_left"],
        ["import.reason.status_bad"],
    ]
