"""Flow versions carry the note asked at publish; node exits are also counted per hour.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 10:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import whatdesk.store.types

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

_DT = whatdesk.store.types.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table('flow_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('note', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('flow_versions', schema=None) as batch_op:
        batch_op.alter_column('note', server_default=None)
    op.create_table('flow_node_hourly',
    sa.Column('flow_id', sa.String(length=64), nullable=False),
    sa.Column('hour', _DT, nullable=False),
    sa.Column('node_id', sa.String(length=200), nullable=False),
    sa.Column('port', sa.String(length=200), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('flow_id', 'hour', 'node_id', 'port',
                            name=op.f('pk_flow_node_hourly'))
    )


def downgrade() -> None:
    op.drop_table('flow_node_hourly')
    with op.batch_alter_table('flow_versions', schema=None) as batch_op:
        batch_op.drop_column('note')
