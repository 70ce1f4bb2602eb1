"""Connections: ids are never reused, and each one names its WhatsApp session by a token.

SQLite gave a new connection the id of the last one deleted (INTEGER PRIMARY KEY without
AUTOINCREMENT), and the session file was named by that id alone, so a new connection could
open the session (the WhatsApp account) a deleted one left behind. The table now uses
AUTOINCREMENT (PostgreSQL sequences never reuse ids), and ``session_token`` (random, set when
the connection is created) goes into the session's name: ``sessions/<id>-<token>.db``.
Connections made before this revision keep a NULL token and their file named ``<id>.db``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 06:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def _recreate() -> str:
    # AUTOINCREMENT is part of SQLite's CREATE TABLE: only a copy of the table can add it.
    return "always" if op.get_bind().dialect.name == "sqlite" else "auto"


def upgrade() -> None:
    with op.batch_alter_table('connections', schema=None, recreate=_recreate(),
                              table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.add_column(sa.Column('session_token', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('connections', schema=None, recreate=_recreate(),
                              table_kwargs={'sqlite_autoincrement': False}) as batch_op:
        batch_op.drop_column('session_token')
