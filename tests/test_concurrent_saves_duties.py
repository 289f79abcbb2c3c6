"""Two people save the same version of a record at the same moment: one save wins, the other is
refused with the stale-edit error, and nothing is lost (one audited change, the version moved by
one). Run with a barrier so both saves reach the database together, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, SQLModel, func, select

from core import display_links, duties, organisation, organising, targets, versioning
from core.access import Actor
from core.duties import ActivityIn, PartyCellIn, PartyIntroductionIn, PersonIn
from core.errors import CatalogueError
from core.models import (
    Activity,
    AuditLog,
    DisplayLink,
    Enterprise,
    NetworkPerson,
    OrgUnit,
    PartyCell,
    PartyIntroduction,
    Plan,
    PlanTarget,
    TargetKey,
    UnitKind,
)
from tests import factories as f
from tests.factories import ADMIN

D = dt.date
RACERS = {"lan": Actor(username="lan", role="admin"), "hoa": Actor(username="hoa", role="admin")}


@dataclass(frozen=True)
class Writer:
    """One writer under test: `setup` makes the record, `save` changes it as `actor` would."""

    model: type[SQLModel]
    setup: Callable[[Session, OrgUnit], int]
    save: Callable[[Session, Actor, int, int], object]


def _activity(session: Session, unit: OrgUnit) -> int:
    data = ActivityIn(kind="training", held_on=D(2025, 3, 1), unit_id=unit.id, title="Tập huấn")
    return duties.record_activity(session=session, data=data, actor=ADMIN).id


def _person(session: Session, unit: OrgUnit) -> int:
    data = PersonIn(full_name="Phạm Văn Minh", body="steering_committee", since=D(2024, 1, 1))
    return duties.add_person(session=session, data=data, actor=ADMIN).id


def _introduction(session: Session, unit: OrgUnit) -> int:
    data = PartyIntroductionIn(introduced_on=D(2025, 2, 1), unit_id=unit.id, full_name="Vũ Hoa")
    return duties.record_party_introduction(session=session, data=data, actor=ADMIN).id


def _cell(session: Session, unit: OrgUnit) -> int:
    company = f.create_enterprise(session, unit_id=unit.id)
    data = PartyCellIn(name="Chi bộ", enterprise_id=company.id, founded_on=D(2025, 2, 1))
    return duties.record_party_cell(session=session, data=data, actor=ADMIN).id


def _prospect(session: Session, unit: OrgUnit) -> int:
    return f.create_enterprise(session, unit_id=unit.id, worker_count=120).id


def _unit(session: Session, unit: OrgUnit) -> int:
    return unit.id


def _plan(session: Session, unit: OrgUnit) -> int:
    return f.create_plan(session).id


def _delete(table: str) -> Callable[[Session, Actor, int, int], object]:
    def save(session: Session, actor: Actor, record_id: int, version: int) -> object:
        return duties.delete_record(
            session=session,
            table=table,
            record_id=record_id,
            expected_version=version,
            actor=actor,
        )

    return save


WRITERS = {
    "activity update": Writer(
        Activity,
        _activity,
        lambda s, actor, id_, version: duties.update_activity(
            session=s,
            activity_id=id_,
            expected_version=version,
            actor=actor,
            data=ActivityIn(
                kind="training",
                held_on=D(2025, 3, 1),
                unit_id=s.get(Activity, id_).unit_id,
                title=f"Tập huấn của {actor.username}",
            ),
        ),
    ),
    "activity delete": Writer(Activity, _activity, _delete("activity")),
    "network person update": Writer(
        NetworkPerson,
        _person,
        lambda s, actor, id_, version: duties.update_person(
            session=s,
            person_id=id_,
            expected_version=version,
            actor=actor,
            data=PersonIn(
                full_name="Phạm Văn Minh",
                body="steering_committee",
                since=D(2024, 1, 1),
                position=f"ghi bởi {actor.username}",
            ),
        ),
    ),
    "network person replaced": Writer(
        NetworkPerson,
        _person,
        lambda s, actor, id_, version: duties.replace_person(
            session=s,
            person_id=id_,
            expected_version=version,
            actor=actor,
            successor=PersonIn(
                full_name=f"Người thay {actor.username}",
                body="steering_committee",
                since=D(2025, 1, 1),
            ),
        ),
    ),
    "network person delete": Writer(NetworkPerson, _person, _delete("network_person")),
    "party introduction update": Writer(
        PartyIntroduction,
        _introduction,
        lambda s, actor, id_, version: duties.update_party_introduction(
            session=s,
            record_id=id_,
            expected_version=version,
            actor=actor,
            data=PartyIntroductionIn(
                introduced_on=D(2025, 2, 1),
                unit_id=s.get(PartyIntroduction, id_).unit_id,
                full_name=f"Vũ Hoa ({actor.username})",
            ),
        ),
    ),
    "party introduction delete": Writer(
        PartyIntroduction, _introduction, _delete("party_introduction")
    ),
    "party cell delete": Writer(PartyCell, _cell, _delete("party_cell")),
    "prospect officer": Writer(
        Enterprise,
        _prospect,
        lambda s, actor, id_, version: duties.assign_officer(
            session=s,
            enterprise_id=id_,
            officer=actor.username,
            expected_version=version,
            actor=actor,
        ),
    ),
    "prospect stage move": Writer(
        Enterprise,
        _prospect,
        lambda s, actor, id_, version: organising.move_stage(
            s,
            actor=actor,
            enterprise_id=id_,
            stage="contacted" if actor.username == "lan" else "campaigning",
            on=D(2025, 4, 1),
            expected_version=version,
        ),
    ),
    "unit update": Writer(
        OrgUnit,
        _unit,
        lambda s, actor, id_, version: organisation.update_unit(
            s,
            actor=actor,
            unit_id=id_,
            expected_version=version,
            name=f"Xã của {actor.username}",
            kind=UnitKind.commune,
            valid_from=None,
            valid_to=None,
        ),
    ),
    "unit delete": Writer(
        OrgUnit,
        _unit,
        lambda s, actor, id_, version: organisation.delete_unit(
            s, actor=actor, unit_id=id_, expected_version=version, on=D(2025, 4, 1)
        ),
    ),
    "plan update": Writer(
        Plan,
        _plan,
        lambda s, actor, id_, version: targets.update_plan(
            s,
            actor=actor,
            plan_id=id_,
            expected_version=version,
            title=f"Kế hoạch của {actor.username}",
            workers_month=(D(2025, 5, 1), D(2025, 5, 31)),
        ),
    ),
}


def _race(engine, attempt: Callable[[Session, Actor], object]) -> dict[str, object]:
    """Run `attempt` for both racers at once, each in its own session; what each ended with."""
    both_read = threading.Barrier(len(RACERS), timeout=30)
    outcome: dict[str, object] = {}

    def run(name: str) -> None:
        with Session(engine, expire_on_commit=False) as session:
            try:
                attempt(session, RACERS[name], both_read)
                session.commit()
                outcome[name] = "saved"
            except (CatalogueError, SQLAlchemyError) as error:
                session.rollback()
                outcome[name] = error

    threads = [threading.Thread(target=run, args=(name,)) for name in RACERS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcome


def _changes(session: Session, table: str, record_id: int) -> list[AuditLog]:
    return list(
        session.exec(
            select(AuditLog)
            .where(
                AuditLog.table_name == table,
                AuditLog.record_id == record_id,
                AuditLog.action != "insert",
            )
            .order_by(AuditLog.id)
        ).all()
    )


@pytest.mark.parametrize("name", list(WRITERS))
def test_two_saves_of_the_same_version_one_wins_the_other_is_refused(engine, name):
    writer = WRITERS[name]
    with Session(engine, expire_on_commit=False) as session:
        federation = f.create_unit(session, "LĐLĐ", UnitKind.federation)
        unit = f.create_unit(session, "Xã Đông", parent=federation)
        record_id = writer.setup(session, unit)
        session.commit()
        opened = session.get(writer.model, record_id).version

    def attempt(session: Session, actor: Actor, both_read: threading.Barrier) -> None:
        version = session.get(writer.model, record_id).version
        both_read.wait()
        writer.save(session, actor, record_id, version)

    outcome = _race(engine, attempt)

    saved = [who for who, result in outcome.items() if result == "saved"]
    refused = [result for result in outcome.values() if isinstance(result, versioning.StaleEdit)]
    assert len(saved) == 1, outcome
    assert [error.key for error in refused] == ["record.stale"], outcome
    assert refused[0].username == saved[0]
    with Session(engine) as check:
        entries = _changes(check, writer.model.__tablename__, record_id)
        assert [entry.username for entry in entries] == saved
        assert check.get(writer.model, record_id).version == opened + 1


def test_two_admins_revoking_one_display_link_log_one_revocation(engine):
    with Session(engine, expire_on_commit=False) as session:
        link, _ = display_links.create_link(session, actor=ADMIN, label="TV phòng họp")
        session.commit()

    def attempt(session: Session, actor: Actor, both_read: threading.Barrier) -> None:
        session.get(DisplayLink, link.id)
        both_read.wait()
        display_links.revoke(session, actor=actor, link_id=link.id)

    outcome = _race(engine, attempt)

    assert sorted(outcome.values()) == ["saved", "saved"]
    with Session(engine) as check:
        entries = _changes(check, "display_link", link.id)
        assert len(entries) == 1
        assert check.get(DisplayLink, link.id).revoked_at is not None


def test_two_admins_setting_one_target_at_once_lose_no_step_of_the_log(engine):
    """A target has no version (the table editor saves cell by cell): both values are written one
    after the other under the row lock, and the log's second change starts from the first's value."""
    with Session(engine, expire_on_commit=False) as session:
        plan = f.create_plan(session)
        session.commit()
    values = {"lan": 2600.0, "hoa": 2700.0}

    def attempt(session: Session, actor: Actor, both_read: threading.Barrier) -> None:
        stored = session.get(Plan, plan.id)
        both_read.wait()
        targets.set_target(
            session,
            actor=actor,
            plan=stored,
            key=TargetKey.net_growth,
            value=values[actor.username],
        )

    outcome = _race(engine, attempt)

    assert outcome == {"lan": "saved", "hoa": "saved"}
    with Session(engine) as check:
        target_id = check.exec(
            select(PlanTarget.id).where(
                PlanTarget.plan_id == plan.id, PlanTarget.key == TargetKey.net_growth
            )
        ).one()
        first, second = _changes(check, "plan_target", target_id)
        assert first.before["value"] == 2500.0
        assert second.before["value"] == first.after["value"] == values[first.username]
        assert check.get(PlanTarget, target_id).value == second.after["value"]
        assert check.exec(select(func.count()).select_from(PlanTarget)).one() == 6
