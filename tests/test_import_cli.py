"""`python -m core import / undo-import / export`: the JSON contract and the exit codes."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from openpyxl import load_workbook
from sqlmodel import Session

from core.cli import main
from tests import factories as f
from tests import spreadsheets as s

MEMBERS = [
    ["DANH SÁCH ĐOÀN VIÊN"],
    ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Ngày kết nạp"],
    ["Nguyễn Văn An", "05/03/1990", "Nam", 31090001234, "02/05/2025"],
    ["Trần Thị Bình", "1995", "Nữ", "031195001111", "03/05/2025"],
    ["Lê Văn Cường", "1/1/1990", "Nam", "12345", "03/05/2025"],
]


@pytest.fixture
def union(engine, db_env):
    with Session(engine) as session:
        f.create_union(session, name=s.UNION)
        enterprise = f.create_enterprise(session, tax_code="0201234567", name="=1+2 Công ty")
        enterprise.worker_count = None
        session.add(enterprise)
        session.commit()


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_json_then_again_then_undo(tmp_path, capsys, union):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(s.xlsx(MEMBERS))
    code, out, err = run(
        capsys, "import", "members", str(path), "--union", "May Minh Phát", "--json"
    )
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "batch": 1,
        "added": 2,
        "updated": 0,
        "unchanged": 0,
        "refused": [
            {
                "row": 5,
                "column": "Số CCCD",
                "reason": "Số CCCD «12345» phải có 12 chữ số (CMND cũ: 9 chữ số).",
            }
        ],
    }
    code, out, _ = run(capsys, "import", "members", str(path), "--union", "May Minh Phát", "--json")
    assert code == 0
    assert {k: v for k, v in json.loads(out).items() if k != "refused"} == {
        "batch": 2,
        "added": 0,
        "updated": 0,
        "unchanged": 2,
    }
    code, out, _ = run(capsys, "undo-import", "1")
    assert (code, out) == (0, "Đã hoàn tác lần nhập số 1 (ds.xlsx).\n")
    code, _, err = run(capsys, "undo-import", "1")
    assert (code, err) == (1, "Lỗi: Lần nhập số 1 đã được hoàn tác trước đó.\n")
    code, _, err = run(capsys, "undo-import", "99")
    assert (code, err) == (1, "Lỗi: Không có lần nhập số 99.\n")
    code, out, _ = run(capsys, "export", "members", "--format", "json")
    assert json.loads(out) == []


def test_dry_run_writes_nothing(tmp_path, capsys, union):
    path = tmp_path / "ds.csv"
    path.write_bytes(s.csv_bytes(MEMBERS, delimiter=";", encoding="utf-8-sig"))
    code, out, _ = run(
        capsys, "import", "members", str(path), "--union", s.UNION, "--dry-run", "--json"
    )
    assert code == 0
    assert (json.loads(out)["batch"], json.loads(out)["added"]) == (None, 2)
    code, out, _ = run(capsys, "export", "members", "--format", "json")
    assert json.loads(out) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Lỗi: Tệp trống, không có dữ liệu.\n"),
        (s.password_protected(), "Lỗi: Tệp có đặt mật khẩu. Hãy bỏ mật khẩu rồi tải lên lại.\n"),
        (
            s.xlsx([["Tên món", "Giá"], ["Phở", 30]]),
            "Lỗi: Không tìm thấy dòng tiêu đề: không cột nào khớp với mẫu. Hãy kiểm tra loại tệp "
            "đã chọn hoặc dùng tệp mẫu.\n",
        ),
    ],
)
def test_unreadable_files_exit_non_zero_with_one_line(tmp_path, capsys, union, content, message):
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    code, out, err = run(capsys, "import", "members", str(path), "--json")
    assert (code, out, err) == (1, "", message)


def test_all_rows_refused_fails_and_missing_file(tmp_path, capsys, union):
    path = tmp_path / "x.xlsx"
    path.write_bytes(s.xlsx([MEMBERS[1], MEMBERS[4]]))
    code, out, err = run(capsys, "import", "members", str(path), "--union", s.UNION, "--json")
    assert code == 1
    assert json.loads(out)["batch"] is None
    assert err == "Lỗi: không có dòng nào hợp lệ; chưa ghi gì.\n"
    code, _, err = run(capsys, "import", "members", str(tmp_path / "none.xlsx"))
    assert (code, err) == (1, f"Lỗi: không tìm thấy tệp «{tmp_path / 'none.xlsx'}».\n")


def test_text_output(tmp_path, capsys, union):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(s.xlsx(MEMBERS))
    code, out, _ = run(capsys, "import", "members", str(path), "--union", s.UNION)
    assert code == 0
    assert out.splitlines() == [
        "ds.xlsx: thêm 2, thay đổi 0, không đổi 0, từ chối 1.",
        "Dòng 5, cột «Số CCCD»: Số CCCD «12345» phải có 12 chữ số (CMND cũ: 9 chữ số).",
        "Lần nhập số 1.",
    ]


def test_exports(tmp_path, capsys, union):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(s.xlsx(MEMBERS))
    run(capsys, "import", "members", str(path), "--union", s.UNION)
    code, out, _ = run(capsys, "export", "members", "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {
            "id": "1",
            "full_name": "Nguyễn Văn An",
            "birth_date": "1990-03-05",
            "gender": "male",
            "cccd": "031090001234",
            "passport_no": None,
            "nationality": "VN",
            "union": s.UNION,
            "card_no": None,
            "joined_on": "2025-05-02",
            "status": "active",
            "left_on": None,
        },
        {
            "id": "2",
            "full_name": "Trần Thị Bình",
            "birth_date": "1995",
            "gender": "female",
            "cccd": "031195001111",
            "passport_no": None,
            "nationality": "VN",
            "union": s.UNION,
            "card_no": None,
            "joined_on": "2025-05-03",
            "status": "active",
            "left_on": None,
        },
    ]
    code, out, _ = run(capsys, "export", "enterprises", "--format", "json")
    (enterprise,) = json.loads(out)
    assert {k: enterprise[k] for k in ("tax_code", "name", "worker_count", "has_union")} == {
        "tax_code": "0201234567",
        "name": "=1+2 Công ty",
        "worker_count": None,
        "has_union": False,
    }
    code, out, _ = run(capsys, "export", "unions", "--format", "json")
    assert {
        k: json.loads(out)[0][k] for k in ("name", "kind", "tax_code", "founded_on", "decision_no")
    } == {
        "name": s.UNION,
        "kind": "enterprise",
        "tax_code": None,
        "founded_on": "2010-01-01",
        "decision_no": None,
    }

    # Formula-like text is exported as text: an apostrophe in CSV, a string cell in XLSX.
    out_csv = tmp_path / "e.csv"
    code, out, _ = run(capsys, "export", "enterprises", "--format", "csv", "--out", str(out_csv))
    assert (code, out) == (0, f"Đã xuất 1 dòng ra {out_csv}.\n")
    rows = list(csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    assert rows[0][:2] == ["Mã số thuế", "Tên doanh nghiệp"]
    assert rows[1][:2] == ["0201234567", "'=1+2 Công ty"]
    out_xlsx = tmp_path / "e.xlsx"
    run(capsys, "export", "enterprises", "--format", "xlsx", "--out", str(out_xlsx))
    xml = zipfile.ZipFile(out_xlsx).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    sheet = load_workbook(out_xlsx).worksheets[0]
    assert (sheet["A2"].value, sheet["B2"].value) == ("0201234567", "=1+2 Công ty")
    assert sheet["B2"].data_type == "s"

    # Prospects: ≥ 20 workers and no union.
    code, out, _ = run(capsys, "export", "prospects", "--format", "json")
    assert json.loads(out) == []

    # An exported member list imports again without changing anything.
    out_members = tmp_path / "m.xlsx"
    run(capsys, "export", "members", "--format", "xlsx", "--out", str(out_members))
    code, out, _ = run(capsys, "import", "members", str(out_members), "--json")
    assert {k: v for k, v in json.loads(out).items() if k != "batch"} == {
        "added": 0,
        "updated": 0,
        "unchanged": 2,
        "refused": [],
    }
