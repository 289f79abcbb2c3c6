"""The plan's other duties (parts III and IV): activities, the organising network, the Party.

Writes: activities (briefings, the annual review, training, outreach, surveys), the people of the
organising network, Party introductions and Party cells, and who is assigned to a prospect. Each
write checks the acting user's role (a viewer changes nothing), runs in the caller's session (one
transaction), refuses a stale edit by its `version`, is audited and bumps the data version. Nothing
is deleted: `deleted_at` hides a record.

Figures: counts of each duty per quarter, whether a quarter's briefing was held, the committee
members who did nothing in a quarter, and the duty targets for `progress --json` (`other_targets`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from sqlalchemy import and_, extract, false, func, or_, update
from sqlmodel import Session, SQLModel, select

from core import audit
from core.auth import Actor, require
from core.db import bump_data_version
from core.errors import CatalogueError
from core.formatting import today_local
from core.metrics import enterprise_filter, prospect_conditions, share_elapsed
from core.models import (
    NON_STATE_OWNERSHIPS,
    Activity,
    ActivityKind,
    ActivityPerson,
    Enterprise,
    GrassrootsUnion,
    Member,
    NetworkBody,
    NetworkPerson,
    OrgUnit,
    OutreachChannel,
    PartyCell,
    PartyIntroduction,
    Role,
    TargetKey,
    utcnow,
)
from core.plans import DUTY_TARGETS, get_plan, targets_for
from core.quarters import QUARTERS, quarter_end, quarter_of, quarter_start
from core.units import EVERYTHING, Scope


class DutyError(CatalogueError, ValueError):
    """A write refused; `key` names the catalogue message, `values` fill it."""


class StaleRecord(DutyError):
    """Someone saved the record after it was opened: the second save is refused."""


# ---------------------------------------------------------------- input


@dataclass
class ActivityIn:
    """What a form, a file or a script gives for one activity; checked by `_check_activity`."""

    kind: str
    held_on: dt.date
    unit_id: int
    title: str
    channel: str | None = None  # outreach only
    participants: int | None = None  # trainees, reach, people present
    enterprise_id: int | None = None  # the enterprise surveyed
    chair: str | None = None  # briefing, annual review
    decisions: str | None = None  # briefing, annual review
    unit_ids: list[int] = field(default_factory=list)  # units present / units trained
    person_ids: list[int] = field(default_factory=list)  # network people who took part
    notes: str | None = None


@dataclass
class PersonIn:
    full_name: str
    body: str
    since: dt.date
    position: str | None = None
    represents: str | None = None
    group_name: str | None = None
    unit_id: int | None = None
    phone: str | None = None
    until: dt.date | None = None
    notes: str | None = None


@dataclass
class PartyIntroductionIn:
    introduced_on: dt.date
    unit_id: int
    full_name: str = ""  # taken from the member when empty
    member_id: int | None = None
    union_id: int | None = None
    admitted_on: dt.date | None = None
    notes: str | None = None


@dataclass
class PartyCellIn:
    name: str
    enterprise_id: int
    founded_on: dt.date
    unit_id: int | None = None  # the enterprise's unit when empty
    decision_no: str | None = None
    notes: str | None = None


MAX_TEXT = {"title": 300, "full_name": 200, "name": 300, "chair": 200}


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _required_text(value: str | None, name: str) -> str:
    text = _clean(value)
    if not text:
        raise DutyError(f"duty.{name}_required")
    if len(text) > MAX_TEXT.get(name, 200):
        raise DutyError("duty.text_too_long", n=MAX_TEXT.get(name, 200))
    return text


def _check_date(on: dt.date) -> None:
    if on > today_local():
        raise DutyError("duty.date_in_future")


def _check_unit(session: Session, unit_id: int | None) -> None:
    unit = session.get(OrgUnit, unit_id) if unit_id is not None else None
    if unit is None or unit.deleted_at is not None:
        raise DutyError("duty.unit_required")


def _check_units(session: Session, unit_ids: list[int]) -> list[int]:
    ids = sorted(set(unit_ids))
    if ids:
        found = session.exec(
            select(func.count())
            .select_from(OrgUnit)
            .where(OrgUnit.id.in_(ids), OrgUnit.deleted_at.is_(None))
        ).one()
        if found != len(ids):
            raise DutyError("duty.unit_required")
    return ids


def _check_people(session: Session, person_ids: list[int]) -> list[int]:
    ids = sorted(set(person_ids))
    if ids:
        found = session.exec(
            select(func.count())
            .select_from(NetworkPerson)
            .where(NetworkPerson.id.in_(ids), NetworkPerson.deleted_at.is_(None))
        ).one()
        if found != len(ids):
            raise DutyError("duty.person_missing")
    return ids


def _check_activity(session: Session, data: ActivityIn) -> dict:
    """The activity's column values, or DutyError naming what is wrong."""
    if data.kind not in {k.value for k in ActivityKind}:
        raise DutyError("duty.bad_kind", kind=data.kind)
    title = _required_text(data.title, "title")
    _check_date(data.held_on)
    _check_unit(session, data.unit_id)
    channel = data.channel or None
    if data.kind == ActivityKind.outreach:
        if channel not in {c.value for c in OutreachChannel}:
            raise DutyError("duty.channel_required")
    elif channel is not None:
        raise DutyError("duty.channel_only_outreach")
    if data.participants is not None and data.participants < 0:
        raise DutyError("duty.participants_negative")
    if data.enterprise_id is not None:
        enterprise = session.get(Enterprise, data.enterprise_id)
        if enterprise is None or enterprise.deleted_at is not None:
            raise DutyError("duty.enterprise_missing")
    details: dict = {}
    if chair := _clean(data.chair):
        details["chair"] = chair
    if decisions := (data.decisions or "").strip():
        details["decisions"] = decisions
    if unit_ids := _check_units(session, data.unit_ids):
        details["unit_ids"] = unit_ids
    return {
        "kind": ActivityKind(data.kind).value,
        "held_on": data.held_on,
        "unit_id": data.unit_id,
        "title": title,
        "channel": channel,
        "participants": data.participants,
        "enterprise_id": data.enterprise_id,
        "details": details,
        "notes": (data.notes or "").strip() or None,
    }


