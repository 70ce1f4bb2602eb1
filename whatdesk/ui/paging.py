"""A list model that holds one query's rows and loads them a keyset page at a time as the view
scrolls: the ticket list and the contact list are both one of these."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Signal,
)

from whatdesk.ui import tasks

Index = QModelIndex | QPersistentModelIndex


class KeysetListModel(QAbstractListModel):
    """``set_query`` loads the first page (the one reset, when the list itself changes);
    ``canFetchMore``/``fetchMore`` bring the next pages, so a list of 100,000 costs what the
    screen shows. Answers for an older query are dropped. Subclasses say how a page is read
    (``_read_page``) and what identifies a row (``_row_id``), and answer ``data``."""

    loading_changed = Signal(bool)
    rows_changed = Signal()  # the number of rows may have changed (empty state)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.query: Any = None
        self._rows: list[Any] = []
        self._where: dict[int, int] | None = {}  # row id -> position; None: rebuild
        self._cursor: Any = None
        self._exhausted = True
        self._fetching = False
        self._generation = 0  # bumped by set_query
        self.loading = False

    # ---- what a subclass provides ---------------------------------------------------------
    async def _read_page(self, query: Any, cursor: Any = None) -> Any:
        """The page after ``cursor`` (first page: None): ``.rows``, ``.cursor``, ``.exhausted``."""
        raise NotImplementedError

    @staticmethod
    def _row_id(row: Any) -> int:
        raise NotImplementedError

    def _on_reset(self) -> None:
        """Inside the reset that shows a new query's first page."""

    def _on_appended(self) -> None:
        """After a further page added rows."""

    # ---- Qt model API -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (not parent.isValid() and self.query is not None and not self._exhausted
                and not self._fetching)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        tasks.spawn(self._fetch_more(self._generation, self.query, self._cursor))

    # ---- pages --------------------------------------------------------------------------
    async def set_query(self, query: Any) -> None:
        """Show another list: its first page replaces the rows."""
        self._generation += 1
        generation = self._generation
        self._set_loading(True)
        try:
            page = await self._read_page(query)
        finally:
            if generation == self._generation:
                self._set_loading(False)
        if generation != self._generation:
            return
        self.beginResetModel()
        self.query = query
        self._rows = list(page.rows)
        self._where = None
        self._cursor = page.cursor
        self._exhausted = page.exhausted
        self._fetching = False
        self._on_reset()
        self.endResetModel()
        self.rows_changed.emit()

    async def _fetch_more(self, generation: int, query: Any, cursor: Any) -> None:
        try:
            page = await self._read_page(query, cursor)
        finally:
            if generation == self._generation:
                self._fetching = False
        if generation != self._generation:
            return
        loaded = self._index()
        # a row may be here already: a live update moved it up after the cursor
        fresh = [r for r in page.rows if self._row_id(r) not in loaded]
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self._where = None
            self.endInsertRows()
            self.rows_changed.emit()
            self._on_appended()
        self._cursor = page.cursor if page.cursor is not None else self._cursor
        self._exhausted = page.exhausted

    # ---- helpers ------------------------------------------------------------------------
    def _set_loading(self, loading: bool) -> None:
        self.loading = loading
        self.loading_changed.emit(loading)

    def _index(self) -> dict[int, int]:
        if self._where is None:
            self._where = {self._row_id(r): i for i, r in enumerate(self._rows)}
        return self._where

    def row_of(self, row_id: int) -> int | None:
        return self._index().get(row_id)

    def _remove_at(self, at: int) -> None:
        self.beginRemoveRows(QModelIndex(), at, at)
        del self._rows[at]
        self._where = None
        self.endRemoveRows()
        self.rows_changed.emit()

    @property
    def loaded_count(self) -> int:
        """How many rows are in memory (the rest stays in the database)."""
        return len(self._rows)

    @property
    def exhausted(self) -> bool:
        return self._exhausted
