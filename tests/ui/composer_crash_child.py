"""Run by test_composer_crash.py in a subprocess.

    python composer_crash_child.py type DATA_DIR TEXT
        The window is offline (never linked): the agent types TEXT in the composer and
        presses Enter; prints SENT <id> when the composer reports the message, then waits
        to be killed.
    python composer_crash_child.py resume DATA_DIR
        The app starts again, links and sends what was left; prints the customer's texts
        as JSON once every outgoing row is sent.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CUSTOMER = "5511987654321"


async def type_and_send(data_dir: Path, text: str) -> None:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from whatdesk.channels.sandbox import SandboxNetwork
    from whatdesk.domain.enums import TicketStatus
    from whatdesk.services.runtime import Runtime
    from whatdesk.store import create_agent, find_or_create_ticket, upsert_contact
    from whatdesk.ui.bridge import Bridge
    from whatdesk.ui.inbox.composer import Composer
    from whatdesk.ui.inbox.context import InboxContext

    runtime = Runtime.open(data_dir, sandbox=SandboxNetwork(seed=1))
    conn = await runtime.connections.create("Loja", channel="sandbox")

    def setup(s):
        contact = upsert_contact(s, phone=CUSTOMER, name="Ana")
        ticket, _ = find_or_create_ticket(s, conn.id, contact.id, TicketStatus.PENDING)
        return ticket.id, create_agent(s, "Bia")

    tid, agent = runtime.db.write_sync(setup)
    await runtime.start()  # never linked: nothing can leave this process
    await runtime.tickets.accept(tid, agent.id)
    ctx = InboxContext(runtime, Bridge(runtime.bus), agent,
                       QSettings(str(data_dir / "ui.ini"), QSettings.Format.IniFormat))
    composer = Composer(ctx)
    composer.show()
    composer.set_ticket(tid)
    while composer.ticket_status is None:
        await asyncio.sleep(0.01)
    sent: list[int] = []
    composer.message_sent.connect(sent.append)
    composer.field.insertPlainText(text)
    QTest.keyClick(composer.field, Qt.Key.Key_Return)
    while not sent:
        await asyncio.sleep(0.005)
    print(f"SENT {sent[0]}", flush=True)
    await asyncio.sleep(3600)  # the test kills us here


async def resume(data_dir: Path) -> None:
    from whatdesk.channels.sandbox import SandboxNetwork
    from whatdesk.domain.enums import Ack
    from whatdesk.services.runtime import Runtime
    from whatdesk.store import list_messages, list_tickets

    network = SandboxNetwork(seed=2)
    customer = network.customer(CUSTOMER, "Ana")
    runtime = Runtime.open(data_dir, sandbox=network, sandbox_auto_link=True)
    await runtime.start()
    [ticket] = runtime.db.read_sync(lambda s: list_tickets(s))
    while True:
        rows = runtime.db.read_sync(lambda s: list_messages(s, ticket.id))
        if rows and all(r.ack >= Ack.SERVER for r in rows if r.direction == "out"):
            break
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.3)  # a second send, if there were one, would arrive by now
    print(json.dumps(customer.texts), flush=True)
    await runtime.close()


def main() -> None:
    mode, data_dir = sys.argv[1], Path(sys.argv[2])
    if mode == "type":
        import qasync
        from PySide6.QtWidgets import QApplication

        app = QApplication([])
        qasync.run(type_and_send(data_dir, sys.argv[3]))
        del app
    else:
        asyncio.run(resume(data_dir))


if __name__ == "__main__":
    main()
