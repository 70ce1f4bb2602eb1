"""The log file at INFO never holds a customer's message text, push name or full number."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from app_logging import app_logging, read_log

from whatdesk.domain.enums import MessageKind
from whatdesk.domain.errors import WhatdeskError
from whatdesk.domain.events import InboundMessage
from whatdesk.engine.inbound import InboundPipeline
from whatdesk.engine.media import MediaStore
from whatdesk.store import list_tickets, record_inbound

PHONE = "5511987654321"
JID = f"{PHONE}@s.whatsapp.net"
BODY = "meu cartao e o segredo-do-cliente"
PUSH_NAME = "Mariazinha Sigilosa"
WHEN = datetime(2025, 2, 3, 10, 0, tzinfo=UTC)


def msg(wa_id: str, **kw: object) -> InboundMessage:
    fields: dict[str, object] = dict(
        wa_id=wa_id, chat=JID, sender=JID, timestamp=WHEN, kind=MessageKind.TEXT,
        sender_phone=PHONE, push_name=PUSH_NAME, text=BODY)
    fields.update(kw)
    return InboundMessage(**fields)  # type: ignore[arg-type]


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The log file as the app writes it by default (INFO)."""
    with app_logging(tmp_path / "data", logging.INFO) as path:
        yield path


async def test_inbound_pipeline_logs_no_text_push_name_or_full_number(
        log_file, db, bus, tmp_path, connection_id):
    pipeline = InboundPipeline(db, bus, MediaStore(tmp_path / "media"))
    await pipeline.submit(connection_id, msg("GOOD"))
    # Each of these is dropped with a WARNING that names what was wrong with it.
    await pipeline.submit(connection_id, msg("BAD1", timestamp="yesterday"))
    await pipeline.submit(connection_id, msg("BAD2", chat=f"{PHONE}@nowhere",
                                             sender=f"{PHONE}@nowhere"))
    await pipeline.submit(connection_id, msg("BAD3", kind="telepathy"))
    await pipeline.drain()
    assert len(db.read_sync(lambda s: list_tickets(s))) == 1  # the good one is stored

    text = read_log(log_file)
    assert "malformed" in text  # the drops were logged...
    assert PHONE not in text and BODY not in text and PUSH_NAME not in text  # ...privately
    assert "***4321" in text  # the last 4 digits are enough to tell customers apart


def test_any_record_at_info_or_above_has_its_numbers_masked(log_file):
    log = logging.getLogger("whatdesk.test")
    try:
        raise ValueError(f"Go said: no route to {JID}")
    except ValueError:
        log.exception("send to +55 11 98765-4321 failed")
    log.warning("status of %s", JID)
    log.debug("debug keeps %s whole", JID)  # not written: the file is at INFO

    text = read_log(log_file)
    assert PHONE not in text and "98765-4321" not in text
    assert "send to ***4321 failed" in text
    assert "no route to ***4321@s.whatsapp.net" in text  # the traceback's text too
    assert "status of ***4321@s.whatsapp.net" in text
    assert "debug keeps" not in text


def test_debug_records_are_written_whole_only_with_debug_on(tmp_path):
    with app_logging(tmp_path / "data", logging.DEBUG) as path:  # whatdesk --debug
        logging.getLogger("whatdesk.test").debug("body %r from %s", BODY, JID)
        text = read_log(path)
    assert BODY in text and JID in text


def test_a_failed_write_does_not_quote_the_message_in_its_error_or_traceback(db, connection_id):
    # A database that refuses this one edit: the error and everything chained to it (what
    # log.exception writes) must not carry the statement's parameters, i.e. the new text.
    db.write_sync(lambda s: record_inbound(s, connection_id, msg("ORIG", text="oi")))
    db.write_sync(lambda s: s.connection().exec_driver_sql(
        "CREATE TRIGGER refuse BEFORE UPDATE ON messages WHEN NEW.text <> OLD.text "
        "BEGIN SELECT RAISE(ABORT, 'refused by test'); END"))
    edit = msg("EDIT1", kind=MessageKind.EDIT, target_id="ORIG")
    with pytest.raises(WhatdeskError) as caught:
        db.write_sync(lambda s: record_inbound(s, connection_id, edit))
    written = "".join(traceback.format_exception(caught.value))
    assert "refused by test" in written
    assert BODY not in written and PUSH_NAME not in written and PHONE not in written
