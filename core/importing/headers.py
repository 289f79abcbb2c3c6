"""Finding the header row of a sheet and matching its columns to fields.

The header is searched below any title lines; a header over two rows (a group label merged above
its sub-labels, e.g. `Ngày sinh` above `Nam` | `Nữ`) is joined into one label per column, and a
row of column numbers (1, 2, 3 …) under it is skipped. Each label is compared with the synonyms
of every field, normalised (case, spaces, line breaks, punctuation; then without diacritics).
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace

from core.importing.fields import IGNORED, REQUIRED, Field, fields_of
from core.importing.reading import Sheet
from core.importing.values import Cell, text_of
from core.text import unaccent

HEADER_SEARCH_ROWS = 40
# A header label is a few words: a longer cell is data or a note, and comparing it with every
# synonym would make a hostile file's first rows cost minutes.
MAX_LABEL_CHARS = 120
_NON_WORD = re.compile(r"[^\w%]+")


def norm(text: str) -> str:
    """Lower case, NFC, punctuation and line breaks as single spaces: 'Số CCCD/\\nCMND' -> 'số cccd cmnd'."""
    text = unicodedata.normalize("NFC", text).lower().replace("_", " ")
    return _NON_WORD.sub(" ", text).strip()


def plain(text: str) -> str:
    return unaccent(norm(text))


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class Column:
    index: int  # 0-based column of the sheet
    header: str  # the header text as written (two rows joined)
    field: str | None = None

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class HeaderMatch:
    kind: str
    sheet_name: str
    header_rows: tuple[int, ...]  # row numbers in the original file
    columns: list[Column]
    data_start: int  # index into Sheet.rows of the first row after the header
    remembered: bool = False
    skipped_number_row: int | None = None
    signature: str = field(default="")
    title_lines: list[str] = field(default_factory=list)  # text above the header (letterheads)

    def field_columns(self) -> dict[str, Column]:
        return {c.field: c for c in self.columns if c.field and c.field != IGNORED}

    def mapping(self) -> dict[str, str]:
        """Column index (as text, for JSON) -> field name, or '-' for a column that is skipped."""
        return {str(c.index): c.field or IGNORED for c in self.columns}

    def with_mapping(self, mapping: dict[str, str]) -> HeaderMatch:
        known = {f.name for f in fields_of(self.kind)}
        columns = []
        for column in self.columns:
            chosen = mapping.get(str(column.index), column.field or IGNORED)
            columns.append(replace(column, field=chosen if chosen in known else None))
        return replace(self, columns=columns)

    def missing_required(self) -> bool:
        present = set(self.field_columns())
        return not any(set(group) <= present for group in REQUIRED[self.kind])

    def label_of(self, field_name: str) -> str:
        column = self.field_columns().get(field_name)
        return column.header if column else ""


@dataclass(frozen=True)
class _Synonym:
    field: str
    accented: str
    plain: str


@functools.lru_cache(maxsize=8)
def _synonyms(fields: tuple[Field, ...]) -> list[_Synonym]:
    found = []
    for f in fields:
        for synonym in f.synonyms:
            found.append(_Synonym(f.name, norm(synonym), plain(synonym)))
    return found


def _contains(text: str, words: str) -> bool:
    return f" {words} " in f" {text} "


def score(label: str, synonym: _Synonym) -> int:
    """How well a header label names a field: exact beats contained, with diacritics beats without."""
    if not label or len(label) > MAX_LABEL_CHARS:
        return 0
    return _score(norm(label), plain(label), synonym)


def _score(accented: str, bare: str, synonym: _Synonym) -> int:
    if accented == synonym.accented:
        return 1000 + len(synonym.plain)
    if bare == synonym.plain and bare != accented:  # a header written without diacritics
        return 900 + len(synonym.plain)
    if bare == synonym.plain:
        return 800 + len(synonym.plain)
    # Contained: only for synonyms long enough not to be part of unrelated headers.
    if len(synonym.plain) >= 5:
        if _contains(accented, synonym.accented):
            return 500 + len(synonym.plain)
        if _contains(bare, synonym.plain) and bare == accented:
            return 400 + len(synonym.plain)
    return 0


@functools.lru_cache(maxsize=4096)
def _best_scores(label: str, kind: str) -> dict[str, int]:
    """Field -> the best score of its synonyms for this label; each label normalised once, and
    the same label in another candidate row (a header row is tried alone and joined) not again."""
    if not label or len(label) > MAX_LABEL_CHARS:
        return {}
    accented, bare = norm(label), plain(label)
    best: dict[str, int] = {}
    for synonym in _synonyms(fields_of(kind)):
        value = _score(accented, bare, synonym)
        if value > best.get(synonym.field, 0):
            best[synonym.field] = value
    return best


def match_labels(labels: dict[int, str], kind: str) -> dict[int, str]:
    """Column index -> field, each field and column used once, best scores first."""
    candidates = []
    for index, label in labels.items():
        if len(label) > MAX_LABEL_CHARS:
            continue  # never a header, and too long to keep as a cache key
        for field_name, value in _best_scores(label, kind).items():
            candidates.append((value, -index, index, field_name))
    candidates.sort(reverse=True)
    taken_columns: set[int] = set()
    taken_fields: set[str] = set()
    result: dict[int, str] = {}
    for _value, _neg, index, field_name in candidates:
        if index in taken_columns or field_name in taken_fields:
            continue
        result[index] = field_name
        taken_columns.add(index)
        taken_fields.add(field_name)
    return result


def _is_text_row(cells: list[Cell]) -> bool:
    """A row that can be the second line of a header: only short text, without digits."""
    values = [c for c in cells if c is not None]
    return bool(values) and all(
        isinstance(c, str) and len(c) <= 80 and not any(ch.isdigit() for ch in c) for c in values
    )


def is_number_row(cells: list[Cell]) -> bool:
    """The column-number row under a header: 1, 2, 3 … (or (1), (2) …) left to right."""
    numbers = []
    for cell in cells:
        if cell is None:
            continue
        text = text_of(cell).strip("()[]. ")
        if not text.isdigit():
            return False
        numbers.append(int(text))
    return len(numbers) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _top_labels(sheet: Sheet, row_number: int, cells: list[Cell], width: int) -> list[str]:
    """The top row of a two-row header with merged labels spread over the columns they cover."""
    labels = [text_of(cells[i]) if i < len(cells) else "" for i in range(width)]
    for (r1, c1), (r2, c2) in sheet.merges:
        if r1 == row_number - 1 and c2 > c1 and c1 < width:
            for col in range(c1 + 1, min(c2, width - 1) + 1):
                if r2 >= r1 and not labels[col]:
                    labels[col] = labels[c1]
    return labels


def _joined(sheet: Sheet, top_number: int, top: list[Cell], bottom: list[Cell]) -> dict[int, str]:
    width = max(len(top), len(bottom))
    tops = _top_labels(sheet, top_number, top, width)
    bottoms = [text_of(bottom[i]) if i < len(bottom) else "" for i in range(width)]
    # Without merge information (CSV) an empty top takes the label on its left, when the top row
    # is a row of labels (a title line above the header is not).
    if sum(1 for label in tops if label) >= 2:
        for i in range(1, width):
            if not tops[i] and bottoms[i] and tops[i - 1] and bottoms[i - 1]:
                tops[i] = tops[i - 1]
    return {
        i: " ".join(part for part in (tops[i], bottoms[i]) if part)
        for i in range(width)
        if tops[i] or bottoms[i]
    }


def _single(cells: list[Cell]) -> dict[int, str]:
    return {i: text_of(c) for i, c in enumerate(cells) if c is not None and text_of(c)}


def _value(labels: dict[int, str], kind: str, matched: dict[int, str]) -> tuple[int, int, int]:
    """Fields named (besides the row number), fields matched, then how well (exact beats contained)."""
    quality = sum(_best_scores(labels[i], kind)[name] for i, name in matched.items())
    named = sum(1 for f in matched.values() if f != "seq")
    return named, len(matched), quality


def _shown(label: str) -> str:
    """A label as the matching screen shows it: an over-long cell cut, not pasted whole."""
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def signature_of(labels: dict[int, str]) -> str:
    text = "|".join(f"{i}:{plain(label)}" for i, label in sorted(labels.items()))
    return hashlib.sha256(text.encode()).hexdigest()


def find_header(sheet: Sheet, kind: str) -> HeaderMatch | None:
    """The best header in the first rows of the sheet, or None when no row names a field."""
    best = None
    best_value = (0, 0, 0)
    rows = sheet.rows[:HEADER_SEARCH_ROWS]
    for position, (number, cells) in enumerate(rows):
        options = [((number,), _single(cells), position + 1)]
        if position + 1 < len(sheet.rows):
            next_number, next_cells = sheet.rows[position + 1]
            if next_number == number + 1 and _is_text_row(next_cells):
                options.append(
                    ((number, next_number), _joined(sheet, number, cells, next_cells), position + 2)
                )
        for header_rows, labels, data_start in options:
            matched = match_labels(labels, kind)
            value = _value(labels, kind, matched)
            if value > best_value:
                best_value = value
                best = (header_rows, labels, matched, data_start)
    if best is None or best_value[0] == 0:
        return None
    header_rows, labels, matched, data_start = best
    skipped = None
    if data_start < len(sheet.rows) and is_number_row(sheet.rows[data_start][1]):
        skipped = sheet.rows[data_start][0]
        data_start += 1
    columns = [
        Column(index=i, header=_shown(labels[i]), field=matched.get(i)) for i in sorted(labels)
    ]
    first_header = next(i for i, (number, _) in enumerate(sheet.rows) if number == header_rows[0])
    titles = [
        text_of(cell)
        for _number, cells in sheet.rows[:first_header]
        for cell in cells
        if isinstance(cell, str) and cell.strip()
    ]
    return HeaderMatch(
        kind=kind,
        sheet_name=sheet.name,
        header_rows=header_rows,
        columns=columns,
        data_start=data_start,
        skipped_number_row=skipped,
        signature=signature_of(labels),
        title_lines=titles,
    )


def best_header(sheets: list[Sheet], kind: str) -> tuple[Sheet, HeaderMatch] | None:
    """The sheet whose header names the most fields (a cover sheet before the list is passed over)."""
    found = []
    for sheet in sheets:
        header = find_header(sheet, kind)
        if header is not None:
            found.append((len(header.field_columns()), -len(found), sheet, header))
    if not found:
        return None
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return found[0][2], found[0][3]
