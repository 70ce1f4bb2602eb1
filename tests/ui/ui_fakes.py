"""A small stand-in for ConnectionService used only where the real Runtime cannot show a case."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from whatdesk.domain.enums import ConnectionStatus
from whatdesk.domain.errors import WhatdeskError
from whatdesk.engine.bus import EventBus
from whatdesk.engine.events import ConnectionsChanged, ConnectionStatusChanged, QRCodeChanged
from whatdesk.store.rows import ConnectionRow


def make_row(id: int, name: str, channel: str = "sandbox", **fields: object) -> ConnectionRow:
    base = dict(id=id, name=name, channel=channel, is_default=False,
                status=ConnectionStatus.STOPPED, jid=None, push_name="", greeting="",
                farewell="", out_of_hours_message="", business_hours={},
                timezone="America/Sao_Paulo", rate_per_contact_per_min=30, min_gap_ms=1000,
                welcome_flow_id=None, user_disconnected=False,
                created_at=datetime(2025, 1, 6, tzinfo=UTC))
    base.update(fields)
    return ConnectionRow(**base)  # type: ignore[arg-type]


class FakeConnections:
    def __init__(self, bus: EventBus, rows: list[ConnectionRow] | None = None) -> None:
        self.bus = bus
        self.rows = {r.id: r for r in rows or []}
        self.calls: list[tuple[str, int]] = []

    async def list(self) -> list[ConnectionRow]:
        return list(self.rows.values())

    async def create(self, name: str, channel: str = "neonize", **fields: object) -> ConnectionRow:
        if any(r.name == name for r in self.rows.values()):
            raise WhatdeskError(f"Já existe uma conexão chamada “{name}”.")
        row = make_row(max(self.rows, default=0) + 1, name, channel, **fields)
        self.rows[row.id] = row
        self.bus.publish(ConnectionsChanged(row.id))
        return row

    async def update(self, cid: int, **fields: object) -> ConnectionRow:
        self.rows[cid] = replace(self.rows[cid], **fields)
        self.bus.publish(ConnectionsChanged(cid))
        return self.rows[cid]

    async def delete(self, cid: int, keep_conversations: bool = True) -> None:
        self.calls.append(("delete", cid, keep_conversations))  # type: ignore[arg-type]
        del self.rows[cid]
        self.bus.publish(ConnectionsChanged(cid))

    def set_status(self, cid: int, status: ConnectionStatus, retry_in_s: float | None = None,
                   jid: str | None = None) -> None:
        self.rows[cid] = replace(self.rows[cid], status=status, jid=jid or self.rows[cid].jid)
        self.bus.publish(ConnectionStatusChanged(cid, status, "", retry_in_s))

    async def connect(self, cid: int) -> None:
        self.calls.append(("connect", cid))
        self.set_status(cid, ConnectionStatus.QR_WAITING)
        self.bus.publish(QRCodeChanged(cid, "2@fake-qr-payload,abc,def",
                                       datetime.now(UTC) + timedelta(seconds=20)))

    async def request_pairing_code(self, cid: int, phone: str) -> str:
        self.calls.append(("pair", cid))
        return "ABCD-EFGH"

    async def disconnect(self, cid: int) -> None:
        self.calls.append(("disconnect", cid))
        self.set_status(cid, ConnectionStatus.STOPPED)

    async def reconnect(self, cid: int) -> None:
        self.calls.append(("reconnect", cid))

    async def logout(self, cid: int) -> None:
        self.calls.append(("logout", cid))
        self.set_status(cid, ConnectionStatus.LOGGED_OUT)
