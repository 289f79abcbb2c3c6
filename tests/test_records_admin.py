"""The admin's records: organisation units with dated links (the July 2025 reorganisation), plans,
targets and their split across units."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from core import metrics, organisation, plans, targets
from core.access import PermissionDenied
from core.models import OrgUnit, PlanTarget, UnitKind
from core.records import RecordError
from core.units import descendants, scope_for_unit, selectable_units
from tests import factories as f
from tests.factories import ADMIN, STAFF, VIEWER

JULY = dt.date(2025, 7, 1)


@pytest.fixture
def district(session):
    """The federation with two old communes, as before the reorganisation."""
    federation = organisation.add_unit(
        session, actor=ADMIN, name="LĐLĐ huyện Vĩnh Bảo", kind=UnitKind.federation
    )
    old = [
        organisation.add_unit(
            session,
            actor=ADMIN,
            name=name,
            kind=UnitKind.commune,
            parent_id=federation.id,
            valid_from=dt.date(2000, 1, 1),
        )
        for name in ("Xã Cổ Am (cũ)", "Xã Tam Cường (cũ)")
    ]
    session.commit()
    return federation, old


def test_the_july_2025_reorganisation(session, district):
    federation, (co_am, tam_cuong) = district
    vinh_am = organisation.add_unit(
        session,
        actor=ADMIN,
        name="Xã Vĩnh Am",
        kind=UnitKind.commune,
        valid_from=JULY,
        parent_id=federation.id,
    )
    moved = organisation.merge_units(
        session, actor=ADMIN, unit_ids=[co_am.id, tam_cuong.id], into_unit_id=vinh_am.id, on=JULY
    )
    session.commit()
    assert moved == 2
    assert descendants(session, vinh_am.id, dt.date(2025, 8, 1)) == {
        vinh_am.id,
        co_am.id,
        tam_cuong.id,
    }
    assert descendants(session, vinh_am.id, dt.date(2025, 6, 30)) == {vinh_am.id}
    assert descendants(session, federation.id, dt.date(2025, 6, 30)) == {
        federation.id,
        co_am.id,
        tam_cuong.id,
    }
    before = [u.name for u in selectable_units(session, dt.date(2025, 6, 30))]
    after = [u.name for u in selectable_units(session, dt.date(2025, 8, 1))]
    assert before == ["LĐLĐ huyện Vĩnh Bảo", "Xã Cổ Am (cũ)", "Xã Tam Cường (cũ)"]
    assert after == ["LĐLĐ huyện Vĩnh Bảo", "Xã Vĩnh Am"]
    links = [
        (link.unit_name, link.parent_name, link.valid_from, link.valid_to)
        for link in organisation.list_links(session, co_am.id)
    ]
    assert links == [
        ("Xã Cổ Am (cũ)", "LĐLĐ huyện Vĩnh Bảo", dt.date(2000, 1, 1), JULY),
        ("Xã Cổ Am (cũ)", "Xã Vĩnh Am", JULY, None),
    ]


def test_a_union_of_an_old_commune_counts_for_the_new_one_from_july(session, district):
    federation, (co_am, _) = district
    vinh_am = organisation.add_unit(
        session, actor=ADMIN, name="Xã Vĩnh Am", kind=UnitKind.commune, valid_from=JULY
    )
    organisation.link_unit(
        session, actor=ADMIN, unit_id=vinh_am.id, parent_id=federation.id, valid_from=JULY
    )
    organisation.merge_units(
        session, actor=ADMIN, unit_ids=[co_am.id], into_unit_id=vinh_am.id, on=JULY
    )
    union = f.create_union(session, name="CĐCS May Cổ Am", unit_id=co_am.id)
    f.admit(session, union, dt.date(2025, 3, 1))
    session.commit()
    august = scope_for_unit(session, vinh_am.id, dt.date(2025, 8, 1))
    assert metrics.members_on(session, august, dt.date(2025, 8, 1)) == 1
    june = scope_for_unit(session, vinh_am.id, dt.date(2025, 6, 1))
    assert metrics.members_on(session, june, dt.date(2025, 6, 1)) == 0


def test_links_never_overlap_nor_loop(session, district):
    federation, (co_am, tam_cuong) = district
    with pytest.raises(RecordError) as overlap:
        organisation.link_unit(
            session,
            actor=ADMIN,
            unit_id=co_am.id,
            parent_id=tam_cuong.id,
            valid_from=dt.date(2024, 1, 1),
        )
    assert (overlap.value.key, overlap.value.values) == (
        "unit.link_overlap",
        {"parent": "LĐLĐ huyện Vĩnh Bảo", "start": "01/01/2000", "end": "…"},
    )
    with pytest.raises(RecordError) as loop:
        organisation.link_unit(
            session,
            actor=ADMIN,
            unit_id=federation.id,
            parent_id=co_am.id,
            valid_from=dt.date(2024, 1, 1),
        )
    assert (loop.value.key, loop.value.values) == (
        "unit.cycle",
        {"unit": "LĐLĐ huyện Vĩnh Bảo", "parent": "Xã Cổ Am (cũ)"},
    )


def test_a_unit_in_use_is_not_deleted(session, district):
    _, (co_am, _) = district
    f.create_union(session, name="CĐCS A", unit_id=co_am.id)
    session.commit()
    with pytest.raises(RecordError) as refused:
        organisation.delete_unit(
            session, actor=ADMIN, unit_id=co_am.id, expected_version=co_am.version, on=JULY
        )
    assert refused.value.key == "unit.in_use"
    spare = organisation.add_unit(session, actor=ADMIN, name="Cụm nhầm", kind=UnitKind.cluster)
    session.commit()
    organisation.delete_unit(session, actor=ADMIN, unit_id=spare.id, expected_version=1, on=JULY)
    session.commit()
    assert session.get(OrgUnit, spare.id).deleted_at is not None


def test_a_unit_is_renamed_with_its_version(session, district):
    _, (co_am, _) = district
    organisation.update_unit(
        session,
        actor=ADMIN,
        unit_id=co_am.id,
        expected_version=1,
        name="Xã Cổ Am",
        kind=UnitKind.commune,
        valid_from=None,
        valid_to=JULY,
    )
    session.commit()
    assert (co_am.name, co_am.valid_to, co_am.version) == ("Xã Cổ Am", JULY, 2)


def test_next_years_plan_and_its_split(session, district):
    _, (co_am, tam_cuong) = district
    f.create_plan(session, 2025)
    plan = targets.create_plan(session, actor=ADMIN, year=2026, title="", copy_from=2025)
    targets.set_target(session, actor=ADMIN, plan=plan, key="net_growth", value=3000)
    targets.allocate(
        session, actor=ADMIN, plan=plan, key="net_growth", unit_id=co_am.id, value=1200
    )
    targets.allocate(
        session, actor=ADMIN, plan=plan, key="net_growth", unit_id=tam_cuong.id, value=1000
    )
    session.commit()
    assert plan.title == "Kế hoạch phát triển đoàn viên, thành lập công đoàn cơ sở năm 2026"
    assert (plan.workers_month_start, plan.workers_month_end) == (
        dt.date(2026, 5, 1),
        dt.date(2026, 5, 31),
    )
    rows = {row.key: row for row in targets.split(session, plan)}
    assert (rows["net_growth"].target, rows["net_growth"].allocated) == (3000, 2200)
    assert rows["net_growth"].unallocated == 800
    assert rows["new_unions"].units == {}
    assert plans.targets_for(session, plan, co_am.id)["net_growth"] == 1200
    assert plans.targets_for(session, plan, co_am.id)["non_state_coverage_pct"] == 95
    stored = dict(
        session.exec(
            select(PlanTarget.key, PlanTarget.value).where(PlanTarget.plan_id == plan.id)
        ).all()
    )
    assert stored["new_unions"] == 7  # copied from 2025


@pytest.mark.parametrize(
    ("key", "value", "refusal"),
    [
        ("non_state_coverage_pct", 120, "target.pct_over_100"),
        ("net_growth", -5, "target.bad_value"),
    ],
)
def test_target_values_are_checked(session, key, value, refusal):
    plan = f.create_plan(session, 2025)
    with pytest.raises(RecordError) as refused:
        targets.set_target(session, actor=ADMIN, plan=plan, key=key, value=value)
    assert refused.value.key == refusal


def test_percentages_are_not_split(session, district):
    _, (co_am, _) = district
    plan = f.create_plan(session, 2025)
    with pytest.raises(RecordError) as refused:
        targets.allocate(
            session,
            actor=ADMIN,
            plan=plan,
            key="non_state_coverage_pct",
            unit_id=co_am.id,
            value=95,
        )
    assert refused.value.key == "target.pct_not_split"


def test_only_an_admin_changes_units_and_targets(session, district):
    federation, (co_am, _) = district
    plan = f.create_plan(session, 2025)
    session.commit()
    calls = [
        lambda a: organisation.add_unit(session, actor=a, name="X", kind=UnitKind.cluster),
        lambda a: organisation.link_unit(
            session, actor=a, unit_id=co_am.id, parent_id=federation.id, valid_from=JULY
        ),
        lambda a: organisation.move_unit(
            session, actor=a, unit_id=co_am.id, parent_id=federation.id, on=JULY
        ),
        lambda a: organisation.merge_units(
            session, actor=a, unit_ids=[co_am.id], into_unit_id=federation.id, on=JULY
        ),
        lambda a: targets.create_plan(session, actor=a, year=2026, title="x"),
        lambda a: targets.set_target(session, actor=a, plan=plan, key="net_growth", value=1),
        lambda a: targets.allocate(
            session, actor=a, plan=plan, key="net_growth", unit_id=co_am.id, value=1
        ),
    ]
    for call in calls:
        for actor in (STAFF, VIEWER):
            with pytest.raises(PermissionDenied) as refused:
                call(actor)
            assert refused.value.key == "auth.denied_admin"
