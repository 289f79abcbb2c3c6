"""Accounts: creating users and hashing passwords with argon2."""

from __future__ import annotations

import secrets
import string

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlmodel import Session, select

from core import audit
from core.errors import CatalogueError
from core.models import AppUser, Role

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 10


class UserError(CatalogueError, ValueError):
    """An account that cannot be created as asked."""


def generate_password(length: int = 16) -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(length))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def create_user(
    session: Session,
    *,
    username: str,
    role: Role | str,
    password: str,
    by_user: str | None,
    full_name: str | None = None,
    must_change_password: bool = False,
) -> AppUser:
    username = username.strip()
    if not username:
        raise UserError("user.name_required")
    if role not in {r.value for r in Role}:
        raise UserError("user.bad_role", role=role)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("user.password_short", n=MIN_PASSWORD_LENGTH)
    if session.exec(select(AppUser).where(AppUser.username == username)).first():
        raise UserError("user.exists", name=username)
    user = AppUser(
        username=username,
        full_name=full_name,
        password_hash=hash_password(password),
        role=Role(role),
        must_change_password=must_change_password,
    )
    session.add(user)
    session.flush()
    after = audit.snapshot(user)
    after.pop("password_hash")
    audit.record_change(session, username=by_user, action="insert", record=user, after=after)
    return user


def verify_password(password_hash: str, password: str) -> bool:
    """True when `password` matches the argon2 hash; a malformed hash never matches."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's (rehash at next login)."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True
