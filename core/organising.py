"""The organising board: prospects (≥ 20 workers, no union) by organising stage, and moving them.

A prospect's stage runs surveyed → contacted → campaigning → ≥ 5 applications → founding congress →
recognised; one not yet worked on has no stage. `stage_since` is the day it entered its stage, so
the board shows how long it has been there. Once its union is recorded, the enterprise is no longer
a prospect and leaves the board by itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from core import audit, versioning
from core.access import Actor, require
from core.errors import CatalogueError
from core.formatting import today_local
from core.metrics import enterprise_filter, prospect_conditions, prospects
from core.models import Enterprise, OrganisingStage, OrgUnit, Role
from core.pace import days_in_stage
from core.units import EVERYTHING, Scope

# The board's columns, in order; None is "not yet surveyed".
STAGES: tuple[str | None, ...] = (None, *(stage.value for stage in OrganisingStage))


class OrganisingError(CatalogueError, ValueError):
    """A move refused; `key` names the catalogue message."""


@dataclass(frozen=True)
class Card:
    """One prospect on the board."""

    enterprise_id: int
    name: str
    tax_code: str | None
    commune: str
    worker_count: int | None
    ownership: str
    stage: str | None
    stage_since: dt.date | None
    days_in_stage: int | None
    officer: str | None
    version: int


def board(
    session: Session, *, on: dt.date, scope: Scope = EVERYTHING, limit: int | None = None
) -> list[Card]:
    """The prospects on `on`, largest first, with their stage, officer and days in stage."""
    enterprises = prospects(session, scope, on, limit=limit)
    unit_ids = {e.unit_id for e in enterprises if e.unit_id is not None}
    names = (
        dict(session.exec(select(OrgUnit.id, OrgUnit.name).where(OrgUnit.id.in_(unit_ids))).all())
        if unit_ids
        else {}
    )
    return [
        Card(
            enterprise_id=e.id,
            name=e.name,
            tax_code=e.tax_code,
            commune=names.get(e.unit_id, e.commune_name or ""),
            worker_count=e.worker_count,
            ownership=e.ownership,
            stage=e.stage,
            stage_since=e.stage_since,
            days_in_stage=days_in_stage(e.stage_since, on),
            officer=e.officer,
            version=e.version,
        )
        for e in enterprises
    ]


def stage_counts(
    session: Session, *, on: dt.date, scope: Scope = EVERYTHING
) -> dict[str | None, int]:
    """How many prospects sit in each stage on `on` (every stage present, None first)."""
    query = (
        select(Enterprise.stage, func.count())
        .where(*prospect_conditions(on))
        .group_by(Enterprise.stage)
    )
    condition = enterprise_filter(scope)
    if condition is not None:
        query = query.where(condition)
    counts = {stage: 0 for stage in STAGES}
    for stage, count in session.exec(query).all():
        counts[stage] = counts.get(stage, 0) + int(count)
    return counts


def move_stage(
    session: Session,
    *,
    actor: Actor | None,
    enterprise_id: int,
    stage: OrganisingStage | str,
    on: dt.date,
    officer: str | None = None,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> Enterprise:
    """Put a prospect in `stage` from `on` and (when given) assign its officer. Staff and admin only;
    audited; a record changed by someone else since it was read (`expected_version`) is refused
    with StaleEdit."""
    require(actor, Role.staff)
    try:
        stage = OrganisingStage(stage)
    except ValueError:
        raise OrganisingError("organising.bad_stage", stage=stage) from None
    enterprise = session.get(Enterprise, enterprise_id)
    if enterprise is None or enterprise.deleted_at is not None:
        raise OrganisingError("organising.not_found")
    if on > (today or today_local()):
        raise OrganisingError("organising.future_date")
    enterprise = versioning.claim(session, Enterprise, enterprise_id, expected_version)
    officer = officer.strip() if officer is not None else enterprise.officer
    if stage == enterprise.stage and (officer or None) == enterprise.officer:
        return enterprise
    before = audit.snapshot(enterprise)
    if stage != enterprise.stage:
        enterprise.stage = stage
        enterprise.stage_since = on
    enterprise.officer = officer or None
    versioning.save(session, enterprise, username=actor.username, before=before)
    return enterprise
