"""What is done to accounts: an admin creates them, changes a role, disables, resets a password,
lifts a lock; a user changes their own password.

Every change is a versioned save (`core.versioning`): an admin's form carries the version it showed,
and a change made meanwhile by someone else refuses the save with StaleEdit. The password hash
never reaches the audit log. "At least one active admin" holds under simultaneous changes: a write
that may remove an admin first locks every active admin's row, in one order, so two admins demoting
each other at once are served one after the other and the second is refused.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from core import login_sessions, users, versioning
from core.access import AccessError, Actor, PermissionDenied, actor_of, require
from core.models import AppUser, Role


class AccountError(AccessError):
    """An account action refused (wrong old password, last admin, ...)."""


def load_actor(session: Session, username: str) -> Actor | None:
    """The account as it is now (role changes apply at once); None if gone or disabled."""
    user = users.find_user(session, username)
    if user is None or user.disabled:
        return None
    return actor_of(user)


def list_users(session: Session) -> list[AppUser]:
    return list(session.exec(select(AppUser).order_by(AppUser.username)).all())


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
    user = users.find_user(session, actor.username)
    if user is None or user.disabled:
        raise PermissionDenied("auth.denied_anonymous")
    if not users.verify_password(user.password_hash, old_password or ""):
        raise AccountError("auth.old_password_wrong")
    if len(new_password or "") < users.MIN_PASSWORD_LENGTH:
        raise AccountError("user.password_short", n=users.MIN_PASSWORD_LENGTH)
    if new_password == old_password:
        raise AccountError("auth.password_same")
    new_hash = users.hash_password(new_password)
    user = versioning.claim(session, AppUser, user.id, None)  # type: ignore[arg-type]
    before = users.public_snapshot(user)
    user.password_hash = new_hash
    user.must_change_password = False
    _save(session, actor, user, before, "password")
    login_sessions.end_all(
        session,
        user_id=user.id,  # type: ignore[arg-type]
        reason=login_sessions.EndReason.password,
        keep_token=keep_token,
    )
    return user


# ---------------------------------------------------------------- accounts (admin)


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


def _claim(
    session: Session,
    actor: Actor,
    user_id: int,
    expected_version: int | None,
    *,
    may_remove_admin: bool = False,
) -> AppUser:
    require(actor, Role.admin)
    if may_remove_admin:
        _lock_active_admins(session)
    return versioning.claim(session, AppUser, user_id, expected_version)


def _lock_active_admins(session: Session) -> None:
    """Lock the rows of every active admin (PostgreSQL; SQLite's writer lock serialises anyway).

    Always in id order, so two such writes never wait for each other in a circle."""
    session.exec(
        select(AppUser.id)
        .where(AppUser.role == Role.admin, AppUser.disabled.is_(False))  # type: ignore[attr-defined]
        .order_by(AppUser.id)  # type: ignore[arg-type]
        .with_for_update()
    ).all()


def _active_admins(session: Session) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(AppUser)
            .where(AppUser.role == Role.admin, AppUser.disabled.is_(False))  # type: ignore[attr-defined]
        ).one()
    )


def _save(session: Session, actor: Actor, user: AppUser, before: dict, action: str) -> AppUser:
    # The logged snapshot leaves the hash out, so it is taken here: stamp the version it will have.
    user.version = before["version"] + 1
    versioning.save(
        session,
        user,
        username=actor.username,
        before=before,
        action=action,
        audit_after=users.public_snapshot(user),
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
    user = _claim(session, actor, user_id, expected_version, may_remove_admin=disabled)
    if user.disabled == disabled:
        return user
    if disabled and user.username_key == users.username_key(actor.username):
        raise AccountError("auth.cannot_disable_self")
    if disabled and user.role == Role.admin and _active_admins(session) <= 1:
        raise AccountError("auth.last_admin")
    before = users.public_snapshot(user)
    user.disabled = disabled
    if disabled:
        login_sessions.end_all(session, user_id=user_id, reason=login_sessions.EndReason.disabled)
    return _save(session, actor, user, before, "update")


def set_role(
    session: Session,
    *,
    actor: Actor,
    user_id: int,
    role: Role | str,
    expected_version: int | None = None,
) -> AppUser:
    require(actor, Role.admin)
    if role not in {r.value for r in Role}:
        raise AccountError("user.bad_role", role=role)
    user = _claim(session, actor, user_id, expected_version, may_remove_admin=True)
    if user.role == role:
        return user
    if user.role == Role.admin and not user.disabled and _active_admins(session) <= 1:
        raise AccountError("auth.last_admin")
    before = users.public_snapshot(user)
    user.role = Role(role)
    return _save(session, actor, user, before, "update")


def reset_password(
    session: Session, *, actor: Actor, user_id: int, expected_version: int | None = None
) -> str:
    """A new one-time password for someone who forgot theirs; also lifts a lock."""
    require(actor, Role.admin)
    password = users.generate_password()
    new_hash = users.hash_password(password)  # slow: made before the row is locked
    user = _claim(session, actor, user_id, expected_version)
    before = users.public_snapshot(user)
    user.password_hash = new_hash
    user.must_change_password = True
    user.failed_logins = 0
    user.locked_until = None
    login_sessions.end_all(session, user_id=user_id, reason=login_sessions.EndReason.password)
    _save(session, actor, user, before, "password")
    return password


def unlock(
    session: Session, *, actor: Actor, user_id: int, expected_version: int | None = None
) -> AppUser:
    user = _claim(session, actor, user_id, expected_version)
    before = users.public_snapshot(user)
    user.failed_logins = 0
    user.locked_until = None
    return _save(session, actor, user, before, "update")
