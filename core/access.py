"""Who may do what: the roles, the acting user, and the one check every write makes.

Roles, lowest first: `viewer` (leadership: sees everything, changes nothing), `staff` (imports and
edits records), `admin` (users, targets, organisation units, audit and undo). Every write function a
page calls takes the acting user and calls `require(actor, ...)` first, so the rule holds on the
server whatever the page shows. This module is the lowest layer above the tables: it imports no
writer.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import CatalogueError
from core.models import AppUser, Role

ROLE_RANK = {Role.viewer: 0, Role.staff: 1, Role.admin: 2}


class AccessError(CatalogueError):
    """A refusal with a catalogue message; `key` names it, `values` fill it."""


class PermissionDenied(AccessError):
    """The acting user's role does not allow this action."""


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