# ---------------------------------------------------------------- writing


def _claim(session: Session, model: type[SQLModel], record_id: int, expected_version: int):
    """The live record, its version moved on by one; StaleRecord if it changed since it was read."""
    record = session.get(model, record_id)
    if record is None or record.deleted_at is not None:
        raise DutyError("duty.record_missing")
    claimed = session.exec(
        update(model)
        .where(model.id == record_id, model.version == expected_version)
        .values(version=expected_version + 1)
    )
    if claimed.rowcount != 1:
        raise StaleRecord("duty.stale")
    session.refresh(record)
    return record


def _saved(session: Session, actor: Actor, record: SQLModel, action: str, before=None, extra=None):
    session.add(record)
    session.flush()
    after = None if action == "delete" else {**audit.snapshot(record), **(extra or {})}
    audit.record_change(
        session, username=actor.username, action=action, record=record, before=before, after=after
    )
    bump_data_version(session)
    return record


def _person_ids_of(session: Session, activity_id: int) -> list[int]:
    return sorted(
        session.exec(
            select(ActivityPerson.person_id).where(
                ActivityPerson.activity_id == activity_id, ActivityPerson.deleted_at.is_(None)
            )
        ).all()
    )


def _set_people(session: Session, activity_id: int, person_ids: list[int]) -> None:
    """Make the activity's live links exactly `person_ids`; a dropped link is hidden, not deleted."""
    wanted = set(person_ids)
    links = session.exec(
        select(ActivityPerson).where(ActivityPerson.activity_id == activity_id)
    ).all()
    now = utcnow()
    for link in links:
        if link.person_id in wanted:
            link.deleted_at = None
            wanted.discard(link.person_id)
        elif link.deleted_at is None:
            link.deleted_at = now
        session.add(link)
    for person_id in sorted(wanted):
        session.add(ActivityPerson(activity_id=activity_id, person_id=person_id))
    session.flush()


def record_activity(*, session: Session, data: ActivityIn, actor: Actor) -> Activity:
    require(actor, Role.staff)
    values = _check_activity(session, data)
    people = _check_people(session, data.person_ids)
    activity = Activity(**values, created_by=actor.username)
    session.add(activity)
    session.flush()
    _set_people(session, activity.id, people)
    return _saved(session, actor, activity, "insert", extra={"person_ids": people})


