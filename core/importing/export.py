"""Exporting records as CSV, XLSX or JSON, paging through the database (a million members never
sit in memory at once).

JSON: a list of objects with English keys, dates ISO (a birth known only by its year as `YYYY`),
IDs as strings, unknown values null. CSV and XLSX: the import template's Vietnamese headers and
values as a person reads them, so an exported file can be imported again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from openpyxl import Workbook
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from core import metrics
from core.formatting import fmt_date, today_local
from core.importing.workbooks import csv_safe, text_cell
from core.models import (
    Enterprise,
    EventKind,
    GrassrootsUnion,
    Member,
    MembershipEvent,
    OrgUnit,
)
from core.strings import t

PAGE = 5000
EXPORT_KINDS = ("members", "departures", "enterprises", "unions", "prospects")


@dataclass(frozen=True)
class Column:
    key: str  # JSON key (English)
    label_key: str  # catalogue key of the CSV/XLSX header
    kind: str = "text"  # text, date, birth, int, bool, gender, choice:<prefix>


MEMBER_COLUMNS = (
    Column("full_name", "import.field.full_name"),
    Column("birth_date", "import.field.birth_date", "birth"),
    Column("gender", "import.field.gender", "gender"),
    Column("cccd", "import.field.cccd"),
    Column("passport_no", "import.field.passport_no"),
    Column("nationality", "import.field.nationality"),
    Column("union", "import.field.union"),
    Column("card_no", "import.field.card_no"),
    Column("joined_on", "import.field.joined_on", "date"),
    Column("status", "import.field.status", "choice:export.status"),
    Column("left_on", "import.field.left_on", "date"),
)
DEPARTURE_COLUMNS = (
    Column("full_name", "import.field.full_name"),
    Column("birth_date", "import.field.birth_date", "birth"),
    Column("gender", "import.field.gender", "gender"),
    Column("cccd", "import.field.cccd"),
    Column("passport_no", "import.field.passport_no"),
    Column("union", "import.field.union"),
    Column("left_on", "import.field.left_on", "date"),
    Column("reason", "import.field.reason", "choice:reason"),
)
ENTERPRISE_COLUMNS = (
    Column("tax_code", "import.field.tax_code"),
    Column("name", "import.template.name.enterprises"),
    Column("address", "import.field.address"),
    Column("commune", "import.field.commune"),
    Column("ownership", "import.field.ownership", "choice:ownership"),
    Column("trade", "import.field.trade"),
    Column("worker_count", "import.field.worker_count", "int"),
    Column("is_stable", "import.field.is_stable", "stable"),
    Column("has_union", "import.field.has_union", "bool"),
    Column("union_since", "import.field.union_since", "date"),
    Column("stage", "export.field.stage", "choice:stage"),
    Column("officer", "import.field.officer"),
)
UNION_COLUMNS = (
    Column("name", "import.template.name.unions"),
    Column("kind", "import.field.kind", "choice:union_kind"),
    Column("tax_code", "import.field.tax_code"),
    Column("enterprise", "export.field.enterprise"),
    Column("unit", "import.field.unit"),
    Column("cluster", "import.field.cluster"),
    Column("decision_no", "import.field.decision_no"),
    Column("founded_on", "import.field.founded_on", "date"),
    Column("dissolved_on", "import.field.dissolved_on", "date"),
    Column("active_members", "export.field.active_members", "int"),
)


def _pages(session: Session, query, key_column, key_of: Callable[[Any], int]) -> Iterator[Any]:
    """Rows of `query` ordered by `key_column`, fetched a page at a time (keyset paging)."""
    last = 0
    while True:
        page = session.exec(query.where(key_column > last).order_by(key_column).limit(PAGE)).all()
        if not page:
            return
        yield from page
        last = key_of(page[-1])
        session.expunge_all()


def _birth(birth_date: dt.date | None, birth_year: int | None) -> str | None:
    if birth_date:
        return birth_date.isoformat()
    return f"{birth_year:04d}" if birth_year else None


def members(session: Session) -> Iterator[dict]:
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
            GrassrootsUnion.name,
            Member.card_no,
            Member.joined_on,
            Member.status,
            Member.left_on,
        )
        .select_from(Member)
        .join(GrassrootsUnion, GrassrootsUnion.id == Member.union_id, isouter=True)
        .where(Member.deleted_at.is_(None))
    )
    for row in _pages(session, query, Member.id, lambda r: r[0]):
        yield {
            "id": str(row[0]),
            "full_name": row[1],
            "birth_date": _birth(row[2], row[3]),
            "gender": row[4],
            "cccd": row[5],
            "passport_no": row[6],
            "nationality": row[7],
            "union": row[8],
            "card_no": row[9],
            "joined_on": row[10].isoformat() if row[10] else None,
            "status": row[11],
            "left_on": row[12].isoformat() if row[12] else None,
        }


def departures(session: Session) -> Iterator[dict]:
    query = (
        select(
            MembershipEvent.id,
            Member.full_name,
            Member.birth_date,
            Member.birth_year,
            Member.gender,
            Member.cccd,
            Member.passport_no,
            GrassrootsUnion.name,
            MembershipEvent.occurred_on,
            MembershipEvent.reason,
        )
        .select_from(MembershipEvent)
        .join(Member, Member.id == MembershipEvent.member_id)
        .join(GrassrootsUnion, GrassrootsUnion.id == MembershipEvent.union_id)
        .where(
            MembershipEvent.kind == EventKind.left,
            MembershipEvent.deleted_at.is_(None),
            Member.deleted_at.is_(None),
        )
    )
    for row in _pages(session, query, MembershipEvent.id, lambda r: r[0]):
        yield {
            "full_name": row[1],
            "birth_date": _birth(row[2], row[3]),
            "gender": row[4],
            "cccd": row[5],
            "passport_no": row[6],
            "union": row[7],
            "left_on": row[8].isoformat(),
            "reason": row[9],
        }


def _enterprise_rows(session: Session, query) -> Iterator[dict]:
    for row in _pages(session, query, Enterprise.id, lambda r: r[0].id):
        enterprise, unit_name, has_union = row
        yield {
            "id": str(enterprise.id),
            "tax_code": enterprise.tax_code,
            "name": enterprise.name,
            "address": enterprise.address,
            "commune": enterprise.commune_name or unit_name,
            "ownership": enterprise.ownership,
            "trade": enterprise.trade,
            "worker_count": enterprise.worker_count,
            "is_stable": enterprise.is_stable,
            "has_union": bool(has_union),
            "union_since": enterprise.union_since.isoformat() if enterprise.union_since else None,
            "stage": enterprise.stage,
            "officer": enterprise.officer,
        }


def enterprises(session: Session, *, prospects_only: bool = False) -> Iterator[dict]:
    today = today_local()
    # The same rule as the progress figures: a linked union active today, or `union_since`.
    has_union = metrics.has_union_on(today)
    query = (
        select(Enterprise, OrgUnit.name, has_union.label("has_union"))
        .select_from(Enterprise)
        .join(OrgUnit, OrgUnit.id == Enterprise.unit_id, isouter=True)
        .where(Enterprise.deleted_at.is_(None))
    )
    if prospects_only:
        query = query.where(Enterprise.worker_count >= metrics.PROSPECT_MIN_WORKERS, ~has_union)
    yield from _enterprise_rows(session, query)


def unions(session: Session) -> Iterator[dict]:
    unit = aliased(OrgUnit)
    cluster = aliased(OrgUnit)
    query = (
        select(GrassrootsUnion, Enterprise.tax_code, Enterprise.name, unit.name, cluster.name)
        .select_from(GrassrootsUnion)
        .join(Enterprise, Enterprise.id == GrassrootsUnion.enterprise_id, isouter=True)
        .join(unit, unit.id == GrassrootsUnion.unit_id, isouter=True)
        .join(cluster, cluster.id == GrassrootsUnion.cluster_id, isouter=True)
        .where(GrassrootsUnion.deleted_at.is_(None))
    )
    for union, tax_code, enterprise_name, unit_name, cluster_name in _pages(
        session, query, GrassrootsUnion.id, lambda r: r[0].id
    ):
        yield {
            "id": str(union.id),
            "name": union.name,
            "kind": union.kind,
            "tax_code": tax_code,
            "enterprise": enterprise_name,
            "unit": unit_name,
            "cluster": cluster_name,
            "decision_no": union.decision_no,
            "founded_on": union.founded_on.isoformat() if union.founded_on else None,
            "dissolved_on": union.dissolved_on.isoformat() if union.dissolved_on else None,
            "active_members": union.active_members,
        }


SOURCES: dict[str, tuple[Callable[[Session], Iterator[dict]], tuple[Column, ...]]] = {
    "members": (members, MEMBER_COLUMNS),
    "departures": (departures, DEPARTURE_COLUMNS),
    "enterprises": (enterprises, ENTERPRISE_COLUMNS),
    "prospects": (lambda s: enterprises(s, prospects_only=True), ENTERPRISE_COLUMNS),
    "unions": (unions, UNION_COLUMNS),
}


def _readable(column: Column, value: Any) -> Any:
    """A value as a person reads it in CSV/XLSX (Vietnamese labels, dd/mm/yyyy dates)."""
    if value is None:
        return None
    if column.kind == "date":
        return fmt_date(dt.date.fromisoformat(value))
    if column.kind == "birth":
        return value if len(value) == 4 else fmt_date(dt.date.fromisoformat(value))
    if column.kind == "gender":
        return t(f"gender.{value}")
    if column.kind == "bool":
        return t("import.yes") if value else t("import.no")
    if column.kind == "stable":
        return t("export.stable") if value else t("export.not_stable")
    if column.kind.startswith("choice:"):
        return t(f"{column.kind.split(':', 1)[1]}.{value}")
    return value


def write(session: Session, kind: str, fmt: str, out: IO[bytes]) -> int:
    """Write every record of `kind` to `out` in `fmt`; returns the number of records."""
    source, columns = SOURCES[kind]
    records = source(session)
    if fmt == "json":
        return _write_json(records, out)
    if fmt == "csv":
        return _write_csv(records, columns, out)
    return _write_xlsx(records, columns, out, kind)


def _write_json(records: Iterator[dict], out: IO[bytes]) -> int:
    count = 0
    out.write(b"[")
    for record in records:
        out.write((b",\n" if count else b"\n") + json.dumps(record, ensure_ascii=False).encode())
        count += 1
    out.write(b"\n]\n" if count else b"]\n")
    return count


def _write_csv(records: Iterator[dict], columns: tuple[Column, ...], out: IO[bytes]) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow([t(c.label_key) for c in columns])
    count = 0
    for record in records:
        writer.writerow([csv_safe(_readable(c, record.get(c.key))) for c in columns])
        count += 1
    text.flush()
    text.detach()
    return count


def _write_xlsx(
    records: Iterator[dict], columns: tuple[Column, ...], out: IO[bytes], kind: str
) -> int:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(t(f"export.sheet.{kind}"))
    sheet.freeze_panes = "A2"
    sheet.append([text_cell(sheet, t(c.label_key)) for c in columns])
    count = 0
    for record in records:
        row = []
        for column in columns:
            value = _readable(column, record.get(column.key))
            row.append(text_cell(sheet, value) if isinstance(value, str) else value)
        sheet.append(row)
        count += 1
    workbook.save(out)
    return count
