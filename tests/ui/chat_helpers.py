"""Builds chats for the chat-pane tests (and screenshots): a sandbox connection, customers
sending every kind of message, a ChatPane on a real runtime."""

from __future__ import annotations

from typing import Any

from ui_helpers import wait_until

from whatdesk.domain.enums import ConnectionStatus, MessageKind
from whatdesk.domain.events import Button, ListRow, OutboundMessage
from whatdesk.store import enqueue_outbound, list_messages, list_tickets
from whatdesk.store._sql import messages_t


async def sandbox_connection(runtime: Any) -> int:
    runtime.sandbox_auto_link = True
    row = await runtime.connections.create("Loja", channel="sandbox")
    await runtime.connections.connect(row.id)
    await wait_until(lambda: runtime.handle(row.id).supervisor.status
                     is ConnectionStatus.CONNECTED, what="connected")
    return int(row.id)


def chat_pane(runtime: Any, settings: Any, qtbot: Any, agent: Any) -> Any:
    from whatdesk.ui.bridge import Bridge
    from whatdesk.ui.inbox.chat import ChatPane
    from whatdesk.ui.inbox.context import InboxContext

    ctx = InboxContext(runtime, Bridge(runtime.bus), agent, settings)
    pane = ChatPane(ctx)
    qtbot.addWidget(pane)
    pane.resize(760, 900)
    pane.show()
    return pane


async def ticket_of(runtime: Any) -> int:
    await runtime.drain()
    [ticket] = await runtime.db.read(lambda s: list_tickets(s))
    return int(ticket.id)


async def wa_id_of(runtime: Any, ticket_id: int, kind: str, text: str | None = None) -> str:
    rows = await runtime.db.read(lambda s: list_messages(s, ticket_id, limit=1000))
    return next(r.wa_id for r in rows if r.kind == kind and (text is None or r.text == text))


async def send_bot_menu(runtime: Any, cid: int, ticket_id: int, to: str) -> None:
    """What a flow's menu node sends: reply buttons, then a list (through the outbound queue)."""
    handle = runtime.handle(cid)
    for out in (
        OutboundMessage(wa_id=handle.channel.new_message_id(), to=to, kind=MessageKind.BUTTONS,
                        text="Como podemos ajudar?", footer="Escolha uma opção",
                        buttons=(Button("b1", "Comprar"), Button("b2", "Suporte"))),
        OutboundMessage(wa_id=handle.channel.new_message_id(), to=to, kind=MessageKind.LIST,
                        text="Nossos produtos", list_button="Ver produtos",
                        list_rows=(ListRow("r1", "Camisetas", ""),
                                   ListRow("r2", "Bonés", ""))),
    ):
        await runtime.db.write(lambda s, o=out: enqueue_outbound(s, cid, ticket_id, o))
    handle.sender.wake()


async def every_kind_chat(runtime: Any, network: Any, agent_id: int) -> tuple[int, int, Any]:
    """One ticket where the customer sends every kind of message and we answer.
    Returns (connection id, ticket id, customer)."""
    cid = await sandbox_connection(runtime)
    ana = network.customer("5511987654321", "Ana Souza")
    first = ana.send_text("Oi! Vocês têm essa camiseta em azul?")
    tid = await ticket_of(runtime)
    await runtime.tickets.accept(tid, agent_id)
    ana.send_image(caption="Essa aqui, tamanho M")
    ana.send_sticker()
    ana.send_video(caption="Vídeo do defeito")
    ana.send_audio(filename="recado.mp3")
    ana.send_voice()
    ana.send_document(filename="comprovante.pdf", caption="Segue o comprovante")
    ana.send_location(-23.561414, -46.655881, "Av. Paulista, 1578", "Bela Vista, São Paulo")
    ana.send_contact("Carlos Lima", "+55 11 91234-5678")
    await runtime.drain()
    await runtime.messages.send_text(tid, "Temos sim! Posso separar para você?",
                                     quoted_wa_id=first, agent_id=agent_id)
    await send_bot_menu(runtime, cid, tid, ana.jid)
    await wait_until(lambda: len(ana.inbox) >= 3, what="customer got our messages")
    ana.press_button("b1")
    ana.choose_list_row("r2")
    edited = ana.send_text("Quero 2 unidades")
    ana.edit(edited, "Quero 3 unidades")
    gone = ana.send_text("mensagem errada")
    ana.revoke(gone)
    await runtime.drain()
    ours = await wa_id_of(runtime, tid, "text", "Temos sim! Posso separar para você?")
    ana.react(ours, "❤️")
    await runtime.drain()
    await add_private_note(runtime, tid, cid, agent_id, "Cliente VIP: oferecer frete grátis")
    return cid, tid, ana


async def add_private_note(runtime: Any, ticket_id: int, cid: int, agent_id: int,
                           text: str) -> int:
    """A private note row as the composer stores one (never sent: ack stays server-side)."""
    now = runtime.clock.now()

    def write(s: Any) -> int:
        return int(s.execute(messages_t.insert().returning(messages_t.c.id), {
            "connection_id": cid, "wa_id": f"note-{now.timestamp()}", "ticket_id": ticket_id,
            "direction": "out", "from_me": True, "kind": "text", "text": text, "ack": 1,
            "is_private_note": True, "agent_id": agent_id, "created_at": now,
            "edited": False, "deleted": False, "send_attempts": 0}).scalar_one())
    return int(await runtime.db.write(write))