def update_activity(
    *, session: Session, activity_id: int, data: ActivityIn, expected_version: int, actor: Actor
) -> Activity:
    require(actor, Role.staff)
    values = _check_activity(session, data)
    people = _check_people(session, data.person_ids)
    activity = _claim(session, Activity, activity_id, expected_version)
    before = {**audit.snapshot(activity), "person_ids": _person_ids_of(session, activity_id)}
    before["version"] = expected_version
    for name, value in values.items():
        setattr(activity, name, value)
    activity.updated_at = utcnow()
    _set_people(session, activity_id, people)
    return _saved(session, actor, activity, "update", before, extra={"person_ids": people})


def _soft_delete(session: Session, actor: Actor, record, expected_version: int):
    before = audit.snapshot(record)
    before["version"] = expected_version
    record.deleted_at = utcnow()
    record.updated_at = record.deleted_at
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


def _check_person(session: Session, data: PersonIn, person_id: int | None = None) -> dict:
    if data.body not in {b.value for b in NetworkBody}:
        raise DutyError("duty.bad_body", body=data.body)
    name = _required_text(data.full_name, "full_name")
    if data.until is not None and data.until < data.since:
        raise DutyError("duty.until_before_since")
    if data.unit_id is not None:
        _check_unit(session, data.unit_id)
    if data.body == NetworkBody.unit_officer:
        if data.unit_id is None:
            raise DutyError("duty.officer_needs_unit")
        if data.until is None:
            current = session.exec(
                select(NetworkPerson).where(
                    NetworkPerson.body == NetworkBody.unit_officer,
                    NetworkPerson.unit_id == data.unit_id,
                    NetworkPerson.until.is_(None),
                    NetworkPerson.deleted_at.is_(None),
                    NetworkPerson.id != (person_id or -1),
                )
            ).first()
            if current is not None:
                raise DutyError("duty.unit_has_officer", name=current.full_name)
    return {
        "full_name": name,
        "body": NetworkBody(data.body).value,
        "since": data.since,
        "until": data.until,
        "position": _clean(data.position),
        "represents": _clean(data.represents),
        "group_name": _clean(data.group_name),
        "unit_id": data.unit_id,
        "phone": _clean(data.phone),
        "notes": (data.notes or "").strip() or None,
    }


def add_person(*, session: Session, data: PersonIn, actor: Actor) -> NetworkPerson:
    require(actor, Role.staff)
    person = NetworkPerson(**_check_person(session, data))
    return _saved(session, actor, person, "insert")


def update_person(
    *, session: Session, person_id: int, data: PersonIn, expected_version: int, actor: Actor
) -> NetworkPerson:
    require(actor, Role.staff)
    values = _check_person(session, data, person_id)
    person = _claim(session, NetworkPerson, person_id, expected_version)
    before = {**audit.snapshot(person), "version": expected_version}
    for name, value in values.items():
        setattr(person, name, value)
    person.updated_at = utcnow()
    return _saved(session, actor, person, "update", before)


def replace_person(
    *, session: Session, person_id: int, successor: PersonIn, expected_version: int, actor: Actor
) -> NetworkPerson:
    """End a seat the day before the successor takes it (the plan: replace members who do nothing)."""
    require(actor, Role.staff)
    person = _claim(session, NetworkPerson, person_id, expected_version)
    if successor.since <= person.since:
        raise DutyError("duty.successor_too_early")
    before = {**audit.snapshot(person), "version": expected_version}
    person.until = successor.since - dt.timedelta(days=1)
    person.updated_at = utcnow()
    _saved(session, actor, person, "update", before)
    return add_person(session=session, data=successor, actor=actor)


def _check_introduction(session: Session, data: PartyIntroductionIn) -> dict:
    _check_date(data.introduced_on)
    _check_unit(session, data.unit_id)
    name = data.full_name
    if data.member_id is not None:
        member = session.get(Member, data.member_id)
        if member is None or member.deleted_at is not None:
            raise DutyError("duty.member_missing")
        name = name or member.full_name
    name = _required_text(name, "full_name")
    if data.union_id is not None and session.get(GrassrootsUnion, data.union_id) is None:
        raise DutyError("duty.union_missing")
    if data.admitted_on is not None:
        _check_date(data.admitted_on)
        if data.admitted_on < data.introduced_on:
            raise DutyError("duty.admitted_before_introduced")
    return {
        "full_name": name,
        "member_id": data.member_id,
        "union_id": data.union_id,
        "unit_id": data.unit_id,
        "introduced_on": data.introduced_on,
        "admitted_on": data.admitted_on,
        "notes": (data.notes or "").strip() or None,
    }


