"""Finding, paging and editing members, enterprises and unions; versions; role checks."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, func, select

from core import records, versioning
from core.access import PermissionDenied
from core.audit import FieldChange
from core.formatting import fmt_datetime
from core.labels import field_label
from core.models import AuditLog, Enterprise, GrassrootsUnion, Member, UnitKind
from core.records import EnterpriseFilter, MemberFilter, RecordError, UnionFilter
from core.strings import t
from tests import factories as f
from tests.factories import OTHER_STAFF, STAFF, TODAY, VIEWER


def admit(session, union, name, on=dt.date(2025, 3, 1), **values):
    return records.admit_member(
        session,
        actor=STAFF,
        values={"full_name": name, **values},
        union_id=union.id,
        on=on,
        today=TODAY,
    )


@pytest.fixture
def world(session):
    """Two communes, a union in each, a few members."""
    federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
    cao_minh = f.create_unit(session, "Xã Cao Minh", parent=federation)
    lien_am = f.create_unit(session, "Xã Liên Am", parent=federation)
    may = f.create_union(session, name="CĐCS Công ty May", unit_id=cao_minh.id)
    go = f.create_union(session, name="CĐCS Công ty Gỗ", unit_id=lien_am.id)
    people = [
        admit(session, may, "Nguyễn Văn An", id_number="031090001234"),
        admit(session, may, "Nguyễn Văn Anh", id_number="031190004321"),
        admit(session, go, "Trần Thị Bình", id_number="031300000001"),
        admit(session, go, "Lê Văn Đức"),
    ]
    session.commit()
    return {"cao_minh": cao_minh, "lien_am": lien_am, "may": may, "go": go, "people": people}


def names(page) -> list[str]:
    return [row.get("full_name") or row.get("name") for row in page.rows]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nguyen van an", ["Nguyễn Văn Anh", "Nguyễn Văn An"]),
        ("NGUYỄN VĂN ANH", ["Nguyễn Văn Anh"]),
        ("duc", ["Lê Văn Đức"]),
        ("031090001234", ["Nguyễn Văn An"]),
        ("031 1900", ["Nguyễn Văn Anh"]),
        ("0311", ["Nguyễn Văn Anh"]),
        ("100%", []),
    ],
)
def test_members_are_found_by_name_without_diacritics_or_by_cccd(session, world, text, expected):
    assert names(records.search_members(session, MemberFilter(text=text))) == expected


def test_member_filters(session, world):
    cao_minh = records.search_members(session, MemberFilter(unit_id=world["cao_minh"].id))
    assert names(cao_minh) == ["Nguyễn Văn Anh", "Nguyễn Văn An"]
    go = records.search_members(session, MemberFilter(union_id=world["go"].id))
    assert names(go) == ["Lê Văn Đức", "Trần Thị Bình"]
    duc = world["people"][3]
    f.record_departure(session, duc, dt.date(2025, 6, 1))
    session.commit()
    left = records.search_members(session, MemberFilter(status="left"))
    assert names(left) == ["Lê Văn Đức"]
    assert left.rows[0]["union_name"] == "CĐCS Công ty Gỗ"


def test_paging_is_done_by_the_database(session, world):
    first = records.search_members(session, MemberFilter(), page=1, page_size=3)
    last = records.search_members(session, MemberFilter(), page=2, page_size=3)
    beyond = records.search_members(session, MemberFilter(), page=9, page_size=3)
    assert (first.total, first.pages, len(first.rows), len(last.rows)) == (4, 2, 3, 1)
    assert names(last) == ["Nguyễn Văn An"]
    assert (beyond.page, names(beyond)) == (2, ["Nguyễn Văn An"])


def test_paging_sends_limit_and_offset_to_the_database(session, world, engine):
    from sqlalchemy import event

    statements: list[str] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", capture)
    try:
        records.search_members(session, MemberFilter(text="nguyen"), page=2, page_size=1)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    listing = [s for s in statements if "LIMIT" in s.upper()]
    counting = [s for s in statements if "count(" in s.lower()]
    assert len(listing) == 1 and "OFFSET" in listing[0].upper()
    assert len(counting) == 1


def test_editing_a_member_is_audited_and_moves_the_version(session, world):
    an = world["people"][0]
    records.update_member(
        session,
        actor=STAFF,
        member_id=an.id,
        expected_version=1,
        changes={"full_name": "nguyễn văn ân", "birth": "05/03/1990", "card_no": "HP-001"},
        today=TODAY,
    )
    session.commit()
    session.refresh(an)
    assert (an.full_name, an.search_name, an.birth_date, an.birth_year, an.card_no, an.version) == (
        "Nguyễn Văn Ân",
        "nguyen van an",
        dt.date(1990, 3, 5),
        1990,
        "HP-001",
        2,
    )
    entry = session.exec(
        select(AuditLog).where(AuditLog.table_name == "member", AuditLog.action == "update")
    ).one()
    assert entry.username == "lan"
    assert (entry.before["full_name"], entry.after["full_name"]) == (
        "Nguyễn Văn An",
        "Nguyễn Văn Ân",
    )


def test_an_edit_changing_nothing_writes_nothing(session, world):
    an = world["people"][0]
    records.update_member(
        session,
        actor=STAFF,
        member_id=an.id,
        expected_version=1,
        changes={"full_name": "Nguyễn Văn An"},
        today=TODAY,
    )
    session.commit()
    assert an.version == 1
    assert (
        session.exec(
            select(func.count()).select_from(AuditLog).where(AuditLog.action == "update")
        ).one()
        == 0
    )


def test_edit_validation_matches_the_import(session, world):
    an = world["people"][0]
    with pytest.raises(records.InvalidInput) as refused:
        records.update_member(
            session,
            actor=STAFF,
            member_id=an.id,
            expected_version=1,
            changes={"id_number": "031190004321", "gender": "không rõ", "birth": "2099"},
            today=TODAY,
        )
    errors = refused.value.errors
    assert errors["id_number"] == ("record.id_taken", {"name": "Nguyễn Văn Anh"})
    assert errors["gender"][0] == "import.reason.gender_bad"
    assert errors["birth"][0] == "import.reason.date_future"
    assert (
        refused.value.reasons()["id_number"]
        == "số giấy tờ này đã thuộc về đoàn viên Nguyễn Văn Anh"
    )
    with pytest.raises(RecordError) as unknown:
        records.update_member(
            session,
            actor=STAFF,
            member_id=an.id,
            expected_version=1,
            changes={"status": "left"},
            today=TODAY,
        )
    assert (unknown.value.key, unknown.value.values) == (
        "record.unknown_fields",
        {"fields": "status"},
    )


def test_two_people_editing_the_same_member_cannot_overwrite_each_other(engine, world):
    """Both opened version 1; the first save wins, the second is refused with what changed."""
    an_id = world["people"][0].id
    with Session(engine) as lan_session, Session(engine) as hoa_session:
        lan_copy = lan_session.get(Member, an_id)
        hoa_copy = hoa_session.get(Member, an_id)
        assert lan_copy.version == hoa_copy.version == 1
        records.update_member(
            lan_session,
            actor=STAFF,
            member_id=an_id,
            expected_version=lan_copy.version,
            changes={"full_name": "Nguyễn Văn Ấn", "card_no": "HP-7"},
            today=TODAY,
        )
        lan_session.commit()
        with pytest.raises(versioning.StaleEdit) as stale:
            records.update_member(
                hoa_session,
                actor=OTHER_STAFF,
                member_id=an_id,
                expected_version=hoa_copy.version,
                changes={"full_name": "Nguyễn Văn Ẩn"},
                today=TODAY,
            )
        hoa_session.rollback()
        saved_at = hoa_session.exec(
            select(AuditLog.at).where(AuditLog.table_name == "member", AuditLog.action == "update")
        ).one()
        refused = stale.value
        assert (refused.key, refused.username, refused.at) == ("record.stale", "lan", saved_at)
        assert refused.changes == [
            FieldChange("full_name", "Nguyễn Văn An", "Nguyễn Văn Ấn"),
            FieldChange("card_no", None, "HP-7"),
        ]
        listed = (
            f"{field_label('full_name')}: «Nguyễn Văn An» → «Nguyễn Văn Ấn»; "
            f"{field_label('card_no')}: «–» → «HP-7»"
        )
        assert refused.message() == t(
            "record.stale", who="lan", at=fmt_datetime(saved_at), changes=listed
        )
    with Session(engine) as check:
        member = check.get(Member, an_id)
        assert (member.full_name, member.version) == ("Nguyễn Văn Ấn", 2)


def test_a_stale_movement_is_refused_too(session, world):
    an = world["people"][0]
    records.update_member(
        session,
        actor=OTHER_STAFF,
        member_id=an.id,
        expected_version=1,
        changes={"card_no": "HP-9"},
        today=TODAY,
    )
    session.commit()
    with pytest.raises(versioning.StaleEdit):
        records.record_departure(
            session,
            actor=STAFF,
            member_id=an.id,
            expected_version=1,
            on=dt.date(2025, 6, 1),
            reason="quit_job",
            today=TODAY,
        )
    session.rollback()
    assert session.get(Member, an.id).status == "active"


# ---------------------------------------------------------------- enterprises


def test_enterprises_are_cleaned_found_and_filtered(session, world):
    may = records.add_enterprise(
        session,
        actor=STAFF,
        values={
            "name": "Công ty TNHH May Vĩnh Bảo",
            "tax_code": "201234567",
            "worker_count": "1.250 người",
            "ownership": "FDI",
            "unit_id": world["cao_minh"].id,
        },
        today=TODAY,
    )
    records.add_enterprise(
        session,
        actor=STAFF,
        values={
            "name": "HTX Nông nghiệp Liên Am",
            "tax_code": "0209999999-001",
            "worker_count": 12,
        },
        today=TODAY,
    )
    session.commit()
    assert (may.tax_code, may.worker_count, may.ownership, may.is_stable) == (
        "0201234567",
        1250,
        "fdi",
        True,
    )
    assert names(records.search_enterprises(session, EnterpriseFilter(text="may vinh bao"))) == [
        "Công ty TNHH May Vĩnh Bảo"
    ]
    assert names(records.search_enterprises(session, EnterpriseFilter(text="0209999999001"))) == [
        "HTX Nông nghiệp Liên Am"
    ]
    assert names(records.search_enterprises(session, EnterpriseFilter(prospects=True))) == [
        "Công ty TNHH May Vĩnh Bảo"
    ]
    assert names(
        records.search_enterprises(session, EnterpriseFilter(unit_id=world["cao_minh"].id))
    ) == ["Công ty TNHH May Vĩnh Bảo"]
    assert names(records.search_enterprises(session, EnterpriseFilter(ownership="fdi"))) == [
        "Công ty TNHH May Vĩnh Bảo"
    ]
    with pytest.raises(records.InvalidInput) as taken:
        records.add_enterprise(
            session, actor=STAFF, values={"name": "Trùng", "tax_code": "0201234567"}, today=TODAY
        )
    assert taken.value.errors == {
        "tax_code": ("record.tax_code_taken", {"name": "Công ty TNHH May Vĩnh Bảo"})
    }


def test_an_enterprise_with_a_union_leaves_the_prospects(session, world):
    enterprise = f.create_enterprise(session, name="Công ty Giày", worker_count=80)
    session.commit()
    assert records.search_enterprises(session, EnterpriseFilter(prospects=True)).total == 1
    records.found_union(
        session,
        actor=STAFF,
        values={
            "name": "CĐCS Công ty Giày",
            "kind": "enterprise",
            "enterprise_id": enterprise.id,
            "decision_no": "15/QĐ-LĐLĐ",
            "founded_on": dt.date(2025, 5, 2),
            "unit_id": world["cao_minh"].id,
        },
        today=TODAY,
    )
    session.commit()
    assert records.search_enterprises(session, EnterpriseFilter(prospects=True)).total == 0
    found = records.search_enterprises(session, EnterpriseFilter(has_union=True))
    assert [(r["name"], r["has_union"]) for r in found.rows] == [("Công ty Giày", True)]
    session.refresh(enterprise)
    assert enterprise.union_since == dt.date(2025, 5, 2)


def test_enterprise_soft_delete_and_restore(session, world):
    enterprise = f.create_enterprise(session, name="Công ty Nhầm")
    session.commit()
    records.delete_enterprise(session, actor=STAFF, enterprise_id=enterprise.id, expected_version=1)
    session.commit()
    assert records.search_enterprises(session, EnterpriseFilter()).total == 0
    assert names(records.search_enterprises(session, EnterpriseFilter(deleted=True))) == [
        "Công ty Nhầm"
    ]
    records.restore_enterprise(
        session, actor=STAFF, enterprise_id=enterprise.id, expected_version=2
    )
    session.commit()
    assert records.search_enterprises(session, EnterpriseFilter()).total == 1
    assert session.get(Enterprise, enterprise.id).version == 3


# ---------------------------------------------------------------- unions


def test_found_a_union_requires_its_decision_data(session, world):
    with pytest.raises(records.InvalidInput) as missing:
        records.found_union(session, actor=STAFF, values={"name": "CĐCS Mới"}, today=TODAY)
    assert set(missing.value.errors) == {"kind", "founded_on"}
    with pytest.raises(records.InvalidInput) as taken:
        records.found_union(
            session,
            actor=STAFF,
            values={
                "name": "CĐCS Công ty May",
                "kind": "enterprise",
                "founded_on": dt.date(2025, 1, 1),
                "unit_id": world["cao_minh"].id,
            },
            today=TODAY,
        )
    assert taken.value.reasons() == {
        "name": "đã có công đoàn cơ sở tên «CĐCS Công ty May» trong đơn vị này"
    }


def test_unions_are_found_by_name_and_status(session, world):
    assert names(records.search_unions(session, UnionFilter(text="cong ty go"))) == [
        "CĐCS Công ty Gỗ"
    ]
    f.create_union(session, name="CĐCS ĐIỆN LỰC VĨNH BẢO")
    session.commit()
    for text in ("dien luc", "CĐCS Điện lực", "cdcs dien"):
        assert names(records.search_unions(session, UnionFilter(text=text))) == [
            "CĐCS ĐIỆN LỰC VĨNH BẢO"
        ]
    assert names(records.search_unions(session, UnionFilter(unit_id=world["cao_minh"].id))) == [
        "CĐCS Công ty May"
    ]


def test_a_union_with_members_cannot_be_dissolved(session, world):
    go = world["go"]
    with pytest.raises(RecordError) as refused:
        records.dissolve_union(
            session,
            actor=STAFF,
            union_id=go.id,
            expected_version=go.version,
            on=dt.date(2025, 10, 1),
            today=TODAY,
        )
    assert (refused.value.key, refused.value.values) == ("record.dissolve_has_members", {"n": 2})
    session.rollback()
    left = records.record_dissolution_departures(
        session, actor=STAFF, union_id=go.id, on=dt.date(2025, 10, 1), today=TODAY
    )
    session.commit()
    session.refresh(go)
    records.dissolve_union(
        session,
        actor=STAFF,
        union_id=go.id,
        expected_version=go.version,
        on=dt.date(2025, 10, 1),
        today=TODAY,
    )
    session.commit()
    assert (left, go.dissolved_on, go.active_members) == (2, dt.date(2025, 10, 1), 0)
    dissolved = records.search_unions(session, UnionFilter(status="dissolved"), on=TODAY)
    assert names(dissolved) == ["CĐCS Công ty Gỗ"]
    reasons = session.exec(
        select(Member.full_name).where(Member.status == "left").order_by(Member.full_name)
    ).all()
    assert reasons == ["Lê Văn Đức", "Trần Thị Bình"]
    with pytest.raises(RecordError) as closed:
        admit(session, go, "Phạm Văn Mới", on=dt.date(2025, 11, 1))
    assert (closed.value.key, closed.value.values) == (
        "record.union_dissolved",
        {"name": "CĐCS Công ty Gỗ", "date": "01/10/2025"},
    )


def test_a_union_with_history_is_dissolved_not_deleted(session, world):
    go = world["go"]
    with pytest.raises(RecordError) as refused:
        records.delete_union(session, actor=STAFF, union_id=go.id, expected_version=go.version)
    assert refused.value.key == "record.union_has_history"
    empty = f.create_union(session, name="CĐCS Nhầm")
    session.commit()
    records.delete_union(session, actor=STAFF, union_id=empty.id, expected_version=1)
    session.commit()
    assert session.get(GrassrootsUnion, empty.id).deleted_at is not None


# ---------------------------------------------------------------- a viewer changes nothing


def _writes(world):
    an, go = world["people"][0], world["go"]
    on = dt.date(2025, 6, 1)
    return {
        "admit": lambda s, a: records.admit_member(
            s, actor=a, values={"full_name": "X"}, union_id=go.id, on=on, today=TODAY
        ),
        "update_member": lambda s, a: records.update_member(
            s, actor=a, member_id=an.id, expected_version=1, changes={"card_no": "1"}, today=TODAY
        ),
        "transfer": lambda s, a: records.transfer_member(
            s, actor=a, member_id=an.id, expected_version=1, to_union_id=go.id, on=on, today=TODAY
        ),
        "leave": lambda s, a: records.record_departure(
            s, actor=a, member_id=an.id, expected_version=1, on=on, reason="died", today=TODAY
        ),
        "readmit": lambda s, a: records.readmit_member(
            s, actor=a, member_id=an.id, expected_version=1, union_id=go.id, on=on, today=TODAY
        ),
        "void": lambda s, a: records.void_event(
            s, actor=a, member_id=an.id, expected_version=1, event_id=1
        ),
        "correct": lambda s, a: records.correct_event(
            s, actor=a, member_id=an.id, expected_version=1, event_id=1, on=on, today=TODAY
        ),
        "delete_member": lambda s, a: records.delete_member(
            s, actor=a, member_id=an.id, expected_version=1
        ),
        "restore_member": lambda s, a: records.restore_member(
            s, actor=a, member_id=an.id, expected_version=1
        ),
        "add_enterprise": lambda s, a: records.add_enterprise(
            s, actor=a, values={"name": "X"}, today=TODAY
        ),
        "update_enterprise": lambda s, a: records.update_enterprise(
            s, actor=a, enterprise_id=1, expected_version=1, changes={"name": "Y"}, today=TODAY
        ),
        "delete_enterprise": lambda s, a: records.delete_enterprise(
            s, actor=a, enterprise_id=1, expected_version=1
        ),
        "restore_enterprise": lambda s, a: records.restore_enterprise(
            s, actor=a, enterprise_id=1, expected_version=1
        ),
        "found_union": lambda s, a: records.found_union(
            s,
            actor=a,
            values={"name": "X", "kind": "trade", "founded_on": on},
            today=TODAY,
        ),
        "update_union": lambda s, a: records.update_union(
            s, actor=a, union_id=go.id, expected_version=1, changes={"name": "Y"}, today=TODAY
        ),
        "dissolve_union": lambda s, a: records.dissolve_union(
            s, actor=a, union_id=go.id, expected_version=1, on=on, today=TODAY
        ),
        "dissolution_departures": lambda s, a: records.record_dissolution_departures(
            s, actor=a, union_id=go.id, on=on, today=TODAY
        ),
        "delete_union": lambda s, a: records.delete_union(
            s, actor=a, union_id=go.id, expected_version=1
        ),
        "restore_union": lambda s, a: records.restore_union(
            s, actor=a, union_id=go.id, expected_version=1
        ),
    }


WRITE_NAMES = [
    "admit",
    "update_member",
    "transfer",
    "leave",
    "readmit",
    "void",
    "correct",
    "delete_member",
    "restore_member",
    "add_enterprise",
    "update_enterprise",
    "delete_enterprise",
    "restore_enterprise",
    "found_union",
    "update_union",
    "dissolve_union",
    "dissolution_departures",
    "delete_union",
    "restore_union",
]


@pytest.mark.parametrize("write", WRITE_NAMES)
def test_a_viewer_calling_a_write_directly_is_refused(session, world, write):
    f.create_enterprise(session, name="Công ty A")
    session.commit()
    assert set(_writes(world)) == set(WRITE_NAMES)
    audit_rows = session.exec(select(func.count()).select_from(AuditLog)).one()
    with pytest.raises(PermissionDenied) as refused:
        _writes(world)[write](session, VIEWER)
    assert refused.value.key == "auth.denied_viewer"
    session.rollback()
    assert session.exec(select(func.count()).select_from(AuditLog)).one() == audit_rows
    with pytest.raises(PermissionDenied):
        _writes(world)[write](session, None)
