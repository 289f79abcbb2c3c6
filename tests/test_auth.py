"""Logins: names compared case-folded, the lock after five failures counted by the database, and an
unknown name, a wrong password and a locked account that look alike; idle expiry; roles."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from argon2 import PasswordHasher
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from core import access, auth, users
from core.access import Actor, PermissionDenied
from core.login_sessions import session_expired
from core.models import AppUser, AuditLog, Role
from tests.factories import ADMIN, NOW, STAFF, VIEWER, create_user, login
from tests.racing import race

LOCKED_UNTIL = NOW + dt.timedelta(minutes=15)


def stored(session: Session, name: str = "lan") -> AppUser:
    session.expire_all()
    return session.exec(select(AppUser).where(AppUser.username == name)).one()


def test_login_with_the_right_password(session):
    create_user(session, "lan")
    outcome = login(session, " LAN ", "mat-khau-dung")
    assert outcome.ok
    assert outcome.actor == Actor("lan", Role.staff)
    assert outcome.must_change_password is False
    user = stored(session)
    assert user.last_login_at == NOW
    assert user.failed_logins == 0


def test_a_vietnamese_capital_in_a_name_logs_in_whatever_its_case_or_encoding(session):
    create_user(session, "Đạt")
    for typed in ("Đạt", "đạt", "ĐẠT", unicodedata.normalize("NFD", "ĐẠT")):
        assert login(session, typed, "mat-khau-dung").actor == Actor("Đạt", Role.staff), typed


def test_a_name_differing_only_in_case_is_the_same_account(session):
    create_user(session, "secadmin", Role.admin, password="mat-khau-admin")
    create_user(session, "Đạt")
    for name in ("SecAdmin", " SECADMIN", "đẠT", unicodedata.normalize("NFD", "đạt")):
        with pytest.raises(users.UserError) as refused:
            users.create_user(
                session, username=name, role=Role.viewer, password="mat-khau-khac", by_user="t"
            )
        assert refused.value.key == "user.exists"
    session.rollback()
    assert session.exec(select(AppUser.username).order_by(AppUser.id)).all() == ["secadmin", "Đạt"]
    # «SecAdmin» is the admin's own name in another case: only the admin's password opens it.
    assert login(session, "SecAdmin", "mat-khau-khac").error == "auth.bad_credentials"
    assert login(session, "SecAdmin", "mat-khau-admin").actor == Actor("secadmin", Role.admin)


def test_the_database_refuses_a_second_account_with_the_same_folded_name(session):
    create_user(session, "Đạt")
    session.add(
        AppUser(
            username="ĐẠT", username_key=users.username_key("ĐẠT"), password_hash="x", role="staff"
        )
    )
    with pytest.raises(IntegrityError):
        session.commit()


def test_the_name_key_folds_case_and_unicode_forms():
    assert users.username_key(" SecAdmin ") == "secadmin"
    assert users.username_key("ĐẠT") == users.username_key(unicodedata.normalize("NFD", "đạt"))
    assert users.username_key("ĐẠT") == "đạt"
    assert users.username_key("Straße") == "strasse"


def test_unknown_name_wrong_password_and_locked_account_get_the_same_message(session):
    create_user(session, "lan")
    create_user(session, "hoa")
    for _ in range(5):
        login(session, "hoa", "sai")
    unknown = login(session, "nobody", "mat-khau-dung")
    wrong = login(session, "lan", "sai-mat-khau")
    locked_right = login(session, "hoa", "mat-khau-dung")
    locked_wrong = login(session, "hoa", "sai")
    outcomes = (unknown, wrong, locked_right, locked_wrong)
    assert {o.error for o in outcomes} == {"auth.bad_credentials"}
    assert {o.message() for o in outcomes} == {wrong.message()}
    assert not any(o.values for o in outcomes)


def test_every_attempt_verifies_exactly_one_password_hash(session, monkeypatch):
    """The time of an answer is the time of one argon2 verification, whatever the account."""
    create_user(session, "lan")
    create_user(session, "hoa")
    create_user(session, "tam")
    for _ in range(5):
        login(session, "hoa", "sai")
    stored(session, "tam").disabled = True
    session.commit()
    auth._dummy_hash()  # made once, before counting
    calls: list[str] = []
    verify = PasswordHasher.verify

    def counted(self, hash, password):
        calls.append(password)
        return verify(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", counted)
    attempts = {
        "unknown name": ("nobody", "mat-khau-dung"),
        "wrong password": ("lan", "sai"),
        "locked, right password": ("hoa", "mat-khau-dung"),
        "locked, wrong password": ("hoa", "sai"),
        "disabled, right password": ("tam", "mat-khau-dung"),
        "disabled, wrong password": ("tam", "sai"),
        "right password": ("lan", "mat-khau-dung"),
    }
    for branch, (name, password) in attempts.items():
        calls.clear()
        login(session, name, password)
        assert calls == [password], branch


def test_five_failures_lock_the_account_for_fifteen_minutes(session):
    create_user(session, "lan")
    for _ in range(4):
        assert login(session, "lan", "sai").error == "auth.bad_credentials"
    assert stored(session).failed_logins == 4
    assert login(session, "lan", "sai").error == "auth.bad_credentials"
    assert (stored(session).failed_logins, stored(session).locked_until) == (0, LOCKED_UNTIL)
    # While locked even the right password is refused, and nothing is counted.
    during = login(session, "lan", "mat-khau-dung", now=NOW + dt.timedelta(minutes=14))
    assert during.error == "auth.bad_credentials"
    login(session, "lan", "sai", now=NOW + dt.timedelta(minutes=14))
    assert (stored(session).failed_logins, stored(session).locked_until) == (0, LOCKED_UNTIL)
    after = login(session, "lan", "mat-khau-dung", now=NOW + dt.timedelta(minutes=15, seconds=1))
    assert after.ok
    assert stored(session).locked_until is None
    lock_entries = session.exec(select(AuditLog).where(AuditLog.action == "lock")).all()
    assert [(e.username, e.table_name) for e in lock_entries] == [("lan", "app_user")]
    assert "password_hash" not in lock_entries[0].after
    assert (lock_entries[0].before["failed_logins"], lock_entries[0].after["failed_logins"]) == (
        4,
        0,
    )


@pytest.mark.parametrize(
    ("attempts", "failures", "locked_until"), [(4, 4, None), (30, 0, LOCKED_UNTIL)]
)
def test_simultaneous_wrong_passwords_are_each_counted(
    engine, session, attempts, failures, locked_until
):
    create_user(session, "lan")
    outcomes = race(
        engine,
        [
            lambda s: auth.attempt_login(s, username="lan", password="sai", now=NOW)
            for _ in range(attempts)
        ],
    )
    assert [o.error for o in outcomes] == ["auth.bad_credentials"] * attempts
    user = stored(session)
    assert (user.failed_logins, user.locked_until) == (failures, locked_until)
    locks = session.exec(select(AuditLog).where(AuditLog.action == "lock")).all()
    assert len(locks) == (1 if locked_until else 0)


def test_a_success_resets_the_failure_count(session):
    create_user(session, "lan")
    for _ in range(4):
        login(session, "lan", "sai")
    assert login(session, "lan", "mat-khau-dung").ok
    for _ in range(4):
        login(session, "lan", "sai")
    assert login(session, "lan", "mat-khau-dung").ok


def test_a_disabled_account_cannot_log_in(session):
    user = create_user(session, "lan")
    user.disabled = True
    session.commit()
    assert login(session, "lan", "mat-khau-dung").error == "auth.disabled"
    assert login(session, "lan", "sai").error == "auth.bad_credentials"


def test_an_identity_from_the_provider_maps_to_the_account_of_that_address(session):
    create_user(session, "lan@ldld.vn")
    assert auth.login_for_identity(session, email="Lan@LDLD.vn").actor == Actor(
        "lan@ldld.vn", Role.staff
    )
    unknown = auth.login_for_identity(session, email="x@y.vn")
    assert unknown.error == "auth.oidc_no_account"
    assert unknown.values == {"email": "x@y.vn"}


@pytest.mark.parametrize(
    ("hours_idle", "expired"), [(7.99, False), (8.0, False), (8.01, True), (30, True)]
)
def test_idle_sessions_expire_after_eight_hours_by_default(hours_idle, expired, monkeypatch):
    monkeypatch.delenv("SESSION_IDLE_HOURS", raising=False)
    last_seen = NOW - dt.timedelta(hours=hours_idle)
    assert session_expired(last_seen, NOW) is expired


def test_idle_expiry_follows_the_setting(monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_HOURS", "1")
    assert session_expired(NOW - dt.timedelta(minutes=61), NOW)
    assert not session_expired(NOW - dt.timedelta(minutes=59), NOW)
    assert session_expired(None, NOW)


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
