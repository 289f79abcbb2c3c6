"""Cell parsers: every form in which offices write dates, numbers, genders and yes/no, and
properties (hypothesis) that they never crash and give back what they accept."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.formatting import fmt_date, fmt_int
from core.importing import values as v
from core.importing.values import Day, Invalid, PersonId

TODAY = dt.date(2025, 6, 1)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (dt.datetime(1990, 3, 5), Day(dt.date(1990, 3, 5), 1990)),
        (dt.date(1990, 3, 5), Day(dt.date(1990, 3, 5), 1990)),
        ("05/03/1990", Day(dt.date(1990, 3, 5), 1990)),
        ("5/3/1990", Day(dt.date(1990, 3, 5), 1990)),
        ("05-03-1990", Day(dt.date(1990, 3, 5), 1990)),
        ("05.03.1990", Day(dt.date(1990, 3, 5), 1990)),
        ("1990-03-05", Day(dt.date(1990, 3, 5), 1990)),
        (" 5 / 3 / 1990 ", Day(dt.date(1990, 3, 5), 1990)),
        ("1990", Day(None, 1990)),
        (1990, Day(None, 1990)),
        (1990.0, Day(None, 1990)),
        ("Năm 1990", Day(None, 1990)),
        (32937, Day(dt.date(1990, 3, 5), 1990)),  # an Excel serial shown as a number
        (None, None),
        ("  ", None),
    ],
)
def test_dates_in_every_form(cell, expected):
    assert v.parse_day(cell, today=TODAY) == expected


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("31/02/1990", "import.reason.date_bad"),
        ("12/12/2030", "import.reason.date_future"),
        ("2026", "import.reason.date_future"),
        ("1/1/1899", "import.reason.date_too_old"),
        ("1850", "import.reason.date_too_old"),
        ("hôm qua", "import.reason.date_bad"),
        ("05/03/90", "import.reason.date_bad"),
        (12.5, "import.reason.date_bad"),
    ],
)
def test_dates_refused_with_their_reason(cell, key):
    with pytest.raises(Invalid) as error:
        v.parse_day(cell, today=TODAY)
    assert error.value.key == key


def test_a_full_date_is_required_where_a_year_is_not_enough():
    with pytest.raises(Invalid):
        v.parse_date("2025", today=TODAY)
    assert v.parse_date("02/05/2025", today=TODAY) == dt.date(2025, 5, 2)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1.250", 1250),
        ("1,250", 1250),
        ("1 250", 1250),
        ("45 người", 45),
        ("45 lao động", 45),
        ("2.500.000", 2500000),
        (1250, 1250),
        (1250.0, 1250),
        ("0", 0),
        ("", None),
        (None, None),
    ],
)
def test_worker_counts(cell, expected):
    assert v.parse_count(cell) == expected


@pytest.mark.parametrize("cell", ["12,5", "1.5", "-3", -3, 2.5, "nhiều", "45 xe"])
def test_worker_counts_refused(cell):
    with pytest.raises(Invalid) as error:
        v.parse_count(cell)
    assert error.value.key == "import.reason.count_bad"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("031090001234", PersonId(cccd="031090001234")),
        (31090001234, PersonId(cccd="031090001234")),  # Excel dropped the leading zero
        (31090001234.0, PersonId(cccd="031090001234")),
        ("031 090 001 234", PersonId(cccd="031090001234")),
        ("031-090-001234", PersonId(cccd="031090001234")),
        ("'031090001234", PersonId(cccd="031090001234")),
        ("031234567", PersonId(cccd="031234567")),  # old CMND
        (31234567, PersonId(cccd="031234567")),
        ("C1234567", PersonId(passport_no="C1234567")),
        ("b 7654321", PersonId(passport_no="B7654321")),
    ],
)
def test_person_ids(cell, expected):
    assert v.parse_person_id(cell) == expected


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("12345", "import.reason.cccd_length"),
        ("999090001234", "import.reason.cccd_province"),
        ("003090001234", "import.reason.cccd_province"),
        ("#$%", "import.reason.cccd_bad"),
    ],
)
def test_person_ids_refused(cell, key):
    with pytest.raises(Invalid) as error:
        v.parse_person_id(cell)
    assert error.value.key == key


def test_cccd_century_and_sex_digit():
    assert not v.cccd_mismatch("031090001234", birth_year=1990, gender="male")
    assert not v.cccd_mismatch("031195001234", birth_year=1995, gender="female")
    assert not v.cccd_mismatch("031303001234", birth_year=2003, gender="female")
    assert not v.cccd_mismatch("031203001234", birth_year=2003, gender="male")
    assert v.cccd_mismatch("031090001234", birth_year=1990, gender="female")
    assert v.cccd_mismatch("031090001234", birth_year=1991, gender="male")
    assert v.cccd_mismatch("031290001234", birth_year=1990, gender="male")
    assert not v.cccd_mismatch("031234567", birth_year=1990, gender="male")  # CMND: no digit
    assert v.gender_from_cccd("031195001234") == "female"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("0201234567", "0201234567"),
        (201234567, "0201234567"),
        ("0201234567-001", "0201234567-001"),
        ("0201234567001", "0201234567-001"),
        (201234567001, "0201234567-001"),
        ("02 0123 4567", "0201234567"),
        ("0201.234.567", "0201234567"),
        (None, None),
    ],
)
def test_tax_codes(cell, expected):
    assert v.parse_tax_code(cell) == expected


@pytest.mark.parametrize("cell", ["12345", "02012345678", "MST0201234567"])
def test_tax_codes_refused(cell):
    with pytest.raises(Invalid) as error:
        v.parse_tax_code(cell)
    assert error.value.key == "import.reason.tax_code_bad"


def test_names_are_nfc_with_single_spaces():
    assert v.person_name("  Nguye\u0302\u0303n   Va\u0306n\nAn ") == "Nguyễn Văn An"
    assert v.person_name("NGUYỄN VĂN AN") == "Nguyễn Văn An"
    with pytest.raises(Invalid):
        v.person_name("Nguyễn Văn 2")


def test_formula_like_text_stays_text():
    assert v.free_text('=HYPERLINK("http://x")') == '=HYPERLINK("http://x")'
    assert v.free_text("@SUM(A1)") == "@SUM(A1)"


@pytest.mark.parametrize(
    ("parser", "cell", "expected"),
    [
        (v.parse_gender, "Nam", "male"),
        (v.parse_gender, "NỮ", "female"),
        (v.parse_gender, "nu", "female"),
        (v.parse_ownership, "Ngoài nhà nước (trong nước)", "non_state_domestic"),
        (v.parse_ownership, "Có vốn đầu tư nước ngoài (FDI)", "fdi"),
        (v.parse_ownership, "Công ty TNHH", "non_state_domestic"),
        (v.parse_ownership, "Nhà nước", "state"),
        (v.parse_ownership, "HTX", "cooperative"),
        (v.parse_ownership, "Hộ kinh doanh", "household"),
        (v.parse_reason, "Nghỉ việc", "quit_job"),
        (v.parse_reason, "Nghỉ hưu", "retired"),
        (v.parse_reason, "Chuyển đi nơi khác", "moved_away"),
        (v.parse_reason, "Từ trần", "died"),
        (v.parse_reason, "Xóa tên", "removed"),
        (v.parse_reason, "CĐCS giải thể", "union_dissolved"),
        (v.parse_union_kind, "CĐCS doanh nghiệp", "enterprise"),
        (v.parse_union_kind, "CĐCS cơ quan, đơn vị", "public_body"),
        (v.parse_union_kind, "Nghiệp đoàn cơ sở", "trade"),
        (v.parse_yes_no, "Có", True),
        (v.parse_yes_no, "x", True),
        (v.parse_yes_no, "Không", False),
        (v.stable_flag, "Đang hoạt động", True),
        (v.stable_flag, "Tạm ngừng hoạt động", False),
    ],
)
def test_choices(parser, cell, expected):
    assert parser(cell) == expected


CELLS = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.booleans(),
)


@settings(deadline=None)  # the machine may be busy; speed is not what is tested
@given(CELLS)
def test_parsers_never_crash(cell):
    for parse in (
        lambda c: v.parse_day(c, today=TODAY),
        v.parse_count,
        v.parse_person_id,
        v.parse_tax_code,
        v.parse_gender,
        v.parse_ownership,
        v.parse_reason,
        v.parse_union_kind,
        v.stable_flag,
        v.parse_yes_no,
        v.person_name,
    ):
        try:
            parse(cell)
        except Invalid:
            pass


@settings(deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY))
def test_dates_round_trip(day):
    for text in (
        fmt_date(day),
        f"{day.day}/{day.month}/{day.year}",
        day.strftime("%d-%m-%Y"),
        day.isoformat(),
    ):
        parsed = v.parse_day(text, today=TODAY)
        assert parsed == Day(day, day.year)
        assert v.parse_day(fmt_date(parsed.date), today=TODAY) == parsed


@settings(deadline=None)
@given(st.integers(min_value=1900, max_value=TODAY.year))
def test_years_round_trip(year):
    parsed = v.parse_day(str(year), today=TODAY)
    assert parsed == Day(None, year)
    assert v.parse_day(parsed.iso(), today=TODAY) == parsed


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_counts_round_trip(n):
    assert v.parse_count(fmt_int(n)) == n
    assert v.parse_count(str(n)) == n
    assert v.parse_count(f"{n} người") == n
    assert v.parse_count(float(n)) == n


@settings(deadline=None)
@given(st.text(alphabet="0123456789 .-", max_size=20))
def test_tax_code_round_trip(text):
    try:
        code = v.parse_tax_code(text)
    except Invalid:
        return
    if code is not None:
        assert v.parse_tax_code(code) == code


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_person_id_round_trip(number):
    try:
        parsed = v.parse_person_id(number)
    except Invalid:
        return
    assert v.parse_person_id(parsed.cccd) == parsed
