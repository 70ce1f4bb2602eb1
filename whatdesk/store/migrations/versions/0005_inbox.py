"""The inbox: agents sign in and have capacity and presence, queues may auto-assign, quick
replies, contact notes/blocking/avatar, and the agent behind each outgoing message.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 06:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import whatdesk.store.types

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

_DT = whatdesk.store.types.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table('agents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('password_hash', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('remember_token_hash', sa.String(length=255),
                                      nullable=True))
        batch_op.add_column(sa.Column('capacity', sa.Integer(), nullable=False,
                                      server_default=sa.text('0')))
        batch_op.add_column(sa.Column('presence', sa.String(length=10), nullable=False,
                                      server_default='offline'))
        batch_op.add_column(sa.Column('sign_messages', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('queues', schema=None) as batch_op:
        batch_op.add_column(sa.Column('auto_assign', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notes', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('blocked', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('avatar_path', sa.Text(), nullable=True))
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agent_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_messages_agent_id_agents', 'agents', ['agent_id'],
                                    ['id'], ondelete='SET NULL')
    op.create_table(
        'quick_replies',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('shortcut', sa.String(length=60), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('media_path', sa.Text(), nullable=True),
        sa.Column('agent_id', sa.Integer(), nullable=True),
        sa.Column('created_at', _DT, nullable=False),
        sa.ForeignKeyConstraint(['agent_id'], ['agents.id'],
                                name='fk_quick_replies_agent_id_agents', ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name='pk_quick_replies'),
    )
    op.create_index('ix_quick_replies_shortcut', 'quick_replies', ['shortcut'])


def downgrade() -> None:
    op.drop_index('ix_quick_replies_shortcut', table_name='quick_replies')
    op.drop_table('quick_replies')
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_constraint('fk_messages_agent_id_agents', type_='foreignkey')
        batch_op.drop_column('agent_id')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_column('avatar_path')
        batch_op.drop_column('blocked')
        batch_op.drop_column('notes')
    with op.batch_alter_table('queues', schema=None) as batch_op:
        batch_op.drop_column('auto_assign')
    with op.batch_alter_table('agents', schema=None) as batch_op:
        batch_op.drop_column('sign_messages')
        batch_op.drop_column('presence')
        batch_op.drop_column('capacity')
        batch_op.drop_column('remember_token_hash')
        batch_op.drop_column('password_hash')
