"""Load test: N browser sessions open the overview at once on one app server while staff import.

    .venv/bin/python -m bench.load_test                  # 20 sessions, fresh district database
    .venv/bin/python -m bench.load_test --sessions 10 --db postgresql+psycopg://…/loadtest

Loopback only and bounded: one `streamlit run app.py` on a free port of 127.0.0.1, one headless
chromium (Debian's, never downloaded) with N contexts, a fixed number of sessions, every wait capped
and the whole run stopped after --limit seconds. Without --db it builds its own district database
(core.demo, SQLite in a temporary folder), so the import never touches another data set.

Each session: open the app, log in through the form as a viewer, wait for the overview's figures
(`[data-testid=stMetricValue]`). Meanwhile `python -m core import members FILE --union …` imports a
generated CSV in a subprocess, as staff would. Printed: the 95th percentile and the maximum time to
render (from the login click to the figures drawn, and from opening the address), the sessions that
errored (any exception, or a Streamlit exception or error element on the page), the import's time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlmodel import select

from core import db, demo, users
from core.demo import GIVEN_MALE, MIDDLE_MALE, SURNAMES
from core.formatting import fmt_int
from core.models import AppUser, GrassrootsUnion, Role
from core.settings import PROJECT_ROOT
from core.strings import t

VIEWER = "loadtest-viewer"
HEADER = "Họ và tên,Ngày sinh,Giới tính,Số CCCD,Ngày kết nạp"
SESSION_TIMEOUT_S = 120
SHOTS = os.environ.get("LOADTEST_SHOTS")  # a folder: a screenshot of every session that errored
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
ERROR_SELECTOR = "[data-testid=stException], [data-testid=stAlertContentError]"


def members_csv(first: int, count: int) -> bytes:
    """`count` new members with CCCDs numbered from `first` (as tests/test_two_servers.py)."""
    lines = [HEADER]
    for n in range(first, first + count):
        name = f"{SURNAMES[n % 20]} {MIDDLE_MALE[n // 20 % 9]} {GIVEN_MALE[n // 180 % 20]}"
        lines.append(f"{name},05/03/1990,Nam,031090{n:06d},02/05/2025")
    return ("\n".join(lines) + "\n").encode()


def prepare(url: str | None, folder: Path) -> tuple[str, str, str]:
    """The database (built if not given), a viewer account; returns url, password, a union name."""
    if url is None:
        url = f"sqlite:///{folder / 'load.db'}"
        db.migrate(url)
        with db.session_scope(db.engine_for(url)) as session:
            demo.seed(session, demo.SCALES["district"])
    password = secrets.token_urlsafe(12)
    with db.session_scope(db.engine_for(url)) as session:
        user = session.exec(select(AppUser).where(AppUser.username == VIEWER)).first()
        if user is None:
            users.create_user(
                session, username=VIEWER, role=Role.viewer, password=password, by_user="loadtest"
            )
        else:
            user.password_hash = users.hash_password(password)
            user.disabled = False
            user.locked_until = None
            user.failed_logins = 0
            session.add(user)
        union = session.exec(
            select(GrassrootsUnion.name)
            .where(GrassrootsUnion.deleted_at.is_(None))
            .order_by(GrassrootsUnion.id)
        ).first()
    return url, password, union


async def one_session(browser, base_url: str, password: str, index: int) -> dict:
    context = await browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    started = time.perf_counter()
    outcome: dict = {"session": index}
    try:
        page = await context.new_page()
        page.set_default_timeout(SESSION_TIMEOUT_S * 1000)
        await page.goto(base_url)
        # Fill the form only once the first run has finished: a run still drawing it resets it.
        await page.get_by_label(t("auth.password")).wait_for()
        await page.wait_for_selector(IDLE)
        await page.get_by_label(t("auth.username")).fill(VIEWER)
        await page.get_by_label(t("auth.password")).fill(password)
        clicked = time.perf_counter()
        await page.get_by_role("button", name=t("auth.login")).click()
        await page.wait_for_selector("[data-testid=stMetricValue]")
        rendered = time.perf_counter()
        outcome["render_s"] = rendered - clicked
        outcome["total_s"] = rendered - started
        await page.wait_for_selector(IDLE)
        errors = await page.locator(ERROR_SELECTOR).all_inner_texts()
        if errors:
            outcome["error"] = "; ".join(e.strip().replace("\n", " ")[:200] for e in errors)
    except Exception as error:  # noqa: BLE001  (any failure is what the test counts)
        outcome["error"] = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
        if SHOTS:
            with contextlib.suppress(Exception):
                await page.screenshot(path=f"{SHOTS}/session-{index}.png")
    finally:
        await context.close()
    return outcome


async def drive(
    base_url: str, password: str, sessions: int, start_import, warm_up: bool
) -> tuple[list, dict]:
    from playwright.async_api import async_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            if warm_up:  # one login first, as someone opens the app after a server start
                first = await one_session(browser, base_url, password, -1)
                if "error" in first:
                    raise RuntimeError(f"the warm-up session failed: {first['error']}")
            importing = asyncio.create_task(asyncio.to_thread(start_import))
            outcomes = await asyncio.gather(
                *(one_session(browser, base_url, password, i) for i in range(sessions))
            )
            imported = await importing
        finally:
            await browser.close()
    return outcomes, imported


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load_test", description=__doc__)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rows", type=int, default=5000, help="members in the imported file")
    parser.add_argument("--db", help="database URL (default: a fresh district database)")
    parser.add_argument("--limit", type=int, default=600, help="stop after this many seconds")
    parser.add_argument(
        "--no-warm-up",
        action="store_true",
        help="no login before the N sessions: they are the first on the new server",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= 50:
        parser.error("--sessions: between 1 and 50")

    from bench.__main__ import load_average, machine
    from tests.browser import streamlit_server

    with tempfile.TemporaryDirectory() as folder:
        url, password, union = prepare(args.db, Path(folder))
        csv = Path(folder) / "members.csv"
        csv.write_bytes(members_csv(700_000, args.rows))

        def run_import() -> dict:
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "core", "import", "members", str(csv), "--union", union],
                cwd=PROJECT_ROOT,
                env={**os.environ, "DATABASE_URL": url, "PYTHONWARNINGS": "ignore"},
                capture_output=True,
                text=True,
                timeout=args.limit,
            )
            last = (done.stdout or done.stderr).strip().splitlines()[-1:]
            return {
                "seconds": time.perf_counter() - started,
                "code": done.returncode,
                "said": last[0] if last else "",
            }

        load_at_start = load_average()
        with streamlit_server(url) as base_url:
            outcomes, imported = asyncio.run(
                asyncio.wait_for(
                    drive(base_url, password, args.sessions, run_import, not args.no_warm_up),
                    timeout=args.limit,
                )
            )

    rendered = [o["render_s"] for o in outcomes if "render_s" in o and "error" not in o]
    totals = [o["total_s"] for o in outcomes if "total_s" in o and "error" not in o]
    errored = [o for o in outcomes if "error" in o]

    def s(value: float) -> str:
        return f"{value:.2f}".replace(".", ",") + " s"

    database = (
        "SQLite, fresh district data set"
        if args.db is None
        else make_url(url).render_as_string(hide_password=True)
    )
    lines = [
        f"Load test {time.strftime('%Y-%m-%d %H:%M')} — {machine()}; load average "
        f"{load_at_start} at the start, {load_average()} at the end; {database}",
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| sessions at once (one server, one chromium) | {args.sessions} |",
        "| one login before them (server already warm) | "
        + ("no" if args.no_warm_up else "yes")
        + " |",
        f"| sessions that errored | {len(errored)} |",
    ]
    if rendered:
        lines += [
            f"| login click → overview figures, 95th percentile | {s(percentile(rendered, 0.95))} |",
            f"| login click → overview figures, max | {s(max(rendered))} |",
            f"| open address → overview figures, 95th percentile | {s(percentile(totals, 0.95))} |",
            f"| open address → overview figures, max | {s(max(totals))} |",
        ]
    lines += [
        f"| import of {fmt_int(args.rows)} members meanwhile (`python -m core import`) "
        f"| {s(imported['seconds'])} (exit {imported['code']}) |",
    ]
    if imported["said"]:
        lines += ["", f"Import said: {imported['said']}"]
    if errored:
        lines += ["", "Errors:", *(f"- session {o['session']}: {o['error']}" for o in errored)]
    print("\n".join(lines))
    return 1 if errored or imported["code"] != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
