"""Cell values as offices write them, turned into clean values or a reason (a catalogue key).

Each parser takes what the reader gave for one cell (str, int, float, date, datetime or None) and
returns the clean value, or raises `Invalid` with the key of the Vietnamese reason. None of them
knows about the database or the sheet around the cell.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from core.importing.cell import Cell, Invalid
from core.models import Member
from core.text import clean, looks_like_formula, unaccent

MIN_YEAR = 1900
# Excel's day 1 is 1900-01-01 but it counts a 29/02/1900 that never was: serials start at 1899-12-30.
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_SERIAL_RANGE = (367, 80_000)  # 1901 to 2119: a number here in a date column is a date


def text_of(value: Cell) -> str:
    """The cell as clean text: NFC, spaces collapsed; whole floats lose their `.0`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value):
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        # What core.text.clean does, without a regex: this runs for every cell of big files.
        # ASCII text (codes, numbers, CCCDs) is already NFC.
        if value.isascii():
            return _unguarded(" ".join(value.split()))
        return _unguarded(" ".join(unicodedata.normalize("NFC", value).split()))
    return clean(str(value))


def _unguarded(text: str) -> str:
    """Text without the apostrophe our exports put before a value Excel would take for a formula."""
    if text[:1] == "'" and looks_like_formula(text[1:]):
        return text[1:]
    return text


# C0 controls but tab, line feed and carriage return (they become spaces), DEL, C1 controls and
# unpaired surrogates: nothing a person types, and PostgreSQL refuses a NUL outright.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def checked_text(value: Cell) -> Cell:
    """`value` as given; Invalid when it is text holding a control character."""
    if isinstance(value, str) and not value.isprintable():
        found = _CONTROL.search(value)
        if found:
            raise Invalid("import.reason.control_char", code=f"U+{ord(found.group()):04X}")
    return value


def column_length(column: Any) -> int | None:
    """The length the database gives a text column (`Member.full_name`); None when unbounded."""
    return getattr(column.type, "length", None)


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- names and free text -----------------------------------------------------------------------


_DIGIT = re.compile(r"\d")


def person_name(value: Cell, max_length: int | None = column_length(Member.full_name)) -> str:
    """'  nguyễn  văn   an ' (NFD or NFC) -> 'Nguyễn Văn An'; a name in capitals gets title case."""
    name = text_of(checked_text(value))
    if not name:
        raise Invalid("import.reason.name_missing")
    if max_length is not None and len(name) > max_length:
        raise Invalid("import.reason.too_long", n=max_length)
    if _DIGIT.search(name):
        raise Invalid("import.reason.name_digits")
    if name.isupper() or name.islower():
        name = " ".join(part[:1].upper() + part[1:].lower() for part in name.split(" "))
    return name


def free_text(value: Cell, max_length: int | None = 300) -> str | None:
    """Text kept as written (NFC, spaces collapsed); formula-like text stays text. No limit when
    `max_length` is None."""
    text = text_of(checked_text(value))
    if not text:
        return None
    if max_length is not None and len(text) > max_length:
        raise Invalid("import.reason.too_long", n=max_length)
    return text


# --- dates -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    """A date as the file gave it: a full date, or only a year (`date` None)."""

    date: dt.date | None
    year: int

    def iso(self) -> str:
        return self.date.isoformat() if self.date else f"{self.year:04d}"


_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_YEAR = re.compile(r"^(?:năm\s*)?(\d{4})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{4})$")


def _checked(day: Day, today: dt.date) -> Day:
    if day.year < MIN_YEAR:
        raise Invalid("import.reason.date_too_old")
    if (day.date or dt.date(day.year, 1, 1)) > today:
        raise Invalid("import.reason.date_future")
    return day


