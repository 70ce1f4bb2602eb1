"""The audit log (LGPD): who exported, anonymized, restored or changed settings, and when.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 10:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import whatdesk.store.types

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_DT = whatdesk.store.types.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        'audit_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', _DT, nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('actor', sa.String(length=120), nullable=False),
        sa.Column('action', sa.String(length=60), nullable=False),
        sa.Column('target', sa.String(length=120), nullable=False),
        sa.Column('details', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('id', name='pk_audit_log'),
    )
    op.create_index('ix_audit_log_at', 'audit_log', ['at', 'id'])


def downgrade() -> None:
    op.drop_index('ix_audit_log_at', table_name='audit_log')
    op.drop_table('audit_log')
