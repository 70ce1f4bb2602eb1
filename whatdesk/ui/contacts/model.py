"""The contact list model: one query's contacts, loaded page by page as the view scrolls."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer

from whatdesk.store.contact_list import ContactListQuery, ContactListRow
from whatdesk.ui import tasks
from whatdesk.ui.paging import Index, KeysetListModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the ContactListRow
CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
REFRESH_MS = 200  # edits and messages arriving within this window are read together


class ContactListModel(KeysetListModel):
    """Rows of one list (search + tag + order). ``set_query`` loads the first page (the one
    reset); further pages come as the view scrolls, so 100,000 contacts cost what the screen
    shows. ``refresh(ids)`` re-reads edited contacts in place."""

    def __init__(self, service: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service  # runtime.contacts
        self._dirty: set[int] = set()
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh_timer.timeout.connect(self._start_refresh)

    async def _read_page(self, query: Any, cursor: Any = None) -> Any:
        return await self._service.list_page(query, cursor)

    @staticmethod
    def _row_id(row: ContactListRow) -> int:
        return row.contact_id

    def _on_reset(self) -> None:
        self._dirty.clear()

    # ---- Qt model API -------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == CONTACT_ID_ROLE:
            return row.contact_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.name
        if role == Qt.ItemDataRole.ToolTipRole:
            from .delegate import row_tooltip

            return row_tooltip(row)
        return None

    # ---- live edits ---------------------------------------------------------------------

    def refresh(self, contact_ids: Any) -> None:
        """These contacts were edited: repaint their loaded rows with what is stored now (a
        row that no longer matches the search or tag leaves the list)."""
        self._dirty.update(int(i) for i in contact_ids if self.row_of(int(i)) is not None)
        if self._dirty and not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _start_refresh(self) -> None:
        ids, self._dirty = sorted(self._dirty), set()
        if ids and self.query is not None:
            tasks.spawn(self._refresh(self._generation, self.query, ids))

    async def _refresh(self, generation: int, query: ContactListQuery, ids: list[int]) -> None:
        rows = await self._service.list_rows(query, ids)
        if generation != self._generation:
            return
        for contact_id, row in rows.items():
            at = self.row_of(contact_id)
            if at is None:
                continue
            if row is None:
                self._remove_at(at)
                continue
            # the order's key (name) may have changed; the row stays where the agent sees it
            # until the list is read again
            self._rows[at] = row
            index = self.index(at)
            self.dataChanged.emit(index, index)

    # ---- helpers ------------------------------------------------------------------------

    def contact_at(self, row: int) -> ContactListRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def busy(self) -> bool:
        return (self.loading or self._fetching or bool(self._dirty)
                or self._refresh_timer.isActive())
