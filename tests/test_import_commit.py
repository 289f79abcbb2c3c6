"""Commit as one batch, re-import changes nothing, undo restores, header corrections remembered."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import func, select

from core import importing
from core.access import Actor
from core.importing import workbooks
from core.membership import recount_active_members
from core.models import (
    AuditLog,
    Enterprise,
    GrassrootsUnion,
    HeaderMapping,
    ImportBatch,
    Member,
    MembershipEvent,
)
from tests import factories as f
from tests import spreadsheets as s

HOA = Actor("hoa", "staff")

TODAY = dt.date(2025, 6, 1)
MEMBERS = [
    ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "CĐCS", "Ngày kết nạp", "Số thẻ"],
    ["Nguyễn Văn An", "05/03/1990", "Nam", "031090001234", s.UNION, "02/05/2025", "DV1"],
    ["Trần Thị Bình", "1995", "Nữ", "031195001111", s.UNION, "03/05/2025", None],
    ["Lê Văn Cường", "31/02/1990", "Nam", "031090009999", s.UNION, "03/05/2025", None],
]


@pytest.fixture
def union(session):
    created = f.create_union(session, name=s.UNION)
    session.commit()
    return created


def run(session, data, kind="members", **kw):
    plan = importing.preview(
        session, data=data, file_name="list.xlsx", kind=kind, today=TODAY, **kw
    )
    batch = importing.commit_plan(session=session, plan=plan, actor=HOA)
    session.commit()
    return plan, batch


def count(session, model, *where):
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def counters_are_right(session):
    recount = recount_active_members(session)
    kept = dict(
        session.exec(
            select(GrassrootsUnion.id, GrassrootsUnion.active_members).where(
                GrassrootsUnion.deleted_at.is_(None)
            )
        ).all()
    )
    return all(kept[i] == recount.get(i, 0) for i in kept)


def test_commit_reimport_and_undo(session, union):
    data = s.xlsx(MEMBERS)
    plan, batch = run(session, data)
    assert plan.to_json(batch.id)["refused"] == [
        {
            "row": 4,
            "column": "Ngày sinh",
            "reason": "Ngày «31/02/1990» không hợp lệ (cần dd/mm/yyyy hoặc năm).",
        }
    ]
    assert (batch.added, batch.updated, batch.unchanged, batch.refused) == (2, 0, 0, 1)
    assert batch.username == "hoa" and len(batch.checksum) == 64
    members = session.exec(select(Member).order_by(Member.id)).all()
    assert [
        (m.full_name, m.birth_date, m.birth_year, m.gender, m.cccd, m.card_no, m.joined_on)
        for m in members
    ] == [
        ("Nguyễn Văn An", dt.date(1990, 3, 5), 1990, "male", "031090001234", "DV1", dt.date(2025, 5, 2)),
        ("Trần Thị Bình", None, 1995, "female", "031195001111", None, dt.date(2025, 5, 3)),
    ]  # fmt: skip
    assert {m.batch_id for m in members} == {batch.id}
    session.refresh(union)
    assert union.active_members == 2
    # One audit row per admission: the member as written, with its admission event's id.
    assert count(session, AuditLog, AuditLog.batch_id == batch.id) == 2
    entry = session.exec(
        select(AuditLog).where(AuditLog.table_name == "member").order_by(AuditLog.id)
    ).first()
    assert (entry.action, entry.username, entry.record_id) == ("insert", "hoa", members[0].id)
    event_id = session.exec(
        select(MembershipEvent.id).where(MembershipEvent.member_id == members[0].id)
    ).one()
    assert {
        k: entry.after[k]
        for k in ("full_name", "birth_date", "cccd", "joined_on", "admitted_event_id")
    } == {
        "full_name": "Nguyễn Văn An",
        "birth_date": "1990-03-05",
        "cccd": "031090001234",
        "joined_on": "2025-05-02",
        "admitted_event_id": event_id,
    }

    again, second = run(session, data)
    assert again.counts == {"add": 0, "change": 0, "unchanged": 2, "refuse": 1}
    assert count(session, Member) == 2
    assert count(session, AuditLog, AuditLog.batch_id == second.id) == 0

    importing.undo_batch(session=session, batch_id=batch.id, actor=HOA)
    session.commit()
    assert count(session, Member, Member.deleted_at.is_(None)) == 0
    assert count(session, MembershipEvent, MembershipEvent.deleted_at.is_(None)) == 0
    session.refresh(union)
    assert union.active_members == 0
    assert counters_are_right(session)
    stored = session.get(ImportBatch, batch.id)
    assert stored.undone_by == "hoa" and stored.undone_at is not None
    assert count(session, AuditLog, AuditLog.action == "undo") == 4
    with pytest.raises(importing.UndoError) as error:
        importing.undo_batch(session=session, batch_id=batch.id, actor=HOA)
    assert error.value.message() == "Lần nhập số 1 đã được hoàn tác trước đó."

    # The same file after the undo adds the people again (their removed records come back).
    third_plan, third = run(session, data)
    assert [r.operation for r in third_plan.rows[:2]] == ["revive", "revive"]
    assert count(session, Member, Member.deleted_at.is_(None)) == 2
    session.refresh(union)
    assert union.active_members == 2
    importing.undo_batch(session=session, batch_id=third.id, actor=HOA)
    session.commit()
    assert count(session, Member, Member.deleted_at.is_(None)) == 0
    assert counters_are_right(session)


def test_changed_details_update_and_undo_restores_them(session, union):
    run(session, s.xlsx(MEMBERS[:2]))
    changed = [
        MEMBERS[0],
        ["Nguyễn Văn Ân", "05/03/1990", "Nam", "031090001234", s.UNION, "02/05/2025", "DV9"],
    ]
    plan, batch = run(session, s.xlsx(changed))
    assert plan.rows[0].changes == {
        "full_name": ("Nguyễn Văn An", "Nguyễn Văn Ân"),
        "card_no": ("DV1", "DV9"),
    }
    member = session.exec(select(Member)).one()
    assert (member.full_name, member.search_name, member.card_no) == (
        "Nguyễn Văn Ân", "nguyen van an", "DV9"
    )  # fmt: skip
    importing.undo_batch(session=session, batch_id=batch.id, actor=HOA)
    session.commit()
    session.refresh(member)
    assert (member.full_name, member.card_no, member.deleted_at) == ("Nguyễn Văn An", "DV1", None)


def test_active_elsewhere_is_a_transfer_not_a_second_admission(session, union):
    other = f.create_union(session, name="CĐCS Trường THCS Vĩnh An")
    session.commit()
    run(session, s.xlsx(MEMBERS[:2]))
    moved = [MEMBERS[0], ["Nguyễn Văn An", "05/03/1990", "Nam", "031090001234", "CĐCS Trường THCS Vĩnh An", "20/05/2025", "DV1"]]  # fmt: skip
    plan, batch = run(session, s.xlsx(moved))
    assert (plan.rows[0].action, plan.rows[0].operation) == ("change", "transfer")
    assert count(session, Member) == 1
    member = session.exec(select(Member)).one()
    assert member.union_id == other.id
    kinds = session.exec(select(MembershipEvent.kind).order_by(MembershipEvent.id)).all()
    assert kinds == ["admitted", "transfer_out", "transfer_in"]
    session.refresh(union)
    session.refresh(other)
    assert (union.active_members, other.active_members) == (0, 1)
    importing.undo_batch(session=session, batch_id=batch.id, actor=HOA)
    session.commit()
    session.refresh(member)
    session.refresh(union)
    session.refresh(other)
    assert (member.union_id, union.active_members, other.active_members) == (union.id, 1, 0)
    assert counters_are_right(session)

    early = [MEMBERS[0], ["Nguyễn Văn An", "05/03/1990", "Nam", "031090001234", "CĐCS Trường THCS Vĩnh An", "01/04/2025", None]]  # fmt: skip
    plan = importing.preview(
        session, data=s.xlsx(early), file_name="x", kind="members", today=TODAY
    )
    assert [p.reason for p in plan.refused] == [
        "Đoàn viên đang sinh hoạt tại CĐCS Công ty TNHH May Minh Phát từ ngày 02/05/2025; ngày chuyển đến không thể sớm hơn."
    ]


def test_departures(session, union):
    run(session, s.xlsx(MEMBERS[:3]))
    data = s.xlsx(
        [
            ["Họ và tên", "Số CCCD", "Ngày ra khỏi tổ chức", "Lý do"],
            ["Nguyễn Văn An", "031090001234", "30/05/2025", "Nghỉ việc"],
            ["Trần Thị Bình", "031195001111", "01/04/2025", "Nghỉ hưu"],
            ["Người Lạ", "031090005555", "30/05/2025", "Nghỉ việc"],
            ["Lê Thị Dung", "031195002222", "30/05/2025", "đi chơi"],
        ]
    )
    plan, batch = run(session, data, kind="departures")
    assert [(r.row, r.action.value) for r in plan.rows] == [
        (2, "change"), (3, "refuse"), (4, "refuse"), (5, "refuse")
    ]  # fmt: skip
    assert [(p.row, p.column, p.reason) for p in plan.refused] == [
        (3, "Ngày ra khỏi tổ chức", "Ngày ra khỏi tổ chức không thể trước ngày kết nạp."),
        (4, "Số CCCD", "Không tìm thấy đoàn viên này trong dữ liệu."),
        (
            5,
            "Lý do",
            "Lý do «đi chơi» không rõ (Nghỉ việc, Nghỉ hưu, Chuyển đi, Từ trần, Xóa tên).",
        ),
    ]
    member = session.exec(select(Member).where(Member.cccd == "031090001234")).one()
    assert (member.status, member.left_on) == ("left", dt.date(2025, 5, 30))
    session.refresh(union)
    assert union.active_members == 1
    again = importing.preview(session, data=data, file_name="x", kind="departures", today=TODAY)
    assert again.rows[0].action == "unchanged"
    importing.undo_batch(session=session, batch_id=batch.id, actor=HOA)
    session.commit()
    session.refresh(member)
    session.refresh(union)
    assert (member.status, member.left_on, union.active_members) == ("active", None, 2)


def test_enterprises_commit_update_and_undo(session):
    unit = f.create_unit(session, "Xã Vĩnh Am")
    session.commit()
    data = s.xlsx(
        [
            ["Mã số thuế", "Tên doanh nghiệp", "Xã", "Số lao động", "Loại hình"],
            ["0201234567", "Công ty TNHH Minh Phát", "Vĩnh Am", "1.250", "FDI"],
            ["0201234568", "HTX Hải Thành", "Hải Thành", "", None],
        ]
    )
    plan, batch = run(session, data, kind="enterprises")
    rows = session.exec(select(Enterprise).order_by(Enterprise.id)).all()
    assert [(e.tax_code, e.name, e.commune_name, e.unit_id, e.worker_count, e.ownership) for e in rows] == [
        ("0201234567", "Công ty TNHH Minh Phát", "Vĩnh Am", unit.id, 1250, "fdi"),
        ("0201234568", "HTX Hải Thành", "Hải Thành", None, None, "cooperative"),
    ]  # fmt: skip
    again, _ = run(session, data, kind="enterprises")
    assert again.counts == {"add": 0, "change": 0, "unchanged": 2, "refuse": 0}
    bigger = s.xlsx([["MST", "Tên DN", "Số LĐ"], ["0201234567", "Công ty TNHH Minh Phát", 1300]])
    plan, update_batch = run(session, bigger, kind="enterprises")
    assert plan.rows[0].changes == {"worker_count": (1250, 1300)}
    importing.undo_batch(session=session, batch_id=update_batch.id, actor=HOA)
    session.commit()
    session.refresh(rows[0])
    assert rows[0].worker_count == 1250
    with_undone = importing.undo_batch(session=session, batch_id=batch.id, actor=HOA)
    session.commit()
    assert with_undone.undone_at is not None
    assert count(session, Enterprise, Enterprise.deleted_at.is_(None)) == 0


def test_undo_refused_when_records_changed_since(session, union):
    _, first = run(session, s.xlsx(MEMBERS[:2]))
    leave = s.xlsx([["Số CCCD", "Ngày ra", "Lý do"], ["031090001234", "30/05/2025", "Nghỉ việc"]])
    run(session, leave, kind="departures")
    with pytest.raises(importing.UndoError) as error:
        importing.undo_batch(session=session, batch_id=first.id, actor=HOA)
    assert error.value.message() == (
        "Không hoàn tác được lần nhập số 1: dữ liệu của nó đã được sửa sau đó (hãy hoàn tác các "
        "lần sau trước)."
    )
    session.rollback()
    assert count(session, Member, Member.deleted_at.is_(None)) == 1


def test_unions_found_and_matched_by_name_within_unit(session):
    am = f.create_unit(session, "Xã Vĩnh Am")
    hai = f.create_unit(session, "Xã Vĩnh Hải")
    cluster = f.create_unit(session, "Cụm thi đua số 1", kind="cluster")
    enterprise = f.create_enterprise(session, tax_code="0201234567", name="Công ty Minh Phát")
    session.commit()
    data = s.xlsx(
        [
            ["Tên CĐCS", "Loại hình CĐCS", "MST", "Xã", "Cụm thi đua", "Số QĐ", "Ngày thành lập"],
            ["CĐCS Công ty Minh Phát", "CĐCS doanh nghiệp", "0201234567", "Vĩnh Am", "Cụm thi đua số 1", "12/QĐ-LĐLĐ", "15/05/2025"],
            ["Nghiệp đoàn xe ôm", None, None, "Vĩnh Am", None, "13/QĐ-LĐLĐ", "16/05/2025"],
            ["Nghiệp đoàn xe ôm", None, None, "Vĩnh Hải", None, "14/QĐ-LĐLĐ", "16/05/2025"],
            ["CĐCS Trường Mầm non", "Khối gì đó", None, "Vĩnh Am", None, None, "16/05/2025"],
        ]
    )  # fmt: skip
    plan, batch = run(session, data, kind="unions")
    assert [(p.row, p.reason) for p in plan.refused] == [
        (5, "Loại hình CĐCS «Khối gì đó» không rõ (Doanh nghiệp, Cơ quan/đơn vị, Nghiệp đoàn).")
    ]
    unions = session.exec(select(GrassrootsUnion).order_by(GrassrootsUnion.id)).all()
    assert [(u.name, u.kind, u.unit_id, u.enterprise_id, u.cluster_id, u.founded_on) for u in unions] == [
        ("CĐCS Công ty Minh Phát", "enterprise", am.id, enterprise.id, cluster.id, dt.date(2025, 5, 15)),
        ("Nghiệp đoàn xe ôm", "trade", am.id, None, None, dt.date(2025, 5, 16)),
        ("Nghiệp đoàn xe ôm", "trade", hai.id, None, None, dt.date(2025, 5, 16)),
    ]  # fmt: skip
    session.refresh(enterprise)
    assert enterprise.union_since == dt.date(2025, 5, 15)
    again, _ = run(session, data, kind="unions")
    assert again.counts == {"add": 0, "change": 0, "unchanged": 3, "refuse": 1}
    importing.undo_batch(session=session, batch_id=batch.id, actor=HOA)
    session.commit()
    session.refresh(enterprise)
    assert enterprise.union_since is None
    assert count(session, GrassrootsUnion, GrassrootsUnion.deleted_at.is_(None)) == 0


def test_header_correction_is_remembered(session, union):
    data = s.xlsx([["Họ và tên", "Mã NV", "CĐCS"], ["Nguyễn Văn An", "031090001234", s.UNION]])
    plan = importing.preview(session, data=data, file_name="x", kind="members", today=TODAY)
    assert [c.field for c in plan.header.columns] == ["full_name", None, "union"]
    mapping = plan.header.mapping() | {"1": "cccd"}
    importing.remember_mapping(session, header=plan.header, mapping=mapping, by_user="hoa")
    session.commit()
    assert count(session, HeaderMapping) == 1
    again = importing.preview(session, data=data, file_name="x", kind="members", today=TODAY)
    assert again.header.remembered
    assert [c.field for c in again.header.columns] == ["full_name", "cccd", "union"]
    assert again.rows[0].values["cccd"] == "031090001234"


def test_template_round_trip_and_drop_downs(session, union):
    import io

    from openpyxl import load_workbook

    for kind in ("members", "departures", "enterprises", "unions"):
        data = workbooks.template(kind)
        book = load_workbook(io.BytesIO(data))
        sheet = book.worksheets[0]
        headers = [c.value for c in sheet[1]]
        plan = importing.preview(session, data=data, file_name="t.xlsx", kind=kind, today=TODAY)
        fields = [c.field for c in plan.header.columns]
        assert None not in fields, (kind, headers, fields)
        assert len(plan.rows) == 1
        lists = [dv.formula1 for dv in sheet.data_validations.dataValidation]
        expected = {"members": 2, "departures": 2, "enterprises": 1, "unions": 1}[kind]
        assert len(lists) == expected, kind
    member_sheet = load_workbook(io.BytesIO(workbooks.template("members"))).worksheets[0]
    assert [c.value for c in member_sheet[1]][:4] == ["STT", "Họ và tên", "Ngày sinh", "Giới tính"]
    assert member_sheet["E2"].value == "031090001234"


def test_refused_report_keeps_formula_text_as_text(session, union):
    import io
    import zipfile

    data = s.csv_bytes([["Họ và tên", "Số CCCD", "CĐCS"], ["=HYPERLINK(x)", "12", s.UNION]])
    plan = importing.preview(session, data=data, file_name="x", kind="members", today=TODAY)
    report = workbooks.refused_report(plan)
    xml = zipfile.ZipFile(io.BytesIO(report)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(report)).worksheets[0]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Dòng", "Cột", "Lý do"],
        [2, "Số CCCD", "Số CCCD «12» phải có 12 chữ số (CMND cũ: 9 chữ số)."],
    ]


def test_a_viewer_can_neither_commit_nor_undo_an_import(session, union):
    from core.access import PermissionDenied

    viewer = Actor("lanhdao", "viewer")
    data = s.xlsx(MEMBERS)
    plan = importing.preview(session, data=data, file_name="list.xlsx", kind="members", today=TODAY)
    with pytest.raises(PermissionDenied):
        importing.commit_plan(session=session, plan=plan, actor=viewer)
    session.rollback()
    assert count(session, Member) == 0
    _plan, batch = run(session, data)
    with pytest.raises(PermissionDenied):
        importing.undo_batch(session=session, batch_id=batch.id, actor=viewer)
    session.rollback()
    assert count(session, Member) == 2


def test_a_plan_is_refused_once_the_data_has_changed_since_its_preview(session, union):
    from core.db import bump_data_version

    data = s.xlsx(MEMBERS)
    plan = importing.preview(session, data=data, file_name="list.xlsx", kind="members", today=TODAY)
    bump_data_version(session)  # e.g. a colleague's edit, committed meanwhile
    session.commit()
    with pytest.raises(importing.StalePlan):
        importing.commit_plan(session=session, plan=plan, actor=HOA)
    session.rollback()
    assert count(session, Member) == 0
    fresh = importing.preview(
        session, data=data, file_name="list.xlsx", kind="members", today=TODAY
    )
    assert importing.commit_plan(session=session, plan=fresh, actor=HOA).added == 2
