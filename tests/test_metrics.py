"""The progress figures on small hand-computed cases (core/metrics.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from core import metrics
from core.models import Ownership, UnitKind, UnitLink
from core.units import EVERYTHING, scope_for_union, scope_for_unit
from tests import factories as f

D = dt.date
YEAR_START, YEAR_END = D(2025, 1, 1), D(2025, 12, 31)


@pytest.fixture
def plan(session):
    return f.create_plan(session)


def net(session, scope=EVERYTHING, start=YEAR_START, end=YEAR_END) -> int:
    return metrics.movements(session, scope, start, end).net


def test_transfer_is_zero_for_the_federation_and_one_for_each_union(session, plan):
    a = f.create_union(session, name="A")
    b = f.create_union(session, name="B")
    member = f.admit(session, a, D(2024, 6, 1))
    f.transfer(session, member, b, D(2025, 3, 10))

    assert net(session) == 0
    assert net(session, scope_for_union(session, a.id)) == -1
    assert net(session, scope_for_union(session, b.id)) == 1
    moves = metrics.movements(session, EVERYTHING, YEAR_START, YEAR_END)
    assert (moves.admitted, moves.transfer_in, moves.transfer_out, moves.left) == (0, 1, 1, 0)
    assert metrics.members_on(session, EVERYTHING, YEAR_END) == 1
    assert metrics.members_on(session, scope_for_union(session, a.id), YEAR_END) == 0


def test_transfer_within_a_commune_cancels_but_between_communes_counts(session, plan):
    federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
    east = f.create_unit(session, "Đông", parent=federation)
    west = f.create_unit(session, "Tây", parent=federation)
    a = f.create_union(session, name="A", unit_id=east.id)
    b = f.create_union(session, name="B", unit_id=east.id)
    c = f.create_union(session, name="C", unit_id=west.id)
    first = f.admit(session, a, D(2024, 1, 1))
    second = f.admit(session, a, D(2024, 1, 1))
    f.transfer(session, first, b, D(2025, 2, 1))
    f.transfer(session, second, c, D(2025, 2, 1))

    assert net(session, scope_for_unit(session, east.id, YEAR_END)) == -1
    assert net(session, scope_for_unit(session, west.id, YEAR_END)) == 1
    assert net(session, scope_for_unit(session, federation.id, YEAR_END)) == 0


def test_member_who_joins_and_leaves_in_the_same_period_adds_nothing(session, plan):
    union = f.create_union(session)
    member = f.admit(session, union, D(2025, 2, 1))
    f.leave(session, member, D(2025, 9, 30))

    result = metrics.progress(session, year=2025, as_of=YEAR_END)
    assert (result.net_growth, result.admissions, result.departures) == (0, 1, 1)
    # Halfway through, the member still counts.
    assert metrics.progress(session, year=2025, as_of=D(2025, 6, 30)).net_growth == 1


def test_union_dissolved_mid_year(session, plan):
    enterprise = f.create_enterprise(session, worker_count=10)
    union = f.create_union(
        session, name="Giải thể", founded_on=D(2025, 2, 1), enterprise_id=enterprise.id
    )
    members = [f.admit(session, union, D(2025, 2, 1)) for _ in range(5)]
    for member in members:
        f.leave(session, member, D(2025, 8, 1), reason="union_dissolved")
    union.dissolved_on = D(2025, 8, 1)
    session.add(union)
    session.flush()

    june = metrics.progress(session, year=2025, as_of=D(2025, 6, 30))
    assert (june.net_growth, june.new_unions, june.non_state_coverage_pct) == (5, 1, 50.0)
    year = metrics.progress(session, year=2025, as_of=YEAR_END)
    # Founding still happened in 2025; its members left with it, so net growth is back to zero.
    assert (year.net_growth, year.admissions, year.departures, year.new_unions) == (0, 5, 5, 1)
    assert year.non_state_coverage_pct == 0.0
    assert year.enterprises_20plus_with_union_pct is None  # 10 workers: not in the ≥ 20 share


@pytest.mark.parametrize(
    ("day", "in_window"),
    [
        (D(2025, 4, 30), False),
        (D(2025, 5, 1), True),
        (D(2025, 5, 31), True),
        (D(2025, 6, 1), False),
    ],
)
def test_workers_month_window_edges(session, plan, day, in_window):
    union = f.create_union(session, founded_on=D(2010, 1, 1))
    f.admit(session, union, day)
    f.create_union(session, name="Mới", founded_on=day)

    result = metrics.progress(session, year=2025, as_of=YEAR_END)
    assert result.workers_month_net_growth == (1 if in_window else 0)
    assert result.workers_month_new_unions == (1 if in_window else 0)
    assert (result.net_growth, result.new_unions) == (1, 1)


def test_workers_month_window_comes_from_the_plan(session):
    f.create_plan(session)
    plan = metrics.get_plan(session, 2025)
    plan.workers_month_start, plan.workers_month_end = D(2025, 4, 25), D(2025, 5, 20)
    session.add(plan)
    union = f.create_union(session)
    f.admit(session, union, D(2025, 4, 30))
    f.admit(session, union, D(2025, 5, 25))
    assert metrics.progress(session, year=2025, as_of=YEAR_END).workers_month_net_growth == 1


def test_as_of_before_any_event(session, plan):
    union = f.create_union(session, founded_on=D(2025, 3, 1))
    f.admit(session, union, D(2025, 3, 1))

    result = metrics.progress(session, year=2025, as_of=D(2025, 1, 15))
    assert (result.net_growth, result.admissions, result.new_unions) == (0, 0, 0)
    assert result.workers_month_net_growth == 0
    assert result.expected_by_today["net_growth"] == round(2500 * 15 / 365, 1)
    assert result.expected_by_today["workers_month_net_growth"] == 0
    assert result.projection["net_growth"] == 0
    assert metrics.monthly(session, EVERYTHING, 2025, D(2025, 1, 15)) == [
        metrics.MonthRow(1, 0, 0, 0, 0)
    ]


def test_expected_by_today_at_an_even_pace(session, plan):
    result = metrics.progress(session, year=2025, as_of=D(2025, 5, 16))
    # 136 of 365 days; 16 of 31 days of May.
    assert result.expected_by_today == {
        "net_growth": round(2500 * 136 / 365, 1),
        "workers_month_net_growth": round(500 * 16 / 31, 1),
        "new_unions": round(7 * 136 / 365, 1),
        "workers_month_new_unions": round(3 * 16 / 31, 1),
        "non_state_coverage_pct": 95.0,
        "enterprises_20plus_with_union_pct": 100.0,
    }


def test_projection_uses_the_last_90_days(session, plan):
    union = f.create_union(session)
    # 10 admissions early in the year (outside the window), 9 in the last 90 days to 30/6.
    for day in range(10):
        f.admit(session, union, D(2025, 1, 1) + dt.timedelta(days=day))
    for day in range(9):
        f.admit(session, union, D(2025, 4, 10) + dt.timedelta(days=day))
    result = metrics.progress(session, year=2025, as_of=D(2025, 6, 30))
    assert result.net_growth == 19
    # 9 in 90 days = 0.1 a day, 184 days left.
    assert result.projection["net_growth"] == 19 + 18.4
    year_end = metrics.progress(session, year=2025, as_of=YEAR_END)
    assert year_end.projection["net_growth"] == 19


def test_monthly_series_and_cumulative(session, plan):
    union = f.create_union(session)
    a = f.admit(session, union, D(2025, 1, 5))
    f.admit(session, union, D(2025, 1, 6))
    f.admit(session, union, D(2025, 3, 1))
    f.leave(session, a, D(2025, 3, 20))
    rows = metrics.monthly(session, EVERYTHING, 2025, D(2025, 4, 2))
    assert rows == [
        metrics.MonthRow(1, 2, 0, 2, 2),
        metrics.MonthRow(2, 0, 0, 0, 2),
        metrics.MonthRow(3, 1, 1, 0, 2),
        metrics.MonthRow(4, 0, 0, 0, 2),
    ]


def test_non_state_coverage_caps_each_enterprise_at_its_workers(session, plan):
    full = f.create_enterprise(session, worker_count=4)
    half = f.create_enterprise(session, worker_count=10)
    f.create_enterprise(session, worker_count=6)  # no union: 0 of 6
    f.create_enterprise(session, worker_count=None)  # unknown size: left out
    f.create_enterprise(session, worker_count=100, ownership=Ownership.state)  # state: left out
    over = f.create_union(session, enterprise_id=full.id)
    some = f.create_union(session, enterprise_id=half.id)
    for _ in range(6):
        f.admit(session, over, D(2024, 1, 1))
    for _ in range(5):
        f.admit(session, some, D(2024, 1, 1))
    covered, workers = metrics.non_state_coverage(session, EVERYTHING, YEAR_END)
    assert (covered, workers) == (4 + 5, 4 + 10 + 6)
    assert metrics.progress(session, year=2025, as_of=YEAR_END).non_state_coverage_pct == 45.0
    # On an earlier day, before the admissions, nobody was covered.
    assert metrics.non_state_coverage(session, EVERYTHING, D(2023, 12, 31)) == (0, 20)


def test_enterprises_20plus_share_and_prospects(session, plan):
    with_union = f.create_enterprise(session, worker_count=25)
    f.create_union(session, enterprise_id=with_union.id, founded_on=D(2025, 5, 10))
    f.create_enterprise(session, worker_count=20)  # prospect
    f.create_enterprise(session, worker_count=300, is_stable=False)  # prospect, not stable
    f.create_enterprise(session, worker_count=19)  # too small for either
    f.create_enterprise(session, worker_count=40, union_since=D(2020, 1, 1))  # union elsewhere

    year = metrics.progress(session, year=2025, as_of=YEAR_END)
    assert (year.enterprises_20plus_with_union, year.enterprises_20plus) == (2, 3)
    assert year.enterprises_20plus_with_union_pct == 66.7
    assert year.prospects == 2
    april = metrics.progress(session, year=2025, as_of=D(2025, 4, 30))
    assert (april.enterprises_20plus_with_union, april.prospects) == (1, 3)
    names = [e.worker_count for e in metrics.prospects(session, EVERYTHING, YEAR_END)]
    assert names == [300, 20]


def test_reorganised_communes_roll_up_by_the_structure_in_force(session, plan):
    federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
    new = f.create_unit(session, "Xã Mới", since=D(2025, 7, 1), parent=federation)
    old = f.create_unit(session, "Xã Cũ", parent=federation, until=D(2025, 7, 1))
    session.add(UnitLink(unit_id=old.id, parent_id=new.id, valid_from=D(2025, 7, 1)))
    session.flush()
    union = f.create_union(session, unit_id=old.id)
    f.admit(session, union, D(2025, 3, 1))
    f.admit(session, union, D(2025, 9, 1))

    assert net(session, scope_for_unit(session, new.id, YEAR_END)) == 2
    assert net(session, scope_for_unit(session, new.id, D(2025, 6, 30))) == 0
    assert net(session, scope_for_unit(session, old.id, D(2025, 6, 30))) == 2
    rows = metrics.breakdown(session, year=2025, as_of=YEAR_END, by="commune")
    assert [(r.name, r.net) for r in rows] == [("Xã Mới", 2)]
    rows = metrics.breakdown(session, year=2025, as_of=D(2025, 6, 30), by="commune")
    assert [(r.name, r.net) for r in rows] == [("Xã Cũ", 1)]


def test_unit_targets_come_from_the_allocation(session, plan):
    federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
    commune = f.create_unit(session, "Xã A", parent=federation)
    metrics_plan = metrics.get_plan(session, 2025)
    from core import plans

    plans.allocate(
        session, plan=metrics_plan, key="net_growth", unit_id=commune.id, value=300, by_user="t"
    )
    result = metrics.progress(
        session, year=2025, as_of=YEAR_END, scope=scope_for_unit(session, commune.id, YEAR_END)
    )
    assert result.targets["net_growth"] == 300
    assert result.targets["new_unions"] is None
    assert result.targets["non_state_coverage_pct"] == 95
    assert result.expected_by_today["new_unions"] is None


def test_deleted_events_leave_the_figures(session, plan):
    union = f.create_union(session)
    member = f.admit(session, union, D(2025, 2, 1))
    from sqlmodel import select

    from core.models import MembershipEvent, utcnow

    event = session.exec(
        select(MembershipEvent).where(MembershipEvent.member_id == member.id)
    ).one()
    event.deleted_at = utcnow()
    session.add(event)
    session.flush()
    assert net(session) == 0


def test_no_plan_for_the_year(session):
    with pytest.raises(metrics.NoPlan):
        metrics.progress(session, year=2030)


def test_kept_member_counter_equals_a_recount(session, plan):
    from core.membership import recount_active_members

    a = f.create_union(session, name="A")
    b = f.create_union(session, name="B")
    members = [f.admit(session, a, D(2025, 1, 2)) for _ in range(4)]
    f.transfer(session, members[0], b, D(2025, 2, 2))
    f.leave(session, members[1], D(2025, 3, 3))
    session.refresh(a)
    session.refresh(b)
    assert (a.active_members, b.active_members) == (2, 1)
    assert recount_active_members(session) == {a.id: 2, b.id: 1}


def test_the_breakdown_carries_each_communes_own_allocation(session, plan):
    """One query reads every commune's share: each row gets its own, a commune without one none."""
    from core import plans
    from core.models import TargetKey

    federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
    a = f.create_unit(session, "Xã A", parent=federation)
    b = f.create_unit(session, "Xã B", parent=federation)
    c = f.create_unit(session, "Xã C", parent=federation)
    plans.allocate(session, plan=plan, key="net_growth", unit_id=a.id, value=300, by_user="t")
    plans.allocate(session, plan=plan, key="net_growth", unit_id=b.id, value=120, by_user="t")
    plans.allocate(session, plan=plan, key="new_unions", unit_id=c.id, value=2, by_user="t")
    for unit in (a, b, c):
        f.admit(
            session, f.create_union(session, name=f"CĐ {unit.name}", unit_id=unit.id), D(2025, 3, 1)
        )

    assert plans.allocations(session, 2025, TargetKey.net_growth) == {a.id: 300.0, b.id: 120.0}
    assert plans.allocations(session, 2024, TargetKey.net_growth) == {}
    rows = metrics.breakdown(session, year=2025, as_of=YEAR_END, by="commune")
    assert sorted((r.name, r.net_target, r.net_expected) for r in rows) == [
        ("Xã A", 300.0, 300.0),
        ("Xã B", 120.0, 120.0),
        ("Xã C", None, None),
    ]
