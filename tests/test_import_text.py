"""Text is checked before it is written: control characters and text longer than its column are
refused naming the row (the rest of the file goes in, on both databases); text garbled by a wrong
encoding is restored with a warning, or refused when it cannot be."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile

import pytest
from sqlmodel import select

from core import importing, records
from core.auth import Actor
from core.importing.values import column_length
from core.models import Enterprise, GrassrootsUnion, Member, OrgUnit
from core.strings import t
from tests import factories as f
from tests import spreadsheets as s

HOA = Actor("hoa", "staff")
TODAY = dt.date(2025, 6, 1)
NAME_MAX = column_length(Member.full_name)
LONGEST_NAME = ("An " * NAME_MAX)[:NAME_MAX]
assert len(LONGEST_NAME) == NAME_MAX and LONGEST_NAME[-1] != " "


def xlsx_with(rows: list[list], escapes: dict[str, str]) -> bytes:
    """A workbook whose text holds characters openpyxl will not write, put in as Excel escapes
    them (`_x0000_`): each key of `escapes` in the cells becomes its value in the file."""
    zipped = io.BytesIO(s.xlsx(rows))
    out = io.BytesIO()
    with zipfile.ZipFile(zipped) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            for placeholder, escaped in escapes.items():
                data = data.replace(placeholder.encode(), escaped.encode())
            target.writestr(item, data)
    return out.getvalue()


def run(session, data: bytes, kind: str = "members", file_name: str = "list.xlsx"):
    plan = importing.preview(
        session, data=data, file_name=file_name, kind=kind, today=TODAY, default_union=s.UNION
    )
    batch = importing.commit_plan(session=session, plan=plan, actor=HOA)
    session.commit()
    return plan, batch


def refused(plan) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.key) for p in plan.refused]


@pytest.fixture
def union(session):
    created = f.create_union(session, name=s.UNION)
    session.commit()
    return created


def test_control_characters_and_overlong_names_refused_naming_the_row(session, union):
    rows = [
        ["Họ và tên", "Số thẻ đoàn viên", "Ngày kết nạp"],
        ["Nguyễn Văn An", "DV1", "02/05/2025"],
        ["Trần NULThị Bình", "DV2", "02/05/2025"],
        ["Lê Văn Cường", "DVESC3", "02/05/2025"],
        ["Phạm\tVăn\nDũng", "DV4", "02/05/2025"],  # tab and line break: spaces
        [LONGEST_NAME, "DV5", "02/05/2025"],
        [LONGEST_NAME + "n", "DV6", "02/05/2025"],
        ["Ă" * 32_767, "DV7", "02/05/2025"],  # the most an Excel cell holds
    ]
    data = xlsx_with(rows, {"NUL": "_x0000_", "ESC": "_x001B_"})
    plan, batch = run(session, data)
    assert refused(plan) == [
        (3, "Họ và tên", "import.reason.control_char"),
        (4, "Số thẻ đoàn viên", "import.reason.control_char"),
        (7, "Họ và tên", "import.reason.too_long"),
        (8, "Họ và tên", "import.reason.too_long"),
    ]
    assert plan.refused[0].reason == t("import.reason.control_char", code="U+0000")
    assert plan.refused[1].reason == t("import.reason.control_char", code="U+001B")
    assert plan.refused[2].reason == t("import.reason.too_long", n=200)
    assert (batch.added, batch.updated, batch.unchanged, batch.refused) == (3, 0, 0, 4)
    stored = session.exec(select(Member.full_name).order_by(Member.id)).all()
    assert stored == ["Nguyễn Văn An", "Phạm Văn Dũng", LONGEST_NAME]


# Every text an import keeps, with the column that keeps it: one character over is refused.
OVERLONG = [
    ("members", "Họ và tên", Member.full_name),
    ("members", "Số hộ chiếu", Member.passport_no),
    ("members", "Quốc tịch", Member.nationality),
    ("members", "Số thẻ đoàn viên", Member.card_no),
    ("members", "CĐCS", GrassrootsUnion.name),
    ("enterprises", "Tên doanh nghiệp", Enterprise.name),
    ("enterprises", "Địa chỉ", Enterprise.address),
    ("enterprises", "Xã/thị trấn", Enterprise.commune_name),
    ("enterprises", "Ngành nghề", Enterprise.trade),
    ("enterprises", "Cán bộ phụ trách", Enterprise.officer),
    ("unions", "Tên CĐCS", GrassrootsUnion.name),
    ("unions", "Xã/thị trấn", OrgUnit.name),
    ("unions", "Cụm/Khối thi đua", OrgUnit.name),
    ("unions", "Số quyết định thành lập", GrassrootsUnion.decision_no),
]
GOOD_ROW = {
    "members": {"Họ và tên": "Nguyễn Văn An", "Quốc tịch": "Việt Nam"},
    "enterprises": {"Tên doanh nghiệp": "Công ty An Phát", "Mã số thuế": "0201234567"},
    "unions": {"Tên CĐCS": "CĐCS Công ty An Phát", "Loại hình CĐCS": "CĐCS doanh nghiệp"},
}


@pytest.mark.parametrize(("kind", "header", "column"), OVERLONG)
def test_text_longer_than_its_column_is_refused(session, union, kind, header, column):
    length = column_length(column)
    good = dict(GOOD_ROW[kind])
    # Letters with diacritics: the limit counts characters, not bytes.
    good[header] = "Ấ" * (length + 1) if header != "Số hộ chiếu" else "B" * (length + 1)
    headers = list(good)
    plan = importing.preview(
        session,
        data=s.xlsx([headers, [good[h] for h in headers]]),
        file_name="list.xlsx",
        kind=kind,
        today=TODAY,
        default_union=s.UNION,
    )
    assert refused(plan) == [(2, header, "import.reason.too_long")]
    assert plan.refused[0].reason == t("import.reason.too_long", n=length)


def test_record_forms_refuse_the_same_text(session):
    with pytest.raises(records.InvalidInput) as caught:
        records.clean_member(
            session, {"full_name": "Nguyễn\x00Văn An", "card_no": "DV\x071"}, today=TODAY
        )
    assert {name: key for name, (key, _) in caught.value.errors.items()} == {
        "full_name": "import.reason.control_char",
        "card_no": "import.reason.control_char",
    }
    with pytest.raises(records.InvalidInput) as caught:
        records.clean_member(session, {"full_name": "A" * (NAME_MAX + 1)}, today=TODAY)
    assert caught.value.errors == {"full_name": ("import.reason.too_long", {"n": NAME_MAX})}
    with pytest.raises(records.InvalidInput) as caught:
        records.clean_enterprise(session, {"name": "Công ty\x1bAn"}, today=TODAY)
    assert caught.value.errors["name"][0] == "import.reason.control_char"
    cleaned = records.clean_member(session, {"full_name": "Nguyễn\tVăn\nAn"}, today=TODAY)
    assert cleaned["full_name"] == "Nguyễn Văn An"


def windows_1258(text: str) -> bytes:
    """`text` as Vietnamese Windows writes it: base letters with tone marks after them."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        composed = unicodedata.normalize("NFC", base + marks[0])
        try:
            out += composed.encode("cp1258") + "".join(marks[1:]).encode("cp1258")
        except UnicodeEncodeError:
            out += (base + "".join(marks)).encode("cp1258")
    return out


