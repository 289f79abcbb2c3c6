"""The migrations build exactly the tables in core/models.py, and the database enforces the rules."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel

from core import db
from core.models import Enterprise, GrassrootsUnion, Member, MembershipEvent
from tests import factories as f


def test_migrations_match_the_models(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_migrate_twice_is_harmless(engine):
    url = engine.url.render_as_string(hide_password=False)
    db.migrate(url)
    db.migrate(url)


def _fails(engine, *records) -> None:
    with Session(engine) as session:
        session.add_all(records)
        with pytest.raises(IntegrityError):
            session.commit()


def test_cccd_is_unique_where_present(engine):
    with Session(engine) as session:
        session.add_all(
            [
                Member(full_name="A", search_name="a", cccd="031090000001"),
                Member(full_name="B", search_name="b"),
                Member(full_name="C", search_name="c"),  # two without CCCD are fine
            ]
        )
        session.commit()
    _fails(engine, Member(full_name="D", search_name="d", cccd="031090000001"))


def test_tax_code_is_unique_where_present(engine):
    with Session(engine) as session:
        session.add_all(
            [
                Enterprise(name="A", tax_code="0201234567"),
                Enterprise(name="B"),
                Enterprise(name="C"),
            ]
        )
        session.commit()
    _fails(engine, Enterprise(name="D", tax_code="0201234567"))


def test_union_kind_must_be_known(engine):
    _fails(engine, GrassrootsUnion(name="X", kind="club"))


def test_event_date_is_required(engine, session):
    union = f.create_union(session)
    member = f.admit(session, union, dt.date(2025, 1, 1))
    session.commit()
    _fails(
        engine,
        MembershipEvent(member_id=member.id, union_id=union.id, kind="admitted", occurred_on=None),
    )


def test_event_kind_and_reason_must_be_known(engine, session):
    union = f.create_union(session)
    member = f.admit(session, union, dt.date(2025, 1, 1))
    session.commit()
    _fails(
        engine,
        MembershipEvent(
            member_id=member.id, union_id=union.id, kind="promoted", occurred_on=dt.date(2025, 2, 1)
        ),
    )
    _fails(
        engine,
        MembershipEvent(
            member_id=member.id,
            union_id=union.id,
            kind="left",
            occurred_on=dt.date(2025, 2, 1),
            reason="bored",
        ),
    )