def record_party_introduction(
    *, session: Session, data: PartyIntroductionIn, actor: Actor
) -> PartyIntroduction:
    require(actor, Role.staff)
    record = PartyIntroduction(**_check_introduction(session, data))
    return _saved(session, actor, record, "insert")


def update_party_introduction(
    *,
    session: Session,
    record_id: int,
    data: PartyIntroductionIn,
    expected_version: int,
    actor: Actor,
) -> PartyIntroduction:
    require(actor, Role.staff)
    values = _check_introduction(session, data)
    record = _claim(session, PartyIntroduction, record_id, expected_version)
    before = {**audit.snapshot(record), "version": expected_version}
    for name, value in values.items():
        setattr(record, name, value)
    record.updated_at = utcnow()
    return _saved(session, actor, record, "update", before)


def _check_cell(session: Session, data: PartyCellIn) -> dict:
    name = _required_text(data.name, "name")
    _check_date(data.founded_on)
    enterprise = session.get(Enterprise, data.enterprise_id)
    if enterprise is None or enterprise.deleted_at is not None:
        raise DutyError("duty.enterprise_missing")
    if enterprise.ownership not in {o.value for o in NON_STATE_OWNERSHIPS}:
        raise DutyError("duty.cell_needs_non_state")
    unit_id = data.unit_id if data.unit_id is not None else enterprise.unit_id
    _check_unit(session, unit_id)
    return {
        "name": name,
        "enterprise_id": enterprise.id,
        "unit_id": unit_id,
        "founded_on": data.founded_on,
        "decision_no": _clean(data.decision_no),
        "notes": (data.notes or "").strip() or None,
    }


def record_party_cell(*, session: Session, data: PartyCellIn, actor: Actor) -> PartyCell:
    require(actor, Role.staff)
    record = PartyCell(**_check_cell(session, data))
    return _saved(session, actor, record, "insert")


def update_party_cell(
    *, session: Session, record_id: int, data: PartyCellIn, expected_version: int, actor: Actor
) -> PartyCell:
    require(actor, Role.staff)
    values = _check_cell(session, data)
    record = _claim(session, PartyCell, record_id, expected_version)
    before = {**audit.snapshot(record), "version": expected_version}
    for name, value in values.items():
        setattr(record, name, value)
    record.updated_at = utcnow()
    return _saved(session, actor, record, "update", before)


DELETABLE = {
    "activity": Activity,
    "network_person": NetworkPerson,
    "party_introduction": PartyIntroduction,
    "party_cell": PartyCell,
}


def delete_record(
    *, session: Session, table: str, record_id: int, expected_version: int, actor: Actor
):
    """Hide one duty record (activity, network person, Party introduction or cell)."""
    require(actor, Role.staff)
    record = _claim(session, DELETABLE[table], record_id, expected_version)
    return _soft_delete(session, actor, record, expected_version)


def assign_officer(
    *,
    session: Session,
    enterprise_id: int,
    officer: str | None,
    expected_version: int,
    actor: Actor,
) -> Enterprise:
    """Who works on an enterprise (a prospect): the only field of the enterprise this changes."""
    require(actor, Role.staff)
    name = _clean(officer)
    if name and len(name) > MAX_TEXT["full_name"]:
        raise DutyError("duty.text_too_long", n=MAX_TEXT["full_name"])
    enterprise = _claim(session, Enterprise, enterprise_id, expected_version)
    before = {**audit.snapshot(enterprise), "version": expected_version}
    enterprise.officer = name
    enterprise.updated_at = utcnow()
    return _saved(session, actor, enterprise, "update", before)


# ---------------------------------------------------------------- reading


def _unit_condition(column, scope: Scope):
    """Duty records belong to units; a union's scope has none of a unit's activities."""
    if scope.union_id is not None:
        return false()
    if scope.unit_ids is not None:
        return column.in_(sorted(scope.unit_ids))
    return None


def _where_scope(query, condition):
    return query.where(condition) if condition is not None else query


