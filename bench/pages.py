"""Every page of ui/navigation.py, timed as a whole AppTest run logged in as an admin.

`python -m bench.pages URL [RUNS]` (one fresh process per data set, started by `python -m bench
--pages`) prints one JSON object: for each page, `cold` (its first run after `st.cache_data.clear()`,
i.e. every figure computed again, as after a write or in a new server) and `warm` (the median of
RUNS repeated runs of the same AppTest on that page), plus the problems seen (exceptions drawn).
The process's very first run (imports, AppTest's one-off component scan) is reported apart as
`process start`: a server pays it once.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

from bench import child
from core.settings import PROJECT_ROOT

BENCH_ADMIN = "bench-admin"
WARM_RUNS = 3


def _ms(run) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def measure_pages(url: str, runs: int = WARM_RUNS) -> dict:
    os.environ["DATABASE_URL"] = url
    os.chdir(PROJECT_ROOT)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from core.models import utcnow
    from tests.login import login_as
    from ui.auth import SEEN_KEY
    from ui.navigation import PAGES

    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=300)
    login_as(at, BENCH_ADMIN, "admin")

    def run_once() -> float:
        at.session_state[SEEN_KEY] = utcnow()  # stays logged in however long a run takes
        return _ms(at.run)

    result: dict = {"process start": {"cold": run_once()}}
    problems: list[str] = []
    for page in PAGES:
        at.switch_page(page.path)
        st.cache_data.clear()
        cold = run_once()
        warm = statistics.median(run_once() for _ in range(runs))
        result[page.path] = {"cold": cold, "warm": warm}
        problems += [
            f"{page.path}: " + " ".join([e.message, *(e.stack_trace[-1:] or [])])[:300]
            for e in at.exception
        ]
    result["problems"] = sorted(set(p.replace("\n", " ") for p in problems))
    return result


def _worker(url: str, runs: int) -> dict:
    result, error = child.run("bench.pages", url, runs)
    return result if error is None else {"problems": [error]}


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}".replace(",", ".")


def report(urls: dict, backends: list[str], scales: list[str], *, samples: int, log) -> str:
    """Median over `samples` fresh processes per data set (taking turns), as a Markdown table."""
    from bench.__main__ import BUDGET_WARM_MS, load_average, machine
    from ui.navigation import PAGES

    load_at_start = load_average()
    collected: dict[tuple, dict[str, dict[str, list[float]]]] = {}
    problems: set[str] = set()
    for sample in range(samples):
        for key, url in urls.items():
            log(f"pages sample {sample + 1}/{samples}: {key[0]} {key[1]}")
            result = _worker(url, WARM_RUNS)
            problems.update(f"{key[0]} {key[1]}: {p}" for p in result.pop("problems", []))
            for name, times in result.items():
                for kind, value in times.items():
                    collected.setdefault(key, {}).setdefault(name, {}).setdefault(kind, [])
                    collected[key][name][kind].append(value)

    def cell(backend: str, scale: str, name: str, kind: str) -> float | None:
        values = collected.get((backend, scale), {}).get(name, {}).get(kind)
        return statistics.median(values) if values else None

    labels = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    lines = [
        f"Pages benchmark {time.strftime('%Y-%m-%d %H:%M')} — {machine()}; "
        f"load average {load_at_start} at the start, {load_average()} at the end",
        "",
        "Times in ms, each the median of "
        f"{samples} fresh processes. Cold: the page's first run after `st.cache_data.clear()` "
        f"(figures computed again); warm: the median of {WARM_RUNS} repeated runs of the same "
        "AppTest, logged in as an admin. Budget: warm at city scale ≤ "
        f"{_fmt(BUDGET_WARM_MS)} ms.",
        "",
        "| page | database | district cold | district warm | city cold | city warm | budget |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    over = []
    for page in PAGES:
        for backend in backends:
            times = {
                (scale, kind): cell(backend, scale, page.path, kind)
                for scale in ("district", "city")
                for kind in ("cold", "warm")
            }
            city_warm = times[("city", "warm")]
            verdict = "–" if city_warm is None else "ok"
            if city_warm is not None and city_warm > BUDGET_WARM_MS:
                verdict = "**over**"
                over.append(f"{page.path} on {labels[backend]} ({_fmt(city_warm)} ms)")
            lines.append(
                f"| {page.path} | {labels[backend]} "
                f"| {_fmt(times[('district', 'cold')])} | {_fmt(times[('district', 'warm')])} "
                f"| {_fmt(times[('city', 'cold')])} | {_fmt(times[('city', 'warm')])} "
                f"| {verdict} |"
            )
    starts = ", ".join(
        f"{labels[b]} {s} {_fmt(cell(b, s, 'process start', 'cold'))} ms"
        for b in backends
        for s in scales
    )
    lines += ["", f"First run in a fresh process (imports; a server pays it once): {starts}"]
    lines += ["", "Over budget: " + ("; ".join(over) if over else "none")]
    if problems:
        lines += ["", "Problems seen:", *(f"- {p}" for p in sorted(problems))]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    url = argv[0]
    runs = int(argv[1]) if len(argv) > 1 else WARM_RUNS
    print(json.dumps(measure_pages(url, runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
