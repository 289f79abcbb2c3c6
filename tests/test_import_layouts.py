"""Every layout offices send, read into exact records and reasons (preview only: nothing written)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import func, select

from core import importing
from core.importing import Action
from core.models import AuditLog, ImportBatch, Member
from tests import factories as f
from tests import spreadsheets as s

TODAY = dt.date(2025, 6, 1)


@pytest.fixture
def union(session):
    unit = f.create_unit(session, "Xã Vĩnh Am")
    created = f.create_union(session, name=s.UNION, unit_id=unit.id)
    session.commit()
    return created


def preview(session, data, kind="members", **kw):
    return importing.preview(
        session, data=data, file_name="list.xlsx", kind=kind, today=TODAY, **kw
    )


def outcome(plan):
    return [(r.row, r.action.value) for r in plan.rows]


def reasons(plan):
    return [(p.row, p.column, p.reason) for p in plan.refused]


def test_office_member_list(session, union):
    plan = preview(session, s.members_office())
    header = plan.header
    assert header.header_rows == (5, 6)
    assert header.skipped_number_row == 7
    assert [(c.header, c.field) for c in header.columns] == [
        ("STT", "seq"),
        ("Họ và tên", "full_name"),
        ("Ngày sinh Nam", "birth_male"),
        ("Ngày sinh Nữ", "birth_female"),
        ("Số CCCD/ CMND", "cccd"),
        ("Ngày kết nạp", "joined_on"),
        ("Ghi chú", None),
    ]
    assert outcome(plan) == [
        (8, "add"),
        (9, "add"),
        (10, "refuse"),
        (11, "refuse"),
        (12, "refuse"),
        (13, "refuse"),
        (14, "add"),
    ]
    assert reasons(plan) == [
        (10, "Ngày sinh Nam", "Ngày «31/02/1990» không hợp lệ (cần dd/mm/yyyy hoặc năm)."),
        (11, "Số CCCD/ CMND", "Trùng với dòng 8 trong cùng tệp."),
        (12, "Ngày sinh Nữ", "Ngày ở tương lai."),
        (13, "Số CCCD/ CMND", "Số CCCD có mã tỉnh «999» không tồn tại."),
    ]
    first, second, last = (r.values for r in plan.rows if r.action == Action.add)
    assert {k: first[k] for k in ("full_name", "birth_date", "gender", "cccd", "joined_on")} == {
        "full_name": "Nguyễn Văn An",
        "birth_date": dt.date(1990, 3, 5),
        "gender": "male",
        "cccd": "031090001234",
        "joined_on": dt.date(2025, 5, 2),
    }
    # NFD text and stray spaces, a bare year under "Nữ": a woman born in 1995.
    assert (second["full_name"], second["birth_date"], second["birth_year"], second["gender"]) == (
        "Trần Thị Bình",
        None,
        1995,
        "female",
    )
    # No union column: the letterhead above the header names the union.
    assert {r.union_id for r in plan.rows if r.action == Action.add} == {union.id}
    assert [w.reason for w in plan.rows[-1].warnings] == [
        "Cảnh báo: chữ số thế kỷ/giới tính hoặc năm sinh trong số CCCD không khớp."
    ]
    assert last["cccd"] == "031093001000"


def test_union_from_default_and_nothing_written(session, union):
    plan = preview(session, s.members_office(), default_union="May Minh Phát")
    assert {r.union_id for r in plan.rows if r.action == Action.add} == {union.id}
    assert session.exec(select(func.count()).select_from(Member)).one() == 0
    assert session.exec(select(func.count()).select_from(AuditLog)).one() == 1  # the union's own
    assert session.exec(select(func.count()).select_from(ImportBatch)).one() == 0


def test_without_a_union_the_rows_are_refused_with_the_reason(session, union):
    data = s.xlsx([["Họ và tên", "Số CCCD"], ["Nguyễn Văn An", "031090001234"]])
    plan = preview(session, data)
    assert reasons(plan) == [
        (2, "CĐCS", "Chưa rõ CĐCS: tệp không có cột CĐCS và chưa chọn CĐCS cho cả tệp.")
    ]


@pytest.mark.parametrize(
    "header",
    [
        ["Họ và tên", "Năm sinh", "CCCD", "CĐCS"],
        ["Họ tên", "Ngày sinh", "Số CCCD", "Tên CĐCS"],
        ["HỌ VÀ TÊN", "NGÀY SINH", "SỐ CCCD", "CÔNG ĐOÀN CƠ SỞ"],
        ["Ho ten", "Ngay sinh", "So CCCD", "CDCS"],
        ["Họ và\ntên", "Ngày,\ntháng, năm sinh", "Số CMND/CCCD", "Đơn vị"],
        ["  họ   và tên đoàn viên ", "Ngày sinh (dd/mm/yyyy)", "Số định danh cá nhân", "CĐCS"],
    ],
)
def test_header_spellings(session, union, header):
    data = s.xlsx([header, ["Nguyễn Văn An", "05/03/1990", "031090001234", s.UNION]])
    plan = preview(session, data)
    assert [c.field for c in plan.header.columns] == ["full_name", "birth_date", "cccd", "union"]
    assert outcome(plan) == [(2, "add")]


def test_gender_ticks_under_nam_nu(session, union):
    data = s.xlsx(
        [
            ["TT", "Họ và tên", "Giới tính", None, "Năm sinh", "CCCD", "CĐCS"],
            [None, None, "Nam", "Nữ", None, None, None],
            [1, "Nguyễn Văn An", "x", None, 1990, "031090001234", s.UNION],
            [2, "Trần Thị Bình", None, "x", 1995, "031195001111", s.UNION],
        ],
        merges=("C1:D1",),
    )
    plan = preview(session, data)
    assert [(r.values["gender"], r.values["birth_year"]) for r in plan.rows] == [
        ("male", 1990),
        ("female", 1995),
    ]


def test_subtotals_and_group_headings_between_groups(session, union):
    other = f.create_union(session, name="CĐCS Trường THCS Vĩnh An")
    session.commit()
    data = s.xlsx(
        [
            ["STT", "Họ và tên", "Số CCCD", "Ngày kết nạp"],
            ["CĐCS Công ty TNHH May Minh Phát"],
            [1, "Nguyễn Văn An", "031090001234", "02/05/2025"],
            ["Cộng", None, None, None],
            ["CĐCS Trường THCS Vĩnh An"],
            [1, "Trần Thị Bình", "031195001111", "03/05/2025"],
            ["Cộng", None, None, None],
            ["Tổng cộng", None, None, None],
            [None, "Người lập biểu", None, None],
        ]
    )
    plan = preview(session, data)
    assert [(r.row, r.union_id) for r in plan.rows] == [(3, union.id), (6, other.id)]


def test_enterprise_named_tong_cong_ty_is_data_not_a_total(session):
    data = s.xlsx(
        [
            ["Mã số thuế", "Tên doanh nghiệp", "Số lao động"],
            ["0201234567", "Tổng công ty May 10", "1.250"],
            ["0201234568", "Cong ty Tong hop", "45 người"],
        ]
    )
    plan = preview(session, data, kind="enterprises")
    assert [(r.values["name"], r.values["worker_count"]) for r in plan.rows] == [
        ("Tổng công ty May 10", 1250),
        ("Cong ty Tong hop", 45),
    ]


TAX_OFFICE_ROWS = [
    ["CHI CỤC THUẾ KHU VỰC VĨNH BẢO - TIÊN LÃNG"],
    ["DANH SÁCH DOANH NGHIỆP ĐANG HOẠT ĐỘNG"],
    [],
    [
        "STT",
        "Mã số thuế",
        "Tên người nộp thuế",
        "Địa chỉ",
        "Xã/Phường",
        "Loại hình DN",
        "Số LĐ",
        "Ngành nghề kinh doanh chính",
    ],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
    [
        1,
        201234567,
        "Công ty TNHH Minh Phát",
        "Thôn 3",
        "Vĩnh Am",
        "Công ty TNHH",
        "1.250",
        "May mặc",
    ],
    [
        2,
        "0201234567-001",
        "Chi nhánh Minh Phát",
        "Thôn 4",
        "xã Vĩnh Am",
        "TNHH",
        "45 người",
        "May mặc",
    ],
    [3, "0209999999", "HTX Dịch vụ nông nghiệp", "Thôn 1", "Hải Thành", None, None, "Nông nghiệp"],
    [4, "12345", "Công ty sai mã", "Thôn 1", "Vĩnh Am", "Cổ phần", 30, "Xây dựng"],
    [5, "0201234567", "Công ty TNHH Minh Phát (trùng)", "Thôn 3", "Vĩnh Am", "TNHH", 10, ""],
    [None, "Tổng cộng", None, None, None, None, "1.325", None],
]


def test_tax_office_list(session):
    f.create_unit(session, "Xã Vĩnh Am")
    session.commit()
    plan = preview(session, s.xlsx(TAX_OFFICE_ROWS), kind="enterprises")
    assert plan.header.skipped_number_row == 5
    assert outcome(plan) == [(6, "add"), (7, "add"), (8, "add"), (9, "refuse"), (10, "refuse")]
    records = [
        {k: r.values[k] for k in ("tax_code", "commune_name", "ownership", "worker_count")}
        | {"unit": r.values["unit_id"] is not None}
        for r in plan.rows[:3]
    ]
    assert records == [
        {"tax_code": "0201234567", "commune_name": "Vĩnh Am", "ownership": "non_state_domestic",
         "worker_count": 1250, "unit": True},
        {"tax_code": "0201234567-001", "commune_name": "xã Vĩnh Am",
         "ownership": "non_state_domestic", "worker_count": 45, "unit": True},
        {"tax_code": "0209999999", "commune_name": "Hải Thành", "ownership": "cooperative",
         "worker_count": None, "unit": False},
    ]  # fmt: skip
    assert [w.reason for w in plan.rows[2].warnings] == [
        "Xã «Hải Thành» chưa có trong danh mục: giữ nguyên, chờ quản trị viên gắn đơn vị."
    ]
    assert reasons(plan) == [
        (9, "Mã số thuế", "Mã số thuế «12345» phải có 10 chữ số, hoặc 13 (dạng 0201234567-001)."),
        (10, "Mã số thuế", "Trùng với dòng 6 trong cùng tệp."),
    ]


def test_social_insurance_list_on_a_second_sheet(session):
    data = s.xlsx(
        [["Báo cáo tổng hợp"], ["(xem trang sau)"]],
        sheets={
            "DS đơn vị": [
                ["BẢO HIỂM XÃ HỘI HUYỆN VĨNH BẢO"],
                ["Mã số thuế", "Tên đơn vị", "Số lao động tham gia BHXH"],
                ["0201234567", "Công ty TNHH Minh Phát", 120],
            ]
        },
    )
    plan = preview(session, data, kind="enterprises")
    assert plan.header.sheet_name == "DS đơn vị"
    assert [(r.values["tax_code"], r.values["worker_count"]) for r in plan.rows] == [
        ("0201234567", 120)
    ]


CSV_ROWS = [
    ["DANH SÁCH ĐOÀN VIÊN"],
    ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "CĐCS", "Ngày kết nạp"],
    ["Nguyễn Văn An", "05/03/1990", "Nam", "031090001234", s.UNION, "02/05/2025"],
    ["Trần Thị Bình", "1995", "Nữ", "31195001111", s.UNION, "2/5/2025"],
]


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [
        (",", "utf-8"),
        (",", "utf-8-sig"),
        (";", "utf-8-sig"),
        (";", "utf-8"),
        ("\t", "utf-16"),  # Excel's "Unicode Text"
        ("\t", "utf-8"),
    ],
)
def test_csv_and_unicode_text(session, union, delimiter, encoding):
    data = s.csv_bytes(CSV_ROWS, delimiter=delimiter, encoding=encoding)
    plan = importing.preview(session, data=data, file_name="ds.csv", kind="members", today=TODAY)
    assert plan.header.header_rows == (2,)
    assert [
        (r.row, r.values["full_name"], r.values["cccd"], r.values["gender"]) for r in plan.rows
    ] == [
        (3, "Nguyễn Văn An", "031090001234", "male"),
        (4, "Trần Thị Bình", "031195001111", "female"),
    ]


def test_csv_with_a_two_row_header(session, union):
    data = s.csv_bytes(
        [
            ["STT", "Họ và tên", "Ngày sinh", "", "Số CCCD", "CĐCS"],
            ["", "", "Nam", "Nữ", "", ""],
            ["1", "Nguyễn Văn An", "05/03/1990", "", "031090001234", s.UNION],
        ],
        delimiter=";",
    )
    plan = importing.preview(session, data=data, file_name="ds.csv", kind="members", today=TODAY)
    assert [c.field for c in plan.header.columns] == [
        "seq", "full_name", "birth_male", "birth_female", "cccd", "union"
    ]  # fmt: skip
    assert plan.rows[0].values["gender"] == "male"


def test_formula_text_from_csv_is_kept_as_text(session):
    data = s.csv_bytes(
        [["Mã số thuế", "Tên doanh nghiệp", "Ghi chú"], ["0201234567", "=1+2", "@SUM(A1)"]]
    )
    plan = importing.preview(session, data=data, file_name="x.csv", kind="enterprises", today=TODAY)
    assert (plan.rows[0].values["name"], plan.rows[0].values["notes"]) == ("=1+2", "@SUM(A1)")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Tệp trống, không có dữ liệu."),
        (b"\xef\xbb\xbf\r\n  \r\n", "Tệp trống, không có dữ liệu."),
        (b"%PDF-1.7 \x00\x01binary", "Tệp không phải bảng tính: chỉ nhận tệp Excel (.xlsx) hoặc CSV/TXT."),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "Tệp không phải bảng tính: chỉ nhận tệp Excel (.xlsx) hoặc CSV/TXT."),
        (b"\x00\x01\x02\x03" * 100, "Tệp không phải bảng tính: chỉ nhận tệp Excel (.xlsx) hoặc CSV/TXT."),
        (s.zip_not_workbook(), "Tệp không phải bảng tính: chỉ nhận tệp Excel (.xlsx) hoặc CSV/TXT."),
        (s.broken_xlsx(), "Tệp Excel bị hỏng, không đọc được. Hãy mở lại bằng Excel và lưu thành .xlsx."),
        (s.password_protected(), "Tệp có đặt mật khẩu. Hãy bỏ mật khẩu rồi tải lên lại."),
        (s.xlsx([["Tên món", "Giá"], ["Phở", "30.000"]]),
         "Không tìm thấy dòng tiêu đề: không cột nào khớp với mẫu. Hãy kiểm tra loại tệp đã chọn hoặc dùng tệp mẫu."),
        (s.xlsx([["Họ và tên", "Số CCCD"]]),
         "Tìm thấy dòng tiêu đề nhưng không có dòng dữ liệu nào bên dưới."),
        (s.xlsx([["Ngày sinh", "Số CCCD"], ["05/03/1990", "031090001234"]]),
         "Thiếu cột bắt buộc (Họ và tên). Hãy chọn lại cột cho đúng."),
        (s.xlsx([]), "Tệp không có dòng dữ liệu nào."),
    ],
)  # fmt: skip
def test_bad_files_give_one_clear_message(session, data, message):
    with pytest.raises(importing.ReadError) as error:
        preview(session, data)
    assert error.value.message() == message


def test_file_over_the_size_limit(session, monkeypatch):
    monkeypatch.setenv("MAX_UPLOAD_MB", "1")
    with pytest.raises(importing.ReadError) as error:
        preview(session, b"a,b\n" * 300_000)
    assert error.value.message() == "Tệp quá lớn: chỉ nhận tệp đến 1 MB."


@pytest.mark.slow
def test_a_million_empty_formatted_rows(session, union):
    plan = preview(session, s.million_empty_formatted_rows())
    assert outcome(plan) == [(2, "add")]


def test_foreign_worker_rule(session, union):
    data = s.xlsx(
        [
            ["Họ và tên", "Số hộ chiếu", "Quốc tịch", "Ngày kết nạp", "Thời hạn HĐLĐ (tháng)",
             "Đơn gia nhập", "CĐCS"],
            ["Kim Min Jun", "M1234567", "Hàn Quốc", "02/05/2025", 24, "Có", s.UNION],
            ["Lee Ji Eun", "M7654321", "Hàn Quốc", "02/05/2025", 6, "Có", s.UNION],
            ["Park Seo Yeon", "M1111111", "Hàn Quốc", "02/05/2025", 24, "Không", s.UNION],
            ["Wang Wei", "E2222222", None, "02/05/2025", 24, "Có", s.UNION],
        ]
    )  # fmt: skip
    plan = preview(session, data)
    assert reasons(plan) == [
        (2, "Quốc tịch", "Người lao động nước ngoài chỉ được kết nạp từ ngày 01/7/2025 (Luật Công đoàn 2024)."),
        (3, "Quốc tịch", "Người lao động nước ngoài chỉ được kết nạp từ ngày 01/7/2025 (Luật Công đoàn 2024)."),
        (4, "Quốc tịch", "Người lao động nước ngoài chỉ được kết nạp từ ngày 01/7/2025 (Luật Công đoàn 2024)."),
        (5, "Quốc tịch", "Có số hộ chiếu nhưng thiếu quốc tịch."),
    ]  # fmt: skip
    after_the_law = s.xlsx(
        [
            ["Họ và tên", "Số hộ chiếu", "Quốc tịch", "Ngày kết nạp", "Thời hạn HĐLĐ (tháng)",
             "Đơn gia nhập", "CĐCS"],
            ["Kim Min Jun", "M1234567", "Hàn Quốc", "02/07/2025", 24, "Có", s.UNION],
            ["Lee Ji Eun", "M7654321", "Hàn Quốc", "02/07/2025", 6, "Có", s.UNION],
            ["Park Seo Yeon", "M1111111", "Hàn Quốc", "02/07/2025", 24, "Không", s.UNION],
        ]
    )  # fmt: skip
    later = importing.preview(
        session, data=after_the_law, file_name="x.xlsx", kind="members", today=dt.date(2025, 8, 1)
    )
    assert outcome(later) == [(2, "add"), (3, "refuse"), (4, "refuse")]
    assert [p.reason for p in later.refused] == [
        "Người lao động nước ngoài phải có hợp đồng lao động từ đủ 12 tháng trở lên.",
        "Người lao động nước ngoài phải có đơn tự nguyện gia nhập.",
    ]
    assert later.rows[0].values["passport_no"] == "M1234567"
    assert later.rows[0].values["nationality"] == "Hàn Quốc"