def activities(
    session: Session,
    *,
    start: dt.date,
    end: dt.date,
    kind: str | None = None,
    scope: Scope = EVERYTHING,
    limit: int = 200,
    offset: int = 0,
) -> list[Activity]:
    """Live activities dated from `start` to `end` (inclusive), newest first."""
    query = select(Activity).where(
        Activity.deleted_at.is_(None), Activity.held_on >= start, Activity.held_on <= end
    )
    if kind:
        query = query.where(Activity.kind == kind)
    query = _where_scope(query, _unit_condition(Activity.unit_id, scope))
    query = query.order_by(Activity.held_on.desc(), Activity.id.desc()).offset(offset).limit(limit)
    return list(session.exec(query).all())


def activity_people(session: Session, activity_ids: list[int]) -> dict[int, list[int]]:
    """The network people of each activity, in one query."""
    people: dict[int, list[int]] = {activity_id: [] for activity_id in activity_ids}
    if activity_ids:
        rows = session.exec(
            select(ActivityPerson.activity_id, ActivityPerson.person_id)
            .where(
                ActivityPerson.activity_id.in_(sorted(activity_ids)),
                ActivityPerson.deleted_at.is_(None),
            )
            .order_by(ActivityPerson.activity_id, ActivityPerson.person_id)
        ).all()
        for activity_id, person_id in rows:
            people[activity_id].append(person_id)
    return people


def unit_names(session: Session) -> dict[int, str]:
    """Every unit's name, old structure included: a record keeps the unit it was made in."""
    return dict(session.exec(select(OrgUnit.id, OrgUnit.name)).all())


def find_enterprise(session: Session, tax_code: str) -> Enterprise | None:
    """A live enterprise by its tax code, written as the importer reads one (spaces, dashes and a
    lost leading zero forgiven; '0201234567-001' for a branch)."""
    from core.importing.values import Invalid, parse_tax_code

    try:
        code = parse_tax_code(tax_code)
    except Invalid:
        return None
    if code is None:
        return None
    return session.exec(
        select(Enterprise).where(Enterprise.tax_code == code, Enterprise.deleted_at.is_(None))
    ).first()


def enterprise_labels(session: Session, enterprise_ids: list[int]) -> dict[int, str]:
    """'0201234567 · Công ty X' for each enterprise id."""
    if not enterprise_ids:
        return {}
    rows = session.exec(
        select(Enterprise.id, Enterprise.tax_code, Enterprise.name).where(
            Enterprise.id.in_(sorted(set(enterprise_ids)))
        )
    ).all()
    return {id_: " · ".join(part for part in (code, name) if part) for id_, code, name in rows}


def network(
    session: Session, *, body: str | None = None, on: dt.date | None = None
) -> list[NetworkPerson]:
    """The network's live people, by body then name; with `on`, only those seated that day."""
    query = select(NetworkPerson).where(NetworkPerson.deleted_at.is_(None))
    if body:
        query = query.where(NetworkPerson.body == body)
    if on is not None:
        query = query.where(_seated(on, on))
    return list(session.exec(query.order_by(NetworkPerson.body, NetworkPerson.full_name)).all())


def _seated(start: dt.date, end: dt.date):
    """A network seat held at some time from `start` to `end`."""
    return and_(
        NetworkPerson.since <= end,
        or_(NetworkPerson.until.is_(None), NetworkPerson.until >= start),
    )


def party_introductions(
    session: Session, *, start: dt.date, end: dt.date, scope: Scope = EVERYTHING
) -> list[PartyIntroduction]:
    query = select(PartyIntroduction).where(
        PartyIntroduction.deleted_at.is_(None),
        PartyIntroduction.introduced_on >= start,
        PartyIntroduction.introduced_on <= end,
    )
    query = _where_scope(query, _introduction_condition(scope))
    return list(session.exec(query.order_by(PartyIntroduction.introduced_on.desc())).all())


def party_cells(
    session: Session, *, start: dt.date, end: dt.date, scope: Scope = EVERYTHING
) -> list[PartyCell]:
    query = select(PartyCell).where(
        PartyCell.deleted_at.is_(None), PartyCell.founded_on >= start, PartyCell.founded_on <= end
    )
    query = _where_scope(query, _cell_condition(scope))
    return list(session.exec(query.order_by(PartyCell.founded_on.desc())).all())


