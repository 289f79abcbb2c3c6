"""Demo data for the plan's other duties: a year of briefings, training, outreach, surveys, Party
work and the organising network, written through core.duties like any staff entry.

Deterministic and small (a few dozen rows). The year is told as it often goes: the fourth
quarter's briefing has not been held, training is one session short, one committee member has
done nothing since the summer and one new commune has no officer yet.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from core import duties, plans, targets
from core.access import Actor
from core.duties import ActivityIn, PartyCellIn, PartyIntroductionIn, PersonIn
from core.metrics import prospect_conditions
from core.models import (
    NON_STATE_OWNERSHIPS,
    Enterprise,
    GrassrootsUnion,
    Member,
    OrgUnit,
    TargetKey,
    UnitKind,
)
from core.units import selectable_units

DEMO_ACTOR = Actor(username="demo", role="admin")
DUTY_TARGETS_2025 = {
    TargetKey.briefings_held: 4,  # the plan: one a quarter
    TargetKey.trainings_held: 4,
    TargetKey.party_introductions: 10,
    TargetKey.party_cells: 2,
}
COMMITTEE = [
    ("Phạm Xuân Hanh", "Trưởng ban", "LĐLĐ huyện"),
    ("Nguyễn Văn Thành", "Phó Trưởng ban", "Ban Tổ chức Huyện ủy"),
    ("Trần Thị Lan", "Ủy viên", "UBND huyện"),
    ("Vũ Đức Minh", "Ủy viên", "Phòng Nội vụ"),
    ("Hoàng Thị Thu", "Ủy viên", "Chi cục Thuế khu vực"),
    ("Đỗ Văn Hải", "Ủy viên", "Bảo hiểm xã hội huyện"),
    ("Lê Thị Ngọc", "Ủy viên", "Trung tâm Văn hóa, Thông tin và Du lịch"),
]
OFFICERS = ["Nguyễn Thị Hằng", "Trần Văn Dũng", "Phạm Minh Tuấn", "Bùi Thị Hoa", "Đặng Văn Long"]
COLLABORATORS = ["Ngô Thị Mai", "Lương Văn Tú", "Phan Thị Yến", "Mạc Văn Khoa"]
OUTREACH = [
    (dt.date(2025, 2, 20), "commune_radio", "Lợi ích khi gia nhập Công đoàn", 3500),
    (dt.date(2025, 4, 22), "huong_cong_app", "Cài đặt App Hướng Công", 1200),
    (dt.date(2025, 4, 28), "meeting", "Phát động Tháng Công nhân", 450),
    (dt.date(2025, 5, 12), "social_media", "Tháng Công nhân trên mạng xã hội", 6800),
    (dt.date(2025, 5, 20), "press", "Mô hình nghiệp đoàn lái xe", 15000),
    (dt.date(2025, 8, 15), "commune_radio", "Phúc lợi đoàn viên", 2900),
    (dt.date(2025, 10, 10), "social_media", "Luật Công đoàn 2024", 5200),
    (dt.date(2025, 11, 18), "huong_cong_app", "Ưu đãi cho đoàn viên", 1600),
]


def _communes(session: Session, on: dt.date) -> list[OrgUnit]:
    return [
        unit
        for unit in selectable_units(session, on)
        if unit.kind in (UnitKind.commune, UnitKind.town)
    ]


def seed_demo(session: Session, *, year: int = 2025) -> None:
    """Add the duties of `year` to a database that has the demo units, unions and enterprises."""
    federation = session.exec(select(OrgUnit).where(OrgUnit.kind == UnitKind.federation)).first()
    plan = plans.get_plan(session, year)
    if federation is None or plan is None:
        return
    for key, value in DUTY_TARGETS_2025.items():
        targets.set_target(session, actor=DEMO_ACTOR, plan=plan, key=key, value=value)

    def person(name: str, body: str, since: dt.date, **extra) -> int:
        data = PersonIn(full_name=name, body=body, since=since, **extra)
        return duties.add_person(session=session, data=data, actor=DEMO_ACTOR).id

    start = dt.date(year, 1, 1)
    committee = [
        person(name, "steering_committee", dt.date(year - 1, 3, 1), position=pos, represents=body)
        for name, pos, body in COMMITTEE
    ]
    group = [
        person(name, "working_group", start, group_name="Tổ công tác phát triển đoàn viên")
        for name in OFFICERS[:3]
    ]
    for name in COLLABORATORS:
        person(name, "collaborator", start)
    new_communes = _communes(session, dt.date(year, 12, 31))
    for name, unit in zip(OFFICERS, new_communes[:-1], strict=False):
        person(name, "unit_officer", max(start, unit.valid_from or start), unit_id=unit.id)

    def activity(kind: str, on: dt.date, title: str, people: list[int], **extra) -> None:
        unit_id = extra.pop("unit_id", federation.id)
        data = ActivityIn(
            kind=kind, held_on=on, unit_id=unit_id, title=title, person_ids=people, **extra
        )
        duties.record_activity(session=session, data=data, actor=DEMO_ACTOR)

    # The committee's last member stops taking part after the second quarter.
    everyone, active = committee, committee[:-1]
    for quarter, on in ((1, dt.date(year, 3, 28)), (2, dt.date(year, 6, 27))):
        activity(
            "briefing",
            on,
            f"Giao ban công tác phát triển đoàn viên quý {quarter}",
            everyone,
            chair=COMMITTEE[0][0],
            participants=len(everyone) + 12,
        )
    activity(
        "briefing",
        dt.date(year, 9, 26),
        "Giao ban công tác phát triển đoàn viên quý 3",
        active,
        chair=COMMITTEE[0][0],
        participants=len(active) + 12,
    )
    for on, topic, trainees in (
        (dt.date(year, 3, 14), "Kỹ năng vận động thành lập CĐCS ngoài nhà nước", 45),
        (dt.date(year, 6, 10), "Nghiệp vụ phát triển đoàn viên cho cán bộ cơ sở", 60),
        (dt.date(year, 10, 21), "Luật Công đoàn 2024 và đoàn viên là người nước ngoài", 38),
    ):
        activity("training", on, topic, group + active[:2], participants=trainees)
    for n, (on, channel, title, reach) in enumerate(OUTREACH):
        communes = _communes(session, on)
        activity(
            "outreach",
            on,
            title,
            [active[n % len(active)]],
            channel=channel,
            participants=reach,
            unit_id=communes[n % len(communes)].id if communes else federation.id,
        )
    prospects = session.exec(
        select(Enterprise)
        .where(*prospect_conditions(dt.date(year, 12, 31)))
        .order_by(Enterprise.worker_count.desc(), Enterprise.id)
        .limit(5)
    ).all()
    for n, enterprise in enumerate(prospects):
        activity(
            "survey",
            dt.date(year, 2 + 2 * n, 5 + n),
            f"Khảo sát {enterprise.name}",
            [group[n % len(group)]],
            enterprise_id=enterprise.id,
            unit_id=enterprise.unit_id or federation.id,
        )
    activity("annual_review", dt.date(year, 12, 29), f"Tổng kết năm {year}", active)

    members = session.exec(
        select(Member.id, Member.full_name, Member.union_id, GrassrootsUnion.unit_id)
        .join(GrassrootsUnion, GrassrootsUnion.id == Member.union_id)
        .where(Member.deleted_at.is_(None), GrassrootsUnion.unit_id.is_not(None))
        .order_by(Member.id)
        .limit(9)
    ).all()
    for n, (member_id, name, union_id, unit_id) in enumerate(members):
        introduced = dt.date(year, 1 + n, 10 + n)
        data = PartyIntroductionIn(
            introduced_on=introduced,
            unit_id=unit_id,
            full_name=name,
            member_id=member_id,
            union_id=union_id,
            admitted_on=introduced + dt.timedelta(days=120) if n < 3 else None,
        )
        duties.record_party_introduction(session=session, data=data, actor=DEMO_ACTOR)
    companies = session.exec(
        select(Enterprise)
        .where(
            Enterprise.deleted_at.is_(None),
            Enterprise.union_since.is_not(None),
            Enterprise.ownership.in_([o.value for o in NON_STATE_OWNERSHIPS]),
            Enterprise.unit_id.is_not(None),
        )
        .order_by(Enterprise.worker_count.desc(), Enterprise.id)
        .limit(1)
    ).all()
    for enterprise in companies:
        data = PartyCellIn(
            name=f"Chi bộ {enterprise.name}",
            enterprise_id=enterprise.id,
            founded_on=dt.date(year, 8, 19),
            decision_no=f"{enterprise.id}-QĐ/HU",
        )
        duties.record_party_cell(session=session, data=data, actor=DEMO_ACTOR)
