"""Who is using the app. Accounts and login arrive with the records-and-access issue; until then
everyone is treated as a read-only viewer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CurrentUser:
    username: str
    role: str


def current_user() -> CurrentUser | None:
    return CurrentUser(username="viewer", role="viewer")


def login_page() -> None:
    raise NotImplementedError