def _introduction_condition(scope: Scope):
    if scope.union_id is not None:
        return PartyIntroduction.union_id == scope.union_id
    return _unit_condition(PartyIntroduction.unit_id, scope)


def _cell_condition(scope: Scope):
    if scope.union_id is not None:
        return PartyCell.enterprise_id.in_(
            select(GrassrootsUnion.enterprise_id).where(GrassrootsUnion.id == scope.union_id)
        )
    return _unit_condition(PartyCell.unit_id, scope)


# ---------------------------------------------------------------- figures


@dataclass
class DutyCounts:
    """What was done in one period."""

    briefings: int = 0
    annual_reviews: int = 0
    trainings: int = 0
    trainees: int = 0
    outreach_events: int = 0
    outreach_reach: int = 0
    surveys: int = 0
    party_introductions: int = 0
    party_cells: int = 0

    def __add__(self, other: DutyCounts) -> DutyCounts:
        return DutyCounts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )


COUNT_OF_KIND = {
    ActivityKind.briefing: "briefings",
    ActivityKind.annual_review: "annual_reviews",
    ActivityKind.training: "trainings",
    ActivityKind.outreach: "outreach_events",
    ActivityKind.survey: "surveys",
}
PEOPLE_OF_KIND = {ActivityKind.training: "trainees", ActivityKind.outreach: "outreach_reach"}


def _year_end(year: int, as_of: dt.date | None) -> dt.date:
    return min(as_of or today_local(), dt.date(year, 12, 31))


def quarterly_counts(
    session: Session, *, year: int, scope: Scope = EVERYTHING, as_of: dt.date | None = None
) -> dict[int, DutyCounts]:
    """Each quarter's duties (1 to 4), counted up to `as_of` (default today, capped at year end).

    Three grouped queries (activities, introductions, cells) by month; months fold into quarters.
    """
    start, end = dt.date(year, 1, 1), _year_end(year, as_of)
    counts = {quarter: DutyCounts() for quarter in QUARTERS}
    if end < start:
        return counts

    month = extract("month", Activity.held_on)
    query = select(
        month, Activity.kind, func.count(), func.coalesce(func.sum(Activity.participants), 0)
    ).where(Activity.deleted_at.is_(None), Activity.held_on >= start, Activity.held_on <= end)
    query = _where_scope(query, _unit_condition(Activity.unit_id, scope))
    for month_no, kind, count, people in session.exec(query.group_by(month, Activity.kind)).all():
        row = counts[quarter_of(dt.date(year, int(month_no), 1))]
        name = COUNT_OF_KIND[ActivityKind(kind)]
        setattr(row, name, getattr(row, name) + int(count))
        if kind in PEOPLE_OF_KIND:
            name = PEOPLE_OF_KIND[ActivityKind(kind)]
            setattr(row, name, getattr(row, name) + int(people))

    for model, date_column, condition, name in (
        (
            PartyIntroduction,
            PartyIntroduction.introduced_on,
            _introduction_condition(scope),
            "party_introductions",
        ),
        (PartyCell, PartyCell.founded_on, _cell_condition(scope), "party_cells"),
    ):
        month = extract("month", date_column)
        query = select(month, func.count()).where(
            model.deleted_at.is_(None), date_column >= start, date_column <= end
        )
        query = _where_scope(query, condition)
        for month_no, count in session.exec(query.group_by(month)).all():
            row = counts[quarter_of(dt.date(year, int(month_no), 1))]
            setattr(row, name, getattr(row, name) + int(count))
    return counts


def year_counts(
    session: Session, *, year: int, scope: Scope = EVERYTHING, as_of: dt.date | None = None
) -> DutyCounts:
    total = DutyCounts()
    for row in quarterly_counts(session, year=year, scope=scope, as_of=as_of).values():
        total = total + row
    return total


@dataclass
class BriefingStatus:
    year: int
    quarter: int
    start: dt.date
    end: dt.date
    held_on: list[dt.date]  # every briefing of the quarter, first first

    @property
    def held(self) -> bool:
        return bool(self.held_on)

    def overdue(self, today: dt.date) -> bool:
        """The quarter is over and no briefing was held in it."""
        return not self.held and today > self.end


