"""Database tables.

Every figure is computed from dated rows here: membership events carry the date they happened on,
unions their founding and dissolution dates, unit links the dates they were valid. Records are never
deleted: `deleted_at` hides them from figures and lists, and the audit log keeps every before/after.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Index,
    UniqueConstraint,
    text,
)
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _check_in(column: str, enum: type[StrEnum], name: str) -> CheckConstraint:
    values = ", ".join(f"'{v.value}'" for v in enum)
    return CheckConstraint(f"{column} IN ({values})", name=name)


class UnitKind(StrEnum):
    federation = "federation"
    commune = "commune"
    town = "town"
    cluster = "cluster"
    block = "block"


class UnionKind(StrEnum):
    enterprise = "enterprise"  # CĐCS of an enterprise
    public_body = "public_body"  # CĐCS of a public body
    trade = "trade"  # nghiệp đoàn cơ sở


class Ownership(StrEnum):
    state = "state"
    non_state_domestic = "non_state_domestic"
    fdi = "fdi"
    cooperative = "cooperative"
    household = "household"


NON_STATE_OWNERSHIPS = (
    Ownership.non_state_domestic,
    Ownership.fdi,
    Ownership.cooperative,
    Ownership.household,
)


class OrganisingStage(StrEnum):
    surveyed = "surveyed"
    contacted = "contacted"
    campaigning = "campaigning"
    applications = "applications"  # ≥ 5 applications
    congress = "congress"  # founding congress
    recognised = "recognised"


class Gender(StrEnum):
    male = "male"
    female = "female"


class EventKind(StrEnum):
    admitted = "admitted"
    transfer_in = "transfer_in"
    transfer_out = "transfer_out"
    left = "left"


# The sign of each event in net growth: a transfer is -1 for the union it leaves and +1 for the
# union it joins, so it cancels out for any unit that holds both.
EVENT_SIGN = {
    EventKind.admitted: 1,
    EventKind.transfer_in: 1,
    EventKind.transfer_out: -1,
    EventKind.left: -1,
}


class LeaveReason(StrEnum):
    quit_job = "quit_job"
    retired = "retired"
    moved_away = "moved_away"
    died = "died"
    removed = "removed"
    union_dissolved = "union_dissolved"


class MemberStatus(StrEnum):
    active = "active"
    left = "left"


class Role(StrEnum):
    viewer = "viewer"
    staff = "staff"
    admin = "admin"


class TargetKey(StrEnum):
    net_growth = "net_growth"
    workers_month_net_growth = "workers_month_net_growth"
    new_unions = "new_unions"
    workers_month_new_unions = "workers_month_new_unions"
    non_state_coverage_pct = "non_state_coverage_pct"
    enterprises_20plus_with_union_pct = "enterprises_20plus_with_union_pct"
    # The plan's other duties (parts III and IV): counts over the year, see core.duties.
    party_introductions = "party_introductions"
    party_cells = "party_cells"
    briefings_held = "briefings_held"
    trainings_held = "trainings_held"


class ActivityKind(StrEnum):
    briefing = "briefing"  # giao ban, once a quarter
    annual_review = "annual_review"  # tổng kết
    training = "training"  # tập huấn
    outreach = "outreach"  # tuyên truyền
    survey = "survey"  # kiểm tra, khảo sát doanh nghiệp


class OutreachChannel(StrEnum):
    commune_radio = "commune_radio"
    press = "press"
    social_media = "social_media"
    huong_cong_app = "huong_cong_app"  # App "Hướng Công - Công đoàn Hải Phòng"
    meeting = "meeting"
    other = "other"


class NetworkBody(StrEnum):
    """Where a person sits in the organising network (plan part III.1 and IV.1)."""

    steering_committee = "steering_committee"  # ban chỉ đạo
    working_group = "working_group"  # tổ công tác
    advisory_group = "advisory_group"  # tổ tư vấn
    outreach_group = "outreach_group"  # tổ tuyên truyền
    collaborator = "collaborator"  # mạng lưới cộng tác viên
    unit_officer = "unit_officer"  # the one officer each unit appoints


class ImportKind(StrEnum):
    members = "members"
    departures = "departures"
    enterprises = "enterprises"
    unions = "unions"


class Tracked(SQLModel):
    """The columns every versioned record keeps: when it was made and last changed, whether it is
    deleted (hidden, never removed), and the version a save must still find (`core.versioning`)."""

    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    deleted_at: dt.datetime | None = None
    version: int = Field(default=1)


class OrgUnit(SQLModel, table=True):
    """The federation, its communes/towns and its emulation clusters/blocks."""

    __tablename__ = "org_unit"
    __table_args__ = (
        _check_in("kind", UnitKind, "ck_org_unit_kind"),
        UniqueConstraint("name", "kind", name="uq_org_unit_name_kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    # A unit that exists only in the old or only in the new structure carries its dates.
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)
    deleted_at: dt.datetime | None = None
    version: int = Field(default=1)


class UnitLink(SQLModel, table=True):
    """`unit` sat under `parent` from `valid_from` (inclusive) to `valid_to` (exclusive)."""

    __tablename__ = "unit_link"
    __table_args__ = (
        CheckConstraint("valid_to IS NULL OR valid_to > valid_from", name="ck_unit_link_dates"),
        Index("ix_unit_link_parent", "parent_id", "valid_from"),
    )

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="org_unit.id", index=True)
    parent_id: int = Field(foreign_key="org_unit.id")
    valid_from: dt.date
    valid_to: dt.date | None = None


class EnterpriseBase(SQLModel):
    """An enterprise's own details, with their limits: what a form or an import row may set."""

    tax_code: str | None = Field(default=None, max_length=14, unique=True)
    name: str = Field(max_length=300)
    address: str | None = Field(default=None, max_length=500)
    commune_name: str | None = Field(default=None, max_length=200)  # as written in the source
    unit_id: int | None = Field(default=None, foreign_key="org_unit.id", index=True)
    ownership: str = Field(default=Ownership.non_state_domestic, max_length=30)
    trade: str | None = Field(default=None, max_length=200)
    worker_count: int | None = None
    is_stable: bool = Field(default=True)
    union_since: dt.date | None = None
    officer: str | None = Field(default=None, max_length=200)
    notes: str | None = None


