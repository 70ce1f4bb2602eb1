"""The ticket list model: one tab's rows, loaded page by page, kept live ticket by ticket."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer

from whatdesk.services.inbox import InboxQuery, InboxRow, InboxTab
from whatdesk.ui import tasks
from whatdesk.ui.paging import Index, KeysetListModel

log = logging.getLogger(__name__)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the InboxRow
TICKET_ID_ROLE = Qt.ItemDataRole.UserRole + 2
WAITING_ROLE = Qt.ItemDataRole.UserRole + 3  # (waiting since, position) or None
FLUSH_MS = 40  # change notifications arriving within this window are read together
POSITIONS_MS = 300  # queue positions are re-read at most this often while changes arrive


class TicketListModel(KeysetListModel):
    """Rows of one list (tab + filters), newest activity first.

    The first page comes with ``set_query`` (the one reset, when the list itself changes);
    further pages come through ``canFetchMore``/``fetchMore`` as the view scrolls. Live
    updates go through ``invalidate(ticket_ids)``: "these tickets changed, somewhere". The
    model re-reads just those rows (coalesced, in one query) and moves, inserts, changes or
    removes them. Whatever says a ticket changed — this process's bus or another desktop's
    change feed — drives it the same way.
    """

    def __init__(self, service: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._dirty: set[int] = set()
        self._flushing = False
        self._flush_timer = QTimer(self, singleShot=True, interval=FLUSH_MS)
        self._flush_timer.timeout.connect(self._start_flush)
        self._waiting: dict[int, tuple[datetime, int]] = {}
        self._positions_timer = QTimer(self, singleShot=True, interval=POSITIONS_MS)
        self._positions_timer.timeout.connect(self._start_positions)

    async def _read_page(self, query: Any, cursor: Any = None) -> Any:
        return await self._service.page(query, cursor)

    @staticmethod
    def _row_id(row: InboxRow) -> int:
        return row.ticket_id

    def _on_reset(self) -> None:
        self._dirty.clear()
        self._waiting = {}

    def _on_appended(self) -> None:
        self._schedule_positions()


    # ---- Qt model API -------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == TICKET_ID_ROLE:
            return row.ticket_id
        if role == WAITING_ROLE:
            return self._waiting.get(row.ticket_id)
        if role == Qt.ItemDataRole.DisplayRole:
            return row.contact_name
        if role == Qt.ItemDataRole.ToolTipRole:
            from .ticket_delegate import row_tooltip

            return row_tooltip(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            unread = self.tr("{n} unread").format(n=row.unread_count) if row.unread_count else ""
            return ", ".join(p for p in (row.contact_name, row.preview, unread) if p)
        return None

    async def set_query(self, query: InboxQuery) -> None:
        """Show another list (tab or filters changed): its first page replaces the rows."""
        await super().set_query(query)
        if query is self.query:
            self._schedule_positions()

    # ---- live updates -------------------------------------------------------------------

    def invalidate(self, ticket_ids: Any) -> None:
        """These tickets changed (a message, a status, a read, anything): re-read their rows."""
        if self.query is None:
            return
        self._dirty.update(int(t) for t in ticket_ids)
        if self._dirty and not self._flushing and not self._flush_timer.isActive():
            self._flush_timer.start()

    def invalidate_loaded(self, predicate: Any) -> None:
        """Re-read the loaded rows for which ``predicate(row)`` holds (e.g. a contact edited)."""
        self.invalidate([r.ticket_id for r in self._rows if predicate(r)])

    def _start_flush(self) -> None:
        if not self._dirty or self.query is None:
            return
        ids, self._dirty = self._dirty, set()
        self._flushing = True
        tasks.spawn(self._flush(self._generation, self.query, ids))

    async def _flush(self, generation: int, query: InboxQuery, ids: set[int]) -> None:
        try:
            rows = await self._service.rows(query, ids)
            # a read started while another list was loading answers for the old list: the
            # reset that follows has read those tickets already
            if generation == self._generation and query == self.query:
                for ticket_id, row in rows.items():
                    self._apply(ticket_id, row)
                if query.tab == InboxTab.WAITING:
                    self._schedule_positions()
        finally:
            self._flushing = False
            if self._dirty:
                self._flush_timer.start()

    # ---- applying one changed row -------------------------------------------------------

    def _slot_for(self, key: tuple[datetime, int], rows: list[InboxRow]) -> int:
        """Where a row with this sort key goes in ``rows`` (newest first)."""
        lo, hi = 0, len(rows)
        while lo < hi:
            mid = (lo + hi) // 2
            if rows[mid].sort_key > key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _apply(self, ticket_id: int, row: InboxRow | None) -> None:
        at = self._index().get(ticket_id)
        if row is None:
            if at is not None:
                self._waiting.pop(ticket_id, None)
                self._remove_at(at)
            return
        if at is None:
            if not self._exhausted and self._cursor is not None and row.sort_key < self._cursor:
                return  # older than what is loaded: it comes with a later page
            slot = self._slot_for(row.sort_key, self._rows)
            self.beginInsertRows(QModelIndex(), slot, slot)
            self._rows.insert(slot, row)
            self._where = None
            self.endInsertRows()
            self.rows_changed.emit()
            return
        others = self._rows[:at] + self._rows[at + 1:]
        slot = self._slot_for(row.sort_key, others)
        if slot != at:
            # Qt's destination counts rows before the move: one more when moving down.
            self.beginMoveRows(QModelIndex(), at, at, QModelIndex(),
                               slot if slot < at else slot + 1)
            others.insert(slot, row)
            self._rows = others
            self._where = None
            self.endMoveRows()
        else:
            self._rows[at] = row
        index = self.index(slot)
        self.dataChanged.emit(index, index)

    # ---- queue positions (Waiting) --------------------------------------------------------

    def _schedule_positions(self) -> None:
        if self.query is not None and self.query.tab == InboxTab.WAITING and self._rows:
            if not self._positions_timer.isActive():
                self._positions_timer.start()

    def _start_positions(self) -> None:
        if self.query is None or self.query.tab != InboxTab.WAITING:
            return
        tasks.spawn(self._positions(self._generation, [r.ticket_id for r in self._rows]))

    async def _positions(self, generation: int, ids: list[int]) -> None:
        found = await self._service.waiting_positions(ids)
        if generation != self._generation:
            return
        self._waiting = found
        self.refresh_all()

    def refresh_all(self) -> None:
        """Repaint every row (the clock moved: times and waits read differently)."""
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    # ---- helpers ------------------------------------------------------------------------

    def ticket_at(self, row: int) -> InboxRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def ticket_ids(self) -> list[int]:
        return [r.ticket_id for r in self._rows]

    @property
    def busy(self) -> bool:
        """Reads in flight or queued (tests wait for this to settle)."""
        return (self.loading or self._fetching or self._flushing or bool(self._dirty)
                or self._flush_timer.isActive())
