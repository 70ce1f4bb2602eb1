"""Connection use cases: create/edit/delete WhatsApp accounts, connect, pair, disconnect, log out."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from whatdesk.domain.enums import ConnectionStatus
from whatdesk.domain.errors import ChannelError, NotFound, WhatdeskError
from whatdesk.domain.reasons import Reason
from whatdesk.engine.events import ConnectionsChanged, ConnectionStatusChanged
from whatdesk.store import (
    ConnectionRow,
    ConnectionStatusEntry,
    connection_status_history,
    create_connection,
    delete_connection,
    get_connection,
    list_connections,
    update_connection,
)

if TYPE_CHECKING:
    from whatdesk.services.runtime import Runtime

log = logging.getLogger(__name__)

EDITABLE = frozenset({
    "name", "is_default", "greeting", "farewell", "out_of_hours_message", "business_hours",
    "timezone", "rate_per_contact_per_min", "min_gap_ms", "welcome_flow_id",
})


class InvalidConnection(WhatdeskError, ValueError):
    """A connection form field is wrong; the message says which and why."""

    reason = Reason.INVALID_INPUT


class ConnectionService:
    """What the Connections screen and the CLI do to WhatsApp accounts."""

    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        # The simulated network is for the demo and tests (given when the runtime was
        # opened); a real install never offers it, even if an old demo connection exists.
        self.sandbox_available = runtime.sandbox is not None

    # ---- read ---------------------------------------------------------------------------

    async def list(self) -> list[ConnectionRow]:
        return await self._rt.db.read(list_connections)

    async def get(self, connection_id: int) -> ConnectionRow:
        return await self._rt.db.read(lambda s: get_connection(s, connection_id))  # or NotFound

    def live_status(self, connection_id: int) -> tuple[ConnectionStatus, str, float | None]:
        """(status, detail, retry_in_s) as the supervisor sees it right now."""
        if not self._rt.has_handle(connection_id):
            return ConnectionStatus.STOPPED, "", None
        sup = self._rt.handle(connection_id).supervisor
        return sup.status, sup.detail, sup.retry_in_s

    def live_state(self, connection_id: int) -> ConnectionStatusChanged | None:
        """What the supervisor knows right now, reason code included (None: not loaded)."""
        if not self._rt.has_handle(connection_id):
            return None
        sup = self._rt.handle(connection_id).supervisor
        return ConnectionStatusChanged(connection_id, sup.status, sup.detail, sup.retry_in_s,
                                       reason=sup.reason)

    async def status_history(self, connection_id: int, limit: int = 50,
                             ) -> list[ConnectionStatusEntry]:
        """Newest first."""
        return await self._rt.db.read(lambda s: connection_status_history(s, connection_id, limit))

    # ---- write --------------------------------------------------------------------------

    async def create(self, name: str, channel: str = "neonize", **fields: Any) -> ConnectionRow:
        """Save a new connection (not connected yet: call connect() to show its QR code)."""
        fields = _validated_fields({"name": name, **fields})
        existing = await self.list()
        await self._check_unique_name(fields["name"], None, existing)
        if not fields.get("is_default") and not any(r.is_default for r in existing):
            fields["is_default"] = True  # the first connection is where new chats start
        row = await self._rt.db.write(lambda s: create_connection(s, channel=channel, **fields))
        if self._rt.started:
            self._rt.attach(row)
        self._rt.bus.publish(ConnectionsChanged(row.id))
        await self._rt.audit.record("settings.connection.create", f"connection#{row.id}",
                                    {"channel": channel})
        return row

    async def update(self, connection_id: int, **fields: Any) -> ConnectionRow:
        await self.get(connection_id)
        fields = _validated_fields(fields)
        if "name" in fields:
            await self._check_unique_name(fields["name"], connection_id)
        row = await self._rt.db.write(lambda s: update_connection(s, connection_id, **fields))
        if self._rt.has_handle(connection_id):
            self._rt.handle(connection_id).sender.configure(row.rate_per_contact_per_min,
                                                            row.min_gap_ms)
        self._rt.bus.publish(ConnectionsChanged(connection_id))
        await self._rt.audit.record("settings.connection.update", f"connection#{connection_id}",
                                    {"fields": sorted(fields)})
        return row

    async def delete(self, connection_id: int, keep_conversations: bool = True) -> bool:
        """Unlink the device (so the phone does not keep a dead "linked device"), stop the
        client, delete its session, then remove the connection. Its tickets stay unless
        keep_conversations=False. False when WhatsApp could not be told: the connection is
        deleted all the same, and the phone still lists the device until removed there."""
        row = await self.get(connection_id)
        unlinked = True
        if self._rt.has_handle(connection_id):
            try:
                await self._rt.handle(connection_id).supervisor.logout()
            except ChannelError as exc:
                unlinked = False
                log.warning("connection %s: deleted without unlinking the device: %s",
                            connection_id, exc)
        await self._rt.forget_session(row)  # also when unlinking failed
        await self._rt.detach(connection_id)
        await self._rt.db.write(
            lambda s: delete_connection(s, connection_id, keep_conversations=keep_conversations))
        self._rt.bus.publish(ConnectionsChanged(connection_id))
        await self._rt.audit.record("settings.connection.delete", f"connection#{connection_id}",
                                    {"keep_conversations": keep_conversations})
        return unlinked

    # ---- control ------------------------------------------------------------------------

    async def connect(self, connection_id: int) -> None:
        """Start the client: connects with a saved session, otherwise shows a new QR code."""
        await self._set_user_disconnected(connection_id, False)
        await self._supervisor(connection_id).start()

    async def request_pairing_code(self, connection_id: int, phone: str) -> str:
        """Link by phone number instead of QR; returns the code to type on the phone."""
        await self._set_user_disconnected(connection_id, False)
        return await self._supervisor(connection_id).request_pairing_code(phone)

    async def disconnect(self, connection_id: int) -> None:
        """Stop the client and keep it stopped (also after restarting the app)."""
        await self._set_user_disconnected(connection_id, True)
        await self._supervisor(connection_id).stop()

    async def reconnect(self, connection_id: int) -> None:
        """Connect again now; while an automatic retry is pending this is "retry now"."""
        await self._set_user_disconnected(connection_id, False)
        sup = self._supervisor(connection_id)
        if sup.retry_pending:
            await sup.retry_now()
            return
        await sup.stop(Reason.RECONNECT_BY_USER)
        await sup.start()

    async def logout(self, connection_id: int) -> None:
        """Unlink the device; the next connect() shows a new QR code. Raises ChannelError
        (the session is kept, to try again) when WhatsApp could not be told."""
        await self._supervisor(connection_id).logout()

    # ---- session vault ------------------------------------------------------------------

    @property
    def sessions_encrypted(self) -> bool:
        """False when the user chose to store sessions unencrypted (the UI warns)."""
        return self._rt.vault.encrypted

    async def unlock(self, connection_id: int, passphrase: str) -> None:
        """Open a locked session with the passphrase it was sealed with, then connect.
        Raises WrongPassphrase (nothing changes) when it does not open it."""
        row = await self.get(connection_id)
        sup = self._supervisor(connection_id)
        name, kind = self._rt.session_of(row)
        await asyncio.to_thread(self._rt.vault.unlock, name, kind, passphrase)
        log.info("connection %s: locked session unlocked with a passphrase", connection_id)
        await self._set_user_disconnected(connection_id, False)
        await sup.start()

    async def link_again(self, connection_id: int) -> None:
        """Give up a locked session: its sealed file is kept aside (renamed, never deleted)
        and the connection waits to be linked with a new QR code or pairing code."""
        row = await self.get(connection_id)
        sup = self._supervisor(connection_id)
        name, _kind = self._rt.session_of(row)
        await asyncio.to_thread(self._rt.vault.set_aside, name)
        await sup.resume()  # no session any more: "not linked yet"

    # ---- helpers ------------------------------------------------------------------------

    def _supervisor(self, connection_id: int) -> Any:
        if not self._rt.has_handle(connection_id):
            raise NotFound(f"Conexão {connection_id} não está carregada; inicie o aplicativo",
                           reason=Reason.NOT_STARTED)
        return self._rt.handle(connection_id).supervisor

    async def _set_user_disconnected(self, connection_id: int, value: bool) -> None:
        if not self._rt.has_handle(connection_id):
            row = await self.get(connection_id)
            if not self._rt.started:
                raise WhatdeskError("O aplicativo ainda não iniciou as conexões",
                                    reason=Reason.NOT_STARTED)
            self._rt.attach(row)
        await self._rt.db.write(
            lambda s: update_connection(s, connection_id, user_disconnected=value))

    async def _check_unique_name(self, name: str, own_id: int | None,
                                 rows: list[ConnectionRow] | None = None) -> None:
        for row in await self.list() if rows is None else rows:
            if row.id != own_id and row.name.strip().casefold() == name.casefold():
                raise InvalidConnection(f"Já existe uma conexão chamada “{name}”.",
                                        reason=Reason.NAME_TAKEN)


def _validated_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise InvalidConnection(f"Campo desconhecido: {', '.join(sorted(unknown))}")
    out = dict(fields)
    if "name" in out:
        name = out["name"]
        if not isinstance(name, str) or not name.strip():
            raise InvalidConnection("Informe um nome para a conexão.")
        if len(name.strip()) > 120:
            raise InvalidConnection("O nome da conexão pode ter no máximo 120 caracteres.")
        out["name"] = name.strip()
    for key in ("greeting", "farewell", "out_of_hours_message"):
        if key in out:
            if out[key] is None:
                out[key] = ""
            if not isinstance(out[key], str):
                raise InvalidConnection(f"Texto inválido em {key}.")
    # business hours and the timezone are checked by the store, for every caller
    if "rate_per_contact_per_min" in out:
        out["rate_per_contact_per_min"] = _positive_int(
            out["rate_per_contact_per_min"], "O limite de mensagens por contato por minuto",
            minimum=1)
    if "min_gap_ms" in out:
        out["min_gap_ms"] = _positive_int(out["min_gap_ms"],
                                          "O intervalo mínimo entre envios (ms)", minimum=0)
    if "is_default" in out:
        out["is_default"] = bool(out["is_default"])
    return out


def _positive_int(value: Any, label: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidConnection(f"{label} deve ser um número inteiro.")
    try:
        number = int(value)
    except ValueError:
        raise InvalidConnection(f"{label} deve ser um número inteiro.") from None
    if number < minimum:
        raise InvalidConnection(f"{label} deve ser maior que {'zero' if minimum else 'ou igual a zero'}.")
    return number
