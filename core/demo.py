"""Deterministic demo data: the Vĩnh Bảo district (default) or a city-sized data set for benchmarks.

The district is generated so that 2025 ends near its targets but not at them. Everything comes from
one seeded random generator, so two runs give the same database. Rows are written with bulk inserts
(the city has a million members); the kept member counters are refreshed from the events afterwards.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import bindparam, insert, text, update
from sqlmodel import Session, func, select

from core import duties_demo, plans
from core.db import bump_data_version
from core.membership import refresh_active_members
from core.models import (
    Enterprise,
    EventKind,
    GrassrootsUnion,
    LeaveReason,
    Member,
    MembershipEvent,
    OrganisingStage,
    OrgUnit,
    Ownership,
    TargetKey,
    UnionKind,
    UnitKind,
    UnitLink,
    utcnow,
)
from core.text import search_name

REORGANISED_ON = dt.date(2025, 7, 1)  # Resolution 1669/NQ-UBTVQH15
HISTORY_START = dt.date(2000, 1, 1)
FEDERATION = "LĐLĐ huyện Vĩnh Bảo"

# Old commune (before 1/7/2025) -> new commune it became part of. The grouping is illustrative.
OLD_TO_NEW: dict[str, str] = {
    "Thị trấn Vĩnh Bảo": "Vĩnh Bảo",
    "Tân Hưng": "Vĩnh Bảo",
    "Tân Liên": "Vĩnh Bảo",
    "Lý Học": "Nguyễn Bỉnh Khiêm",
    "Trung Lập": "Nguyễn Bỉnh Khiêm",
    "Vĩnh Long": "Nguyễn Bỉnh Khiêm",
    "Cổ Am": "Vĩnh Am",
    "Tam Cường": "Vĩnh Am",
    "Liên Am": "Vĩnh Am",
    "Vĩnh Hải": "Vĩnh Hải",
    "Vĩnh An": "Vĩnh Hải",
    "Hùng Tiến": "Vĩnh Hải",
    "Vĩnh Hòa": "Vĩnh Hòa",
    "Hiệp Hòa": "Vĩnh Hòa",
    "Cao Minh": "Vĩnh Hòa",
    "Hòa Bình": "Vĩnh Thịnh",
    "Tiền Phong": "Vĩnh Thịnh",
    "Thắng Thủy": "Vĩnh Thịnh",
    "Trấn Dương": "Vĩnh Thuận",
    "Giang Biên": "Vĩnh Thuận",
    "Dũng Tiến": "Vĩnh Thuận",
    "Việt Tiến": "Vĩnh Thuận",
}
NEW_COMMUNES = [
    "Vĩnh Bảo",
    "Nguyễn Bỉnh Khiêm",
    "Vĩnh Am",
    "Vĩnh Hải",
    "Vĩnh Hòa",
    "Vĩnh Thịnh",
    "Vĩnh Thuận",
]
CLUSTERS = [
    ("Cụm thi đua số 1", UnitKind.cluster),
    ("Cụm thi đua số 2", UnitKind.cluster),
    ("Cụm thi đua số 3", UnitKind.cluster),
    ("Khối Doanh nghiệp", UnitKind.block),
    ("Khối Hành chính sự nghiệp", UnitKind.block),
]

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Phan",
    "Đinh",
    "Mạc",
    "Lương",
    "Tô",
    "Đào",
    "Cao",
]
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Thành", "Ngọc"]
MIDDLE_FEMALE = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Kim", "Phương"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Toàn",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
    "Hiếu",
]
GIVEN_FEMALE = [
    "Anh",
    "Chi",
    "Dung",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Thảo",
    "Trang",
    "Yến",
]
TRADES = [
    "May mặc",
    "Giày da",
    "Chế biến gỗ",
    "Cơ khí",
    "Điện tử",
    "Chế biến thực phẩm",
    "Vật liệu xây dựng",
    "Xây dựng",
    "Vận tải",
    "Thương mại",
    "Nông nghiệp công nghệ cao",
]
COMPANY_WORDS = [
    "Minh Phát",
    "Hoàng Long",
    "Thành Công",
    "An Phú",
    "Đại Dương",
    "Việt Hưng",
    "Phú Thái",
    "Hải Âu",
    "Tân Tiến",
    "Hưng Thịnh",
    "Bảo An",
    "Kim Long",
    "Sao Mai",
    "Trường Sơn",
    "Đông Á",
    "Nam Việt",
    "Thiên Phúc",
    "Hồng Hà",
    "Quang Minh",
    "Hà Anh",
]
PUBLIC_BODIES = [
    "Trường THPT Vĩnh Bảo",
    "Trường THPT Nguyễn Bỉnh Khiêm",
    "Trung tâm Y tế huyện",
    "Trường THCS Vĩnh An",
    "Trường Tiểu học Cổ Am",
    "Bệnh viện đa khoa huyện",
    "Trung tâm Văn hóa, Thông tin và Thể thao huyện",
    "Kho bạc Nhà nước huyện",
]
TRADE_UNIONS = [
    "Nghiệp đoàn xe ôm công nghệ",
    "Nghiệp đoàn nghề cá",
    "Nghiệp đoàn buôn bán chợ",
    "Nghiệp đoàn thợ xây tự do",
]


@dataclass(frozen=True)
class Scale:
    name: str
    enterprises: int
    unions: int
    members_before: int  # members at the end of the previous year
    admissions: int  # admissions in the plan year
    departures: int  # departures in the plan year
    transfers: int  # transfers between unions in the plan year
    new_unions: int  # unions founded in the plan year
    workers_month_new_unions: int
    workers_month_share: float  # share of the year's admissions that fall in May


DISTRICT = Scale("district", 120, 40, 9_700, 3_420, 1_060, 60, 6, 3, 0.13)
CITY = Scale("city", 30_000, 5_000, 850_000, 230_000, 80_000, 3_000, 140, 45, 0.16)
SCALES = {"district": DISTRICT, "city": CITY}
YEAR = 2025
SEED = 20250


def is_empty(session: Session) -> bool:
    return (
        not session.exec(select(func.count()).select_from(Member)).one()
        and not session.exec(select(func.count()).select_from(OrgUnit)).one()
    )


def _day_in(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _plan_year_day(rng: random.Random, scale: Scale, year_end: dt.date) -> dt.date:
    """A date in the plan year with Workers' Month (May) weighted as the campaign makes it."""
    if rng.random() < scale.workers_month_share:
        return _day_in(rng, dt.date(YEAR, 5, 1), dt.date(YEAR, 5, 31))
    while True:
        day = _day_in(rng, dt.date(YEAR, 1, 1), year_end)
        if day.month != 5:
            return day


