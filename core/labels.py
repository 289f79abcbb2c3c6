"""How a stored field and its value read on screen: the field's label and its value as the pages
show it (dates dd/mm/yyyy, choices by their label). Used by the record pages, the change log and
the stale-edit message alike."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.formatting import fmt_date, fmt_datetime
from core.strings import CATALOGUE, t

# A choice column's values are catalogue keys under this prefix.
CHOICE_PREFIX = {
    "gender": "gender",
    "ownership": "ownership",
    "kind": "union_kind",
    "stage": "stage",
    "status": "member_status",
    "reason": "reason",
}


def field_label(name: str) -> str:
    return t(f"field.{name}") if f"field.{name}" in CATALOGUE else name


def display_value(name: str, value: Any) -> str:
    """A stored value as the pages show it (dates dd/mm/yyyy, choices by their label)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return t("record.yes") if value else t("record.no")
    if isinstance(value, (dt.date, dt.datetime)):
        return fmt_datetime(value) if isinstance(value, dt.datetime) else fmt_date(value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return fmt_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    prefix = CHOICE_PREFIX.get(name)
    if prefix and f"{prefix}.{value}" in CATALOGUE:
        return t(f"{prefix}.{value}")
    return str(value)
