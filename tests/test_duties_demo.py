"""The duties demo data (core/demo/duties.py) on a small world: what the year's story shows."""

from __future__ import annotations

import datetime as dt

from core import briefing_duties, duties
from core.demo import duties as duties_demo
from core.models import Ownership, UnitKind
from tests import factories as f

D = dt.date


def test_demo_year_of_duties(session):
    f.create_plan(session)
    federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
    east = f.create_unit(session, "Đông", parent=federation)
    f.create_unit(session, "Tây", parent=federation)
    f.create_enterprise(session, worker_count=120, unit_id=east.id)  # a prospect to survey
    with_union = f.create_enterprise(
        session, worker_count=80, unit_id=east.id, ownership=Ownership.fdi
    )
    union = f.create_union(session, unit_id=east.id, enterprise_id=with_union.id)
    f.admit(session, union, D(2020, 1, 1))

    duties_demo.seed_demo(session, year=2025)

    counts = duties.year_counts(session, year=2025, as_of=D(2025, 12, 31))
    assert counts == duties.DutyCounts(
        briefings=3,
        annual_reviews=1,
        trainings=3,
        trainees=143,
        outreach_events=8,
        outreach_reach=36650,
        surveys=1,
        party_introductions=1,
        party_cells=1,
    )
    slide = briefing_duties.slide_figures(session, year=2025, as_of=D(2025, 12, 31))
    assert (slide.quarter, slide.briefing.held) == (4, False)
    assert slide.idle_members == ["Lê Thị Ngọc"]
    assert slide.behind == [
        "party_introductions",
        "party_cells",
        "briefings_held",
        "trainings_held",
    ]
    officers = duties.network(session, body="unit_officer", on=D(2025, 12, 31))
    assert [p.full_name for p in officers] == ["Nguyễn Thị Hằng"]  # the last commune has none
