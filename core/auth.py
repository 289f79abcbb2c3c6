"""Logins, roles and accounts.

Roles, lowest first: `viewer` (leadership: sees everything, changes nothing), `staff` (imports and
edits records), `admin` (users, targets, organisation units, audit and undo). Every write function a
page calls takes the acting user and calls `require(actor, ...)` first, so the rule holds on the
server whatever the page shows. Five wrong passwords in a row lock an account for 15 minutes; a
disabled account cannot log in, and a running session of it ends at its next page load.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from core import audit, users
from core.errors import CatalogueError
from core.models import AppUser, Role, utcnow

LOCK_AFTER_FAILURES = 5
LOCK_DURATION = dt.timedelta(minutes=15)
ROLE_RANK = {Role.viewer: 0, Role.staff: 1, Role.admin: 2}


@functools.cache
def _dummy_hash() -> str:
    """A hash of a password nobody has: verified for unknown names so that they take as long as
    known ones. Made at the first login attempt, not at import (an import or report need none)."""
    return users.hash_password("no-such-user-password")


class AccessError(CatalogueError):
    """A refusal with a catalogue message; `key` names it, `values` fill it."""


class PermissionDenied(AccessError):
    """The acting user's role does not allow this action."""


class AccountError(AccessError):
    """An account action refused (wrong old password, last admin, ...)."""


@dataclass(frozen=True)
class Actor:
    """Who is acting: passed to every write so core can check the role itself."""

    username: str
    role: str
    full_name: str | None = None

    def can(self, min_role: Role | str) -> bool:
        return rank(self.role) >= rank(min_role)


def rank(role: Role | str | None) -> int:
    try:
        return ROLE_RANK[Role(role)]
    except ValueError:
        return -1


def require(actor: Actor | None, min_role: Role | str) -> Actor:
    """The actor, if their role is at least `min_role`; PermissionDenied otherwise."""
    if actor is None:
        raise PermissionDenied("auth.denied_anonymous")
    if actor.can(min_role):
        return actor
    if Role(min_role) == Role.admin:
        raise PermissionDenied("auth.denied_admin")
    raise PermissionDenied("auth.denied_viewer")


def actor_of(user: AppUser) -> Actor:
    return Actor(username=user.username, role=user.role, full_name=user.full_name)


def _user_snapshot(user: AppUser) -> dict:
    values = audit.snapshot(user)
    values.pop("password_hash", None)
    return values


def find_user(session: Session, username: str) -> AppUser | None:
    """The account with this name, case and surrounding spaces ignored."""
    name = (username or "").strip().lower()
    if not name:
        return None
    return session.exec(select(AppUser).where(func.lower(AppUser.username) == name)).first()


def load_actor(session: Session, username: str) -> Actor | None:
    """The account as it is now (role changes apply at once); None if gone or disabled."""
    user = find_user(session, username)
    if user is None or user.disabled:
        return None
    return actor_of(user)


# ---------------------------------------------------------------- logging in


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
        from core.strings import t

        return t(self.error, **(self.values or {})) if self.error else ""


