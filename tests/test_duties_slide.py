"""The display's duties slide as HTML (ui/duties_slide.py): held or not, rings, names escaped."""

from __future__ import annotations

import datetime as dt

from core import briefing_duties, duties
from core.access import Actor
from core.duties import ActivityIn, PersonIn
from core.models import PlanTarget, TargetKey, UnitKind
from core.strings import t
from tests import factories as f
from ui.duties_slide import slide_duties

D = dt.date
STAFF = Actor(username="lan", role="staff")


def test_slide_says_whether_the_briefing_was_held_and_escapes_names(session):
    plan = f.create_plan(session)
    session.add(PlanTarget(plan_id=plan.id, key=TargetKey.briefings_held, value=4))
    federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
    duties.add_person(
        session=session,
        data=PersonIn(full_name="<b>Bình</b>", body="steering_committee", since=D(2024, 1, 1)),
        actor=STAFF,
    )
    duties.record_activity(
        session=session,
        data=ActivityIn(kind="briefing", held_on=D(2025, 2, 14), unit_id=federation.id, title="x"),
        actor=STAFF,
    )

    first = slide_duties(
        briefing_duties.slide_figures(session, year=2025, quarter=1, as_of=D(2025, 12, 31))
    )
    assert t("duties.slide_held") in first and "14/02/2025" in first
    assert "&lt;b&gt;Bình&lt;/b&gt;" in first and "<b>Bình</b>" not in first
    assert first.count('class="bd-card bd-gauge"') == 4

    second = slide_duties(
        briefing_duties.slide_figures(session, year=2025, quarter=2, as_of=D(2025, 12, 31))
    )
    assert t("duties.slide_not_held") in second
    assert t("duties.slide_not_held_note", date="30/06/2025") in second
