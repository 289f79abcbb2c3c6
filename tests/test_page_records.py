"""The record pages as staff and leadership use them (AppTest): editing in place, the conflict
message when two people edit the same record, the lifecycle forms, dissolving a union."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from core.labels import field_label
from core.models import GrassrootsUnion, Member, UnitKind
from core.strings import t
from tests import factories as f
from tests.login import login_as

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def world(engine, db_env):
    with Session(engine, expire_on_commit=False) as session:
        federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
        commune = f.create_unit(session, "Xã Vĩnh Am", parent=federation)
        may = f.create_union(session, name="CĐCS Công ty May", unit_id=commune.id)
        go = f.create_union(session, name="CĐCS Công ty Gỗ", unit_id=commune.id)
        an = f.admit(session, may, dt.date(2025, 3, 1), full_name="Nguyễn Văn An")
        binh = f.admit(session, go, dt.date(2025, 3, 2), full_name="Trần Thị Bình")
        session.commit()
    return {"may": may, "go": go, "an": an, "binh": binh, "engine": engine}


def open_page(page: str, username: str, role: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    login_as(at, username, role)
    at.run()
    return at.switch_page(f"pages/{page}.py").run()


def member(world, member_id: int) -> Member:
    with Session(world["engine"]) as session:
        return session.get(Member, member_id)


def stale_message(who: str, changes: str) -> tuple[str, str]:
    """The stale-edit refusal around its time, which the test does not know to the second."""
    before, after = t("record.stale", who=who, at="\0", changes=changes).split("\0")
    return before, after


def in_form(elements, form: str, label: str):
    found = [e for e in elements if e.form_id == form and e.label == label]
    assert len(found) == 1, [(e.form_id, e.label) for e in elements]
    return found[0]


def submit(at: AppTest, form: str) -> AppTest:
    buttons = [b for b in at.button if b.form_id == form]
    assert len(buttons) == 1
    return buttons[0].click().run()


def edit_cell(at: AppTest, row: int, column: str, value) -> AppTest:
    key = at.data_editor[0].key
    at.session_state[key] = {
        "edited_rows": {row: {column: value}},
        "added_rows": [],
        "deleted_rows": [],
    }
    return at.run()


def row_of(at: AppTest, name: str) -> int:
    names = list(at.data_editor[0].value["full_name"])
    return names.index(name)


def test_staff_corrects_a_name_in_place(world):
    at = open_page("members", "lan", "staff")
    assert not at.exception
    edit_cell(at, row_of(at, "Nguyễn Văn An"), "full_name", "nguyễn văn ân")
    at.button(key="members.save").click().run()
    assert [s.value for s in at.success] == ["Đã lưu 1 dòng."]
    saved = member(world, world["an"].id)
    assert (saved.full_name, saved.search_name, saved.version) == (
        "Nguyễn Văn Ân",
        "nguyen van an",
        2,
    )


def test_an_invalid_cell_is_refused_with_the_import_reason(world):
    at = open_page("members", "lan", "staff")
    edit_cell(at, row_of(at, "Nguyễn Văn An"), "id_number", "0310")
    at.button(key="members.save").click().run()
    reason = t("import.reason.cccd_length", value="0310")
    refused = t("record.invalid", errors=f"{field_label('id_number')}: {reason}")
    assert [e.value for e in at.error] == [f"**Nguyễn Văn An** — {refused}"]
    assert member(world, world["an"].id).cccd is None


def test_two_people_editing_the_same_member_in_the_table(world):
    lan = open_page("members", "lan", "staff")
    hoa = open_page("members", "hoa", "staff")
    row = row_of(lan, "Nguyễn Văn An")
    edit_cell(lan, row, "full_name", "Nguyễn Văn Ân")
    lan.button(key="members.save").click().run()
    assert [s.value for s in lan.success] == ["Đã lưu 1 dòng."]
    edit_cell(hoa, row, "card_no", "HP-001")
    assert [w.value for w in hoa.warning] == [
        "Dữ liệu đã được người khác thay đổi kể từ khi bạn mở. Khi lưu, những dòng đã bị thay "
        "đổi sẽ bị từ chối; bấm «Tải lại» để xem bản mới nhất."
    ]
    hoa.button(key="members.save").click().run()
    (error,) = [e.value for e in hoa.error]
    changes = f"{field_label('full_name')}: «Nguyễn Văn An» → «Nguyễn Văn Ân»"
    before, after = stale_message("lan", changes)
    assert error.startswith(f"**Nguyễn Văn An** — {before}")
    assert error.endswith(after)
    saved = member(world, world["an"].id)
    assert (saved.full_name, saved.card_no, saved.version) == ("Nguyễn Văn Ân", None, 2)
    # After reloading, Hoa sees Lan's change and her own edit goes through.
    hoa.button(key="members.reload").click().run()
    edit_cell(hoa, row_of(hoa, "Nguyễn Văn Ân"), "card_no", "HP-001")
    hoa.button(key="members.save").click().run()
    assert member(world, world["an"].id).card_no == "HP-001"


def pick(at: AppTest, key: str, value) -> AppTest:
    return at.selectbox(key=key).set_value(value).run()


def test_two_people_editing_the_same_member_in_the_form(world):
    an = world["an"].id
    lan = pick(open_page("members", "lan", "staff"), "members.pick", an)
    hoa = pick(open_page("members", "hoa", "staff"), "members.pick", an)
    in_form(lan.text_input, "members.edit_form", "Số thẻ đoàn viên").input("HP-7")
    submit(lan, "members.edit_form")
    assert [s.value for s in lan.success] == ["Đã lưu."]
    in_form(hoa.text_input, "members.edit_form", "Số thẻ đoàn viên").input("HP-8")
    submit(hoa, "members.edit_form")
    (error,) = [e.value for e in hoa.error]
    before, after = stale_message("lan", f"{field_label('card_no')}: «–» → «HP-7»")
    assert error.startswith(before)
    assert error.endswith(after)
    assert member(world, an).card_no == "HP-7"


def test_transfer_from_the_member_panel(world):
    an = world["an"].id
    at = pick(open_page("members", "lan", "staff"), "members.pick", an)
    in_form(at.selectbox, "members.transfer_form", "Chuyển đến công đoàn cơ sở").set_value(
        world["go"].id
    )
    in_form(at.date_input, "members.transfer_form", "Ngày").set_value(dt.date(2025, 6, 1))
    submit(at, "members.transfer_form")
    assert [s.value for s in at.success] == ["Đã ghi nhận chuyển sinh hoạt."]
    moved = member(world, an)
    assert (moved.union_id, moved.version) == (world["go"].id, 2)
    # The history now shows the transfer; taking it back returns the member.
    at.selectbox(key="members.pick").set_value(an).run()
    history = at.dataframe[-1].value
    assert list(history.iloc[:, 1]) == ["Kết nạp", "Chuyển đi", "Chuyển đến"]
    at.button(key="members.void").click().run()
    assert member(world, an).union_id == world["may"].id


def test_admitting_someone_already_active_is_refused_with_what_to_do(world):
    with Session(world["engine"]) as session:
        session.get(Member, world["an"].id).cccd = "031090001234"
        session.commit()
    at = open_page("members", "lan", "staff")
    in_form(at.text_input, "members.admit_form", "Họ và tên").input("Nguyễn Văn An")
    in_form(at.text_input, "members.admit_form", "Số CCCD / hộ chiếu").input("031090001234")
    in_form(at.selectbox, "members.admit_form", "Công đoàn cơ sở").set_value(world["go"].id)
    submit(at, "members.admit_form")
    assert [e.value for e in at.error] == [
        t("record.known_active", name="Nguyễn Văn An", union="CĐCS Công ty May")
    ]


def test_a_viewer_reads_but_cannot_edit(world):
    at = open_page("members", "chu.tich", "viewer")
    assert not at.exception
    assert len(at.data_editor) == 0
    assert list(at.dataframe[0].value["full_name"]) == ["Trần Thị Bình", "Nguyễn Văn An"]
    assert not [b for b in at.button if b.form_id == "members.admit_form"]
    pick(at, "members.pick", world["an"].id)
    assert not at.tabs
    assert not [b for b in at.button if b.form_id and not b.form_id.startswith("auth.")]


def test_search_without_diacritics(world):
    at = open_page("members", "lan", "staff")
    at.text_input(key="members.text").input("tran thi binh").run()
    assert list(at.data_editor[0].value["full_name"]) == ["Trần Thị Bình"]
    assert at.caption[0].value == "Tìm thấy 1 đoàn viên — trang 1/1"


def test_a_union_is_dissolved_only_after_its_members_leave(world):
    go = world["go"].id
    at = pick(open_page("unions", "lan", "staff"), "unions.pick", go)
    assert [w.value for w in at.warning] == [
        "Công đoàn còn 1 đoàn viên đang sinh hoạt nên chưa giải thể được. Hãy chuyển sinh hoạt "
        "từng người trên trang Đoàn viên, hoặc ghi nhận tất cả ra khỏi tổ chức với lý do «CĐCS "
        "giải thể» rồi giải thể."
    ]
    assert at.button(key="unions.leave_all").disabled
    at.date_input(key="unions.dissolve_on").set_value(dt.date(2025, 10, 1)).run()
    at.checkbox(key="unions.leave_all_sure").check().run()
    at.button(key="unions.leave_all").click().run()
    assert [s.value for s in at.success] == [
        "Đã ghi nhận 1 đoàn viên ra khỏi tổ chức. Giờ có thể giải thể."
    ]
    at.selectbox(key="unions.pick").set_value(go).run()
    at.date_input(key="unions.dissolve_on").set_value(dt.date(2025, 10, 1)).run()
    at.button(key="unions.dissolve").click().run()
    assert [s.value for s in at.success] == ["Đã ghi nhận giải thể."]
    with Session(world["engine"]) as session:
        union = session.get(GrassrootsUnion, go)
        left = session.exec(select(Member.status).where(Member.union_id == go)).all()
    assert (union.dissolved_on, union.active_members, left) == (dt.date(2025, 10, 1), 0, ["left"])


def test_an_enterprise_moves_through_the_organising_stages(world):
    with Session(world["engine"], expire_on_commit=False) as session:
        enterprise = f.create_enterprise(session, name="Công ty Giày Vĩnh Bảo", worker_count=80)
        session.commit()
    at = pick(open_page("enterprises", "lan", "staff"), "enterprises.pick", enterprise.id)
    in_form(at.selectbox, "enterprises.stage_form", "Giai đoạn vận động").set_value("campaigning")
    in_form(at.date_input, "enterprises.stage_form", "Từ ngày").set_value(dt.date(2025, 4, 1))
    in_form(at.text_input, "enterprises.stage_form", "Cán bộ phụ trách").input("Phạm Thu")
    submit(at, "enterprises.stage_form")
    assert [s.value for s in at.success] == ["Đã cập nhật giai đoạn vận động."]
    with Session(world["engine"]) as session:
        from core.models import Enterprise

        saved = session.get(Enterprise, enterprise.id)
    assert (saved.stage, saved.stage_since, saved.officer) == (
        "campaigning",
        dt.date(2025, 4, 1),
        "Phạm Thu",
    )
