"""The Upload page (AppTest): preview, correct the matching, commit, download, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, func, select
from streamlit.testing.v1 import AppTest

from core.models import GrassrootsUnion, HeaderMapping, ImportBatch, Member
from tests import factories as f
from tests import spreadsheets as s
from tests.login import login_as

TIMEOUT = 60
ROOT = Path(__file__).resolve().parent.parent
MEMBERS = [
    ["Họ và tên", "Ngày sinh", "Giới tính", "Mã NV", "CĐCS", "Ngày kết nạp"],
    ["Nguyễn Văn An", "05/03/1990", "Nam", "031090001234", s.UNION, "02/05/2025"],
    ["Trần Thị Bình", "1995", "Nữ", "031195001111", s.UNION, "03/05/2025"],
    ["Lê Văn Cường", "31/02/1990", "Nam", "031090009999", s.UNION, "03/05/2025"],
]


@pytest.fixture
def union(engine, db_env):
    with Session(engine) as session:
        f.create_union(session, name=s.UNION)
        session.commit()


def open_page(role: str = "staff") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    login_as(at, "hoa", role)
    at.run()
    at.switch_page("pages/upload.py")
    at.run()
    assert not at.exception
    return at


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def count(engine, model, *where) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_preview_fix_matching_commit_and_undo(engine, union):
    at = open_page()
    assert at.title[0].value == "Tải dữ liệu lên"
    assert [b.label for b in at.get("download_button")] == ["Tải tệp mẫu"]
    at.file_uploader[0].upload("ds.xlsx", s.xlsx(MEMBERS))
    at.run()
    assert not at.exception
    # "Mã NV" matches nothing: without an ID every person is matched by name, and the rows
    # are still checked; the user points the column at the CCCD field.
    assert metrics(at) == {"Thêm mới": "2", "Thay đổi": "0", "Không đổi": "0", "Bị từ chối": "1"}
    at.selectbox(key="upload_map_3").set_value("cccd")
    at.button[[b.label for b in at.button].index("Áp dụng cách đọc cột")].click()
    at.run()
    table = at.dataframe[0].value
    assert table.to_dict("list") == {
        "Dòng": [2, 3, 4],
        "Kết quả": ["Thêm mới", "Thêm mới", "Bị từ chối"],
        "Tên": ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"],
        "Chi tiết": [
            "Kết nạp mới",
            "Kết nạp mới",
            "Ngày «31/02/1990» không hợp lệ (cần dd/mm/yyyy hoặc năm).",
        ],
    }
    assert "Tải danh sách dòng bị từ chối" in [b.label for b in at.get("download_button")]
    assert count(engine, Member) == 0  # nothing written before the commit

    at.button(key="upload_commit").click()
    at.run()
    assert not at.exception
    assert at.success[0].value == "Đã ghi lần nhập số 1: thêm 2, thay đổi 0."
    with Session(engine) as session:
        assert session.exec(select(Member.cccd).order_by(Member.id)).all() == [
            "031090001234",
            "031195001111",
        ]
        assert session.exec(select(GrassrootsUnion.active_members)).one() == 2
        assert session.exec(select(ImportBatch.username)).one() == "hoa"
        assert session.exec(select(func.count()).select_from(HeaderMapping)).one() == 1
    history = at.dataframe[0].value
    assert history["Tệp"].tolist() == ["ds.xlsx"]

    # The same file again: the remembered matching applies, and nothing would change.
    at.file_uploader[0].upload("ds.xlsx", s.xlsx(MEMBERS))
    at.run()
    assert metrics(at) == {"Thêm mới": "0", "Thay đổi": "0", "Không đổi": "2", "Bị từ chối": "1"}
    at.button(key="upload_cancel").click()
    at.run()
    assert at.metric.len == 0

    at.selectbox(key="upload_undo_pick").set_value(1)
    at.button(key="upload_undo").click()
    at.run()
    assert not at.exception
    assert at.success[0].value == "Đã hoàn tác lần nhập số 1 (ds.xlsx)."
    assert count(engine, Member, Member.deleted_at.is_(None)) == 0
    with Session(engine) as session:
        assert session.exec(select(GrassrootsUnion.active_members)).one() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Tệp trống, không có dữ liệu."),
        (s.password_protected(), "Tệp có đặt mật khẩu. Hãy bỏ mật khẩu rồi tải lên lại."),
        (b"%PDF-1.4\x00", "Tệp không phải bảng tính: chỉ nhận tệp Excel (.xlsx) hoặc CSV/TXT."),
    ],
)
def test_bad_files_show_a_message_and_the_page_keeps_working(engine, union, data, message):
    at = open_page()
    at.file_uploader[0].upload("x.xlsx", data)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [message]
    assert count(engine, ImportBatch) == 0
    at.file_uploader[0].clear().upload("ds.xlsx", s.xlsx(MEMBERS[:2]))
    at.run()
    assert at.error.len == 0
    assert metrics(at)["Thêm mới"] == "1"


def test_viewers_cannot_open_it(engine, union):
    at = AppTest.from_file(str(ROOT / "pages" / "upload.py"), default_timeout=TIMEOUT)
    login_as(at, "lan", "viewer")
    at.run()
    assert [e.value for e in at.error] == [
        "Bạn không có quyền mở trang này (cần vai trò: Cán bộ chuyên trách)."
    ]
    assert at.file_uploader.len == 0
