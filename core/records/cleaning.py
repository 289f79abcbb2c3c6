"""Form input cleaned as an imported row would be: the importer's own cell parsers, the same
reasons, and the rule that a CCCD, passport or MST belongs to one record only."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from enum import Enum
from typing import Any

from sqlmodel import Session, SQLModel, select

from core.importing import values as cells
from core.models import (
    Enterprise,
    EnterpriseBase,
    Member,
    MemberBase,
    OrgUnit,
    Ownership,
    UnionKind,
    UnitKind,
)
from core.records.errors import InvalidInput, Reason, RecordError, reason
from core.text import search_name

NOTES_MAX = 4000


Cleaner = Callable[[Any], Any]


def _clean_with(errors: dict[str, Reason], name: str, parse: Cleaner, value: Any) -> Any:
    """`parse(value)`, or None with the reason kept in `errors` (the importer's own reasons)."""

    try:
        return parse(value)
    except cells.Invalid as error:
        errors[name] = reason(error.key, **error.values)
    except RecordError as error:
        errors[name] = reason(error.key, **error.values)
    return None


def _required(parse: Cleaner) -> Cleaner:
    def checked(value: Any) -> Any:
        result = parse(value)
        if result is None or result == "":
            raise RecordError("record.required")
        return result

    return checked


def _text(max_length: int) -> Cleaner:
    return lambda value: cells.free_text(value, max_length)


def _choice(enum: type[Enum], parse: Cleaner | None = None) -> Cleaner:
    def checked(value: Any) -> Any:
        if cells.is_blank(value):
            return None
        if value in {item.value for item in enum}:
            return str(value)
        if parse is not None:
            return parse(value)
        raise RecordError("record.bad_choice", value=value)

    return checked


def _flag(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    return cells.parse_yes_no(value)


def _reference(session: Session, model: type[SQLModel], kinds: tuple[str, ...] | None = None):
    def checked(value: Any) -> int | None:
        if value is None or value == "":
            return None
        record = session.get(model, int(value))
        if record is None or record.deleted_at is not None:
            raise RecordError("record.reference_missing")
        if kinds and record.kind not in kinds:
            raise RecordError("record.reference_kind")
        return record.id

    return checked


def _non_negative(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return cells.parse_count(value)


def _date(today: dt.date) -> Cleaner:
    return lambda value: cells.parse_date(value, today=today)


# A form edits a birth date or year as one field, and a CCCD or passport as one ID number.
_FORM_FIELD = {
    "birth_date": "birth",
    "birth_year": "birth",
    "cccd": "id_number",
    "passport_no": "id_number",
}
MEMBER_FIELDS = tuple(
    dict.fromkeys(_FORM_FIELD.get(name, name) for name in MemberBase.model_fields)
)
# What the foreign-worker rule reads (with the nationality).
FOREIGN_WORKER_FIELDS = ("contract_months", "has_application")
ENTERPRISE_FIELDS = tuple(EnterpriseBase.model_fields)
UNION_FIELDS = (
    "name",
    "kind",
    "enterprise_id",
    "unit_id",
    "cluster_id",
    "decision_no",
    "founded_on",
)


def clean_member(
    session: Session, values: dict[str, Any], *, member_id: int | None = None, today: dt.date
) -> dict[str, Any]:
    """The member columns for the fields given, cleaned as an imported row would be."""
    unknown = set(values) - set(MEMBER_FIELDS)
    if unknown:
        raise RecordError("record.unknown_fields", fields=", ".join(sorted(unknown)))
    errors: dict[str, Reason] = {}
    out: dict[str, Any] = {}
    if "full_name" in values:
        name = _clean_with(errors, "full_name", cells.person_name, values["full_name"])
        if name is not None:
            out["full_name"] = name
            out["search_name"] = search_name(name)
    if "birth" in values:
        day = _clean_with(
            errors, "birth", lambda v: cells.parse_day(v, today=today), values["birth"]
        )
        if "birth" not in errors:
            out["birth_date"] = day.date if day else None
            out["birth_year"] = day.year if day else None
    if "gender" in values:
        out["gender"] = _clean_with(errors, "gender", _choice_gender, values["gender"])
    if "id_number" in values:
        person_id = _clean_with(errors, "id_number", cells.parse_person_id, values["id_number"])
        if "id_number" not in errors:
            out["cccd"] = person_id.cccd if person_id else None
            out["passport_no"] = person_id.passport_no if person_id else None
            check_identity_free(session, out["cccd"], out["passport_no"], member_id, errors)
    if "nationality" in values:
        nationality = _clean_with(errors, "nationality", _text(40), values["nationality"])
        out["nationality"] = nationality or "VN"
    if "card_no" in values:
        out["card_no"] = _clean_with(errors, "card_no", _text(50), values["card_no"])
    if "contract_months" in values:
        out["contract_months"] = _clean_with(
            errors, "contract_months", _non_negative, values["contract_months"]
        )
    if "has_application" in values:
        out["has_application"] = _clean_with(
            errors, "has_application", _flag, values["has_application"]
        )
    if errors:
        raise InvalidInput(errors)
    return out


def _choice_gender(value: Any) -> str | None:
    if value in ("male", "female"):
        return value
    return cells.parse_gender(value)


def check_identity_free(
    session: Session,
    cccd: str | None,
    passport_no: str | None,
    member_id: int | None,
    errors: dict[str, Reason],
) -> None:
    """A CCCD or passport belongs to one member only; say who holds it already."""

    if cccd is None and passport_no is None:
        return
    column, value = (Member.cccd, cccd) if cccd else (Member.passport_no, passport_no)
    holder = session.exec(
        select(Member).where(column == value, Member.id != (member_id or 0))
    ).first()
    if holder is None:
        return
    if holder.deleted_at is not None:
        errors["id_number"] = reason("record.id_taken_deleted", name=holder.full_name)
    else:
        errors["id_number"] = reason("record.id_taken", name=holder.full_name)


def clean_enterprise(
    session: Session,
    values: dict[str, Any],
    *,
    enterprise_id: int | None = None,
    today: dt.date,
) -> dict[str, Any]:
    unknown = set(values) - set(ENTERPRISE_FIELDS)
    if unknown:
        raise RecordError("record.unknown_fields", fields=", ".join(sorted(unknown)))
    cleaners: dict[str, Cleaner] = {
        "name": _required(_text(300)),
        "tax_code": cells.parse_tax_code,
        "address": _text(500),
        "commune_name": _text(200),
        "unit_id": _reference(session, OrgUnit),
        "ownership": _choice(Ownership, cells.parse_ownership),
        "trade": _text(200),
        "worker_count": _non_negative,
        "is_stable": _flag,
        "union_since": _date(today),
        "officer": _text(200),
        "notes": _text(NOTES_MAX),
    }
    errors: dict[str, Reason] = {}
    out = {name: _clean_with(errors, name, cleaners[name], value) for name, value in values.items()}
    if "ownership" in out and out["ownership"] is None and "ownership" not in errors:
        errors["ownership"] = reason("record.required")
    if "is_stable" in out and out["is_stable"] is None:
        out["is_stable"] = True  # an enterprise counts as stable unless marked otherwise
    if out.get("tax_code"):
        holder = session.exec(
            select(Enterprise).where(
                Enterprise.tax_code == out["tax_code"], Enterprise.id != (enterprise_id or 0)
            )
        ).first()
        if holder is not None:
            errors["tax_code"] = reason("record.tax_code_taken", name=holder.name)
    if errors:
        raise InvalidInput(errors)
    return out


def clean_union(
    session: Session, values: dict[str, Any], *, union_id: int | None = None, today: dt.date
) -> dict[str, Any]:
    unknown = set(values) - set(UNION_FIELDS)
    if unknown:
        raise RecordError("record.unknown_fields", fields=", ".join(sorted(unknown)))
    cleaners: dict[str, Cleaner] = {
        "name": _required(_text(300)),
        "kind": _required(_choice(UnionKind, cells.parse_union_kind)),
        "enterprise_id": _reference(session, Enterprise),
        "unit_id": _reference(session, OrgUnit),
        "cluster_id": _reference(session, OrgUnit, (UnitKind.cluster, UnitKind.block)),
        "decision_no": _text(100),
        "founded_on": _date(today),
    }
    errors: dict[str, Reason] = {}
    out = {name: _clean_with(errors, name, cleaners[name], value) for name, value in values.items()}
    if errors:
        raise InvalidInput(errors)
    return out
