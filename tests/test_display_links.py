"""View-only display links (core/display_links.py): hashed tokens, expiry, revocation, roles."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlmodel import select

from core import db, display_links
from core.access import Actor, PermissionDenied
from core.display_links import LinkStatus
from core.models import AuditLog, DisplayLink

ADMIN = Actor(username="admin", role="admin")
NOW = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)


def test_a_new_link_stores_only_the_hash_and_opens_the_display(session):
    _link, token = display_links.create_link(
        session, actor=ADMIN, label="  TV phòng họp  ", days=30, now=NOW
    )
    session.commit()
    stored = session.exec(select(DisplayLink)).one()
    assert len(token) >= 40
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in stored.token_hash
    assert (stored.label, stored.created_by, stored.expires_at) == (
        "TV phòng họp",
        "admin",
        NOW + dt.timedelta(days=30),
    )
    check = display_links.check(session, token, now=NOW + dt.timedelta(days=29))
    assert (check.status, check.label, check.ok) == (LinkStatus.ok, "TV phòng họp", True)


def test_two_links_never_share_a_token(session):
    tokens = {display_links.create_link(session, actor=ADMIN, label="TV")[1] for _ in range(5)}
    assert len(tokens) == 5


def test_creating_is_audited_without_the_hash_and_bumps_the_data_version(session):
    before = db.data_version(session)
    link, _token = display_links.create_link(session, actor=ADMIN, label="TV", now=NOW)
    session.commit()
    entry = session.exec(select(AuditLog).where(AuditLog.table_name == "display_link")).one()
    assert (entry.username, entry.action, entry.record_id) == ("admin", "insert", link.id)
    assert "token_hash" not in entry.after
    assert entry.after["label"] == "TV"
    assert db.data_version(session) == before + 1


@pytest.mark.parametrize("role", ["viewer", "staff"])
def test_only_an_admin_creates_or_revokes(session, role):
    actor = Actor(username="someone", role=role)
    with pytest.raises(PermissionDenied):
        display_links.create_link(session, actor=actor, label="TV")
    link, _token = display_links.create_link(session, actor=ADMIN, label="TV")
    with pytest.raises(PermissionDenied):
        display_links.revoke(session, actor=actor, link_id=link.id)
    with pytest.raises(PermissionDenied):
        display_links.create_link(session, actor=None, label="TV")
    assert session.get(DisplayLink, link.id).revoked_at is None


def test_an_expired_link_is_refused(session):
    _link, token = display_links.create_link(session, actor=ADMIN, label="TV", days=1, now=NOW)
    just_before = NOW + dt.timedelta(days=1) - dt.timedelta(seconds=1)
    assert display_links.check(session, token, now=just_before).status == LinkStatus.ok
    assert (
        display_links.check(session, token, now=NOW + dt.timedelta(days=1)).status
        == LinkStatus.expired
    )


def test_a_revoked_link_is_refused_and_revoking_is_audited(session):
    link, token = display_links.create_link(session, actor=ADMIN, label="TV", now=NOW)
    revoked = display_links.revoke(session, actor=ADMIN, link_id=link.id, now=NOW)
    session.commit()
    assert revoked.revoked_at == NOW
    assert display_links.check(session, token, now=NOW).status == LinkStatus.revoked
    entry = session.exec(
        select(AuditLog).where(AuditLog.table_name == "display_link", AuditLog.action == "update")
    ).one()
    assert (entry.before["revoked_at"], entry.after["revoked_at"]) == (None, NOW.isoformat())
    # Revoking again changes nothing.
    display_links.revoke(session, actor=ADMIN, link_id=link.id, now=NOW + dt.timedelta(days=1))
    assert session.get(DisplayLink, link.id).revoked_at == NOW


@pytest.mark.parametrize("token", [None, "", "not-a-token", "x" * 500])
def test_unknown_tokens_are_refused(session, token):
    display_links.create_link(session, actor=ADMIN, label="TV")
    assert display_links.check(session, token).status == LinkStatus.unknown


def test_last_use_is_noted_at_most_every_few_minutes(session):
    link, token = display_links.create_link(session, actor=ADMIN, label="TV", now=NOW)
    version = db.data_version(session)
    display_links.check(session, token, now=NOW + dt.timedelta(minutes=1))
    assert link.last_used_at == NOW + dt.timedelta(minutes=1)
    display_links.check(session, token, now=NOW + dt.timedelta(minutes=3))
    assert link.last_used_at == NOW + dt.timedelta(minutes=1)
    display_links.check(session, token, now=NOW + dt.timedelta(minutes=7))
    assert link.last_used_at == NOW + dt.timedelta(minutes=7)
    # Opening the display is not a change anyone made: no audit entry, caches stay.
    assert db.data_version(session) == version
    assert (
        len(session.exec(select(AuditLog).where(AuditLog.table_name == "display_link")).all()) == 1
    )


@pytest.mark.parametrize(
    ("label", "days", "key"),
    [
        ("   ", 30, "display_link.label_required"),
        ("TV", 0, "display_link.bad_days"),
        ("TV", 400, "display_link.bad_days"),
    ],
)
def test_bad_input_is_refused_with_a_reason(session, label, days, key):
    with pytest.raises(display_links.LinkError) as refused:
        display_links.create_link(session, actor=ADMIN, label=label, days=days)
    assert refused.value.key == key
    assert refused.value.message()
    assert not session.exec(select(DisplayLink)).all()


def test_list_and_state(session):
    _old, _ = display_links.create_link(session, actor=ADMIN, label="Cũ", days=1, now=NOW)
    _new, _ = display_links.create_link(
        session, actor=ADMIN, label="Mới", now=NOW + dt.timedelta(hours=1)
    )
    gone, _ = display_links.create_link(
        session, actor=ADMIN, label="Thu hồi", now=NOW + dt.timedelta(hours=2)
    )
    display_links.revoke(session, actor=ADMIN, link_id=gone.id)
    later = NOW + dt.timedelta(days=2)
    assert [
        (link.label, display_links.link_state(link, later))
        for link in display_links.list_links(session)
    ] == [
        ("Thu hồi", LinkStatus.revoked),
        ("Mới", LinkStatus.ok),
        ("Cũ", LinkStatus.expired),
    ]
