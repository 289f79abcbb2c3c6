"""The plan's other duties (core/duties/): what counts in which quarter, briefings held, idle
committee members, `other_targets`, and the rules every write follows."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from core import db, duties, plans, versioning
from core.access import PermissionDenied
from core.duties import ActivityIn, PartyCellIn, PartyIntroductionIn, PersonIn
from core.models import (
    Activity,
    ActivityPerson,
    AuditLog,
    NetworkPerson,
    Ownership,
    TargetKey,
    UnitKind,
)
from core.units import EVERYTHING, scope_for_union, scope_for_unit
from tests import factories as f
from tests.factories import STAFF, VIEWER

D = dt.date


@pytest.fixture
def plan(session):
    return f.create_plan(session)


@pytest.fixture
def units(session):
    federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
    east = f.create_unit(session, "Xã Đông", parent=federation)
    west = f.create_unit(session, "Xã Tây", parent=federation)
    return federation, east, west


def activity(session, kind, on, unit, **extra) -> Activity:
    values = {"title": f"{kind} {on}", "channel": "press" if kind == "outreach" else None}
    values.update(extra)
    return duties.record_activity(
        session=session,
        data=ActivityIn(kind=kind, held_on=on, unit_id=unit.id, **values),
        actor=STAFF,
    )


def person(session, name, body="steering_committee", since=D(2024, 1, 1), **extra):
    return duties.add_person(
        session=session, data=PersonIn(full_name=name, body=body, since=since, **extra), actor=STAFF
    )


def introduce(session, unit, on, **extra):
    return duties.record_party_introduction(
        session=session,
        data=PartyIntroductionIn(
            introduced_on=on, unit_id=unit.id, full_name="Vũ Thị Hoa", **extra
        ),
        actor=STAFF,
    )


def found_cell(session, unit, on, **enterprise):
    company = f.create_enterprise(session, unit_id=unit.id, **enterprise)
    return duties.record_party_cell(
        session=session,
        data=PartyCellIn(name=f"Chi bộ {company.name}", enterprise_id=company.id, founded_on=on),
        actor=STAFF,
    )


# ---------------------------------------------------------------- what counts in which quarter


def test_an_activity_on_a_quarters_first_and_last_day_counts_in_that_quarter(session, units):
    _, east, _ = units
    activity(session, "briefing", D(2025, 1, 1), east)
    activity(session, "briefing", D(2025, 3, 31), east)
    activity(session, "training", D(2025, 4, 1), east, participants=40)
    activity(session, "training", D(2025, 6, 30), east, participants=25)
    activity(session, "outreach", D(2025, 9, 30), east, participants=1200)
    activity(session, "survey", D(2025, 10, 1), east)
    activity(session, "annual_review", D(2025, 12, 31), east)
    # Outside the year.
    activity(session, "briefing", D(2024, 12, 31), east)

    counts = duties.quarterly_counts(session, year=2025, as_of=D(2025, 12, 31))
    assert counts[1] == duties.DutyCounts(briefings=2)
    assert counts[2] == duties.DutyCounts(trainings=2, trainees=65)
    assert counts[3] == duties.DutyCounts(outreach_events=1, outreach_reach=1200)
    assert counts[4] == duties.DutyCounts(surveys=1, annual_reviews=1)
    assert duties.year_counts(session, year=2025, as_of=D(2025, 12, 31)) == duties.DutyCounts(
        briefings=2,
        trainings=2,
        trainees=65,
        outreach_events=1,
        outreach_reach=1200,
        surveys=1,
        annual_reviews=1,
    )


def test_counts_stop_at_the_as_of_date(session, units):
    _, east, _ = units
    activity(session, "training", D(2025, 3, 31), east)
    activity(session, "training", D(2025, 4, 1), east)
    introduce(session, east, D(2025, 3, 31))
    introduce(session, east, D(2025, 4, 1))

    counts = duties.quarterly_counts(session, year=2025, as_of=D(2025, 3, 31))
    assert (counts[1].trainings, counts[1].party_introductions) == (1, 1)
    assert (counts[2].trainings, counts[2].party_introductions) == (0, 0)
    assert duties.year_counts(session, year=2025, as_of=D(2025, 4, 1)).trainings == 2


def test_party_introductions_and_cells_by_quarter(session, units):
    _, east, _ = units
    introduce(session, east, D(2025, 6, 30))
    introduce(session, east, D(2025, 7, 1))
    found_cell(session, east, D(2025, 9, 30))
    found_cell(session, east, D(2025, 10, 1), ownership=Ownership.fdi)

    counts = duties.quarterly_counts(session, year=2025, as_of=D(2025, 12, 31))
    assert [counts[q].party_introductions for q in (1, 2, 3, 4)] == [0, 1, 1, 0]
    assert [counts[q].party_cells for q in (1, 2, 3, 4)] == [0, 0, 1, 1]


def test_a_deleted_activity_counts_nowhere(session, units):
    _, east, _ = units
    kept = activity(session, "training", D(2025, 5, 5), east)
    gone = activity(session, "training", D(2025, 5, 6), east)
    duties.delete_record(
        session=session, table="activity", record_id=gone.id, expected_version=1, actor=STAFF
    )

    assert duties.year_counts(session, year=2025, as_of=D(2025, 12, 31)).trainings == 1
    listed = duties.activities(session, start=D(2025, 1, 1), end=D(2025, 12, 31))
    assert [a.id for a in listed] == [kept.id]


def test_a_unit_counts_its_own_activities_and_a_union_only_its_party_work(session, units):
    federation, east, west = units
    activity(session, "training", D(2025, 2, 1), east)
    activity(session, "training", D(2025, 2, 2), west)
    activity(session, "training", D(2025, 2, 3), federation)
    union = f.create_union(session, unit_id=east.id)
    introduce(session, east, D(2025, 2, 4), union_id=union.id)
    introduce(session, east, D(2025, 2, 5))

    on = D(2025, 12, 31)
    east_scope = scope_for_unit(session, east.id, on)
    assert duties.year_counts(session, year=2025, scope=east_scope, as_of=on).trainings == 1
    assert duties.year_counts(session, year=2025, scope=EVERYTHING, as_of=on).trainings == 3
    whole = scope_for_unit(session, federation.id, on)
    assert duties.year_counts(session, year=2025, scope=whole, as_of=on).trainings == 3
    union_counts = duties.year_counts(
        session, year=2025, scope=scope_for_union(session, union.id), as_of=on
    )
    assert (union_counts.trainings, union_counts.party_introductions) == (0, 1)


# ---------------------------------------------------------------- was the briefing held?


def test_briefing_held_on_the_last_day_of_its_quarter(session, units):
    _, east, _ = units
    activity(session, "briefing", D(2025, 3, 31), east)
    activity(session, "training", D(2025, 5, 2), east)

    first = duties.briefing_status(session, year=2025, quarter=1)
    assert (first.held, first.held_on, first.start, first.end) == (
        True,
        [D(2025, 3, 31)],
        D(2025, 1, 1),
        D(2025, 3, 31),
    )
    second = duties.briefing_status(session, year=2025, quarter=2)
    assert second.held is False
    assert second.overdue(D(2025, 6, 30)) is False
    assert second.overdue(D(2025, 7, 1)) is True
    assert first.overdue(D(2025, 7, 1)) is False


def test_a_deleted_briefing_was_not_held(session, units):
    _, east, _ = units
    briefing = activity(session, "briefing", D(2025, 4, 1), east)
    assert duties.briefing_status(session, year=2025, quarter=2).held is True
    duties.delete_record(
        session=session, table="activity", record_id=briefing.id, expected_version=1, actor=STAFF
    )
    assert duties.briefing_status(session, year=2025, quarter=2).held is False


# ---------------------------------------------------------------- idle committee members


def test_committee_members_with_no_activity_in_the_quarter(session, units):
    _, east, _ = units
    active = person(session, "An")
    idle = person(session, "Bình")
    joined_in_may = person(session, "Cường", since=D(2025, 5, 1))
    left_in_march = person(session, "Dung", until=D(2025, 3, 31))
    collaborator = person(session, "Hà", body="collaborator")
    activity(session, "briefing", D(2025, 4, 1), east, person_ids=[active.id, collaborator.id])
    activity(session, "outreach", D(2025, 6, 30), east, person_ids=[joined_in_may.id])

    def idle_names(quarter):
        return [
            p.full_name for p in duties.idle_committee_members(session, year=2025, quarter=quarter)
        ]

    assert idle_names(1) == ["An", "Bình", "Dung"]
    assert idle_names(2) == ["Bình"]
    assert idle_names(3) == ["An", "Bình", "Cường"]
    seated = duties.network(session, body="steering_committee", on=D(2025, 4, 1))
    assert [p.id for p in seated] == [active.id, idle.id]
    assert left_in_march.id not in [p.id for p in seated]


def test_taking_someone_off_an_activity_makes_them_idle_again(session, units):
    _, east, _ = units
    member = person(session, "An")
    briefing = activity(session, "briefing", D(2025, 2, 1), east, person_ids=[member.id])
    assert duties.idle_committee_members(session, year=2025, quarter=1) == []

    data = ActivityIn(kind="briefing", held_on=D(2025, 2, 1), unit_id=east.id, title="Giao ban")
    duties.update_activity(
        session=session, activity_id=briefing.id, data=data, expected_version=1, actor=STAFF
    )
    assert [p.full_name for p in duties.idle_committee_members(session, year=2025, quarter=1)] == [
        "An"
    ]
    # The link is hidden, not deleted; putting the person back revives it.
    links = session.exec(select(ActivityPerson)).all()
    assert [(link.person_id, link.deleted_at is not None) for link in links] == [(member.id, True)]
    data.person_ids = [member.id]
    duties.update_activity(
        session=session, activity_id=briefing.id, data=data, expected_version=2, actor=STAFF
    )
    assert duties.idle_committee_members(session, year=2025, quarter=1) == []
    assert len(session.exec(select(ActivityPerson)).all()) == 1


# ---------------------------------------------------------------- other_targets


def set_targets(session, plan, **values):
    for key, value in values.items():
        session.add(plans.PlanTarget(plan_id=plan.id, key=key, value=value))
    session.flush()


def test_other_targets_actual_target_and_pace(session, plan, units):
    _, east, _ = units
    set_targets(
        session,
        plan,
        party_introductions=10,
        party_cells=2,
        briefings_held=4,
        trainings_held=6,
    )
    # Two briefings in the first quarter still make one quarter held.
    activity(session, "briefing", D(2025, 1, 15), east)
    activity(session, "briefing", D(2025, 3, 20), east)
    activity(session, "training", D(2025, 5, 16), east)
    activity(session, "training", D(2025, 5, 17), east)  # after the as-of date
    introduce(session, east, D(2025, 2, 1))
    introduce(session, east, D(2025, 5, 1))

    result = duties.other_targets(session, year=2025, as_of=D(2025, 5, 16))
    # 136 of 365 days; one quarter of four ended.
    assert result == {
        "party_introductions": {
            "actual": 2,
            "target": 10,
            "expected_by_today": round(10 * 136 / 365, 1),
        },
        "party_cells": {"actual": 0, "target": 2, "expected_by_today": round(2 * 136 / 365, 1)},
        "briefings_held": {"actual": 1, "target": 4, "expected_by_today": 1.0},
        "trainings_held": {"actual": 1, "target": 6, "expected_by_today": round(6 * 136 / 365, 1)},
    }


def test_briefings_due_by_the_last_day_of_each_quarter(session, plan):
    set_targets(session, plan, briefings_held=4)

    def due(on):
        return duties.other_targets(session, year=2025, as_of=on)["briefings_held"][
            "expected_by_today"
        ]

    assert [due(D(2025, 3, 30)), due(D(2025, 3, 31)), due(D(2025, 12, 30))] == [0.0, 1.0, 3.0]
    assert due(D(2025, 12, 31)) == 4.0


def test_other_targets_without_targets_or_plan(session, plan, units):
    result = duties.other_targets(session, year=2025, as_of=D(2025, 6, 30))
    assert result["trainings_held"] == {"actual": 0, "target": None, "expected_by_today": None}
    no_plan = duties.other_targets(session, year=2031, as_of=D(2031, 6, 30))
    assert no_plan["briefings_held"] == {"actual": 0, "target": None, "expected_by_today": None}


def test_a_unit_reads_its_allocated_share(session, plan, units):
    _, east, west = units
    set_targets(session, plan, trainings_held=6)
    plans.allocate(
        session, plan=plan, key=TargetKey.trainings_held, unit_id=east.id, value=2, by_user="t"
    )
    activity(session, "training", D(2025, 3, 1), east)
    activity(session, "training", D(2025, 3, 2), west)
    on = D(2025, 12, 31)

    east_result = duties.other_targets(
        session, year=2025, scope=scope_for_unit(session, east.id, on), as_of=on
    )
    assert east_result["trainings_held"] == {"actual": 1, "target": 2, "expected_by_today": 2.0}
    west_result = duties.other_targets(
        session, year=2025, scope=scope_for_unit(session, west.id, on), as_of=on
    )
    assert west_result["trainings_held"]["target"] is None


def test_headline_targets_leave_out_the_duty_targets(session, plan):
    from core import metrics

    set_targets(session, plan, trainings_held=6)
    assert plans.targets_for(session, plan)["trainings_held"] == 6
    result = metrics.progress(session, year=2025, as_of=D(2025, 6, 30))
    assert set(result.targets) == {key.value for key in plans.HEADLINE_TARGETS}


# ---------------------------------------------------------------- writes


def test_a_viewer_changes_nothing(session, units):
    _, east, _ = units
    data = ActivityIn(kind="training", held_on=D(2025, 3, 1), unit_id=east.id, title="Kỹ năng")
    with pytest.raises(PermissionDenied):
        duties.record_activity(session=session, data=data, actor=VIEWER)
    with pytest.raises(PermissionDenied):
        duties.add_person(
            session=session,
            data=PersonIn(full_name="An", body="collaborator", since=D(2025, 1, 1)),
            actor=VIEWER,
        )
    with pytest.raises(PermissionDenied):
        duties.record_party_introduction(
            session=session,
            data=PartyIntroductionIn(introduced_on=D(2025, 3, 1), unit_id=east.id, full_name="A"),
            actor=VIEWER,
        )
    assert session.exec(select(Activity)).all() == []
    assert session.exec(select(NetworkPerson)).all() == []
    assert session.exec(select(AuditLog)).all() == []


def test_a_write_is_audited_and_bumps_the_data_version(session, units):
    _, east, _ = units
    member = person(session, "An")
    version = db.data_version(session)
    briefing = activity(
        session,
        "briefing",
        D(2025, 3, 31),
        east,
        chair="Phạm Xuân Hanh",
        decisions="Đẩy mạnh tuyên truyền",
        unit_ids=[east.id],
        person_ids=[member.id],
    )
    assert db.data_version(session) == version + 1
    assert briefing.details == {
        "chair": "Phạm Xuân Hanh",
        "decisions": "Đẩy mạnh tuyên truyền",
        "unit_ids": [east.id],
    }
    entry = session.exec(
        select(AuditLog).where(AuditLog.table_name == "activity", AuditLog.action == "insert")
    ).one()
    assert (entry.username, entry.record_id) == ("lan", briefing.id)
    assert entry.after["person_ids"] == [member.id]
    assert entry.after["held_on"] == "2025-03-31"


def test_a_stale_edit_is_refused(session, units):
    _, east, _ = units
    training = activity(session, "training", D(2025, 3, 1), east)
    data = ActivityIn(kind="training", held_on=D(2025, 3, 1), unit_id=east.id, title="Lần 1")
    duties.update_activity(
        session=session, activity_id=training.id, data=data, expected_version=1, actor=STAFF
    )
    data.title = "Lần 2"
    with pytest.raises(versioning.StaleEdit):
        duties.update_activity(
            session=session, activity_id=training.id, data=data, expected_version=1, actor=STAFF
        )
    session.refresh(training)
    assert (training.title, training.version) == ("Lần 1", 2)
    update = session.exec(
        select(AuditLog).where(AuditLog.table_name == "activity", AuditLog.action == "update")
    ).one()
    assert (update.before["title"], update.before["version"]) == ("training 2025-03-01", 1)
    assert (update.after["title"], update.after["version"]) == ("Lần 1", 2)


def test_a_deletion_is_soft_and_audited(session, units):
    _, east, _ = units
    survey = activity(session, "survey", D(2025, 3, 1), east)
    duties.delete_record(
        session=session, table="activity", record_id=survey.id, expected_version=1, actor=STAFF
    )
    row = session.get(Activity, survey.id)
    assert row.deleted_at is not None
    entry = session.exec(select(AuditLog).where(AuditLog.action == "delete")).one()
    assert (entry.table_name, entry.record_id, entry.before["deleted_at"]) == (
        "activity",
        survey.id,
        None,
    )
    with pytest.raises(duties.DutyError) as error:
        duties.delete_record(
            session=session, table="activity", record_id=survey.id, expected_version=2, actor=STAFF
        )
    assert error.value.key == "duty.record_missing"


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"kind": "outreach"}, "duty.channel_required"),
        ({"channel": "press"}, "duty.channel_only_outreach"),
        ({"title": "   "}, "duty.title_required"),
        ({"held_on": D(2999, 1, 1)}, "duty.date_in_future"),
        ({"participants": -1}, "duty.participants_negative"),
        ({"unit_id": 999_999}, "duty.unit_required"),
        ({"person_ids": [999_999]}, "duty.person_missing"),
        ({"kind": "party"}, "duty.bad_kind"),
    ],
)
def test_bad_activity_input_is_refused(session, units, changes, key):
    _, east, _ = units
    values = {"kind": "training", "held_on": D(2025, 3, 1), "unit_id": east.id, "title": "Kỹ năng"}
    values.update(changes)
    with pytest.raises(duties.DutyError) as error:
        duties.record_activity(session=session, data=ActivityIn(**values), actor=STAFF)
    assert error.value.key == key
    assert error.value.message()  # a catalogue entry exists


def test_one_officer_per_unit(session, units):
    _, east, _ = units
    first = person(session, "An", body="unit_officer", unit_id=east.id)
    with pytest.raises(duties.DutyError) as error:
        person(session, "Bình", body="unit_officer", unit_id=east.id)
    assert (error.value.key, error.value.values) == ("duty.unit_has_officer", {"name": "An"})
    with pytest.raises(duties.DutyError) as error:
        person(session, "Bình", body="unit_officer")
    assert error.value.key == "duty.officer_needs_unit"

    successor = duties.replace_person(
        session=session,
        person_id=first.id,
        successor=PersonIn(
            full_name="Bình", body="unit_officer", since=D(2025, 7, 1), unit_id=east.id
        ),
        expected_version=1,
        actor=STAFF,
    )
    session.refresh(first)
    assert first.until == D(2025, 6, 30)
    assert [
        p.full_name for p in duties.network(session, body="unit_officer", on=D(2025, 7, 1))
    ] == [successor.full_name]
    assert [
        p.full_name for p in duties.network(session, body="unit_officer", on=D(2025, 6, 30))
    ] == ["An"]


def test_party_cell_only_in_a_non_state_enterprise(session, units):
    _, east, _ = units
    state_owned = f.create_enterprise(session, ownership=Ownership.state, unit_id=east.id)
    with pytest.raises(duties.DutyError) as error:
        duties.record_party_cell(
            session=session,
            data=PartyCellIn(name="Chi bộ", enterprise_id=state_owned.id, founded_on=D(2025, 3, 1)),
            actor=STAFF,
        )
    assert error.value.key == "duty.cell_needs_non_state"
    cell = found_cell(session, east, D(2025, 3, 1))
    assert cell.unit_id == east.id  # taken from its enterprise


def test_party_introduction_takes_the_members_name(session, units):
    _, east, _ = units
    union = f.create_union(session, unit_id=east.id)
    member = f.admit(session, union, D(2020, 1, 1), full_name="Trần Thị Mai")
    record = duties.record_party_introduction(
        session=session,
        data=PartyIntroductionIn(
            introduced_on=D(2025, 4, 1), unit_id=east.id, member_id=member.id, union_id=union.id
        ),
        actor=STAFF,
    )
    assert record.full_name == "Trần Thị Mai"
    with pytest.raises(duties.DutyError) as error:
        duties.update_party_introduction(
            session=session,
            record_id=record.id,
            data=PartyIntroductionIn(
                introduced_on=D(2025, 4, 1),
                unit_id=east.id,
                full_name="Trần Thị Mai",
                admitted_on=D(2025, 3, 1),
            ),
            expected_version=1,
            actor=STAFF,
        )
    assert error.value.key == "duty.admitted_before_introduced"


def test_prospects_by_officer(session):
    a = f.create_enterprise(session, worker_count=80, officer="Hằng")
    f.create_enterprise(session, worker_count=30, officer="Hằng")
    f.create_enterprise(session, worker_count=25)
    f.create_enterprise(session, worker_count=10, officer="Dũng")  # too small to be a prospect
    on = D(2025, 6, 30)
    assert duties.prospects_by_officer(session, on=on) == [("Hằng", 2), (None, 1)]

    duties.assign_officer(
        session=session, enterprise_id=a.id, officer=" Dũng ", expected_version=1, actor=STAFF
    )
    assert duties.prospects_by_officer(session, on=on) == [("Dũng", 1), ("Hằng", 1), (None, 1)]
    assert [e.id for e in duties.prospects_of_officer(session, officer="Dũng", on=on)] == [a.id]
    with pytest.raises(PermissionDenied):
        duties.assign_officer(
            session=session, enterprise_id=a.id, officer=None, expected_version=2, actor=VIEWER
        )
    with pytest.raises(versioning.StaleEdit):
        duties.assign_officer(
            session=session, enterprise_id=a.id, officer=None, expected_version=1, actor=STAFF
        )


def test_find_enterprise_by_tax_code_as_people_type_it(session):
    head = f.create_enterprise(session, tax_code="0201234567")
    branch = f.create_enterprise(session, tax_code="0201234567-001")
    assert duties.find_enterprise(session, " 0201 234 567 ").id == head.id
    assert duties.find_enterprise(session, "201234567").id == head.id  # Excel lost the zero
    assert duties.find_enterprise(session, "0201234567001").id == branch.id
    assert duties.find_enterprise(session, "abc") is None
    assert duties.find_enterprise(session, "") is None
