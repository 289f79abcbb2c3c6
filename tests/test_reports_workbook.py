"""The report workbook (core/reports.py), opened with openpyxl and checked cell by cell, and the
`report` command, whose figures must be those of `progress --json`."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pytest

from core import metrics, plans, reports
from core.models import LeaveReason, OrganisingStage, Ownership, TargetKey, UnitKind
from core.strings import t
from tests import factories as f
from tests.test_cli_progress import run_cli

D = dt.date
ISSUED = D(2025, 7, 5)
TODAY = D(2026, 1, 10)


@pytest.fixture
def district(session):
    plan = f.create_plan(session)
    federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
    a = f.create_unit(session, "Xã A", parent=federation)
    f.create_unit(session, "Xã B", parent=federation)
    cluster = f.create_unit(session, "Cụm 1", UnitKind.cluster, parent=federation)
    for key, value in ((TargetKey.net_growth, 10), (TargetKey.new_unions, 2)):
        plans.allocate(session, plan=plan, key=key, unit_id=a.id, value=value, by_user="t")
    old = f.create_union(
        session, name="CĐCS Cũ", unit_id=a.id, cluster_id=cluster.id, decision_no="12/QĐ-LĐLĐ"
    )
    # A name and a decision number that a spreadsheet would take for formulas.
    new = f.create_union(
        session,
        name="=SUM(A1:A2)",
        unit_id=a.id,
        founded_on=D(2025, 5, 10),
        decision_no="-45/QĐ-LĐLĐ",
    )
    members = [f.admit(session, old, D(2024, 3, 1)) for _ in range(3)]
    f.admit(session, old, D(2025, 2, 3))
    f.admit(session, old, D(2025, 2, 20))
    f.transfer(session, members[0], new, D(2025, 4, 8))
    for _ in range(3):
        f.admit(session, new, D(2025, 5, 12))
    f.leave(session, members[1], D(2025, 6, 20), LeaveReason.retired)
    f.create_enterprise(
        session,
        name="@Công ty Ảo",
        tax_code="0201234567",
        worker_count=30,
        ownership=Ownership.fdi,
        unit_id=a.id,
        stage=OrganisingStage.campaigning,
        stage_since=D(2025, 3, 1),
        officer="Trần Văn Dũng",
    )
    session.commit()
    return session


@pytest.fixture
def workbook(district):
    data = reports.report_bytes(district, year=2025, quarter=2, issued_on=ISSUED, today=TODAY)
    return openpyxl.load_workbook(io.BytesIO(data))


def values(ws, row: int) -> list:
    return [cell.value for cell in ws[row]]


def test_sheets_and_the_title_block(workbook):
    assert workbook.sheetnames == [
        "Chỉ tiêu",
        "Theo đơn vị",
        "CĐCS thành lập mới",
        "DN cần vận động",
        "Biến động đoàn viên",
    ]
    ws = workbook["Chỉ tiêu"]
    assert ws["A1"].value == "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HẢI PHÒNG"
    assert (ws["A2"].value, ws["A2"].font.bold, ws["A2"].font.underline) == (
        "LĐLĐ HUYỆN VĨNH BẢO",
        True,
        "single",
    )
    assert (ws["D1"].value, ws["D1"].font.bold) == ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True)
    assert ws["D2"].value == "Độc lập - Tự do - Hạnh phúc"
    assert (ws["D3"].value, ws["D3"].font.italic) == ("Vĩnh Bảo, ngày 05 tháng 07 năm 2025", True)
    assert ws["A5"].value == "BÁO CÁO KẾT QUẢ PHÁT TRIỂN ĐOÀN VIÊN, THÀNH LẬP CÔNG ĐOÀN CƠ SỞ"
    assert ws["A6"].value == "Quý II/2025 (số liệu từ ngày 01/01/2025 đến hết ngày 30/06/2025)"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:C1", "D1:H1", "A2:C2", "D2:H2", "D3:H3", "A5:H5", "A6:H6"} <= merged


def test_headline_figures_against_targets(district, workbook):
    p = metrics.progress(district, year=2025, as_of=D(2025, 6, 30))
    ws = workbook["Chỉ tiêu"]
    assert values(ws, 9) == [
        "STT",
        "Chỉ tiêu",
        "Kế hoạch",
        "Thực hiện",
        "Tỷ lệ hoàn thành",
        "Cần đạt theo tiến độ",
        "Dự báo cả năm",
        "Đánh giá",
    ]
    # +2 in February, +3 in May, −1 in June; the April transfer is zero for the federation.
    assert p.net_growth == 4
    assert values(ws, 10) == [
        1,
        "Thực tăng đoàn viên trong năm",
        2500,
        4,
        0.002,  # 0,2 %: the share every surface shows, one decimal of a percent
        p.expected_by_today["net_growth"],
        p.projection["net_growth"],
        "Chậm tiến độ",
    ]
    assert [ws.cell(10, c).number_format for c in range(3, 8)] == [
        "[$-42A]#,##0",
        "[$-42A]#,##0",
        "[$-42A]0.0 %",
        "[$-42A]#,##0.0",
        "[$-42A]#,##0.0",
    ]
    assert values(ws, 12)[:5] == [
        3,
        "Thành lập mới công đoàn cơ sở trong năm",
        7,
        1,
        0.143,
    ]
    assert values(ws, 13)[:4] == [4, "Thành lập mới CĐCS trong Tháng Công nhân", 3, 1]
    # A percentage target is written as a fraction formatted as a percentage.
    assert values(ws, 14)[:3] == [
        5,
        "Tỷ lệ người lao động khu vực ngoài nhà nước là đoàn viên",
        0.95,
    ]
    assert ws.cell(14, 3).number_format == "[$-42A]0.0 %"
    assert ws["A17"].value == "II. MỘT SỐ SỐ LIỆU KHÁC"
    assert values(ws, 18)[:3] == [1, "Kết nạp đoàn viên mới", 5]
    assert values(ws, 19)[:3] == [2, "Đoàn viên ra khỏi tổ chức", 1]
    assert values(ws, 22)[:3] == [5, "Doanh nghiệp từ 20 lao động chưa có CĐCS", 1]


def test_by_unit_with_allocated_targets(workbook):
    ws = workbook["Theo đơn vị"]
    assert ws["A8"].value == "I. KẾT QUẢ THEO XÃ, THỊ TRẤN (xếp hạng thi đua)"
    assert values(ws, 9)[:8] == [
        "Hạng",
        "Đơn vị",
        "Số đoàn viên",
        "Kết nạp mới",
        "Ra khỏi tổ chức",
        "Thực tăng",
        "Chỉ tiêu thực tăng",
        "Tỷ lệ hoàn thành",
    ]
    # Xã A: 3 old members + 2 + 3 − 1; net 4 of 10; in Q2 +3 −1 (the transfer stays inside).
    assert values(ws, 10) == [1, "Xã A", 7, 5, 1, 4, 10, 0.4, 2, 1, 2, 0]
    assert values(ws, 11) == [2, "Xã B", 0, 0, 0, 0, None, None, 0, 0, None, 0]
    assert values(ws, 12) == [
        None,
        "Toàn liên đoàn",
        None,
        5,
        1,
        4,
        2500,
        0.002,  # 0,2 %: the share every surface shows, one decimal of a percent
        2,
        1,
        7,
        None,
    ]
    assert ws.cell(12, 2).font.bold
    assert ws["A13"].value == (
        "Thực tăng trong quý và thay đổi thứ hạng so với ngày 31/03/2025 (cuối quý trước)."
    )
    assert ws["A15"].value == "II. KẾT QUẢ THEO CỤM, KHỐI THI ĐUA"
    # Cụm 1 holds only the old union: +2 in February, −1 transferred, −1 left.
    assert values(ws, 17) == [1, "Cụm 1", 3, 2, 1, 0, None, None, -2, 0, None, 0]


def test_new_unions_with_decision_numbers_and_formula_text_kept_as_text(workbook):
    ws = workbook["CĐCS thành lập mới"]
    assert values(ws, 9) == [
        "STT",
        "Công đoàn cơ sở",
        "Loại hình",
        "Xã, thị trấn",
        "Cụm, khối thi đua",
        "Số quyết định",
        "Ngày thành lập",
        "Số đoàn viên",
    ]
    assert values(ws, 10) == [
        1,
        "=SUM(A1:A2)",
        "CĐCS doanh nghiệp",
        "Xã A",
        None,
        "-45/QĐ-LĐLĐ",
        dt.datetime(2025, 5, 10),
        4,
    ]
    for cell in (ws["B10"], ws["F10"]):
        assert (cell.data_type, cell.quotePrefix) == ("s", True)
    assert ws["G10"].number_format == "dd/mm/yyyy"
    assert ws.max_row == 10


def test_prospects_keep_the_tax_code_as_text(workbook):
    ws = workbook["DN cần vận động"]
    assert values(ws, 10) == [
        1,
        "0201234567",
        "@Công ty Ảo",
        "Xã A",
        "Có vốn đầu tư nước ngoài (FDI)",
        30,
        "Đang vận động",
        dt.datetime(2025, 3, 1),
        121,
        "Trần Văn Dũng",
    ]
    assert ws["B10"].data_type == "s"
    assert (ws["C10"].data_type, ws["C10"].quotePrefix) == ("s", True)


def test_movements_by_month_by_union_and_by_reason(workbook):
    ws = workbook["Biến động đoàn viên"]
    assert values(ws, 9) == [
        "Tháng",
        "Kết nạp mới",
        "Chuyển đến",
        "Chuyển đi",
        "Ra khỏi tổ chức",
        "Thực tăng",
        "Thực tăng lũy kế",
    ]
    assert [values(ws, row) for row in range(10, 16)] == [
        ["Tháng 1", 0, 0, 0, 0, 0, 0],
        ["Tháng 2", 2, 0, 0, 0, 2, 2],
        ["Tháng 3", 0, 0, 0, 0, 0, 2],
        ["Tháng 4", 0, 1, 1, 0, 0, 2],
        ["Tháng 5", 3, 0, 0, 0, 3, 5],
        ["Tháng 6", 0, 0, 0, 1, -1, 4],
    ]
    assert ws["F15"].number_format == "[$-42A]+#,##0;-#,##0;0"
    assert (
        ws["A17"].value
        == "II. BIẾN ĐỘNG THEO CÔNG ĐOÀN CƠ SỞ TỪ NGÀY 01/04/2025 ĐẾN NGÀY 30/06/2025"
    )
    assert [values(ws, row) for row in range(19, 22)] == [
        ["=SUM(A1:A2)", "Xã A", 3, 1, 0, 0, 4],
        ["CĐCS Cũ", "Xã A", 0, 0, 1, 1, -2],
        ["Toàn liên đoàn", None, 3, 1, 1, 1, 2],
    ]
    assert ws["A23"].value == "III. ĐOÀN VIÊN RA KHỎI TỔ CHỨC THEO LÝ DO (trong kỳ)"
    assert values(ws, 25)[:2] == ["Nghỉ hưu", 1]


def test_every_sheet_prints_on_a4_landscape_fitted_to_the_width(workbook):
    for ws in workbook:
        setup = ws.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9), ws.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.print_title_rows == "$9:$9"
        assert ws.freeze_panes == "A10"
        assert ws.oddFooter.center.text == "Trang &P/&N"
    assert workbook["Chỉ tiêu"].column_dimensions["B"].width == reports.MAX_WIDTH
    assert workbook["DN cần vận động"].column_dimensions["C"].width == 40


def test_the_year_without_a_quarter(district):
    data = reports.report_bytes(district, year=2025, issued_on=ISSUED, today=TODAY)
    ws = openpyxl.load_workbook(io.BytesIO(data))["Chỉ tiêu"]
    assert ws["A6"].value == "Cả năm 2025 (số liệu từ ngày 01/01/2025 đến hết ngày 31/12/2025)"


def test_no_plan(session):
    with pytest.raises(metrics.NoPlan):
        reports.report_bytes(session, year=2025, quarter=1)


def test_chart_pngs(district):
    pngs = reports.chart_pngs(district, year=2025, quarter=2, today=TODAY)
    assert list(pngs) == [f"{name}-2025-quy-2.png" for name in reports.CHARTS]
    for data in pngs.values():
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(data) > 5_000


@pytest.mark.parametrize("quarter", [None, 3])
def test_report_command_agrees_with_progress_json(demo_url, tmp_path, quarter):
    out = tmp_path / "bao-cao.xlsx"
    args = ["report", "--year", "2025", "--out", str(out)]
    on = "2025-12-31"
    if quarter:
        args += ["--quarter", str(quarter)]
        on = "2025-09-30"
    result = run_cli(*args, url=demo_url)
    assert result.returncode == 0, result.stderr
    label = "Quý III/2025" if quarter else "Cả năm 2025"
    assert result.stdout.strip() == f"Đã ghi báo cáo {label} vào {out}."
    progress = run_cli("progress", "--year", "2025", "--on", on, "--json", url=demo_url)
    expected = json.loads(progress.stdout)
    ws = openpyxl.load_workbook(out)["Chỉ tiêu"]
    rows = {ws.cell(row, 2).value: values(ws, row) for row in range(10, 16)}
    for key in (
        "net_growth",
        "workers_month_net_growth",
        "new_unions",
        "workers_month_new_unions",
    ):
        row = rows[t(f"report.target.{key}")]
        assert row[2:4] == [expected["targets"][key], expected[key]], key
        assert row[5:7] == [expected["expected_by_today"][key], expected["projection"][key]], key
    for key in ("non_state_coverage_pct", "enterprises_20plus_with_union_pct"):
        row = rows[t(f"report.target.{key}")]
        assert row[2:4] == [expected["targets"][key] / 100, expected[key] / 100], key
    others = {ws.cell(row, 2).value: ws.cell(row, 3).value for row in range(18, 27)}
    assert others["Kết nạp đoàn viên mới"] == expected["admissions"]
    assert others["Đoàn viên ra khỏi tổ chức"] == expected["departures"]
    assert others["Doanh nghiệp từ 20 lao động chưa có CĐCS"] == expected["prospects"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2031", "--out", "x.xlsx"], "Lỗi: chưa có kế hoạch năm 2031."),
        (
            ["--year", "2025", "--out", "bao-cao.csv"],
            "Lỗi: tệp báo cáo phải có đuôi .xlsx: «bao-cao.csv».",
        ),
        (
            ["--year", "2025", "--out", "/no/such/folder/b.xlsx"],
            "Lỗi: không ghi được tệp «/no/such/folder/b.xlsx» (thư mục không tồn tại).",
        ),
    ],
)
def test_report_command_fails_with_one_line(demo_url, args, message):
    result = run_cli("report", *args, url=demo_url)
    assert result.returncode == 1
    assert result.stderr.strip() == message
    assert "Traceback" not in result.stderr
