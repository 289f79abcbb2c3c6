"""Reading a file into sheets of raw cells, each row with its number in the original file.

`check_file` is cheap and runs in the app process: size, kind, and for a workbook the sizes its zip
and its sheets declare. `parse_sheets` does the reading itself and runs in a child process
(core/importing/isolated.py), where a file that makes the reader crash or swell harms nothing else.
`.xlsx` (and old `.xls`) through python-calamine, which reads cached formula values and skips
cells that only carry formatting (a sheet with a million empty formatted rows reads as its data);
`.csv`/`.txt` in UTF-8 with or without BOM, UTF-16 ("Unicode Text"), or Windows-1258, separated by
commas, semicolons or tabs. Knows nothing of headers or the database.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

import python_calamine

from core import settings
from core.errors import CatalogueError
from core.importing.cell import Cell
from core.importing.encoding import decode_mixed

MAX_COLUMNS = 200  # cells further right are never part of a list
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
NOT_SPREADSHEET_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"7z\xbc\xaf")
# A workbook unpacks to at most this many times the upload limit (real ones: 5 to 20 times).
UNPACKED_PER_UPLOADED = 20
# One zip member may unpack to at most this many times its packed size once it is over 1 MiB
# (repetitive sheet XML reaches ~100; a zip bomb reaches 1.000 and more).
MAX_PACK_RATIO = 250
RATIO_CHECKED_FROM = 1024 * 1024
# calamine holds a sheet as a dense grid of 32-byte cells from A1 to its last cell: above this
# many cells the grid alone passes 2 GiB (XFD1048576 asks for 512 GiB).
MAX_SHEET_CELLS = 64 * 1024 * 1024
DIMENSION_HEAD_BYTES = 16 * 1024  # the <dimension> element comes first in a sheet's XML
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Za-z]*)(\d*)(?::([A-Za-z]*)(\d*))?\"")
_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml", re.IGNORECASE)


class ReadError(CatalogueError):
    """A file that cannot be read at all; `key` names the Vietnamese message."""


@dataclass
class Sheet:
    name: str
    # (row number in the original file, 1-based; the row's cells from column A), non-empty rows only
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    # Merged ranges as ((first row, first col), (last row, last col)), 0-based, as calamine gives them.
    merges: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


def max_upload_bytes() -> int:
    return settings.get_settings().max_upload_bytes


def check_file(data: bytes) -> None:
    """Refuse, before any reading, a file too big, empty, of another kind, or a workbook whose zip
    or sheet sizes are absurd. Reads at most a few KB of each sheet."""
    if len(data) > max_upload_bytes():
        raise ReadError("import.error.too_big", mb=settings.get_settings().max_upload_mb)
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ReadError("import.error.empty")
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_STREAM in data:
            raise ReadError("import.error.password")
    elif data.startswith(b"PK\x03\x04"):
        _check_zip(data)
    elif data.startswith(NOT_SPREADSHEET_MAGIC):
        raise ReadError("import.error.not_spreadsheet")


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
        names = {member.filename for member in members}
        if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
            raise ReadError("import.error.not_spreadsheet")
        unpacked = sum(member.file_size for member in members)
        if unpacked > UNPACKED_PER_UPLOADED * max_upload_bytes() or any(
            member.file_size > RATIO_CHECKED_FROM
            and member.file_size > MAX_PACK_RATIO * max(member.compress_size, 1)
            for member in members
        ):
            raise ReadError("import.error.unpacked_too_big")
        for member in members:
            if _SHEET_PART.fullmatch(member.filename):
                with archive.open(member) as part:
                    _check_dimension(part.read(DIMENSION_HEAD_BYTES))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, OSError):
        raise ReadError("import.error.broken") from None


def column_number(letters: str) -> int:
    """'A' -> 1, 'XFD' -> 16384."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _check_dimension(head: bytes) -> None:
    """A sheet that declares a used range too large to hold is refused before it is read."""
    found = _DIMENSION.search(head)
    if found is None:
        return
    first_col, first_row, last_col, last_row = (part.decode() for part in found.groups(b""))
    last_col, last_row = last_col or first_col, last_row or first_row
    if not last_col or not last_row:
        return
    if len(last_col) > 3 or len(last_row) > 7:
        raise ReadError("import.error.sheet_too_large", cell=f"{last_col[:3]}{last_row[:7]}")
    cells = column_number(last_col) * int(last_row)
    if cells > MAX_SHEET_CELLS:
        raise ReadError("import.error.sheet_too_large", cell=f"{last_col.upper()}{last_row}")


