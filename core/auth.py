"""Logging in with a name and password, or through the organisation's identity provider.

Five wrong passwords in a row lock an account for 15 minutes; a disabled account cannot log in. The
failure count is kept by the database (one conditional UPDATE per attempt), so simultaneous
attempts each count. To someone guessing names, an unknown name, a wrong password and a locked
account look alike: the same message, and the same work (exactly one argon2 verification), so
neither the answer nor its time tells whether an account exists or is locked. Only the right
password of a disabled account is told so.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from sqlalchemy import case, literal, or_, update
from sqlmodel import Session

from core import audit, users
from core.access import Actor, actor_of
from core.models import AppUser, utcnow
from core.strings import t

LOCK_AFTER_FAILURES = 5
LOCK_DURATION = dt.timedelta(minutes=15)
# One answer for an unknown name, a wrong password and a locked account.
REFUSED = "auth.bad_credentials"


@functools.cache
def _dummy_hash() -> str:
    """A hash of a password nobody has: verified for unknown names so that they take as long as
    known ones. Made at the first login attempt, not at import (an import or report need none)."""
    return users.hash_password("no-such-user-password")


@dataclass(frozen=True)
class LoginOutcome:
    actor: Actor | None = None
    must_change_password: bool = False
    error: str | None = None  # catalogue key
    values: dict | None = None

    @property
    def ok(self) -> bool:
        return self.actor is not None

    def message(self) -> str:
        return t(self.error, **(self.values or {})) if self.error else ""


def is_locked(user: AppUser, now: dt.datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now


def _not_locked(now: dt.datetime):
    return or_(AppUser.locked_until.is_(None), AppUser.locked_until <= now)  # type: ignore[union-attr,operator]


def attempt_login(
    session: Session, *, username: str, password: str, now: dt.datetime | None = None
) -> LoginOutcome:
    """Check a name and password; counts failures and locks the account after five.

    Returns an outcome rather than raising so that the caller's transaction commits the failure
    count.
    """
    now = now or utcnow()
    user = users.find_user(session, username)
    # Every branch verifies exactly one hash, before anything else is decided.
    matches = users.verify_password(user.password_hash if user else _dummy_hash(), password or "")
    if user is None:
        return LoginOutcome(error=REFUSED)
    if not matches:
        _count_failure(session, user, now)
        return LoginOutcome(error=REFUSED)
    if user.disabled:
        return LoginOutcome(error=REFUSED if is_locked(user, now) else "auth.disabled")
    new_hash = users.hash_password(password) if users.needs_rehash(user.password_hash) else None
    if not _record_success(session, user, now, new_hash):
        return LoginOutcome(error=REFUSED)  # locked, even if the password is right
    return LoginOutcome(actor=actor_of(user), must_change_password=user.must_change_password)


def _count_failure(session: Session, user: AppUser, now: dt.datetime) -> None:
    """One more wrong password, counted by the database itself; the fifth locks the account.

    While the account is locked nothing is counted (the condition is checked under the row lock,
    so of many simultaneous attempts exactly the fifth locks)."""
    failures = AppUser.failed_logins + 1
    locks = failures >= LOCK_AFTER_FAILURES
    until = now + LOCK_DURATION
    counted = session.execute(
        update(AppUser)
        .where(AppUser.id == user.id, _not_locked(now))  # type: ignore[arg-type]
        .values(
            failed_logins=case((locks, 0), else_=failures),
            locked_until=case(
                (locks, literal(until, AppUser.locked_until.type)),  # type: ignore[attr-defined]
                else_=AppUser.locked_until,
            ),
        )
        .returning(AppUser.failed_logins, AppUser.locked_until)
        .execution_options(synchronize_session=False)
    ).first()
    if counted is None or counted.failed_logins != 0:
        return
    before = {**users.public_snapshot(user), "failed_logins": LOCK_AFTER_FAILURES - 1}
    session.refresh(user)
    audit.record_change(
        session,
        username=user.username,
        action="lock",
        record=user,
        before=before,
        after=users.public_snapshot(user),
    )


def _record_success(
    session: Session, user: AppUser, now: dt.datetime, new_hash: str | None
) -> bool:
    """Clear the failures and note the login, unless the account is locked (then False)."""
    values: dict = {"failed_logins": 0, "locked_until": None, "last_login_at": now}
    if new_hash:
        values["password_hash"] = new_hash
    done = session.execute(
        update(AppUser)
        .where(AppUser.id == user.id, _not_locked(now))  # type: ignore[arg-type]
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:
        return False
    session.refresh(user)
    return True


def login_for_identity(session: Session, *, email: str | None) -> LoginOutcome:
    """An OpenID Connect login: the account whose name is the e-mail the provider vouched for."""
    user = users.find_user(session, email or "")
    if user is None:
        return LoginOutcome(error="auth.oidc_no_account", values={"email": email or ""})
    if user.disabled:
        return LoginOutcome(error="auth.disabled")
    user.last_login_at = utcnow()
    session.add(user)
    # The provider checked the person; a pending one-time password does not apply to them.
    return LoginOutcome(actor=actor_of(user))
