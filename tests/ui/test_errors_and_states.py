"""Service failures reach the user readably; actions follow the connection's state."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox
from ui_fakes import FakeConnections, make_row
from ui_helpers import wait_until

from whatdesk.domain.enums import ConnectionStatus as S
from whatdesk.domain.errors import ChannelError
from whatdesk.engine.bus import EventBus
from whatdesk.engine.events import ConnectionStatusChanged
from whatdesk.ui.connections.model import Role
from whatdesk.ui.main_window import MainWindow


class FailingDisconnect(FakeConnections):
    async def disconnect(self, cid: int) -> None:
        raise ChannelError("Não foi possível desconectar: o WhatsApp não respondeu.")


def make_window(qtbot: Any, settings: Any, service: Any, bus: EventBus) -> MainWindow:
    win = MainWindow(bus, service, settings=settings)
    qtbot.addWidget(win)
    win.show()
    return win


def test_a_failing_service_call_is_shown_with_its_readable_text(
        qapp: Any, qtbot: Any, settings: Any, arun: Any) -> None:
    qapp.setQuitOnLastWindowClosed(False)
    bus = EventBus()
    service = FailingDisconnect(bus, [make_row(1, "Vendas", status=S.CONNECTED,
                                               jid="5511987654321@s.whatsapp.net")])
    win = make_window(qtbot, settings, service, bus)

    async def scenario() -> None:
        await win.load()
        page = win.connections_page
        page.buttons["disconnect"].click()
        await wait_until(lambda: win.findChild(QMessageBox, "errorBox") is not None,
                         what="error box")
        box = win.findChild(QMessageBox, "errorBox")
        # our words in the user's language; the service's raw sentence only under Details
        assert box.text() == ("Something went wrong. Try again. If it keeps happening, send "
                              "the details below to support.")
        assert box.detailedText() == "Não foi possível desconectar: o WhatsApp não respondeu."
        assert "não respondeu" not in win.statusBar().currentMessage()
        # the list still shows the truth: still connected
        assert page.model.index(0).data(Role.STATUS_TEXT) == "Connected"
        box.close()

    arun(scenario())
    win.close()


def test_actions_offered_follow_the_selected_connection_state(
        qapp: Any, qtbot: Any, settings: Any, arun: Any) -> None:
    qapp.setQuitOnLastWindowClosed(False)
    bus = EventBus()
    service = FakeConnections(bus, [make_row(1, "Vendas", status=S.STOPPED)])
    win = make_window(qtbot, settings, service, bus)
    page = win.connections_page

    def enabled() -> set[str]:
        return {k for k, b in page.buttons.items() if b.isEnabled()}

    arun(win.load())
    assert enabled() == {"add", "edit", "qr", "code", "delete"}  # new: link it
    bus.publish(ConnectionStatusChanged(1, S.QR_WAITING))
    assert enabled() == {"add", "edit", "qr", "code", "disconnect", "delete"}
    service.rows[1] = make_row(1, "Vendas", status=S.CONNECTED,
                               jid="5511987654321@s.whatsapp.net")
    arun(page.reload())
    bus.publish(ConnectionStatusChanged(1, S.CONNECTED))
    assert enabled() == {"add", "edit", "disconnect", "logout", "delete"}
    bus.publish(ConnectionStatusChanged(1, S.DISCONNECTED, "rede caiu", retry_in_s=12))
    assert enabled() == {"add", "edit", "disconnect", "reconnect", "logout", "delete"}
    assert page.model.index(0).data(Role.STATUS_TEXT) == "Disconnected — retrying in 12 s"
    bus.publish(ConnectionStatusChanged(1, S.LOGGED_OUT, "removido pelo celular"))
    assert enabled() == {"add", "edit", "qr", "code", "delete"}
    assert page.model.index(0).data(Role.STATUS_TEXT) == "Unlinked on the phone"
    assert "1 needs a new link" in win.health_label.text()
    win.close()
