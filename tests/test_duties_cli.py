"""`progress --json` carries the duty targets under `other_targets`, beside the unchanged contract."""

from __future__ import annotations

import datetime as dt
import json

from core import duties, plans
from core.cli import main
from core.duties import ActivityIn
from core.models import PlanTarget, TargetKey, UnitKind
from tests import factories as f
from tests.factories import STAFF

D = dt.date
HEADLINE = {key.value for key in plans.HEADLINE_TARGETS}


def progress_json(capsys, *args: str) -> dict:
    assert main(["progress", "--year", "2025", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_other_targets_in_progress_json(session, db_env, capsys):
    plan = f.create_plan(session)
    for key, value in ((TargetKey.briefings_held, 4), (TargetKey.trainings_held, 6)):
        session.add(PlanTarget(plan_id=plan.id, key=key, value=value))
    federation = f.create_unit(session, "LĐLĐ huyện", UnitKind.federation)
    commune = f.create_unit(session, "Xã Vĩnh Am", parent=federation)
    plans.allocate(
        session, plan=plan, key=TargetKey.trainings_held, unit_id=commune.id, value=2, by_user="t"
    )
    for kind, on in (("briefing", D(2025, 3, 31)), ("training", D(2025, 4, 1))):
        duties.record_activity(
            session=session,
            data=ActivityIn(kind=kind, held_on=on, unit_id=commune.id, title=kind),
            actor=STAFF,
        )
    session.commit()

    data = progress_json(capsys, "--on", "2025-06-30")
    assert set(data["targets"]) == HEADLINE
    assert set(data["expected_by_today"]) == HEADLINE
    assert data["other_targets"] == {
        "party_introductions": {"actual": 0, "target": None, "expected_by_today": None},
        "party_cells": {"actual": 0, "target": None, "expected_by_today": None},
        "briefings_held": {"actual": 1, "target": 4, "expected_by_today": 2.0},  # Q2 missed
        # 181 of 365 days
        "trainings_held": {"actual": 1, "target": 6, "expected_by_today": round(6 * 181 / 365, 1)},
    }

    commune_data = progress_json(capsys, "--unit", "xa vinh am", "--on", "2025-12-31")
    assert commune_data["other_targets"]["trainings_held"] == {
        "actual": 1,
        "target": 2,
        "expected_by_today": 2.0,
    }
    assert commune_data["other_targets"]["briefings_held"]["target"] is None
