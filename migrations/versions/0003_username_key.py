"""user names unique by their case-folded form

Revision ID: 0003
Revises: 0002

Fills `app_user.username_key` with core.users.username_key for every account, then puts a unique
index on it. Accounts whose names already clash once folded («secadmin» and «SecAdmin») stop the
upgrade with a message naming them and the SQL that renames one: which one is genuine is a person's
decision, not the migration's.
"""
from collections import defaultdict
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate writes sqlmodel types)

from core.users import UsernameClash, username_key


# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, username FROM app_user ORDER BY id")).all()
    by_key: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for user_id, username in rows:
        by_key[username_key(username)].append((user_id, username))
    clashes = [accounts for accounts in by_key.values() if len(accounts) > 1]
    if clashes:
        raise UsernameClash(clashes)
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('username_key', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True)
        )
    for user_id, username in rows:
        connection.execute(
            sa.text("UPDATE app_user SET username_key = :key WHERE id = :id"),
            {"key": username_key(username), "id": user_id},
        )
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.alter_column(
            'username_key',
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=300),
            nullable=False,
        )
        batch_op.create_index(batch_op.f('ix_app_user_username_key'), ['username_key'], unique=True)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_app_user_username_key'))
        batch_op.drop_column('username_key')
