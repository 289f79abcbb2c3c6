"""`python -m bench`: build or reuse the data sets, measure each in fresh processes, print the table.

python -m bench                       # SQLite and PostgreSQL, district and city
python -m bench --backends sqlite     # only SQLite
python -m bench --rebuild             # generate the data sets again
python -m bench --pages               # every page of ui/navigation.py instead (bench/pages.py)
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

from bench import child, datasets
from core.settings import PROJECT_ROOT

SCALES = ("district", "city")
BACKENDS = ("sqlite", "postgresql")
BUDGET_WARM_MS = 1000
BUDGET_RATIO = 3.0
MEASURES = (
    "progress",
    "monthly",
    "breakdown by commune",
    "breakdown by cluster",
    "prospects",
    "all queries",
    "overview (AppTest)",
)
OVERVIEW = "overview (AppTest)"
RESULTS_DIR = PROJECT_ROOT / "bench" / "results"


def _worker(mode: str, url: str, runs: int) -> dict:
    """One fresh process per sample, so its first run is a cold one."""
    result, error = child.run("bench.measure", mode, url, runs)
    return result if error is None else {"error": error}


def measure_all(
    urls: dict[tuple[str, str], str], *, samples: int, runs: int, with_page: bool, log
) -> dict[tuple[str, str], dict]:
    """Median over `samples` fresh processes of each measure's cold and warm times.

    The data sets take turns sample by sample (district, city, district, city …), so a change in
    the machine's load during the run weighs on the reference and on the city alike.
    """
    collected: dict[tuple[str, str], dict[str, dict[str, list[float]]]] = {}
    problems: dict[tuple[str, str], set[str]] = {key: set() for key in urls}
    modes = ["queries"] + (["overview"] if with_page else [])
    for sample in range(samples):
        for mode in modes:
            for key, url in urls.items():
                log(f"sample {sample + 1}/{samples}: {mode} on {key[0]} {key[1]}")
                result = _worker(mode, url, runs)
                if "error" in result:
                    problems[key].add(f"{mode}: {result['error']}")
                    continue
                problems[key].update(result.pop("problems", []))
                for name, times in result.items():
                    for kind, value in times.items():
                        collected.setdefault(key, {}).setdefault(name, {}).setdefault(
                            kind, []
                        ).append(value)
    summary: dict[tuple[str, str], dict] = {}
    for key in urls:
        summary[key] = {
            name: {kind: statistics.median(values) for kind, values in times.items()}
            for name, times in collected.get(key, {}).items()
        }
        summary[key]["problems"] = sorted(problems[key])
    return summary


def machine() -> str:
    cpu = platform.processor() or "cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{memory_kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        memory = "RAM unknown"
    return (
        f"{os.cpu_count()} CPU ({cpu}), {memory}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def load_average() -> str:
    """The 1-minute load average: other work on the machine shows in every time measured."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except (OSError, IndexError):
        return "?"


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}".replace(",", ".")


def _ratio(city: float | None, district: float | None) -> str:
    if not city or not district:
        return "–"
    return f"{city / district:.2f}".replace(".", ",")


