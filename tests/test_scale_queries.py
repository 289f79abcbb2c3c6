"""What keeps the overview fast at a million members, checked on small data sets.

- The overview's reads issue the same statements whatever the size of the data (no query per
  member, union or enterprise), so their cost follows what the database does per statement.
- The event counts are answered from the partial covering indexes (SQLite's plan names them).
- The bulk loader of the demo (COPY / executemany of tuples) writes what the model says.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import event, text
from sqlmodel import Session, func, select

from core import db, demo, metrics
from core.models import EventKind, Member, MembershipEvent
from core.units import EVERYTHING, scope_for_unit
from tests.conftest import migrated_url, truncate_all

AS_OF = dt.date(2025, 12, 31)
SMALL = dataclasses.replace(
    demo.DISTRICT,
    name="small",
    enterprises=40,
    unions=12,
    members_before=600,
    admissions=240,
    departures=80,
    transfers=20,
    new_unions=3,
    workers_month_new_unions=1,
)
LARGER = dataclasses.replace(
    SMALL,
    name="larger",
    enterprises=160,
    unions=48,
    members_before=4_000,
    admissions=1_500,
    departures=500,
    transfers=80,
    new_unions=6,
    workers_month_new_unions=3,
)


def overview_reads(session: Session, unit_id: int | None) -> None:
    scope = scope_for_unit(session, unit_id, AS_OF) if unit_id else EVERYTHING
    metrics.progress(session, year=2025, scope=scope, as_of=AS_OF)
    metrics.monthly(session, scope, 2025, AS_OF)
    metrics.breakdown(session, year=2025, as_of=AS_OF, by="commune", scope=scope)
    metrics.breakdown(session, year=2025, as_of=AS_OF, by="cluster", scope=scope)
    metrics.prospects(session, scope, AS_OF, limit=10)


def statements(url: str, unit_name: str | None) -> list[str]:
    engine = db.engine_for(url)
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        seen.append(" ".join(statement.split())[:60])

    with Session(engine) as session:
        unit_id = None
        if unit_name:
            from core.models import OrgUnit

            unit_id = session.exec(select(OrgUnit.id).where(OrgUnit.name == unit_name)).one()
        event.listen(engine, "before_cursor_execute", count)
        try:
            overview_reads(session, unit_id)
        finally:
            event.remove(engine, "before_cursor_execute", count)
    return seen


@pytest.fixture
def two_sizes(backend, tmp_root) -> tuple[str, str]:
    urls = []
    for scale in (SMALL, LARGER):
        url = migrated_url(backend, tmp_root, f"size_{scale.name}")
        engine = db.engine_for(url)
        truncate_all(engine)
        with db.session_scope(engine) as session:
            demo.seed(session, scale)
        urls.append(url)
    return urls[0], urls[1]


@pytest.mark.parametrize("unit", [None, "Xã Vĩnh Am", "Cụm thi đua số 1"])
def test_the_overview_issues_the_same_statements_at_any_size(two_sizes, unit):
    small, larger = (statements(url, unit) for url in two_sizes)
    assert small == larger
    assert len(small) <= 25


# SQLite's query program is what is read here, so this test runs on SQLite alone (not skipped on
# PostgreSQL: CI counts a skipped PostgreSQL test as a failure).
@pytest.mark.parametrize("backend", ["sqlite"])
def test_event_counts_are_answered_from_the_partial_indexes_alone(engine, session):
    """SQLite's program for each count reads its columns from one of the ix_event_live_* indexes
    and never a column of the table (no row of membership_event is visited)."""
    in_year = (
        MembershipEvent.deleted_at.is_(None),
        MembershipEvent.occurred_on >= dt.date(2025, 1, 1),
        MembershipEvent.occurred_on <= AS_OF,
    )
    daily = (
        select(MembershipEvent.occurred_on, MembershipEvent.kind, func.count())
        .where(*in_year)
        .group_by(MembershipEvent.occurred_on, MembershipEvent.kind)
    )
    per_union = (
        select(MembershipEvent.union_id, MembershipEvent.kind, func.count())
        .where(*in_year)
        .group_by(MembershipEvent.union_id, MembershipEvent.kind)
    )
    pages = dict(session.exec(text("SELECT name, rootpage FROM sqlite_master")).all())
    live_indexes = {pages["ix_event_live_day"], pages["ix_event_live_union"]}
    for query in (daily, per_union):
        compiled = query.compile(engine, compile_kwargs={"literal_binds": True})
        program = session.exec(text(f"EXPLAIN {compiled}")).all()
        cursors = {row[2]: row[3] for row in program if row[1] == "OpenRead"}
        # Columns of the stored b-trees (temporary sorters for GROUP BY are not in `cursors`).
        read_from = {cursors[row[2]] for row in program if row[1] == "Column" and row[2] in cursors}
        assert read_from and read_from <= live_indexes, (read_from, pages["membership_event"])


def test_demo_members_carry_their_departure_and_unique_ids(demo_url):
    with Session(db.engine_for(demo_url)) as session:
        left = session.exec(
            select(Member.left_on, MembershipEvent.occurred_on)
            .join(MembershipEvent, MembershipEvent.member_id == Member.id)
            .where(MembershipEvent.kind == EventKind.left)
        ).all()
        assert len(left) == 1_060
        assert all(member_left == event_day for member_left, event_day in left)
        counts = session.exec(
            select(Member.status, func.count(), func.count(Member.left_on)).group_by(Member.status)
        ).all()
        assert sorted(counts) == [("active", 12_060, 0), ("left", 1_060, 1_060)]
        cccds = session.exec(
            select(func.count(Member.cccd), func.count(Member.cccd.distinct()))
        ).one()
        assert cccds == (13_120, 13_120)


def test_city_identity_numbers_stay_unique_past_a_million():
    import random

    rng = random.Random(1)
    below = demo.person(rng, 999_999)[5]
    above = demo.person(rng, 1_999_999)[5]
    assert below.endswith("999999") and above.endswith("999999")
    assert above[:3] == "001" and below[:3] in {"031", "030", "034", "022", "036"}
