"""Records kept by hand: find, page through, edit, delete and restore members, enterprises and
grassroots unions; a member's movements; founding and dissolving unions.

Every write here takes the acting user and refuses a viewer (`core.auth.require`), cleans its input
with the importer's own cell parsers (so a form and a file accept the same values), runs in the
caller's session as one transaction, is audited, and bumps the data version so the figures follow at
once. Each record carries a `version`: a save made on an older version than the one stored is
refused with what changed meanwhile (`StaleEdit`), never written over. Member movements go through
`core.membership`; this module checks the role, the dates and the version around them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import and_, func, literal, literal_column, or_, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, SQLModel, select

from core import audit, membership
from core.audit import FieldChange
from core.auth import Actor, require
from core.db import bump_data_version
from core.errors import CatalogueError
from core.formatting import fmt_date, fmt_datetime, today_local
from core.importing import values as cells
from core.metrics import PROSPECT_MIN_WORKERS, has_union_on
from core.models import (
    Enterprise,
    EventKind,
    GrassrootsUnion,
    LeaveReason,
    Member,
    MembershipEvent,
    MemberStatus,
    OrgUnit,
    Ownership,
    Role,
    UnionKind,
    UnitKind,
    utcnow,
)
from core.text import clean, unaccent
from core.units import scope_for_unit, union_filter

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
NOTES_MAX = 4000


# ---------------------------------------------------------------- errors


class RecordError(CatalogueError, ValueError):
    """A write refused; `key` names the catalogue message, `values` fill it."""


Reason = tuple[str, dict]  # a catalogue key and the values that fill it


def reason(key: str, **values: object) -> Reason:
    return key, values


class InvalidInput(RecordError):
    """Input that the import would refuse too; `errors` maps each field to its reason."""

    def __init__(self, errors: dict[str, Reason]) -> None:
        super().__init__("record.invalid")
        self.errors = errors

    def reasons(self) -> dict[str, str]:
        """Each field's reason in the user's language."""
        from core.strings import t

        return {name: t(key, **values) for name, (key, values) in self.errors.items()}

    def message(self) -> str:
        from core.strings import t

        listed = "; ".join(f"{field_label(name)}: {text}" for name, text in self.reasons().items())
        return t("record.invalid", errors=listed)


class StaleEdit(RecordError):
    """The record was saved by someone else after this edit began: nothing was written."""

    def __init__(self, changes: list[FieldChange], username: str | None, at: dt.datetime | None):
        super().__init__("record.stale")
        self.changes = changes
        self.username = username
        self.at = at

    def message(self) -> str:
        from core.strings import t

        listed = "; ".join(
            f"{field_label(c.field)}: «{display_value(c.field, c.before)}» → "
            f"«{display_value(c.field, c.after)}»"
            for c in self.changes
        )
        return t(
            "record.stale",
            who=self.username or t("record.someone"),
            at=fmt_datetime(self.at) if self.at else "?",
            changes=listed or t("record.stale_unknown"),
        )


def field_label(name: str) -> str:
    from core.strings import CATALOGUE, t

    return t(f"field.{name}") if f"field.{name}" in CATALOGUE else name


def display_value(name: str, value: Any) -> str:
    """A stored value as the pages show it (dates dd/mm/yyyy, choices by their label)."""
    from core.strings import CATALOGUE, t

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


CHOICE_PREFIX = {
    "gender": "gender",
    "ownership": "ownership",
    "kind": "union_kind",
    "stage": "stage",
    "status": "member_status",
    "reason": "reason",
}


# ---------------------------------------------------------------- pages of results


@dataclass(frozen=True)
class Page:
    rows: list[dict]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))


def _page_bounds(page: int, page_size: int) -> tuple[int, int]:
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    return max(1, int(page)), page_size


def _run_page(session: Session, query, count_query, page: int, page_size: int) -> Page:
    page, page_size = _page_bounds(page, page_size)
    total = int(session.exec(count_query).one())
    last = max(1, math.ceil(total / page_size))
    page = min(page, last)
    rows = session.exec(query.limit(page_size).offset((page - 1) * page_size)).all()
    return Page([row._asdict() for row in rows], total, page, page_size)


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch not in " .-")


def _digit_prefix(column, digits: str):
    """`column` starts with these digits, as a range the column's index can answer (LIKE cannot:
    SQLite's is case-insensitive and PostgreSQL's needs a pattern index). "0319" -> ["0319", "032")."""
    stripped = digits.rstrip("9")
    if not stripped:
        return column >= digits
    upper = stripped[:-1] + str(int(stripped[-1]) + 1)
    return and_(column >= digits, column < upper)


def _sqlite_fold(value: str | None) -> str | None:
    return None if value is None else unaccent(value)


# Combining marks left by NFD: what `core.text.unaccent` strips.
_COMBINING_MARKS = "[\u0300-\u036f]"


def _folded(session: Session, column):
    """`column` lower-cased without diacritics, as SQL (the same as `core.text.unaccent`) for the
    name columns that keep no `search_name`. SQLite: a Python function on the connection;
    PostgreSQL: NFD, then the combining marks removed (translate() is ten times slower)."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.connection.driver_connection.create_function(
            "ugt_fold", 1, _sqlite_fold, deterministic=True
        )
        return func.ugt_fold(column)
    stripped = func.regexp_replace(
        func.normalize(column, literal_column("NFD")), _COMBINING_MARKS, "", "g"
    )
    # Lower-cased last, once only ASCII is left, so it works whatever the database's LC_CTYPE.
    return func.lower(func.replace(func.replace(stripped, "đ", "d"), "Đ", "D"))