_NAMES: dict[str, tuple[str, str]] = {}  # full name -> (full name, search name)


def _person(rng: random.Random, index: int) -> tuple:
    """(full_name, search_name, birth_date, birth_year, gender, cccd) of one generated person."""
    female = rng.random() < 0.58
    surname = rng.choice(SURNAMES)
    middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    name = f"{surname} {middle} {given}"
    # A few thousand distinct names: compute each search form once and share the strings.
    known = _NAMES.get(name)
    if known is None:
        known = _NAMES[name] = (name, search_name(name))
    birth = _day_in(rng, dt.date(1966, 1, 1), dt.date(2006, 12, 31))
    century = (0 if birth.year < 2000 else 2) + (1 if female else 0)
    province = "031" if rng.random() < 0.8 else rng.choice(["030", "034", "022", "036"])
    if index >= 1_000_000:
        # Six serial digits run out past a million people: the rest come from Hà Nội (001).
        province = f"{index // 1_000_000:03d}"
    cccd = f"{province}{century}{birth.year % 100:02d}{index % 1_000_000:06d}"
    only_year = rng.random() < 0.05
    return (
        *known,
        None if only_year else birth,
        birth.year,
        "female" if female else "male",
        cccd,
    )


MEMBER_COLUMNS = (
    "id",
    "full_name",
    "search_name",
    "birth_date",
    "birth_year",
    "gender",
    "cccd",
    "nationality",
    "union_id",
    "card_no",
    "status",
    "joined_on",
    "left_on",
    "created_at",
    "updated_at",
    "version",
)
EVENT_COLUMNS = (
    "id",
    "member_id",
    "union_id",
    "kind",
    "occurred_on",
    "reason",
    "other_union_id",
    "created_at",
)


