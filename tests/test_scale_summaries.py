"""Property tests: what makes the figures fast never changes them.

After random sequences of admissions (one by one and in import batches), transfers, departures,
re-admissions, corrections, voided movements, deletes and restores of members, and undone imports:
- every union's kept counter (`active_members`, the summary kept in the same transaction by
  core.membership and the importer) equals a full recount of its events;
- the figures of core.metrics, computed with their fast queries (grouped by day, counts per union
  first, counters less later events, one pass over the unions) equal plain recounts done here in
  Python from the rows, for the federation, every unit and every union.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from core import db, membership, metrics
from core.access import Actor
from core.importing.commit import UndoError, undo_batch
from core.models import (
    EVENT_SIGN,
    Enterprise,
    EventKind,
    GrassrootsUnion,
    ImportBatch,
    LeaveReason,
    Member,
    MembershipEvent,
    Ownership,
    UnionKind,
    UnitKind,
    UnitLink,
)
from core.units import EVERYTHING, scope_for_union, scope_for_unit
from tests.conftest import truncate_all

YEAR = 2025
DAY0 = dt.date(2024, 11, 1)  # days are drawn from here: some before the plan year
DAYS = 420
MAX_DAY = DAY0 + dt.timedelta(days=DAYS - 1)
CHECK_DAYS = (dt.date(2024, 12, 31), dt.date(2025, 5, 15), dt.date(2025, 12, 31), MAX_DAY)

days = st.integers(0, DAYS - 1)
members = st.integers(0, 50)  # index into the members made so far (modulo)
unions = st.integers(0, 3)
operations = st.one_of(
    st.tuples(st.just("admit"), unions, days),
    st.tuples(st.just("bulk"), unions, st.integers(1, 4), days),
    st.tuples(st.just("transfer"), members, unions, days),
    st.tuples(st.just("leave"), members, days, st.sampled_from(list(LeaveReason))),
    st.tuples(st.just("readmit"), members, unions, days),
    st.tuples(st.just("void"), members),
    st.tuples(st.just("correct"), members, days),
    st.tuples(st.just("delete"), members),
    st.tuples(st.just("restore"), members),
    st.tuples(st.just("undo"), st.integers(0, 5)),
)
optional_day = st.none() | days
union_setups = st.lists(
    st.fixed_dictionaries(
        {
            "founded": optional_day,
            "dissolved_after": st.none() | st.integers(0, 200),
            "enterprise": st.none() | st.integers(0, 3),
            "commune": st.integers(0, 2),
            "cluster": st.integers(0, 1),
            "deleted": st.booleans(),
        }
    ),
    min_size=4,
    max_size=4,
)
enterprise_setups = st.lists(
    st.fixed_dictionaries(
        {
            "workers": st.sampled_from([None, 5, 19, 20, 45, 120]),
            "union_since": optional_day,
            "stable": st.booleans(),
            "ownership": st.sampled_from(list(Ownership)),
            "commune": st.integers(0, 2),
        }
    ),
    min_size=4,
    max_size=4,
)


def day(n: int) -> dt.date:
    return DAY0 + dt.timedelta(days=n)


def build_world(session: Session, union_specs: list[dict], enterprise_specs: list[dict]):
    """A federation with an old commune that becomes part of a new one mid-year, two clusters,
    four enterprises and four unions as drawn."""
    from tests import factories as f

    f.create_plan(session)
    federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
    east = f.create_unit(session, "Xã Đông", parent=federation)
    west = f.create_unit(session, "Xã Tây", parent=federation, until=dt.date(2025, 7, 1))
    session.add(UnitLink(unit_id=west.id, parent_id=east.id, valid_from=dt.date(2025, 7, 1)))
    north = f.create_unit(session, "Xã Bắc", parent=federation)
    communes = [east, west, north]
    clusters = [
        f.create_unit(session, "Cụm 1", UnitKind.cluster, parent=federation),
        f.create_unit(session, "Khối DN", UnitKind.block, parent=federation),
    ]
    enterprises = []
    for i, spec in enumerate(enterprise_specs):
        enterprise = f.create_enterprise(
            session,
            name=f"Công ty {i}",
            worker_count=spec["workers"],
            union_since=day(spec["union_since"]) if spec["union_since"] is not None else None,
            is_stable=spec["stable"],
            ownership=spec["ownership"],
            unit_id=communes[spec["commune"]].id,
        )
        enterprises.append(enterprise)
    union_ids = []
    for i, spec in enumerate(union_specs):
        founded = day(spec["founded"]) if spec["founded"] is not None else None
        dissolved = None
        if spec["dissolved_after"] is not None and founded is not None:
            dissolved = founded + dt.timedelta(days=spec["dissolved_after"])
        union = f.create_union(
            session,
            name=f"CĐCS {i}",
            kind=UnionKind.enterprise,
            founded_on=founded,
            dissolved_on=dissolved,
            enterprise_id=(
                enterprises[spec["enterprise"]].id if spec["enterprise"] is not None else None
            ),
            unit_id=communes[spec["commune"]].id,
            cluster_id=clusters[spec["cluster"]].id,
        )
        if spec["deleted"]:
            union.deleted_at = dt.datetime(2025, 8, 1, tzinfo=dt.UTC)
            session.add(union)
        union_ids.append(union.id)
    session.flush()
    return union_ids, [federation, *communes, *clusters]


_names = itertools.count()


def new_member() -> Member:
    n = next(_names)
    return Member(full_name=f"Đoàn viên {n}", search_name=f"doan vien {n}", gender="male")


def latest_event(session: Session, member_id: int) -> MembershipEvent | None:
    events = membership.member_events(session, member_id)
    return events[-1] if events else None


def apply(session: Session, op: tuple, union_ids: list[int], batches: list[int]) -> None:
    kind, *args = op
    member_ids = list(session.exec(select(Member.id).order_by(Member.id)).all())
    pick = (lambda i: session.get(Member, member_ids[i % len(member_ids)])) if member_ids else None
    if kind == "admit":
        union_id, on = union_ids[args[0]], day(args[1])
        membership.admit_member(
            session=session, member=new_member(), union_id=union_id, on=on, by_user="t"
        )
    elif kind == "bulk":
        union_id, count, on = union_ids[args[0]], args[1], day(args[2])
        batch = ImportBatch(kind="members", file_name="ds.xlsx", checksum=f"{len(batches)}")
        session.add(batch)
        session.flush()
        rows = []
        for _ in range(count):
            person = new_member()
            rows.append(
                {
                    "full_name": person.full_name,
                    "search_name": person.search_name,
                    "gender": "female",
                    "union_id": union_id,
                    "joined_on": on,
                }
            )
        membership.admit_members_bulk(session=session, members=rows, by_user="t", batch_id=batch.id)
        batches.append(batch.id)
    elif kind == "undo" and batches:
        undo_batch(
            session=session, batch_id=batches[args[0] % len(batches)], actor=Actor("t", "staff")
        )
    elif pick is None:
        return
    elif kind == "transfer":
        membership.transfer_member(
            session=session,
            member=pick(args[0]),
            to_union_id=union_ids[args[1]],
            on=day(args[2]),
            by_user="t",
        )
    elif kind == "leave":
        membership.record_departure(
            session=session, member=pick(args[0]), on=day(args[1]), reason=args[2], by_user="t"
        )
    elif kind == "readmit":
        membership.readmit_member(
            session=session,
            member=pick(args[0]),
            union_id=union_ids[args[1]],
            on=day(args[2]),
            by_user="t",
        )
    elif kind in ("void", "correct"):
        member = pick(args[0])
        event = latest_event(session, member.id)
        if event is None:
            return
        if kind == "void":
            membership.void_event(session=session, event=event, by_user="t")
        else:
            membership.correct_event(session=session, event=event, on=day(args[1]), by_user="t")
    elif kind == "delete":
        membership.soft_delete_member(session=session, member=pick(args[0]), by_user="t")
    elif kind == "restore":
        membership.restore_member(session=session, member=pick(args[0]), by_user="t")


# ---------------------------------------------------------------- recounts in Python


def live_events(session: Session) -> list[tuple[int, str, dt.date]]:
    return [
        (union_id, kind, on)
        for union_id, kind, on in session.exec(
            select(MembershipEvent.union_id, MembershipEvent.kind, MembershipEvent.occurred_on)
            .where(MembershipEvent.deleted_at.is_(None))
            .order_by(MembershipEvent.id)
        ).all()
    ]


def unions_in(session: Session, scope) -> set[int]:
    rows = session.exec(
        select(GrassrootsUnion.id, GrassrootsUnion.unit_id, GrassrootsUnion.cluster_id)
    ).all()
    if scope.union_id is not None:
        return {scope.union_id}
    if scope.unit_ids is None:
        return {union_id for union_id, _u, _c in rows}
    return {
        union_id
        for union_id, unit_id, cluster_id in rows
        if unit_id in scope.unit_ids or cluster_id in scope.unit_ids
    }


def recount_moves(events, in_scope: set[int], start: dt.date, end: dt.date) -> metrics.Movements:
    counted = Counter(
        kind for union_id, kind, on in events if union_id in in_scope and start <= on <= end
    )
    return metrics.Movements(**{kind.value: counted[kind.value] for kind in EventKind})


def recount_members_on(events, in_scope: set[int], on: dt.date) -> int:
    return sum(
        EVENT_SIGN[EventKind(kind)]
        for union_id, kind, when in events
        if union_id in in_scope and when <= on
    )


# ---------------------------------------------------------------- the checks


def check_counters(session: Session) -> None:
    recount = membership.recount_active_members(session)
    kept = dict(session.exec(select(GrassrootsUnion.id, GrassrootsUnion.active_members)).all())
    assert kept == {union_id: recount.get(union_id, 0) for union_id in kept}


def check_figures(session: Session, units) -> None:
    events = live_events(session)
    scopes = [EVERYTHING]
    scopes += [scope_for_unit(session, unit.id, dt.date(YEAR, 12, 31)) for unit in units]
    scopes += [
        scope_for_union(session, union_id)
        for union_id in session.exec(select(GrassrootsUnion.id)).all()
    ]
    year_start, year_end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    for scope in scopes:
        in_scope = unions_in(session, scope)
        for on in CHECK_DAYS:
            assert metrics.members_on(session, scope, on) == recount_members_on(
                events, in_scope, on
            )
        for start, end in ((year_start, year_end), (dt.date(YEAR, 5, 1), dt.date(YEAR, 5, 31))):
            assert metrics.movements(session, scope, start, end) == recount_moves(
                events, in_scope, start, end
            )
        as_of = dt.date(YEAR, 10, 9)
        running = 0
        expected_months = []
        for month in range(1, as_of.month + 1):
            last = (dt.date(YEAR, month + 1, 1) if month < 12 else dt.date(YEAR + 1, 1, 1)) - (
                dt.timedelta(days=1)
            )
            moves = recount_moves(events, in_scope, dt.date(YEAR, month, 1), min(last, as_of))
            running += moves.net
            expected_months.append(
                metrics.MonthRow(month, moves.admitted, moves.left, moves.net, running)
            )
        assert metrics.monthly(session, scope, YEAR, as_of) == expected_months
        result = metrics.progress(session, year=YEAR, scope=scope, as_of=as_of)
        year_moves = recount_moves(events, in_scope, year_start, as_of)
        month_moves = recount_moves(events, in_scope, dt.date(YEAR, 5, 1), dt.date(YEAR, 5, 31))
        recent = recount_moves(events, in_scope, as_of - dt.timedelta(days=89), as_of).net
        assert (result.net_growth, result.admissions, result.departures) == (
            year_moves.net,
            year_moves.admitted,
            year_moves.left,
        )
        assert result.workers_month_net_growth == month_moves.net
        assert result.projection["net_growth"] == round(
            year_moves.net + recent / 90 * (year_end - as_of).days, 1
        )
        check_enterprise_figures(session, scope, as_of)
    for by, column in (("commune", "unit_id"), ("cluster", "cluster_id")):
        check_breakdown(session, events, by, column)


def check_enterprise_figures(session: Session, scope, on: dt.date) -> None:
    """The one-pass versions against the correlated conditions other modules still use."""
    reference = select(Enterprise.id).where(*metrics.prospect_conditions(on))
    condition = metrics.enterprise_filter(scope)
    if condition is not None:
        reference = reference.where(condition)
    expected = set(session.exec(reference).all())
    assert {e.id for e in metrics.prospects(session, scope, on)} == expected
    assert metrics.prospect_count(session, scope, on) == len(expected)
    stable_big = select(Enterprise.id).where(
        Enterprise.deleted_at.is_(None),
        Enterprise.is_stable.is_(True),
        Enterprise.worker_count >= metrics.PROSPECT_MIN_WORKERS,
    )
    if condition is not None:
        stable_big = stable_big.where(condition)
    big = set(session.exec(stable_big).all())
    with_union = set(session.exec(stable_big.where(metrics.has_union_on(on))).all())
    assert metrics.enterprises_20plus_with_union(session, scope, on) == (len(with_union), len(big))


def check_breakdown(session: Session, events, by: str, column: str) -> None:
    as_of = dt.date(YEAR, 12, 31)
    kinds = ("commune", "town") if by == "commune" else ("cluster", "block")
    top = metrics.top_level_units(session, as_of, kinds)
    unit_of = {
        union_id: top.get(unit_id) if unit_id is not None else None
        for union_id, unit_id in session.exec(
            select(GrassrootsUnion.id, getattr(GrassrootsUnion, column))
        ).all()
    }
    expected: dict[int | None, metrics.Movements] = {}
    for union_id, kind, on in events:
        if dt.date(YEAR, 1, 1) <= on <= as_of:
            moves = expected.setdefault(unit_of[union_id], metrics.Movements())
            setattr(moves, kind, getattr(moves, kind) + 1)
    rows = metrics.breakdown(session, year=YEAR, as_of=as_of, by=by)
    shown = {
        row.unit_id: (row.admitted, row.departures, row.net)
        for row in rows
        if (row.admitted, row.departures, row.net) != (0, 0, 0) or row.unit_id in expected
    }
    assert shown == {
        unit_id: (moves.admitted, moves.left, moves.net) for unit_id, moves in expected.items()
    }


@pytest.fixture
def clean(engine):
    """Hypothesis runs many examples in one test: each empties the database first."""

    def empty() -> None:
        truncate_all(engine)

    return empty


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    union_specs=union_setups,
    enterprise_specs=enterprise_setups,
    ops=st.lists(operations, min_size=1, max_size=14),
)
def test_summaries_equal_a_full_recount_after_any_sequence_of_writes(
    engine, clean, union_specs, enterprise_specs, ops
):
    clean()
    with db.session_scope(engine) as session:
        union_ids, units = build_world(session, union_specs, enterprise_specs)
    batches: list[int] = []
    for op in ops:
        try:
            with db.session_scope(engine) as session:
                apply(session, op, union_ids, batches)
            event(f"{op[0]}: written")
        except (membership.RuleViolation, UndoError):
            event(f"{op[0]}: refused")  # as a user would be; the transaction rolled back
        with Session(engine) as session:
            check_counters(session)
    with Session(engine) as session:
        check_figures(session, units)
