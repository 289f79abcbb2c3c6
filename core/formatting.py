"""Vietnamese number, percent and date formats: 2.500, 95,0 %, 31/12/2025."""

from __future__ import annotations

import datetime as dt

from core import settings


def fmt_int(value: float | int | None) -> str:
    if value is None:
        return "–"
    return f"{round(value):,}".replace(",", ".")


def fmt_number(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_size(size: int) -> str:
    """A file size the Vietnamese way: `1,5 MB`, `820,0 KB`."""
    if size >= 1024 * 1024:
        return f"{fmt_number(size / 1024 / 1024, 1)} MB"
    return f"{fmt_number(size / 1024, 1)} KB"


def fmt_pct(value: float | None, decimals: int = 1) -> str:
    """95.0 -> '95,0 %' (value already in percent)."""
    if value is None:
        return "–"
    return f"{fmt_number(value, decimals)} %"


def fmt_target(value: float | None, *, percent: bool = False) -> str:
    """A target: a count always whole (2.500, never 2.500,0), a level as a percentage (95,0 %)."""
    return fmt_pct(value) if percent else fmt_int(value)


def expected_decimals(value: float | None, target: float | None, *, percent: bool = False) -> int:
    """Decimals of an even-pace figure: one for percentages and for small counts that fall between
    whole numbers (3,5 unions due by 30/06), none for a whole figure or a target of 100 or more."""
    if percent:
        return 1
    if value is None or float(value).is_integer():
        return 0
    return 0 if abs(target if target is not None else value) >= 100 else 1


def fmt_expected(value: float | None, target: float | None, *, percent: bool = False) -> str:
    """What an even pace expects by a date: 1.240, 3,5 or 95,0 %, the same on every surface."""
    if percent:
        return fmt_pct(value)
    return fmt_number(value, expected_decimals(value, target))


def fmt_signed(value: int | None) -> str:
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + fmt_int(value)


def fmt_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def fmt_datetime(value: dt.datetime | None) -> str:
    """An aware datetime shown in the app's clock: 25/11/2026 15:26."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(settings.get_settings().timezone).strftime("%d/%m/%Y %H:%M")


def now_local() -> dt.datetime:
    return dt.datetime.now(settings.get_settings().timezone)


def today_local() -> dt.date:
    return now_local().date()
