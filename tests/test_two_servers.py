"""Several app servers on one database (docs/deploy.md).

- Two `streamlit run app.py` processes on two ports share one PostgreSQL: a member admitted through
  core shows on both at the next page load, although each had the figures cached (the caches are
  keyed on core.db.data_version, which every write bumps in its own transaction).
- Two imports at the same moment into one database neither lose nor duplicate rows: different
  files both land whole; the same file twice lands once, the other import writes nothing.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading

import pytest
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, select

from core import db, demo, importing, membership
from core.access import Actor
from core.demo import GIVEN_MALE, MIDDLE_MALE, SURNAMES
from core.formatting import fmt_int
from core.models import GrassrootsUnion, Member, MembershipEvent
from core.strings import t
from tests import factories as f
from tests.browser import ROOT
from tests.conftest import PG_URL, migrated_url, truncate_all

UNION = "CĐCS Công ty May Song Song"
HEADER = "Họ và tên,Ngày sinh,Giới tính,Số CCCD,Ngày kết nạp"


# ---------------------------------------------------------------- two app servers


def net_growth_shown(page) -> str:
    from tests.browser import wait_until_idle

    label = t("overview.gauge.net_growth")
    page.wait_for_selector("[data-testid=stMetricValue]")
    wait_until_idle(page)
    for metric in page.locator("[data-testid=stMetric]").all():
        if metric.locator("[data-testid=stMetricLabel]").inner_text().strip() == label:
            return metric.locator("[data-testid=stMetricValue]").inner_text().strip()
    raise AssertionError(f"no metric labelled {label!r}")


@pytest.mark.browser
@pytest.mark.skipif(not PG_URL, reason="needs TEST_DATABASE_URL (PostgreSQL)")
def test_a_write_shows_on_both_app_servers(tmp_root, monkeypatch):
    from tests.browser import chromium_page, log_in, require_chromium, streamlit_server
    from tests.login import ensure_user

    require_chromium()
    url = migrated_url("postgresql", tmp_root, "servers")
    engine = db.engine_for(url)
    truncate_all(engine)
    with db.session_scope(engine) as session:
        demo.seed(session)
        union_id = session.exec(select(GrassrootsUnion.id).order_by(GrassrootsUnion.id)).first()
    monkeypatch.setenv("DATABASE_URL", url)
    password = ensure_user("hai_may_chu", "viewer")

    with (
        streamlit_server(url) as server_a,
        streamlit_server(url) as server_b,
        chromium_page(server_a) as page_a,
    ):
        assert server_a != server_b
        page_b = page_a.context.new_page()
        page_b.goto(server_b)
        for page in (page_a, page_b):
            log_in(page, "hai_may_chu", password)
            assert net_growth_shown(page) == "2.360"  # now cached on both servers

        with db.session_scope(engine) as session:
            membership.admit_member(
                session=session,
                member=Member(full_name="Đoàn Viên Mới", search_name="doan vien moi"),
                union_id=union_id,
                on=dt.date(2025, 3, 3),
                by_user="server-a",
            )

        for page in (page_b, page_a):
            # A new session on the same server process, its cache still warm. The login cookie
            # logs it straight in: its session is in the shared database, so either server takes it.
            page.reload()
            assert net_growth_shown(page) == fmt_int(2361)
            assert page.get_by_label(t("auth.username")).count() == 0


# ---------------------------------------------------------------- two imports at once


def members_csv(first: int, count: int) -> bytes:
    """`count` members with CCCDs numbered from `first` (men born 1990: 031 0 90 ……)."""
    lines = [HEADER]
    for n in range(first, first + count):
        name = f"{SURNAMES[n % 20]} {MIDDLE_MALE[n // 20 % 9]} {GIVEN_MALE[n // 180 % 20]}"
        lines.append(f"{name},05/03/1990,Nam,031090{n:06d},02/05/2025")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def import_db(backend, tmp_root, monkeypatch) -> str:
    url = migrated_url(backend, tmp_root, "imports")
    engine = db.engine_for(url)
    truncate_all(engine)
    with db.session_scope(engine) as session:
        f.create_plan(session)
        f.create_union(session, name=UNION)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def import_both_at_once(url: str, files: list[tuple[str, bytes]], *, lock: bool) -> list[object]:
    """Each file imported in its own thread and transaction, started together.

    lock=True takes the import lock before previewing, so the two imports run one after the other.
    lock=False lets both preview before either writes (the worst moment for a race, and what
    `python -m core import` now does: preview unlocked, then commit), to show that commit then
    refuses the stale plan instead of writing it; the command previews again when it is refused.
    """
    engine = db.engine_for(url)
    started = threading.Barrier(len(files), timeout=60)
    outcomes: list[object] = [None] * len(files)

    def run(index: int, name: str, data: bytes) -> None:
        try:
            with db.session_scope(engine) as session:
                started.wait()
                if lock:
                    importing.lock_imports(session)
                plan = importing.preview(
                    session, data=data, file_name=name, kind="members", default_union=UNION
                )
                if not lock:
                    both_read.wait()
                importing.commit_plan(
                    session=session, plan=plan, actor=Actor(f"staff{index}", "staff")
                )
                outcomes[index] = plan.counts
        except (importing.StalePlan, IntegrityError, OperationalError) as error:
            outcomes[index] = error

    both_read = threading.Barrier(len(files), timeout=60)
    threads = [
        threading.Thread(target=run, args=(i, name, data)) for i, (name, data) in enumerate(files)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return outcomes


def stored(url: str) -> dict:
    with Session(db.engine_for(url)) as session:
        cccds = session.exec(select(Member.cccd).where(Member.deleted_at.is_(None))).all()
        events = session.exec(
            select(func.count())
            .select_from(MembershipEvent)
            .where(MembershipEvent.deleted_at.is_(None))
        ).one()
        union = session.exec(select(GrassrootsUnion).where(GrassrootsUnion.name == UNION)).one()
        recount = membership.recount_active_members(session).get(union.id, 0)
        return {
            "members": len(cccds),
            "distinct": len(set(cccds)),
            "events": events,
            "counter": union.active_members,
            "recount": recount,
        }


def everywhere(n: int) -> dict[str, int]:
    """What `stored` reads when n members landed whole: rows, distinct ids, events, counters."""
    return {"members": n, "distinct": n, "events": n, "counter": n, "recount": n}


def test_two_different_imports_at_once_both_land_whole(import_db):
    outcomes = import_both_at_once(
        import_db,
        [("to-1.csv", members_csv(1, 150)), ("to-2.csv", members_csv(1001, 150))],
        lock=True,
    )
    assert [o["add"] for o in outcomes] == [150, 150]
    assert stored(import_db) == everywhere(300)


def test_the_same_file_twice_at_once_lands_once(import_db):
    data = members_csv(1, 150)
    outcomes = import_both_at_once(import_db, [("ds.csv", data), ("ds-copy.csv", data)], lock=True)
    # One added everyone; the other, run after it under the lock, found them all already there.
    assert sorted((o["add"], o["unchanged"]) for o in outcomes) == [(0, 150), (150, 0)]
    assert stored(import_db) == everywhere(150)


def test_a_plan_previewed_before_another_import_is_refused_not_written(import_db):
    data = members_csv(1, 150)
    outcomes = import_both_at_once(import_db, [("ds.csv", data), ("ds-copy.csv", data)], lock=False)
    landed = [o for o in outcomes if isinstance(o, dict)]
    assert [o["add"] for o in landed] == [150]
    (refused,) = [o for o in outcomes if not isinstance(o, dict)]
    assert isinstance(refused, importing.StalePlan)
    assert stored(import_db)["members"] == 150
    # Previewed again, it finds everyone already imported and changes nothing.
    again = import_both_at_once(import_db, [("ds.csv", data)], lock=True)
    assert (again[0]["add"], again[0]["unchanged"]) == (0, 150)
    assert stored(import_db) == everywhere(150)


def test_two_import_commands_at_once(import_db, tmp_path):
    """The real thing: two `python -m core import` processes started together."""
    paths = []
    for n, first in enumerate((1, 2001)):
        path = tmp_path / f"danh-sach-{n}.csv"
        path.write_bytes(members_csv(first, 200))
        paths.append(path)
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "core", "import", "members", str(path), "--union", UNION],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for path in paths
    ]
    results = [process.communicate(timeout=180) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], results
    assert stored(import_db) == everywhere(400)
