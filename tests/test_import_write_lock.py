"""Logins go on during an import: reading, checking and matching a file, and building the rows to
write, hold no write lock (on SQLite one writer at a time, and a login writes); only the final
writes do, for a moment.

Each test holds the import at one point with an event, logs someone in meanwhile, and expects the
login to be done within LOGIN_WAIT, long before SQLite's busy timeout would have given up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from core import db, importing, login_sessions, membership, users
from core.auth import Actor, attempt_login
from core.cli import main
from core.demo import GIVEN_MALE, MIDDLE_MALE, SURNAMES
from core.importing import plan as planning
from core.models import ImportKind, Member, Role
from core.strings import t
from tests import factories as f

UNION = "CĐCS Công ty Dệt Vĩnh Bảo"
HEADER = "Họ và tên,Ngày sinh,Giới tính,Số CCCD,Ngày kết nạp"
ROWS = 3000
PASSWORD = "mat-khau-du-dai-1"
LOGIN_WAIT = 5.0  # seconds; a login blocked by the import would wait out the 30 s busy timeout
HELD = 60.0  # the longest the import is held, should the test go wrong


def members_csv(count: int = ROWS) -> bytes:
    lines = [HEADER]
    for n in range(count):
        name = f"{SURNAMES[n % 20]} {MIDDLE_MALE[n // 20 % 9]} {GIVEN_MALE[n // 180 % 20]}"
        lines.append(f"{name},05/03/1990,Nam,031090{n:06d},02/05/2025")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def world(engine, db_env):
    with db.session_scope(engine) as session:
        f.create_union(session, name=UNION)
        users.create_user(
            session, username="lan", role=Role.viewer, password=PASSWORD, by_user="test"
        )
    return engine


def hold_at(monkeypatch, owner, name: str, *, key=None) -> tuple[threading.Event, threading.Event]:
    """Make `owner.name` (or `owner[key]`) stop on its first call until `release` is set; `reached`
    says the import got there."""
    reached, release = threading.Event(), threading.Event()
    real = owner[key] if key is not None else getattr(owner, name)

    def held(*args, **kwargs):
        if not reached.is_set():
            reached.set()
            release.wait(HELD)
        return real(*args, **kwargs)

    if key is not None:
        monkeypatch.setitem(owner, key, held)
    else:
        monkeypatch.setattr(owner, name, held)
    return reached, release


def log_in_meanwhile(engine, reached: threading.Event, release: threading.Event) -> list:
    """Once the import is held, log in (and start a login session, as the login form does) in
    another thread; the import is released only afterwards. Returns [outcome] or [] if the login
    did not finish within LOGIN_WAIT."""
    assert reached.wait(HELD), "the import never reached the point where it is held"
    done: list = []

    def log_in() -> None:
        with db.session_scope(engine) as session:
            outcome = attempt_login(session, username="lan", password=PASSWORD)
            if outcome.ok:
                login_sessions.start(session, username="lan")
        done.append(outcome)

    login = threading.Thread(target=log_in)
    login.start()
    login.join(LOGIN_WAIT)
    finished = list(done)
    release.set()
    login.join(HELD)
    return finished


def in_thread(call: Callable[[], object]) -> tuple[threading.Thread, list]:
    result: list = []
    thread = threading.Thread(target=lambda: result.append(call()))
    thread.start()
    return thread, result


def members(engine) -> int:
    with Session(engine) as session:
        return session.exec(
            select(func.count()).select_from(Member).where(Member.deleted_at.is_(None))
        ).one()


def test_a_login_while_the_import_command_matches_the_file(world, monkeypatch, tmp_path):
    path = tmp_path / "danh-sach.csv"
    path.write_bytes(members_csv())
    reached, release = hold_at(monkeypatch, planning.PLANNERS, "", key=ImportKind.members)
    command, codes = in_thread(lambda: main(["import", "members", str(path), "--union", UNION]))

    outcomes = log_in_meanwhile(world, reached, release)
    command.join(HELD)

    assert [outcome.ok for outcome in outcomes] == [True]
    assert codes == [0]
    assert members(world) == ROWS


def test_a_login_while_the_import_builds_the_rows_it_will_write(world, monkeypatch):
    """The page's path: preview, then commit; the commit builds the new members before locking."""
    reached, release = hold_at(monkeypatch, membership, "prepare_admissions")

    def import_file() -> int:
        with db.session_scope(world) as session:
            plan = importing.preview(
                session, data=members_csv(), file_name="ds.csv", kind="members", default_union=UNION
            )
        with db.session_scope(world) as session:
            return importing.commit_plan(
                session=session, plan=plan, actor=Actor("hoa", "staff")
            ).added

    writer, added = in_thread(import_file)
    outcomes = log_in_meanwhile(world, reached, release)
    writer.join(HELD)

    assert [outcome.ok for outcome in outcomes] == [True]
    assert added == [ROWS]
    assert members(world) == ROWS


def test_a_write_between_the_preview_and_the_commit_makes_the_command_preview_again(
    world, monkeypatch, tmp_path, capsys
):
    """The command previews without the lock, so another write can land meanwhile: its plan is then
    stale, and it previews again and imports against the data as it now is."""
    path = tmp_path / "danh-sach.csv"
    path.write_bytes(members_csv(10))
    reached, release = hold_at(monkeypatch, planning.PLANNERS, "", key=ImportKind.members)
    command, codes = in_thread(lambda: main(["import", "members", str(path), "--union", UNION]))
    assert reached.wait(HELD)
    with db.session_scope(world) as session:  # a colleague imports the first three meanwhile
        plan = importing.preview(
            session, data=members_csv(3), file_name="ba.csv", kind="members", default_union=UNION
        )
        importing.commit_plan(session=session, plan=plan, actor=Actor("hoa", "staff"))
    release.set()
    command.join(HELD)

    assert codes == [0]
    assert members(world) == 10
    out, _ = capsys.readouterr()
    # Counted against the data as the colleague left it: the three are there already.
    expected = t("import.cli.summary", file=path.name, added=7, updated=0, unchanged=3, refused=0)
    assert out.splitlines()[0] == expected
