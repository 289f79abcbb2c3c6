"""Organisation units and their dated parent links: which unions sit under a unit on a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_
from sqlmodel import Session, select

from core.models import GrassrootsUnion, OrgUnit, UnitKind, UnitLink
from core.text import unaccent


@dataclass(frozen=True)
class Scope:
    """What a figure is computed over: the whole federation, a set of units, or one union."""

    unit_ids: frozenset[int] | None = None  # None: everything
    union_id: int | None = None
    label: str | None = None
    unit_id: int | None = None  # the unit chosen (its allocated targets apply)

    @property
    def is_everything(self) -> bool:
        return self.unit_ids is None and self.union_id is None


EVERYTHING = Scope()


def links_on(session: Session, on: dt.date) -> list[tuple[int, int]]:
    """(unit, parent) pairs valid on `on`."""
    rows = session.exec(
        select(UnitLink.unit_id, UnitLink.parent_id).where(
            UnitLink.valid_from <= on, or_(UnitLink.valid_to.is_(None), UnitLink.valid_to > on)
        )
    ).all()
    return [(unit_id, parent_id) for unit_id, parent_id in rows]


def descendants(session: Session, unit_id: int, on: dt.date) -> frozenset[int]:
    """The unit and every unit under it on `on` (old communes roll up into new ones by date)."""
    children: dict[int, list[int]] = {}
    for child, parent in links_on(session, on):
        children.setdefault(parent, []).append(child)
    found = {unit_id}
    stack = [unit_id]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return frozenset(found)


def scope_for_unit(session: Session, unit_id: int | None, on: dt.date) -> Scope:
    if unit_id is None:
        return EVERYTHING
    unit = session.get(OrgUnit, unit_id)
    if unit is None:
        raise LookupError(unit_id)
    if unit.kind == UnitKind.federation:
        return Scope(label=unit.name)
    return Scope(unit_ids=descendants(session, unit_id, on), label=unit.name, unit_id=unit_id)


def scope_for_union(session: Session, union_id: int) -> Scope:
    union = session.get(GrassrootsUnion, union_id)
    if union is None:
        raise LookupError(union_id)
    return Scope(union_id=union_id, label=union.name)


def find_scope(session: Session, name: str, on: dt.date) -> Scope:
    """A unit or a union by its exact name (case and spacing ignored); LookupError if none."""
    wanted = unaccent(name)
    for unit in session.exec(select(OrgUnit).where(OrgUnit.deleted_at.is_(None))).all():
        if unaccent(unit.name) == wanted:
            return scope_for_unit(session, unit.id, on)
    for union_id, union_name in session.exec(
        select(GrassrootsUnion.id, GrassrootsUnion.name).where(GrassrootsUnion.deleted_at.is_(None))
    ).all():
        if unaccent(union_name) == wanted:
            return scope_for_union(session, union_id)
    raise LookupError(name)


def union_filter(scope: Scope, union_table=GrassrootsUnion):
    """A WHERE clause on the union table for `scope`, or None for everything."""
    if scope.union_id is not None:
        return union_table.id == scope.union_id
    if scope.unit_ids is not None:
        ids = sorted(scope.unit_ids)
        return or_(union_table.unit_id.in_(ids), union_table.cluster_id.in_(ids))
    return None


def selectable_units(session: Session, on: dt.date) -> list[OrgUnit]:
    """Units offered in filters: the federation, then the structure valid on `on`, clusters last."""
    units = session.exec(select(OrgUnit).where(OrgUnit.deleted_at.is_(None))).all()
    order = {
        UnitKind.federation: 0,
        UnitKind.town: 1,
        UnitKind.commune: 1,
        UnitKind.cluster: 2,
        UnitKind.block: 3,
    }

    def valid(unit: OrgUnit) -> bool:
        return (unit.valid_from is None or unit.valid_from <= on) and (
            unit.valid_to is None or unit.valid_to > on
        )

    return sorted((u for u in units if valid(u)), key=lambda u: (order[u.kind], u.name))
