"""The duties' figures: counts of each duty per quarter, whether a quarter's briefing was held, the
committee members who did nothing in a quarter, the duty targets for `progress --json`
(`other_targets`), and a row per duty for the report workbook."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import extract, func
from sqlmodel import Session, select

from core.duties.common import unit_condition, where_scope
from core.duties.network import seated
from core.duties.party import cell_condition, introduction_condition
from core.formatting import today_local
from core.models import (
    Activity,
    ActivityKind,
    ActivityPerson,
    NetworkBody,
    NetworkPerson,
    PartyCell,
    PartyIntroduction,
    TargetKey,
)
from core.pace import expected_in_year
from core.plans import DUTY_TARGETS, get_plan, targets_for
from core.quarters import QUARTERS, quarter_end, quarter_of, quarter_start
from core.units import EVERYTHING, Scope


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


def year_end(year: int, as_of: dt.date | None) -> dt.date:
    return min(as_of or today_local(), dt.date(year, 12, 31))


def quarterly_counts(
    session: Session, *, year: int, scope: Scope = EVERYTHING, as_of: dt.date | None = None
) -> dict[int, DutyCounts]:
    """Each quarter's duties (1 to 4), counted up to `as_of` (default today, capped at year end).

    Three grouped queries (activities, introductions, cells) by month; months fold into quarters.
    """
    start, end = dt.date(year, 1, 1), year_end(year, as_of)
    counts = {quarter: DutyCounts() for quarter in QUARTERS}
    if end < start:
        return counts

    month = extract("month", Activity.held_on)
    query = select(
        month, Activity.kind, func.count(), func.coalesce(func.sum(Activity.participants), 0)
    ).where(Activity.deleted_at.is_(None), Activity.held_on >= start, Activity.held_on <= end)
    query = where_scope(query, unit_condition(Activity.unit_id, scope))
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
            introduction_condition(scope),
            "party_introductions",
        ),
        (PartyCell, PartyCell.founded_on, cell_condition(scope), "party_cells"),
    ):
        month = extract("month", date_column)
        query = select(month, func.count()).where(
            model.deleted_at.is_(None), date_column >= start, date_column <= end
        )
        query = where_scope(query, condition)
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
    query = where_scope(query, unit_condition(Activity.unit_id, scope))
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
        seated(start, end),
        NetworkPerson.id.not_in(took_part),
    )
    query = where_scope(query, unit_condition(NetworkPerson.unit_id, scope))
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
    expected: dict[str, float | None] = {}
    for key in DUTY_TARGETS:
        value = targets.get(key)
        if value is None:
            expected[key.value] = None
        elif key == TargetKey.briefings_held:
            expected[key.value] = round(value * quarters_ended(year, on) / len(QUARTERS), 1)
        else:
            expected[key.value] = expected_in_year(value, year, on)
    return expected


def other_targets(
    session: Session, *, year: int, scope: Scope = EVERYTHING, as_of: dt.date | None = None
) -> dict[str, dict[str, float | int | None]]:
    """`progress --json`'s `other_targets`: for each duty target its actual, target and pace.

    A unit's targets are its allocated share (None without one), as for the headline targets.
    """
    plan = get_plan(session, year)
    end = year_end(year, as_of)
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
    end = year_end(year, as_of)
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