def briefing_status(
    session: Session, *, year: int, quarter: int, scope: Scope = EVERYTHING
) -> BriefingStatus:
    """Was this quarter's briefing (giao ban) held? The plan asks for one a quarter."""
    start, end = quarter_start(year, quarter), quarter_end(year, quarter)
    query = select(Activity.held_on).where(
        Activity.deleted_at.is_(None),
        Activity.kind == ActivityKind.briefing,
        Activity.held_on >= start,
        Activity.held_on <= end,
    )
    query = _where_scope(query, _unit_condition(Activity.unit_id, scope))
    dates = list(session.exec(query.order_by(Activity.held_on)).all())
    return BriefingStatus(year=year, quarter=quarter, start=start, end=end, held_on=dates)


def idle_committee_members(
    session: Session, *, year: int, quarter: int, scope: Scope = EVERYTHING
) -> list[NetworkPerson]:
    """Steering committee members seated in the quarter who took part in no activity in it.

    The plan (III.1) asks to review them and replace those who do not play their part.
    """
    start, end = quarter_start(year, quarter), quarter_end(year, quarter)
    took_part = (
        select(ActivityPerson.person_id)
        .join(Activity, Activity.id == ActivityPerson.activity_id)
        .where(
            ActivityPerson.deleted_at.is_(None),
            Activity.deleted_at.is_(None),
            Activity.held_on >= start,
            Activity.held_on <= end,
        )
    )
    query = select(NetworkPerson).where(
        NetworkPerson.deleted_at.is_(None),
        NetworkPerson.body == NetworkBody.steering_committee,
        _seated(start, end),
        NetworkPerson.id.not_in(took_part),
    )
    query = _where_scope(query, _unit_condition(NetworkPerson.unit_id, scope))
    return list(session.exec(query.order_by(NetworkPerson.full_name)).all())


def quarters_ended(year: int, on: dt.date) -> int:
    """How many quarters of `year` have ended by the end of `on`."""
    return sum(1 for quarter in QUARTERS if quarter_end(year, quarter) <= on)


def duty_actuals(counts: dict[int, DutyCounts]) -> dict[str, int]:
    """The year's actual for each duty target, from its quarterly counts.

    Briefings held counts quarters with a briefing: two in one quarter do not make up for none in
    another.
    """
    total = DutyCounts()
    for row in counts.values():
        total = total + row
    return {
        TargetKey.party_introductions.value: total.party_introductions,
        TargetKey.party_cells.value: total.party_cells,
        TargetKey.briefings_held.value: sum(1 for row in counts.values() if row.briefings),
        TargetKey.trainings_held.value: total.trainings,
    }


def expected_duties(
    targets: dict[str, float | None], year: int, on: dt.date
) -> dict[str, float | None]:
    """An even pace by `on`: a quarter's briefing is due by its last day, the rest over the year."""
    year_share = share_elapsed(dt.date(year, 1, 1), dt.date(year, 12, 31), on)
    expected: dict[str, float | None] = {}
    for key in DUTY_TARGETS:
        value = targets.get(key)
        if value is None:
            expected[key.value] = None
        elif key == TargetKey.briefings_held:
            expected[key.value] = round(value * quarters_ended(year, on) / len(QUARTERS), 1)
        else:
            expected[key.value] = round(value * year_share, 1)
    return expected


def other_targets(
    session: Session, *, year: int, scope: Scope = EVERYTHING, as_of: dt.date | None = None
) -> dict[str, dict[str, float | int | None]]:
    """`progress --json`'s `other_targets`: for each duty target its actual, target and pace.

    A unit's targets are its allocated share (None without one), as for the headline targets.
    """
    plan = get_plan(session, year)
    end = _year_end(year, as_of)
    targets = targets_for(session, plan, scope.unit_id) if plan else {}
    actual = duty_actuals(quarterly_counts(session, year=year, scope=scope, as_of=end))
    expected = expected_duties(targets, year, end)
    return {
        key.value: {
            "actual": actual[key.value],
            "target": targets.get(key.value),
            "expected_by_today": expected[key.value],
        }
        for key in DUTY_TARGETS
    }


# ---------------------------------------------------------------- prospects and their officers


