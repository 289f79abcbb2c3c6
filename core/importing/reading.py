"""Reading a file into sheets of raw cells, each row with its number in the original file.

`.xlsx` (and old `.xls`) through python-calamine, which reads cached formula values and skips
cells that only carry formatting (a sheet with a million empty formatted rows reads as its data);
`.csv`/`.txt` in UTF-8 with or without BOM, UTF-16 ("Unicode Text"), or Windows-1258, separated by
commas, semicolons or tabs. Knows nothing of headers or the database.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

import python_calamine

from core import settings
from core.errors import CatalogueError
from core.importing.encoding import decode_mixed
from core.importing.values import Cell

MAX_COLUMNS = 200  # cells further right are never part of a list
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
NOT_SPREADSHEET_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"7z\xbc\xaf")


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
    return int(settings.get("MAX_UPLOAD_MB")) * 1024 * 1024


def read_sheets(
    data: bytes, file_name: str = "", *, progress: Callable[[float], None] | None = None
) -> list[Sheet]:
    """Every sheet with data in the file; ReadError when nothing can be read."""
    if len(data) > max_upload_bytes():
        raise ReadError("import.error.too_big", mb=settings.get("MAX_UPLOAD_MB"))
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ReadError("import.error.empty")
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_STREAM in data:
            raise ReadError("import.error.password")
        sheets = _read_workbook(data, progress)
    elif data.startswith(b"PK\x03\x04"):
        sheets = _read_workbook(data, progress)
    elif data.startswith(NOT_SPREADSHEET_MAGIC):
        raise ReadError("import.error.not_spreadsheet")
    else:
        sheets = [_read_text(data, file_name)]
    if not any(sheet.rows for sheet in sheets):
        raise ReadError("import.error.no_data")
    return [sheet for sheet in sheets if sheet.rows]


def _read_workbook(data: bytes, progress: Callable[[float], None] | None) -> list[Sheet]:
    if data.startswith(b"PK"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError):
            raise ReadError("import.error.broken") from None
        if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
            raise ReadError("import.error.not_spreadsheet")
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
    lines = text.splitlines()
    delimiter = sniff_delimiter(lines[:60])
    sheet = Sheet(name=file_name or "csv")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for index, cells in enumerate(reader):
            trimmed = _trimmed([cell if cell.strip() else None for cell in cells])
            if trimmed:
                sheet.rows.append((index + 1, trimmed))
    except csv.Error:
        raise ReadError("import.error.broken") from None
    return sheet
