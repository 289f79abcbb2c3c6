"""The data rows under a header, cleaned and checked, each with its reasons; no database.

Reading stops at a grand-total row (`Tổng cộng`) or a signature block; a sub-total (`Cộng`) or a
heading row between groups is passed over (a heading is kept as the `section` of the rows below
it: member lists grouped by union name their union that way). Duplicates inside the file are
refused naming the row they repeat.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from core import membership
from core.formatting import fmt_date
from core.importing import values as v
from core.importing.encoding import restored
from core.importing.fields import field_by_name
from core.importing.headers import HeaderMatch, norm, plain
from core.importing.reading import Sheet
from core.importing.values import Cell, Invalid
from core.models import Enterprise, GrassrootsUnion, ImportKind, Member, OrgUnit
from core.strings import t
from core.text import unaccent


@dataclass
class Problem:
    row: int  # row number in the original file
    column: str  # the header as written in the file (or the template's when the column is absent)
    reason: str  # Vietnamese (the interface language), one sentence
    key: str = ""  # the reason's catalogue key

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class ParsedRow:
    row: int
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    section: str | None = None

    @property
    def refused(self) -> bool:
        return bool(self.problems)


_TOTAL = ("tổng cộng", "tổng số", "tổng", "total")
_SUBTOTAL = ("cộng", "subtotal", "sub total")
_SIGNATURE = (
    "người lập",
    "người duyệt",
    "kế toán",
    "thủ trưởng",
    "giám đốc",
    "chủ tịch",
    "phó chủ tịch",
    "t m",
    "tm",
    "thay mặt",
    "đại diện",
    "xác nhận",
    "ký tên",
    "ký ghi rõ",
    "trưởng phòng",
    "ban chấp hành",
    "nơi nhận",
)
_PLACE_DATE = re.compile(r"ngay\s*\S*\s*thang\s*\S*\s*nam")


_BARE = {word: unaccent(word) for word in (*_TOTAL, *_SUBTOTAL, *_SIGNATURE)}
# Every total or sub-total marker starts with one of these letters: a cheap test first.
_TOTAL_INITIALS = frozenset("tcTCTỔCỘ")


def _starts_with(text: str, words: tuple[str, ...]) -> bool:
    """`text` (normalised) begins with one of `words`, compared without diacritics only when the
    text has none, so 'Công' is never read as 'Cộng'. A one-word marker must stand alone or before
    a number: 'Cộng', 'Tổng: 25', but not 'Tổng công ty …' or 'Cong ty …'."""
    has_marks = unaccent(text) != text
    for word in words:
        if not has_marks:
            word = _BARE[word]
        if " " in word:
            if text == word or text.startswith(word + " "):
                return True
        elif text == word or (
            text.startswith(word + " ") and text[len(word) + 1 : len(word) + 2].isdigit()
        ):
            return True
    return False


def _marker(cell: Cell) -> str | None:
    """A short text cell, normalised, that could be a marker; None for anything else."""
    if not isinstance(cell, str) or len(cell) > 120 or not cell.strip():
        return None
    return norm(cell)


def row_kind(cells: list[Cell], header: HeaderMatch) -> str:
    """'total', 'subtotal', 'signature', 'heading' or 'data'."""
    filled = [c for c in cells if c is not None]
    for cell in filled[:3]:
        if isinstance(cell, str) and cell.lstrip()[:1] in _TOTAL_INITIALS:
            text = _marker(cell)
            if text and _starts_with(text, _TOTAL):
                return "total"
            if text and _starts_with(text, _SUBTOTAL):
                return "subtotal"
    if len(filled) <= 3:
        for cell in filled:
            text = _marker(cell)
            if text and (_starts_with(text, _SIGNATURE) or _PLACE_DATE.search(unaccent(text))):
                return "signature"
    if len(filled) == 1:
        index = next(i for i, c in enumerate(cells) if c is not None)
        column = next((c for c in header.columns if c.index == index), None)
        if isinstance(filled[0], str) and (
            column is None or column.field in (None, "seq", "-") or len(filled[0]) > 60
        ):
            return "heading"
    return "data"


@dataclass
class RawRow:
    row: int
    cells: dict[str, Cell]  # field -> cell
    section: str | None


def data_rows(sheet: Sheet, header: HeaderMatch) -> Iterator[RawRow]:
    columns = [(name, column.index) for name, column in header.field_columns().items()]
    checked = [(name, index) for name, index in columns if name != "seq"]
    section = None
    for number, cells in sheet.rows[header.data_start :]:
        kind = row_kind(cells, header)
        if kind in ("total", "signature"):
            return
        if kind == "subtotal":
            continue
        if kind == "heading":
            section = v.text_of(next(c for c in cells if c is not None))
            continue
        width = len(cells)
        values = {name: cells[index] if index < width else None for name, index in columns}
        if all(v.is_blank(values[name]) for name, _ in checked):
            continue
        yield RawRow(number, values, section)


_MISSING = object()
# Fields whose values repeat down a list (dates, choices, names of unions and communes).
REPEATING = frozenset(
    {
        "birth_date",
        "birth_male",
        "birth_female",
        "gender",
        "nationality",
        "union",
        "joined_on",
        "left_on",
        "reason",
        "contract_months",
        "has_application",
        "status",
        "commune",
        "ownership",
        "trade",
        "is_stable",
        "union_since",
        "kind",
        "unit",
        "cluster",
        "founded_on",
        "dissolved_on",
    }
)


class _Row:
    """Collects the clean values and reasons of one row."""

    def __init__(self, raw: RawRow, header: HeaderMatch, kind: str, memo: dict) -> None:
        self.raw = raw
        self.memo = memo
        self.header = header
        self.labels = field_by_name(kind)
        self.parsed = ParsedRow(row=raw.row, section=raw.section)

    def column(self, name: str) -> str:
        label = self.header.label_of(name)
        if label:
            return label
        return t(self.labels[name].label_key) if name in self.labels else name

    def refuse(self, name: str, key: str, **values: object) -> None:
        self.parsed.problems.append(Problem(self.raw.row, self.column(name), t(key, **values), key))

    def warn(self, name: str, key: str, **values: object) -> None:
        self.parsed.warnings.append(Problem(self.raw.row, self.column(name), t(key, **values), key))

    def get(self, name: str, parser: Callable[[Cell], Any]) -> Any:
        cell = self.raw.cells.get(name)
        if isinstance(cell, str) and not cell.isascii():
            try:
                fixed = restored(cell)
            except Invalid as error:
                self.refuse(name, error.key, **error.values)
                return None
            if fixed is not None:
                shown = v.text_of(fixed)
                self.warn(name, "import.warning.mojibake_repaired", before=cell[:80], after=shown)
                cell = fixed
        # Empty cells, dates, choices and unions repeat down a column: each is parsed once.
        if cell is None:
            key = (name, None)
        elif name in REPEATING:
            key = (name, type(cell), cell)
        else:
            key = None
        found = _MISSING if key is None else self.memo.get(key, _MISSING)
        if found is _MISSING:
            try:
                found = parser(cell)
            except Invalid as error:
                found = error
            if key is not None:
                self.memo[key] = found
        if isinstance(found, Invalid):
            self.refuse(name, found.key, **found.values)
            return None
        return found

    def has(self, name: str) -> bool:
        return not v.is_blank(self.raw.cells.get(name))


def _stored_in(column: Any) -> Callable[[Cell], str | None]:
    """Free text no longer than the column that keeps it."""
    length = v.column_length(column)
    return lambda cell: v.free_text(cell, length)


_PASSPORT = _stored_in(Member.passport_no)
_NATIONALITY = _stored_in(Member.nationality)
_CARD_NO = _stored_in(Member.card_no)
_UNION_NAME = _stored_in(GrassrootsUnion.name)
_ENTERPRISE_NAME = _stored_in(Enterprise.name)
_ADDRESS = _stored_in(Enterprise.address)
_COMMUNE = _stored_in(Enterprise.commune_name)
_TRADE = _stored_in(Enterprise.trade)
_OFFICER = _stored_in(Enterprise.officer)
_UNIT_NAME = _stored_in(OrgUnit.name)
_DECISION_NO = _stored_in(GrassrootsUnion.decision_no)


def _notes(cell: Cell) -> str | None:
    # An unbounded column: the limit is ours, so that a stray paste is caught.
    return v.free_text(cell, 2000)


def _person(row: _Row, today: dt.date, *, name_required: bool = True) -> None:
    """Name, birth date (or year), gender, CCCD / passport, nationality, union and card."""
    values = row.parsed.values
    if name_required or row.has("full_name"):
        values["full_name"] = row.get("full_name", v.person_name)
    else:
        values["full_name"] = None
    birth = row.get("birth_date", lambda c: v.parse_day(c, today=today))
    gender = row.get("gender", v.parse_gender)
    male, female = row.raw.cells.get("birth_male"), row.raw.cells.get("birth_female")
    if not v.is_blank(male) and not v.is_blank(female):
        row.refuse("birth_female", "import.reason.both_male_female")
    for name, cell, sex in (("birth_male", male, "male"), ("birth_female", female, "female")):
        if v.is_blank(cell):
            continue
        if v.is_mark(cell):
            gender = gender or sex
            continue
        day = row.get(name, lambda c: v.parse_day(c, today=today))
        if day is not None:
            birth, gender = birth or day, gender or sex
    person_id = row.get("cccd", v.parse_person_id)
    passport = row.get("passport_no", _PASSPORT)
    cccd = person_id.cccd if person_id else None
    if person_id and person_id.passport_no:
        passport = passport or person_id.passport_no
    if passport:
        passport = passport.upper().replace(" ", "")
    if gender is None:
        gender = v.gender_from_cccd(cccd)
    if cccd and v.cccd_mismatch(cccd, birth_year=birth.year if birth else None, gender=gender):
        row.warn("cccd", "import.warning.cccd_mismatch")
    nationality = row.get("nationality", _NATIONALITY)
    if nationality and not membership.is_foreign(unaccent(nationality).upper()):
        nationality = "VN"
    if passport and not cccd and nationality is None:
        row.refuse("nationality", "import.reason.nationality_missing")
    values.update(
        birth_date=birth.date if birth else None,
        birth_year=birth.year if birth else None,
        gender=gender,
        cccd=cccd,
        passport_no=passport,
        nationality=nationality or "VN",
        union=row.get("union", _UNION_NAME),
        card_no=row.get("card_no", _CARD_NO),
    )


def _member(row: _Row, today: dt.date) -> None:
    _person(row, today)
    values = row.parsed.values
    joined = row.get("joined_on", lambda c: v.parse_date(c, today=today))
    if joined is None and not row.has("joined_on") and not row.parsed.problems:
        row.warn("joined_on", "import.warning.joined_today")
    values["joined_on"] = joined
    left_on = row.get("left_on", lambda c: v.parse_date(c, today=today))
    status = row.get("status", v.parse_member_status)
    if status == "left" and left_on is None and not row.has("left_on"):
        row.refuse("left_on", "import.reason.left_on_missing")
    if status == "active" and left_on is not None:
        row.refuse("status", "import.reason.status_active_left", date=fmt_date(left_on))
    values["left_on"] = left_on
    values["contract_months"] = row.get("contract_months", v.parse_count)
    values["has_application"] = row.get("has_application", v.parse_yes_no)
    if membership.is_foreign(values["nationality"]):
        try:
            membership.check_foreign_worker(
                nationality=values["nationality"],
                on=joined or today,
                contract_months=values["contract_months"],
                has_application=values["has_application"],
            )
        except membership.RuleViolation as violation:
            row.parsed.problems.append(
                Problem(row.raw.row, row.column("nationality"), violation.message())
            )


def _departure(row: _Row, today: dt.date) -> None:
    _person(row, today, name_required=False)  # the CCCD alone finds the member
    values = row.parsed.values
    if not values.get("cccd") and not values.get("passport_no") and not values.get("full_name"):
        row.refuse("cccd", "import.reason.person_missing")
    values["left_on"] = row.get("left_on", lambda c: v.parse_date(c, today=today))
    if values["left_on"] is None and not row.has("left_on"):
        row.refuse("left_on", "import.reason.left_on_missing")
    values["reason"] = row.get("reason", v.parse_reason)
    if values["reason"] is None and not row.has("reason"):
        row.refuse("reason", "import.reason.reason_missing")


def _enterprise(row: _Row, today: dt.date) -> None:
    values = row.parsed.values
    values["tax_code"] = row.get("tax_code", v.parse_tax_code)
    name = row.get("name", _ENTERPRISE_NAME)
    if name is None and not row.has("name"):
        row.refuse("name", "import.reason.enterprise_name_missing")
    values["name"] = name
    values["address"] = row.get("address", _ADDRESS)
    values["commune"] = row.get("commune", _COMMUNE)
    values["ownership"] = row.get("ownership", v.parse_ownership)  # None: keep, or guess if new
    values["trade"] = row.get("trade", _TRADE)
    values["worker_count"] = row.get("worker_count", v.parse_count)
    values["is_stable"] = row.get("is_stable", v.stable_flag)
    since = row.get("union_since", lambda c: v.parse_day(c, today=today))
    values["union_since"] = (since.date or dt.date(since.year, 1, 1)) if since else None
    has_union = None
    cell = row.raw.cells.get("has_union")
    if not v.is_blank(cell):
        day = None
        try:
            day = v.parse_day(cell, today=today)
        except Invalid:
            has_union = row.get("has_union", v.parse_yes_no)
        if day is not None:
            values["union_since"] = values["union_since"] or day.date or dt.date(day.year, 1, 1)
            has_union = True
    if has_union and values["union_since"] is None:
        row.warn("has_union", "import.warning.union_without_date")
    values["officer"] = row.get("officer", _OFFICER)
    values["notes"] = row.get("notes", _notes)


def _union(row: _Row, today: dt.date) -> None:
    values = row.parsed.values
    name = row.get("name", _UNION_NAME)
    if name is None and not row.has("name"):
        row.refuse("name", "import.reason.union_name_missing")
    values["name"] = name
    values["tax_code"] = row.get("tax_code", v.parse_tax_code)
    kind = row.get("kind", v.parse_union_kind)
    if kind is None and name:
        kind = v.union_kind_from_name(name, has_enterprise=values["tax_code"] is not None)
    values["kind"] = kind
    values["unit"] = row.get("unit", _UNIT_NAME)
    values["cluster"] = row.get("cluster", _UNIT_NAME)
    values["decision_no"] = row.get("decision_no", _DECISION_NO)
    values["founded_on"] = row.get("founded_on", lambda c: v.parse_date(c, today=today))
    values["dissolved_on"] = row.get("dissolved_on", lambda c: v.parse_date(c, today=today))
    founded, dissolved = values["founded_on"], values["dissolved_on"]
    if founded and dissolved and dissolved < founded:
        row.refuse("dissolved_on", "import.reason.dissolved_before_founded")


_PARSERS = {
    ImportKind.members: _member,
    ImportKind.departures: _departure,
    ImportKind.enterprises: _enterprise,
    ImportKind.unions: _union,
}


def duplicate_key(kind: str, values: dict[str, Any]) -> tuple[str, tuple] | None:
    """What makes two rows of a file the same record (the field to blame, the key)."""
    if kind in (ImportKind.members, ImportKind.departures):
        if values.get("cccd"):
            return "cccd", ("cccd", values["cccd"])
        if values.get("passport_no"):
            return "passport_no", ("passport", values["passport_no"])
        if values.get("full_name"):
            birth = values.get("birth_date") or values.get("birth_year")
            return "full_name", (
                "name",
                unaccent(values["full_name"]),
                str(birth),
                values.get("union"),
            )
        return None
    if kind == ImportKind.enterprises:
        if values.get("tax_code"):
            return "tax_code", ("mst", values["tax_code"])
        if values.get("name"):
            return "name", ("name", plain(values["name"]))
        return None
    if values.get("name"):
        return "name", ("name", plain(values["name"]), plain(values.get("unit") or ""))
    return None


def parse_rows(
    sheet: Sheet,
    header: HeaderMatch,
    *,
    today: dt.date,
    progress: Callable[[float], None] | None = None,
) -> list[ParsedRow]:
    """Every data row under the header, cleaned, with its reasons; duplicates in the file refused."""
    kind = ImportKind(header.kind)
    parse = _PARSERS[kind]
    seen: dict[tuple, int] = {}
    memo: dict[tuple, Any] = {}
    parsed_rows: list[ParsedRow] = []
    total = max(len(sheet.rows) - header.data_start, 1)
    for count, raw in enumerate(data_rows(sheet, header)):
        if progress is not None and count % 5000 == 0:
            progress(min(count / total, 1.0))
        row = _Row(raw, header, kind, memo)
        parse(row, today)
        if not row.parsed.problems:
            found = duplicate_key(kind, row.parsed.values)
            if found is not None:
                name, key = found
                if key in seen:
                    row.refuse(name, "import.reason.duplicate_in_file", row=seen[key])
                else:
                    seen[key] = raw.row
        parsed_rows.append(row.parsed)
    return parsed_rows