def prospects_by_officer(
    session: Session, *, scope: Scope = EVERYTHING, on: dt.date
) -> list[tuple[str | None, int]]:
    """How many prospects each officer works on (None: nobody assigned), most first."""
    query = (
        select(Enterprise.officer, func.count())
        .where(*prospect_conditions(on))
        .group_by(Enterprise.officer)
    )
    query = _where_scope(query, enterprise_filter(scope))
    rows = [(officer, int(count)) for officer, count in session.exec(query).all()]
    return sorted(rows, key=lambda row: (row[0] is None, -row[1], row[0] or ""))


def prospects_of_officer(
    session: Session,
    *,
    officer: str | None,
    scope: Scope = EVERYTHING,
    on: dt.date,
    limit: int = 200,
) -> list[Enterprise]:
    """The prospects one officer works on (or nobody, for None), largest first."""
    who = Enterprise.officer.is_(None) if officer is None else Enterprise.officer == officer
    query = select(Enterprise).where(*prospect_conditions(on), who)
    query = _where_scope(query, enterprise_filter(scope))
    query = query.order_by(Enterprise.worker_count.desc(), Enterprise.name).limit(limit)
    return list(session.exec(query).all())


# ---------------------------------------------------------------- the briefing display and the report


@dataclass
class DutySlide:
    """What the display's duties slide shows for one quarter."""

    year: int
    quarter: int
    as_of: dt.date
    briefing: BriefingStatus
    targets: dict[str, dict[str, float | int | None]]
    idle_members: list[str]
    quarter_counts: DutyCounts

    @property
    def behind(self) -> list[str]:
        """The duty targets behind their pace, in the order of DUTY_TARGETS."""
        return [
            key
            for key, row in self.targets.items()
            if (expected := row["expected_by_today"]) is not None
            and (row["actual"] or 0) < expected
        ]


def slide_figures(
    session: Session,
    *,
    year: int,
    quarter: int | None = None,
    as_of: dt.date | None = None,
    scope: Scope = EVERYTHING,
) -> DutySlide:
    """The duties slide of a quarter (default: the quarter `as_of` falls in)."""
    end = _year_end(year, as_of)
    if end < dt.date(year, 1, 1):
        end = dt.date(year, 1, 1)
    quarter = quarter or quarter_of(end)
    end = min(end, quarter_end(year, quarter))
    return DutySlide(
        year=year,
        quarter=quarter,
        as_of=end,
        briefing=briefing_status(session, year=year, quarter=quarter, scope=scope),
        targets=other_targets(session, year=year, scope=scope, as_of=end),
        idle_members=[
            p.full_name
            for p in idle_committee_members(session, year=year, quarter=quarter, scope=scope)
        ],
        quarter_counts=quarterly_counts(session, year=year, scope=scope, as_of=end)[quarter],
    )


@dataclass
class ReportRow:
    """One duty in the report: each quarter, the year, and its target where it has one."""

    key: str  # catalogue key of the duty's name
    quarters: list[int]
    year: int
    target: float | None = None
    expected: float | None = None


REPORT_COUNTS = (
    ("count.briefings", "briefings", TargetKey.briefings_held),
    ("count.annual_reviews", "annual_reviews", None),
    ("count.trainings", "trainings", TargetKey.trainings_held),
    ("count.trainees", "trainees", None),
    ("count.outreach_events", "outreach_events", None),
    ("count.outreach_reach", "outreach_reach", None),
    ("count.surveys", "surveys", None),
    ("count.party_introductions", "party_introductions", TargetKey.party_introductions),
    ("count.party_cells", "party_cells", TargetKey.party_cells),
)


def report_rows(
    session: Session, *, year: int, as_of: dt.date | None = None, scope: Scope = EVERYTHING
) -> list[ReportRow]:
    """A row per duty for the report workbook, counted up to `as_of`.

    The briefings row's year figure is the quarters with a briefing, as its target counts them.
    """
    end = _year_end(year, as_of)
    counts = quarterly_counts(session, year=year, scope=scope, as_of=end)
    targets = other_targets(session, year=year, scope=scope, as_of=end)
    actual = duty_actuals(counts)
    rows = []
    for label, name, key in REPORT_COUNTS:
        per_quarter = [getattr(counts[q], name) for q in QUARTERS]
        target = targets[key.value] if key is not None else None
        rows.append(
            ReportRow(
                key=label,
                quarters=per_quarter,
                year=actual[key.value] if key is not None else sum(per_quarter),
                target=target["target"] if target else None,
                expected=target["expected_by_today"] if target else None,
            )
        )
    return rows
