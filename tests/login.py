"""Log an AppTest in without the login form.

    at = AppTest.from_file("app.py")
    login_as(at, "lan", "staff")   # before at.run()
    at.run()

The account is created (or given that role) in the database DATABASE_URL names, because the app
re-reads the account on every run; then the session is seeded as the login form would.
"""

from __future__ import annotations

import secrets

from sqlmodel import select

from core import db, users
from core.models import AppUser, Role, utcnow
from ui.auth import SEEN_KEY, USER_KEY


def ensure_user(username: str, role: str, password: str | None = None) -> str:
    """The account exists, enabled, with this role (and this password if given); returns it."""
    password = password or secrets.token_urlsafe(12)
    with db.session_scope() as session:
        user = session.exec(select(AppUser).where(AppUser.username == username)).first()
        if user is None:
            users.create_user(
                session, username=username, role=Role(role), password=password, by_user="test"
            )
        else:
            user.role = Role(role)
            user.disabled = False
            user.must_change_password = False
            user.locked_until = None
            user.failed_logins = 0
            user.password_hash = users.hash_password(password)
            session.add(user)
    return password


def login_as(at, username: str, role: str) -> None:
    ensure_user(username, role)
    at.session_state[USER_KEY] = username
    at.session_state[SEEN_KEY] = utcnow()
