"""`python -m core backup FILE` / `restore FILE` (core/backup.py), on SQLite and PostgreSQL.

The backup is taken while another thread holds an import-like transaction open (members admitted
through core.membership, not yet committed); restoring it must give back exactly what was committed
when the backup was taken: not the rows in flight, not the rows committed afterwards.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from core import backup, db, membership
from core.access import Actor, PermissionDenied
from core.cli import main
from core.models import AuditLog, GrassrootsUnion, Member, MembershipEvent, Role
from core.strings import t
from tests import factories as f
from tests.conftest import migrated_url, truncate_all
from tests.factories import ADMIN

D = dt.date
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def backup_db(backend, tmp_root, monkeypatch) -> str:
    """A database of its own (restores replace whole tables), emptied before each test."""
    url = migrated_url(backend, tmp_root, "backup")
    truncate_all(db.engine_for(url))
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def state(url: str) -> dict:
    """What a restore must bring back: members, events in force, counters, data version."""
    with Session(db.engine_for(url)) as session:
        members = sorted(session.exec(select(Member.full_name, Member.status)).all())
        events = session.exec(
            select(func.count())
            .select_from(MembershipEvent)
            .where(MembershipEvent.deleted_at.is_(None))
        ).one()
        counters = dict(
            session.exec(select(GrassrootsUnion.name, GrassrootsUnion.active_members)).all()
        )
        recount = membership.recount_active_members(session)
        return {
            "members": members,
            "events": events,
            "counters": counters,
            "counters_match_events": all(
                count == recount.get(union_id, 0)
                for union_id, count in session.exec(
                    select(GrassrootsUnion.id, GrassrootsUnion.active_members)
                ).all()
            ),
            "data_version": db.data_version(session),
        }


def admit(session: Session, union_id: int, name: str, on: dt.date) -> None:
    membership.admit_member(
        session=session,
        member=Member(full_name=name, search_name=name.lower(), gender="female"),
        union_id=union_id,
        on=on,
        by_user="test",
    )


def committed_start(url: str) -> int:
    engine = db.engine_for(url)
    with db.session_scope(engine) as session:
        f.create_plan(session)
        union = f.create_union(session, name="CĐCS May Hải Phòng")
        for i in range(5):
            admit(session, union.id, f"Đoàn viên {i}", D(2025, 3, 1))
        return union.id


def test_backup_during_an_open_import_restores_exactly_the_committed_state(backup_db, tmp_path):
    union_id = committed_start(backup_db)
    committed = state(backup_db)
    halfway, backed_up = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def long_import() -> None:
        try:
            with db.session_scope(db.engine_for(backup_db)) as session:
                for i in range(40):
                    admit(session, union_id, f"Đang nhập {i}", D(2025, 5, 2))
                    if i == 19:
                        session.flush()
                        halfway.set()
                        assert backed_up.wait(60), "the backup never finished"
        except BaseException as error:  # noqa: BLE001  (reported by the main thread)
            failures.append(error)
            halfway.set()

    writer = threading.Thread(target=long_import)
    writer.start()
    assert halfway.wait(60)
    try:
        result = backup.backup(tmp_path / "during.bak", url=backup_db)
    finally:
        backed_up.set()
        writer.join(60)
    assert not failures, failures
    assert result.size > 0
    after_import = state(backup_db)
    assert len(after_import["members"]) == 5 + 40

    # One more committed change after the backup: the restore must take it away too.
    with db.session_scope(db.engine_for(backup_db)) as session:
        admit(session, union_id, "Sau sao lưu", D(2025, 6, 1))

    backup.restore(tmp_path / "during.bak", url=backup_db, by_user="test")

    restored = state(backup_db)
    assert restored["members"] == committed["members"]
    assert restored["members"] == [(f"Đoàn viên {i}", "active") for i in range(5)]
    assert restored["events"] == committed["events"] == 5
    assert restored["counters"] == committed["counters"] == {"CĐCS May Hải Phòng": 5}
    assert restored["counters_match_events"]
    # The data version moved past every value the app servers may have cached figures under.
    assert restored["data_version"] > after_import["data_version"] + 1


def test_cli_backup_then_restore(backend, backup_db, tmp_path, capsys):
    committed_start(backup_db)
    before = state(backup_db)
    target = tmp_path / "sao-luu.bak"

    assert main(["backup", str(target)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("Đã sao lưu cơ sở dữ liệu") and str(target) in out

    with db.session_scope(db.engine_for(backup_db)) as session:
        member = session.exec(select(Member).where(Member.full_name == "Đoàn viên 0")).one()
        membership.record_departure(
            session=session, member=member, on=D(2025, 9, 1), reason="quit_job", by_user="test"
        )
    assert state(backup_db)["members"] != before["members"]

    assert main(["restore", str(target)]) == 0
    out, err = capsys.readouterr()
    assert (out.strip(), err) == (t("backup.restored", backend=backend, file=target), "")
    assert state(backup_db)["members"] == before["members"]
    with Session(db.engine_for(backup_db)) as session:
        note = session.exec(select(AuditLog).where(AuditLog.table_name == "database")).one()
        assert (note.action, note.username, note.after["file"]) == ("restore", "cli", target.name)


@pytest.mark.parametrize(
    "content",
    [b"", b"Ho ten;CCCD\nNguyen Van A;031090001234\n", b"SQLite format 3\x00" + b"\x00" * 200],
    ids=["empty", "csv", "broken-sqlite"],
)
def test_restore_refuses_a_file_that_is_not_a_backup(backup_db, tmp_path, capsys, content):
    committed_start(backup_db)
    before = state(backup_db)
    bogus = tmp_path / "khong-phai.bak"
    bogus.write_bytes(content)

    assert main(["restore", str(bogus)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == t("cli.error", message=t("backup.not_a_backup", file=bogus.name))
    assert len(err.strip().splitlines()) == 1
    assert state(backup_db) == before


def test_restore_refuses_another_applications_database(backup_db, tmp_path, capsys):
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE member (id INTEGER PRIMARY KEY, name TEXT)")
    committed_start(backup_db)
    before = state(backup_db)

    assert main(["restore", str(other)]) == 1
    _out, err = capsys.readouterr()
    assert err.strip() == t("cli.error", message=t("backup.not_a_backup", file="other.db"))
    assert state(backup_db) == before


def test_restore_of_a_missing_file_says_so(backup_db, tmp_path, capsys):
    missing = tmp_path / "none.bak"
    assert main(["restore", str(missing)]) == 1
    _out, err = capsys.readouterr()
    assert err.strip() == t("cli.error", message=t("backup.missing_file", file=str(missing)))


# ---------------------------------------------------------------- a backup from the admin page

NOW = dt.datetime(2025, 11, 3, 17, 45, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def backup_notes(url: str) -> list[AuditLog]:
    with Session(db.engine_for(url)) as session:
        return list(session.exec(select(AuditLog).where(AuditLog.action == "backup")).all())


PASSPHRASE = "hoa sen nở giữa hồ"


def test_an_admin_downloads_an_encrypted_backup_that_restores_with_its_passphrase(
    backend, backup_db, tmp_path, capsys
):
    committed_start(backup_db)
    before = state(backup_db)

    name, data = backup.download(actor=ADMIN, passphrase=PASSPHRASE, now=NOW)

    suffix = {"sqlite": "sqlite3", "postgresql": "dump"}[backend]
    assert name == f"ugt-backup-20251103-1745.{suffix}.enc"
    magic = backup.SQLITE_MAGIC if backend == "sqlite" else backup.PG_DUMP_MAGIC
    assert data.startswith(backup.ENCRYPTED_MAGIC)
    assert magic not in data and b"CREATE TABLE" not in data and b"argon2" not in data
    assert backup.decrypt(data, PASSPHRASE).startswith(magic)
    [note] = backup_notes(backup_db)
    assert (note.username, note.table_name, note.after) == (
        "boss",
        "database",
        {"file": name, "bytes": len(data)},
    )
    with Session(db.engine_for(backup_db)) as session:
        assert backup.last_download(session).id == note.id

    saved = tmp_path / name  # what the browser saved
    saved.write_bytes(data)
    with db.session_scope(db.engine_for(backup_db)) as session:
        member = session.exec(select(Member).where(Member.full_name == "Đoàn viên 0")).one()
        membership.record_departure(
            session=session, member=member, on=D(2025, 9, 1), reason="quit_job", by_user="test"
        )
    for passphrase, key in ((None, "backup.passphrase_needed"), ("sai", "backup.wrong_passphrase")):
        with pytest.raises(backup.BackupError) as refused:
            backup.restore(saved, by_user="boss", passphrase=passphrase)
        assert refused.value.key == key
    assert state(backup_db)["members"] != before["members"]  # nothing was restored
    # From the command line, the passphrase in a file.
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    assert main(["restore", str(saved), "--passphrase-file", str(secret)]) == 0
    assert capsys.readouterr().out.startswith("Đã khôi phục")
    assert state(backup_db)["members"] == before["members"]


def test_a_changed_byte_or_a_short_passphrase_is_refused():
    sealed = backup.encrypt(b"SQLite format 3\x00 data", PASSPHRASE)
    for position in (len(backup.ENCRYPTED_MAGIC) + 3, len(sealed) - 1):
        altered = bytearray(sealed)
        altered[position] ^= 1
        with pytest.raises(backup.BackupError) as refused:
            backup.decrypt(bytes(altered), PASSPHRASE)
        assert refused.value.key == "backup.wrong_passphrase"
    with pytest.raises(backup.BackupError) as short:
        backup.download(actor=ADMIN, passphrase="ngan")
    assert short.value.key == "backup.passphrase_short"


@pytest.mark.parametrize("role", [Role.viewer, Role.staff])
def test_only_an_admin_may_download_a_backup(backup_db, role):
    with pytest.raises(PermissionDenied):
        backup.download(actor=Actor("someone", role), passphrase=PASSPHRASE)
    assert backup_notes(backup_db) == []


def test_a_backup_too_big_for_the_browser_is_refused_and_not_noted(backup_db, monkeypatch):
    committed_start(backup_db)
    monkeypatch.setattr(backup, "MAX_DOWNLOAD_MB", 0)
    with pytest.raises(backup.BackupError) as refused:
        backup.download(actor=ADMIN, passphrase=PASSPHRASE)
    assert (refused.value.key, refused.value.values["max"]) == ("backup.too_big", 0)
    assert backup_notes(backup_db) == []


def test_the_backup_page_offers_only_ciphertext_and_only_on_click(backup_db, monkeypatch):
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.testing.v1 import AppTest, app_test

    from tests.login import login_as

    managers: list[MediaFileManager] = []

    class KeptMediaFileManager(MediaFileManager):
        """The media store of each run, kept to look into after it."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", KeptMediaFileManager)
    committed_start(backup_db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    login_as(at, "boss", "admin")
    at.run()
    at.switch_page("pages/admin_backup.py").run()
    assert [c.value for c in at.main.caption][-1] == "Chưa có lần sao lưu nào được tạo từ ứng dụng."
    at.main.text_input[0].input(PASSPHRASE)
    at.main.text_input[1].input(PASSPHRASE)
    at.button(key="admin_backup.make").click().run()
    assert not at.exception
    [note] = backup_notes(backup_db)
    [done] = at.success
    assert done.value.startswith(f"Đã tạo bản sao lưu {note.after['file']} (")
    [button] = at.get("download_button")
    assert button.proto.label == "Tải bản sao lưu về máy"
    # No URL exists before the click: nothing under /media/ to fetch without the session.
    assert button.proto.url == ""
    media = managers[-1]
    assert not media._file_metadata  # the store holds nothing of the backup
    served = media.read_file(media.execute_deferred(button.proto.deferred_file_id).split("/")[-1])
    # What the click puts in the media store is ciphertext; the typed passphrase opens it.
    assert served.content.startswith(backup.ENCRYPTED_MAGIC)
    magic = backup.SQLITE_MAGIC if backup_db.startswith("sqlite") else backup.PG_DUMP_MAGIC
    assert backup.decrypt(served.content, PASSPHRASE).startswith(magic)
    assert at.main.caption[-1].value.startswith("Lần sao lưu gần nhất: ")
    assert at.main.caption[-1].value.endswith("(boss)")


def test_the_backup_page_refuses_passphrases_that_differ(backup_db):
    from streamlit.testing.v1 import AppTest

    from tests.login import login_as

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    login_as(at, "boss", "admin")
    at.run()
    at.switch_page("pages/admin_backup.py").run()
    at.main.text_input[0].input(PASSPHRASE)
    at.main.text_input[1].input(PASSPHRASE + "!")
    at.button(key="admin_backup.make").click().run()
    assert [e.value for e in at.error] == [t("admin_backup.passphrases_differ")]
    assert backup_notes(backup_db) == []
    assert at.get("download_button") == []
