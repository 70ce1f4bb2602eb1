"""The chat pane: the ticket header, the message list and the composer, top to bottom."""

from __future__ import annotations

import asyncio
import logging
import math
import shutil
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QDesktopServices,
    QGuiApplication,
    QImage,
    QImageReader,
    QMouseEvent,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from whatdesk.domain.enums import MessageKind
from whatdesk.services.chat import ChatMessage, ChatPage
from whatdesk.store.chat import ACTION_KINDS
from whatdesk.ui import tasks, theme

from .chat_delegate import ChatDelegate, _vcard_people
from .chat_model import ChatModel, MessageItem
from .composer import Composer
from .context import InboxContext
from .playback import AudioPlayback, VideoPlayer
from .ticket_header import TicketHeader

log = logging.getLogger(__name__)
QUICK_REACTIONS = ("👍", "❤️", "😂", "😮", "😢", "🙏")  # WhatsApp's own quick row
LOAD_MARGIN_PX = 400  # fetch the next page before the agent reaches the edge
HIGHLIGHT_MS = 2000
WINDOW_ROWS = 360  # rows the chat keeps around what the agent reads (9 pages of 40)
LAYOUT_SLICE_S = 0.006  # longest stretch of laying out rows of a page in one frame
THUMB_CACHE = 300


