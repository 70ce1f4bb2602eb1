"""The Contacts page lists people by name: an index on the folded display name.

An expression index (not declared in the models: Alembic cannot compare those), created from
``whatdesk.store.contact_list.index_ddl`` so the page's query and the index share one
expression. A later migration that rebuilds ``contacts`` in batch mode drops it with the old
table: call ``whatdesk.store.contact_list.install_index`` again.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 11:00:00
"""

from __future__ import annotations

from alembic import op

from whatdesk.store import contact_list

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    contact_list.install_index(op.get_bind())


def downgrade() -> None:
    contact_list.uninstall_index(op.get_bind())
