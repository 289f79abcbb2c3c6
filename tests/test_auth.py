"""Logins, the lock after five failures, idle expiry, passwords and the admin's account actions."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

from core import access, auth, users
from core.access import Actor, PermissionDenied
from core.models import AppUser, AuditLog, Role

NOW = dt.datetime(2025, 6, 2, 3, 0, tzinfo=dt.UTC)
ADMIN = Actor("boss", Role.admin)
STAFF = Actor("lan", Role.staff)
VIEWER = Actor("chu.tich", Role.viewer)


def make_user(session: Session, name: str, role: str = Role.staff, password: str = "mat-khau-dung"):
    user = users.create_user(session, username=name, role=role, password=password, by_user="t")
    session.commit()
    return user


def login(session: Session, name: str, password: str, now: dt.datetime = NOW):
    outcome = auth.attempt_login(session, username=name, password=password, now=now)
    session.commit()
    return outcome


def test_login_with_the_right_password(session):
    make_user(session, "lan")
    outcome = login(session, " LAN ", "mat-khau-dung")
    assert outcome.ok
    assert outcome.actor == Actor("lan", Role.staff)
    assert outcome.must_change_password is False
    user = session.exec(select(AppUser)).one()
    assert user.last_login_at == NOW
    assert user.failed_logins == 0


def test_unknown_name_and_wrong_password_get_the_same_message(session):
    make_user(session, "lan")
    unknown = login(session, "nobody", "mat-khau-dung")
    wrong = login(session, "lan", "sai-mat-khau")
    assert unknown.error == wrong.error == "auth.bad_credentials"
    assert wrong.message() == "Tên đăng nhập hoặc mật khẩu không đúng."


def test_five_failures_lock_the_account_for_fifteen_minutes(session):
    make_user(session, "lan")
    for _ in range(4):
        assert login(session, "lan", "sai").error == "auth.bad_credentials"
    assert session.exec(select(AppUser.failed_logins)).one() == 4
    fifth = login(session, "lan", "sai")
    assert fifth.error == "auth.locked_now"
    # 03:15 UTC is 10:15 in Hanoi.
    assert fifth.message() == (
        "Đã nhập sai mật khẩu 5 lần liên tiếp: tài khoản bị khóa 15 phút, đến 02/06/2025 10:15."
    )
    session.expire_all()
    assert session.exec(select(AppUser.locked_until)).one() == NOW + dt.timedelta(minutes=15)
    # While locked even the right password is refused.
    during = login(session, "lan", "mat-khau-dung", now=NOW + dt.timedelta(minutes=14))
    assert during.error == "auth.locked"
    assert during.message() == (
        "Tài khoản đang bị tạm khóa do nhập sai mật khẩu nhiều lần. Thử lại sau 02/06/2025 10:15."
    )
    after = login(session, "lan", "mat-khau-dung", now=NOW + dt.timedelta(minutes=15, seconds=1))
    assert after.ok
    assert session.exec(select(AppUser.locked_until)).one() is None
    lock_entries = session.exec(select(AuditLog).where(AuditLog.action == "lock")).all()
    assert [(e.username, e.table_name) for e in lock_entries] == [("lan", "app_user")]
    assert "password_hash" not in lock_entries[0].after


def test_a_success_resets_the_failure_count(session):
    make_user(session, "lan")
    for _ in range(4):
        login(session, "lan", "sai")
    assert login(session, "lan", "mat-khau-dung").ok
    for _ in range(4):
        login(session, "lan", "sai")
    assert login(session, "lan", "mat-khau-dung").ok


def test_a_disabled_account_cannot_log_in(session):
    user = make_user(session, "lan")
    user.disabled = True
    session.commit()
    assert login(session, "lan", "mat-khau-dung").error == "auth.disabled"
    assert login(session, "lan", "sai").error == "auth.bad_credentials"
    assert auth.load_actor(session, "lan") is None


def test_a_one_time_password_must_be_changed(session):
    users.create_user(
        session,
        username="admin",
        role=Role.admin,
        password="mot-lan-thoi",
        by_user="make run",
        must_change_password=True,
    )
    outcome = login(session, "admin", "mot-lan-thoi")
    assert outcome.ok and outcome.must_change_password
    actor = outcome.actor
    auth.change_password(
        session, actor=actor, old_password="mot-lan-thoi", new_password="mat-khau-moi-2025"
    )
    session.commit()
    again = login(session, "admin", "mat-khau-moi-2025")
    assert again.ok and not again.must_change_password
    assert not login(session, "admin", "mot-lan-thoi").ok


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("sai", "mat-khau-moi-2025", "Mật khẩu hiện tại không đúng."),
        ("mat-khau-dung", "ngan", "mật khẩu phải có ít nhất 10 ký tự."),
        ("mat-khau-dung", "mat-khau-dung", "Mật khẩu mới phải khác mật khẩu cũ."),
    ],
)
def test_change_password_refusals(session, old, new, message):
    make_user(session, "lan")
    with pytest.raises(auth.AccountError) as refused:
        auth.change_password(session, actor=STAFF, old_password=old, new_password=new)
    assert refused.value.message() == message


def test_change_password_is_audited_without_the_hash(session):
    make_user(session, "lan")
    auth.change_password(
        session, actor=STAFF, old_password="mat-khau-dung", new_password="mat-khau-moi-2025"
    )
    session.commit()
    entry = session.exec(select(AuditLog).where(AuditLog.action == "password")).one()
    assert entry.username == "lan"
    assert "password_hash" not in entry.before and "password_hash" not in entry.after
    assert (entry.before["version"], entry.after["version"]) == (1, 2)


@pytest.mark.parametrize(
    ("hours_idle", "expired"), [(7.99, False), (8.0, False), (8.01, True), (30, True)]
)
def test_idle_sessions_expire_after_eight_hours_by_default(hours_idle, expired, monkeypatch):
    monkeypatch.delenv("SESSION_IDLE_HOURS", raising=False)
    last_seen = NOW - dt.timedelta(hours=hours_idle)
    assert auth.session_expired(last_seen, NOW) is expired


def test_idle_expiry_follows_the_setting(monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_HOURS", "1")
    assert auth.session_expired(NOW - dt.timedelta(minutes=61), NOW)
    assert not auth.session_expired(NOW - dt.timedelta(minutes=59), NOW)
    assert auth.session_expired(None, NOW)


def test_require_refuses_lower_roles_in_vietnamese():
    assert access.require(STAFF, Role.staff) is STAFF
    assert access.require(ADMIN, Role.staff) is ADMIN
    with pytest.raises(PermissionDenied) as viewer:
        access.require(VIEWER, Role.staff)
    assert viewer.value.message() == "Tài khoản chỉ xem không được thay đổi dữ liệu."
    with pytest.raises(PermissionDenied) as staff:
        access.require(STAFF, Role.admin)
    assert staff.value.message() == "Chỉ quản trị viên được thực hiện thao tác này."
    with pytest.raises(PermissionDenied):
        access.require(None, Role.viewer)
    with pytest.raises(PermissionDenied):
        access.require(Actor("x", "superuser"), Role.viewer)


def test_admin_creates_an_account_with_a_one_time_password(session):
    make_user(session, "boss", Role.admin)
    user, password = auth.create_account(
        session, actor=ADMIN, username="chu.tich", role=Role.viewer, full_name="Trần Văn Chủ"
    )
    session.commit()
    assert len(password) == 16
    assert user.must_change_password
    outcome = login(session, "chu.tich", password)
    assert outcome.actor == Actor("chu.tich", Role.viewer, "Trần Văn Chủ")
    with pytest.raises(auth.AccountError) as exists:
        auth.create_account(session, actor=ADMIN, username="chu.tich", role=Role.viewer)
    assert exists.value.message() == "tài khoản «chu.tich» đã tồn tại."


def test_only_an_admin_manages_accounts(session):
    lan = make_user(session, "lan")
    for call in (
        lambda a: auth.create_account(session, actor=a, username="x", role=Role.viewer),
        lambda a: auth.set_disabled(session, actor=a, user_id=lan.id, disabled=True),
        lambda a: auth.set_role(session, actor=a, user_id=lan.id, role=Role.admin),
        lambda a: auth.reset_password(session, actor=a, user_id=lan.id),
        lambda a: auth.unlock(session, actor=a, user_id=lan.id),
    ):
        for actor in (VIEWER, STAFF):
            with pytest.raises(PermissionDenied):
                call(actor)
    session.rollback()
    assert session.exec(select(AppUser.username, AppUser.role, AppUser.disabled)).all() == [
        ("lan", "staff", False)
    ]


def test_admin_disables_and_enables_an_account(session):
    make_user(session, "boss", Role.admin)
    lan = make_user(session, "lan")
    auth.set_disabled(session, actor=ADMIN, user_id=lan.id, disabled=True, expected_version=1)
    session.commit()
    assert auth.load_actor(session, "lan") is None
    assert login(session, "lan", "mat-khau-dung").error == "auth.disabled"
    with pytest.raises(auth.AccountError) as stale:
        auth.set_disabled(session, actor=ADMIN, user_id=lan.id, disabled=False, expected_version=1)
    assert stale.value.key == "auth.user_changed"
    auth.set_disabled(session, actor=ADMIN, user_id=lan.id, disabled=False, expected_version=2)
    session.commit()
    assert auth.load_actor(session, "lan") == STAFF
    entries = session.exec(
        select(AuditLog.username, AuditLog.action)
        .where(AuditLog.table_name == "app_user", AuditLog.record_id == lan.id)
        .order_by(AuditLog.id)
    ).all()
    assert entries == [("t", "insert"), ("boss", "update"), ("boss", "update")]


def test_the_last_admin_stays(session):
    boss = make_user(session, "boss", Role.admin)
    with pytest.raises(auth.AccountError) as self_disable:
        auth.set_disabled(session, actor=ADMIN, user_id=boss.id, disabled=True)
    assert self_disable.value.message() == "Không thể tự vô hiệu hóa tài khoản của chính mình."
    with pytest.raises(auth.AccountError) as demote:
        auth.set_role(session, actor=ADMIN, user_id=boss.id, role=Role.staff)
    assert demote.value.message() == "Phải còn ít nhất một quản trị viên đang hoạt động."
    second = make_user(session, "pho", Role.admin)
    auth.set_role(session, actor=ADMIN, user_id=second.id, role=Role.staff)
    session.commit()
    assert auth.load_actor(session, "pho") == Actor("pho", Role.staff)


def test_reset_password_lifts_a_lock_and_forces_a_change(session):
    make_user(session, "boss", Role.admin)
    lan = make_user(session, "lan")
    for _ in range(5):
        login(session, "lan", "sai")
    password = auth.reset_password(session, actor=ADMIN, user_id=lan.id)
    session.commit()
    outcome = login(session, "lan", password)
    assert outcome.ok and outcome.must_change_password


def test_admin_unlocks(session):
    make_user(session, "boss", Role.admin)
    lan = make_user(session, "lan")
    for _ in range(5):
        login(session, "lan", "sai")
    auth.unlock(session, actor=ADMIN, user_id=lan.id)
    session.commit()
    assert login(session, "lan", "mat-khau-dung").ok


def test_an_identity_from_the_provider_maps_to_the_account_of_that_address(session):
    make_user(session, "lan@ldld.vn")
    assert auth.login_for_identity(session, email="Lan@LDLD.vn").actor == Actor(
        "lan@ldld.vn", Role.staff
    )
    unknown = auth.login_for_identity(session, email="x@y.vn")
    assert unknown.error == "auth.oidc_no_account"
    assert "«x@y.vn»" in unknown.message()
