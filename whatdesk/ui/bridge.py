"""Re-emits every engine bus event as a Qt signal: widgets connect to signals, never to the bus."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from whatdesk.domain.enums import ConnectionStatus
from whatdesk.engine.bus import EventBus
from whatdesk.engine.events import (
    ConnectionsChanged,
    ConnectionStatusChanged,
    ContactChanged,
    CountsChanged,
    ErrorRaised,
    MessageCreated,
    MessageUpdated,
    PairingCodeChanged,
    QRCodeChanged,
    TicketChanged,
)

log = logging.getLogger(__name__)


class Bridge(QObject):
    """One per window. The bus publishes on the loop thread, which is the Qt main thread under
    qasync, so the signals are delivered directly (no queued hop, no copy)."""

    connection_status_changed = Signal(object)  # ConnectionStatusChanged
    qr_code_changed = Signal(object)  # QRCodeChanged
    pairing_code_changed = Signal(object)  # PairingCodeChanged
    connections_changed = Signal(object)  # ConnectionsChanged
    message_created = Signal(object)  # MessageCreated
    message_updated = Signal(object)  # MessageUpdated
    ticket_changed = Signal(object)  # TicketChanged
    counts_changed = Signal(object)  # CountsChanged
    error_raised = Signal(object)  # ErrorRaised
    contact_changed = Signal(object)  # ContactChanged

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._routes: dict[type, Signal] = {
            ConnectionStatusChanged: self.connection_status_changed,
            QRCodeChanged: self.qr_code_changed,
            PairingCodeChanged: self.pairing_code_changed,
            ConnectionsChanged: self.connections_changed,
            MessageCreated: self.message_created,
            MessageUpdated: self.message_updated,
            TicketChanged: self.ticket_changed,
            CountsChanged: self.counts_changed,
            ErrorRaised: self.error_raised,
            ContactChanged: self.contact_changed,
        }
        self._last_qr: dict[int, QRCodeChanged] = {}
        self.qr_code_changed.connect(self._remember_qr)
        self.connection_status_changed.connect(self._forget_qr)
        unsubscribe = bus.subscribe(object, self._on_event)
        self._unsubscribe: Callable[[], None] | None = unsubscribe
        # A lambda, not a bound method: the Python wrapper may be gone when destroyed fires.
        self.destroyed.connect(lambda *_: unsubscribe())

    def _on_event(self, event: object) -> None:
        signal = self._routes.get(type(event))
        if signal is not None:
            signal.emit(event)

    def last_qr(self, connection_id: int) -> QRCodeChanged | None:
        """The code a connection is showing now (a QR dialog opened late starts with it)."""
        return self._last_qr.get(connection_id)

    def _remember_qr(self, event: QRCodeChanged) -> None:
        self._last_qr[event.connection_id] = event

    def _forget_qr(self, event: ConnectionStatusChanged) -> None:
        if event.status is not ConnectionStatus.QR_WAITING:
            self._last_qr.pop(event.connection_id, None)

    def detach(self) -> None:
        """Stop listening (the window is closing; the bus outlives it)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
