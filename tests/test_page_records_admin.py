"""The admin pages (AppTest): accounts, the audit log with revert, units and the reorganisation,
targets and their split."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from core import audit, plans, records, users
from core.access import Actor
from core.models import AppUser, AuditLog, Member, OrgUnit, TargetAllocation, UnitKind, UnitLink
from core.units import descendants
from tests import factories as f
from tests.login import login_as

APP = str(Path(__file__).resolve().parent.parent / "app.py")
ADMIN = "boss"


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    login_as(at, ADMIN, "admin")
    at.run()
    return at.switch_page(f"pages/{page}.py").run()


def in_form(elements, form: str, label: str):
    found = [e for e in elements if e.form_id == form and e.label == label]
    assert len(found) == 1, [(e.form_id, e.label) for e in elements]
    return found[0]


def submit(at: AppTest, form: str) -> AppTest:
    (button,) = [b for b in at.button if b.form_id == form]
    return button.click().run()


def test_admin_creates_an_account_and_sees_its_password_once(engine, db_env):
    at = open_page("admin_users")
    assert not at.exception
    in_form(at.text_input, "admin_users.create_form", "Tên đăng nhập").input("chu.tich")
    in_form(at.selectbox, "admin_users.create_form", "Vai trò").set_value("viewer")
    submit(at, "admin_users.create_form")
    assert [s.value for s in at.success] == ["Đã tạo tài khoản chu.tich."]
    assert at.warning[0].value.startswith("Mật khẩu dùng một lần của «chu.tich» — chỉ hiển thị")
    (password,) = [c.value for c in at.code]
    with Session(engine) as session:
        user = session.exec(select(AppUser).where(AppUser.username == "chu.tich")).one()
        assert (user.role, user.must_change_password) == ("viewer", True)
        assert users.verify_password(user.password_hash, password)
    at.run()
    assert not at.code  # shown once only


def test_admin_disables_an_account(engine, db_env):
    with Session(engine) as session:
        lan = users.create_user(
            session, username="lan", role="staff", password="mat-khau-dung", by_user="t"
        )
        session.commit()
        lan_id = lan.id
    at = open_page("admin_users")
    at.selectbox(key="admin_users.pick").set_value(lan_id).run()
    at.button(key="admin_users.toggle").click().run()
    assert [s.value for s in at.success] == ["Đã lưu."]
    with Session(engine) as session:
        assert session.get(AppUser, lan_id).disabled is True


def test_admin_reverts_a_change_from_the_log(engine, db_env):
    with Session(engine, expire_on_commit=False) as session:
        union = f.create_union(session, name="CĐCS May")
        member = f.admit(session, union, dt.date(2025, 3, 1), full_name="Nguyễn Văn An")
        records.update_member(
            session,
            actor=Actor("lan", "staff"),
            member_id=member.id,
            expected_version=1,
            changes={"full_name": "Nguyễn Văn Sai"},
            today=dt.date(2025, 12, 31),
        )
        session.commit()
        entry = session.exec(
            select(AuditLog).where(AuditLog.table_name == "member", AuditLog.action == "update")
        ).one()
    at = open_page("admin_audit")
    at.text_input(key="admin_audit.user").input("lan").run()
    log = at.dataframe[0].value
    assert list(log["Thay đổi"]) == ["Họ và tên: Nguyễn Văn An → Nguyễn Văn Sai"]
    at.selectbox(key="admin_audit.pick").set_value(entry.id).run()
    assert at.button(key="admin_audit.revert").disabled
    at.checkbox(key=f"admin_audit.sure.{entry.id}").check().run()
    at.button(key="admin_audit.revert").click().run()
    assert [s.value for s in at.success] == [f"Đã hoàn tác thay đổi số {entry.id}."]
    with Session(engine) as session:
        assert session.get(Member, member.id).full_name == "Nguyễn Văn An"
        assert session.get(AuditLog, entry.id).reverted_at is not None


def test_admin_records_the_july_2025_reorganisation(engine, db_env):
    with Session(engine, expire_on_commit=False) as session:
        federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
        old = [
            f.create_unit(session, name, parent=federation) for name in ("Xã Cổ Am", "Xã Tam Cường")
        ]
        new = f.create_unit(session, "Xã Vĩnh Am")
        session.commit()
    at = open_page("admin_units")
    assert not at.exception
    form = "admin_units.merge_form"
    in_form(at.multiselect, form, "Các đơn vị cũ").set_value([u.id for u in old])
    in_form(at.selectbox, form, "Sáp nhập vào").set_value(new.id)
    in_form(at.date_input, form, "Từ ngày").set_value(dt.date(2025, 7, 1))
    submit(at, form)
    assert [s.value for s in at.success] == ["Đã ghi nhận sắp xếp đơn vị."]
    with Session(engine) as session:
        assert descendants(session, new.id, dt.date(2025, 8, 1)) == {new.id, *(u.id for u in old)}
        assert descendants(session, new.id, dt.date(2025, 6, 1)) == {new.id}
        ended = session.exec(
            select(UnitLink.valid_to).where(UnitLink.parent_id == federation.id)
        ).all()
        assert ended == [dt.date(2025, 7, 1)] * 2
        assert {session.get(OrgUnit, u.id).valid_to for u in old} == {dt.date(2025, 7, 1)}


def test_admin_splits_a_target_across_units(engine, db_env):
    with Session(engine, expire_on_commit=False) as session:
        f.create_plan(session, 2025)
        commune = f.create_unit(session, "Xã Vĩnh Am")
        session.commit()
    at = open_page("admin_targets")
    assert not at.exception
    split = next(e for e in at.data_editor if e.key.endswith(".split"))
    units = list(split.value["unit"])
    at.session_state[split.key] = {
        "edited_rows": {units.index("Xã Vĩnh Am"): {"net_growth": 600}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="admin_targets.save_split").click().run()
    assert [s.value for s in at.success] == ["Đã lưu 1 dòng."]
    with Session(engine) as session:
        plan = plans.get_plan(session, 2025)
        assert plans.targets_for(session, plan, commune.id)["net_growth"] == 600
        assert session.exec(select(TargetAllocation.value)).all() == [600]
    summary = at.dataframe[-1].value
    assert summary.to_dict("records")[0] == {
        "Chỉ tiêu": "Thực tăng đoàn viên trong năm",
        "Toàn liên đoàn": "2.500",
        "Đã giao": "600",
        "Chưa giao": "1.900",
    }


@pytest.mark.parametrize("page", ["admin_users", "admin_targets", "admin_units", "admin_audit"])
def test_a_staff_member_has_no_admin_pages(db_env, page):
    at = AppTest.from_file(APP, default_timeout=60)
    login_as(at, "lan", "staff")
    at.run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(f"pages/{page}.py")


def test_the_log_lists_changes_made_through_the_pages(engine, db_env):
    """Every write from a page lands in the log in the same transaction, with who made it."""
    at = open_page("admin_units")
    form = "admin_units.add_form"
    in_form(at.text_input, form, "Tên").input("Cụm thi đua số 9")
    in_form(at.selectbox, form, "Loại").set_value("cluster")
    submit(at, form)
    with Session(engine) as session:
        page = audit.list_changes(session, audit.AuditFilter(table_name="org_unit"))
    assert [(r["username"], r["action"], r["after"]["name"]) for r in page.rows] == [
        (ADMIN, "insert", "Cụm thi đua số 9")
    ]
