"""Login sessions that survive a reload: a token in the browser's cookie, its hash in the database;
valid while not ended, used within the idle limit, and the account neither disabled nor waiting for
a password change. Logging out, a password change and disabling an account end sessions."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from core import accounts, login_sessions
from core.access import Actor
from core.login_sessions import EndReason, State
from core.models import LoginSession, Role
from tests.factories import ADMIN, NOW, create_user


def start(session: Session, name: str = "lan", now: dt.datetime = NOW) -> str:
    token = login_sessions.start(session, username=name, now=now)
    session.commit()
    return token


def resume(session: Session, token: str | None, now: dt.datetime = NOW, idle_hours: float = 8):
    actor = login_sessions.resume(session, token, now=now, idle_hours=idle_hours)
    session.commit()
    return actor


def the_session(session: Session) -> LoginSession:
    return session.exec(select(LoginSession)).one()


def test_a_token_logs_its_user_in_again(session):
    create_user(session)
    token = start(session)
    assert resume(session, token) == Actor("lan", Role.staff)
    stored = the_session(session)
    assert stored.token_hash == login_sessions.hash_token(token)
    assert token not in stored.token_hash  # only the hash is kept
    assert len(token) == 43  # 32 random bytes, URL-safe


def test_unknown_empty_and_oversized_tokens_log_nobody_in(session):
    create_user(session)
    start(session)
    assert resume(session, "not-a-token") is None
    assert resume(session, "") is None
    assert resume(session, None) is None
    assert resume(session, "x" * 5000) is None


def test_a_session_idle_longer_than_the_limit_ends(session):
    create_user(session)
    token = start(session)
    assert resume(session, token, now=NOW + dt.timedelta(hours=8)) is not None
    # last used at NOW + 8 h; 8 h and 1 min later it has been idle too long
    later = NOW + dt.timedelta(hours=16, minutes=1)
    assert resume(session, token, now=later) is None
    stored = the_session(session)
    assert (stored.ended_at, stored.end_reason) == (later, EndReason.idle)
    assert resume(session, token, now=later) is None  # and stays ended


def test_use_is_written_at_most_once_a_minute(session):
    create_user(session)
    token = start(session)
    resume(session, token, now=NOW + dt.timedelta(seconds=59))
    assert the_session(session).last_seen_at == NOW
    resume(session, token, now=NOW + dt.timedelta(seconds=61))
    assert the_session(session).last_seen_at == NOW + dt.timedelta(seconds=61)
    state = login_sessions.touch(session, token, now=NOW + dt.timedelta(minutes=5), idle_hours=8)
    assert state == State.open
    session.commit()
    assert the_session(session).last_seen_at == NOW + dt.timedelta(minutes=5)


def test_logging_out_ends_the_session_for_good(session):
    create_user(session)
    token = start(session)
    login_sessions.end(session, token, now=NOW + dt.timedelta(minutes=3))
    session.commit()
    stored = the_session(session)
    assert (stored.ended_at, stored.end_reason) == (NOW + dt.timedelta(minutes=3), "logout")
    assert resume(session, token) is None
    assert login_sessions.touch(session, token) == State.ended
    login_sessions.end(session, token)  # twice is harmless, and keeps the first end
    session.commit()
    assert the_session(session).ended_at == NOW + dt.timedelta(minutes=3)


def test_a_disabled_account_is_not_resumed(session):
    user = create_user(session)
    token = start(session)
    user.disabled = True
    session.add(user)
    session.commit()
    assert resume(session, token) is None


def test_a_provider_login_with_a_pending_one_time_password_is_resumed(session):
    """A password login gets no session before the change, and an admin's reset ends them all; a
    session of an account with a pending change is a provider login, which the pending change
    does not bind (core.auth.login_for_identity)."""
    user = create_user(session)
    token = start(session)
    user.must_change_password = True
    session.add(user)
    session.commit()
    assert resume(session, token) == Actor("lan", Role.staff)


def test_touch_tells_open_ended_and_idle_apart(session):
    create_user(session)
    token = start(session)
    later = NOW + dt.timedelta(hours=3)
    assert login_sessions.touch(session, token, now=later, idle_hours=8) == State.open
    session.commit()
    # Used at NOW + 3 h by some tab: a tab idle since NOW does not matter.
    too_late = later + dt.timedelta(hours=8, minutes=1)
    assert login_sessions.touch(session, token, now=too_late, idle_hours=8) == State.idle
    session.commit()
    assert (the_session(session).end_reason, the_session(session).ended_at) == ("idle", too_late)
    assert login_sessions.touch(session, token, now=too_late, idle_hours=8) == State.ended
    assert login_sessions.touch(session, "unknown", idle_hours=8) == State.ended


def test_changing_ones_password_ends_the_other_sessions_only(session):
    create_user(session)
    here, laptop, phone = start(session), start(session), start(session)
    accounts.change_password(
        session,
        actor=Actor("lan", Role.staff),
        old_password="mat-khau-dung",
        new_password="mat-khau-moi-2025",
        keep_token=here,
    )
    session.commit()
    assert resume(session, here) == Actor("lan", Role.staff)
    assert resume(session, laptop) is None
    assert resume(session, phone) is None
    reasons = session.exec(select(LoginSession.end_reason).order_by(LoginSession.id)).all()
    assert reasons == [None, "password", "password"]


def test_an_admin_reset_or_disable_ends_every_session_of_the_account(session):
    create_user(session, "boss", Role.admin)
    lan = create_user(session, "lan")
    hoa = create_user(session, "hoa")
    lan_token, hoa_token, boss_token = (
        start(session, "lan"),
        start(session, "hoa"),
        start(session, "boss"),
    )
    accounts.reset_password(session, actor=ADMIN, user_id=lan.id)
    accounts.set_disabled(session, actor=ADMIN, user_id=hoa.id, disabled=True)
    session.commit()
    ends = dict(session.exec(select(LoginSession.user_id, LoginSession.end_reason)).all())
    assert ends[lan.id] == "password"
    assert ends[hoa.id] == "disabled"
    assert resume(session, lan_token) is None
    assert resume(session, hoa_token) is None
    assert resume(session, boss_token) == Actor("boss", Role.admin)  # the admin's own goes on


def test_end_all_counts_and_keeps_ended_sessions_as_they_were(session):
    lan = create_user(session)
    first = start(session)
    start(session)
    start(session)
    login_sessions.end(session, first, now=NOW)
    ended = login_sessions.end_all(
        session, user_id=lan.id, reason=EndReason.disabled, now=NOW + dt.timedelta(hours=1)
    )
    session.commit()
    assert ended == 2
    rows = session.exec(select(LoginSession).order_by(LoginSession.id)).all()
    assert [(r.end_reason, r.ended_at) for r in rows] == [
        ("logout", NOW),
        ("disabled", NOW + dt.timedelta(hours=1)),
        ("disabled", NOW + dt.timedelta(hours=1)),
    ]
    assert login_sessions.open_sessions(session, lan.id) == []
