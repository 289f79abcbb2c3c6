"""Run the briefing display unattended and watch the Streamlit server's memory.

    .venv/bin/python -m bench.display_soak                 # 10 minutes, refresh every 2 s
    .venv/bin/python -m bench.display_soak --minutes 60 --refresh 30

A district demo database is built in a temporary folder (or --db URL is used), a view-only link is
opened in Debian's chromium at 1920×1080, and the display refreshes and rotates by itself. Every
--write-every seconds one member is admitted, so the figures and charts are recomputed as they
would be when staff upload during a meeting. The server's resident memory (VmRSS of the
`streamlit run` process, from /proc) and the page's JavaScript heap are sampled every --sample
seconds; the table and a Markdown summary go to bench/results/display-soak-<time>.md.

Only 127.0.0.1 is contacted; the run stops by itself after --minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from core import db, demo, display_links, membership
from core.access import Actor
from core.formatting import fmt_int
from core.models import Member
from core.settings import PROJECT_ROOT
from core.text import unaccent
from tests.browser import chromium_page, streamlit_server

RESULTS = PROJECT_ROOT / "bench" / "results"


def server_pid(port: int) -> int:
    """The `streamlit run` process listening on `port`."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(command) and str(port).encode() in command:
            return int(entry.name)
    raise RuntimeError(f"no streamlit process on port {port}")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def admit_one(url: str, n: int) -> None:
    with db.session_scope(db.engine_for(url)) as session:
        name = f"Đoàn Viên Thử {n}"
        membership.admit_member(
            session=session,
            member=Member(full_name=name, search_name=unaccent(name), gender="male"),
            union_id=1,
            on=dt.date(2025, 12, 31),
            by_user="soak",
        )


def build_database(folder: Path) -> str:
    url = f"sqlite:///{folder / 'soak.db'}"
    db.migrate(url)
    with db.session_scope(db.engine_for(url)) as session:
        demo.seed(session)
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--refresh", type=int, default=2, help="DISPLAY_REFRESH_SECONDS")
    parser.add_argument("--sample", type=int, default=30, help="seconds between samples")
    parser.add_argument("--write-every", type=int, default=60, help="seconds between admissions")
    parser.add_argument("--db", help="database URL (default: a fresh district demo)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="display-soak-") as folder:
        url = args.db or build_database(Path(folder))
        with db.session_scope(db.engine_for(url)) as session:
            _link, token = display_links.create_link(
                session, actor=Actor(username="soak", role="admin"), label="soak", days=2
            )
        env = {"DISPLAY_REFRESH_SECONDS": str(args.refresh)}
        rows: list[tuple] = []
        errors = 0
        with streamlit_server(url, extra_env=env) as base:
            pid = server_pid(int(base.rsplit(":", 1)[1]))
            with chromium_page(f"{base}/?display={token}", viewport=(1920, 1080)) as page:
                page.wait_for_selector(".bd", timeout=120_000)
                start = time.monotonic()
                deadline = start + args.minutes * 60
                next_write = start + args.write_every
                next_sample = start
                writes = 0
                slides_seen: set[str] = set()
                while True:
                    now = time.monotonic()
                    if now >= next_write:
                        writes += 1
                        admit_one(url, writes)
                        next_write += args.write_every
                    if now >= next_sample:
                        heap = page.evaluate(
                            "() => performance.memory ? performance.memory.usedJSHeapSize : 0"
                        )
                        slide = page.evaluate(
                            "() => (document.querySelector('.bd') || {dataset: {}}).dataset.slide"
                        )
                        slides_seen.add(slide or "?")
                        errors += page.locator("[data-testid=stException]").count()
                        rows.append(
                            (round(now - start), rss_mb(pid), heap / 2**20, slide, writes, errors)
                        )
                        print(
                            f"{rows[-1][0]:>5} s  server RSS {rows[-1][1]:7.1f} MB  "
                            f"page heap {rows[-1][2]:6.1f} MB  slide {slide}  writes {writes}",
                            flush=True,
                        )
                        next_sample += args.sample
                    if now >= deadline:
                        break
                    time.sleep(0.5)
                net = page.locator(".bd-gauge .bd-ring-value").first.inner_text(timeout=30_000)
    first, last = rows[0], rows[-1]
    peak = max(row[1] for row in rows)
    settled = rows[min(len(rows) - 1, 2)]  # after the first rotations have filled the caches
    summary = [
        f"# Display soak {dt.datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"{args.minutes:g} minutes, refresh every {args.refresh} s (a slide per refresh), one "
        f"admission every {args.write_every} s ({writes} in all), {len(slides_seen)} slides seen.",
        "",
        f"- server RSS at start: {first[1]:.1f} MB; after {settled[0]} s: {settled[1]:.1f} MB; "
        f"at the end: {last[1]:.1f} MB; peak {peak:.1f} MB; growth after warm-up "
        f"{last[1] - settled[1]:+.1f} MB",
        f"- page JS heap at start {first[2]:.1f} MB, at the end {last[2]:.1f} MB",
        f"- exceptions shown: {errors}; headline net growth at the end: {net} "
        f"(demo 2.360 + {fmt_int(writes)} admitted)",
        "",
        "| seconds | server RSS (MB) | page heap (MB) | slide | writes |",
        "| ---: | ---: | ---: | --- | ---: |",
        *[f"| {r[0]} | {r[1]:.1f} | {r[2]:.1f} | {r[3]} | {r[4]} |" for r in rows],
    ]
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"display-soak-{dt.datetime.now():%Y%m%d-%H%M%S}.md"
    out.write_text("\n".join(summary) + "\n", encoding="utf-8")
    print("\n".join(summary[:8]))
    print(f"written to {out.relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    os.chdir(PROJECT_ROOT)
    main()
