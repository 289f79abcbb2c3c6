"""Accounts at the bottom: the one form of a user name that is compared, finding an account by it,
creating one, and hashing passwords with argon2.

Two names are the same account when their case-folded forms are equal (`username_key`): «SecAdmin»
and «secadmin», «ĐẠT» and «đạt». The form is stored in its own column under a unique index, so the
database refuses a second account whatever the path that creates it, on SQLite as on PostgreSQL.
"""

from __future__ import annotations

import secrets
import string
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlmodel import Session, select

from core import audit, versioning
from core.errors import CatalogueError
from core.models import AppUser, Role

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 10


class UserError(CatalogueError, ValueError):
    """An account that cannot be created as asked."""


class UsernameClash(UserError):
    """Accounts whose names are one name once case is ignored: the schema upgrade cannot go on."""

    def __init__(self, clashes: list[list[tuple[int, str]]]) -> None:
        accounts = "; ".join(
            " = ".join(f"«{name}» (id {user_id})" for user_id, name in group) for group in clashes
        )
        renames = " ".join(
            f"UPDATE app_user SET username = '{_sql_text(name + '-' + str(user_id))}'"
            f" WHERE id = {user_id};"
            for group in clashes
            for user_id, name in group[1:]
        )
        super().__init__("user.names_clash", accounts=accounts, sql=renames)


def _sql_text(value: str) -> str:
    return value.replace("'", "''")


def clean_username(username: str | None) -> str:
    """A user name as stored: NFC (one code point per Vietnamese letter), outer spaces removed."""
    return unicodedata.normalize("NFC", username or "").strip()


def username_key(username: str | None) -> str:
    """The form in which user names are compared and kept unique: cleaned, then case-folded.

    `casefold` knows every script (SQLite's lower() only ASCII); NFC again after it, since folding
    may leave a letter decomposed."""
    return unicodedata.normalize("NFC", clean_username(username).casefold())


def find_user(session: Session, username: str | None) -> AppUser | None:
    """The account with this name, compared by `username_key`; at most one can match."""
    key = username_key(username)
    if not key:
        return None
    return session.exec(select(AppUser).where(AppUser.username_key == key)).one_or_none()


def public_snapshot(user: AppUser) -> dict:
    """The account's columns for the audit log: everything but the password hash."""
    values = audit.snapshot(user)
    values.pop("password_hash", None)
    return values


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
    username = clean_username(username)
    if not username:
        raise UserError("user.name_required")
    if role not in {r.value for r in Role}:
        raise UserError("user.bad_role", role=role)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("user.password_short", n=MIN_PASSWORD_LENGTH)
    existing = find_user(session, username)
    if existing is not None:
        raise UserError("user.exists", name=existing.username)
    user = AppUser(
        username=username,
        username_key=username_key(username),
        full_name=full_name,
        password_hash=hash_password(password),
        role=Role(role),
        must_change_password=must_change_password,
    )
    session.add(user)
    session.flush()
    return versioning.create(session, user, username=by_user, audit_after=public_snapshot(user))


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
