"""`python -m core progress` and friends, as outside checks call them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_KEYS = {
    "year",
    "as_of",
    "net_growth",
    "admissions",
    "departures",
    "new_unions",
    "workers_month_net_growth",
    "workers_month_new_unions",
    "non_state_coverage_pct",
    "enterprises_20plus_with_union_pct",
    "prospects",
    "targets",
    "expected_by_today",
    "projection",
}
TARGET_KEYS = {
    "net_growth",
    "workers_month_net_growth",
    "new_unions",
    "workers_month_new_unions",
    "non_state_coverage_pct",
    "enterprises_20plus_with_union_pct",
}


def run_cli(*args: str, url: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "core", *args],
        cwd=ROOT,
        env=env,
        text=True,
        capture_output=True,
        input=stdin,
        timeout=120,
    )


def test_progress_json_contract_on_the_demo(demo_url):
    result = run_cli("progress", "--year", "2025", "--json", url=demo_url)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert CONTRACT_KEYS <= data.keys()
    assert set(data["targets"]) >= TARGET_KEYS
    assert set(data["expected_by_today"]) >= TARGET_KEYS
    assert set(data["projection"]) >= TARGET_KEYS
    assert (data["year"], data["as_of"]) == (2025, "2025-12-31")
    # The demo district ends 2025 near its targets but not at them.
    assert (data["net_growth"], data["admissions"], data["departures"]) == (2360, 3420, 1060)
    assert (data["new_unions"], data["workers_month_new_unions"]) == (6, 3)
    assert data["workers_month_net_growth"] == 491
    assert data["targets"]["net_growth"] == 2500
    assert data["non_state_coverage_pct"] == 80.5


def test_progress_on_a_date_and_unit(demo_url):
    result = run_cli(
        "progress",
        "--year",
        "2025",
        "--unit",
        "xa vinh am",
        "--on",
        "2025-08-30",
        "--json",
        url=demo_url,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["as_of"], data["unit"]) == ("2025-08-30", "Xã Vĩnh Am")
    assert data["targets"]["net_growth"] == 438


def test_progress_text_is_vietnamese(demo_url):
    result = run_cli("progress", "--year", "2025", url=demo_url)
    assert result.returncode == 0
    assert "Thực tăng đoàn viên: 2.360 / 2.500" in result.stdout


def test_failures_are_one_vietnamese_line(demo_url):
    for args, expected in [
        (("progress", "--year", "2031"), "Lỗi: chưa có kế hoạch năm 2031."),
        (
            ("progress", "--year", "2025", "--unit", "Sao Hỏa"),
            "Lỗi: không tìm thấy đơn vị «Sao Hỏa».",
        ),
        (
            ("progress", "--year", "2025", "--on", "31/12/2025"),
            "Lỗi: ngày «31/12/2025» không hợp lệ, cần dạng YYYY-MM-DD.",
        ),
        (
            ("seed-demo",),
            "Lỗi: cơ sở dữ liệu đã có dữ liệu; dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống.",
        ),
    ]:
        result = run_cli(*args, url=demo_url)
        assert result.returncode == 1
        assert result.stderr.strip() == expected
        assert "Traceback" not in result.stderr


def test_unreachable_database_is_one_line(tmp_path):
    result = run_cli(
        "progress", "--year", "2025", url="postgresql+psycopg://nobody@127.0.0.1:1/none"
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Lỗi: không truy cập được cơ sở dữ liệu")
    assert len(result.stderr.strip().splitlines()) == 1


def test_init_seed_and_create_user(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert run_cli("init-db", url=url).returncode == 0
    assert run_cli("init-db", url=url).returncode == 0
    seeded = run_cli("seed-demo", url=url)
    assert seeded.stdout.strip() == (
        "Đã nạp dữ liệu mẫu (district): 13.120 đoàn viên, 40 CĐCS, 120 doanh nghiệp."
    )
    assert run_cli("seed-demo", "--if-empty", url=url).returncode == 0
    made = run_cli("create-user", "lan", "--role", "staff", url=url, stdin="")
    assert made.returncode == 0
    lines = made.stdout.strip().splitlines()
    assert lines[0] == "Đã tạo tài khoản lan (staff)."
    assert lines[1].startswith("Mật khẩu (chỉ hiển thị một lần): ")
    assert len(lines[1].rsplit(" ", 1)[1]) == 16
    given = run_cli("create-user", "hoa", "--role", "viewer", url=url, stdin="mat-khau-dai-du\n")
    assert given.returncode == 0 and "Mật khẩu" not in given.stdout
    again = run_cli("create-user", "hoa", "--role", "viewer", url=url, stdin="mat-khau-dai-du\n")
    assert again.returncode == 1
    assert again.stderr.strip() == "Lỗi: tài khoản «hoa» đã tồn tại."
    first = run_cli("ensure-admin", url=url)
    assert first.stdout.startswith("Đã tạo tài khoản quản trị đầu tiên «admin».")
    assert run_cli("ensure-admin", url=url).stdout == ""