def _newest_first(column, selective: bool):
    """Newest first. With a selective search the matches are found through their own index and
    then sorted (`id + 0` keeps the planner from walking the whole id index backwards instead)."""
    return (column + 0).desc() if selective else column.desc()


def _unit_condition(session: Session, unit_id: int | None, on: dt.date, table=GrassrootsUnion):
    if unit_id is None:
        return None
    return union_filter(scope_for_unit(session, unit_id, on), table)


# ---------------------------------------------------------------- finding members


@dataclass(frozen=True)
class MemberFilter:
    text: str = ""  # a name (with or without diacritics), a CCCD/CMND or a passport number
    unit_id: int | None = None
    union_id: int | None = None
    status: str | None = None  # MemberStatus
    deleted: bool = False  # the bin: only members that were deleted


def _member_conditions(session: Session, f: MemberFilter, on: dt.date) -> list:
    conditions = [Member.deleted_at.is_not(None) if f.deleted else Member.deleted_at.is_(None)]
    text = clean(f.text or "")
    digits = _digits(text)
    if digits.isdigit() and len(digits) >= 3:
        if len(digits) in (9, 12):
            conditions.append(Member.cccd == digits)
        else:
            conditions.append(_digit_prefix(Member.cccd, digits))
    elif text and any(ch.isdigit() for ch in text) and text.replace(" ", "").isalnum():
        conditions.append(Member.passport_no == text.replace(" ", "").upper())
    elif text:
        conditions.append(Member.search_name.like(_like_pattern(unaccent(text)), escape="\\"))
    if f.union_id is not None:
        conditions.append(Member.union_id == f.union_id)
    if f.status:
        conditions.append(Member.status == f.status)
    unit_condition = _unit_condition(session, f.unit_id, on)
    if unit_condition is not None:
        conditions.append(Member.union_id.in_(select(GrassrootsUnion.id).where(unit_condition)))
    return conditions


def search_members(
    session: Session,
    f: MemberFilter = MemberFilter(),
    *,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
    on: dt.date | None = None,
) -> Page:
    """One page of members, newest first; the database pages and counts (fast at 1.000.000)."""
    on = on or today_local()
    conditions = _member_conditions(session, f, on)
    query = (
        select(
            Member.id,
            Member.full_name,
            Member.birth_date,
            Member.birth_year,
            Member.gender,
            Member.cccd,
            Member.passport_no,
            Member.nationality,
            Member.union_id,
            GrassrootsUnion.name.label("union_name"),
            Member.card_no,
            Member.status,
            Member.joined_on,
            Member.left_on,
            Member.contract_months,
            Member.has_application,
            Member.version,
            Member.deleted_at,
        )
        .select_from(Member)
        .outerjoin(GrassrootsUnion, GrassrootsUnion.id == Member.union_id)
        .where(*conditions)
        .order_by(_newest_first(Member.id, selective=bool(clean(f.text or ""))))
    )
    count_query = select(func.count()).select_from(Member).where(*conditions)
    result = _run_page(session, query, count_query, page, page_size)
    for row in result.rows:
        row["id_number"] = row["cccd"] or row["passport_no"]
        row["birth"] = birth_text(row["birth_date"], row["birth_year"])
    return result


def birth_text(birth_date: dt.date | None, birth_year: int | None) -> str:
    if birth_date:
        return fmt_date(birth_date)
    return str(birth_year) if birth_year else ""


def union_name(session: Session, union_id: int | None) -> str | None:
    union = session.get(GrassrootsUnion, union_id) if union_id else None
    return union.name if union else None