def parse_day(value: Cell, *, today: dt.date, allow_year: bool = True) -> Day | None:
    """A date in any form offices use (Excel date, 05/03/1990, 5/3/1990, 05-03-1990, 1990-03-05)
    or a bare year (1990) when `allow_year`; None when blank. Future and pre-1900 dates refused."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return _checked(Day(value.date(), value.year), today)
    if isinstance(value, dt.date):
        return _checked(Day(value, value.year), today)
    if isinstance(value, bool):
        raise Invalid("import.reason.date_bad", value=text_of(value))
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or value != int(value):
            raise Invalid("import.reason.date_bad", value=text_of(value))
        number = int(value)
        if MIN_YEAR <= number <= 2100 and allow_year:
            return _checked(Day(None, number), today)
        if EXCEL_SERIAL_RANGE[0] <= number <= EXCEL_SERIAL_RANGE[1]:
            day = EXCEL_EPOCH + dt.timedelta(days=number)
            return _checked(Day(day, day.year), today)
        if 0 < number < MIN_YEAR:
            raise Invalid("import.reason.date_too_old")
        raise Invalid("import.reason.date_bad", value=text_of(value))
    text = text_of(value).lower()
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return _checked(_make(year, month, day, text), today)
    match = _YMD.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _checked(_make(year, month, day, text), today)
    match = _YEAR.match(text)
    if match and allow_year:
        return _checked(Day(None, int(match.group(1))), today)
    if _MONTH_YEAR.match(text) and allow_year:
        month, year = (int(g) for g in _MONTH_YEAR.match(text).groups())
        if 1 <= month <= 12:
            return _checked(Day(None, year), today)
    raise Invalid("import.reason.date_bad", value=text_of(value))


def _make(year: int, month: int, day: int, text: str) -> Day:
    try:
        return Day(dt.date(year, month, day), year)
    except ValueError:
        raise Invalid("import.reason.date_bad", value=text) from None


def parse_date(value: Cell, *, today: dt.date) -> dt.date | None:
    """A full date (no bare year): admission, departure, founding dates."""
    day = parse_day(value, today=today, allow_year=False)
    return day.date if day else None


# --- numbers -----------------------------------------------------------------------------------

_COUNT = re.compile(r"^(?:khoảng|khoang|~)?\s*(\d{1,3}(?:[.,\s]\d{3})+|\d+)(?:[.,]0+)?\s*([^\d]*)$")
_COUNT_UNITS = {
    "",
    "người",
    "nguoi",
    "lao động",
    "lao dong",
    "lđ",
    "ld",
    "cn",
    "công nhân",
    "cong nhan",
    "đv",
    "dv",
    "người lao động",
    "nguoi lao dong",
    "ng",
    "tháng",
    "thang",
}


def parse_count(value: Cell) -> int | None:
    """A whole number of people: 1250, '1.250', '1,250', '45 người' -> int; blank -> None (unknown)."""
    if is_blank(value):
        return None
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime)):
        raise Invalid("import.reason.count_bad", value=text_of(value))
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or value != int(value) or value < 0:
            raise Invalid("import.reason.count_bad", value=text_of(value))
        return int(value)
    text = text_of(value).lower()
    match = _COUNT.match(text)
    if not match or match.group(2).strip(" .") not in _COUNT_UNITS:
        raise Invalid("import.reason.count_bad", value=text_of(value))
    return int(re.sub(r"[.,\s]", "", match.group(1)))


# --- identity numbers ----------------------------------------------------------------------------

# Circular 07/2016/TT-BCA: the first three digits of a CCCD name the province of birth registration.
PROVINCE_CODES = frozenset(
    f"{n:03d}"
    for n in (
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35,
        36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70,
        72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
    )
)  # fmt: skip


def _digits_of(value: Cell) -> str:
    """Digits of an ID cell: numbers Excel made (3.1090001234E10) and text with spaces, dots, dashes."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, float):
        if not math.isfinite(value) or value != int(value):
            return "?"
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    text = text_of(value)
    if text.startswith("'"):
        text = text[1:]
    return re.sub(r"[\s.\-]", "", text)


@dataclass(frozen=True)
class PersonId:
    cccd: str | None = None  # 12 digits; or 9 digits for an old CMND
    passport_no: str | None = None


def parse_person_id(value: Cell) -> PersonId | None:
    """A CCCD (12 digits), an old CMND (9 digits) or, with letters, a passport number."""
    if is_blank(value):
        return None
    digits = _digits_of(value)
    if digits.isdigit():
        # Excel drops the leading zero of every CCCD (all province codes start with 0) and CMND.
        if len(digits) == 11:
            digits = "0" + digits
        elif len(digits) == 8:
            digits = "0" + digits
        if len(digits) == 12:
            if digits[:3] not in PROVINCE_CODES:
                raise Invalid("import.reason.cccd_province", code=digits[:3])
            return PersonId(cccd=digits)
        if len(digits) == 9:
            return PersonId(cccd=digits)
        raise Invalid("import.reason.cccd_length", value=text_of(value))
    text = text_of(value).upper().replace(" ", "")
    if re.fullmatch(r"[A-Z0-9]{6,30}", text) and any(ch.isalpha() for ch in text):
        return PersonId(passport_no=text)
    raise Invalid("import.reason.cccd_bad", value=text_of(value))