class ChatView(QListView):
    """The message list: pixel scrolling, no selection; clicks on a bubble's parts become
    ``action(name, row)`` (quote, media, save, map, retry, add_contact:N)."""

    action = Signal(str, int)
    seek = Signal(int, float)  # row, where on the waveform (0..1) the agent clicked
    context_menu = Signal(int, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatView")
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setUniformItemSizes(False)
        self.setMouseTracking(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.verticalScrollBar().setSingleStep(24)
        self._press: tuple[int, str] | None = None

    def hit_at(self, pos: QPoint) -> tuple[int, str | None]:
        index = self.indexAt(pos)
        if not index.isValid():
            return -1, None
        delegate = self.itemDelegate()
        layout = delegate.layout_for(index)  # type: ignore[attr-defined]
        rect = self.visualRect(index)
        return index.row(), layout.hit(pos.x() - rect.left(), pos.y() - rect.top())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            row, name = self.hit_at(event.position().toPoint())
            self._press = (row, name) if name else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            pos = event.position().toPoint()
            row, name = self.hit_at(pos)
            if (row, name) == self._press and name == "seek":
                index = self.model().index(row, 0)
                layout = self.itemDelegate().layout_for(index)  # type: ignore[attr-defined]
                top_left = self.visualRect(index).topLeft()
                found = layout.hit_rect(pos.x() - top_left.x(), pos.y() - top_left.y())
                if found is not None:
                    _, rect = found
                    self.seek.emit(row, (pos.x() - top_left.x() - rect.left())
                                   / max(1, rect.width()))
            elif (row, name) == self._press and name:
                self.action.emit(name, row)
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        _, name = self.hit_at(event.position().toPoint())
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if name
                                  else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def contextMenuEvent(self, event: Any) -> None:
        index = self.indexAt(event.pos())
        if index.isValid():
            self.context_menu.emit(index.row(), event.globalPos())

    def resizeEvent(self, event: Any) -> None:
        # Keep the bottom in view when the pane resizes (the agent was reading the newest).
        sb = self.verticalScrollBar()
        was_bottom = sb.value() >= sb.maximum() - 4
        super().resizeEvent(event)
        if was_bottom:
            self.scrollToBottom()


class Thumbnails(QObject):
    """Scaled images of messages, decoded off the UI thread and kept in a small LRU cache."""

    ready = Signal(int)  # message id

    def __init__(self, resolve: Callable[[Any], Path | None], parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self._resolve = resolve
        self._cache: OrderedDict[tuple[int, int, int], QPixmap] = OrderedDict()
        self._pending: set[tuple[int, int, int]] = set()
        self._missing: set[int] = set()

    def get(self, item: MessageItem, size: QSize) -> QPixmap | None:
        """The pixmap, or None while loading; a null QPixmap when the file is unavailable."""
        mid = item.msg.id
        if mid in self._missing:
            return QPixmap()
        key = (mid, size.width(), size.height())
        pix = self._cache.get(key)
        if pix is not None:
            self._cache.move_to_end(key)
            return pix
        if key not in self._pending:
            self._pending.add(key)
            ratio = QGuiApplication.primaryScreen().devicePixelRatio() if \
                QGuiApplication.primaryScreen() else 1.0
            cover = item.msg.row.kind != MessageKind.STICKER
            tasks.spawn(self._load(item.msg, key, size, ratio, cover),
                        on_error=lambda _msg: None)
        return None

    async def _load(self, msg: ChatMessage, key: tuple[int, int, int], size: QSize,
                    ratio: float, cover: bool) -> None:
        loop = asyncio.get_running_loop()
        try:
            image = await loop.run_in_executor(None, _decode, self._resolve, msg, size, ratio,
                                               cover)
        finally:
            self._pending.discard(key)
        if image is None:
            self._missing.add(msg.id)
        else:
            pix = QPixmap.fromImage(image)
            pix.setDevicePixelRatio(ratio)
            self._cache[key] = pix
            while len(self._cache) > THUMB_CACHE:
                self._cache.popitem(last=False)
        self.ready.emit(msg.id)


def _decode(resolve: Callable[[Any], Path | None], msg: ChatMessage, size: QSize,
            ratio: float, cover: bool) -> QImage | None:
    """In an executor: read the file at the scale it is drawn (never the full image)."""
    path = resolve(msg.row)
    if path is None:
        return None
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    src = reader.size()
    want = QSize(max(1, int(size.width() * ratio)), max(1, int(size.height() * ratio)))
    if src.isValid() and src.width() > 0 and src.height() > 0:
        scaled = src.scaled(want, Qt.AspectRatioMode.KeepAspectRatioByExpanding if cover
                            else Qt.AspectRatioMode.KeepAspectRatio)
        reader.setScaledSize(scaled)
    image = reader.read()
    if image.isNull():
        return None
    if cover:  # centre crop to the box
        image = image.scaled(want, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                             Qt.TransformationMode.SmoothTransformation)
        x = (image.width() - want.width()) // 2
        y = (image.height() - want.height()) // 2
        image = image.copy(QRect(x, y, want.width(), want.height()))
    return image


class ImageViewer(QDialog):
    """A photo or sticker at full size (scaled to the screen), with Save as."""

    def __init__(self, path: Path, image: QImage, save: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Photo"))
        self.setObjectName("imageViewer")
        self.path = path
        pix = QPixmap.fromImage(image)
        screen = (parent.screen() if parent is not None else QGuiApplication.primaryScreen())
        avail = screen.availableGeometry().size() * 0.8 if screen else QSize(1000, 700)
        if pix.width() > avail.width() or pix.height() > avail.height():
            pix = pix.scaled(avail, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
        self.image = QLabel()
        self.image.setPixmap(pix)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.clicked.connect(save)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        column = QVBoxLayout(self)
        column.addWidget(scroll, 1)
        column.addLayout(buttons)
        self.resize(pix.width() + 40, pix.height() + 80)


class ChatPane(QWidget):
    def __init__(self, ctx: InboxContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("chatPane")
        self.ticket_id: int | None = None
        self.header = TicketHeader(ctx)
        self.composer = Composer(ctx)
        self.model = ChatModel(self)
        self.view = ChatView()
        self.thumbnails = Thumbnails(self._resolve_media, self)
        self.playback = AudioPlayback(self)
        self.delegate = ChatDelegate(self.view, self.thumbnails.get,
                                     lambda: ctx.runtime.clock.now().astimezone().date(),
                                     self.playback.state)
        self.view.setItemDelegate(self.delegate)
        self.view.setModel(self.model)
        self._styling = False
        self._arriving: dict[int, bool] = {}  # live messages being read -> updated meanwhile
        self.unseen = 0  # messages that arrived while the agent was reading history
        self._generation = 0  # bumps on every open: late answers of an older open are dropped
        self._loading_older = False
        self._loading_newer = False
        self._highlighted: int | None = None
        # What a click opens: the system's handler (tests and the demo may swap it).
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl

        self.list_area = QWidget()
        self.list_area.setObjectName("chatListArea")
        area = QVBoxLayout(self.list_area)
        area.setContentsMargins(0, 0, 0, 0)
        area.addWidget(self.view)
        self.empty = QLabel(self.tr("Select a conversation on the left to read and answer it."),
                            self.list_area)
        self.empty.setObjectName("chatEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.jump = QToolButton(self.list_area)
        self.jump.setObjectName("chatJump")
        self.jump.setToolTip(self.tr("Go to the newest message"))
        self.jump.setCursor(Qt.CursorShape.PointingHandCursor)
        self.jump.clicked.connect(self.jump_to_newest)
        self.jump.hide()
        self.notice = QLabel(self.list_area)
        self.notice.setObjectName("chatNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self.notice.hide)
        self.list_area.installEventFilter(self)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(self.list_area, 1)
        column.addWidget(self.composer)
        self._apply_style()

        self.view.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self.view.verticalScrollBar().rangeChanged.connect(lambda *_: self._on_scroll())
        self.view.action.connect(self._on_action)
        self.view.seek.connect(self._on_seek)
        self.playback.changed.connect(self._refresh_message_row)
        self.playback.failed.connect(self.show_notice)
        self.view.context_menu.connect(self._on_context_menu)
        self.thumbnails.ready.connect(self._refresh_message_row)
        self.composer.message_sent.connect(self._on_sent)
        ctx.bridge.message_created.connect(self._on_message_created)
        ctx.bridge.message_updated.connect(self._on_message_updated)
        ctx.bridge.ticket_changed.connect(self._on_ticket_changed)
        self._show_empty(True)

    def _alive(self) -> bool:
        """False once Qt deleted the pane (a late answer of a task must then do nothing)."""
        return shiboken6.isValid(self) and shiboken6.isValid(self.view)

    # ---- contract -----------------------------------------------------------------------

    def open_ticket(self, ticket_id: int | None, message_id: int | None = None) -> None:
        """Show this ticket at its newest message, or centred on message_id (search hits)."""
        self._generation += 1
        gen = self._generation
        changed = ticket_id != self.ticket_id
        self.ticket_id = ticket_id
        self.header.set_ticket(ticket_id)
        self.composer.set_ticket(ticket_id)
        self.unseen = 0
        self._loading_older = self._loading_newer = False
        if changed or ticket_id is None:
            self.playback.stop()
            self.model.clear()
        self._update_jump()
        self._show_empty(ticket_id is None)
        if ticket_id is None:
            return
        chat = self.ctx.runtime.chat
        if message_id is not None:
            tasks.spawn(chat.around(ticket_id, message_id),
                        on_success=lambda page: self._loaded(gen, page, message_id),
                        on_error=self.show_notice)
        else:
            tasks.spawn(chat.newest(ticket_id),
                        on_success=lambda page: self._loaded(gen, page, None),
                        on_error=self.show_notice)

    # ---- scrolling ----------------------------------------------------------------------

    def at_bottom(self) -> bool:
        sb = self.view.verticalScrollBar()
        return sb.value() >= sb.maximum() - 8

    def scroll_to_bottom(self) -> None:
        self.view.doItemsLayout()
        self.view.scrollToBottom()
        self.unseen = 0
        self._update_jump()

    def jump_to_newest(self) -> None:
        """The jump button: the newest message (loading it when history is shown)."""
        if self.ticket_id is None:
            return
        if self.model.more_after:
            # A new window of the chat: answers for the old one (pages in flight) are dropped.
            self._generation += 1
            self._loading_older = self._loading_newer = False
            gen = self._generation
            tasks.spawn(self.ctx.runtime.chat.newest(self.ticket_id),
                        on_success=lambda page: self._loaded(gen, page, None),
                        on_error=self.show_notice)
        else:
            self.scroll_to_bottom()

    def jump_to_message(self, message_id: int) -> None:
        """Scroll to a message and highlight it (loading the page around it if needed)."""
        row = self.model.row_of(message_id)
        if row is not None:
            self._centre_and_highlight(message_id)
        elif self.ticket_id is not None:  # not loaded: the page around it replaces the list
            self._generation += 1
            self._loading_older = self._loading_newer = False
            gen = self._generation
            tasks.spawn(self.ctx.runtime.chat.around(self.ticket_id, message_id),
                        on_success=lambda page: self._loaded(gen, page, message_id),
                        on_error=self.show_notice)

    def _loaded(self, gen: int, page: ChatPage, focus: int | None) -> None:
        if not self._alive() or gen != self._generation:
            return
        self.model.load(page)
        self.unseen = 0
        self.view.doItemsLayout()
        if focus is not None and self.model.row_of(focus) is not None:
            self._centre_and_highlight(focus)
        else:
            self.scroll_to_bottom()
        self._update_jump()
        self._on_scroll()

    def _centre_and_highlight(self, message_id: int) -> None:
        row = self.model.row_of(message_id)
        if row is None:
            return
        self.view.doItemsLayout()
        self.view.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        if self._highlighted is not None:
            self.model.set_highlight(self._highlighted, False)
        self._highlighted = message_id
        self.model.set_highlight(message_id, True)

        def clear() -> None:
            if self._highlighted == message_id:
                self.model.set_highlight(message_id, False)
                self._highlighted = None
        QTimer.singleShot(HIGHLIGHT_MS, self, clear)
        self._update_jump()

    def _on_scroll(self, *_: Any) -> None:
        if self.ticket_id is None or not self.model.items:
            return
        sb = self.view.verticalScrollBar()
        if self.at_bottom() and not self.model.more_after:
            if self.unseen:
                self.unseen = 0
        self._update_jump()
        if sb.value() <= LOAD_MARGIN_PX and self.model.more_before and not self._loading_older:
            self._load_older()
        if (sb.maximum() - sb.value() <= LOAD_MARGIN_PX and self.model.more_after
                and not self._loading_newer):
            self._load_newer()

    def _load_older(self) -> None:
        first = self.model.first_message_id()
        if first is None or self.ticket_id is None:
            return
        self._loading_older = True
        gen = self._generation
        tasks.spawn(self.ctx.runtime.chat.older(self.ticket_id, first),
                    on_success=lambda page: self._older_loaded(gen, page),
                    on_error=self._load_failed)

    def _older_loaded(self, gen: int, page: ChatPage) -> None:
        if not self._alive() or gen != self._generation:
            return
        self._lay_out_then(gen, self.model.older_items(page), self._insert_older)

    def _lay_out_then(self, gen: int, items: list[Any], then: Callable[[list[Any]], None],
                      start: int = 0) -> None:
        """Lay the page's rows out a few at a time between frames (text layout is the costly
        part), then insert them: scrolling stays smooth while a page arrives."""
        if not self._alive() or gen != self._generation:
            self._loading_older = False
            return
        deadline = time.perf_counter() + LAYOUT_SLICE_S
        i = start
        while i < len(items) and time.perf_counter() < deadline:
            self.delegate.layout_of(items[i])
            i += 1
        if i < len(items):
            QTimer.singleShot(0, self, lambda: self._lay_out_then(gen, items, then, i))
        else:
            then(items)

    def _insert_older(self, items: list[Any]) -> None:
        anchor = self._anchor()
        self.model.insert_older(items)
        # A bounded window of the chat: the rows far below go (reloaded when scrolled back),
        # so laying the list out again costs the same at message 100 and at message 10,000.
        self.model.trim_after(WINDOW_ROWS)
        self.view.doItemsLayout()
        self._restore(anchor)
        self._loading_older = False
        QTimer.singleShot(0, self, self._on_scroll)  # a short page may need another one

    def _load_newer(self) -> None:
        last = self.model.last_message_id()
        if last is None or self.ticket_id is None:
            return
        self._loading_newer = True
        gen = self._generation
        tid = self.ticket_id

        def done(page: ChatPage) -> None:
            if not self._alive() or gen != self._generation:
                return
            anchor = self._anchor()
            self.model.append(page.messages, page.lines)
            self.model.more_after = page.more_after
            if self.model.trim_before(WINDOW_ROWS):
                self.view.doItemsLayout()
                self._restore(anchor)
            if not page.more_after:  # now showing the newest: the lines since then too
                self._fetch_lines(tid)
            self._loading_newer = False
            QTimer.singleShot(0, self, self._on_scroll)
        tasks.spawn(self.ctx.runtime.chat.newer(tid, last), on_success=done,
                    on_error=self._load_failed)

    def _load_failed(self, message: str) -> None:
        self._loading_older = self._loading_newer = False
        self.show_notice(message)

    def _anchor(self) -> tuple[tuple[str, Any], int] | None:
        """The first item at the top of the viewport and its offset (kept across a prepend)."""
        index = self.view.indexAt(QPoint(self.view.viewport().width() // 2, 1))
        row = index.row() if index.isValid() else 0
        for r in range(row, len(self.model.items)):
            item = self.model.items[r]
            if isinstance(item, MessageItem):
                return item.key, self.view.visualRect(self.model.index(r, 0)).top()
        return None

    def _restore(self, anchor: tuple[tuple[str, Any], int] | None) -> None:
        if anchor is None:
            return
        key, top = anchor
        row = self.model.row_of(key[1])
        if row is None:
            return
        now = self.view.visualRect(self.model.index(row, 0)).top()
        sb = self.view.verticalScrollBar()
        sb.setValue(sb.value() + now - top)

    # ---- live ---------------------------------------------------------------------------

    def _on_message_created(self, event: Any) -> None:
        if event.ticket_id != self.ticket_id or self.ticket_id is None:
            return
        gen = self._generation
        self._arriving[event.message_id] = False
        tasks.spawn(self.ctx.runtime.chat.message(event.message_id),
                    on_success=lambda msg: self._arrived(gen, msg), on_error=lambda _m: None)

    def _arrived(self, gen: int, msg: ChatMessage) -> None:
        if not self._alive() or gen != self._generation:
            return
        # Updated while it was being read (an ack, a failure): read it again once shown.
        if self._arriving.pop(msg.id, False):
            QTimer.singleShot(0, self, lambda: self._refetch(msg.id))
        if msg.row.kind in ACTION_KINDS:  # a reaction/edit/revoke: refresh what it targets
            row = self.model.row_of_wa_id(msg.row.target_wa_id or "")
            if row is not None:
                target = self.model.items[row]
                assert isinstance(target, MessageItem)
                self._refetch(target.msg.id)
            return
        if self.model.row_of(msg.id) is not None:
            self.model.update_message(msg)
            return
        if self.model.more_after:  # reading an older window: it is not loaded yet
            self.unseen += 1
            self._update_jump()
            return
        follow = self.at_bottom()
        self.model.append([msg])
        if follow and len(self.model.items) > 2 * WINDOW_ROWS:
            self.model.trim_before(WINDOW_ROWS)  # a long live session stays a bounded list
        if follow:
            self.scroll_to_bottom()
        else:
            self.unseen += 1
            self._update_jump()

    def _on_message_updated(self, event: Any) -> None:
        if event.ticket_id != self.ticket_id:
            return
        if event.message_id in self._arriving:
            self._arriving[event.message_id] = True
        elif self.model.row_of(event.message_id) is not None:
            self._refetch(event.message_id)

    def _refetch(self, message_id: int) -> None:
        gen = self._generation

        def done(msg: ChatMessage) -> None:
            if self._alive() and gen == self._generation:
                self.model.update_message(msg)
        tasks.spawn(self.ctx.runtime.chat.message(message_id), on_success=done,
                    on_error=lambda _m: None)

    def _on_ticket_changed(self, event: Any) -> None:
        if event.ticket_id == self.ticket_id and self.ticket_id is not None \
                and not self.model.more_after:
            self._fetch_lines(self.ticket_id)

    def _fetch_lines(self, ticket_id: int) -> None:
        gen = self._generation
        first = next((i.at for i in self.model.items if isinstance(i, MessageItem)), None)

        def done(lines: list[Any]) -> None:
            if not self._alive() or gen != self._generation or self.model.more_after:
                return
            follow = self.at_bottom()
            if self.model.append([], lines) and follow:
                self.scroll_to_bottom()
        tasks.spawn(self.ctx.runtime.chat.lines_since(ticket_id, first), on_success=done,
                    on_error=lambda _m: None)

    def _on_sent(self, message_id: int) -> None:
        """The agent sent something: show the newest, as every messenger does."""
        if self.model.more_after:
            self.jump_to_newest()
        else:
            QTimer.singleShot(0, self, self.scroll_to_bottom)

    def _refresh_message_row(self, message_id: int) -> None:
        row = self.model.row_of(message_id)
        if row is not None:
            self.view.update(self.model.index(row, 0))

    # ---- actions ------------------------------------------------------------------------

    def _message_at(self, row: int) -> ChatMessage | None:
        if 0 <= row < len(self.model.items):
            item = self.model.items[row]
            if isinstance(item, MessageItem):
                return item.msg
        return None

    def _on_action(self, name: str, row: int) -> None:
        msg = self._message_at(row)
        if msg is None:
            return
        if name == "quote" and msg.quote is not None and msg.quote.message_id is not None:
            self.jump_to_message(msg.quote.message_id)
        elif name == "retry":
            self.retry(msg.id)
        elif name in ("media", "play"):
            self.open_media(msg)
        elif name == "speed":
            self.playback.cycle_speed(msg.id)
        elif name == "save":
            self.save_media(msg)
        elif name == "map":
            self.open_map(msg)
        elif name.startswith("add_contact"):
            people = [p for p in _vcard_people(msg.row) if p[1]]
            # cards are laid out in order; the Nth "add" hit belongs to the Nth card with a phone
            hits = [h for h, _ in self.delegate.layout_for(self.model.index(row, 0)).hits
                    if h.startswith("add_contact")]
            pos = hits.index(name) if name in hits else 0
            if pos < len(people):
                self.add_contact(*people[pos])

    def _on_seek(self, row: int, fraction: float) -> None:
        msg = self._message_at(row)
        if msg is None:
            return
        if self.playback.message_id == msg.id:
            self.playback.seek(msg.id, fraction)
        else:  # a click on a waveform that is not playing starts it there
            self.open_media(msg, start_at=fraction)

    def retry(self, message_id: int) -> None:
        tasks.spawn(self.ctx.runtime.messages.retry(message_id), on_error=self.show_notice)

    def add_contact(self, name: str, phone: str) -> None:
        def done(contact: Any) -> None:
            self.show_notice(self.tr("Saved to contacts: %1").replace(
                "%1", contact.name or name or phone))
        tasks.spawn(self.ctx.runtime.chat.add_contact_from_card(name, phone), on_success=done,
                    on_error=self.show_notice)

    def open_map(self, msg: ChatMessage) -> None:
        url = map_url(msg.row.latitude, msg.row.longitude)
        if url is None:
            self.show_notice(self.tr("This location has no valid coordinates."))
        else:
            self.open_url(url)

    def open_media(self, msg: ChatMessage, start_at: float | None = None) -> None:
        kind = msg.row.kind

        def done(path: Path | None) -> None:
            if path is None:
                self.show_notice(self.tr("The file of this message is not available on this "
                                         "computer."))
            elif kind in (MessageKind.IMAGE, MessageKind.STICKER):
                self._show_image(msg, path)
            elif kind in (MessageKind.AUDIO, MessageKind.VOICE):
                self.playback.toggle(msg.id, path)  # inline, in the bubble
                if start_at is not None:
                    self.playback.seek(msg.id, start_at)
            elif kind == MessageKind.VIDEO:
                self._show_video(msg, path)
            else:  # documents open in the system's viewer
                self.open_url(QUrl.fromLocalFile(str(path)))
        tasks.spawn(self._resolve_async(msg), on_success=done, on_error=self.show_notice)

    def _show_image(self, msg: ChatMessage, path: Path) -> None:
        async def load() -> QImage:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(None, _read_image, path)

        def done(image: QImage) -> None:
            if image.isNull():
                self.open_url(QUrl.fromLocalFile(str(path)))
                return
            viewer = ImageViewer(path, image, lambda: self.save_media(msg), self)
            viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.viewer = viewer
            viewer.open()
        tasks.spawn(load(), on_success=done, on_error=self.show_notice)

    def _show_video(self, msg: ChatMessage, path: Path) -> None:
        self.playback.stop()  # one sound at a time
        player = VideoPlayer(path, lambda: self.save_media(msg), self)
        player.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer = player
        player.open()

    def save_media(self, msg: ChatMessage) -> None:
        def resolved(path: Path | None) -> None:
            if path is None:
                self.show_notice(self.tr("The file of this message is not available on this "
                                         "computer."))
                return
            suggested = safe_filename(msg.row.media_filename) or path.name
            target, _ = QFileDialog.getSaveFileName(self, self.tr("Save as"), suggested)
            if not target:
                return

            async def copy() -> None:
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(None, shutil.copyfile, path, target)
            tasks.spawn(copy(), on_success=lambda _r: self.show_notice(
                self.tr("Saved: %1").replace("%1", Path(target).name)),
                on_error=self.show_notice)
        tasks.spawn(self._resolve_async(msg), on_success=resolved, on_error=self.show_notice)

    async def _resolve_async(self, msg: ChatMessage) -> Path | None:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self._resolve_media, msg.row)

    def _resolve_media(self, row: Any) -> Path | None:
        return self.ctx.runtime.chat.media_file(row)

    def _on_context_menu(self, row: int, pos: QPoint) -> None:
        msg = self._message_at(row)
        if msg is None:
            return
        r = msg.row
        menu = QMenu(self)
        if not r.deleted and not r.is_private_note:
            menu.addAction(self.tr("Reply"), lambda: self.composer.quote(msg.id))
        messages = self.ctx.runtime.messages
        if not r.deleted and not r.is_private_note and int(r.ack) != -1:
            react = menu.addMenu(self.tr("React"))
            react.setObjectName("reactMenu")
            for emoji in QUICK_REACTIONS:
                react.addAction(emoji, lambda e=emoji: self.react(msg.id, e))
            if any(mine for _e, mine in msg.reactions):
                react.addAction(self.tr("Remove my reaction"), lambda: self.react(msg.id, ""))
        if r.text and not r.deleted:
            menu.addAction(self.tr("Copy text"),
                           lambda: QGuiApplication.clipboard().setText(r.text))
        if messages.can_edit(r):
            menu.addAction(self.tr("Edit"), lambda: self.composer.edit(msg.id))
        if messages.can_delete(r):
            menu.addAction(self.tr("Delete for everyone"), lambda: self.delete_message(msg.id))
        if r.kind in MessageKind._value2member_map_ and MessageKind(r.kind).is_media \
                and not r.deleted:
            menu.addAction(self.tr("Open"), lambda: self.open_media(msg))
            menu.addAction(self.tr("Save as…"), lambda: self.save_media(msg))
        if r.kind == MessageKind.LOCATION:
            menu.addAction(self.tr("Open map"), lambda: self.open_map(msg))
        if r.from_me and int(r.ack) == -1 and not r.is_private_note:
            menu.addAction(self.tr("Retry"), lambda: self.retry(msg.id))
        if msg.quote is not None and msg.quote.message_id is not None:
            qid = msg.quote.message_id
            menu.addAction(self.tr("Go to the quoted message"),
                           lambda: self.jump_to_message(qid))
        if not menu.isEmpty():
            menu.popup(pos)
        self._menu = menu

    def react(self, message_id: int, emoji: str) -> None:
        """Send (or with "" remove) our reaction; the bubble shows it once stored."""
        tasks.spawn(self.ctx.runtime.messages.react(message_id, emoji, self.ctx.agent.id),
                    on_error=self.show_notice)

    def delete_message(self, message_id: int) -> None:
        """Delete one of our messages for everyone, after a confirmation (it cannot be undone)."""
        box = QMessageBox(QMessageBox.Icon.NoIcon, self.tr("Delete message"),
                          self.tr("Delete this message for everyone? The customer will see "
                                  "“This message was deleted”."),
                          QMessageBox.StandardButton.NoButton, self)
        go = box.addButton(self.tr("Delete for everyone"), QMessageBox.ButtonRole.DestructiveRole)
        go.setObjectName("confirmDelete")
        go.setStyleSheet(f"background: {theme.palette().failed}; color: white;"
                         " padding: 6px 14px; border-radius: 4px;")
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.finished.connect(lambda _r: tasks.spawn(
            self.ctx.runtime.messages.delete(message_id, self.ctx.agent.id),
            on_error=self.show_notice) if box.clickedButton() is go else None)
        self.confirm_box = box
        box.open()

    # ---- chrome -------------------------------------------------------------------------

    def show_notice(self, text: Any) -> None:
        """A short message over the bottom of the list (errors, "saved")."""
        if not self._alive():
            return
        self.notice.setText(str(text))
        self._place_overlays()
        self.notice.show()
        self.notice.raise_()
        self._notice_timer.start(5000)

    def _update_jump(self) -> None:
        show = self.ticket_id is not None and bool(self.model.items) and (
            not self.at_bottom() or self.model.more_after or self.unseen > 0)
        self.jump.setText(f"{self.unseen}  \u2193" if self.unseen else "\u2193")
        self.jump.setVisible(show)
        if show:
            self._place_overlays()
            self.jump.raise_()

    def _show_empty(self, empty: bool) -> None:
        self.empty.setVisible(empty)
        self.view.setVisible(not empty)
        self._place_overlays()

    def _place_overlays(self) -> None:
        r = self.list_area.rect()
        self.empty.setGeometry(r.adjusted(40, 0, -40, 0))
        self.jump.adjustSize()
        size = self.jump.sizeHint()
        w = max(size.width(), 42)
        self.jump.setGeometry(r.right() - w - 20, r.bottom() - 42 - 16, w, 42)
        width = min(r.width() - 40, 460)
        self.notice.setFixedWidth(width)
        self.notice.adjustSize()
        self.notice.move(r.center().x() - width // 2, r.bottom() - self.notice.height() - 16)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.list_area and event.type() == QEvent.Type.Resize:
            self._place_overlays()
        return super().eventFilter(obj, event)

    def changeEvent(self, event: QEvent) -> None:
        # Our own setStyleSheet sends StyleChange too: only a font/palette change re-lays out.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange) \
                and not self._styling:
            self.delegate.update_fonts(self.view.font())
            self._apply_style()
        super().changeEvent(event)

    def _apply_style(self) -> None:
        pal = theme.palette()
        self._styling = True
        self.setStyleSheet(
            f"#chatView {{ background: {pal.chat_wallpaper}; border: none; }}"
            f"#chatListArea {{ background: {pal.chat_wallpaper}; }}"
            f"#chatEmpty {{ color: {pal.text_secondary}; font-size: 15px; }}"
            f"#chatJump {{ background: {pal.panel}; color: {pal.text_secondary};"
            f" border: none; border-radius: 21px; padding: 0 14px; font-weight: 600;"
            f" font-size: 15px; }}"
            f"#chatJump:hover {{ background: {pal.hover}; }}"
            f"#chatNotice {{ background: {pal.text}; color: {pal.panel}; border-radius: 8px;"
            f" padding: 10px 14px; }}")
        self._styling = False


def _read_image(path: Path) -> QImage:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    return reader.read()


def map_url(lat: Any, lon: Any) -> QUrl | None:
    """An OpenStreetMap link built only from the stored coordinates (never message text)."""
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return None
    lat, lon = float(lat), float(lon)
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90
            and -180 <= lon <= 180):
        return None
    return QUrl(f"https://www.openstreetmap.org/?mlat={lat:.6f}&mlon={lon:.6f}"
                f"#map=17/{lat:.6f}/{lon:.6f}")


def safe_filename(name: str | None) -> str:
    """A customer's file name as a save-dialog suggestion: no folders, no control characters."""
    if not name:
        return ""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*').strip(" .")
    return base[:120]


__all__ = ["ChatPane", "ChatView", "map_url", "safe_filename"]
