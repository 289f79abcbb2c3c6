"""Organisation units kept by the admin: the federation, communes and towns, clusters and blocks,
and their dated parent links.

A unit sits under one parent at a time; a link holds from `valid_from` (inclusive) to `valid_to`
(exclusive). A reorganisation is a date on which links end and new ones begin: on 1/7/2025 the old
communes of Vĩnh Bảo went from under the federation to under the new communes they merged into
(`merge_units`), and totals can be read by either structure by the date asked. Admin only; every
write audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_
from sqlmodel import Session, select

from core import audit, versioning
from core.access import Actor, require
from core.formatting import fmt_date
from core.importing import values as cells
from core.models import Enterprise, GrassrootsUnion, OrgUnit, Role, UnitKind, UnitLink, utcnow
from core.records import RecordError
from core.units import descendants


class UnitError(RecordError):
    """A change to the structure refused; `key` names the catalogue message."""


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    kind: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    parent_name: str | None  # on the day asked
    version: int
    deleted: bool


@dataclass(frozen=True)
class LinkRow:
    id: int
    unit_id: int
    unit_name: str
    parent_id: int
    parent_name: str
    valid_from: dt.date
    valid_to: dt.date | None


def list_units(session: Session, on: dt.date, *, deleted: bool = False) -> list[UnitRow]:
    """Every unit with its parent on `on`; the federation first, then by kind and name."""
    units = session.exec(
        select(OrgUnit).where(
            OrgUnit.deleted_at.is_not(None) if deleted else OrgUnit.deleted_at.is_(None)
        )
    ).all()
    names = {u.id: u.name for u in session.exec(select(OrgUnit)).all()}
    parents = dict(
        session.exec(
            select(UnitLink.unit_id, UnitLink.parent_id).where(
                UnitLink.valid_from <= on, or_(UnitLink.valid_to.is_(None), UnitLink.valid_to > on)
            )
        ).all()
    )
    order = {kind: i for i, kind in enumerate(UnitKind)}
    return [
        UnitRow(
            u.id,
            u.name,
            u.kind,
            u.valid_from,
            u.valid_to,
            names.get(parents.get(u.id)),
            u.version,
            u.deleted_at is not None,
        )
        for u in sorted(units, key=lambda u: (order.get(u.kind, 9), u.name))
    ]


def list_links(session: Session, unit_id: int | None = None) -> list[LinkRow]:
    """The dated links (of one unit, or all), oldest first."""
    names = {u.id: u.name for u in session.exec(select(OrgUnit)).all()}
    query = select(UnitLink).order_by(UnitLink.unit_id, UnitLink.valid_from)
    if unit_id is not None:
        query = query.where(UnitLink.unit_id == unit_id)
    return [
        LinkRow(
            link.id,
            link.unit_id,
            names.get(link.unit_id, "?"),
            link.parent_id,
            names.get(link.parent_id, "?"),
            link.valid_from,
            link.valid_to,
        )
        for link in session.exec(query).all()
    ]


def _clean_name(name: str | None) -> str:
    text = cells.free_text(name or "", 200)
    if not text:
        raise UnitError("unit.name_required")
    return text


def _check_kind(kind: str) -> str:
    if kind not in {k.value for k in UnitKind}:
        raise UnitError("record.bad_choice", value=kind)
    return kind


def _check_dates(valid_from: dt.date | None, valid_to: dt.date | None) -> None:
    if valid_from and valid_to and valid_to <= valid_from:
        raise UnitError("unit.dates_order")


def _check_name_free(session: Session, name: str, kind: str, unit_id: int | None) -> None:
    clash = session.exec(
        select(OrgUnit.id).where(
            OrgUnit.name == name, OrgUnit.kind == kind, OrgUnit.id != (unit_id or 0)
        )
    ).first()
    if clash is not None:
        raise UnitError("unit.name_taken", name=name)


def add_unit(
    session: Session,
    *,
    actor: Actor,
    name: str,
    kind: str,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    parent_id: int | None = None,
) -> OrgUnit:
    """A new unit; with `parent_id`, linked under it from `valid_from` (or from always)."""
    require(actor, Role.admin)
    name = _clean_name(name)
    _check_kind(kind)
    _check_dates(valid_from, valid_to)
    _check_name_free(session, name, kind, None)
    unit = versioning.create(
        session,
        OrgUnit(name=name, kind=kind, valid_from=valid_from, valid_to=valid_to),
        username=actor.username,
    )
    if parent_id is not None:
        link_unit(
            session,
            actor=actor,
            unit_id=unit.id,
            parent_id=parent_id,
            valid_from=valid_from or dt.date(1900, 1, 1),
            valid_to=valid_to,
        )
    return unit


def update_unit(
    session: Session,
    *,
    actor: Actor,
    unit_id: int,
    expected_version: int,
    name: str,
    kind: str,
    valid_from: dt.date | None,
    valid_to: dt.date | None,
) -> OrgUnit:
    require(actor, Role.admin)
    name = _clean_name(name)
    _check_kind(kind)
    _check_dates(valid_from, valid_to)
    _check_name_free(session, name, kind, unit_id)
    changes = {"name": name, "kind": kind, "valid_from": valid_from, "valid_to": valid_to}
    with versioning.editing(
        session, OrgUnit, unit_id, expected_version, username=actor.username
    ) as unit:
        for key, value in changes.items():
            setattr(unit, key, value)
    return unit


def delete_unit(
    session: Session, *, actor: Actor, unit_id: int, expected_version: int, on: dt.date
) -> OrgUnit:
    """Soft delete a unit entered by mistake; refused while unions, enterprises or units use it."""
    require(actor, Role.admin)
    unit = versioning.claim(session, OrgUnit, unit_id, expected_version)
    in_use = (
        session.exec(
            select(GrassrootsUnion.id).where(
                or_(GrassrootsUnion.unit_id == unit_id, GrassrootsUnion.cluster_id == unit_id),
                GrassrootsUnion.deleted_at.is_(None),
            )
        ).first()
        or session.exec(
            select(Enterprise.id).where(
                Enterprise.unit_id == unit_id, Enterprise.deleted_at.is_(None)
            )
        ).first()
        or session.exec(select(UnitLink.id).where(UnitLink.parent_id == unit_id)).first()
    )
    if in_use:
        raise UnitError("unit.in_use")
    before = audit.snapshot(unit)
    unit.deleted_at = utcnow()
    versioning.save(session, unit, username=actor.username, before=before, action="delete")
    return unit


def _overlaps(link: UnitLink, valid_from: dt.date, valid_to: dt.date | None) -> bool:
    starts_before_other_ends = link.valid_to is None or valid_from < link.valid_to
    ends_after_other_starts = valid_to is None or valid_to > link.valid_from
    return starts_before_other_ends and ends_after_other_starts


def link_unit(
    session: Session,
    *,
    actor: Actor,
    unit_id: int,
    parent_id: int,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
) -> UnitLink:
    """Put `unit` under `parent` for a period. A unit has one parent at a time, and never sits
    under itself or under one of its own units."""
    require(actor, Role.admin)
    _check_dates(valid_from, valid_to)
    unit = session.get(OrgUnit, unit_id)
    parent = session.get(OrgUnit, parent_id)
    if unit is None or parent is None or unit.deleted_at or parent.deleted_at:
        raise UnitError("record.reference_missing")
    if parent_id in descendants(session, unit_id, valid_from):
        raise UnitError("unit.cycle", unit=unit.name, parent=parent.name)
    for link in session.exec(select(UnitLink).where(UnitLink.unit_id == unit_id)).all():
        if _overlaps(link, valid_from, valid_to):
            other = session.get(OrgUnit, link.parent_id)
            raise UnitError(
                "unit.link_overlap",
                parent=other.name if other else "?",
                start=fmt_date(link.valid_from),
                end=fmt_date(link.valid_to) if link.valid_to else "…",
            )
    link = UnitLink(unit_id=unit_id, parent_id=parent_id, valid_from=valid_from, valid_to=valid_to)
    return versioning.create(session, link, username=actor.username)


def end_link(session: Session, *, actor: Actor, link_id: int, valid_to: dt.date) -> UnitLink:
    """The link stops holding from `valid_to` (the unit is under that parent until the day before)."""
    require(actor, Role.admin)
    if session.get(UnitLink, link_id) is None:
        raise UnitError("record.not_found")
    # Locked before the dates are checked, so two ends racing each other see each other's date.
    with versioning.editing(session, UnitLink, link_id, None, username=actor.username) as link:
        if valid_to <= link.valid_from:
            raise UnitError("unit.dates_order")
        link.valid_to = valid_to
    return link


def move_unit(
    session: Session, *, actor: Actor, unit_id: int, parent_id: int, on: dt.date
) -> UnitLink:
    """From `on` the unit sits under another parent: its current link ends the day before."""
    require(actor, Role.admin)
    current = session.exec(
        select(UnitLink).where(
            UnitLink.unit_id == unit_id,
            UnitLink.valid_from <= on,
            or_(UnitLink.valid_to.is_(None), UnitLink.valid_to > on),
        )
    ).first()
    if current is not None:
        if current.parent_id == parent_id:
            return current
        if current.valid_from == on:
            raise UnitError("unit.move_same_day")
        end_link(session, actor=actor, link_id=current.id, valid_to=on)
    later = session.exec(
        select(UnitLink).where(UnitLink.unit_id == unit_id, UnitLink.valid_from > on)
    ).first()
    return link_unit(
        session,
        actor=actor,
        unit_id=unit_id,
        parent_id=parent_id,
        valid_from=on,
        valid_to=later.valid_from if later else None,
    )


def merge_units(
    session: Session,
    *,
    actor: Actor,
    unit_ids: list[int],
    into_unit_id: int,
    on: dt.date,
    close_old: bool = True,
) -> int:
    """A reorganisation: from `on`, each unit sits under `into` (the new commune), and with
    `close_old` is no longer offered as a unit of the new structure (`valid_to` = `on`). Old
    totals still roll up by the old links before that date. Returns how many units moved."""
    require(actor, Role.admin)
    moved = 0
    for unit_id in unit_ids:
        if unit_id == into_unit_id:
            continue
        move_unit(session, actor=actor, unit_id=unit_id, parent_id=into_unit_id, on=on)
        if close_old:
            with versioning.editing(
                session, OrgUnit, unit_id, None, username=actor.username
            ) as unit:
                if unit.valid_to is None or unit.valid_to > on:
                    unit.valid_to = on
        moved += 1
    return moved
