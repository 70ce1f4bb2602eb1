"""The search index's DDL (SQLite FTS5 + triggers; PostgreSQL fold function + GIN index)."""

from __future__ import annotations

from sqlalchemy.engine import Connection

# Objects that live outside the SQLAlchemy models: the autogenerate comparison and Alembic
# must leave them alone (FTS5 also creates shadow tables named messages_fts_data, ...).
SEARCH_TABLES = ("messages_fts", "contacts_fts")
PG_SEARCH_INDEX = "ix_messages_search"
PG_CONTACTS_INDEX = "ix_contacts_search"

# Messages that only act on another one (a reaction, an edit, a revoke) are not searchable.
_ACTION_KINDS = "('reaction', 'edit', 'revoke')"
_TOKENIZER = "unicode61 remove_diacritics 2"

# Accented Latin letters (both cases: lower() leaves them alone under the C locale) and
# their plain lowercase letter. Must stay in sync with the Python fold in search.py.
_FOLD_FROM = "áàâãäåāăąçćčďéèêëēėęěíìîïīįñńňóòôõöøōőŕřśšşťúùûüūůűųýÿźżž" \
             "ÁÀÂÃÄÅĀĂĄÇĆČĎÉÈÊËĒĖĘĚÍÌÎÏĪĮÑŃŇÓÒÔÕÖØŌŐŔŘŚŠŞŤÚÙÛÜŪŮŰŲÝŸŹŻŽ"
_FOLD_TO = "aaaaaaaaacccdeeeeeeeeiiiiiinnnoooooooorrssstuuuuuuuuyyzzz" * 2
assert len(_FOLD_FROM) == len(_FOLD_TO), (len(_FOLD_FROM), len(_FOLD_TO))

PG_FOLD = "whatdesk_fold"
# The exact expression indexed; queries must repeat it word for word to use the index.
PG_MESSAGE_VECTOR = f"to_tsvector('simple'::regconfig, {PG_FOLD}(text))"
PG_CONTACT_VECTOR = (f"to_tsvector('simple'::regconfig, "
                     f"{PG_FOLD}((name::text || ' ') || push_name::text))")


def _searchable(row: str) -> str:
    return f"{row}.text <> '' AND {row}.kind NOT IN {_ACTION_KINDS}"


def _sqlite_ddl() -> list[str]:
    return [
        "CREATE VIRTUAL TABLE messages_fts USING fts5(text, content='messages', "
        f"content_rowid='id', tokenize='{_TOKENIZER}')",
        f"CREATE TRIGGER messages_fts_ai AFTER INSERT ON messages WHEN {_searchable('new')} "
        "BEGIN INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text); END",
        f"CREATE TRIGGER messages_fts_ad AFTER DELETE ON messages WHEN {_searchable('old')} "
        "BEGIN INSERT INTO messages_fts(messages_fts, rowid, text) "
        "VALUES ('delete', old.id, old.text); END",
        "CREATE TRIGGER messages_fts_au AFTER UPDATE OF text, kind ON messages BEGIN "
        "INSERT INTO messages_fts(messages_fts, rowid, text) "
        f"SELECT 'delete', old.id, old.text WHERE {_searchable('old')}; "
        "INSERT INTO messages_fts(rowid, text) "
        f"SELECT new.id, new.text WHERE {_searchable('new')}; END",
        "CREATE VIRTUAL TABLE contacts_fts USING fts5(name, push_name, content='contacts', "
        f"content_rowid='id', tokenize='{_TOKENIZER}')",
        "CREATE TRIGGER contacts_fts_ai AFTER INSERT ON contacts BEGIN "
        "INSERT INTO contacts_fts(rowid, name, push_name) "
        "VALUES (new.id, new.name, new.push_name); END",
        "CREATE TRIGGER contacts_fts_ad AFTER DELETE ON contacts BEGIN "
        "INSERT INTO contacts_fts(contacts_fts, rowid, name, push_name) "
        "VALUES ('delete', old.id, old.name, old.push_name); END",
        "CREATE TRIGGER contacts_fts_au AFTER UPDATE OF name, push_name ON contacts BEGIN "
        "INSERT INTO contacts_fts(contacts_fts, rowid, name, push_name) "
        "VALUES ('delete', old.id, old.name, old.push_name); "
        "INSERT INTO contacts_fts(rowid, name, push_name) "
        "VALUES (new.id, new.name, new.push_name); END",
    ]


def _pg_ddl() -> list[str]:
    return [
        f"CREATE OR REPLACE FUNCTION {PG_FOLD}(t text) RETURNS text LANGUAGE sql IMMUTABLE "
        f"STRICT PARALLEL SAFE AS $$ SELECT translate(lower(t), '{_FOLD_FROM}', "
        f"'{_FOLD_TO}') $$",
        f"CREATE INDEX {PG_SEARCH_INDEX} ON messages USING gin ({PG_MESSAGE_VECTOR}) "
        f"WHERE {_searchable('messages')}",
        f"CREATE INDEX {PG_CONTACTS_INDEX} ON contacts USING gin ({PG_CONTACT_VECTOR})",
    ]


def install(conn: Connection, *, backfill: bool) -> None:
    """Create the index (and fill it from the rows already there when ``backfill``)."""
    if conn.dialect.name == "sqlite":
        for sql in _sqlite_ddl():
            conn.exec_driver_sql(sql)
        if backfill:
            conn.exec_driver_sql(
                "INSERT INTO messages_fts(rowid, text) SELECT id, text FROM messages "
                f"WHERE {_searchable('messages')}")
            conn.exec_driver_sql("INSERT INTO contacts_fts(contacts_fts) VALUES ('rebuild')")
    else:  # PostgreSQL builds the GIN index from the existing rows itself
        for sql in _pg_ddl():
            conn.exec_driver_sql(sql)


def uninstall(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for trigger in ("messages_fts_ai", "messages_fts_ad", "messages_fts_au",
                        "contacts_fts_ai", "contacts_fts_ad", "contacts_fts_au"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
        for table in SEARCH_TABLES:
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
    else:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {PG_SEARCH_INDEX}")
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {PG_CONTACTS_INDEX}")
        conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {PG_FOLD}(text)")


def include_object(obj: object, name: str | None, type_: str, reflected: bool,
                   compare_to: object) -> bool:
    """Alembic filter: the search objects are managed here, not by the models."""
    if type_ == "table" and name and name.startswith(SEARCH_TABLES):
        return False
    if type_ == "index" and name in (PG_SEARCH_INDEX, PG_CONTACTS_INDEX,
                                     "ix_contacts_sort_name"):  # store.contact_list's
        return False
    return True
