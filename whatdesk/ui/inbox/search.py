"""The Search tab: a field, and contact and message hits with the matched words in bold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from whatdesk.domain.enums import MessageKind
from whatdesk.services.search import ContactHit, MessageHit, SearchPage, could_match
from whatdesk.ui import tasks
from whatdesk.ui.resources import icon
from whatdesk.ui.theme import METRICS, avatar_color, palette

from .context import InboxContext

DEBOUNCE_MS = 250  # typing pauses this long before a search runs
LIVE_DEBOUNCE_MS = 500  # new matching messages are gathered this long, then looked up once
_NOT_HITS = (MessageKind.REACTION, MessageKind.EDIT, MessageKind.REVOKE)
HEADER_HEIGHT = 34
Spans = tuple[tuple[int, int], ...]


translate = QCoreApplication.translate  # lupdate finds calls named "translate"


@dataclass(frozen=True)
class ResultRow:
    """One line of the results: a section header, a contact hit or a message hit."""

    kind: str  # "header" | "contact" | "message"
    title: str
    text: str = ""  # second line (snippet / number)
    spans: Spans = ()  # bold ranges inside ``text`` (message) or ``title`` (contact)
    at: datetime | None = None
    ticket_id: int = 0
    message_id: int = 0  # 0: open the ticket at its newest message
    avatar_key: int = 0
    prefix: str = ""  # "You: " / "Note: " before the snippet


class SearchResultsModel(QAbstractListModel):
    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ResultRow] = []
        self.next_before_id: int | None = None
        self.fetch_more_requested: Any = None  # set by the pane: loads the next page

    def rowCount(self,  # noqa: N802 (Qt override)
                 parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == self.RowRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.title}\n{row.text}" if row.text else row.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.title}. {row.prefix}{row.text}"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if index.isValid() and self.rows[index.row()].kind == "header":
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def set_page(self, page: SearchPage) -> None:
        self.beginResetModel()  # a new query: everything changes at once
        self.rows = []
        if page.contacts:
            self.rows.append(ResultRow("header", translate("SearchPane", "Contacts")))
            self.rows += [_contact_row(c) for c in page.contacts]
        if page.messages:
            self.rows.append(ResultRow("header", translate("SearchPane", "Messages")))
            self.rows += [_message_row(m) for m in page.messages]
        self.next_before_id = page.next_before_id
        self.endResetModel()

    def append_page(self, page: SearchPage) -> None:
        rows = [_message_row(m) for m in page.messages]
        if rows:
            if not any(r.kind == "message" for r in self.rows):
                rows.insert(0, ResultRow("header", translate("SearchPane", "Messages")))
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows += rows
            self.endInsertRows()
        self.next_before_id = page.next_before_id

    def insert_newer(self, page: SearchPage) -> bool:
        """Put the first page's message hits newer than every one shown at the top of the
        messages (rows insert; nothing else moves). False when they do not join up with
        what is shown (more arrived than a page): the caller shows the page afresh."""
        shown = [r.message_id for r in self.rows if r.kind == "message"]
        newest = max(shown, default=0)
        fresh = [m for m in page.messages if m.message_id > newest]
        if not fresh:
            return True
        if shown and len(fresh) == len(page.messages) and page.next_before_id is not None:
            return False
        rows = [_message_row(m) for m in fresh]
        if shown:
            at = next(i for i, r in enumerate(self.rows) if r.kind == "message")
        else:
            rows.insert(0, ResultRow("header", translate("SearchPane", "Messages")))
            at = len(self.rows)
            self.next_before_id = page.next_before_id
        self.beginInsertRows(QModelIndex(), at, at + len(rows) - 1)
        self.rows[at:at] = rows
        self.endInsertRows()
        return True

    def clear(self) -> None:
        self.beginResetModel()
        self.rows = []
        self.next_before_id = None
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        return not parent.isValid() and self.next_before_id is not None

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        if self.fetch_more_requested is not None and self.next_before_id is not None:
            self.fetch_more_requested(self.next_before_id)


def _contact_row(c: ContactHit) -> ResultRow:
    number = f"+{c.phone}" if c.phone else ""
    return ResultRow("contact", c.name, number, c.highlights, c.at, c.ticket_id, 0,
                     c.contact_id)


def _message_row(m: MessageHit) -> ResultRow:
    prefix = translate("SearchPane", "Note: ") if m.is_private_note else translate("SearchPane", "You: ") if m.from_me else ""
    return ResultRow("message", m.contact_name, m.snippet, m.highlights, m.at, m.ticket_id,
                     m.message_id, m.contact_id, prefix)


def format_when(at: datetime | None, now: datetime | None = None) -> str:
    """WhatsApp-style: the time today, "Yesterday", else the date (in the local zone)."""
    if at is None:
        return ""
    local = at.astimezone()
    today = (now or datetime.now().astimezone()).date()
    locale = QLocale()
    if local.date() == today:
        return locale.toString(local.time(), QLocale.FormatType.ShortFormat)
    if (today - local.date()).days == 1:
        return translate("SearchPane", "Yesterday")
    return locale.toString(local.date(), QLocale.FormatType.ShortFormat)


class SearchResultDelegate(QStyledItemDelegate):
    """Paints a result row: avatar, name and time, then the snippet with its matches bold."""

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        row: ResultRow = index.data(SearchResultsModel.RowRole)
        height = HEADER_HEIGHT if row is not None and row.kind == "header" else \
            METRICS.ticket_row_height
        return QSize(1, height)  # as wide as the view: never a horizontal scroll bar

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        row: ResultRow = index.data(SearchResultsModel.RowRole)
        if row is None:
            return
        pal = palette()
        rect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = QFont(option.font)
        if row.kind == "header":
            painter.fillRect(rect, pal.color("list"))
            font = QFont(base)
            font.setPointSizeF(base.pointSizeF() * 0.92)
            font.setWeight(QFont.Weight.DemiBold)
            painter.setFont(font)
            painter.setPen(pal.color("accent"))
            painter.drawText(rect.adjusted(16, 0, -16, -4),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                             row.title.upper())
            painter.restore()
            return
        state = option.state
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, pal.color("selected"))
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, pal.color("hover"))
        else:
            painter.fillRect(rect, pal.color("list"))

        size = METRICS.avatar
        left = rect.left() + 12
        avatar = QRect(left, rect.top() + (rect.height() - size) // 2, size, size)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(avatar_color(row.avatar_key))
        painter.drawEllipse(avatar)
        initials = "".join(w[0] for w in row.title.split()[:2] if w[:1].isalnum()).upper()
        painter.setPen(Qt.GlobalColor.white)
        font = QFont(base)
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.drawText(avatar, Qt.AlignmentFlag.AlignCenter, initials or "#")

        x = avatar.right() + 14
        right = rect.right() - 14
        top_line = QRect(x, rect.top() + 12, right - x, rect.height() // 2 - 12)
        bottom_line = QRect(x, rect.top() + rect.height() // 2 + 2, right - x,
                            rect.height() // 2 - 12)
        when = format_when(row.at)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.85)
        painter.setFont(small)
        painter.setPen(pal.color("text_secondary"))
        when_w = QFontMetrics(small).horizontalAdvance(when) + 8 if when else 0
        painter.drawText(top_line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         when)
        name_rect = top_line.adjusted(0, 0, -when_w, 0)
        name_font = QFont(base)
        name_font.setPointSizeF(base.pointSizeF() * 1.05)
        painter.setPen(pal.color("text"))
        if row.kind == "contact":  # the matched part of the name is what stands out
            _draw_spans(painter, name_rect, row.title, row.spans, name_font)
            painter.setFont(base)
            painter.setPen(pal.color("text_secondary"))
            painter.drawText(bottom_line, Qt.AlignmentFlag.AlignLeft |
                             Qt.AlignmentFlag.AlignVCenter, row.text)
        else:
            painter.setFont(name_font)
            painter.drawText(name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             QFontMetrics(name_font).elidedText(
                                 row.title, Qt.TextElideMode.ElideRight, name_rect.width()))
            painter.setPen(pal.color("text_secondary"))
            shift = len(row.prefix)
            spans = tuple((a + shift, b + shift) for a, b in row.spans)
            _draw_spans(painter, bottom_line, row.prefix + row.text, spans, base,
                        bold_color=pal.color("text"))
        painter.setPen(pal.color("divider"))
        painter.drawLine(x, rect.bottom(), rect.right(), rect.bottom())
        painter.restore()


def _draw_spans(painter: QPainter, rect: QRect, text: str, spans: Spans, font: QFont,
                bold_color: Any = None) -> None:
    """Draw ``text`` on one line with ``spans`` in bold, eliding with "…" at the right."""
    bold = QFont(font)
    bold.setWeight(QFont.Weight.Bold)
    pieces: list[tuple[str, bool]] = []
    last = 0
    for a, b in spans:
        if a > last:
            pieces.append((text[last:a], False))
        pieces.append((text[a:b], True))
        last = b
    if last < len(text):
        pieces.append((text[last:], False))
    x = rect.left()
    normal_pen = painter.pen()
    ellipsis = "…"
    for piece, strong in pieces:
        f = bold if strong else font
        metrics = QFontMetrics(f)
        width = metrics.horizontalAdvance(piece)
        room = rect.right() - x
        painter.setFont(f)
        if strong and bold_color is not None:
            painter.setPen(bold_color)
        else:
            painter.setPen(normal_pen)
        if width > room:
            shown = metrics.elidedText(piece, Qt.TextElideMode.ElideRight, room)
            if not shown:
                shown = ellipsis if room > metrics.horizontalAdvance(ellipsis) else ""
            painter.drawText(QRect(x, rect.top(), room, rect.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
            break
        painter.drawText(QRect(x, rect.top(), width + 1, rect.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, piece)
        x += width
    painter.setPen(normal_pen)


class SearchPane(QWidget):
    """Search field + results; opening a hit emits ``result_opened(ticket_id, message_id)``
    (message_id 0 for a contact: open its newest ticket at the newest message)."""

    result_opened = Signal(int, int)
    leave_requested = Signal()  # Esc in an empty field: go back to the previous tab
    searched = Signal(str)  # a search finished and its results are on screen (tests, bench)

    def __init__(self, ctx: InboxContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("searchPane")
        self.setAutoFillBackground(True)
        background = self.palette()
        background.setColor(self.backgroundRole(), palette().color("list"))
        self.setPalette(background)
        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText(self.tr("Search messages and contacts"))
        self.field.setClearButtonEnabled(True)
        self.field.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        pal = palette()
        self.field.setStyleSheet(
            f"QLineEdit#searchField {{ background: {pal.background}; color: {pal.text};"
            f" border: none; border-radius: 8px; padding: 7px 6px; }}")
        self.field.installEventFilter(self)
        self.model = SearchResultsModel(self)
        self.model.fetch_more_requested = self._load_more
        self.view = QListView()
        self.view.setObjectName("searchResults")
        self.view.setModel(self.model)
        self.view.setItemDelegate(SearchResultDelegate(self.view))
        self.view.setUniformItemSizes(False)
        self.view.setMouseTracking(True)
        self.view.setFrameShape(QListView.Shape.NoFrame)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.clicked.connect(self._open)
        self.view.activated.connect(self._open)
        self.view.installEventFilter(self)
        self.message = QLabel()
        self.message.setObjectName("searchState")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.message.setContentsMargins(24, 32, 24, 0)
        self.message.setStyleSheet(f"color: {pal.text_secondary}; background: {pal.list};")
        self.error = QLabel()
        self.error.setObjectName("searchError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {palette().failed};")
        self.error.hide()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(8)
        top = QVBoxLayout()
        top.setContentsMargins(12, 0, 12, 0)
        top.addWidget(self.field)
        top.addWidget(self.error)
        column.addLayout(top)
        column.addWidget(self.stack, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        # Messages arriving while results are shown: gathered, then one lookup of the
        # newest page whose new hits are inserted at the top.
        self._live_timer = QTimer(self)
        self._live_timer.setSingleShot(True)
        self._live_timer.setInterval(LIVE_DEBOUNCE_MS)
        self._live_timer.timeout.connect(self._refresh_newest)
        ctx.bridge.message_created.connect(self._on_message_created)
        self._generation = 0  # answers to an older query are dropped
        self._loading_more = False
        self.query = ""
        self._show_state()

    # ---- public ---------------------------------------------------------------------------
    def focus_search(self) -> None:
        """Put the cursor in the field with its text selected (Ctrl+K)."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def run_search(self) -> None:
        """Search for the field's text now (the debounce timer calls this)."""
        self._timer.stop()
        text = self.field.text().strip()
        self._generation += 1
        generation = self._generation
        self.query = text
        if not text:
            self.model.clear()
            self._show_state()
            self.searched.emit(text)
            return
        self.error.hide()
        tasks.spawn(self.ctx.runtime.search.search(text, self.ctx.agent.id),
                    on_success=lambda page: self._show_page(page, generation, text),
                    on_error=lambda reason: self._failed(reason, generation))

    # ---- internals ------------------------------------------------------------------------
    def _show_page(self, page: SearchPage, generation: int, text: str) -> None:
        if generation != self._generation:
            return
        self.model.set_page(page)
        self._show_state()
        if self.model.rows:
            self.view.scrollToTop()
        self.searched.emit(text)

    def _load_more(self, before_id: int) -> None:
        if self._loading_more or not self.query:
            return
        self._loading_more = True
        generation = self._generation

        def done(page: SearchPage) -> None:
            self._loading_more = False
            if generation == self._generation:
                self.model.append_page(page)

        def failed(text: str) -> None:
            self._loading_more = False
            self._failed(text, generation)

        tasks.spawn(self.ctx.runtime.search.search(self.query, self.ctx.agent.id, before_id),
                    on_success=done, on_error=failed)

    def _on_message_created(self, event: Any) -> None:
        if not self.query or event.kind in _NOT_HITS or self._timer.isActive():
            return
        if could_match(self.query, event.text or "") and not self._live_timer.isActive():
            self._live_timer.start()  # not restarted: a steady stream still refreshes

    def _refresh_newest(self) -> None:
        if not self.query:
            return
        generation, text = self._generation, self.query

        def merge(page: SearchPage) -> None:
            if generation != self._generation:
                return
            if not self.model.insert_newer(page):
                self.model.set_page(page)
            self._show_state()
            self.searched.emit(text)

        tasks.spawn(self.ctx.runtime.search.search(text, self.ctx.agent.id), on_success=merge,
                    on_error=lambda reason: self._failed(reason, generation))

    def _failed(self, text: str, generation: int) -> None:
        if generation == self._generation:
            self.error.setText(self.tr("The search failed: {reason}").format(reason=str(text)))
            self.error.show()

    def _show_state(self) -> None:
        if self.model.rows:
            self.stack.setCurrentWidget(self.view)
            return
        if not self.query:
            self.message.setText(
                "<p style='font-size:11pt'>" + self.tr("Search messages and contacts")
                + "</p><p>" + self.tr("Type a word, a name or part of a phone number. "
                                      "Accents and capitals do not matter; put a phrase in "
                                      "quotes to find it exactly.") + "</p>")
        else:
            self.message.setText(
                "<p style='font-size:11pt'>" + self.tr("No results for “{query}”").format(
                    query=_escape(self.query)) + "</p><p>"
                + self.tr("Check the spelling or try fewer words.") + "</p>")
        self.stack.setCurrentWidget(self.message)

    def _open(self, index: QModelIndex) -> None:
        row: ResultRow | None = index.data(SearchResultsModel.RowRole)
        if row is None or row.kind == "header":
            return
        self.result_opened.emit(row.ticket_id, row.message_id)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if obj is self.field:
                if key == Qt.Key.Key_Escape:
                    if self.field.text():
                        self.field.clear()
                        self.run_search()
                    else:
                        self.leave_requested.emit()
                    return True
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                        self.model.rows:
                    if self._timer.isActive():  # Enter before the pause: search now
                        self.run_search()
                        return True
                    self._select_first()
                    if key != Qt.Key.Key_Down:
                        self._open(self.view.currentIndex())
                    return True
            elif obj is self.view and key == Qt.Key.Key_Escape:
                self.focus_search()
                return True
            elif obj is self.view and key == Qt.Key.Key_Up and \
                    self.view.currentIndex().row() <= self._first_selectable():
                self.focus_search()
                return True
        return super().eventFilter(obj, event)

    def _first_selectable(self) -> int:
        for i, row in enumerate(self.model.rows):
            if row.kind != "header":
                return i
        return -1

    def _select_first(self) -> None:
        first = self._first_selectable()
        if first >= 0:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.view.setCurrentIndex(self.model.index(first))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
