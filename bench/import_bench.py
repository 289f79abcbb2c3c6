"""Benchmark: a 50.000-row member workbook previewed and committed end to end, beside two
references measured in the same run on the same file:

- floor: calamine reads the sheet, one bulk insert writes the same rows, no checks;
- naive: pandas.read_excel with openpyxl, then one ORM `add` per row.

Each run of a path is its own process on its own fresh SQLite database (so peak memory is that
path's own). The floor and ours run `--repeat` times, interleaved, and the best run of each is
kept (the machine is shared: a slow run measures the neighbours, not the code); the naive path,
far slower, runs once. Wall and CPU seconds are both shown. Prints one Markdown table.
Budget: ours ≤ 3× the floor, ≤ 10 s, ≤ 500 MB.

    .venv/bin/python -m bench.import_bench [--rows 50000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

UNIONS = [f"CĐCS Công ty TNHH Số {i:02d}" for i in range(1, 21)]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Hồng"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hùng", "Lan", "Mai", "Nam", "Sơn", "Yến"]
HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "CĐCS", "Ngày kết nạp", "Số thẻ"]


def build_workbook(rows: int) -> bytes:
    """A member list as a union federation would collect it: title lines, then the rows."""
    rng = random.Random(2025)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    sheet.append(["LIÊN ĐOÀN LAO ĐỘNG HUYỆN VĨNH BẢO"])
    sheet.append(["DANH SÁCH ĐOÀN VIÊN KẾT NẠP NĂM 2025"])
    sheet.append([])
    sheet.append(HEADER)
    for index in range(rows):
        female = rng.random() < 0.58
        birth = dt.date(1966, 1, 1) + dt.timedelta(days=rng.randint(0, 14_600))
        century = (0 if birth.year < 2000 else 2) + (1 if female else 0)
        cccd = f"031{century}{birth.year % 100:02d}{index:06d}"
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        joined = dt.date(2025, 1, 2) + dt.timedelta(days=rng.randint(0, 150))
        id_cell = WriteOnlyCell(sheet, value=cccd)
        sheet.append(
            [
                index + 1,
                name,
                birth if rng.random() < 0.7 else birth.strftime("%d/%m/%Y"),
                "Nữ" if female else "Nam",
                id_cell,
                rng.choice(UNIONS),
                joined.strftime("%d/%m/%Y"),
                f"DV{index + 1:07d}",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def prepare_database(url: str) -> dict[str, int]:
    from core import db, membership
    from core.models import GrassrootsUnion

    db.migrate(url)
    ids = {}
    with db.session_scope(db.engine_for(url)) as session:
        for name in UNIONS:
            union = membership.found_union(
                session=session,
                union=GrassrootsUnion(name=name, kind="enterprise", founded_on=dt.date(2010, 1, 1)),
                by_user="bench",
            )
            ids[name] = union.id
    return ids


def run_ours(data: bytes, url: str) -> dict:
    from core import db, importing
    from core.access import Actor

    with db.session_scope(db.engine_for(url)) as session:
        plan = importing.preview(
            session, data=data, file_name="bench.xlsx", kind="members", today=dt.date(2025, 6, 30)
        )
        batch = importing.commit_plan(session=session, plan=plan, actor=Actor("bench", "staff"))
        return {"added": batch.added, "refused": batch.refused}


def run_floor(data: bytes, url: str, union_ids: dict[str, int]) -> dict:
    import python_calamine
    from sqlalchemy import insert

    from core import db
    from core.models import Member, utcnow

    sheet = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    rows = sheet.to_python()[4:]
    now = utcnow()
    records = [
        {
            "full_name": row[1],
            "search_name": row[1].lower(),
            "birth_date": row[2] if isinstance(row[2], dt.date) else None,
            "gender": "female" if row[3] == "Nữ" else "male",
            "cccd": row[4],
            "nationality": "VN",
            "union_id": union_ids[row[5]],
            "card_no": row[7],
            "status": "active",
            "joined_on": dt.datetime.strptime(row[6], "%d/%m/%Y").date(),
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        for row in rows
    ]
    with db.session_scope(db.engine_for(url)) as session:
        session.execute(insert(Member.__table__), records)
    return {"added": len(records), "refused": 0}


def run_naive(data: bytes, url: str, union_ids: dict[str, int]) -> dict:
    import pandas as pd

    from core import db
    from core.models import Member

    frame = pd.read_excel(io.BytesIO(data), engine="openpyxl", skiprows=3, dtype={"Số CCCD": str})
    count = 0
    with db.session_scope(db.engine_for(url)) as session:
        for row in frame.itertuples(index=False):
            birth = row[2]
            session.add(
                Member(
                    full_name=row[1],
                    search_name=row[1].lower(),
                    birth_date=birth.date() if hasattr(birth, "date") else None,
                    gender="female" if row[3] == "Nữ" else "male",
                    cccd=row[4],
                    union_id=union_ids[row[5]],
                    card_no=row[7],
                    joined_on=dt.datetime.strptime(row[6], "%d/%m/%Y").date(),
                )
            )
            count += 1
    return {"added": count, "refused": 0}


def child(path: str, workbook: Path, workdir: Path) -> None:
    """One measured path in this process: prints {"seconds", "peak_mb", ...} as JSON."""
    url = f"sqlite:///{workdir / (path + '.db')}"
    union_ids = prepare_database(url)
    data = workbook.read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    cpu_start = time.process_time()
    if path == "ours":
        result = run_ours(data, url)
    elif path == "floor":
        result = run_floor(data, url, union_ids)
    else:
        result = run_naive(data, url, union_ids)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                **result,
                "seconds": seconds,
                "cpu": cpu,
                "peak_mb": peak / 1024,
                "baseline_mb": before / 1024,
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=["ours", "floor", "naive"])
    parser.add_argument("--workbook")
    parser.add_argument("--workdir")
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.workbook), Path(args.workdir))
        return 0
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        workdir = Path(tmp)
        workbook = workdir / "members.xlsx"
        started = time.perf_counter()
        workbook.write_bytes(build_workbook(args.rows))
        print(
            f"Workbook: {args.rows:,} rows, {workbook.stat().st_size / 1e6:.1f} MB "
            f"(built in {time.perf_counter() - started:.1f} s)\n".replace(",", ".")
        )
        runs: dict[str, list[dict]] = {"floor": [], "ours": [], "naive": []}
        order = ["floor", "ours"] * args.repeat + ["naive"]
        for path in order:
            output = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.import_bench",
                    "--child",
                    path,
                    "--workbook",
                    str(workbook),
                    "--workdir",
                    str(workdir),
                ],
                capture_output=True,
                text=True,
                check=True,
                cwd=Path(__file__).resolve().parent.parent,
            )
            runs[path].append(json.loads(output.stdout.strip().splitlines()[-1]))
            (workdir / f"{path}.db").unlink()
            for extra in ("-wal", "-shm"):
                Path(f"{workdir / path}.db{extra}").unlink(missing_ok=True)
    results = {path: min(found, key=lambda r: r["seconds"]) for path, found in runs.items()}
    floor = results["floor"]["seconds"]
    labels = {
        "ours": "ours: preview + commit (checks, matching, events, audit)",
        "floor": "floor: calamine + one bulk insert, no checks",
        "naive": "naive: pandas.read_excel(openpyxl) + ORM add per row",
    }
    floor_cpu = results["floor"]["cpu"]
    print("| path | rows written | wall s | × floor | CPU s | × floor (CPU) | peak memory (MB) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path in ("ours", "floor", "naive"):
        r = results[path]
        print(
            f"| {labels[path]} | {r['added']} | {r['seconds']:.2f} | "
            f"{r['seconds'] / floor:.2f} | {r['cpu']:.2f} | {r['cpu'] / floor_cpu:.2f} | "
            f"{r['peak_mb']:.0f} |"
        )
    print(
        "\nAll runs (wall s): "
        + "; ".join(
            f"{path} " + ", ".join(f"{r['seconds']:.2f}" for r in found)
            for path, found in runs.items()
        )
    )
    ours = results["ours"]
    within = ours["seconds"] <= 3 * floor and ours["seconds"] <= 10 and ours["peak_mb"] <= 500
    print(f"\nBudget (≤ 3× floor, ≤ 10 s, ≤ 500 MB): {'met' if within else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