def get_member(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None:
        raise RecordError("record.not_found")
    return member


@dataclass(frozen=True)
class EventRow:
    id: int
    kind: str
    occurred_on: dt.date
    union_id: int
    union_name: str
    other_union_name: str | None
    reason: str | None
    deleted_at: dt.datetime | None


def member_history(
    session: Session, member_id: int, *, with_voided: bool = False
) -> list[EventRow]:
    """A member's movements, oldest first, with the unions' names; voided ones on request."""
    other = aliased(GrassrootsUnion)
    query = (
        select(
            MembershipEvent.id,
            MembershipEvent.kind,
            MembershipEvent.occurred_on,
            MembershipEvent.union_id,
            GrassrootsUnion.name,
            other.name,
            MembershipEvent.reason,
            MembershipEvent.deleted_at,
        )
        .join(GrassrootsUnion, GrassrootsUnion.id == MembershipEvent.union_id)
        .outerjoin(other, other.id == MembershipEvent.other_union_id)
        .where(MembershipEvent.member_id == member_id)
        .order_by(MembershipEvent.occurred_on, MembershipEvent.id)
    )
    if not with_voided:
        query = query.where(MembershipEvent.deleted_at.is_(None))
    return [EventRow(*row) for row in session.exec(query).all()]


# ---------------------------------------------------------------- finding enterprises and unions


@dataclass(frozen=True)
class EnterpriseFilter:
    text: str = ""  # name (with or without diacritics) or MST
    unit_id: int | None = None
    ownership: str | None = None
    stage: str | None = None
    has_union: bool | None = None
    prospects: bool = False  # ≥ 20 workers and no union: the list staff work from
    deleted: bool = False


def _enterprise_conditions(session: Session, f: EnterpriseFilter, on: dt.date) -> list:
    conditions = [
        Enterprise.deleted_at.is_not(None) if f.deleted else Enterprise.deleted_at.is_(None)
    ]
    text = clean(f.text or "")
    digits = _digits(text)
    if digits.isdigit() and len(digits) >= 3:
        if len(digits) == 13:
            digits = f"{digits[:10]}-{digits[10:]}"
        conditions.append(_digit_prefix(Enterprise.tax_code, digits))
    elif text:
        conditions.append(
            _folded(session, Enterprise.name).like(_like_pattern(unaccent(text)), escape="\\")
        )
    if f.unit_id is not None:
        unit_condition = _unit_condition(session, f.unit_id, on)
        unit_ids = scope_for_unit(session, f.unit_id, on).unit_ids
        if unit_ids is not None:
            conditions.append(
                or_(
                    Enterprise.unit_id.in_(sorted(unit_ids)),
                    Enterprise.id.in_(select(GrassrootsUnion.enterprise_id).where(unit_condition)),
                )
            )
    if f.ownership:
        conditions.append(Enterprise.ownership == f.ownership)
    if f.stage:
        conditions.append(Enterprise.stage == f.stage)
    if f.has_union is not None:
        conditions.append(has_union_on(on) if f.has_union else ~has_union_on(on))
    if f.prospects:
        conditions += [Enterprise.worker_count >= PROSPECT_MIN_WORKERS, ~has_union_on(on)]
    return conditions


def search_enterprises(
    session: Session,
    f: EnterpriseFilter = EnterpriseFilter(),
    *,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
    on: dt.date | None = None,
) -> Page:
    on = on or today_local()
    conditions = _enterprise_conditions(session, f, on)
    query = (
        select(
            Enterprise.id,
            Enterprise.tax_code,
            Enterprise.name,
            Enterprise.address,
            Enterprise.commune_name,
            Enterprise.unit_id,
            OrgUnit.name.label("unit_name"),
            Enterprise.ownership,
            Enterprise.trade,
            Enterprise.worker_count,
            Enterprise.is_stable,
            Enterprise.union_since,
            has_union_on(on).label("has_union"),
            Enterprise.stage,
            Enterprise.stage_since,
            Enterprise.officer,
            Enterprise.notes,
            Enterprise.version,
            Enterprise.deleted_at,
        )
        .select_from(Enterprise)
        .outerjoin(OrgUnit, OrgUnit.id == Enterprise.unit_id)
        .where(*conditions)
        .order_by(Enterprise.name, Enterprise.id)
    )
    count_query = select(func.count()).select_from(Enterprise).where(*conditions)
    result = _run_page(session, query, count_query, page, page_size)
    for row in result.rows:
        row["has_union"] = bool(row["has_union"])
    return result


@dataclass(frozen=True)
class UnionFilter:
    text: str = ""  # name (with or without diacritics), decision number, or the enterprise's MST
    unit_id: int | None = None
    kind: str | None = None
    status: str | None = None  # "active" or "dissolved" (on the day)
    deleted: bool = False


def _union_conditions(session: Session, f: UnionFilter, on: dt.date) -> list:
    conditions = [
        GrassrootsUnion.deleted_at.is_not(None)
        if f.deleted
        else GrassrootsUnion.deleted_at.is_(None)
    ]
    text = clean(f.text or "")
    digits = _digits(text)
    if digits.isdigit() and len(digits) >= 3:
        conditions.append(
            or_(
                GrassrootsUnion.enterprise_id.in_(
                    select(Enterprise.id).where(_digit_prefix(Enterprise.tax_code, digits))
                ),
                GrassrootsUnion.decision_no.like(_like_pattern(text), escape="\\"),
            )
        )
    elif text:
        pattern = _like_pattern(unaccent(text))
        conditions.append(
            or_(
                _folded(session, GrassrootsUnion.name).like(pattern, escape="\\"),
                _folded(session, GrassrootsUnion.decision_no).like(pattern, escape="\\"),
            )
        )
    unit_condition = _unit_condition(session, f.unit_id, on)
    if unit_condition is not None:
        conditions.append(unit_condition)
    if f.kind:
        conditions.append(GrassrootsUnion.kind == f.kind)
    if f.status == "active":
        conditions.append(
            or_(GrassrootsUnion.dissolved_on.is_(None), GrassrootsUnion.dissolved_on > on)
        )
    elif f.status == "dissolved":
        conditions.append(GrassrootsUnion.dissolved_on <= on)
    return conditions


def search_unions(
    session: Session,
    f: UnionFilter = UnionFilter(),
    *,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
    on: dt.date | None = None,
) -> Page:
    on = on or today_local()
    conditions = _union_conditions(session, f, on)
    unit = aliased(OrgUnit)
    cluster = aliased(OrgUnit)
    query = (
        select(
            GrassrootsUnion.id,
            GrassrootsUnion.name,
            GrassrootsUnion.kind,
            GrassrootsUnion.enterprise_id,
            Enterprise.name.label("enterprise_name"),
            Enterprise.tax_code.label("tax_code"),
            GrassrootsUnion.unit_id,
            unit.name.label("unit_name"),
            GrassrootsUnion.cluster_id,
            cluster.name.label("cluster_name"),
            GrassrootsUnion.decision_no,
            GrassrootsUnion.founded_on,
            GrassrootsUnion.dissolved_on,
            GrassrootsUnion.active_members,
            GrassrootsUnion.version,
            GrassrootsUnion.deleted_at,
        )
        .select_from(GrassrootsUnion)
        .outerjoin(Enterprise, Enterprise.id == GrassrootsUnion.enterprise_id)
        .outerjoin(unit, unit.id == GrassrootsUnion.unit_id)
        .outerjoin(cluster, cluster.id == GrassrootsUnion.cluster_id)
        .where(*conditions)
        .order_by(GrassrootsUnion.name, GrassrootsUnion.id)
    )
    count_query = select(func.count()).select_from(GrassrootsUnion).where(*conditions)
    return _run_page(session, query, count_query, page, page_size)


def union_choices(session: Session, *, open_on: dt.date | None = None) -> list[tuple[int, str]]:
    """(id, name) of the unions not deleted (and, with `open_on`, founded and not yet dissolved)."""
    query = select(GrassrootsUnion.id, GrassrootsUnion.name).where(
        GrassrootsUnion.deleted_at.is_(None)
    )
    if open_on is not None:
        query = query.where(
            or_(GrassrootsUnion.founded_on.is_(None), GrassrootsUnion.founded_on <= open_on),
            or_(GrassrootsUnion.dissolved_on.is_(None), GrassrootsUnion.dissolved_on > open_on),
        )
    return [(i, n) for i, n in session.exec(query.order_by(GrassrootsUnion.name)).all()]


def enterprise_choices(session: Session, text: str = "", limit: int = 200) -> list[tuple[int, str]]:
    """(id, "name — MST") of enterprises matching `text`, for linking a union to one."""
    f = EnterpriseFilter(text=text)
    query = (
        select(Enterprise.id, Enterprise.name, Enterprise.tax_code)
        .where(*_enterprise_conditions(session, f, today_local()))
        .order_by(Enterprise.name)
        .limit(limit)
    )
    return [(i, f"{name} — {tax}" if tax else name) for i, name, tax in session.exec(query).all()]


def unit_choices(session: Session, kinds: tuple[str, ...] | None = None) -> list[tuple[int, str]]:
    query = select(OrgUnit.id, OrgUnit.name).where(OrgUnit.deleted_at.is_(None))
    if kinds:
        query = query.where(OrgUnit.kind.in_(kinds))
    return [(i, n) for i, n in session.exec(query.order_by(OrgUnit.name)).all()]


# ---------------------------------------------------------------- cleaning input


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


MEMBER_FIELDS = (
    "full_name",
    "birth",
    "gender",
    "id_number",
    "nationality",
    "card_no",
    "contract_months",
    "has_application",
)
ENTERPRISE_FIELDS = (
    "name",
    "tax_code",
    "address",
    "commune_name",
    "unit_id",
    "ownership",
    "trade",
    "worker_count",
    "is_stable",
    "union_since",
    "officer",
    "notes",
)
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
            out["search_name"] = unaccent(name)
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
            _check_identity_free(session, out["cccd"], out["passport_no"], member_id, errors)
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


def _check_identity_free(
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


# ---------------------------------------------------------------- versions


def claim_version(session: Session, model: type[SQLModel], record_id: int, expected_version: int):
    """The record, locked for this transaction if still at `expected_version`; StaleEdit if not.

    The no-op UPDATE takes the row (PostgreSQL) or the database (SQLite) write lock and re-checks
    the version under it, so two saves racing each other cannot both pass.
    """
    record = session.get(model, record_id)
    if record is None:
        raise RecordError("record.not_found")
    claimed = session.exec(
        update(model)
        .where(model.id == record_id, model.version == expected_version)
        .values(version=model.version)
    )
    session.refresh(record)
    if claimed.rowcount != 1:
        changes, username, at = audit.changes_since(
            session, model.__tablename__, record_id, expected_version
        )
        raise StaleEdit(changes, username, at)
    return record


def _live(record) -> None:
    if record.deleted_at is not None:
        raise RecordError("record.deleted")


def _apply(session: Session, actor: Actor, record, cleaned: dict[str, Any], expected: int):
    """Write the changed columns of `record`, audited; returns it (unchanged input: no write)."""
    changed = {k: v for k, v in cleaned.items() if getattr(record, k) != v}
    if not changed:
        return record
    before = audit.snapshot(record)
    for name, value in changed.items():
        setattr(record, name, value)
    record.version = expected + 1
    record.updated_at = utcnow()
    session.add(record)
    session.flush()
    audit.record_change(
        session, username=actor.username, action="update", record=record, before=before
    )
    bump_data_version(session)
    return record


# ---------------------------------------------------------------- editing members


def update_member(
    session: Session,
    *,
    actor: Actor,
    member_id: int,
    expected_version: int,
    changes: dict[str, Any],
    today: dt.date | None = None,
) -> Member:
    """Correct a member's own details (name, birth, gender, ID, card ...); movements have their own
    functions. Refused for a viewer, for invalid input and for a stale version."""
    require(actor, Role.staff)
    today = today or today_local()
    cleaned = clean_member(session, changes, member_id=member_id, today=today)
    member = claim_version(session, Member, member_id, expected_version)
    _live(member)
    if {"nationality", "contract_months", "has_application"} & set(cleaned):
        _check_foreign(member, cleaned)
    return _apply(session, actor, member, cleaned, expected_version)


def _check_foreign(member: Member, cleaned: dict[str, Any]) -> None:
    """A member edited into a foreign worker must meet the foreign-worker rule on their admission."""
    merged = {
        name: cleaned.get(name, getattr(member, name))
        for name in ("nationality", "contract_months", "has_application")
    }
    try:
        membership.check_foreign_worker(on=member.joined_on or today_local(), **merged)
    except membership.RuleViolation as error:
        raise RecordError(error.key, **error.values) from None


def _open_union(session: Session, union_id: int, on: dt.date) -> GrassrootsUnion:
    union = session.get(GrassrootsUnion, union_id)
    if union is None or union.deleted_at is not None:
        raise RecordError("record.union_missing")
    if union.founded_on and on < union.founded_on:
        raise RecordError("record.union_not_yet", name=union.name, date=fmt_date(union.founded_on))
    if union.dissolved_on and on >= union.dissolved_on:
        raise RecordError(
            "record.union_dissolved", name=union.name, date=fmt_date(union.dissolved_on)
        )
    return union


def _check_day(on: dt.date, today: dt.date) -> None:
    if on > today:
        raise RecordError("record.future_date")


def _check_after_history(session: Session, member: Member, on: dt.date) -> None:
    events = membership.member_events(session, member.id)
    if events and on < events[-1].occurred_on:
        raise RecordError("record.before_last_event", date=fmt_date(events[-1].occurred_on))


def _rule(call: Callable[[], Any]) -> Any:
    """Run a core.membership write, its rule refusals turned into RecordError."""
    try:
        return call()
    except membership.RuleViolation as error:
        raise RecordError(error.key, **error.values) from None


def admit_member(
    session: Session,
    *,
    actor: Actor,
    values: dict[str, Any],
    union_id: int,
    on: dt.date,
    today: dt.date | None = None,
) -> Member:
    """Admit a new member. Someone already on record is never admitted twice: an active member
    must be transferred, one who left re-admitted, a deleted one restored (the message says which)."""
    require(actor, Role.staff)
    today = today or today_local()
    _check_day(on, today)
    if not values.get("full_name"):
        raise InvalidInput({"full_name": reason("record.required")})
    try:
        cleaned = clean_member(session, values, today=today)
    except InvalidInput as error:
        _explain_known_person(session, values, error)
        raise
    _open_union(session, union_id, on)
    member = Member(**cleaned)
    return _rule(
        lambda: membership.admit_member(
            session=session, member=member, union_id=union_id, on=on, by_user=actor.username
        )
    )


def _explain_known_person(session: Session, values: dict[str, Any], error: InvalidInput) -> None:
    """Turn 'ID already taken' into what to do: transfer, re-admit or restore."""
    if "id_number" not in error.errors:
        return
    try:
        person_id = cells.parse_person_id(values.get("id_number"))
    except cells.Invalid:
        return
    if person_id is None:
        return
    column, value = (
        (Member.cccd, person_id.cccd)
        if person_id.cccd
        else (Member.passport_no, person_id.passport_no)
    )
    holder = session.exec(select(Member).where(column == value)).first()
    if holder is None:
        return
    union = session.get(GrassrootsUnion, holder.union_id) if holder.union_id else None
    union_name = union.name if union else "–"
    if holder.deleted_at is not None:
        raise RecordError("record.known_deleted", name=holder.full_name)
    if holder.status == MemberStatus.active:
        raise RecordError("record.known_active", name=holder.full_name, union=union_name)
    raise RecordError("record.known_left", name=holder.full_name, union=union_name)


def transfer_member(
    session: Session,
    *,
    actor: Actor,
    member_id: int,
    expected_version: int,
    to_union_id: int,
    on: dt.date,
    today: dt.date | None = None,
) -> Member:
    """Move an active member to another union: zero for the federation, −1 and +1 for the unions."""
    require(actor, Role.staff)
    _check_day(on, today or today_local())
    member = claim_version(session, Member, member_id, expected_version)
    _live(member)
    _check_after_history(session, member, on)
    _open_union(session, to_union_id, on)
    return _rule(
        lambda: membership.transfer_member(
            session=session, member=member, to_union_id=to_union_id, on=on, by_user=actor.username
        )
    )


def record_departure(
    session: Session,
    *,
    actor: Actor,
    member_id: int,
    expected_version: int,
    on: dt.date,
    reason: LeaveReason | str,
    today: dt.date | None = None,
) -> Member:
    require(actor, Role.staff)
    _check_day(on, today or today_local())
    try:
        reason = LeaveReason(reason)
    except ValueError:
        raise RecordError("record.reason_required") from None
    member = claim_version(session, Member, member_id, expected_version)
    _live(member)
    _check_after_history(session, member, on)
    return _rule(
        lambda: membership.record_departure(
            session=session, member=member, on=on, reason=reason, by_user=actor.username
        )
    )


def readmit_member(
    session: Session,
    *,
    actor: Actor,
    member_id: int,
    expected_version: int,
    union_id: int,
    on: dt.date,
    today: dt.date | None = None,
) -> Member:
    require(actor, Role.staff)
    _check_day(on, today or today_local())
    member = claim_version(session, Member, member_id, expected_version)
    _live(member)
    _open_union(session, union_id, on)
    return _rule(
        lambda: membership.readmit_member(
            session=session, member=member, union_id=union_id, on=on, by_user=actor.username
        )
    )


def _event_of(session: Session, member: Member, event_id: int) -> MembershipEvent:
    event = session.get(MembershipEvent, event_id)
    if event is None or event.member_id != member.id:
        raise RecordError("record.not_found")
    return event


def void_event(
    session: Session, *, actor: Actor, member_id: int, expected_version: int, event_id: int
) -> Member:
    """Take back the member's latest movement, recorded by mistake (audited, figures follow)."""
    require(actor, Role.staff)
    member = claim_version(session, Member, member_id, expected_version)
    _live(member)
    event = _event_of(session, member, event_id)
    return _rule(
        lambda: membership.void_event(session=session, event=event, by_user=actor.username)
    )


def correct_event(
    session: Session,
    *,
    actor: Actor,
    member_id: int,
    expected_version: int,
    event_id: int,
    on: dt.date | None = None,
    reason: LeaveReason | str | None = None,
    today: dt.date | None = None,
) -> Member:
    """Give a movement its right date (or leaving reason): the wrong event is voided and the right
    one recorded, both audited."""
    require(actor, Role.staff)
    if on is not None:
        _check_day(on, today or today_local())
    member = claim_version(session, Member, member_id, expected_version)
    _live(member)
    event = _event_of(session, member, event_id)
    if on is not None and event.kind in (EventKind.admitted, EventKind.transfer_in):
        _open_union(session, event.union_id, on)
    reason_value = LeaveReason(reason) if reason else None
    return _rule(
        lambda: membership.correct_event(
            session=session, event=event, by_user=actor.username, on=on, reason=reason_value
        )
    )


def delete_member(
    session: Session, *, actor: Actor, member_id: int, expected_version: int
) -> Member:
    """Soft delete: the member and their events leave the figures at once; `restore_member` undoes."""
    require(actor, Role.staff)
    member = claim_version(session, Member, member_id, expected_version)
    _live(member)
    return membership.soft_delete_member(session=session, member=member, by_user=actor.username)


def restore_member(
    session: Session, *, actor: Actor, member_id: int, expected_version: int
) -> Member:
    require(actor, Role.staff)
    member = claim_version(session, Member, member_id, expected_version)
    if member.deleted_at is None:
        return member
    errors: dict[str, Reason] = {}
    _check_identity_free(session, member.cccd, member.passport_no, member.id, errors)
    if errors:
        raise RecordError(
            "record.restore_id_taken", detail=InvalidInput(errors).reasons()["id_number"]
        )
    return membership.restore_member(session=session, member=member, by_user=actor.username)


# ---------------------------------------------------------------- enterprises


def add_enterprise(
    session: Session, *, actor: Actor, values: dict[str, Any], today: dt.date | None = None
) -> Enterprise:
    require(actor, Role.staff)
    if not values.get("name"):
        raise InvalidInput({"name": reason("record.required")})
    values = {"ownership": Ownership.non_state_domestic.value, **values}
    cleaned = clean_enterprise(session, values, today=today or today_local())
    enterprise = Enterprise(**cleaned)
    session.add(enterprise)
    session.flush()
    audit.record_change(session, username=actor.username, action="insert", record=enterprise)
    bump_data_version(session)
    return enterprise


def update_enterprise(
    session: Session,
    *,
    actor: Actor,
    enterprise_id: int,
    expected_version: int,
    changes: dict[str, Any],
    today: dt.date | None = None,
) -> Enterprise:
    require(actor, Role.staff)
    cleaned = clean_enterprise(
        session, changes, enterprise_id=enterprise_id, today=today or today_local()
    )
    enterprise = claim_version(session, Enterprise, enterprise_id, expected_version)
    _live(enterprise)
    return _apply(session, actor, enterprise, cleaned, expected_version)


def delete_enterprise(
    session: Session, *, actor: Actor, enterprise_id: int, expected_version: int
) -> Enterprise:
    """Soft delete an enterprise recorded by mistake; refused while a union is linked to it."""
    require(actor, Role.staff)
    enterprise = claim_version(session, Enterprise, enterprise_id, expected_version)
    _live(enterprise)
    linked = session.exec(
        select(GrassrootsUnion.name).where(
            GrassrootsUnion.enterprise_id == enterprise_id, GrassrootsUnion.deleted_at.is_(None)
        )
    ).first()
    if linked:
        raise RecordError("record.enterprise_has_union", union=linked)
    return _soft_delete(session, actor, enterprise, expected_version)


def restore_enterprise(
    session: Session, *, actor: Actor, enterprise_id: int, expected_version: int
) -> Enterprise:
    require(actor, Role.staff)
    enterprise = claim_version(session, Enterprise, enterprise_id, expected_version)
    return _restore(session, actor, enterprise, expected_version)


def _soft_delete(session: Session, actor: Actor, record, expected: int):
    before = audit.snapshot(record)
    record.deleted_at = utcnow()
    record.updated_at = record.deleted_at
    record.version = expected + 1
    session.add(record)
    session.flush()
    audit.record_change(
        session,
        username=actor.username,
        action="delete",
        record=record,
        before=before,
        after=audit.snapshot(record),
    )
    bump_data_version(session)
    return record


def _restore(session: Session, actor: Actor, record, expected: int):
    if record.deleted_at is None:
        return record
    before = audit.snapshot(record)
    record.deleted_at = None
    record.updated_at = utcnow()
    record.version = expected + 1
    session.add(record)
    session.flush()
    audit.record_change(
        session, username=actor.username, action="restore", record=record, before=before
    )
    bump_data_version(session)
    return record


# ---------------------------------------------------------------- unions


def found_union(
    session: Session, *, actor: Actor, values: dict[str, Any], today: dt.date | None = None
) -> GrassrootsUnion:
    """Record a new grassroots union: name, kind, founding decision and date, enterprise, cluster."""
    require(actor, Role.staff)
    today = today or today_local()
    errors = {
        name: reason("record.required")
        for name in ("name", "kind", "founded_on")
        if not values.get(name)
    }
    if errors:
        raise InvalidInput(errors)
    cleaned = clean_union(session, values, today=today)
    _check_union_name_free(session, cleaned["name"], cleaned.get("unit_id"), None)
    union = GrassrootsUnion(**cleaned)
    return membership.found_union(session=session, union=union, by_user=actor.username)


def _check_union_name_free(
    session: Session, name: str, unit_id: int | None, union_id: int | None
) -> None:
    query = select(GrassrootsUnion.id).where(
        GrassrootsUnion.name == name,
        GrassrootsUnion.id != (union_id or 0),
        GrassrootsUnion.unit_id == unit_id
        if unit_id is not None
        else GrassrootsUnion.unit_id.is_(None),
    )
    if session.exec(query).first() is not None:
        raise InvalidInput({"name": reason("record.union_name_taken", name=name)})


def update_union(
    session: Session,
    *,
    actor: Actor,
    union_id: int,
    expected_version: int,
    changes: dict[str, Any],
    today: dt.date | None = None,
) -> GrassrootsUnion:
    require(actor, Role.staff)
    cleaned = clean_union(session, changes, union_id=union_id, today=today or today_local())
    union = claim_version(session, GrassrootsUnion, union_id, expected_version)
    _live(union)
    if "name" in cleaned or "unit_id" in cleaned:
        _check_union_name_free(
            session,
            cleaned.get("name", union.name),
            cleaned.get("unit_id", union.unit_id),
            union.id,
        )
    founded = cleaned.get("founded_on", union.founded_on)
    if "founded_on" in cleaned and founded is None:
        raise InvalidInput({"founded_on": reason("record.required")})
    if founded and union.dissolved_on and founded > union.dissolved_on:
        raise RecordError("record.founded_after_dissolved")
    first_event = session.exec(
        select(func.min(MembershipEvent.occurred_on)).where(
            MembershipEvent.union_id == union_id, MembershipEvent.deleted_at.is_(None)
        )
    ).one()
    if founded and first_event and founded > first_event:
        raise RecordError("record.founded_after_members", date=fmt_date(first_event))
    return _apply(session, actor, union, cleaned, expected_version)


def active_member_count(session: Session, union_id: int) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(Member)
            .where(
                Member.union_id == union_id,
                Member.status == MemberStatus.active,
                Member.deleted_at.is_(None),
            )
        ).one()
    )


