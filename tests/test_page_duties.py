"""AppTests of the duty pages: activities, the organising network, Workers' Month."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import streamlit as st
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from core import audit, duties, versioning
from core.duties import ActivityIn, PersonIn
from core.models import Activity, AuditLog, NetworkPerson, TargetKey, UnitKind
from core.strings import t
from tests import factories as f
from tests.factories import STAFF
from tests.login import login_as

D = dt.date
APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def world(session, db_env):
    """A 2025 plan, the federation and two communes, committed for the app to read."""
    st.cache_data.clear()  # each test's database restarts its data version
    f.create_plan(session)
    federation = f.create_unit(session, "LĐLĐ huyện Vĩnh Bảo", UnitKind.federation)
    east = f.create_unit(session, "Đông", parent=federation)
    west = f.create_unit(session, "Tây", parent=federation)
    session.commit()
    return federation, east, west


def open_page(path: str, role: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    login_as(at, f"user_{role}", role)
    at.run()
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def by_label(elements, label: str, form: str | None = None):
    """The first widget with this label (inside `form`, if given)."""
    found = [
        element
        for element in elements
        if element.label == label and (form is None or element.form_id == form)
    ]
    assert found, f"no element labelled {label!r}"
    return found[0]


def table_with(at: AppTest, column: str):
    """The first table that has this column."""
    found = [frame.value for frame in at.dataframe if column in frame.value.columns]
    assert found, f"no table with a {column!r} column"
    return found[0]


def forms_of(at: AppTest, prefix: str) -> list[str]:
    """The page's forms (by their submit buttons), leaving out the sidebar's own."""
    return [b.form_id for b in at.button if b.form_id and b.form_id.startswith(prefix)]


def submit(at: AppTest, form_key: str) -> AppTest:
    button = next(b for b in at.button if b.form_id == form_key)
    return button.click().run()


# ---------------------------------------------------------------- activities


def test_viewer_reads_briefings_and_counts_without_forms(session, world):
    _, east, _ = world
    for kind, on in (
        ("briefing", D(2025, 3, 31)),
        ("training", D(2025, 4, 1)),
        ("training", D(2025, 6, 30)),
    ):
        duties.record_activity(
            session=session,
            data=ActivityIn(kind=kind, held_on=on, unit_id=east.id, title=f"{kind} {on}"),
            actor=STAFF,
        )
    session.commit()

    at = open_page("pages/activities.py", "viewer")
    assert [s.value for s in at.success] == [
        t("activities.briefing_held", q=1, year=2025, dates="31/03/2025")
    ]
    # Today is after 2025: the quarters without a briefing are overdue.
    assert [e.value for e in at.error] == [
        t("activities.briefing_overdue", q=q, year=2025) for q in (2, 3, 4)
    ]
    counts = table_with(at, t("count.year"))
    trainings = counts[counts[t("duty.kind")] == t("count.trainings")].iloc[0]
    assert list(trainings[1:]) == ["0", "2", "0", "0", "2"]
    listed = table_with(at, t("duty.title"))
    assert list(listed[t("duty.date")]) == ["30/06/2025", "01/04/2025", "31/03/2025"]
    assert forms_of(at, "activities_") == []
    assert t("duty.read_only") in [c.value for c in at.caption]


def test_staff_records_a_briefing_through_the_form(session, world):
    _, east, _ = world
    chair = duties.add_person(
        session=session,
        data=PersonIn(full_name="Phạm Xuân Hanh", body="steering_committee", since=D(2024, 1, 1)),
        actor=STAFF,
    )
    session.commit()

    at = open_page("pages/activities.py", "staff")
    form = "activities_new_briefing"
    by_label(at.date_input, t("duty.date"), form).set_value(D(2025, 4, 15))
    by_label(at.selectbox, t("duty.unit"), form).set_value(east.id)
    by_label(at.text_input, t("duty.title"), form).input("Giao ban quý I")
    by_label(at.number_input, t("duty.participants"), form).set_value(35)
    by_label(at.text_input, t("duty.chair"), form).input("Phạm Xuân Hanh")
    by_label(at.multiselect, t("duty.people"), form).select(chair.id)
    at = submit(at, form)
    assert not at.exception, at.exception
    session.expire_all()
    saved = session.exec(select(Activity)).one()
    assert (saved.kind, saved.held_on, saved.unit_id, saved.title, saved.participants) == (
        "briefing",
        D(2025, 4, 15),
        east.id,
        "Giao ban quý I",
        35,
    )
    assert saved.details == {"chair": "Phạm Xuân Hanh"}
    assert duties.activity_people(session, [saved.id]) == {saved.id: [chair.id]}
    audit = session.exec(select(AuditLog).where(AuditLog.table_name == "activity")).one()
    assert audit.username == "user_staff"
    # No refusal: only the quarters still without a briefing are flagged.
    assert [e.value for e in at.error] == [
        t("activities.briefing_overdue", q=q, year=2025) for q in (1, 3, 4)
    ]

    assert t("activities.briefing_held", q=2, year=2025, dates="15/04/2025") in [
        s.value for s in at.success
    ]


def test_a_second_save_of_the_same_activity_is_refused(session, world):
    _, east, _ = world
    training = duties.record_activity(
        session=session,
        data=ActivityIn(kind="training", held_on=D(2025, 5, 2), unit_id=east.id, title="Lần đầu"),
        actor=STAFF,
    )
    session.commit()
    at = open_page("pages/activities.py", "staff")
    form = f"activities_edit_{training.id}"
    title = by_label(at.text_input, t("duty.title"), form)

    # Someone else saves first.
    with Session(session.get_bind()) as other:
        duties.update_activity(
            session=other,
            activity_id=training.id,
            data=ActivityIn(kind="training", held_on=D(2025, 5, 2), unit_id=east.id, title="Khác"),
            expected_version=1,
            actor=STAFF,
        )
        other.commit()
    title.input("Của tôi")
    at = submit(at, form)
    stale = versioning.StaleEdit(*audit.changes_since(session, "activity", training.id, 1))
    assert stale.message() in [e.value for e in at.error]
    session.expire_all()
    assert session.get(Activity, training.id).title == "Khác"


# ---------------------------------------------------------------- network


def test_network_shows_idle_committee_members_and_staff_adds_a_person(session, world):
    _, east, _ = world
    active = duties.add_person(
        session=session,
        data=PersonIn(full_name="An", body="steering_committee", since=D(2024, 1, 1)),
        actor=STAFF,
    )
    duties.add_person(
        session=session,
        data=PersonIn(full_name="Bình", body="steering_committee", since=D(2024, 1, 1)),
        actor=STAFF,
    )
    duties.record_activity(
        session=session,
        data=ActivityIn(
            kind="outreach",
            held_on=D(2025, 12, 31),
            unit_id=east.id,
            title="Phát thanh",
            channel="commune_radio",
            person_ids=[active.id],
        ),
        actor=STAFF,
    )
    session.commit()

    viewer = open_page("pages/network.py", "viewer")
    assert [w.value for w in viewer.warning] == ["Bình"]  # Q4 2025, the last quarter of the plan
    assert forms_of(viewer, "network_") == []

    at = open_page("pages/network.py", "staff")
    form = "network_add"
    by_label(at.text_input, t("network.full_name"), form).input("Cường")
    by_label(at.text_input, t("network.represents"), form).input("UBND xã")
    by_label(at.selectbox, t("network.body"), form).set_value("unit_officer")
    by_label(at.selectbox, t("duty.unit"), form).set_value(east.id)
    at = submit(at, form)
    assert not at.exception, at.exception
    session.expire_all()
    added = session.exec(select(NetworkPerson).where(NetworkPerson.full_name == "Cường")).one()
    assert (added.body, added.unit_id, added.represents) == ("unit_officer", east.id, "UBND xã")
    officers = table_with(at, t("network.officer"))
    by_unit = dict(zip(officers[t("duty.unit")], officers[t("network.officer")], strict=True))
    assert by_unit == {"Xã Đông": "Cường", "Xã Tây": t("network.no_officer")}


# ---------------------------------------------------------------- Workers' Month


def test_workers_month_day_by_day(session, world):
    _, east, west = world
    old = f.create_union(session, unit_id=east.id)
    f.admit(session, old, D(2025, 5, 1))
    new = f.create_union(session, unit_id=west.id, founded_on=D(2025, 5, 20))
    for _ in range(3):
        f.admit(session, new, D(2025, 5, 20))
    session.commit()

    at = open_page("pages/workers_month.py", "viewer")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("wm.net")] == "4 / 500"
    assert metrics[t("wm.new_unions")] == "1 / 3"
    assert metrics[t("wm.admitted")] == "4"
    days = table_with(at, t("wm.cumulative_unions"))
    assert len(days) == 31
    assert list(days.iloc[0][[t("wm.day"), t("wm.cumulative_net")]]) == ["31/05/2025", "4"]
    day_20 = days[days[t("wm.day")] == "20/05/2025"].iloc[0]
    assert list(day_20[[t("wm.admitted"), t("wm.net"), t("wm.new_unions")]]) == ["3", "3", "1"]
    top = table_with(at, t("duty.unit"))
    assert list(top[t("duty.unit")]) == ["Tây", "Đông"]
    assert list(top[t("wm.net")]) == ["3", "1"]


def test_workers_month_before_the_window(session, db_env):
    st.cache_data.clear()
    f.create_plan(session, year=2099)
    f.create_unit(session, "LĐLĐ", UnitKind.federation)
    session.commit()
    at = open_page("pages/workers_month.py", "viewer")
    assert [i.value for i in at.info] == [t("wm.not_started", year=2099, start="01/05/2099")]


# ---------------------------------------------------------------- the briefing display


def test_display_shows_whether_the_quarters_briefing_was_held(session, world):
    import re

    from core.briefing import SLIDES
    from ui.briefing import PAUSED_KEY, SLIDE_KEY

    federation, _, _ = world
    duties.record_activity(
        session=session,
        data=ActivityIn(
            kind="briefing", held_on=D(2025, 12, 19), unit_id=federation.id, title="Q4"
        ),
        actor=STAFF,
    )
    session.commit()
    at = AppTest.from_file(APP, default_timeout=60)
    login_as(at, "tv", "viewer")
    at.run()
    at.switch_page("pages/display.py")
    at.session_state[SLIDE_KEY] = SLIDES.index("duties")
    at.session_state[PAUSED_KEY] = True
    at.run()
    assert not at.exception, at.exception
    slide = next(h.proto.body for h in at.get("html") if 'data-slide="duties"' in h.proto.body)
    text = " ".join(re.sub(r"<[^>]+>", " ", slide).split())
    assert t("duties.slide_title", period="Quý IV/2025") in text
    assert f"{t('duties.slide_held')} 19/12/2025" in text


# ---------------------------------------------------------------- the overview's gauge row


def test_overview_shows_a_gauge_per_duty_target(session, world):
    from core.models import PlanTarget

    federation, _, _ = world
    plan_id = session.exec(select(PlanTarget.plan_id)).first()
    session.add(PlanTarget(plan_id=plan_id, key=TargetKey.trainings_held, value=6))
    for on in (D(2025, 3, 1), D(2025, 9, 1)):
        duties.record_activity(
            session=session,
            data=ActivityIn(kind="training", held_on=on, unit_id=federation.id, title="Kỹ năng"),
            actor=STAFF,
        )
    session.commit()

    at = AppTest.from_file(APP, default_timeout=60)
    login_as(at, "lead", "viewer")
    at.run()
    assert not at.exception, at.exception
    shown = {metric.label: (metric.value, metric.delta) for metric in at.metric}
    # On 31/12/2025 all six trainings were due: two held, four behind.
    assert shown[t("target.trainings_held")] == ("2", "-4")
    assert shown[t("target.party_cells")] == ("0", "")  # no target, no pace
    captions = [caption.value for caption in at.caption]
    assert f"**2 / 6** · {t('duty.expected')}: 6" in captions
    assert captions.count(t("duty.no_target")) == 3


def test_staff_assigns_a_prospect_to_an_officer(session, world):
    _, east, _ = world
    big = f.create_enterprise(
        session, name="Công ty May Vĩnh Bảo", worker_count=300, unit_id=east.id
    )
    f.create_enterprise(
        session, name="Công ty Gỗ", worker_count=40, unit_id=east.id, officer="Hằng"
    )
    duties.add_person(
        session=session,
        data=PersonIn(full_name="Dũng", body="unit_officer", since=D(2024, 1, 1), unit_id=east.id),
        actor=STAFF,
    )
    session.commit()

    at = open_page("pages/network.py", "staff")
    workload = table_with(at, t("network.prospect_count"))
    assert list(workload[t("network.officer")]) == ["Hằng", t("network.unassigned")]
    at.selectbox(key="network_officer").select_index(1).run()  # the unassigned
    by_label(at.selectbox, t("duty.enterprise"), "network_assign").set_value(big.id)
    by_label(at.selectbox, t("network.assign_to"), "network_assign").set_value("Dũng")
    at = submit(at, "network_assign")
    assert not at.exception, at.exception

    session.expire_all()
    assert session.get(type(big), big.id).officer == "Dũng"
    workload = table_with(at, t("network.prospect_count"))
    officers, counts = workload[t("network.officer")], workload[t("network.prospect_count")]
    assert dict(zip(officers, counts, strict=True)) == {"Dũng": "1", "Hằng": "1"}
