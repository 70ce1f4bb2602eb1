"""Alembic environment: runs on the connection Database.open hands over, or on a URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool

from whatdesk.store.models import Base
from whatdesk.store.search_schema import include_object

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    is_sqlite = connection.dialect.name == "sqlite"
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode copies the table instead.
        render_as_batch=is_sqlite,
        # Our SQLite connections emit an explicit BEGIN, so DDL is transactional there too:
        # a failed upgrade leaves the previous schema and every row untouched.
        transactional_ddl=True,
        compare_type=True,
        include_object=include_object,  # the search index is not in the models
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"),
                      target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    given = config.attributes.get("connection")
    if given is not None:
        _run(given)
    else:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "", poolclass=NullPool)
        with engine.connect() as conn:
            _run(conn)
