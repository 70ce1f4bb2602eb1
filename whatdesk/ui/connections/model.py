"""Item model of the connection list, updated live from bus events (no reset per event)."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any


from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

from whatdesk.domain.phone import display_phone
from whatdesk.domain.enums import ConnectionStatus
from whatdesk.domain.reasons import Reason, decode
from whatdesk.engine.events import ConnectionStatusChanged

from .status import ConnectionState, channel_label, status_color, status_text, status_tooltip

_Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    ROW = Qt.ItemDataRole.UserRole + 2  # the ConnectionRow as loaded from the service
    STATE = Qt.ItemDataRole.UserRole + 3  # ConnectionState (with the live countdown)
    STATUS_TEXT = Qt.ItemDataRole.UserRole + 4
    STATUS_COLOR = Qt.ItemDataRole.UserRole + 5
    CHANNEL_TEXT = Qt.ItemDataRole.UserRole + 6
    IS_DEFAULT = Qt.ItemDataRole.UserRole + 7
    ACCOUNT_TEXT = Qt.ItemDataRole.UserRole + 8


@dataclass
class _Item:
    row: Any  # ConnectionRow (frozen dataclass from whatdesk.store)
    status: ConnectionStatus
    detail: str = ""  # raw transport words, for "Details" only
    retry_deadline: float | None = None  # time.monotonic() of the next automatic attempt
    reason: Reason = Reason.NONE

    @classmethod
    def from_row(cls, row: Any) -> _Item:
        reason, raw = decode(getattr(row, "status_detail", "") or "")
        return cls(row, ConnectionStatus(row.status), raw, None, reason)

    @property
    def linked(self) -> bool:
        return bool(getattr(self.row, "jid", None))

    def state(self, now: float) -> ConnectionState:
        retry = None
        if self.status is ConnectionStatus.DISCONNECTED and self.retry_deadline is not None:
            retry = max(0.0, self.retry_deadline - now)
        return ConnectionState(self.status, self.linked, retry, self.detail, self.reason)


class ConnectionListModel(QAbstractListModel):
    """One row per connection. Status events update a single row; the retry countdown ticks
    once a second while some connection is waiting to retry."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[_Item] = []
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)

    # ---- Qt model interface -----------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return item.row.name
        if role == Role.ID:
            return item.row.id
        if role == Role.ROW:
            return item.row
        state = item.state(time.monotonic())
        if role == Role.STATE:
            return state
        if role == Role.STATUS_TEXT:
            return status_text(state)
        if role == Role.STATUS_COLOR:
            return status_color(state)
        if role == Role.CHANNEL_TEXT:
            return channel_label(item.row.channel)
        if role == Role.IS_DEFAULT:
            return bool(item.row.is_default)
        if role == Role.ACCOUNT_TEXT:
            jid = getattr(item.row, "jid", None)
            if not jid:
                return ""
            phone = display_phone(str(jid).split("@", 1)[0].split(":", 1)[0])
            push = getattr(item.row, "push_name", None) or ""
            return f"{phone} · {push}" if push else phone
        if role == Qt.ItemDataRole.ToolTipRole:
            return status_tooltip(state)
        return None

    # ---- updates ----------------------------------------------------------------------
    def set_rows(self, rows: list[Any]) -> None:
        """Merge a fresh list from the service: update, insert and remove rows in place."""
        rows = sorted(rows, key=lambda r: (not r.is_default, r.name.casefold(), r.id))
        wanted = {r.id for r in rows}
        for i in reversed(range(len(self._items))):
            if self._items[i].row.id not in wanted:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._items[i]
                self.endRemoveRows()
        old = {it.row.id: it for it in self._items}
        for target, row in enumerate(rows):
            item = old.get(row.id)
            if item is None:
                self.beginInsertRows(QModelIndex(), target, target)
                self._items.insert(target, _Item.from_row(row))
                self.endInsertRows()
                continue
            current = self._items.index(item)
            if current != target:
                self.beginMoveRows(QModelIndex(), current, current, QModelIndex(),
                                   target + (1 if target > current else 0))
                self._items.insert(target, self._items.pop(current))
                self.endMoveRows()
            item.row = row
            status = ConnectionStatus(row.status)
            if status is not item.status:
                fresh = _Item.from_row(row)
                item.status, item.detail, item.reason = fresh.status, fresh.detail, fresh.reason
                item.retry_deadline = None
            self._changed(target)
        self._update_ticker()

    def apply_status(self, event: ConnectionStatusChanged) -> None:
        row = self.row_of(event.connection_id)
        if row is None:
            return
        item = self._items[row]
        item.status = ConnectionStatus(event.status)
        item.detail = event.detail
        item.reason = event.reason
        item.retry_deadline = (
            time.monotonic() + event.retry_in_s
            if event.status is ConnectionStatus.DISCONNECTED and event.retry_in_s is not None
            else None
        )
        if event.status is ConnectionStatus.LOGGED_OUT or event.reason is Reason.NOT_LINKED:
            try:  # the session is gone: no account behind the row any more
                item.row = replace(item.row, jid=None)
            except TypeError:
                pass
        self._changed(row)
        self._update_ticker()

    def row_of(self, connection_id: int) -> int | None:
        for i, it in enumerate(self._items):
            if it.row.id == connection_id:
                return i
        return None

    def index_of(self, connection_id: int) -> QModelIndex:
        row = self.row_of(connection_id)
        return QModelIndex() if row is None else self.index(row)

    def states(self) -> list[ConnectionState]:
        now = time.monotonic()
        return [it.state(now) for it in self._items]

    def row_data(self, connection_id: int) -> Any | None:
        row = self.row_of(connection_id)
        return None if row is None else self._items[row].row

    # ---- internals --------------------------------------------------------------------
    def _changed(self, row: int) -> None:
        idx = self.index(row)
        self.dataChanged.emit(idx, idx)

    def _update_ticker(self) -> None:
        counting = any(it.retry_deadline is not None for it in self._items)
        if counting and not self._ticker.isActive():
            self._ticker.start()
        elif not counting:
            self._ticker.stop()

    def _tick(self) -> None:
        for i, it in enumerate(self._items):
            if it.retry_deadline is not None:
                self._changed(i)
