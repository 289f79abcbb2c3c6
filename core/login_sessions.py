"""Logins that survive a reload of the page.

Streamlit keeps a login in the memory of one browser tab's connection: pressing F5, opening a second
tab or a dropped connection used to mean logging in again. At login the app now also starts a login
session here and the browser keeps its token in a cookie; a new connection that brings a valid
token is logged in again without the form.

Only the token's SHA-256 is stored (core/tokens.py). A session is valid while it has not been
ended, its account is not disabled, and some tab has used it within SESSION_IDLE_HOURS; the server
decides, whatever the cookie's own lifetime. Logging out ends the session; changing one's password
ends the account's other sessions; an admin resetting a password or disabling an account ends all
of them. Nothing is deleted: an ended session keeps when and why it ended.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import update
from sqlmodel import Session, select

from core import settings
from core.access import Actor, actor_of
from core.models import AppUser, LoginSession, utcnow
from core.tokens import hash_token, new_token, plausible
from core.users import find_user

COOKIE = "ugt_session"
COOKIE_MAX_AGE_DAYS = 30  # the browser may keep the token this long; the server's idle limit rules
# `last_seen_at` is written at most this often, so that every click is not a database write.
TOUCH_EVERY = dt.timedelta(minutes=1)


class EndReason(StrEnum):
    logout = "logout"
    idle = "idle"
    password = "password"  # the account's password changed
    disabled = "disabled"


def session_expired(
    last_seen: dt.datetime | None, now: dt.datetime | None = None, idle_hours: float | None = None
) -> bool:
    """True when a login has been idle longer than SESSION_IDLE_HOURS."""
    if last_seen is None:
        return True
    now = now or utcnow()
    hours = settings.get_settings().session_idle_hours if idle_hours is None else idle_hours
    return now - last_seen > dt.timedelta(hours=hours)


def start(session: Session, *, username: str, now: dt.datetime | None = None) -> str:
    """A new login session for `username` (who has just logged in); returns its token."""
    user = find_user(session, username)
    if user is None:
        raise LookupError(username)
    now = now or utcnow()
    token = new_token()
    session.add(
        LoginSession(
            token_hash=hash_token(token), user_id=user.id, created_at=now, last_seen_at=now
        )
    )
    session.flush()
    return token


def _find(session: Session, token: str | None) -> LoginSession | None:
    if not plausible(token):
        return None
    return session.exec(
        select(LoginSession).where(LoginSession.token_hash == hash_token(token))
    ).first()


def resume(
    session: Session,
    token: str | None,
    *,
    now: dt.datetime | None = None,
    idle_hours: float | None = None,
) -> Actor | None:
    """The user a token logs in, or None. An idle session found here is ended (reason `idle`)."""
    login = _find(session, token)
    if login is None or login.ended_at is not None:
        return None
    now = now or utcnow()
    if session_expired(login.last_seen_at, now, idle_hours):
        _end(session, login, now, EndReason.idle)
        return None
    user = session.get(AppUser, login.user_id)
    # A pending one-time password needs no check here: a password login gets its session only
    # after the change, and an admin's reset ends every session. (A provider login may have one.)
    if user is None or user.disabled:
        return None
    if now - login.last_seen_at >= TOUCH_EVERY:
        login.last_seen_at = now
        session.add(login)
    return actor_of(user)


class State(StrEnum):
    open = "open"
    ended = "ended"  # logged out (in another tab too), or ended by a password change or a disable
    idle = "idle"  # unused longer than SESSION_IDLE_HOURS by every tab: ended now


def touch(
    session: Session,
    token: str | None,
    *,
    now: dt.datetime | None = None,
    idle_hours: float | None = None,
) -> State:
    """The state of the session of `token`, shared by every tab of the browser; notes that it was
    used (at most once per TOUCH_EVERY). Idleness is the session's, not one tab's: a tab left open
    overnight does not end the session that another tab is using."""
    login = _find(session, token)
    if login is None or login.ended_at is not None:
        return State.ended
    now = now or utcnow()
    if session_expired(login.last_seen_at, now, idle_hours):
        _end(session, login, now, EndReason.idle)
        return State.idle
    if now - login.last_seen_at >= TOUCH_EVERY:
        login.last_seen_at = now
        session.add(login)
    return State.open


def end(
    session: Session,
    token: str | None,
    *,
    reason: EndReason = EndReason.logout,
    now: dt.datetime | None = None,
) -> None:
    """End the session of `token` (logging out); unknown or already ended tokens are ignored."""
    login = _find(session, token)
    if login is not None and login.ended_at is None:
        _end(session, login, now or utcnow(), reason)


def end_all(
    session: Session,
    *,
    user_id: int,
    reason: EndReason,
    keep_token: str | None = None,
    now: dt.datetime | None = None,
) -> int:
    """End every open session of an account (but the one of `keep_token`); returns how many."""
    statement = (
        update(LoginSession)
        .where(LoginSession.user_id == user_id, LoginSession.ended_at.is_(None))
        .values(ended_at=now or utcnow(), end_reason=str(reason))
    )
    if keep_token:
        statement = statement.where(LoginSession.token_hash != hash_token(keep_token))
    return session.execute(statement).rowcount


def open_sessions(session: Session, user_id: int) -> list[LoginSession]:
    return list(
        session.exec(
            select(LoginSession)
            .where(LoginSession.user_id == user_id, LoginSession.ended_at.is_(None))
            .order_by(LoginSession.id)
        ).all()
    )


def _end(session: Session, login: LoginSession, now: dt.datetime, reason: EndReason) -> None:
    login.ended_at = now
    login.end_reason = str(reason)
    session.add(login)
