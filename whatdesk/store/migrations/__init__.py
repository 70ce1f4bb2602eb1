"""Alembic migrations of the whatdesk database (run by Database.open, no alembic.ini needed).

A schema change = edit models.py, then generate the next revision and review it by hand:

    /work/venv/bin/python -c "from alembic import command; \
from whatdesk.store.db import alembic_config; \
command.revision(alembic_config(url='sqlite:////tmp/gen.db'), 'what changed', \
autogenerate=True, rev_id='0002')"

(run `command.upgrade(cfg, 'head')` on /tmp/gen.db first). Revision ids are "0001",
"0002", ... in one straight line. SQLite needs batch mode (env.py turns it on) and the
upgrade runs with foreign keys off, so table rebuilds never cascade-delete rows.
"""