NAMES = ["Nguyễn Văn Ấn", "Đỗ Hồng Hằng", "Phạm Thị Ưng", "Trần Thị Hà"]


@pytest.mark.parametrize(
    "legacy_rows", [(1, 3), (0, 1, 2, 3)], ids=["some-rows-legacy", "every-row-legacy"]
)
def test_a_csv_in_utf8_and_windows_1258_keeps_its_names(session, union, legacy_rows):
    lines = ["Họ và tên,Ngày kết nạp".encode()]
    for index, name in enumerate(NAMES):
        line = f"{name},02/05/2025"
        lines.append(windows_1258(line) if index in legacy_rows else line.encode())
    plan, batch = run(session, b"\r\n".join(lines) + b"\r\n", file_name="list.csv")
    assert (batch.added, batch.refused) == (4, 0)
    assert [w.key for row in plan.rows for w in row.warnings] == []
    stored = session.exec(select(Member.full_name).order_by(Member.id)).all()
    assert stored == NAMES


def garbled(text: str, codec: str) -> str:
    """UTF-8 read in a legacy code page, as Excel does with a CSV saved without a BOM."""
    return text.encode("utf-8").decode(codec)


def test_garbled_cells_are_restored_with_a_warning_or_refused(session, union):
    rows = [
        ["Họ và tên", "CĐCS", "Ngày kết nạp"],
        [garbled("Nguyễn Văn Ấn", "cp1252"), s.UNION, "02/05/2025"],
        [garbled("Trần Thị Hà", "cp1258"), s.UNION, "02/05/2025"],
        ["Phạm Thị Ưng", garbled(s.UNION, "latin-1"), "02/05/2025"],
        # Bytes lost on the way (U+FFFD): nothing can bring the letters back.
        ["Ä\ufffdá»— Há»“ng Háº±ng", s.UNION, "02/05/2025"],
        ["Lê Văn Cường", s.UNION, "02/05/2025"],
    ]
    plan, batch = run(session, s.xlsx(rows))
    assert [(w.row, w.column, w.key) for row in plan.rows for w in row.warnings] == [
        (2, "Họ và tên", "import.warning.mojibake_repaired"),
        (3, "Họ và tên", "import.warning.mojibake_repaired"),
        (4, "CĐCS", "import.warning.mojibake_repaired"),
    ]
    assert plan.rows[0].warnings[0].reason == t(
        "import.warning.mojibake_repaired", before="Nguyá»…n VÄƒn áº¤n", after="Nguyễn Văn Ấn"
    )
    assert refused(plan) == [(5, "Họ và tên", "import.reason.mojibake")]
    assert (batch.added, batch.refused) == (4, 1)
    stored = session.exec(select(Member.full_name).order_by(Member.id)).all()
    assert stored == ["Nguyễn Văn Ấn", "Trần Thị Hà", "Phạm Thị Ưng", "Lê Văn Cường"]