def seed(session: Session, scale: Scale = DISTRICT, *, year_end: dt.date | None = None) -> None:
    """Fill an empty database with the demo data set; one transaction."""
    rng = random.Random(SEED)
    year_end = year_end or dt.date(YEAR, 12, 31)
    now = utcnow()
    plans.ensure_plan_2025(session, by_user="demo")

    # Units: the federation, old communes until 1/7/2025, new communes from then, clusters.
    federation = OrgUnit(name=FEDERATION, kind=UnitKind.federation)
    session.add(federation)
    session.flush()
    new_units: dict[str, OrgUnit] = {}
    for name in NEW_COMMUNES:
        unit = OrgUnit(name=f"Xã {name}", kind=UnitKind.commune, valid_from=REORGANISED_ON)
        session.add(unit)
        new_units[name] = unit
    old_units: list[OrgUnit] = []
    for name in OLD_TO_NEW:
        kind = UnitKind.town if name.startswith("Thị trấn") else UnitKind.commune
        label = name if kind == UnitKind.town else f"Xã {name} (cũ)"
        unit = OrgUnit(name=label, kind=kind, valid_to=REORGANISED_ON)
        session.add(unit)
        old_units.append(unit)
    clusters = [OrgUnit(name=name, kind=kind) for name, kind in CLUSTERS]
    session.add_all(clusters)
    session.flush()
    for unit in new_units.values():
        session.add(UnitLink(unit_id=unit.id, parent_id=federation.id, valid_from=REORGANISED_ON))
    for unit, old_name in zip(old_units, OLD_TO_NEW, strict=True):
        session.add(
            UnitLink(
                unit_id=unit.id,
                parent_id=federation.id,
                valid_from=HISTORY_START,
                valid_to=REORGANISED_ON,
            )
        )
        session.add(
            UnitLink(
                unit_id=unit.id,
                parent_id=new_units[OLD_TO_NEW[old_name]].id,
                valid_from=REORGANISED_ON,
            )
        )
    for cluster in clusters:
        session.add(UnitLink(unit_id=cluster.id, parent_id=federation.id, valid_from=HISTORY_START))
    session.flush()

    # Enterprises.
    enterprise_rows = []
    for i in range(scale.enterprises):
        unit = rng.choice(old_units)
        ownership = rng.choices(
            [
                Ownership.non_state_domestic,
                Ownership.fdi,
                Ownership.cooperative,
                Ownership.household,
                Ownership.state,
            ],
            weights=[62, 14, 8, 10, 6],
        )[0]
        # Worker counts of enterprises that get a union are set from their members further down;
        # of the others most are small, and about one in ten is a prospect (≥ 20 workers).
        if rng.random() < 0.10:
            workers_value = rng.randint(20, 90)
        elif rng.random() < 0.05:
            workers_value = None
        else:
            workers_value = rng.randint(3, 19)
        commune = unit.name.replace("Xã ", "").replace(" (cũ)", "")
        enterprise_rows.append(
            {
                "tax_code": f"02{rng.randint(0, 99_999_999):08d}" if i % 7 else f"020{i:07d}",
                "name": f"Công ty TNHH {rng.choice(COMPANY_WORDS)} {i + 1}",
                "address": f"Thôn {rng.randint(1, 12)}, {commune}, Vĩnh Bảo, Hải Phòng",
                "commune_name": commune,
                "unit_id": unit.id,
                "ownership": ownership,
                "trade": rng.choice(TRADES),
                "worker_count": workers_value,
                "is_stable": rng.random() > 0.05,
                "stage": None,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
        )
    seen_codes: set[str] = set()
    for i, row in enumerate(enterprise_rows):
        if row["tax_code"] in seen_codes:
            row["tax_code"] = f"029{i:07d}"
        seen_codes.add(row["tax_code"])
    session.connection().execute(insert(Enterprise.__table__), enterprise_rows)
    enterprises = session.exec(
        select(Enterprise.id, Enterprise.worker_count, Enterprise.unit_id).order_by(Enterprise.id)
    ).all()

    # Unions: most on the larger enterprises, some public bodies and trade unions.
    n_public = max(3, scale.unions // 8)
    n_trade = max(2, scale.unions // 15)
    n_enterprise = scale.unions - n_public - n_trade
    unionised = rng.sample(list(enterprises), n_enterprise)
    union_rows = []
    founded_this_year = set(rng.sample(range(n_enterprise), scale.new_unions))
    in_may = set(rng.sample(sorted(founded_this_year), scale.workers_month_new_unions))
    for i, (enterprise_id, _workers, unit_id) in enumerate(unionised):
        if i in in_may:
            founded = _day_in(rng, dt.date(YEAR, 5, 2), dt.date(YEAR, 5, 30))
        elif i in founded_this_year:
            founded = _plan_year_day(
                rng, Scale(**{**scale.__dict__, "workers_month_share": 0}), year_end
            )
        else:
            founded = _day_in(rng, dt.date(2003, 1, 1), dt.date(YEAR - 1, 12, 31))
        union_rows.append(
            {
                "name": f"CĐCS {enterprise_id}",
                "kind": UnionKind.enterprise,
                "enterprise_id": enterprise_id,
                "unit_id": unit_id,
                "cluster_id": rng.choice(clusters[:3]).id if rng.random() < 0.6 else clusters[3].id,
                "founded_on": founded,
                "decision_no": f"{rng.randint(10, 300)}/QĐ-LĐLĐ",
            }
        )
    for i in range(n_public):
        base = PUBLIC_BODIES[i % len(PUBLIC_BODIES)]
        name = base if i < len(PUBLIC_BODIES) else f"{base} {i // len(PUBLIC_BODIES) + 1}"
        union_rows.append(
            {
                "name": f"CĐCS {name}",
                "kind": UnionKind.public_body,
                "enterprise_id": None,
                "unit_id": rng.choice(old_units).id,
                "cluster_id": clusters[4].id,
                "founded_on": _day_in(rng, dt.date(1995, 1, 1), dt.date(2015, 12, 31)),
                "decision_no": f"{rng.randint(10, 300)}/QĐ-LĐLĐ",
            }
        )
    for i in range(n_trade):
        base = TRADE_UNIONS[i % len(TRADE_UNIONS)]
        unit = rng.choice(old_units)
        union_rows.append(
            {
                "name": f"{base} {unit.name.replace('Xã ', '').replace(' (cũ)', '')}"
                + (f" {i // len(TRADE_UNIONS) + 1}" if i >= len(TRADE_UNIONS) else ""),
                "kind": UnionKind.trade,
                "enterprise_id": None,
                "unit_id": unit.id,
                "cluster_id": rng.choice(clusters[:3]).id,
                "founded_on": _day_in(rng, dt.date(2016, 1, 1), dt.date(YEAR - 1, 12, 31)),
                "decision_no": f"{rng.randint(10, 300)}/QĐ-LĐLĐ",
            }
        )
    company_names = {row[0]: None for row in unionised}
    for row in session.exec(
        select(Enterprise.id, Enterprise.name).where(Enterprise.id.in_(list(company_names)))
    ).all():
        company_names[row[0]] = row[1]
    for row in union_rows:
        if row["enterprise_id"] is not None:
            row["name"] = f"CĐCS {company_names[row['enterprise_id']]}"
        row.update({"created_at": now, "updated_at": now, "version": 1, "active_members": 0})
    session.connection().execute(insert(GrassrootsUnion.__table__), union_rows)
    unions = session.exec(
        select(
            GrassrootsUnion.id, GrassrootsUnion.founded_on, GrassrootsUnion.enterprise_id
        ).order_by(GrassrootsUnion.id)
    ).all()
    weights = [rng.lognormvariate(0, 0.8) for _ in unions]
    old_unions = [u for u in unions if u[1] and u[1].year < YEAR]
    old_weights = [w for u, w in zip(unions, weights, strict=True) if u[1] and u[1].year < YEAR]

    # Enterprises with a union know since when; a few prospects are already being organised.
    stages = list(OrganisingStage)[:-1]
    organising = []
    for enterprise_id, workers, _unit in enterprises:
        if enterprise_id in company_names or (workers or 0) < 20:
            continue
        if rng.random() < 0.6:
            organising.append(
                {
                    "b_id": enterprise_id,
                    "stage": rng.choice(stages),
                    "stage_since": _day_in(rng, dt.date(YEAR, 1, 1), year_end),
                    "officer": rng.choice(["Nguyễn Thị Hằng", "Trần Văn Dũng", "Phạm Minh Tuấn"]),
                }
            )
    if organising:
        session.connection().execute(
            update(Enterprise)
            .where(Enterprise.id == bindparam("b_id"))
            .values(
                stage=bindparam("stage"),
                stage_since=bindparam("stage_since"),
                officer=bindparam("officer"),
            ),
            organising,
        )
    founded_of = {u[0]: u[1] for u in unions}
    session.connection().execute(
        update(Enterprise)
        .where(Enterprise.id == bindparam("b_id"))
        .values(union_since=bindparam("since")),
        [{"b_id": ent, "since": founded_of[uid]} for uid, _f, ent in unions if ent],
    )

    # Members: those who were members at the end of last year, then this year's movements. A
    # million rows: kept as tuples and parallel lists, not dicts, and loaded in bulk.
    people: list[tuple] = []
    member_union: list[int] = []
    joined_on: list[dt.date] = []
    left_on: dict[int, dt.date] = {}
    events: list[tuple[int, int, str, dt.date, str | None, int | None]] = []

    def add_member(union_id: int, joined: dt.date) -> int:
        index = len(people)
        people.append(_person(rng, index))
        member_union.append(union_id)
        joined_on.append(joined)
        events.append((index, union_id, EventKind.admitted, joined, None, None))
        return index

    last_year_end = dt.date(YEAR - 1, 12, 31)
    for union_id, founded, _e in rng.choices(
        old_unions, weights=old_weights, k=scale.members_before
    ):
        add_member(union_id, _day_in(rng, max(founded, HISTORY_START), last_year_end))

    active = list(range(len(people)))

    this_year = [u for u in unions if u[1] and u[1].year == YEAR]
    # The same draws as choices(weights=...) without summing 5.000 weights on every call.
    cumulative = list(itertools.accumulate(weights))
    for k in range(scale.admissions):
        # New unions bring their founding members in the month they are founded.
        if this_year and k < len(this_year) * 25:
            union_id, founded, _e = this_year[k % len(this_year)]
            joined = min(founded + dt.timedelta(days=rng.randint(0, 10)), year_end)
        else:
            union_id, founded, _e = rng.choices(unions, cum_weights=cumulative, k=1)[0]
            joined = _plan_year_day(rng, scale, year_end)
            if founded and joined < founded:
                joined = min(founded + dt.timedelta(days=rng.randint(0, 20)), year_end)
        active.append(add_member(union_id, joined))

    rng.shuffle(active)
    leavers = active[: scale.departures]
    movers = active[scale.departures : scale.departures + scale.transfers]
    reasons = [
        LeaveReason.quit_job,
        LeaveReason.retired,
        LeaveReason.moved_away,
        LeaveReason.died,
        LeaveReason.removed,
    ]
    for i in leavers:
        start = max(joined_on[i], dt.date(YEAR, 1, 1))
        if start > year_end:
            continue
        left = _day_in(rng, start, year_end)
        reason = rng.choices(reasons, weights=[70, 12, 12, 2, 4])[0]
        events.append((i, member_union[i], EventKind.left, left, reason, None))
        left_on[i] = left
    union_ids = [u[0] for u in unions]
    for i in movers:
        start = max(joined_on[i], dt.date(YEAR, 1, 1))
        if start > year_end:
            continue
        on = _day_in(rng, start, year_end)
        source = member_union[i]
        target = rng.choice(union_ids)
        if target == source or (founded_of.get(target) and founded_of[target] > on):
            continue
        events.append((i, source, EventKind.transfer_out, on, None, target))
        events.append((i, target, EventKind.transfer_in, on, None, source))
        member_union[i] = target

    first_id = _next_id(session, Member)
    _load(
        session,
        Member,
        MEMBER_COLUMNS,
        (
            (
                first_id + i,
                *person,
                "VN",
                member_union[i],
                f"DV{i + 1:07d}",
                "left" if i in left_on else "active",
                joined_on[i],
                left_on.get(i),
                now,
                now,
                1,
            )
            for i, person in enumerate(people)
        ),
    )
    people.clear()  # free the memory before the events are loaded
    first_event = _next_id(session, MembershipEvent)
    _load(
        session,
        MembershipEvent,
        EVENT_COLUMNS,
        (
            (first_event + n, first_id + i, union_id, kind, on, reason, other, now)
            for n, (i, union_id, kind, on, reason, other) in enumerate(events)
        ),
    )
    refresh_active_members(session)

    # An enterprise with a union employs a few more people than its union has members.
    members_of = dict(
        session.exec(
            select(GrassrootsUnion.enterprise_id, GrassrootsUnion.active_members).where(
                GrassrootsUnion.enterprise_id.is_not(None)
            )
        ).all()
    )
    session.connection().execute(
        update(Enterprise)
        .where(Enterprise.id == bindparam("b_id"))
        .values(worker_count=bindparam("workers")),
        [
            {"b_id": ent, "workers": max(20, round(count / rng.uniform(0.80, 0.99)))}
            for ent, count in sorted(members_of.items())
        ],
    )

    # Share the year's net growth target across the new communes by their size.
    plan = plans.get_plan(session, YEAR)
    sizes = {name: 0 for name in NEW_COMMUNES}
    unit_of_union = {u["name"]: u["unit_id"] for u in union_rows}
    old_name_of = {unit.id: name for unit, name in zip(old_units, OLD_TO_NEW, strict=True)}
    for row in union_rows:
        sizes[OLD_TO_NEW[old_name_of[unit_of_union[row["name"]]]]] += 1
    total = sum(sizes.values()) or 1
    for name, count in sizes.items():
        for key, target in ((TargetKey.net_growth, 2500), (TargetKey.new_unions, 7)):
            plans.allocate(
                session,
                plan=plan,
                key=key,
                unit_id=new_units[name].id,
                value=round(target * count / total),
                by_user="demo",
            )
    # A year of the plan's other duties: briefings, training, outreach, Party work.
    duties_demo.seed_demo(session, year=YEAR)
    bump_data_version(session)
    analyze(session)


def _next_id(session: Session, model) -> int:
    return int(session.exec(select(func.coalesce(func.max(model.id), 0))).one()) + 1


def _load(
    session: Session, model, columns: tuple[str, ...], rows: Iterable[tuple], chunk: int = 20_000
) -> None:
    """Bulk-load rows given as tuples in `columns` order (with explicit ids), in the session's
    transaction: COPY on PostgreSQL, executemany of plain tuples on SQLite."""
    connection = session.connection()
    dialect = connection.dialect
    raw = connection.connection.driver_connection
    table = model.__table__
    names = ", ".join(columns)
    if dialect.name == "postgresql":
        with raw.cursor() as cursor:
            with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table.name}))"
            )
        return
    # SQLite stores dates and times as text: convert them as SQLAlchemy would, once per value.
    converters: list[tuple[int, Callable]] = []
    for position, name in enumerate(columns):
        processor = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            converters.append((position, _memoised(processor)))
    statement = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(columns))})"
    cursor = raw.cursor()
    rows = iter(rows)
    try:
        while batch := list(itertools.islice(rows, chunk)):
            if converters:
                converted = []
                for row in batch:
                    values = list(row)
                    for position, convert in converters:
                        values[position] = convert(values[position])
                    converted.append(values)
                batch = converted
            cursor.executemany(statement, batch)
    finally:
        cursor.close()


def _memoised(processor: Callable) -> Callable:
    cache: dict = {}

    def convert(value):
        try:
            return cache[value]
        except KeyError:
            result = cache[value] = processor(value)
            return result

    return convert


def analyze(session: Session) -> None:
    """Refresh the planner's statistics after a bulk load (PostgreSQL and SQLite)."""
    session.exec(text("ANALYZE"))
