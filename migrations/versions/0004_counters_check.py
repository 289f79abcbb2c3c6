"""a union's kept member counter can never fall below zero

Revision ID: 0004
Revises: 0003

Counters are first set again from the events (a batch undone twice left some too low), then the
CHECK is added. SQLite rebuilds the table (batch mode) with its foreign keys off: dropping the old
table would otherwise break every member's reference to it; they are checked again afterwards.
"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

RECOUNT = """
    UPDATE grassroots_union SET active_members = {clamp}(0, COALESCE((
        SELECT SUM(CASE WHEN e.kind IN ('admitted', 'transfer_in') THEN 1 ELSE -1 END)
        FROM membership_event e
        WHERE e.union_id = grassroots_union.id AND e.deleted_at IS NULL
    ), 0))
"""


def _foreign_keys(on: bool) -> None:
    # PRAGMA foreign_keys is ignored inside a transaction: commit what came before, set it alone.
    with op.get_context().autocommit_block():
        op.execute(sa.text(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}"))


def _rebuild(change) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        _foreign_keys(False)
    with op.batch_alter_table("grassroots_union", schema=None) as batch_op:
        change(batch_op)
    if sqlite:
        _foreign_keys(True)
        broken = op.get_bind().execute(sa.text("PRAGMA foreign_key_check")).all()
        if broken:
            raise RuntimeError(f"foreign keys broken by the rebuild: {broken[:5]}")


def upgrade() -> None:
    clamp = "max" if op.get_bind().dialect.name == "sqlite" else "GREATEST"
    op.execute(sa.text(RECOUNT.format(clamp=clamp)))
    _rebuild(
        lambda batch_op: batch_op.create_check_constraint(
            "ck_union_active_members", "active_members >= 0"
        )
    )


def downgrade() -> None:
    _rebuild(lambda batch_op: batch_op.drop_constraint("ck_union_active_members", type_="check"))
