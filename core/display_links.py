"""View-only links to the briefing display, for the TV in the meeting room.

An admin creates a link with a random token, shown once in the URL `/?display=<token>`; only the
token's SHA-256 is stored (core/tokens.py). A link has an expiry and can be revoked; opening it
shows the display and nothing else, without a login. Every refresh of the display checks the link
again, so revoking it blanks the TV at its next refresh.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session, select

from core import audit, versioning
from core.access import Actor, require
from core.errors import CatalogueError
from core.models import DisplayLink, Role, utcnow
from core.tokens import hash_token, new_token, plausible

QUERY_PARAM = "display"
DEFAULT_DAYS = 90
MAX_DAYS = 366
# `last_used_at` is written at most this often, so a display refreshing every few seconds does not
# write to the database every few seconds.
TOUCH_EVERY = dt.timedelta(minutes=5)


class LinkStatus(StrEnum):
    ok = "ok"
    unknown = "unknown"
    revoked = "revoked"
    expired = "expired"


class LinkError(CatalogueError, ValueError):
    """A display link that cannot be created, used or revoked."""


@dataclass(frozen=True)
class LinkCheck:
    status: LinkStatus
    label: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == LinkStatus.ok


def _snapshot(link: DisplayLink) -> dict:
    values = audit.snapshot(link)
    values.pop("token_hash", None)
    return values


def create_link(
    session: Session,
    *,
    actor: Actor | None,
    label: str,
    days: int = DEFAULT_DAYS,
    now: dt.datetime | None = None,
) -> tuple[DisplayLink, str]:
    """A new link valid for `days`; returns it with its token (the only time the token exists)."""
    require(actor, Role.admin)
    label = (label or "").strip()
    if not label:
        raise LinkError("display_link.label_required")
    if not 1 <= days <= MAX_DAYS:
        raise LinkError("display_link.bad_days", max=MAX_DAYS)
    now = now or utcnow()
    token = new_token()
    link = DisplayLink(
        token_hash=hash_token(token),
        label=label[:200],
        created_by=actor.username,
        created_at=now,
        expires_at=now + dt.timedelta(days=days),
    )
    session.add(link)
    session.flush()
    versioning.create(session, link, username=actor.username, audit_after=_snapshot(link))
    return link, token


def revoke(
    session: Session, *, actor: Actor | None, link_id: int, now: dt.datetime | None = None
) -> DisplayLink:
    require(actor, Role.admin)
    if session.get(DisplayLink, link_id) is None:
        raise LinkError("display_link.not_found")
    # Read under the row lock: of two admins revoking at once, the second finds it revoked.
    link = versioning.claim(session, DisplayLink, link_id, None)
    if link.revoked_at is not None:
        return link
    before = _snapshot(link)
    link.revoked_at = now or utcnow()
    versioning.save(
        session,
        link,
        username=actor.username,
        before=before,
        audit_after=_snapshot(link),
    )
    return link


def check(session: Session, token: str | None, *, now: dt.datetime | None = None) -> LinkCheck:
    """Whether `token` opens the display now. Notes when the link was last used (without an audit
    entry or a data version bump: opening a display changes no record anyone edits)."""
    if not plausible(token):
        return LinkCheck(LinkStatus.unknown)
    link = session.exec(
        select(DisplayLink).where(DisplayLink.token_hash == hash_token(token))
    ).first()
    if link is None:
        return LinkCheck(LinkStatus.unknown)
    now = now or utcnow()
    if link.revoked_at is not None:
        return LinkCheck(LinkStatus.revoked, link.label)
    if link.expires_at <= now:
        return LinkCheck(LinkStatus.expired, link.label)
    if link.last_used_at is None or now - link.last_used_at >= TOUCH_EVERY:
        link.last_used_at = now
        session.add(link)
    return LinkCheck(LinkStatus.ok, link.label)


def list_links(session: Session) -> list[DisplayLink]:
    """Every link, newest first."""
    return list(session.exec(select(DisplayLink).order_by(DisplayLink.created_at.desc())).all())


def link_state(link: DisplayLink, now: dt.datetime | None = None) -> LinkStatus:
    now = now or utcnow()
    if link.revoked_at is not None:
        return LinkStatus.revoked
    if link.expires_at <= now:
        return LinkStatus.expired
    return LinkStatus.ok
