"""Full-text search: message text and contact names, accents ignored, kept in sync by triggers.

SQLite: FTS5 external-content tables (``messages_fts``, ``contacts_fts``) over the real tables,
filled by triggers, so every insert/update/delete in any store path (and any future one) keeps
them exact inside the same transaction. PostgreSQL: an immutable accent-folding function and a
GIN expression index on the messages (no extension needed, so any server works).

A later migration that rebuilds ``messages`` or ``contacts`` in batch mode (SQLite copies the
table) drops the triggers with the old table: call ``whatdesk.store.search_schema.install`` again.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 07:00:00
"""

from __future__ import annotations

from alembic import op

from whatdesk.store import search_schema

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    search_schema.install(op.get_bind(), backfill=True)


def downgrade() -> None:
    search_schema.uninstall(op.get_bind())