def dissolve_union(
    session: Session,
    *,
    actor: Actor,
    union_id: int,
    expected_version: int,
    on: dt.date,
    today: dt.date | None = None,
) -> GrassrootsUnion:
    """Record that a union was dissolved on a date. Refused while it still has active members:
    they must first be transferred or recorded as leaving (reason: union dissolved)."""
    require(actor, Role.staff)
    _check_day(on, today or today_local())
    union = claim_version(session, GrassrootsUnion, union_id, expected_version)
    _live(union)
    if union.dissolved_on is not None:
        raise RecordError("record.already_dissolved", date=fmt_date(union.dissolved_on))
    if union.founded_on and on < union.founded_on:
        raise RecordError("record.dissolve_before_founding")
    active = active_member_count(session, union_id)
    if active:
        raise RecordError("record.dissolve_has_members", n=active)
    last_event = session.exec(
        select(func.max(MembershipEvent.occurred_on)).where(
            MembershipEvent.union_id == union_id, MembershipEvent.deleted_at.is_(None)
        )
    ).one()
    if last_event and on < last_event:
        raise RecordError("record.dissolve_before_events", date=fmt_date(last_event))
    return _apply(session, actor, union, {"dissolved_on": on}, expected_version)


def record_dissolution_departures(
    session: Session,
    *,
    actor: Actor,
    union_id: int,
    on: dt.date,
    today: dt.date | None = None,
) -> int:
    """Record every active member of a union as leaving on `on` because it is dissolved; returns
    how many. The union itself is then dissolved with `dissolve_union`."""
    require(actor, Role.staff)
    _check_day(on, today or today_local())
    union = session.get(GrassrootsUnion, union_id)
    if union is None or union.deleted_at is not None:
        raise RecordError("record.union_missing")
    members = session.exec(
        select(Member).where(
            Member.union_id == union_id,
            Member.status == MemberStatus.active,
            Member.deleted_at.is_(None),
        )
    ).all()
    for member in members:
        _check_after_history(session, member, on)
        _rule(
            lambda member=member: membership.record_departure(
                session=session,
                member=member,
                on=on,
                reason=LeaveReason.union_dissolved,
                by_user=actor.username,
            )
        )
    return len(members)


def delete_union(
    session: Session, *, actor: Actor, union_id: int, expected_version: int
) -> GrassrootsUnion:
    """Soft delete a union recorded by mistake; refused while any member event is recorded in it."""
    require(actor, Role.staff)
    union = claim_version(session, GrassrootsUnion, union_id, expected_version)
    _live(union)
    has_events = session.exec(
        select(literal(1)).where(
            MembershipEvent.union_id == union_id, MembershipEvent.deleted_at.is_(None)
        )
    ).first()
    if has_events:
        raise RecordError("record.union_has_history")
    return _soft_delete(session, actor, union, expected_version)


def restore_union(
    session: Session, *, actor: Actor, union_id: int, expected_version: int
) -> GrassrootsUnion:
    require(actor, Role.staff)
    union = claim_version(session, GrassrootsUnion, union_id, expected_version)
    return _restore(session, actor, union, expected_version)