class Enterprise(EnterpriseBase, Tracked, table=True):
    __tablename__ = "enterprise"
    __table_args__ = (
        _check_in("ownership", Ownership, "ck_enterprise_ownership"),
        _check_in("stage", OrganisingStage, "ck_enterprise_stage"),
        CheckConstraint("worker_count IS NULL OR worker_count >= 0", name="ck_enterprise_workers"),
        Index("ix_enterprise_prospect", "worker_count", "union_since"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # The organising stage is moved by core.organising, not edited with the details.
    stage: str | None = Field(default=None, max_length=20)
    stage_since: dt.date | None = None
    batch_id: int | None = Field(default=None, foreign_key="import_batch.id")


class GrassrootsUnion(Tracked, table=True):
    __tablename__ = "grassroots_union"
    __table_args__ = (
        _check_in("kind", UnionKind, "ck_union_kind"),
        CheckConstraint(
            "dissolved_on IS NULL OR founded_on IS NULL OR dissolved_on >= founded_on",
            name="ck_union_dates",
        ),
        # A counter below zero means a movement was counted twice (e.g. one batch undone twice).
        CheckConstraint("active_members >= 0", name="ck_union_active_members"),
        UniqueConstraint("name", "unit_id", name="uq_union_name_unit"),
        Index("ix_union_founded", "founded_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=300)
    kind: str = Field(max_length=20)
    enterprise_id: int | None = Field(default=None, foreign_key="enterprise.id", index=True)
    unit_id: int | None = Field(default=None, foreign_key="org_unit.id", index=True)
    cluster_id: int | None = Field(default=None, foreign_key="org_unit.id", index=True)
    decision_no: str | None = Field(default=None, max_length=100)
    founded_on: dt.date | None = None
    dissolved_on: dt.date | None = None
    # Kept equal to the sum of this union's events by every write (see core.membership).
    active_members: int = Field(default=0)
    batch_id: int | None = Field(default=None, foreign_key="import_batch.id")


class MemberBase(SQLModel):
    """A person's own details, with their limits: what a form, an import row or a correction may
    set. Their movements (union, status, dates) are written by core.membership alone."""

    full_name: str = Field(max_length=200)
    birth_date: dt.date | None = None
    birth_year: int | None = None  # set alone when only the year is known
    gender: str | None = Field(default=None, max_length=10)
    cccd: str | None = Field(default=None, max_length=12, unique=True)
    passport_no: str | None = Field(default=None, max_length=30, unique=True)
    nationality: str = Field(default="VN", max_length=40)
    card_no: str | None = Field(default=None, max_length=50)
    contract_months: int | None = None  # foreign workers: labour contract length
    has_application: bool | None = None  # foreign workers: written application on file


class Member(MemberBase, Tracked, table=True):
    __tablename__ = "member"
    __table_args__ = (
        _check_in("gender", Gender, "ck_member_gender"),
        _check_in("status", MemberStatus, "ck_member_status"),
        Index("ix_member_union_status", "union_id", "status"),
        # Paging and counting the live members at a million rows (core.records): newest first, and
        # by status. Partial, so the planner never trades the id order for a sort, stats or not.
        Index(
            "ix_member_live",
            "id",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
        Index(
            "ix_member_live_status",
            "status",
            "id",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    # core.text.search_name(full_name), set by every writer: "nguyen van an" finds "Nguyễn Văn An".
    search_name: str = Field(max_length=200, index=True)
    union_id: int | None = Field(default=None, foreign_key="grassroots_union.id")
    status: str = Field(default=MemberStatus.active, max_length=10)
    joined_on: dt.date | None = None
    left_on: dt.date | None = None
    batch_id: int | None = Field(default=None, foreign_key="import_batch.id")


class MembershipEvent(SQLModel, table=True):
    """One dated movement of one member in one union; the source of every member figure."""

    __tablename__ = "membership_event"
    __table_args__ = (
        _check_in("kind", EventKind, "ck_event_kind"),
        CheckConstraint(
            "reason IS NULL OR reason IN (" + ", ".join(f"'{r.value}'" for r in LeaveReason) + ")",
            name="ck_event_reason",
        ),
        # Figures count the events in force by day and kind, over all unions or per union: these
        # partial indexes hold exactly those events and every column the counts read, so the
        # database answers from the index alone (see core.metrics).
        Index(
            "ix_event_live_day",
            "occurred_on",
            "kind",
            "union_id",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
        Index(
            "ix_event_live_union",
            "union_id",
            "kind",
            "occurred_on",
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    union_id: int = Field(foreign_key="grassroots_union.id")
    kind: str = Field(max_length=20)
    occurred_on: dt.date = Field(nullable=False)
    reason: str | None = Field(default=None, max_length=30)
    # For transfers: the union on the other side.
    other_union_id: int | None = Field(default=None, foreign_key="grassroots_union.id")
    note: str | None = None
    batch_id: int | None = Field(default=None, foreign_key="import_batch.id", index=True)
    created_at: dt.datetime = Field(default_factory=utcnow)
    deleted_at: dt.datetime | None = None


class Plan(SQLModel, table=True):
    __tablename__ = "plan"

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(unique=True)
    title: str = Field(max_length=300)
    workers_month_start: dt.date
    workers_month_end: dt.date
    created_at: dt.datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)


class PlanTarget(SQLModel, table=True):
    __tablename__ = "plan_target"
    __table_args__ = (
        _check_in("key", TargetKey, "ck_plan_target_key"),
        UniqueConstraint("plan_id", "key", name="uq_plan_target"),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id")
    key: str = Field(max_length=50)
    value: float


class TargetAllocation(SQLModel, table=True):
    """A unit's share of one of the plan's targets (giao chỉ tiêu)."""

    __tablename__ = "target_allocation"
    __table_args__ = (UniqueConstraint("target_id", "unit_id", name="uq_target_allocation"),)

    id: int | None = Field(default=None, primary_key=True)
    target_id: int = Field(foreign_key="plan_target.id")
    unit_id: int = Field(foreign_key="org_unit.id")
    value: float


class AppUser(SQLModel, table=True):
    __tablename__ = "app_user"
    __table_args__ = (_check_in("role", Role, "ck_user_role"),)

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=100, unique=True)
    # The name as compared (core.users.username_key): unique, so «SecAdmin» cannot join «secadmin».
    # Case folding may lengthen a name (ß → ss), hence the room.
    username_key: str = Field(max_length=300, unique=True, index=True)
    full_name: str | None = Field(default=None, max_length=200)
    password_hash: str = Field(max_length=300)
    role: str = Field(max_length=10)
    disabled: bool = Field(default=False)
    failed_logins: int = Field(default=0)
    locked_until: dt.datetime | None = None
    must_change_password: bool = Field(default=False)
    created_at: dt.datetime = Field(default_factory=utcnow)
    last_login_at: dt.datetime | None = None
    version: int = Field(default=1)


class ImportBatch(SQLModel, table=True):
    __tablename__ = "import_batch"
    __table_args__ = (_check_in("kind", ImportKind, "ck_import_batch_kind"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    file_name: str = Field(max_length=300)
    checksum: str = Field(max_length=64, index=True)
    username: str | None = Field(default=None, max_length=100)
    created_at: dt.datetime = Field(default_factory=utcnow)
    added: int = Field(default=0)
    updated: int = Field(default=0)
    unchanged: int = Field(default=0)
    refused: int = Field(default=0)
    undone_at: dt.datetime | None = None
    undone_by: str | None = Field(default=None, max_length=100)


class AuditLog(SQLModel, table=True):
    """Who changed what, when, with the values before and after; written in the change's transaction."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_record", "table_name", "record_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, index=True)
    username: str | None = Field(default=None, max_length=100)
    action: str = Field(max_length=30)  # insert, update, delete, restore, undo
    table_name: str = Field(max_length=50)
    record_id: int | None = None
    before: dict | None = Field(default=None, sa_column=Column(JSON))
    after: dict | None = Field(default=None, sa_column=Column(JSON))
    batch_id: int | None = Field(default=None, foreign_key="import_batch.id", index=True)
    reverted_at: dt.datetime | None = None


class AppState(SQLModel, table=True):
    """Small key/value state shared by every app server, e.g. `data_version` for cache invalidation."""

    __tablename__ = "app_state"

    key: str = Field(primary_key=True, max_length=50)
    value: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})


class HeaderMapping(SQLModel, table=True):
    """A header matching the user corrected, remembered for the next file with the same headers."""

    __tablename__ = "header_mapping"
    __table_args__ = (UniqueConstraint("kind", "signature", name="uq_header_mapping"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    signature: str = Field(max_length=64)  # hash of the normalised header cells
    mapping: dict = Field(sa_column=Column(JSON, nullable=False))  # column index -> field name
    username: str | None = Field(default=None, max_length=100)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class LoginSession(SQLModel, table=True):
    """A login that survives a reload: the browser keeps a random token in a cookie, the database
    keeps its SHA-256, who it belongs to, when it was last used and whether it was ended."""

    __tablename__ = "login_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=128, unique=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    created_at: dt.datetime = Field(default_factory=utcnow)
    last_seen_at: dt.datetime = Field(default_factory=utcnow)
    ended_at: dt.datetime | None = None
    end_reason: str | None = Field(default=None, max_length=20)


class DisplayLink(SQLModel, table=True):
    """A revocable view-only link that opens the briefing display without a login."""

    __tablename__ = "display_link"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=128, unique=True)
    label: str = Field(max_length=200)
    created_by: str | None = Field(default=None, max_length=100)
    created_at: dt.datetime = Field(default_factory=utcnow)
    expires_at: dt.datetime
    revoked_at: dt.datetime | None = None
    last_used_at: dt.datetime | None = None


class Activity(Tracked, table=True):
    """A dated duty of the plan held by a unit: briefing, annual review, training, outreach, survey.

    What only one kind has lives in `details` (a briefing's chair, units present and decisions; a
    training's units); what figures filter on is a column.
    """

    __tablename__ = "activity"
    __table_args__ = (
        _check_in("kind", ActivityKind, "ck_activity_kind"),
        CheckConstraint(
            "channel IS NULL OR channel IN ("
            + ", ".join(f"'{c.value}'" for c in OutreachChannel)
            + ")",
            name="ck_activity_channel",
        ),
        CheckConstraint("participants IS NULL OR participants >= 0", name="ck_activity_people"),
        Index("ix_activity_kind_on", "kind", "held_on"),
        Index("ix_activity_unit_on", "unit_id", "held_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    held_on: dt.date = Field(nullable=False)
    unit_id: int = Field(foreign_key="org_unit.id")
    title: str = Field(max_length=300)  # a training's topic, an event's name
    channel: str | None = Field(default=None, max_length=20)  # outreach only
    # Trainees of a training, reach of an outreach event, people at a briefing.
    participants: int | None = None
    enterprise_id: int | None = Field(default=None, foreign_key="enterprise.id", index=True)
    details: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    notes: str | None = None
    created_by: str | None = Field(default=None, max_length=100)


class NetworkPerson(Tracked, table=True):
    """A member of the organising network: steering committee, groups, collaborators, unit officers.

    `until` closes a seat (a committee member replaced); the row stays for the record.
    """

    __tablename__ = "network_person"
    __table_args__ = (
        _check_in("body", NetworkBody, "ck_network_person_body"),
        CheckConstraint("until IS NULL OR until >= since", name="ck_network_person_dates"),
        Index("ix_network_person_body", "body", "unit_id"),
        # The plan asks each unit for one officer working on member growth.
        Index(
            "uq_network_unit_officer",
            "unit_id",
            unique=True,
            sqlite_where=text("body = 'unit_officer' AND until IS NULL AND deleted_at IS NULL"),
            postgresql_where=text("body = 'unit_officer' AND until IS NULL AND deleted_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    full_name: str = Field(max_length=200)
    body: str = Field(max_length=30)
    position: str | None = Field(default=None, max_length=100)  # Trưởng ban, Ủy viên, Tổ trưởng…
    represents: str | None = Field(default=None, max_length=200)  # Huyện ủy, UBND, LĐLĐ…
    group_name: str | None = Field(default=None, max_length=200)  # which working group
    unit_id: int | None = Field(default=None, foreign_key="org_unit.id")
    phone: str | None = Field(default=None, max_length=30)
    since: dt.date = Field(nullable=False)
    until: dt.date | None = None
    notes: str | None = None


class ActivityPerson(SQLModel, table=True):
    """Who of the network took part in an activity (chaired, trained, spoke, surveyed)."""

    __tablename__ = "activity_person"
    __table_args__ = (UniqueConstraint("activity_id", "person_id", name="uq_activity_person"),)

    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(foreign_key="activity.id")
    person_id: int = Field(foreign_key="network_person.id", index=True)
    deleted_at: dt.datetime | None = None  # taken off the activity; put back by clearing it


class PartyIntroduction(Tracked, table=True):
    """An outstanding member introduced to the Party (giới thiệu đoàn viên ưu tú cho Đảng)."""

    __tablename__ = "party_introduction"
    __table_args__ = (Index("ix_party_introduction_on", "introduced_on", "unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    full_name: str = Field(max_length=200)
    member_id: int | None = Field(default=None, foreign_key="member.id", index=True)
    union_id: int | None = Field(default=None, foreign_key="grassroots_union.id")
    unit_id: int = Field(foreign_key="org_unit.id")
    introduced_on: dt.date = Field(nullable=False)
    admitted_on: dt.date | None = None  # when the Party admitted them, once it has
    notes: str | None = None


class PartyCell(Tracked, table=True):
    """A Party cell (chi bộ) founded in a non-state enterprise."""

    __tablename__ = "party_cell"
    __table_args__ = (Index("ix_party_cell_on", "founded_on", "unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=300)
    enterprise_id: int = Field(foreign_key="enterprise.id", index=True)
    unit_id: int = Field(foreign_key="org_unit.id")
    founded_on: dt.date = Field(nullable=False)
    decision_no: str | None = Field(default=None, max_length=100)
    notes: str | None = None
