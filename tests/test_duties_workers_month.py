"""Workers' Month day by day (core/workers_month.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from core import workers_month
from core.metrics import NoPlan
from core.models import UnitKind
from core.units import scope_for_unit
from tests import factories as f

D = dt.date


@pytest.fixture
def plan(session):
    return f.create_plan(session)  # window 1–31 May, targets 500 and 3


@pytest.fixture
def communes(session):
    federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
    east = f.create_unit(session, "Xã Đông", parent=federation)
    west = f.create_unit(session, "Xã Tây", parent=federation)
    return east, west


def test_day_by_day_from_the_first_to_the_last_day_of_the_window(session, plan, communes):
    east, west = communes
    old = f.create_union(session, unit_id=east.id, founded_on=D(2010, 1, 1))
    leaver = f.admit(session, old, D(2024, 1, 1))
    f.admit(session, old, D(2025, 4, 30))  # the day before: not counted
    f.admit(session, old, D(2025, 5, 1))
    f.admit(session, old, D(2025, 5, 1))
    f.leave(session, leaver, D(2025, 5, 2))
    new = f.create_union(session, unit_id=west.id, founded_on=D(2025, 5, 31))
    for _ in range(3):
        f.admit(session, new, D(2025, 5, 31))
    f.admit(session, new, D(2025, 6, 1))  # the day after: not counted

    result = workers_month.campaign(session, year=2025, as_of=D(2025, 12, 31))
    assert (result.start, result.end, result.as_of) == (
        D(2025, 5, 1),
        D(2025, 5, 31),
        D(2025, 5, 31),
    )
    assert (result.net_target, result.unions_target) == (500, 3)
    assert len(result.days) == 31
    first, second, last = result.days[0], result.days[1], result.days[-1]
    assert (first.day, first.admitted, first.net, first.cumulative_net) == (D(2025, 5, 1), 2, 2, 2)
    assert (second.departures, second.net, second.cumulative_net) == (1, -1, 1)
    assert (last.day, last.admitted, last.new_unions) == (D(2025, 5, 31), 3, 1)
    assert (last.cumulative_net, last.cumulative_new_unions) == (4, 1)
    assert (result.admitted, result.net, result.new_unions) == (5, 4, 1)
    assert result.days[10] == workers_month.CampaignDay(D(2025, 5, 11), 0, 0, 0, 0, 1, 0)

    assert [(u.name, u.admitted, u.net, u.new_unions) for u in result.top_units] == [
        ("Xã Tây", 3, 3, 1),
        ("Xã Đông", 2, 1, 0),
    ]


def test_the_window_so_far_and_before_it_starts(session, plan, communes):
    east, _ = communes
    union = f.create_union(session, unit_id=east.id)
    f.admit(session, union, D(2025, 5, 10))
    f.admit(session, union, D(2025, 5, 11))

    so_far = workers_month.campaign(session, year=2025, as_of=D(2025, 5, 10))
    assert (len(so_far.days), so_far.net, so_far.started, so_far.over) == (10, 1, True, False)
    last_day = workers_month.campaign(session, year=2025, as_of=D(2025, 5, 31))
    after = workers_month.campaign(session, year=2025, as_of=D(2025, 6, 1))
    assert (last_day.over, after.over, after.as_of, after.net) == (False, True, D(2025, 5, 31), 2)
    before = workers_month.campaign(session, year=2025, as_of=D(2025, 4, 30))
    assert (before.days, before.top_units, before.started, before.net) == ([], [], False, 0)


def test_a_transfer_between_communes_counts_for_each(session, plan, communes):
    east, west = communes
    a = f.create_union(session, unit_id=east.id)
    b = f.create_union(session, unit_id=west.id)
    member = f.admit(session, a, D(2024, 1, 1))
    f.transfer(session, member, b, D(2025, 5, 5))

    whole = workers_month.campaign(session, year=2025, as_of=D(2025, 5, 31))
    assert whole.net == 0
    assert [(u.name, u.net) for u in whole.top_units] == [("Xã Tây", 1), ("Xã Đông", -1)]
    east_only = workers_month.campaign(
        session,
        year=2025,
        scope=scope_for_unit(session, east.id, D(2025, 5, 31)),
        as_of=D(2025, 5, 31),
    )
    assert (east_only.net, east_only.net_target) == (-1, None)  # no share allocated
    assert [(u.name, u.net) for u in east_only.top_units] == [("Xã Đông", -1)]


def test_no_plan(session):
    with pytest.raises(NoPlan):
        workers_month.campaign(session, year=2025, as_of=D(2025, 5, 1))
