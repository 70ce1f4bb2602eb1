"""Flows: drafts, published versions, runs per ticket, node execution counts and log.

Also: tickets.out_of_hours_notified_at, and connections.welcome_flow_id becomes the flow's
uuid string (it was a placeholder integer, never set by any release).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import whatdesk.store.types

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_DT = whatdesk.store.types.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table('flows',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('draft', sa.JSON(), nullable=False),
    sa.Column('draft_updated_at', _DT, nullable=False),
    sa.Column('published_version', sa.Integer(), nullable=True),
    sa.Column('created_at', _DT, nullable=False),
    sa.Column('deleted_at', _DT, nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flows'))
    )
    with op.batch_alter_table('flows', schema=None) as batch_op:
        batch_op.create_index('uq_flows_name_alive', ['name'], unique=True,
                              sqlite_where=sa.text('deleted_at IS NULL'),
                              postgresql_where=sa.text('deleted_at IS NULL'))
    op.create_table('flow_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('flow_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('document', sa.JSON(), nullable=False),
    sa.Column('published_at', _DT, nullable=False),
    sa.Column('published_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['flow_id'], ['flows.id'], name=op.f('fk_flow_versions_flow_id_flows'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flow_versions')),
    sa.UniqueConstraint('flow_id', 'version', name='uq_flow_versions_flow_version')
    )
    op.create_table('flow_runs',
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('flow_id', sa.String(length=64), nullable=False),
    sa.Column('flow_version', sa.Integer(), nullable=True),
    sa.Column('state', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('node', sa.String(length=200), nullable=True),
    sa.Column('wake_at', _DT, nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('last_message_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', _DT, nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], name=op.f('fk_flow_runs_ticket_id_tickets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('ticket_id', name=op.f('pk_flow_runs'))
    )
    with op.batch_alter_table('flow_runs', schema=None) as batch_op:
        batch_op.create_index('ix_flow_runs_wake_at', ['wake_at'], unique=False)
    op.create_table('flow_node_counts',
    sa.Column('flow_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.String(length=200), nullable=False),
    sa.Column('port', sa.String(length=200), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('flow_id', 'version', 'node_id', 'port', name=op.f('pk_flow_node_counts'))
    )
    op.create_table('flow_node_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('flow_id', sa.String(length=64), nullable=False),
    sa.Column('flow_version', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.String(length=200), nullable=False),
    sa.Column('port', sa.String(length=200), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('at', _DT, nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flow_node_log'))
    )
    with op.batch_alter_table('flow_node_log', schema=None) as batch_op:
        batch_op.create_index('ix_flow_node_log_flow', ['flow_id', 'id'], unique=False)
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('out_of_hours_notified_at', _DT, nullable=True))
    with op.batch_alter_table('connections', schema=None) as batch_op:
        batch_op.alter_column('welcome_flow_id', existing_type=sa.Integer(),
                              type_=sa.String(length=64), existing_nullable=True)


def downgrade() -> None:
    # A flow uuid has no integer form: the older schema had no flows, so no welcome flow.
    op.execute("UPDATE connections SET welcome_flow_id = NULL")
    with op.batch_alter_table('connections', schema=None) as batch_op:
        batch_op.alter_column('welcome_flow_id', existing_type=sa.String(length=64),
                              type_=sa.Integer(), existing_nullable=True,
                              postgresql_using='welcome_flow_id::integer')
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_column('out_of_hours_notified_at')
    op.drop_table('flow_node_log')
    op.drop_table('flow_node_counts')
    op.drop_table('flow_runs')
    op.drop_table('flow_versions')
    op.drop_table('flows')
