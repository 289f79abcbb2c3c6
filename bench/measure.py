"""Timings taken inside one fresh process (so "cold" really is the first run after process start).

`python -m bench.measure queries URL` and `python -m bench.measure overview URL` print one JSON
object: for each measure, `cold` (the first run in this process) and `warm` (the median of the
repeated runs). The overview also reports `cleared`: a run after `st.cache_data.clear()`, i.e. the
figures computed again (as after any write) in a process that is already warm.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import time
from collections.abc import Callable

from sqlalchemy import text
from sqlmodel import Session

from core import db, metrics, units
from core.settings import PROJECT_ROOT

YEAR = 2025
WARM_RUNS = 7
PROSPECTS_SHOWN = 10


def _ms(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def _as_of(year: int) -> dt.date:
    """The overview's default: today, kept inside the plan year."""
    from core.formatting import today_local

    return min(max(today_local(), dt.date(year, 1, 1)), dt.date(year, 12, 31))


def overview_queries(url: str) -> dict[str, Callable[[], object]]:
    """The reads the overview makes (see ui/data.py), each in its own session as there."""
    engine = db.engine_for(url)
    as_of = _as_of(YEAR)

    def in_session(read):
        def run():
            with Session(engine, expire_on_commit=False) as session:
                return read(session)

        return run

    everything = units.EVERYTHING
    return {
        "progress": in_session(lambda s: metrics.progress(s, year=YEAR, as_of=as_of)),
        "monthly": in_session(lambda s: metrics.monthly(s, everything, YEAR, as_of)),
        "breakdown by commune": in_session(
            lambda s: metrics.breakdown(s, year=YEAR, as_of=as_of, by="commune")
        ),
        "breakdown by cluster": in_session(
            lambda s: metrics.breakdown(s, year=YEAR, as_of=as_of, by="cluster")
        ),
        "prospects": in_session(
            lambda s: metrics.prospects(s, everything, as_of, limit=PROSPECTS_SHOWN)
        ),
    }


def measure_queries(url: str, runs: int = WARM_RUNS) -> dict:
    engine = db.engine_for(url)
    with engine.connect() as connection:  # the pool's first connection is not a query's cost
        connection.execute(text("SELECT 1"))
    queries = overview_queries(url)
    result = {name: {"cold": _ms(run)} for name, run in queries.items()}
    for name, run in queries.items():
        result[name]["warm"] = statistics.median(_ms(run) for _ in range(runs))
    result["all queries"] = {
        key: sum(result[name][key] for name in queries) for key in ("cold", "warm")
    }
    return result


def measure_overview(url: str, runs: int = WARM_RUNS) -> dict:
    """A whole AppTest run of app.py, logged in as a viewer, landing on the overview."""
    os.environ["DATABASE_URL"] = url
    os.chdir(PROJECT_ROOT)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from bench.datasets import BENCH_USER
    from core.models import utcnow
    from ui.auth import SEEN_KEY, USER_KEY

    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    at.session_state[USER_KEY] = BENCH_USER

    def run_once() -> tuple[float, list[str]]:
        """One run of the script, as a page load or a click does; the session stays logged in."""
        at.session_state[SEEN_KEY] = utcnow()
        elapsed = _ms(at.run)
        problems = [
            " ".join([e.message, *(e.stack_trace[-1:] or [])]).replace("\n", " ")[:300]
            for e in at.exception
        ]
        if not problems and not at.metric:
            problems.append("the overview drew no figures")
        return elapsed, problems

    # The first run also pays for the imports and for AppTest's one-off scan of the installed
    # components: what a server pays once when it starts.
    cold, problems = run_once()
    warm = []
    for _ in range(runs):
        elapsed, more = run_once()
        warm.append(elapsed)
        problems += more
    cleared = []
    for _ in range(max(3, runs // 2)):
        st.cache_data.clear()
        elapsed, more = run_once()
        cleared.append(elapsed)
        problems += more
    return {
        "overview (AppTest)": {
            "cold": cold,
            "warm": statistics.median(warm),
            "cleared": statistics.median(cleared),
        },
        "problems": sorted(set(problems)),
    }


def main(argv: list[str]) -> int:
    mode, url = argv[0], argv[1]
    runs = int(argv[2]) if len(argv) > 2 else WARM_RUNS
    result = measure_queries(url, runs) if mode == "queries" else measure_overview(url, runs)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
