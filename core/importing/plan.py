"""Matching the cleaned rows with the records already stored: what an import would add, change,
leave unchanged or refuse, and why. Reads the database, writes nothing.

A member is matched by CCCD (or passport; without either, by name and birth within the union),
an enterprise by MST (without one, by name), a union by name within its unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlmodel import Session, select

from core.formatting import fmt_date
from core.importing.finders import UnionFinder, UnitFinder, union_key
from core.importing.headers import HeaderMatch, plain
from core.importing.rows import ParsedRow, Problem
from core.importing.values import ownership_from_name
from core.models import (
    Enterprise,
    EnterpriseBase,
    GrassrootsUnion,
    ImportKind,
    Member,
    MemberBase,
    MemberStatus,
    UnitKind,
)
from core.strings import t
from core.text import unaccent

CHUNK = 2000  # keys per IN (...) query: well under the parameter limits of SQLite and psycopg


class Action(StrEnum):
    add = "add"
    change = "change"
    unchanged = "unchanged"
    refuse = "refuse"


@dataclass
class RowPlan:
    row: int
    action: Action
    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    record_id: int | None = None  # the stored record it matched
    operation: str = ""  # admit, readmit, revive, transfer, update, leave, found, create
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (before, after)
    union_id: int | None = None  # members/departures: the union of the row

    def summary(self) -> str:
        """One line for the preview: what will happen to this row, in the interface language."""
        if self.action == Action.refuse:
            return "; ".join(p.reason for p in self.problems)
        parts = []
        if self.operation:
            parts.append(t(f"import.operation.{self.operation}"))
        for name, (before, after) in self.changes.items():
            parts.append(
                t(
                    "import.change",
                    field=t(f"import.field.{name}"),
                    before=_shown(before),
                    after=_shown(after),
                )
            )
        parts.extend(w.reason for w in self.warnings)
        return "; ".join(parts)


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, dt.date):
        return fmt_date(value)
    if isinstance(value, bool):
        return t("import.yes") if value else t("import.no")
    return str(value)


@dataclass
class ImportPlan:
    kind: str
    file_name: str
    checksum: str
    header: HeaderMatch
    rows: list[RowPlan]
    today: dt.date
    default_union: str | None = None
    # The data version the preview was read at: commit refuses a plan the data moved away from.
    data_version: int | None = None

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {action.value: self.count(action) for action in Action}

    @property
    def refused(self) -> list[Problem]:
        return [p for row in self.rows if row.action == Action.refuse for p in row.problems]

    @property
    def warnings(self) -> list[Problem]:
        return [w for row in self.rows if row.action != Action.refuse for w in row.warnings]

    @property
    def accepted(self) -> list[RowPlan]:
        return [row for row in self.rows if row.action in (Action.add, Action.change)]

    def to_json(self, batch_id: int | None) -> dict[str, Any]:
        return {
            "batch": batch_id,
            "added": self.count(Action.add),
            "updated": self.count(Action.change),
            "unchanged": self.count(Action.unchanged),
            "refused": [p.to_json() for p in self.refused],
        }


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _refuse(parsed: ParsedRow, column: str, key: str, **values: object) -> RowPlan:
    problems = [*parsed.problems, Problem(parsed.row, column, t(key, **values), key)]
    return RowPlan(parsed.row, Action.refuse, parsed.values, problems, parsed.warnings)


# --- members -------------------------------------------------------------------------------------

_MEMBER_COLUMNS = (
    Member.id,
    Member.full_name,
    Member.birth_date,
    Member.birth_year,
    Member.gender,
    Member.cccd,
    Member.passport_no,
    Member.nationality,
    Member.card_no,
    Member.contract_months,
    Member.has_application,
    Member.union_id,
    Member.status,
    Member.joined_on,
    Member.left_on,
    Member.deleted_at,
    Member.search_name,
)
DETAIL_FIELDS = tuple(MemberBase.model_fields)


def _stored_members(session: Session, rows: list[ParsedRow]) -> dict[tuple, list[dict]]:
    """Stored members (removed ones too: their IDs stay taken) by ('cccd', x), ('passport', x) and
    ('name', search_name) for the rows of the file."""
    cccds = sorted({r.values["cccd"] for r in rows if r.values.get("cccd")})
    passports = sorted({r.values["passport_no"] for r in rows if r.values.get("passport_no")})
    names = sorted(
        {
            unaccent(r.values["full_name"])
            for r in rows
            if r.values.get("full_name")
            and not r.values.get("cccd")
            and not r.values.get("passport_no")
        }
    )
    found: dict[tuple, list[dict]] = {}
    queries = [
        (Member.cccd, cccds, "cccd"),
        (Member.passport_no, passports, "passport"),
        (Member.search_name, names, "name"),
    ]
    for column, keys, tag in queries:
        for chunk in _chunks(keys):
            for record in session.exec(select(*_MEMBER_COLUMNS).where(column.in_(chunk))).all():
                stored = dict(record._mapping)
                key_value = {"cccd": stored["cccd"], "passport": stored["passport_no"]}.get(
                    tag, stored["search_name"]
                )
                found.setdefault((tag, key_value), []).append(stored)
    return found


def _member_match(stored: dict[tuple, list[dict]], values: dict) -> list[dict]:
    if values.get("cccd"):
        return stored.get(("cccd", values["cccd"]), [])
    if values.get("passport_no"):
        return stored.get(("passport", values["passport_no"]), [])
    candidates = [
        s
        for s in stored.get(("name", unaccent(values.get("full_name") or "")), [])
        if s["deleted_at"] is None
    ]
    if values.get("birth_year"):
        candidates = [
            s
            for s in candidates
            if s["birth_year"] in (None, values["birth_year"])
            or (s["birth_date"] and s["birth_date"].year == values["birth_year"])
        ]
    return candidates


def _detail_changes(stored: dict, values: dict) -> dict[str, tuple[Any, Any]]:
    """Personal details the file gives and the record lacks or has otherwise; a blank cell erases nothing."""
    changes = {}
    for name in DETAIL_FIELDS:
        new = values.get(name)
        if new is None or (name == "nationality" and new == "VN" and stored[name] in (None, "VN")):
            continue
        old = stored[name]
        if name == "birth_year" and stored["birth_date"] is not None:
            old = stored["birth_date"].year
        if name == "birth_date" and new is None:
            continue
        if new != old:
            changes[name] = (old, new)
    if "birth_year" in changes and "birth_date" not in changes and values.get("birth_date") is None:
        # The file knows only the year: a stored full date of that year stays.
        if stored["birth_date"] and stored["birth_date"].year == values["birth_year"]:
            changes.pop("birth_year")
    return changes


def _resolve_union(
    parsed: ParsedRow,
    unions: UnionFinder,
    default_union: str | None,
    column: str,
    titles: list[str],
) -> tuple[int | None, RowPlan | None]:
    """The row's union: its own cell, else the group heading above it, else the union chosen for
    the whole file, else one named in the letterhead above the header."""
    own = parsed.values.get("union")
    if own:
        found = unions.find(own)
        if len(found) == 1:
            return found[0], None
        key = "import.reason.union_ambiguous" if found else "import.reason.union_unknown"
        return None, _refuse(parsed, column, key, name=own)
    if parsed.section:
        found = unions.find(parsed.section)
        if len(found) == 1:
            return found[0], None
    if default_union:
        found = unions.find(default_union)
        if len(found) == 1:
            return found[0], None
        return None, _refuse(parsed, column, "import.reason.union_unknown", name=default_union)
    for title in titles:
        found = unions.find(title)
        if len(found) == 1:
            return found[0], None
    return None, _refuse(parsed, column, "import.reason.union_missing")


def plan_members(
    session: Session,
    header: HeaderMatch,
    rows: list[ParsedRow],
    *,
    today: dt.date,
    default_union: str | None,
) -> list[RowPlan]:
    unions = UnionFinder(session)
    stored = _stored_members(session, [r for r in rows if not r.refused])
    union_column = header.label_of("union") or t("import.field.union")
    id_column = header.label_of("cccd") or t("import.field.cccd")
    plans = []
    for parsed in rows:
        if parsed.refused:
            plans.append(RowPlan(parsed.row, Action.refuse, parsed.values, parsed.problems))
            continue
        values = parsed.values
        union_id, refused = _resolve_union(
            parsed, unions, default_union, union_column, header.title_lines
        )
        if refused:
            plans.append(refused)
            continue
        on = values.get("joined_on") or today
        dissolved = unions.dissolved_on.get(union_id)
        if dissolved is not None and dissolved <= on:
            plans.append(
                _refuse(
                    parsed,
                    union_column,
                    "import.reason.union_dissolved",
                    name=unions.names[union_id],
                    date=fmt_date(dissolved),
                )
            )
            continue
        matches = _member_match(stored, values)
        if len(matches) > 1:
            plans.append(_refuse(parsed, id_column, "import.reason.member_ambiguous"))
            continue
        if values.get("left_on") is not None:
            plans.append(_departed(parsed, matches, id_column, union_id))
            continue
        plan = RowPlan(parsed.row, Action.add, values, [], parsed.warnings, union_id=union_id)
        if not matches:
            plan.operation = "admit"
        else:
            record = matches[0]
            plan.record_id = record["id"]
            if record["deleted_at"] is not None:
                plan.operation = "revive"
            elif record["status"] == MemberStatus.left:
                if record["left_on"] and on < record["left_on"]:
                    plans.append(_refuse(parsed, id_column, "import.reason.readmit_before_leave"))
                    continue
                plan.action, plan.operation = Action.change, "readmit"
                plan.changes = _detail_changes(record, values)
            elif record["union_id"] != union_id:
                if record["joined_on"] and on < record["joined_on"]:
                    plans.append(
                        _refuse(
                            parsed,
                            union_column,
                            "import.reason.transfer_before_join",
                            union=unions.names.get(record["union_id"], ""),
                            date=fmt_date(record["joined_on"]),
                        )
                    )
                    continue
                plan.action, plan.operation = Action.change, "transfer"
                plan.changes = {
                    "union": (unions.names.get(record["union_id"]), unions.names.get(union_id)),
                    **_detail_changes(record, values),
                }
            else:
                plan.changes = _detail_changes(record, values)
                plan.action = Action.change if plan.changes else Action.unchanged
                plan.operation = "update" if plan.changes else ""
        plans.append(plan)
    return plans


def _departed(parsed: ParsedRow, matches: list[dict], column: str, union_id: int) -> RowPlan:
    """A member list row of someone who left (an export carries them): the record as it stands,
    never an admission; a departure is recorded by a list of members who left."""
    left_on = parsed.values["left_on"]
    record = matches[0] if matches else None
    if (
        record is None
        or record["deleted_at"] is not None
        or record["status"] != MemberStatus.left
        or record["left_on"] != left_on
    ):
        return _refuse(parsed, column, "import.reason.left_not_recorded", date=fmt_date(left_on))
    changes = _detail_changes(record, parsed.values)
    return RowPlan(
        parsed.row,
        Action.change if changes else Action.unchanged,
        parsed.values,
        [],
        parsed.warnings,
        record_id=record["id"],
        operation="update" if changes else "",
        changes=changes,
        union_id=union_id,
    )


def plan_departures(
    session: Session,
    header: HeaderMatch,
    rows: list[ParsedRow],
    *,
    today: dt.date,
    default_union: str | None,
) -> list[RowPlan]:
    unions = UnionFinder(session)
    stored = _stored_members(session, [r for r in rows if not r.refused])
    id_column = header.label_of("cccd") or header.label_of("full_name") or t("import.field.cccd")
    date_column = header.label_of("left_on") or t("import.field.left_on")
    plans = []
    for parsed in rows:
        if parsed.refused:
            plans.append(RowPlan(parsed.row, Action.refuse, parsed.values, parsed.problems))
            continue
        values = parsed.values
        matches = [m for m in _member_match(stored, values) if m["deleted_at"] is None]
        union_name = values.get("union") or parsed.section or default_union
        if len(matches) > 1 and union_name:
            in_union = set(unions.find(union_name))
            matches = [m for m in matches if m["union_id"] in in_union]
        if not matches:
            plans.append(_refuse(parsed, id_column, "import.reason.member_unknown"))
            continue
        if len(matches) > 1:
            plans.append(_refuse(parsed, id_column, "import.reason.member_ambiguous"))
            continue
        record = matches[0]
        plan = RowPlan(
            parsed.row, Action.change, values, [], list(parsed.warnings), record_id=record["id"]
        )
        plan.union_id = record["union_id"]
        if record["status"] == MemberStatus.left:
            if record["left_on"] == values["left_on"]:
                plan.action, plan.operation = Action.unchanged, ""
                plans.append(plan)
            else:
                plans.append(
                    _refuse(
                        parsed,
                        date_column,
                        "import.reason.already_left",
                        date=fmt_date(record["left_on"]),
                    )
                )
            continue
        if record["joined_on"] and values["left_on"] < record["joined_on"]:
            plans.append(_refuse(parsed, date_column, "rule.leave_before_join"))
            continue
        if union_name and record["union_id"] not in set(unions.find(union_name)):
            plan.warnings.append(
                Problem(
                    parsed.row,
                    header.label_of("union") or t("import.field.union"),
                    t(
                        "import.warning.other_union",
                        union=unions.names.get(record["union_id"], ""),
                    ),
                )
            )
        plan.operation = "leave"
        plan.changes = {"status": (record["status"], MemberStatus.left)}
        plans.append(plan)
    return plans


# --- enterprises ---------------------------------------------------------------------------------

ENTERPRISE_FIELDS = tuple(name for name in EnterpriseBase.model_fields if name != "tax_code")


def _enterprise_values(values: dict, units: UnitFinder) -> tuple[dict, bool]:
    """The Enterprise columns a row gives; False when its commune matches no unit."""
    unit = units.find(values.get("commune"))
    record = {
        "tax_code": values.get("tax_code"),
        "name": values.get("name"),
        "address": values.get("address"),
        "commune_name": values.get("commune"),
        "unit_id": unit.id if unit else None,
        "ownership": values.get("ownership"),
        "trade": values.get("trade"),
        "worker_count": values.get("worker_count"),
        "is_stable": values.get("is_stable"),
        "union_since": values.get("union_since"),
        "officer": values.get("officer"),
        "notes": values.get("notes"),
    }
    return record, not values.get("commune") or unit is not None


def _field_changes(stored: Any, record: dict, names: tuple[str, ...]) -> dict:
    changes = {}
    for name in names:
        new = record.get(name)
        if new is None:
            continue
        old = getattr(stored, name)
        if new != old:
            changes[name] = (old, new)
    return changes


def plan_enterprises(
    session: Session, header: HeaderMatch, rows: list[ParsedRow], *, today: dt.date, **_: Any
) -> list[RowPlan]:
    units = UnitFinder(session, (UnitKind.commune, UnitKind.town), today)
    accepted = [r for r in rows if not r.refused]
    codes = sorted({r.values["tax_code"] for r in accepted if r.values.get("tax_code")})
    by_code: dict[str, Enterprise] = {}
    for chunk in _chunks(codes):
        for enterprise in session.exec(select(Enterprise).where(Enterprise.tax_code.in_(chunk))):
            by_code[enterprise.tax_code] = enterprise
    by_name: dict[str, list[Enterprise]] = {}
    if any(not r.values.get("tax_code") for r in accepted):
        for enterprise in session.exec(
            select(Enterprise).where(Enterprise.deleted_at.is_(None))
        ).all():
            by_name.setdefault(plain(enterprise.name), []).append(enterprise)
    commune_column = header.label_of("commune") or t("import.field.commune")
    plans = []
    for parsed in rows:
        if parsed.refused:
            plans.append(RowPlan(parsed.row, Action.refuse, parsed.values, parsed.problems))
            continue
        record, commune_known = _enterprise_values(parsed.values, units)
        warnings = list(parsed.warnings)
        if not commune_known:
            warnings.append(
                Problem(
                    parsed.row,
                    commune_column,
                    t("import.warning.commune_unknown", name=record["commune_name"]),
                )
            )
        stored = None
        if record["tax_code"]:
            stored = by_code.get(record["tax_code"])
        else:
            same_name = by_name.get(plain(record["name"]), [])
            if len(same_name) > 1:
                plans.append(
                    _refuse(
                        parsed,
                        header.label_of("name"),
                        "import.reason.enterprise_ambiguous",
                    )
                )
                continue
            stored = same_name[0] if same_name else None
        plan = RowPlan(parsed.row, Action.add, record, [], warnings)
        if stored is None:
            plan.operation = "create"
            record["ownership"] = record["ownership"] or ownership_from_name(record["name"])
        elif stored.deleted_at is not None:
            plan.record_id, plan.operation = stored.id, "revive"
        else:
            plan.record_id = stored.id
            plan.changes = _field_changes(stored, record, ENTERPRISE_FIELDS)
            same_commune = plain(record["commune_name"] or "") == plain(stored.commune_name or "")
            if (not commune_known or same_commune) and "unit_id" in plan.changes:
                # The commune as written is unchanged: the unit an admin mapped it to stays.
                plan.changes.pop("unit_id")
            plan.action = Action.change if plan.changes else Action.unchanged
            plan.operation = "update" if plan.changes else ""
        plans.append(plan)
    return plans


# --- unions --------------------------------------------------------------------------------------

UNION_FIELDS = ("kind", "enterprise_id", "cluster_id", "decision_no", "founded_on", "dissolved_on")


def plan_unions(
    session: Session, header: HeaderMatch, rows: list[ParsedRow], *, today: dt.date, **_: Any
) -> list[RowPlan]:
    units = UnitFinder(session, (UnitKind.commune, UnitKind.town), today)
    clusters = UnitFinder(session, (UnitKind.cluster, UnitKind.block), today)
    accepted = [r for r in rows if not r.refused]
    codes = sorted({r.values["tax_code"] for r in accepted if r.values.get("tax_code")})
    enterprises: dict[str, int] = {}
    for chunk in _chunks(codes):
        for enterprise_id, code in session.exec(
            select(Enterprise.id, Enterprise.tax_code).where(
                Enterprise.tax_code.in_(chunk), Enterprise.deleted_at.is_(None)
            )
        ).all():
            enterprises[code] = enterprise_id
    stored: dict[str, list[GrassrootsUnion]] = {}
    for union in session.exec(select(GrassrootsUnion)).all():
        stored.setdefault(union_key(union.name), []).append(union)
    plans = []
    for parsed in rows:
        if parsed.refused:
            plans.append(RowPlan(parsed.row, Action.refuse, parsed.values, parsed.problems))
            continue
        values = parsed.values
        warnings = list(parsed.warnings)
        unit = units.find(values.get("unit"))
        if values.get("unit") and unit is None:
            plans.append(
                _refuse(
                    parsed,
                    header.label_of("unit"),
                    "import.reason.unit_unknown",
                    name=values["unit"],
                )
            )
            continue
        cluster = clusters.find(values.get("cluster"))
        if values.get("cluster") and cluster is None:
            warnings.append(
                Problem(
                    parsed.row,
                    header.label_of("cluster"),
                    t("import.warning.cluster_unknown", name=values["cluster"]),
                )
            )
        enterprise_id = enterprises.get(values.get("tax_code") or "")
        if values.get("tax_code") and enterprise_id is None:
            warnings.append(
                Problem(
                    parsed.row,
                    header.label_of("tax_code"),
                    t("import.warning.enterprise_unknown", code=values["tax_code"]),
                )
            )
        record = {
            "name": values["name"],
            "kind": values["kind"],
            "unit_id": unit.id if unit else None,
            "enterprise_id": enterprise_id,
            "cluster_id": cluster.id if cluster else None,
            "decision_no": values.get("decision_no"),
            "founded_on": values.get("founded_on"),
            "dissolved_on": values.get("dissolved_on"),
        }
        same = stored.get(union_key(values["name"]), [])
        if unit is not None:
            same = [u for u in same if u.unit_id == unit.id]
        elif len({u.unit_id for u in same}) > 1:
            plans.append(
                _refuse(parsed, header.label_of("name"), "import.reason.union_name_ambiguous")
            )
            continue
        current = [u for u in same if u.deleted_at is None]
        match = current[0] if current else (same[0] if same else None)
        plan = RowPlan(parsed.row, Action.add, record, [], warnings)
        if match is None:
            plan.operation = "found"
        elif match.deleted_at is not None:
            plan.record_id, plan.operation = match.id, "revive"
            record["unit_id"] = match.unit_id if unit is None else record["unit_id"]
        else:
            plan.record_id = match.id
            plan.changes = _field_changes(match, record, UNION_FIELDS)
            if (
                "founded_on" in plan.changes
                and record["dissolved_on"] is None
                and match.dissolved_on
                and match.dissolved_on < record["founded_on"]
            ):
                plans.append(
                    _refuse(
                        parsed,
                        header.label_of("founded_on"),
                        "import.reason.dissolved_before_founded",
                    )
                )
                continue
            plan.action = Action.change if plan.changes else Action.unchanged
            plan.operation = "update" if plan.changes else ""
        plans.append(plan)
    return plans


PLANNERS = {
    ImportKind.members: plan_members,
    ImportKind.departures: plan_departures,
    ImportKind.enterprises: plan_enterprises,
    ImportKind.unions: plan_unions,
}
