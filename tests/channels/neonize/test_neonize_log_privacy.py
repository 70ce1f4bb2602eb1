"""Events dropped by the neonize adapter leave no full phone number, text or push name in the
log file at INFO (real neonize protobufs through the adapter's dispatch, fake Go handle)."""

from __future__ import annotations

from app_logging import app_logging, read_log
from neonize.proto.waE2E import WAWebProtobufsE2E_pb2 as E
from neonize_factories import deliver, jid, message_ev, source

from whatdesk.domain.events import InboundMessage

PHONE = "5511987654321"
BODY = "segredo-do-cliente"
PUSH_NAME = "Mariazinha Sigilosa"


async def test_a_message_from_a_malformed_jid_is_dropped_without_its_number(
        channel, sink, tmp_path):
    bad_chat = jid(PHONE + "x")  # not a WhatsApp address: the adapter drops the event
    with app_logging(tmp_path / "data") as log_file:
        await deliver(channel, message_ev(E.Message(conversation=BODY), pushname=PUSH_NAME,
                                          src=source(chat=bad_chat)))
        await deliver(channel, message_ev(E.Message(conversation=BODY), pushname=PUSH_NAME,
                                          msg_id="3EB0GOOD", src=source(chat=jid(PHONE))))
        text = read_log(log_file)
    assert [m.wa_id for m in sink.of(InboundMessage)] == ["3EB0GOOD"]
    assert "dropped (malformed)" in text
    assert PHONE not in text and BODY not in text and PUSH_NAME not in text
    assert "***4321" in text