def parse_sheets(
    data: bytes, file_name: str = "", *, progress: Callable[[float], None] | None = None
) -> list[Sheet]:
    """Every sheet with data in a file `check_file` let through; ReadError when nothing can be
    read. Its memory is bounded only by the file: call it in a child process (isolated.py)."""
    if data.startswith((OLE_MAGIC, b"PK\x03\x04")):
        sheets = _read_workbook(data, progress)
    else:
        sheets = [_read_text(data, file_name)]
    if not any(sheet.rows for sheet in sheets):
        raise ReadError("import.error.no_data")
    return [sheet for sheet in sheets if sheet.rows]


def _read_workbook(data: bytes, progress: Callable[[float], None] | None) -> list[Sheet]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise ReadError("import.error.password") from None
    except (python_calamine.CalamineError, ValueError, OSError):
        raise ReadError("import.error.broken") from None
    sheets: list[Sheet] = []
    with workbook:
        visible = [
            meta.name
            for meta in workbook.sheets_metadata
            if meta.visible == python_calamine.SheetVisibleEnum.Visible
            and meta.typ == python_calamine.SheetTypeEnum.WorkSheet
        ]
        for name in visible:
            try:
                sheets.append(_read_calamine_sheet(workbook.get_sheet_by_name(name), progress))
            except (python_calamine.CalamineError, ValueError):
                raise ReadError("import.error.broken") from None
    return sheets


def _trimmed(cells: list) -> list[Cell]:
    """Empty cells as None, without the empty ones at the end of the row."""
    trimmed = [None if value == "" else value for value in cells[:MAX_COLUMNS]]
    while trimmed and trimmed[-1] is None:
        trimmed.pop()
    return trimmed


def _read_calamine_sheet(
    calamine_sheet: python_calamine.CalamineSheet, progress: Callable[[float], None] | None
) -> Sheet:
    sheet = Sheet(name=calamine_sheet.name, merges=list(calamine_sheet.merged_cell_ranges or []))
    start = calamine_sheet.start
    end = calamine_sheet.end
    if start is None or end is None:
        return sheet
    first_col = start[1]
    total = end[0] + 1
    rows: list[tuple[int, list[Cell]]] = []
    count = 0
    # iter_rows yields every row from the first of the sheet, and the columns from the first used one.
    for index, cells in enumerate(calamine_sheet.iter_rows()):
        count += 1
        if progress is not None and index % 5000 == 0:
            progress(min(index / total, 1.0))
        trimmed = _trimmed(cells)
        if trimmed:
            rows.append((index + 1, [None] * first_col + trimmed))
    if count != total:  # older readers start at the first used row
        rows = [(number + start[0], cells) for number, cells in rows]
    sheet.rows = rows
    return sheet


def decode_text(data: bytes) -> str:
    """UTF-16 (with BOM, or detected by its zero bytes), UTF-8 with or without BOM, else cp1258."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    sample = data[:4000]
    if sample.count(b"\x00") > len(sample) // 4:
        little = sample[1::2].count(0) > sample[0::2].count(0)
        try:
            return data.decode("utf-16-le" if little else "utf-16-be")
        except UnicodeDecodeError:
            raise ReadError("import.error.not_spreadsheet") from None
    if b"\x00" in sample:
        raise ReadError("import.error.not_spreadsheet")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_mixed(data)


def sniff_delimiter(lines: list[str]) -> str:
    """The separator that splits the most of the first lines into the same number of fields."""
    best, best_score = ",", (-1, -1)
    for delimiter in ("\t", ";", ","):
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter) if len(row) > 1]
        if not counts:
            continue
        modal = max(set(counts), key=counts.count)
        score = (counts.count(modal), modal)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_text(data: bytes, file_name: str) -> Sheet:
    text = decode_text(data)
    if any(ch in text[:4000] for ch in "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10"):
        raise ReadError("import.error.not_spreadsheet")
    # A field may be as long as the file itself (the file is within the upload limit); Python's
    # default of 128 KiB would end the reading with an error.
    csv.field_size_limit(max(max_upload_bytes(), len(text)))
    sheet = Sheet(name=file_name or "csv")
    try:
        delimiter = sniff_delimiter(text.splitlines()[:60])
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for index, cells in enumerate(reader):
            trimmed = _trimmed([cell if cell.strip() else None for cell in cells])
            if trimmed:
                sheet.rows.append((index + 1, trimmed))
    except csv.Error:
        raise ReadError("import.error.broken") from None
    return sheet
