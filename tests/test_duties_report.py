"""The duties in the report workbook and on the display's slide (core/duties/, core/briefing_duties.py)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from core import briefing_duties, duties
from core.duties import ActivityIn, PartyIntroductionIn, PersonIn
from core.models import PlanTarget, TargetKey, UnitKind
from core.strings import t
from tests import factories as f
from tests.factories import STAFF

D = dt.date


@pytest.fixture
def year_of_duties(session):
    plan = f.create_plan(session)
    for key, value in ((TargetKey.briefings_held, 4), (TargetKey.party_introductions, 8)):
        session.add(PlanTarget(plan_id=plan.id, key=key, value=value))
    federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
    idle = duties.add_person(
        session=session,
        data=PersonIn(full_name="Bình", body="steering_committee", since=D(2024, 1, 1)),
        actor=STAFF,
    )
    for kind, on, people in (
        ("briefing", D(2025, 1, 1), 0),
        ("briefing", D(2025, 3, 31), 0),
        ("training", D(2025, 4, 1), 40),
        ("outreach", D(2025, 6, 30), 900),
        ("briefing", D(2025, 9, 30), 0),
    ):
        duties.record_activity(
            session=session,
            data=ActivityIn(
                kind=kind,
                held_on=on,
                unit_id=federation.id,
                title=kind,
                participants=people or None,
                channel="huong_cong_app" if kind == "outreach" else None,
            ),
            actor=STAFF,
        )
    for on in (D(2025, 3, 31), D(2025, 7, 1)):
        duties.record_party_introduction(
            session=session,
            data=PartyIntroductionIn(introduced_on=on, unit_id=federation.id, full_name="Mai"),
            actor=STAFF,
        )
    return idle


def test_report_rows_per_quarter_and_year(session, year_of_duties):
    rows = {row.key: row for row in duties.report_rows(session, year=2025, as_of=D(2025, 9, 30))}
    briefings = rows["count.briefings"]
    # Three briefings in two quarters (Q1 twice, Q3): the year counts quarters held.
    assert (briefings.quarters, briefings.year, briefings.target, briefings.expected) == (
        [2, 0, 1, 0],
        2,
        4,
        3.0,
    )
    assert (rows["count.trainees"].quarters, rows["count.trainees"].year) == ([0, 40, 0, 0], 40)
    assert rows["count.outreach_reach"].quarters == [0, 900, 0, 0]
    introductions = rows["count.party_introductions"]
    assert (introductions.quarters, introductions.year, introductions.target) == (
        [1, 0, 1, 0],
        2,
        8,
    )
    assert introductions.expected == round(8 * 273 / 365, 1)
    assert rows["count.surveys"].target is None
    assert list(rows) == [label for label, _, _ in duties.REPORT_COUNTS]


def test_a_row_per_duty_in_the_report_workbook(session, year_of_duties):
    from core import reports

    data = reports.report_bytes(
        session, year=2025, quarter=3, issued_on=D(2025, 10, 5), today=D(2026, 1, 15)
    )
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Chỉ tiêu"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    start = next(n for n, row in enumerate(rows) if row[0] == t("duties.report_section"))
    assert rows[start + 1][:4] == ["STT", "Chỉ tiêu", "Kế hoạch", "Thực hiện"]
    duty_rows = rows[start + 2 : start + 2 + len(duties.REPORT_COUNTS)]
    # To 30/09: briefings in Q1 (twice) and Q3, three of four quarters due.
    assert duty_rows[0] == [
        1,
        t("count.briefings"),
        4,
        2,
        0.5,
        3,
        None,
        t("briefing.status.behind"),
    ]
    assert duty_rows[3] == [4, t("count.trainees"), None, 40, None, None, None, None]
    assert duty_rows[7][:5] == [8, t("count.party_introductions"), 8, 2, 0.25]
    assert rows[start + 2 + len(duties.REPORT_COUNTS)][0] == t("duties.report_note")


def test_slide_of_a_quarter(session, year_of_duties):
    second = briefing_duties.slide_figures(session, year=2025, quarter=2, as_of=D(2025, 12, 31))
    assert (second.quarter, second.as_of, second.briefing.held) == (2, D(2025, 6, 30), False)
    assert second.idle_members == ["Bình"]
    assert (second.quarter_counts.trainings, second.quarter_counts.outreach_reach) == (1, 900)
    # By 30/06 two briefings were due and one quarter had one; 8 × 181/365 introductions were due.
    assert second.behind == ["party_introductions", "briefings_held"]

    third = briefing_duties.slide_figures(session, year=2025, as_of=D(2025, 9, 30))
    assert (third.quarter, third.briefing.held_on) == (3, [D(2025, 9, 30)])
    assert third.behind == ["party_introductions", "briefings_held"]