def cccd_mismatch(cccd: str, *, birth_year: int | None, gender: str | None) -> bool:
    """True when the century/sex digit or the year digits disagree with birth year and gender."""
    if len(cccd) != 12 or birth_year is None:
        return False
    digit = int(cccd[3])
    century = 1900 + 100 * (digit // 2)
    if not century <= birth_year < century + 100 or cccd[4:6] != f"{birth_year % 100:02d}":
        return True
    if gender is not None and ("female" if digit % 2 else "male") != gender:
        return True
    return False


def gender_from_cccd(cccd: str | None) -> str | None:
    if cccd is None or len(cccd) != 12:
        return None
    return "female" if int(cccd[3]) % 2 else "male"


def parse_tax_code(value: Cell) -> str | None:
    """MST: 10 digits, or 13 for a branch written `0201234567-001`; lost leading zeros restored."""
    if is_blank(value):
        return None
    digits = _digits_of(value)
    if not digits.isdigit():
        raise Invalid("import.reason.tax_code_bad", value=text_of(value))
    if len(digits) in (9, 12):
        digits = "0" + digits
    if len(digits) == 10:
        return digits
    if len(digits) == 13:
        return f"{digits[:10]}-{digits[10:]}"
    raise Invalid("import.reason.tax_code_bad", value=text_of(value))


# --- choices -------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _key_of_text(text: str) -> str:
    return re.sub(r"[^a-z0-9%]+", " ", unaccent(text)).strip()


def _key(value: Cell) -> str:
    """Lower case, no diacritics, no punctuation: the few words a choice cell is read by."""
    return _key_of_text(text_of(value))


_MALE = {"nam", "male", "m", "trai", "gioi tinh nam"}
_FEMALE = {"nu", "female", "f", "gai", "gioi tinh nu"}
_MARKS = {"x", "v", "1", "co", "yes", "true", "✓", "✔"}


def parse_gender(value: Cell) -> str | None:
    if is_blank(value):
        return None
    key = _key(value)
    if key in _MALE:
        return "male"
    if key in _FEMALE:
        return "female"
    raise Invalid("import.reason.gender_bad", value=text_of(value))


def is_mark(value: Cell) -> bool:
    """A tick in a Nam/Nữ column: 'x', 'X', '1', '✓'."""
    if isinstance(value, bool):
        return value
    text = text_of(value).lower()
    return text in _MARKS or _key(value) in _MARKS


def parse_yes_no(value: Cell) -> bool | None:
    if is_blank(value):
        return None
    key = _key(value)
    if key in {"x", "v", "1", "co", "yes", "true", "da co", "roi", "da nop", "co don"} or text_of(
        value
    ) in {"✓", "✔"}:
        return True
    if key in {"0", "khong", "no", "false", "chua", "chua co", "khong co"}:
        return False
    raise Invalid("import.reason.yes_no_bad", value=text_of(value))


OWNERSHIP_WORDS: list[tuple[str, str]] = [
    # (normalised words, ownership); first match wins, so specific words come first.
    ("fdi", "fdi"),
    ("von dau tu nuoc ngoai", "fdi"),
    ("von nuoc ngoai", "fdi"),
    ("100% von", "fdi"),
    ("lien doanh", "fdi"),
    ("nuoc ngoai", "fdi"),
    ("ngoai nha nuoc", "non_state_domestic"),
    ("ngoai quoc doanh", "non_state_domestic"),
    ("hop tac xa", "cooperative"),
    ("htx", "cooperative"),
    ("ho kinh doanh", "household"),
    ("ho ca the", "household"),
    ("hkd", "household"),
    ("ho gia dinh", "household"),
    ("nha nuoc", "state"),
    ("dnnn", "state"),
    ("quoc doanh", "state"),
    ("co quan", "state"),
    ("don vi su nghiep", "state"),
    ("tu nhan", "non_state_domestic"),
    ("dntn", "non_state_domestic"),
    ("tnhh", "non_state_domestic"),
    ("trach nhiem huu han", "non_state_domestic"),
    ("co phan", "non_state_domestic"),
    ("ctcp", "non_state_domestic"),
    ("hop danh", "non_state_domestic"),
    ("trong nuoc", "non_state_domestic"),
    ("doanh nghiep", "non_state_domestic"),
    ("non state", "non_state_domestic"),
    ("state", "state"),
    ("cooperative", "cooperative"),
    ("household", "household"),
]


def _has_words(key: str, words: str) -> bool:
    return f" {words} " in f" {key} "


def parse_ownership(value: Cell) -> str | None:
    if is_blank(value):
        return None
    key = _key(value).replace("_", " ")
    for words, ownership in OWNERSHIP_WORDS:
        if _has_words(key, words):
            return ownership
    raise Invalid("import.reason.ownership_bad", value=text_of(value))


def ownership_from_name(name: str) -> str:
    key = _key(name)
    if key.startswith("hop tac xa") or key.startswith("htx"):
        return "cooperative"
    if key.startswith("ho kinh doanh"):
        return "household"
    return "non_state_domestic"


REASON_WORDS: list[tuple[str, str]] = [
    ("nghi huu", "retired"),
    ("huu tri", "retired"),
    ("het tuoi", "retired"),
    ("retired", "retired"),
    ("tu tran", "died"),
    ("chet", "died"),
    ("qua doi", "died"),
    ("mat", "died"),
    ("died", "died"),
    ("xoa ten", "removed"),
    ("khai tru", "removed"),
    ("removed", "removed"),
    ("giai the", "union_dissolved"),
    ("chuyen", "moved_away"),
    ("di noi khac", "moved_away"),
    ("moved", "moved_away"),
    ("nghi viec", "quit_job"),
    ("thoi viec", "quit_job"),
    ("cham dut hop dong", "quit_job"),
    ("cham dut hdld", "quit_job"),
    ("het hop dong", "quit_job"),
    ("het hdld", "quit_job"),
    ("xin ra", "quit_job"),
    ("nghi", "quit_job"),
    ("quit", "quit_job"),
]


def parse_reason(value: Cell) -> str | None:
    if is_blank(value):
        return None
    key = _key(value).replace("_", " ")
    for words, reason in REASON_WORDS:
        if _has_words(key, words):
            return reason
    raise Invalid("import.reason.reason_bad", value=text_of(value))


# A member list exported with the members who left: the status column says which they are.
MEMBER_STATUS_WORDS: list[tuple[str, str]] = [
    ("da ra khoi to chuc", "left"),
    ("ra khoi to chuc", "left"),
    ("da ra", "left"),
    ("left", "left"),
    ("dang sinh hoat", "active"),
    ("active", "active"),
]


def parse_member_status(value: Cell) -> str | None:
    if is_blank(value):
        return None
    key = _key(value)
    for words, status in MEMBER_STATUS_WORDS:
        if _has_words(key, words):
            return status
    raise Invalid("import.reason.status_bad", value=text_of(value))


UNION_KIND_WORDS: list[tuple[str, str]] = [
    ("nghiep doan", "trade"),
    ("ndcs", "trade"),
    ("trade", "trade"),
    ("hanh chinh", "public_body"),
    ("hcsn", "public_body"),
    ("co quan", "public_body"),
    ("don vi su nghiep", "public_body"),
    ("truong hoc", "public_body"),
    ("public body", "public_body"),
    ("doanh nghiep", "enterprise"),
    ("dn", "enterprise"),
    ("enterprise", "enterprise"),
]


def parse_union_kind(value: Cell) -> str | None:
    if is_blank(value):
        return None
    key = _key(value).replace("_", " ")
    for words, kind in UNION_KIND_WORDS:
        if _has_words(key, words):
            return kind
    raise Invalid("import.reason.union_kind_bad", value=text_of(value))


_PUBLIC_BODY_WORDS = (
    "truong",
    "trung tam",
    "benh vien",
    "ubnd",
    "uy ban",
    "kho bac",
    "phong",
    "tram y te",
    "co quan",
    "chi cuc",
    "ban quan ly",
)


def union_kind_from_name(name: str, *, has_enterprise: bool) -> str:
    key = _key(name)
    for prefix in ("cong doan co so", "cdcs", "cong doan"):
        if key.startswith(prefix + " "):
            key = key[len(prefix) + 1 :]
            break
    if key.startswith("nghiep doan"):
        return "trade"
    if has_enterprise:
        return "enterprise"
    if any(key.startswith(word + " ") for word in _PUBLIC_BODY_WORDS):
        return "public_body"
    return "enterprise"


def stable_flag(value: Cell) -> bool | None:
    """'Đang hoạt động' / 'Ổn định' -> True; 'Ngừng hoạt động', 'Tạm ngừng', 'Giải thể' -> False."""
    if is_blank(value):
        return None
    key = _key(value)
    if any(word in key for word in ("ngung", "tam dung", "giai the", "khong on dinh", "pha san")):
        return False
    if any(word in key for word in ("hoat dong", "on dinh")) or key in {"x", "co", "1", "yes"}:
        return True
    if key in {"khong", "0", "no"}:
        return False
    raise Invalid("import.reason.stable_bad", value=text_of(value))


def normalise_nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)
