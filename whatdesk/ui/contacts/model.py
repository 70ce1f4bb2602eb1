"""The contact list model: one query's contacts, loaded page by page as the view scrolls."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from whatdesk.store.contact_list import ContactListQuery, ContactListRow, Cursor
from whatdesk.ui import tasks

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the ContactListRow
CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
REFRESH_MS = 200  # edits and messages arriving within this window are read together

Index = QModelIndex | QPersistentModelIndex


class ContactListModel(QAbstractListModel):
    """Rows of one list (search + tag + order). ``set_query`` loads the first page (the one
    reset); ``canFetchMore``/``fetchMore`` bring the next as the view scrolls, so 100,000
    contacts cost what the screen shows. ``refresh(ids)`` re-reads edited contacts in place."""

    loading_changed = Signal(bool)
    rows_changed = Signal()  # the number of rows may have changed (empty state)

    def __init__(self, service: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service  # runtime.contacts
        self.query: ContactListQuery | None = None
        self._rows: list[ContactListRow] = []
        self._cursor: Cursor | None = None
        self._exhausted = True
        self._fetching = False
        self._generation = 0  # answers for an older query are dropped
        self._where: dict[int, int] | None = {}  # contact id -> row; None: rebuild
        self._dirty: set[int] = set()
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh_timer.timeout.connect(self._start_refresh)
        self.loading = False

    # ---- Qt model API -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

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

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return (not parent.isValid() and self.query is not None and not self._exhausted
                and not self._fetching)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        tasks.spawn(self._fetch_more(self._generation, self.query, self._cursor))

    # ---- queries ------------------------------------------------------------------------

    async def set_query(self, query: ContactListQuery) -> None:
        """Show another list (search, tag or order changed): its first page replaces the rows."""
        self._generation += 1
        generation = self._generation
        self._set_loading(True)
        try:
            page = await self._service.list_page(query)
        finally:
            if generation == self._generation:
                self._set_loading(False)
        if generation != self._generation:
            return
        self.beginResetModel()
        self.query = query
        self._rows = list(page.rows)
        self._where = None
        self._dirty.clear()
        self._cursor = page.cursor
        self._exhausted = page.exhausted
        self._fetching = False
        self.endResetModel()
        self.rows_changed.emit()

    async def _fetch_more(self, generation: int, query: ContactListQuery | None,
                          cursor: Cursor | None) -> None:
        try:
            page = await self._service.list_page(query, cursor)
        finally:
            if generation == self._generation:
                self._fetching = False
        if generation != self._generation:
            return
        loaded = self._index()
        fresh = [r for r in page.rows if r.contact_id not in loaded]
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self._where = None
            self.endInsertRows()
            self.rows_changed.emit()
        self._cursor = page.cursor if page.cursor is not None else self._cursor
        self._exhausted = page.exhausted

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
                self.beginRemoveRows(QModelIndex(), at, at)
                del self._rows[at]
                self._where = None
                self.endRemoveRows()
                self.rows_changed.emit()
                continue
            # the order's key (name) may have changed; the row stays where the agent sees it
            # until the list is read again
            self._rows[at] = row
            index = self.index(at)
            self.dataChanged.emit(index, index)

    # ---- helpers ------------------------------------------------------------------------

    def _set_loading(self, loading: bool) -> None:
        self.loading = loading
        self.loading_changed.emit(loading)

    def _index(self) -> dict[int, int]:
        if self._where is None:
            self._where = {r.contact_id: i for i, r in enumerate(self._rows)}
        return self._where

    def row_of(self, contact_id: int) -> int | None:
        return self._index().get(contact_id)

    def contact_at(self, row: int) -> ContactListRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def loaded_count(self) -> int:
        """How many contacts are in memory (the rest stays in the database)."""
        return len(self._rows)

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    @property
    def busy(self) -> bool:
        return (self.loading or self._fetching or bool(self._dirty)
                or self._refresh_timer.isActive())