def table(results: dict[tuple[str, str], dict], backends: list[str]) -> list[str]:
    """Markdown: one row per measure and backend; district (the reference) beside city."""
    lines = [
        "| measure | database | district cold | district warm | city cold | city warm "
        "| city/district cold | city/district warm |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in MEASURES:
        for backend in backends:
            district = results.get((backend, "district"), {}).get(name, {})
            city = results.get((backend, "city"), {}).get(name, {})
            if not district and not city:
                continue
            label = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[backend]
            lines.append(
                f"| {name} | {label} | {_fmt(district.get('cold'))} | {_fmt(district.get('warm'))} "
                f"| {_fmt(city.get('cold'))} | {_fmt(city.get('warm'))} "
                f"| {_ratio(city.get('cold'), district.get('cold'))} "
                f"| {_ratio(city.get('warm'), district.get('warm'))} |"
            )
    cleared = [
        f"{label} {scale} {_fmt(results[(backend, scale)][OVERVIEW]['cleared'])} ms"
        for backend, label in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL"))
        for scale in SCALES
        if OVERVIEW in results.get((backend, scale), {})
    ]
    if cleared:
        lines += [
            "",
            "Overview after a write (caches cleared, process warm): " + ", ".join(cleared),
        ]
    return lines


def verdict(results: dict[tuple[str, str], dict], backends: list[str]) -> list[str]:
    lines = []
    for backend in backends:
        district = results.get((backend, "district"), {}).get(OVERVIEW)
        city = results.get((backend, "city"), {}).get(OVERVIEW)
        if not district or not city:
            continue
        ratio = city["warm"] / district["warm"]
        ok = city["warm"] <= BUDGET_WARM_MS and ratio <= BUDGET_RATIO
        lines.append(
            f"- {backend}: overview warm at city scale {_fmt(city['warm'])} ms "
            f"(budget {_fmt(BUDGET_WARM_MS)} ms), city/district {ratio:.2f} "
            f"(budget {BUDGET_RATIO:.0f}; reference: district {_fmt(district['warm'])} ms "
            f"in the same run): {'within budget' if ok else 'OVER BUDGET'}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--scales", default=",".join(SCALES))
    parser.add_argument("--pg-server", default=datasets.DEFAULT_PG_SERVER)
    parser.add_argument("--samples", type=int, default=3, help="fresh processes per measure")
    parser.add_argument("--runs", type=int, default=7, help="warm runs per process (median)")
    parser.add_argument("--rebuild", action="store_true", help="generate the data sets again")
    parser.add_argument("--no-page", action="store_true", help="queries only, no AppTest run")
    parser.add_argument(
        "--pages", action="store_true", help="time every page of ui/navigation.py instead"
    )
    args = parser.parse_args(argv)

    backends = [b for b in args.backends.split(",") if b]
    if "postgresql" in backends and not datasets.postgresql_reachable(args.pg_server):
        print(f"PostgreSQL not reachable at {args.pg_server}: measuring SQLite only")
        backends.remove("postgresql")
    scales = [s for s in args.scales.split(",") if s]
    page = PROJECT_ROOT / "pages" / "overview.py"
    with_page = page.exists() and not args.no_page
    if not with_page and not args.no_page:
        print("pages/overview.py is not there yet: measuring the queries only")

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    results: dict[tuple[str, str], dict] = {}
    infos: dict[tuple[str, str], dict] = {}
    urls: dict[tuple[str, str], str] = {}
    for backend in backends:
        for scale in scales:
            data = datasets.dataset(backend, scale, args.pg_server)
            infos[(backend, scale)] = datasets.ensure(data, rebuild=args.rebuild, log=log)
            urls[(backend, scale)] = data.url
    if args.pages:
        from bench import pages

        output = pages.report(urls, backends, scales, samples=args.samples, log=log)
        print(output)
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        (RESULTS_DIR / f"pages-{time.strftime('%Y%m%d-%H%M%S')}.md").write_text(output + "\n")
        return 0
    load_at_start = load_average()
    results.update(
        measure_all(urls, samples=args.samples, runs=args.runs, with_page=with_page, log=log)
    )

    lines = [
        f"Benchmark {time.strftime('%Y-%m-%d %H:%M')} — {machine()}; "
        f"load average {load_at_start} at the start, {load_average()} at the end",
        "",
        "Times in ms. Cold: the first run in a fresh process; warm: the median of "
        f"{args.runs} repeated runs; each the median of {args.samples} processes. "
        "The overview is a whole `AppTest.from_file('app.py')` run logged in as a viewer.",
        "",
        *table(results, backends),
        "",
        *verdict(results, backends),
        "",
        "Seed times (core.demo.seed as `seed-demo` runs it: generate, load, ANALYZE): "
        + ", ".join(
            f"{backend} {scale} {info.get('seed_seconds', '?')} s"
            for (backend, scale), info in infos.items()
        ),
    ]
    problems = sorted({p for result in results.values() for p in result.get("problems", [])})
    if problems:
        lines += ["", "Problems seen:", *(f"- {p}" for p in problems)]
    output = "\n".join(lines)
    print(output)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.md").write_text(output + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