def is_locked(user: AppUser, now: dt.datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now


def attempt_login(
    session: Session, *, username: str, password: str, now: dt.datetime | None = None
) -> LoginOutcome:
    """Check a name and password; counts failures and locks the account after five.

    Returns an outcome rather than raising so that the caller's transaction commits the failure
    count. Wrong name and wrong password give the same message.
    """
    from core.formatting import fmt_datetime

    now = now or utcnow()
    user = find_user(session, username)
    if user is None:
        users.verify_password(_dummy_hash(), password or "")
        return LoginOutcome(error="auth.bad_credentials")
    if is_locked(user, now):
        return LoginOutcome(error="auth.locked", values={"until": fmt_datetime(user.locked_until)})
    if not users.verify_password(user.password_hash, password or ""):
        user.failed_logins += 1
        if user.failed_logins >= LOCK_AFTER_FAILURES:
            before = _user_snapshot(user)
            user.failed_logins = 0
            user.locked_until = now + LOCK_DURATION
            session.add(user)
            audit.record_change(
                session,
                username=user.username,
                action="lock",
                record=user,
                before=before,
                after=_user_snapshot(user),
            )
            return LoginOutcome(
                error="auth.locked_now",
                values={"n": LOCK_AFTER_FAILURES, "until": fmt_datetime(user.locked_until)},
            )
        session.add(user)
        return LoginOutcome(error="auth.bad_credentials")
    if user.disabled:
        return LoginOutcome(error="auth.disabled")
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    if users.needs_rehash(user.password_hash):
        user.password_hash = users.hash_password(password)
    session.add(user)
    return LoginOutcome(actor=actor_of(user), must_change_password=user.must_change_password)


def login_for_identity(session: Session, *, email: str | None) -> LoginOutcome:
    """An OpenID Connect login: the account whose name is the e-mail the provider vouched for."""
    user = find_user(session, email or "")
    if user is None:
        return LoginOutcome(error="auth.oidc_no_account", values={"email": email or ""})
    if user.disabled:
        return LoginOutcome(error="auth.disabled")
    user.last_login_at = utcnow()
    session.add(user)
    # The provider checked the person; a pending one-time password does not apply to them.
    return LoginOutcome(actor=actor_of(user))


def session_expired(
    last_seen: dt.datetime | None, now: dt.datetime | None = None, idle_hours: float | None = None
) -> bool:
    """True when a login has been idle longer than SESSION_IDLE_HOURS."""
    from core import settings

    if last_seen is None:
        return True
    now = now or utcnow()
    hours = settings.get_settings().session_idle_hours if idle_hours is None else idle_hours
    return now - last_seen > dt.timedelta(hours=hours)


# ---------------------------------------------------------------- one's own password


def change_password(
    session: Session,
    *,
    actor: Actor,
    old_password: str,
    new_password: str,
    keep_token: str | None = None,
) -> AppUser:
    """Any logged-in user changes their own password (and so ends a forced change).

    The account's other login sessions end (someone who knew the old password is logged out); the
    session of `keep_token`, the one making the change, goes on."""
    from core import login_sessions

    user = find_user(session, actor.username)
    if user is None or user.disabled:
        raise PermissionDenied("auth.denied_anonymous")
    if not users.verify_password(user.password_hash, old_password or ""):
        raise AccountError("auth.old_password_wrong")
    if len(new_password or "") < users.MIN_PASSWORD_LENGTH:
        raise AccountError("user.password_short", n=users.MIN_PASSWORD_LENGTH)
    if new_password == old_password:
        raise AccountError("auth.password_same")
    before = _user_snapshot(user)
    user.password_hash = users.hash_password(new_password)
    user.must_change_password = False
    user.version += 1
    session.add(user)
    audit.record_change(
        session,
        username=actor.username,
        action="password",
        record=user,
        before=before,
        after=_user_snapshot(user),
    )
    login_sessions.end_all(
        session,
        user_id=user.id,
        reason=login_sessions.EndReason.password,
        keep_token=keep_token,
    )
    return user


# ---------------------------------------------------------------- accounts (admin)


def list_users(session: Session) -> list[AppUser]:
    return list(session.exec(select(AppUser).order_by(AppUser.username)).all())


def create_account(
    session: Session,
    *,
    actor: Actor,
    username: str,
    role: Role | str,
    full_name: str | None = None,
) -> tuple[AppUser, str]:
    """A new account with a generated one-time password (returned, shown once)."""
    require(actor, Role.admin)
    password = users.generate_password()
    try:
        user = users.create_user(
            session,
            username=username,
            role=role,
            password=password,
            by_user=actor.username,
            full_name=(full_name or "").strip() or None,
            must_change_password=True,
        )
    except users.UserError as error:
        raise AccountError(error.key, **error.values) from None
    return user, password


def _admin_target(session: Session, actor: Actor, user_id: int, expected_version: int | None):
    require(actor, Role.admin)
    user = session.get(AppUser, user_id)
    if user is None:
        raise AccountError("auth.user_missing")
    if expected_version is not None and user.version != expected_version:
        raise AccountError("auth.user_changed", name=user.username)
    return user


def _active_admins(session: Session) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(AppUser)
            .where(AppUser.role == Role.admin, AppUser.disabled.is_(False))
        ).one()
    )


def _save_admin_change(session: Session, actor: Actor, user: AppUser, before: dict, action: str):
    user.version += 1
    session.add(user)
    session.flush()
    audit.record_change(
        session,
        username=actor.username,
        action=action,
        record=user,
        before=before,
        after=_user_snapshot(user),
    )
    return user


def set_disabled(
    session: Session,
    *,
    actor: Actor,
    user_id: int,
    disabled: bool,
    expected_version: int | None = None,
) -> AppUser:
    """Admin disables (or enables again) an account; never their own, never the last admin."""
    user = _admin_target(session, actor, user_id, expected_version)
    if user.disabled == disabled:
        return user
    if disabled and user.username.lower() == actor.username.lower():
        raise AccountError("auth.cannot_disable_self")
    if disabled and user.role == Role.admin and _active_admins(session) <= 1:
        raise AccountError("auth.last_admin")
    from core import login_sessions

    before = _user_snapshot(user)
    user.disabled = disabled
    if disabled:
        login_sessions.end_all(session, user_id=user.id, reason=login_sessions.EndReason.disabled)
    return _save_admin_change(session, actor, user, before, "update")


def set_role(
    session: Session,
    *,
    actor: Actor,
    user_id: int,
    role: Role | str,
    expected_version: int | None = None,
) -> AppUser:
    user = _admin_target(session, actor, user_id, expected_version)
    if role not in {r.value for r in Role}:
        raise AccountError("user.bad_role", role=role)
    if user.role == role:
        return user
    if user.role == Role.admin and not user.disabled and _active_admins(session) <= 1:
        raise AccountError("auth.last_admin")
    before = _user_snapshot(user)
    user.role = Role(role)
    return _save_admin_change(session, actor, user, before, "update")


def reset_password(session: Session, *, actor: Actor, user_id: int) -> str:
    """A new one-time password for someone who forgot theirs; also lifts a lock."""
    user = _admin_target(session, actor, user_id, None)
    before = _user_snapshot(user)
    password = users.generate_password()
    user.password_hash = users.hash_password(password)
    user.must_change_password = True
    user.failed_logins = 0
    user.locked_until = None
    from core import login_sessions

    login_sessions.end_all(session, user_id=user.id, reason=login_sessions.EndReason.password)
    _save_admin_change(session, actor, user, before, "password")
    return password


def unlock(session: Session, *, actor: Actor, user_id: int) -> AppUser:
    user = _admin_target(session, actor, user_id, None)
    before = _user_snapshot(user)
    user.failed_logins = 0
    user.locked_until = None
    return _save_admin_change(session, actor, user, before, "update")
