"""Finding members, enterprises and unions: filters, one page of results counted in SQL, the choice
lists of the forms, and a member's history. Names match with or without diacritics; numbers (CCCD,
MST) by prefix through the column's own index."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, func, literal_column, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from core.formatting import fmt_date, today_local
from core.metrics import PROSPECT_MIN_WORKERS, has_union_on
from core.models import Enterprise, GrassrootsUnion, Member, MembershipEvent, OrgUnit
from core.paging import DEFAULT_PAGE_SIZE, Page, run_page
from core.records.errors import RecordError
from core.text import clean, unaccent
from core.units import scope_for_unit, union_filter


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
    result = run_page(session, query, count_query, page, page_size)
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
    result = run_page(session, query, count_query, page, page_size)
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
    return run_page(session, query, count_query, page, page_size)


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
