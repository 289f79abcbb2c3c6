"""Emulation ranking (core/ranking.py): exact figures on a small hand-built district, agreement
with the progress figures on the demo, and a query count that does not grow with the units."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from core import metrics, plans, ranking
from core.models import TargetKey, UnitKind
from core.units import scope_for_unit
from tests import factories as f

D = dt.date


@pytest.fixture
def district(session):
    """Two communes (A with targets, B without), a cluster over both, four unions."""
    plan = f.create_plan(session)
    federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
    a = f.create_unit(session, "Xã A", parent=federation)
    b = f.create_unit(session, "Xã B", parent=federation)
    cluster = f.create_unit(session, "Cụm 1", UnitKind.cluster, parent=federation)
    for key, value in ((TargetKey.net_growth, 10), (TargetKey.new_unions, 2)):
        plans.allocate(session, plan=plan, key=key, unit_id=a.id, value=value, by_user="t")
    plans.allocate(
        session, plan=plan, key=TargetKey.net_growth, unit_id=cluster.id, value=4, by_user="t"
    )
    a1 = f.create_union(session, name="A1", unit_id=a.id, cluster_id=cluster.id)
    a2 = f.create_union(session, name="A2", unit_id=a.id, founded_on=D(2025, 5, 10))
    b1 = f.create_union(session, name="B1", unit_id=b.id, cluster_id=cluster.id)
    gone = f.create_union(session, name="Giải thể 2024", unit_id=b.id, dissolved_on=D(2024, 6, 1))
    old = [f.admit(session, a1, D(2024, 3, 1)) for _ in range(3)]
    # Q1: A1 +2 admitted, one old member leaves; B1 +1.
    f.admit(session, a1, D(2025, 2, 1))
    f.admit(session, a1, D(2025, 3, 31))
    f.leave(session, old[0], D(2025, 3, 15))
    f.admit(session, b1, D(2025, 1, 20))
    # Q2: A2 founded with 3 members; one A1 member moves to B1 (between communes, same cluster).
    for _ in range(3):
        f.admit(session, a2, D(2025, 5, 12))
    f.transfer(session, old[1], b1, D(2025, 6, 2))
    # After the as-of date used below: counts in members only after it.
    f.admit(session, b1, D(2025, 7, 5))
    session.commit()
    return {"plan": plan, "a": a, "b": b, "cluster": cluster, "unions": (a1, a2, b1, gone)}


def test_communes_against_their_allocated_targets(session, district):
    result = ranking.ranking(session, year=2025, level="commune", as_of=D(2025, 6, 30))
    assert (result.as_of, result.previous_end) == (D(2025, 6, 30), D(2025, 3, 31))
    rows = {row.name: row for row in result.rows}
    a, b = rows["Xã A"], rows["Xã B"]
    # A: +2 −1 in Q1, +3 −1 in Q2 → 3; one union founded of 2 allocated.
    assert (a.net_growth, a.admissions, a.departures, a.new_unions) == (3, 5, 1, 1)
    assert (a.target_net_growth, a.target_new_unions) == (10, 2)
    assert (a.pct_net_growth, a.pct_new_unions) == (30.0, 50.0)
    assert (a.net_growth_prev, a.new_unions_prev, a.pct_net_growth_prev) == (1, 0, 10.0)
    assert (a.quarter_net_growth, a.pct_change) == (2, 20.0)
    assert a.members == 3 + 2 - 1 + 3 - 1
    # B: +1 in Q1, +1 transferred in Q2; no target, so ranked after A whatever its growth.
    assert (b.net_growth, b.target_net_growth, b.pct_net_growth, b.members) == (2, None, None, 2)
    assert [(r.name, r.rank, r.rank_prev) for r in result.rows] == [("Xã A", 1, 1), ("Xã B", 2, 2)]


def test_cluster_counts_its_unions_and_a_transfer_inside_it_cancels(session, district):
    result = ranking.ranking(session, year=2025, level="cluster", as_of=D(2025, 6, 30))
    [cluster] = result.rows
    # A1: +2 −1 −1 (moved out); B1: +1 +1 (moved in) → 2; A2 is in no cluster.
    assert (cluster.name, cluster.kind, cluster.net_growth, cluster.new_unions) == (
        "Cụm 1",
        UnitKind.cluster,
        2,
        0,
    )
    assert (cluster.target_net_growth, cluster.pct_net_growth) == (4, 50.0)
    assert (cluster.net_growth_prev, cluster.pct_net_growth_prev, cluster.pct_change) == (
        2,
        50.0,
        0.0,
    )


def test_unions_ranked_by_net_growth_with_the_change_since_last_quarter(session, district):
    result = ranking.ranking(session, year=2025, level="union", as_of=D(2025, 6, 30))
    assert [
        (r.name, r.net_growth, r.rank, r.net_growth_prev, r.rank_prev) for r in result.rows
    ] == [
        ("A2", 3, 1, 0, 3),
        ("B1", 2, 2, 1, 1),  # tied with A1 at the end of March
        ("A1", 0, 3, 1, 1),
    ]
    # A union dissolved before the year is not in the race.
    assert "Giải thể 2024" not in {r.name for r in result.rows}
    a2 = result.rows[0]
    assert (a2.kind, a2.new_unions, a2.members, a2.rank_change) == ("union", 1, 3, 2)


def test_first_quarter_compares_with_nothing(session, district):
    result = ranking.ranking(session, year=2025, level="commune", as_of=D(2025, 3, 31))
    assert result.previous_end == D(2024, 12, 31)
    a = next(r for r in result.rows if r.name == "Xã A")
    assert (a.net_growth, a.net_growth_prev, a.pct_net_growth_prev, a.quarter_net_growth) == (
        1,
        0,
        0.0,
        1,
    )


def test_ties_share_a_place(session):
    f.create_plan(session)
    federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
    for name in ("X", "Y", "Z"):
        unit = f.create_unit(session, name, parent=federation)
        union = f.create_union(session, name=f"CĐ {name}", unit_id=unit.id)
        for _ in range(2 if name != "Z" else 1):
            f.admit(session, union, D(2025, 4, 1))
    result = ranking.ranking(session, year=2025, level="commune", as_of=D(2025, 12, 31))
    assert [(r.name, r.rank) for r in result.rows] == [("X", 1), ("Y", 1), ("Z", 3)]


def test_no_plan_for_the_year(session):
    with pytest.raises(metrics.NoPlan):
        ranking.ranking(session, year=2031, level="commune")


@pytest.mark.parametrize("as_of", [D(2025, 6, 30), D(2025, 9, 30), D(2025, 12, 31)])
def test_every_unit_agrees_with_the_progress_figures_on_the_demo(demo_url, as_of):
    from core import db

    with db.session_scope(db.engine_for(demo_url)) as session:
        for level in ("commune", "cluster"):
            result = ranking.ranking(session, year=2025, level=level, as_of=as_of)
            assert result.rows
            for row in result.rows:
                scope = scope_for_unit(session, row.id, as_of)
                p = metrics.progress(session, year=2025, scope=scope, as_of=as_of)
                assert (row.net_growth, row.admissions, row.departures, row.new_unions) == (
                    p.net_growth,
                    p.admissions,
                    p.departures,
                    p.new_unions,
                ), row.name
                assert row.target_net_growth == p.targets["net_growth"]
                assert row.target_new_unions == p.targets["new_unions"]
                assert row.members == metrics.members_on(session, scope, as_of)
                prev = metrics.progress(session, year=2025, scope=scope, as_of=result.previous_end)
                assert row.net_growth_prev == prev.net_growth


@contextmanager
def count_queries(engine):
    statements: list[str] = []

    def before(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _communes(session, n: int) -> None:
    federation = f.create_unit(session, f"LĐLĐ {n}", UnitKind.federation)
    for i in range(n):
        unit = f.create_unit(session, f"Xã {n}-{i}", parent=federation)
        union = f.create_union(session, name=f"CĐ {n}-{i}", unit_id=unit.id)
        f.admit(session, union, D(2025, 2, 1))


def test_the_number_of_queries_does_not_grow_with_the_units(session, engine):
    f.create_plan(session)
    _communes(session, 3)
    session.commit()
    with count_queries(engine) as few:
        small = ranking.ranking(session, year=2025, level="commune", as_of=D(2025, 12, 31))
    _communes(session, 40)
    session.commit()
    with count_queries(engine) as many:
        large = ranking.ranking(session, year=2025, level="commune", as_of=D(2025, 12, 31))
    assert (len(small.rows), len(large.rows)) == (3, 43)
    assert len(many) == len(few)
