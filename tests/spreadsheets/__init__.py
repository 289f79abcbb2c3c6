"""Spreadsheets as offices send them, built in the tests (bytes of .xlsx, .csv and .txt files)."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile

from openpyxl import Workbook

UNION = "CĐCS Công ty TNHH May Minh Phát"


def xlsx(rows: list[list], *, merges: tuple[str, ...] = (), sheets: dict | None = None) -> bytes:
    """A workbook whose first sheet holds `rows` from A1 (None = empty cell)."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge)
    for name, extra_rows in (sheets or {}).items():
        extra = workbook.create_sheet(name)
        for row in extra_rows:
            extra.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], *, delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    lines = [delimiter.join("" if c is None else str(c) for c in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# A member list as a grassroots union sends it: letterhead, title, a header over two rows with the
# birth date under "Nam"/"Nữ", a column-number row, a totals row and a signature block.
MEMBERS_OFFICE_ROWS: list[list] = [
    ["LIÊN ĐOÀN LAO ĐỘNG HUYỆN VĨNH BẢO", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    [UNION, None, None, None, "Độc lập - Tự do - Hạnh phúc"],
    [],
    ["DANH SÁCH ĐOÀN VIÊN KẾT NẠP MỚI"],
    ["STT", "Họ và tên", "Ngày sinh", None, "Số CCCD/\nCMND", "Ngày kết nạp", "Ghi chú"],
    [None, None, "Nam", "Nữ", None, None, None],
    [1, 2, 3, 4, 5, 6, 7],
    [1, "Nguyễn Văn An", dt.datetime(1990, 3, 5), None, 31090001234, dt.datetime(2025, 5, 2), None],
    [2, nfd("Trần  Thị Bình "), None, "1995", "031195001111", "02/05/2025", None],
    [3, "Lê Văn Cường", "31/02/1990", None, "031090009999", "2/5/2025", None],
    [4, "Phạm Văn Dũng", "1/1/1991", None, "031090001234", "02-05-2025", None],
    [5, "Hoàng Thị Em", None, "12/12/2030", "031130001000", "2/5/2025", None],
    [6, "Vũ Văn Giang", "1/1/1992", None, "999092001000", "2/5/2025", None],
    [7, "Đỗ Thị Hà", None, "1/1/1993", "031093001000", "2/5/2025", "=SUM(A1:A3)"],
    ["Tổng cộng: 7 người", None, None, None, None, None, None],
    [],
    [None, None, None, None, "Vĩnh Bảo, ngày 10 tháng 5 năm 2025"],
    [None, None, None, None, "T/M BAN CHẤP HÀNH"],
    [None, None, None, None, "Nguyễn Văn Chủ"],
]
MEMBERS_OFFICE_MERGES = ("C5:D5", "A5:A6", "B5:B6", "E5:E6", "F5:F6", "G5:G6")


def members_office() -> bytes:
    return xlsx(MEMBERS_OFFICE_ROWS, merges=MEMBERS_OFFICE_MERGES)


def password_protected() -> bytes:
    """The start of an encrypted Office file: an OLE container holding an EncryptedPackage."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = "EncryptedPackage".encode("utf-16-le") + b"\x00" * 96
    info = "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100
    return header + directory + info + b"\x00" * 1024


def broken_xlsx() -> bytes:
    return members_office()[:3000]


def zip_not_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


def million_empty_formatted_rows() -> bytes:
    """A header, one member, then 1.000.000 rows that only carry formatting."""
    base = xlsx(
        [
            ["Họ và tên", "Ngày sinh", "Số CCCD", "CĐCS", "Ngày kết nạp"],
            ["Nguyễn Văn An", "05/03/1990", "031090001234", UNION, "02/05/2025"],
        ]
    )
    source = zipfile.ZipFile(io.BytesIO(base))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                rows = "".join(
                    f'<row r="{r}"><c r="A{r}" s="0"/><c r="B{r}" s="0"/></row>'
                    for r in range(3, 1_000_003)
                )
                xml = xml.replace("</sheetData>", rows + "</sheetData>")
                data = xml.encode()
            out.writestr(item, data)
    return buffer.getvalue()
