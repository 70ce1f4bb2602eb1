"""The ticket lists (tabs Mine, Waiting, Bot, Closed, Search) with their filters."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from whatdesk.domain.enums import TicketStatus
from whatdesk.services.inbox import NO_QUEUE, InboxQuery, InboxTab, TabCounts
from whatdesk.ui import tasks, theme
from whatdesk.ui.avatars import AvatarCache

from .context import InboxContext
from .search import SearchPane
from .ticket_delegate import TicketRowDelegate
from .ticket_model import TICKET_ID_ROLE, TicketListModel

COUNTS_MS = 250  # tab counts are re-read at most this often while tickets change
CLOCK_MS = 60_000  # times ("12:04", "Yesterday") and waits repaint once a minute
SEARCH = "search"
_TABS = (InboxTab.MINE, InboxTab.WAITING, InboxTab.BOT, InboxTab.CLOSED, SEARCH)


def _dot(color: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class TicketListPane(QWidget):
    ticket_selected = Signal(int)  # ticket id; also emitted by keyboard navigation

    def __init__(self, ctx: InboxContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ticketListPane")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # list colour behind tabs
        self.open_ticket_id: int | None = None
        self.counts = TabCounts(0, 0, 0)
        self._quiet = 0  # >0: selection changes come from the model, not the agent
        self._loaded = False
        service = ctx.runtime.inbox
        data_dir = getattr(ctx.runtime, "data_dir", None)
        self.avatars = AvatarCache(data_dir, self)
        self.model = TicketListModel(service, self)

        self.tabs = QTabBar()
        self.tabs.setObjectName("ticketTabs")
        self.tabs.setExpanding(True)
        self.tabs.setDrawBase(False)
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideNone)
        for _ in _TABS:
            self.tabs.addTab("")
        self.tabs.setTabToolTip(0, self.tr("Open conversations you are answering"))
        self.tabs.setTabToolTip(1, self.tr("Customers waiting for an agent in your queues"))
        self.tabs.setTabToolTip(2, self.tr("Conversations a chatbot flow is answering"))
        self.tabs.setTabToolTip(3, self.tr("Finished conversations"))
        self.tabs.setTabToolTip(4, self.tr("Search messages and contacts"))

        self.filters = self._make_filters()

        self.view = QListView()
        self.view.setObjectName("ticketList")
        self.view.setModel(self.model)
        self.view.setItemDelegate(TicketRowDelegate(self.avatars, ctx.runtime.clock.now,
                                                    self.view))
        self.view.setUniformItemSizes(True)
        self.view.setMouseTracking(True)  # hover tint
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName(self.tr("Conversations"))
        self.avatars.loaded.connect(lambda _path: self.view.viewport().update())

        self.empty = QWidget()
        self.empty.setObjectName("ticketListEmpty")
        empty_column = QVBoxLayout(self.empty)
        empty_column.setContentsMargins(32, 24, 32, 24)
        empty_column.addStretch(1)
        self.empty_title = QLabel()
        self.empty_title.setObjectName("emptyTitle")
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_title.setWordWrap(True)
        self.empty_text = QLabel()
        self.empty_text.setObjectName("emptyText")
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setWordWrap(True)
        self.empty_clear = QPushButton(self.tr("Clear filters"))
        self.empty_clear.setObjectName("emptyClearFilters")
        self.empty_clear.clicked.connect(self.clear_filters)
        empty_column.addWidget(self.empty_title)
        empty_column.addWidget(self.empty_text)
        empty_column.addWidget(self.empty_clear, 0, Qt.AlignmentFlag.AlignHCenter)
        # "Mine" is empty while customers wait: the one click that fills it
        self.empty_waiting = QPushButton()
        self.empty_waiting.setObjectName("emptyShowWaiting")
        self.empty_waiting.clicked.connect(lambda: self.set_tab(InboxTab.WAITING))
        empty_column.addWidget(self.empty_waiting, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_column.addStretch(2)

        self.search = SearchPane(ctx)
        self.search.leave_requested.connect(self.leave_search)
        self.stack = QStackedWidget()
        for widget in (self.view, self.empty, self.search):
            self.stack.addWidget(widget)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.tabs)
        column.addWidget(self.filters)
        column.addWidget(self.stack, 1)
        self._style()

        self._counts_timer = QTimer(self, singleShot=True, interval=COUNTS_MS)
        self._counts_timer.timeout.connect(lambda: tasks.spawn(self.refresh_counts()))
        self._clock = QTimer(self, interval=CLOCK_MS)
        self._clock.timeout.connect(self.model.refresh_all)
        self._clock.start()

        self.tabs.currentChanged.connect(self._tab_changed)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelAboutToBeReset.connect(self._hush)
        self.model.modelReset.connect(self._after_reset)
        self.model.rowsAboutToBeRemoved.connect(self._hush)
        self.model.rowsRemoved.connect(self._after_remove)
        self.model.rowsAboutToBeMoved.connect(self._hush)
        self.model.rowsMoved.connect(self._unhush)
        self.model.rows_changed.connect(self._update_empty)
        self.model.loading_changed.connect(lambda _l: self._update_empty())
        bridge = ctx.bridge
        bridge.ticket_changed.connect(self._on_ticket_changed)
        bridge.message_created.connect(lambda ev: self.model.invalidate([ev.ticket_id]))
        bridge.message_updated.connect(self._on_message_updated)
        bridge.counts_changed.connect(lambda _ev: self._schedule_counts())
        bridge.connections_changed.connect(lambda _ev: tasks.spawn(self._load_choices()))
        self._update_tab_texts()

    # ---- building -------------------------------------------------------------------------

    def _combo(self, name: str, tip: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setToolTip(tip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        combo.currentIndexChanged.connect(self._filters_changed)
        return combo

    def _make_filters(self) -> QWidget:
        box = QWidget()
        box.setObjectName("ticketFilters")
        grid = QGridLayout(box)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(6)
        self.queue_filter = self._combo("queueFilter", self.tr("Show one queue"))
        self.connection_filter = self._combo("connectionFilter",
                                             self.tr("Show one WhatsApp connection"))
        self.tag_filter = self._combo("tagFilter", self.tr("Show contacts with this tag"))
        self.agent_filter = self._combo("agentFilter",
                                        self.tr("Show another agent's conversations"))
        self.unread_filter = QToolButton()
        self.unread_filter.setObjectName("unreadFilter")
        self.unread_filter.setText(self.tr("Unread"))
        self.unread_filter.setToolTip(self.tr("Only conversations with unread messages"))
        self.unread_filter.setCheckable(True)
        self.unread_filter.toggled.connect(self._filters_changed)
        grid.addWidget(self.queue_filter, 0, 0)
        grid.addWidget(self.connection_filter, 0, 1)
        grid.addWidget(self.unread_filter, 0, 2)
        grid.addWidget(self.tag_filter, 1, 0)
        grid.addWidget(self.agent_filter, 1, 1)
        self.agent_filter.setVisible(self.ctx.agent.is_admin)
        self.tag_filter.setVisible(False)
        self.connection_filter.setVisible(False)
        self.queue_filter.setVisible(False)
        return box

    def _style(self) -> None:
        pal = theme.palette()
        self.setStyleSheet(
            f"#ticketListPane {{ background: {pal.list}; }}"
            f"#ticketList {{ background: {pal.list}; border: none; }}"
            f"#ticketListEmpty {{ background: {pal.list}; }}"
            f"#emptyTitle {{ color: {pal.text}; font-size: 16px; font-weight: 600; }}"
            f"#emptyText {{ color: {pal.text_secondary}; font-size: 13px; }}"
            f"#emptyShowWaiting {{ background: {pal.accent}; color: white; border: none;"
            f" border-radius: 6px; padding: 7px 16px; font-weight: 600; margin-top: 8px; }}"
            f"#ticketFilters {{ background: {pal.list}; border-bottom: 1px solid {pal.divider}; }}"
            f"#ticketTabs::tab {{ padding: 10px 4px; border: none; color: {pal.text_secondary};"
            f" border-bottom: 3px solid transparent; }}"
            f"#ticketTabs::tab:selected {{ color: {pal.accent}; font-weight: 600;"
            f" border-bottom: 3px solid {pal.accent}; }}"
            f"#unreadFilter {{ padding: 3px 10px; border: 1px solid {pal.divider};"
            f" border-radius: 12px; color: {pal.text_secondary}; }}"
            f"#unreadFilter:checked {{ background: {pal.accent}; color: white;"
            f" border-color: {pal.accent}; }}"
        )

    # ---- loading --------------------------------------------------------------------------

    async def load(self) -> None:
        """Fill the lists from the store (filter choices, counts, the first page)."""
        await self._load_choices()
        await self.refresh_counts()
        if self.current_tab() == InboxTab.MINE and not self.counts.mine:
            self.set_tab(InboxTab.WAITING)  # nothing of mine yet: start with who is waiting
        self._loaded = True
        await self._reload()

    async def _load_choices(self) -> None:
        choices = await self.ctx.runtime.inbox.filter_choices()
        self._quiet += 1
        try:
            self._fill(self.queue_filter, self.tr("All queues"),
                       [(q.name, q.id, q.color) for q in choices.queues]
                       + ([(self.tr("No queue"), NO_QUEUE, None)] if choices.queues else []))
            self._fill(self.connection_filter, self.tr("All connections"),
                       [(c.name, c.id, None) for c in choices.connections])
            self._fill(self.tag_filter, self.tr("All tags"),
                       [(t.name, t.id, t.color) for t in choices.tags])
            self._fill(self.agent_filter, self.tr("Agent"),
                       [(a.name, a.id, None) for a in choices.agents])
        finally:
            self._quiet -= 1
        self.queue_filter.setVisible(bool(choices.queues))
        self.connection_filter.setVisible(len(choices.connections) > 1)
        self.tag_filter.setVisible(bool(choices.tags))
        self.agent_filter.setVisible(self.ctx.agent.is_admin and len(choices.agents) > 1)
        self._update_agent_filter()
        self.filters.setVisible(self.current_tab() != SEARCH)

    def _fill(self, combo: QComboBox, everything: str,
              items: list[tuple[str, int, str | None]]) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for text, value, color in items:
            if color:
                combo.addItem(_dot(color), text, value)
            else:
                combo.addItem(text, value)
        found = combo.findData(keep) if keep is not None else 0
        combo.setCurrentIndex(max(0, found))
        combo.blockSignals(False)

    def query(self) -> InboxQuery | None:
        """The list the agent is looking at (None on the Search tab)."""
        tab = self.current_tab()
        if tab == SEARCH:
            return None
        agent = self.ctx.agent
        return InboxQuery(
            tab=InboxTab(tab), viewer_id=agent.id, viewer_is_admin=agent.is_admin,
            viewer_queue_ids=tuple(agent.queue_ids),
            queue_id=self.queue_filter.currentData(),
            connection_id=self.connection_filter.currentData(),
            tag_id=self.tag_filter.currentData(),
            agent_id=(self.agent_filter.currentData()
                      if agent.is_admin and self.agent_filter.isEnabled() else None),
            unread_only=self.unread_filter.isChecked())

    async def _reload(self) -> None:
        query = self.query()
        if query is not None:
            await self.model.set_query(query)

    async def refresh_counts(self) -> None:
        query = self.query() or InboxQuery(InboxTab.MINE, self.ctx.agent.id,
                                           self.ctx.agent.is_admin,
                                           tuple(self.ctx.agent.queue_ids))
        self.counts = await self.ctx.runtime.inbox.counts(query)
        self._update_tab_texts()
        if self.stack.currentWidget() is self.empty:
            self._update_empty()  # the "see who is waiting" offer follows the count

    # ---- tabs and filters -------------------------------------------------------------------

    def current_tab(self) -> str:
        return str(_TABS[self.tabs.currentIndex()])

    def set_tab(self, tab: str) -> None:
        self.tabs.setCurrentIndex(_TABS.index(tab))  # type: ignore[arg-type]

    def _update_tab_texts(self) -> None:
        c = self.counts
        agent_id = self.agent_filter.currentData() if self.ctx.agent.is_admin else None
        mine = self.tr("Mine")
        if agent_id is not None and agent_id != self.ctx.agent.id:
            mine = self.agent_filter.currentText()
        texts = [f"{mine} ({c.mine})" if c.mine else mine,
                 f"{self.tr('Waiting')} ({c.waiting})" if c.waiting else self.tr("Waiting"),
                 f"{self.tr('Bot')} ({c.bot})" if c.bot else self.tr("Bot"),
                 self.tr("Closed"), self.tr("Search")]
        for i, text in enumerate(texts):
            self.tabs.setTabText(i, text)

    def _update_agent_filter(self) -> None:
        # Waiting and bot tickets belong to no agent: the filter means nothing there.
        self.agent_filter.setEnabled(self.current_tab() in (InboxTab.MINE, InboxTab.CLOSED))

    def _tab_changed(self, _index: int) -> None:
        searching = self.current_tab() == SEARCH
        self.filters.setVisible(not searching)
        self._update_agent_filter()
        if searching:
            self.stack.setCurrentWidget(self.search)
            return
        self._update_empty()
        if self._loaded:
            tasks.spawn(self._reload())
            self._counts_timer.start()

    def _filters_changed(self, *_: Any) -> None:
        if self._quiet:
            return
        self._update_tab_texts()
        if self._loaded:
            tasks.spawn(self._reload())
            self._counts_timer.start()

    def filters_active(self) -> bool:
        return any(c.currentData() is not None for c in
                   (self.queue_filter, self.connection_filter, self.tag_filter)) \
            or (self.agent_filter.isEnabled() and self.agent_filter.currentData() is not None) \
            or self.unread_filter.isChecked()

    def clear_filters(self) -> None:
        self._quiet += 1
        try:
            for combo in (self.queue_filter, self.connection_filter, self.tag_filter,
                          self.agent_filter):
                combo.setCurrentIndex(0)
            self.unread_filter.setChecked(False)
        finally:
            self._quiet -= 1
        self._filters_changed()

    # ---- empty state ----------------------------------------------------------------------

    def _update_empty(self) -> None:
        if self.current_tab() == SEARCH:
            return
        if self.model.rowCount() or self.model.loading or self.model.query is None:
            self.stack.setCurrentWidget(self.view)
            return
        tab = self.current_tab()
        filtered = self.filters_active()
        if filtered:
            title = self.tr("No conversations match these filters")
            text = self.tr("Clear the filters to see every conversation of this tab.")
        elif tab == InboxTab.MINE:
            title = self.tr("No open conversations")
            text = self.tr("Conversations you accept or start are answered here. Take the "
                           "next customer from Waiting.")
        elif tab == InboxTab.WAITING:
            title = self.tr("Nobody is waiting")
            text = self.tr("Customers who write in wait here for an agent, in the order they "
                           "arrived, with their place in the queue.")
        elif tab == InboxTab.BOT:
            title = self.tr("No conversations with the bot")
            text = self.tr("Chats a chatbot flow is answering show here until the flow hands "
                           "them to a queue.")
        else:
            title = self.tr("No closed conversations")
            text = self.tr("Conversations you close are kept here; reopen one to write again.")
        self.empty_title.setText(title)
        self.empty_text.setText(text)
        self.empty_clear.setVisible(filtered)
        waiting = getattr(self.counts, "waiting", 0)
        self.empty_waiting.setText(self.tr("See who is waiting ({n})").format(n=waiting))
        self.empty_waiting.setVisible(tab == InboxTab.MINE and not filtered and waiting > 0)
        self.stack.setCurrentWidget(self.empty)

    # ---- live updates ---------------------------------------------------------------------

    def _on_ticket_changed(self, event: Any) -> None:
        self.model.invalidate([event.ticket_id])
        self._schedule_counts()
        if (event.ticket_id == self.open_ticket_id and event.status == TicketStatus.OPEN
                and event.previous in (TicketStatus.PENDING, TicketStatus.BOT)
                and self.current_tab() in (InboxTab.WAITING, InboxTab.BOT)):
            tasks.spawn(self._follow_to_mine(event.ticket_id))

    async def _follow_to_mine(self, ticket_id: int) -> None:
        """The open chat was accepted by this agent: follow it to Mine, still selected."""
        query = self.query()
        if query is None:
            return
        mine = InboxQuery(InboxTab.MINE, query.viewer_id, query.viewer_is_admin,
                          query.viewer_queue_ids)
        found = await self.ctx.runtime.inbox.rows(mine, [ticket_id])
        if found.get(ticket_id) is not None and self.open_ticket_id == ticket_id:
            self.set_tab(InboxTab.MINE)

    def _on_message_updated(self, event: Any) -> None:
        at = self.model.row_of(event.ticket_id)
        if at is None:
            return
        row = self.model.ticket_at(at)
        if row is not None and row.last_message_id == event.message_id:
            self.model.invalidate([event.ticket_id])  # our last message's ticks changed

    def show_search(self) -> None:
        """Open the Search tab with the cursor in its field (Ctrl+K)."""
        if self.current_tab() != SEARCH:
            self._before_search = self.tabs.currentIndex()
        self.tabs.setCurrentIndex(_TABS.index(SEARCH))  # type: ignore[arg-type]
        self.search.focus_search()

    def leave_search(self) -> None:
        """Back to the tab the agent was on before searching (second Esc in the field)."""
        if self.current_tab() == SEARCH:
            self.tabs.setCurrentIndex(getattr(self, "_before_search", 0))

    def contact_changed(self, contact_id: int) -> None:
        """A contact was edited (name, tags, picture): its rows are read again."""
        self.model.invalidate_loaded(lambda r: r.contact_id == contact_id)

    # ---- selection --------------------------------------------------------------------------

    def _schedule_counts(self) -> None:
        # at most one read per COUNTS_MS, also while a burst keeps changing tickets
        if not self._counts_timer.isActive():
            self._counts_timer.start()

    def _hush(self, *_: Any) -> None:
        self._quiet += 1

    def _unhush(self, *_: Any) -> None:
        self._quiet -= 1

    def _after_reset(self) -> None:
        self._quiet -= 1
        self._reselect()

    def _after_remove(self, *_: Any) -> None:
        if self.open_ticket_id is not None and self.model.row_of(self.open_ticket_id) is None:
            self.view.selectionModel().clear()  # the open chat left this list; it stays open
        self._quiet -= 1

    def _reselect(self) -> None:
        if self.open_ticket_id is None:
            return
        row = self.model.row_of(self.open_ticket_id)
        if row is None:
            return
        self._quiet += 1
        try:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._quiet -= 1

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        ticket_id = current.data(TICKET_ID_ROLE)
        if ticket_id is None or ticket_id == self.open_ticket_id:
            return
        self.open_ticket_id = int(ticket_id)
        self.ticket_selected.emit(int(ticket_id))

    def show_ticket(self, ticket_id: int | None) -> None:
        """The page opened this ticket some other way (search, a notification): mark it."""
        self.open_ticket_id = ticket_id
        if ticket_id is None or self.model.row_of(ticket_id) is None:
            self._quiet += 1
            try:
                self.view.selectionModel().clear()
            finally:
                self._quiet -= 1
            return
        self._reselect()

    def select_next(self) -> None:
        """Open the conversation below the current one (Alt+J)."""
        self._step(1)

    def select_previous(self) -> None:
        """Open the conversation above the current one (Alt+K)."""
        self._step(-1)

    def _step(self, delta: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        current = self.view.currentIndex()
        row = 0 if not current.isValid() else min(count - 1, max(0, current.row() + delta))
        index = self.model.index(row)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(theme.METRICS.list_min_width + 60, 600)
