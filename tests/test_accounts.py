"""What is done to accounts: one's own password, and an admin's changes, each a versioned save that
simultaneous changes cannot overwrite, with at least one active admin always left."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from core import accounts, db, users
from core.access import Actor, PermissionDenied
from core.models import AppUser, AuditLog, Role
from core.versioning import StaleEdit
from tests.factories import ADMIN, DEPUTY, STAFF, VIEWER, create_user, login
from tests.racing import race


def fresh(session: Session, user_id: int) -> AppUser:
    session.expire_all()
    return session.get(AppUser, user_id)


def test_a_one_time_password_must_be_changed(session):
    users.create_user(
        session,
        username="admin",
        role=Role.admin,
        password="mot-lan-thoi",
        by_user="make run",
        must_change_password=True,
    )
    outcome = login(session, "admin", "mot-lan-thoi")
    assert outcome.ok and outcome.must_change_password
    accounts.change_password(
        session, actor=outcome.actor, old_password="mot-lan-thoi", new_password="mat-khau-moi-2025"
    )
    session.commit()
    again = login(session, "admin", "mat-khau-moi-2025")
    assert again.ok and not again.must_change_password
    assert not login(session, "admin", "mot-lan-thoi").ok


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("sai", "mat-khau-moi-2025", "auth.old_password_wrong"),
        ("mat-khau-dung", "ngan", "user.password_short"),
        ("mat-khau-dung", "mat-khau-dung", "auth.password_same"),
    ],
)
def test_change_password_refusals(session, old, new, key):
    create_user(session, "lan")
    with pytest.raises(accounts.AccountError) as refused:
        accounts.change_password(session, actor=STAFF, old_password=old, new_password=new)
    assert refused.value.key == key


def test_change_password_is_audited_without_the_hash(session):
    create_user(session, "lan")
    accounts.change_password(
        session, actor=STAFF, old_password="mat-khau-dung", new_password="mat-khau-moi-2025"
    )
    session.commit()
    entry = session.exec(select(AuditLog).where(AuditLog.action == "password")).one()
    assert entry.username == "lan"
    assert "password_hash" not in entry.before and "password_hash" not in entry.after
    assert (entry.before["version"], entry.after["version"]) == (1, 2)


def test_admin_creates_an_account_with_a_one_time_password(session):
    create_user(session, "boss", Role.admin)
    user, password = accounts.create_account(
        session, actor=ADMIN, username="chu.tich", role=Role.viewer, full_name="Trần Văn Chủ"
    )
    session.commit()
    assert len(password) == 16
    assert user.must_change_password
    assert (
        "password_hash" not in session.exec(select(AuditLog).order_by(AuditLog.id)).all()[-1].after
    )
    outcome = login(session, "chu.tich", password)
    assert outcome.actor == Actor("chu.tich", Role.viewer, "Trần Văn Chủ")
    with pytest.raises(accounts.AccountError) as exists:
        accounts.create_account(session, actor=ADMIN, username="Chu.Tich", role=Role.viewer)
    assert (exists.value.key, exists.value.values) == ("user.exists", {"name": "chu.tich"})


def test_only_an_admin_manages_accounts(session):
    lan = create_user(session, "lan")
    for call in (
        lambda a: accounts.create_account(session, actor=a, username="x", role=Role.viewer),
        lambda a: accounts.set_disabled(session, actor=a, user_id=lan.id, disabled=True),
        lambda a: accounts.set_role(session, actor=a, user_id=lan.id, role=Role.admin),
        lambda a: accounts.reset_password(session, actor=a, user_id=lan.id),
        lambda a: accounts.unlock(session, actor=a, user_id=lan.id),
    ):
        for actor in (VIEWER, STAFF):
            with pytest.raises(PermissionDenied):
                call(actor)
    session.rollback()
    assert session.exec(select(AppUser.username, AppUser.role, AppUser.disabled)).all() == [
        ("lan", "staff", False)
    ]


def test_admin_disables_and_enables_an_account(session):
    create_user(session, "boss", Role.admin)
    lan = create_user(session, "lan")
    accounts.set_disabled(session, actor=ADMIN, user_id=lan.id, disabled=True, expected_version=1)
    session.commit()
    assert accounts.load_actor(session, "lan") is None
    assert login(session, "lan", "mat-khau-dung").error == "auth.disabled"
    with pytest.raises(StaleEdit) as stale:
        accounts.set_disabled(
            session, actor=ADMIN, user_id=lan.id, disabled=False, expected_version=1
        )
    assert (stale.value.key, stale.value.username) == ("record.stale", "boss")
    session.rollback()
    accounts.set_disabled(session, actor=ADMIN, user_id=lan.id, disabled=False, expected_version=2)
    session.commit()
    assert accounts.load_actor(session, "lan") == STAFF
    entries = session.exec(
        select(AuditLog.username, AuditLog.action)
        .where(AuditLog.table_name == "app_user", AuditLog.record_id == lan.id)
        .order_by(AuditLog.id)
    ).all()
    assert entries == [("t", "insert"), ("boss", "update"), ("boss", "update")]


def test_the_last_admin_stays(session):
    boss = create_user(session, "boss", Role.admin)
    with pytest.raises(accounts.AccountError) as self_disable:
        accounts.set_disabled(
            session, actor=Actor("BOSS", Role.admin), user_id=boss.id, disabled=True
        )
    assert self_disable.value.key == "auth.cannot_disable_self"
    with pytest.raises(accounts.AccountError) as demote:
        accounts.set_role(session, actor=ADMIN, user_id=boss.id, role=Role.staff)
    assert demote.value.key == "auth.last_admin"
    session.rollback()
    second = create_user(session, "pho", Role.admin)
    accounts.set_role(session, actor=ADMIN, user_id=second.id, role=Role.staff)
    session.commit()
    assert accounts.load_actor(session, "pho") == Actor("pho", Role.staff)


def test_reset_password_lifts_a_lock_and_forces_a_change(session):
    create_user(session, "boss", Role.admin)
    lan = create_user(session, "lan")
    for _ in range(5):
        login(session, "lan", "sai")
    password = accounts.reset_password(session, actor=ADMIN, user_id=lan.id, expected_version=1)
    session.commit()
    outcome = login(session, "lan", password)
    assert outcome.ok and outcome.must_change_password
    entry = session.exec(select(AuditLog).where(AuditLog.action == "password")).one()
    assert "password_hash" not in entry.before and "password_hash" not in entry.after


def test_admin_unlocks(session):
    create_user(session, "boss", Role.admin)
    lan = create_user(session, "lan")
    for _ in range(5):
        login(session, "lan", "sai")
    accounts.unlock(session, actor=ADMIN, user_id=lan.id, expected_version=1)
    session.commit()
    assert login(session, "lan", "mat-khau-dung").ok


WRITERS = {
    "set_disabled": lambda s, uid: accounts.set_disabled(
        s, actor=ADMIN, user_id=uid, disabled=True, expected_version=1
    ),
    "set_role": lambda s, uid: accounts.set_role(
        s, actor=ADMIN, user_id=uid, role=Role.viewer, expected_version=1
    ),
    "reset_password": lambda s, uid: accounts.reset_password(
        s, actor=ADMIN, user_id=uid, expected_version=1
    ),
    "unlock": lambda s, uid: accounts.unlock(s, actor=ADMIN, user_id=uid, expected_version=1),
}


@pytest.mark.parametrize("writer", WRITERS)
def test_two_admins_saving_one_account_at_once_one_wins_the_other_is_told(engine, session, writer):
    create_user(session, "boss", Role.admin)
    lan = create_user(session, "lan")
    outcomes = race(engine, [lambda s: WRITERS[writer](s, lan.id)] * 2)
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert [type(e) for e in refused] == [StaleEdit]
    assert refused[0].key == "record.stale"
    assert fresh(session, lan.id).version == 2
    saves = session.exec(
        select(AuditLog).where(AuditLog.record_id == lan.id, AuditLog.action != "insert")
    ).all()
    assert [(e.before["version"], e.after["version"]) for e in saves] == [(1, 2)]
    if writer == "reset_password":
        (password,) = [o for o in outcomes if isinstance(o, str)]
        assert login(session, "lan", password).ok  # the winner's password is the one kept


@pytest.mark.parametrize("change", ["demote", "disable"])
def test_two_admins_removing_each_other_at_once_leave_one(engine, session, change):
    boss = create_user(session, "boss", Role.admin)
    pho = create_user(session, "pho", Role.admin)

    def remove(actor: Actor, user_id: int):
        if change == "demote":
            return lambda s: accounts.set_role(
                s, actor=actor, user_id=user_id, role=Role.staff, expected_version=1
            )
        return lambda s: accounts.set_disabled(
            s, actor=actor, user_id=user_id, disabled=True, expected_version=1
        )

    outcomes = race(engine, [remove(ADMIN, pho.id), remove(DEPUTY, boss.id)])
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert [(type(e), e.key) for e in refused] == [(accounts.AccountError, "auth.last_admin")]
    session.expire_all()
    admins = session.exec(
        select(AppUser.username).where(AppUser.role == Role.admin, AppUser.disabled.is_(False))
    ).all()
    assert len(admins) == 1


# ---------------------------------------------------------------- the migration to folded names


def _database_at_0002(backend: str, tmp_root, name: str) -> str:
    from alembic import command

    from tests.conftest import _fresh_url

    url = _fresh_url(backend, tmp_root, name)
    command.upgrade(db.alembic_config(url), "0002")
    return url


def test_the_upgrade_names_accounts_that_clash_once_folded_and_how_to_fix_it(
    backend, tmp_root, monkeypatch, capsys
):
    from core.cli import main

    url = _database_at_0002(backend, tmp_root, f"t_clash_{backend}")
    engine = db.make_engine(url, pooled=False)
    with engine.begin() as connection:
        for name, role in (("secadmin", "admin"), ("SecAdmin", "viewer"), ("Đạt", "staff")):
            connection.execute(
                text(
                    "INSERT INTO app_user (username, password_hash, role, disabled, failed_logins,"
                    " must_change_password, created_at, version)"
                    " VALUES (:name, 'x', :role, false, 0, false, '2025-06-01 00:00:00', 1)"
                ),
                {"name": name, "role": role},
            )
    with pytest.raises(users.UsernameClash) as clash:
        db.migrate(url)
    assert clash.value.key == "user.names_clash"
    assert clash.value.values["accounts"] == "«secadmin» (id 1) = «SecAdmin» (id 2)"
    assert clash.value.values["sql"] == "UPDATE app_user SET username = 'SecAdmin-2' WHERE id = 2;"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["init-db"]) == 1
    assert "«SecAdmin» (id 2)" in capsys.readouterr().err
    # The fix the message gives lets the upgrade through.
    with engine.begin() as connection:
        connection.execute(text(clash.value.values["sql"]))
    db.migrate(url)
    with engine.connect() as connection:
        keys = connection.execute(
            text("SELECT username, username_key FROM app_user ORDER BY id")
        ).all()
    engine.dispose()
    assert [tuple(k) for k in keys] == [
        ("secadmin", "secadmin"),
        ("SecAdmin-2", "secadmin-2"),
        ("Đạt", "đạt"),
    ]
