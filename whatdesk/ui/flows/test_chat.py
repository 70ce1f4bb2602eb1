"""The editor's test chat: plays the draft flow as a customer would, on the production interpreter
and virtual time, drawn with the inbox's chat bubbles."""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import shiboken6
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from whatdesk.domain.clock import VirtualClock
from whatdesk.domain.enums import Ack
from whatdesk.flows import registry
from whatdesk.flows.document import Flow, FlowFormatError, load, to_dict
from whatdesk.flows.interpreter import ERROR_MESSAGES, Interpreter
from whatdesk.flows.playback import DEFAULT_CONTACT, Conversation, RememberingResolver
from whatdesk.flows.runtime import (
    ConnectionInfo,
    ContactInfo,
    FlowResolver,
    MenuOption,
    MessageSpec,
    RunContext,
    RunStatus,
)
from whatdesk.flows.validation import validate
from whatdesk.flows.validators import Answer
from whatdesk.services.chat import ChatMessage
from whatdesk.store.rows import MessageRow
from whatdesk.ui import tasks, theme
from whatdesk.ui.inbox.chat import ChatView, Thumbnails, map_url
from whatdesk.ui.inbox.chat_delegate import ChatDelegate, Op, RowLayout
from whatdesk.ui.inbox.chat_model import ItemRole, MessageItem, describe, same_run
from whatdesk.ui.inbox.contact_panel import FlowLayout
from whatdesk.ui.inbox.playback import AudioPlayback
from whatdesk.ui.resources import icon

if TYPE_CHECKING:
    import httpx

translate = QCoreApplication.translate  # lupdate finds calls named "translate"

MAX_WAIT_MINUTES = 30 * 24 * 60  # the longest timeout a node can have (30 days)
DEFAULT_WAIT_MINUTES = 15
MAX_TYPED_CHARS = 4096  # what one test message may hold (WhatsApp allows 65,536)
TEST_LOCATION = (-23.561414, -46.655881)  # what "send location" shares: Av. Paulista, SP
_ids = itertools.count(1)  # message ids never repeat, even across restarts (thumbnail cache)
# error codes whose detail is a technical text (an exception): shown only as a tooltip
_TECHNICAL = frozenset({"node_failed", "invalid_regex", "missing_node", "unknown_node_type"})


# ---- what the chat shows ----------------------------------------------------------------

@dataclass
class NoticeItem:
    """A centred system line: end of flow, handed over, closed, an error, time passing."""

    id: int
    text: str
    tone: str = "info"  # info | error
    details: str = ""
    version: int = 0

    @property
    def key(self) -> tuple[str, Any]:
        return ("n", self.id)


ChatItem = MessageItem | NoticeItem


class TestChatModel(QAbstractListModel):
    """The rows of one test conversation (appended as the bot and the tester talk)."""

    __test__ = False  # not a pytest class, whatever its name says

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[ChatItem] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        if role == ItemRole:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return item.text if isinstance(item, NoticeItem) else describe(item)
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(item, NoticeItem):
            return item.details or None
        return None

    def append(self, item: ChatItem) -> None:
        prev = self.items[-1] if self.items else None
        if isinstance(item, MessageItem) and isinstance(prev, MessageItem):
            item.continues = same_run(prev.msg, item.msg)
        row = len(self.items)
        self.beginInsertRows(QModelIndex(), row, row)
        self.items.append(item)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self.items = []
        self.endResetModel()

    def texts(self) -> list[str]:
        """Every row as plain text, "bot: ..." / "you: ..." / "— ... —" (tests, copy)."""
        out = []
        for item in self.items:
            if isinstance(item, NoticeItem):
                out.append(f"— {item.text} —")
            else:
                who = "you" if item.msg.row.from_me else "bot"
                out.append(f"{who}: {describe(item)}")
        return out


class TestChatDelegate(ChatDelegate):
    """The inbox's bubbles, plus wrapped system lines (a flow's error can be a sentence long)."""

    __test__ = False

    def layout_for(self, index: QModelIndex | QPersistentModelIndex) -> RowLayout:
        item = index.data(ItemRole)
        if not isinstance(item, NoticeItem):
            return super().layout_for(index)
        width = self._width()
        key = (item.key, item.version, width, theme.is_dark())
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        max_text = max(120, int(width * 0.8) - 24)
        layout, height, natural, _last = self._text_layout(item.text, "small", max_text)
        w, h = natural + 24, height + 10
        rect = QRect((width - w) // 2, 8, w, h)
        text_rect = QRect(rect.left() + 12, rect.top() + 5, natural, height)
        result = RowLayout(8 + h + 4, ops=[
            Op("notice", rect, extra=item.tone),
            Op("notice_text", text_rect, layout=layout, extra=item.tone)])
        self._cache[key] = result
        return result

    def _message_layout(self, item: MessageItem, width: int) -> RowLayout:
        """The inbox's bubble; its reply buttons and list rows also answer when clicked."""
        layout = super()._message_layout(item, width)
        r = item.msg.row
        payload = r.payload or {}
        if r.kind == "buttons":
            ids = [str(b.get("id", "")) for b in payload.get("buttons") or []]
            parts = [op for op in layout.ops if op.kind == "button"]
        elif r.kind == "list":
            ids = [str(row.get("id", "")) for row in payload.get("list_rows") or []]
            parts = [op for op in layout.ops if op.kind == "text" and op.text.startswith("•")]
        else:
            return layout
        for option_id, op in zip(ids, parts, strict=False):
            layout.hits.append((f"option:{option_id}", QRect(op.rect)))
        return layout

    def _paint_op(self, painter: QPainter, op: Op, item: Any, pal: theme.Palette) -> None:
        if op.kind == "notice":
            painter.setPen(Qt.PenStyle.NoPen)
            if op.extra == "error":
                bg = QColor(pal.failed)
                bg.setAlpha(40 if theme.is_dark() else 24)
                painter.setBrush(pal.color("panel"))
                painter.drawRoundedRect(op.rect, 7, 7)
                painter.setBrush(bg)
            else:
                painter.setBrush(pal.color("panel"))
            painter.drawRoundedRect(op.rect, 7, 7)
        elif op.kind == "notice_text" and op.layout is not None:
            painter.setPen(pal.color("failed" if op.extra == "error" else "text_secondary"))
            op.layout.draw(painter, op.rect.topLeft())
        else:
            super()._paint_op(painter, op, item, pal)


def _row(kind: str, text: str, from_me: bool, at: datetime, **fields: Any) -> MessageItem:
    row = MessageRow(id=next(_ids), connection_id=0, ticket_id=0, contact_id=None,
                     wa_id="", direction="out" if from_me else "in", from_me=from_me,
                     kind=kind, text=text, ack=Ack.READ if from_me else Ack.DELIVERED,
                     created_at=at, **fields)
    return MessageItem(ChatMessage(row))


def bot_item(spec: MessageSpec, at: datetime) -> MessageItem:
    """A message the flow sends, as the customer's WhatsApp would show it."""
    if spec.options and spec.style == "buttons":
        return _row("buttons", spec.text, False, at,
                    payload={"buttons": [{"id": o.id, "label": o.label} for o in spec.options]})
    if spec.options and spec.style == "list":
        return _row("list", spec.text, False, at, payload={
            "list_button": translate("TestChatPanel", "Options"),
            "list_rows": [{"id": o.id, "title": o.label} for o in spec.options]})
    if spec.kind == "location":
        return _row("location", spec.text, False, at, latitude=spec.latitude,
                    longitude=spec.longitude, location_name=spec.location_name,
                    location_address=spec.location_address)
    if spec.kind == "contact":
        return _row("contact", spec.contact_name or "", False, at, payload={
            "contact": {"name": spec.contact_name or "", "phone": spec.contact_phone or ""}})
    if spec.media_path:
        path = Path(spec.media_path)
        try:
            size: int | None = path.stat().st_size
        except OSError:
            size = None
        return _row(spec.kind, spec.text, False, at, media_path=str(path),
                    media_filename=spec.filename or path.name, media_size=size)
    return _row("text", spec.text, False, at)


# ---- the run's side effects, turned into rows -------------------------------------------

class _PanelSink:
    """The ActionSink of one test conversation; output of an older conversation is dropped."""

    def __init__(self, panel: TestChatPanel, generation: int) -> None:
        self.panel = panel
        self.generation = generation

    def _live(self) -> bool:
        return self.panel._alive() and self.generation == self.panel._generation

    async def send(self, message: MessageSpec) -> None:
        if self._live():
            self.panel._bot_said(message)

    async def typing(self, ms: int) -> None:
        pass  # virtual time: "typing..." takes no time here

    async def tag(self, add: list[str], remove: list[str]) -> None:
        if not self._live():
            return
        if add:
            self.panel._notice(translate("TestChatPanel", "Tag added: %1").replace(
                "%1", ", ".join(add)))
        if remove:
            self.panel._notice(translate("TestChatPanel", "Tag removed: %1").replace(
                "%1", ", ".join(remove)))

    async def transfer(self, queue: str | None, agent: str | None) -> None:
        if not self._live():
            return
        if agent:
            text = translate("TestChatPanel", "Handed over to %1 — the bot stops here").replace(
                "%1", agent)
        elif queue:
            text = translate("TestChatPanel",
                             "Handed over to the “%1” queue — the bot stops here").replace(
                "%1", queue)
        else:
            text = translate("TestChatPanel", "Handed over to a human — the bot stops here")
        self.panel._notice(text)

    async def close(self, text: str) -> None:
        if not self._live():
            return
        if text.strip():
            self.panel._bot_said(MessageSpec(text=text))
        self.panel._notice(translate("TestChatPanel", "Conversation closed by the bot"))

    async def go_to_flow(self, flow: str) -> None:
        if self._live():
            self.panel._notice(translate("TestChatPanel", "Continues in the flow “%1”").replace(
                "%1", flow))

    async def end(self) -> None:
        if self._live():
            self.panel._notice(translate(
                "TestChatPanel", "End of the flow — the next message starts it again"))

    async def http(self, method: str, url: str, status: int | None) -> None:
        if not self._live():
            return
        answer = str(status) if status is not None else translate("TestChatPanel",
                                                                   "no response")
        self.panel._notice(f"HTTP {method} {url} → {answer}")

    async def error(self, code: str, message: str) -> None:
        if self._live():
            self.panel._flow_error(code, message)


# ---- the panel --------------------------------------------------------------------------

class TestChatPanel(QWidget):
    """Talk to the draft as a customer; see the bubbles, the variables and where the run is.

    Everything runs on a virtual clock: delays finish at once, and "Wait" moves the clock so
    a question's or a menu's timeout fires. HTTP request nodes make their real calls.
    """

    __test__ = False  # not a pytest class, whatever its name says

    current_node_changed = Signal(object)  # node id, or None when no node of this flow waits
    variables_changed = Signal(dict)

    def __init__(self, flow: Flow, *, media_root: Path | None = None,
                 resolver: FlowResolver | None = None,
                 http_client: httpx.AsyncClient | None = None,
                 contact: ContactInfo = DEFAULT_CONTACT,
                 connection: ConnectionInfo | None = None,
                 now: datetime | None = None, locale: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("testChat")
        self.flow = flow  # the live document; each (re)start plays a copy of it
        self._media_root = media_root
        self._resolver = resolver
        self._http_client = http_client
        self._contact = contact
        self._connection = connection or ConnectionInfo(name="Teste")
        self._locale = locale or ("pt" if QLocale().language() == QLocale.Language.Portuguese
                                  else "en")
        start = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
        self.clock = VirtualClock(start=start)  # keeps its time across restarts
        self.conversation: Conversation | None = None
        self._generation = 0
        self._pending = 0  # actions queued or running
        self._queue: list[tuple[int, Coroutine[Any, Any, None]]] = []  # (generation, action)
        self._task: asyncio.Task[None] | None = None
        self._options: tuple[MenuOption, ...] = ()
        self._options_style = "text"
        self._options_node: str | None = None
        self._sent_options: tuple[tuple[MenuOption, ...], str] | None = None
        self._current: object = ...  # nothing emitted yet
        self._variables: dict[str, str] | None = None
        self._photos = 0

        self.model = TestChatModel(self)
        self.view = ChatView()
        self.view.setObjectName("testChatView")
        self.thumbnails = Thumbnails(self._media_file, self)
        self.playback = AudioPlayback(self)  # the bot's audio plays in its bubble, as in the inbox
        self.delegate = TestChatDelegate(self.view, self._thumbnail,
                                         lambda: self.clock.now().astimezone().date(),
                                         self.playback.state)
        self.view.setItemDelegate(self.delegate)
        self.view.setModel(self.model)
        self.thumbnails.ready.connect(lambda _id: self.view.viewport().update())
        self.view.action.connect(self._on_action)
        self.view.seek.connect(self._on_seek)
        self.playback.changed.connect(lambda _id: self.view.viewport().update())
        self.playback.failed.connect(self._notice)
        self.model.rowsInserted.connect(lambda *_: QTimer.singleShot(0, self.view.scrollToBottom))

        # toolbar
        self.restart_button = self._tool("reopen", self.tr("Restart"),
                                         self.tr("Start the conversation again from the "
                                                 "current draft (the clock keeps its time)"))
        self.restart_button.clicked.connect(self.restart)
        self.start_from_button = self._tool("bot", self.tr("Start from") + " \u25BE",
                                            self.tr("Start the conversation at another node"))
        self.start_from_menu = QMenu(self)
        self.start_from_menu.aboutToShow.connect(self._fill_start_menu)
        self.start_from_button.setMenu(self.start_from_menu)
        self.start_from_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.wait_minutes = QSpinBox()
        self.wait_minutes.setRange(1, MAX_WAIT_MINUTES)
        self.wait_minutes.setValue(DEFAULT_WAIT_MINUTES)
        self.wait_minutes.setSuffix(" min")
        self.wait_minutes.setAccessibleName(self.tr("Minutes to wait"))
        self.wait_minutes.setFixedWidth(self.wait_minutes.fontMetrics().horizontalAdvance(
            "00000 min") + 24)
        self.wait_minutes.setToolTip(self.tr("Minutes that pass when you click Wait"))
        self.wait_button = self._tool("", self.tr("Wait"), self.tr(
            "Let this many minutes pass without an answer: timeouts and delays due fire"))
        self.wait_button.setObjectName("testChatWait")
        self.wait_button.setAutoRaise(False)
        self.wait_button.clicked.connect(lambda: self.advance(self.wait_minutes.value()))
        self.clock_label = QLabel()
        self.clock_label.setObjectName("testChatClock")
        self.clock_label.setToolTip(self.tr("The test conversation's virtual time"))
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 12, 6)
        bar.setSpacing(4)
        for widget in (self.restart_button, self.start_from_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.clock_label)
        toolbar = QWidget()
        toolbar.setObjectName("testChatBar")
        toolbar.setLayout(bar)

        # options of the menu the bot waits on, as chips
        self.chips = QWidget()
        self.chips.setObjectName("testChatChips")
        chips_host = QWidget()
        self._chips_layout = FlowLayout(chips_host)
        chips_outer = QVBoxLayout(self.chips)
        chips_outer.setContentsMargins(12, 6, 12, 8)
        chips_outer.addWidget(chips_host)
        self.chips.hide()

        # where the run stands, and the clock control next to it
        self.status = QLabel()
        self.status.setObjectName("testChatStatus")
        self.status.setWordWrap(True)
        status_row = QHBoxLayout()
        status_row.setContentsMargins(12, 4, 8, 4)
        status_row.setSpacing(6)
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.wait_minutes)
        status_row.addWidget(self.wait_button)
        status_box = QWidget()
        status_box.setObjectName("testChatStatusRow")
        status_box.setLayout(status_row)

        self.field = QLineEdit()
        self.field.setObjectName("testChatField")
        self.field.setPlaceholderText(self.tr("Type as the customer"))
        self.field.setMaxLength(MAX_TYPED_CHARS)
        self.field.returnPressed.connect(self._send_typed)
        self.send_button = QToolButton()
        self.send_button.setObjectName("testChatSend")
        self.send_button.setIcon(icon("send", "#FFFFFF"))
        self.send_button.setIconSize(QSize(20, 20))
        self.send_button.setFixedSize(36, 36)
        self.send_button.setToolTip(self.tr("Send"))
        self.send_button.setAccessibleName(self.tr("Send"))
        self.send_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.send_button.clicked.connect(self._send_typed)
        # what a customer can send besides text, for questions that ask for it
        self.attach_button = QToolButton()
        self.attach_button.setObjectName("testChatAttach")
        self.attach_button.setIcon(icon("attach", theme.palette().text_secondary))
        self.attach_button.setIconSize(QSize(22, 22))
        self.attach_button.setFixedSize(36, 36)
        self.attach_button.setAutoRaise(True)
        self.attach_button.setToolTip(self.tr("Send a photo or a location as the customer"))
        self.attach_button.setAccessibleName(self.tr("Attach"))
        self.attach_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.attach_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.attach_menu = QMenu(self)
        self.attach_menu.addAction(self.tr("Photo"), self.send_photo)
        self.attach_menu.addAction(self.tr("Location"), self.send_location)
        self.attach_button.setMenu(self.attach_menu)
        composer = QHBoxLayout()
        composer.setContentsMargins(8, 6, 8, 8)
        composer.setSpacing(4)
        composer.addWidget(self.attach_button)
        composer.addWidget(self.field, 1)
        composer.addWidget(self.send_button)
        composer_box = QWidget()
        composer_box.setObjectName("testChatComposer")
        composer_box.setLayout(composer)

        chat = QWidget()
        chat_layout = QVBoxLayout(chat)
        chat_layout.setContentsMargins(0, 0, 0, 0)
        chat_layout.setSpacing(0)
        chat_layout.addWidget(self.view, 1)
        chat_layout.addWidget(self.chips)
        chat_layout.addWidget(status_box)
        chat_layout.addWidget(composer_box)

        self.variables = QTableWidget(0, 2)
        self.variables.setObjectName("testChatVariables")
        self.variables.setHorizontalHeaderLabels([self.tr("Variable"), self.tr("Value")])
        self.variables.verticalHeader().hide()
        self.variables.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        self.variables.horizontalHeader().setStretchLastSection(True)
        self.variables.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.variables.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.variables.setAccessibleName(self.tr("Variables"))
        self.variables.setWordWrap(False)
        self.variables.setShowGrid(False)
        self.variables.verticalHeader().setDefaultSectionSize(
            self.variables.fontMetrics().height() + 8)
        self.variables.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        vars_box = QWidget()
        vars_layout = QVBoxLayout(vars_box)
        vars_layout.setContentsMargins(0, 0, 0, 0)
        vars_layout.setSpacing(0)
        vars_title = QLabel(self.tr("Variables"))
        vars_title.setObjectName("testChatSection")
        vars_layout.addWidget(vars_title)
        vars_layout.addWidget(self.variables, 1)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(chat)
        split.addWidget(vars_box)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(toolbar)
        layout.addWidget(split, 1)
        self._styling = False
        self._apply_style()
        self._show_clock()
        self.restart()

    # ---- public API ---------------------------------------------------------------------

    def restart(self) -> None:
        """A new conversation from the Start node of the document as it is now."""
        self._begin(None)

    def start_from(self, node_id: str) -> None:
        """A new conversation that begins at `node_id` (variables start from the flow's)."""
        self._begin(node_id)

    def advance(self, minutes: float) -> None:
        """Let `minutes` of virtual time pass: the timeouts and delays due meanwhile fire."""
        minutes = max(0.0, min(float(minutes), MAX_WAIT_MINUTES))
        conversation = self.conversation

        async def wait() -> None:
            if conversation is None:
                return
            self._notice(_waited(minutes))  # first: what it makes happen comes after it
            await conversation.wait(minutes * 60)

        self._run(wait())

    def send_text(self, text: str) -> None:
        """The tester, as the customer, sends `text`."""
        text = text.strip()[:MAX_TYPED_CHARS]
        if text:
            self._customer_says(Answer(text=text), _row("text", text, True, self.clock.now()))

    def send_photo(self) -> None:
        """The customer sends a photo (a stand-in: no file is read or sent anywhere)."""
        self._photos += 1
        path = f"test/photo-{self._photos}.jpg"
        self._customer_says(Answer(kind="image", media_path=path),
                            _row("image", "", True, self.clock.now(), media_path=path))

    def send_location(self, latitude: float = TEST_LOCATION[0],
                      longitude: float = TEST_LOCATION[1]) -> None:
        """The customer shares a location (by default a fixed point in São Paulo)."""
        self._customer_says(Answer(kind="location", latitude=latitude, longitude=longitude),
                            _row("location", "", True, self.clock.now(), latitude=latitude,
                                 longitude=longitude))

    def choose(self, option_id: str) -> None:
        """The tester taps one of the menu's options (a reply button or a list row)."""
        option = next((o for o in self._options if o.id == option_id), None)
        if option is None:
            return
        if self._options_style == "text":  # a numbered menu: the customer types the number
            number = str(self._options.index(option) + 1)
            self._customer_says(Answer(text=number), _row("text", number, True,
                                                          self.clock.now()))
            return
        kind = "list_reply" if self._options_style == "list" else "button_reply"
        self._customer_says(Answer(text=option.label, kind="button_reply", reply_id=option.id),
                            _row(kind, option.label, True, self.clock.now()))

    @property
    def busy(self) -> bool:
        """An action (a message, a wait, a start) is still being played."""
        return self._pending > 0

    def options(self) -> list[str]:
        """The labels of the chips shown now."""
        return [o.label for o in self._options] if self.chips.isVisibleTo(self) else []

    # ---- playing ------------------------------------------------------------------------

    def _zone(self) -> Any:
        """The connection's time zone (None: this computer's, when the name is unknown)."""
        try:
            return ZoneInfo(self._connection.timezone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            return None

    def _begin(self, node_id: str | None) -> None:
        self._generation += 1
        self.playback.stop()
        for _generation, coro in self._queue:  # what the old conversation had yet to play
            coro.close()
        self._pending -= len(self._queue)
        self._queue.clear()
        if self._task is not None and not self._task.done():
            self._task.cancel()  # e.g. a slow HTTP call: it ends now, and counts as done
        self.model.clear()
        self._set_options((), "text", None)
        try:
            flow = load(to_dict(self.flow))  # a snapshot: editing never changes a run midway
        except FlowFormatError as err:
            self.conversation = None
            self._notice(err.message(self._locale), tone="error")
            self._after_step()
            return
        generation = self._generation
        ctx = RunContext(sink=_PanelSink(self, generation), clock=self.clock,
                         contact=self._contact, connection=self._connection,
                         ticket_id="test", locale=self._locale,
                         step_key=f"test-{uuid.uuid4().hex}")
        resolver = RememberingResolver(self._resolver) if self._resolver is not None else None
        interpreter = Interpreter(resolver, self._http_client, media_root=self._media_root)
        self.conversation = Conversation(flow, ctx, self.clock, interpreter,
                                         flows=resolver.flows.get if resolver else None)
        report = validate(flow)
        if report.errors:
            self._notice(self.tr("This draft has problems (see Problems); the test may stop "
                                 "where they are."))
        if node_id is not None and flow.node(node_id) is None:
            self._notice(self.tr("There is no node “%1” in this flow.").replace("%1", node_id),
                         tone="error")
            self._after_step()
            return
        if node_id is not None:
            node = flow.node(node_id)
            assert node is not None
            self._notice(self.tr("Test started at “%1”").replace("%1", _node_title(node,
                                                                                 self._locale)))
        conversation = self.conversation
        self._run(conversation.begin() if node_id is None else conversation.begin_at(node_id))

    def _customer_says(self, answer: Answer, item: MessageItem) -> None:
        conversation = self.conversation
        if conversation is None or self._bot_stopped():
            return
        self.model.append(item)
        self._set_options((), "text", None)
        self._run(conversation.send(answer))

    def _run(self, coro: Coroutine[Any, Any, None]) -> None:
        """Play one action after the ones before it (an HTTP call may take a while)."""
        self._queue.append((self._generation, coro))
        self._pending += 1
        self._update_enabled()
        if self._pending == 1:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            return
        generation, coro = self._queue.pop(0)
        self._task = tasks.spawn(_cancellable(coro), on_success=lambda _r: self._done(generation),
                                 on_error=lambda message: self._failed(generation, message))

    def _alive(self) -> bool:
        """False once the editor closed the panel while an action was still playing."""
        return shiboken6.isValid(self) and shiboken6.isValid(self.view)

    def _done(self, generation: int) -> None:
        if not self._alive():
            return
        self._pending = max(0, self._pending - 1)
        if generation == self._generation:
            self._after_step()
        self._update_enabled()
        self._next()

    def _failed(self, generation: int, message: str) -> None:
        if not self._alive():
            return
        if generation == self._generation:
            self._notice(self.tr("The test stopped: %1").replace("%1", str(message)),
                         tone="error", details=getattr(message, "details", "") or "")
        self._done(generation)

    # ---- what the run did ---------------------------------------------------------------

    def _bot_said(self, spec: MessageSpec) -> None:
        self.model.append(bot_item(spec, self.clock.now()))
        if spec.options:  # chips for it once the run is known to wait on that menu
            self._sent_options = (spec.options, spec.style)

    def _notice(self, text: str, tone: str = "info", details: str = "") -> None:
        self.model.append(NoticeItem(next(_ids), text, tone, details))

    def _flow_error(self, code: str, message: str) -> None:
        pair = ERROR_MESSAGES.get(code)
        plain = (pair[1] if self._locale.startswith("en") else pair[0]) if pair else ""
        shown = plain if code in _TECHNICAL and plain else message
        text = self.tr("The flow stopped: %1").replace("%1", shown)
        self._notice(text, tone="error", details=message)

    def _bot_stopped(self) -> bool:
        state = self.conversation.state if self.conversation else None
        return state is not None and state.status.bot_stopped

    def _after_step(self) -> None:
        """After each action: chips, status, variables and the current node brought up to date."""
        conversation = self.conversation
        state = conversation.state if conversation else None
        flow = conversation.flow if conversation else None
        pending, self._sent_options = self._sent_options, None
        if state is not None and flow is not None and state.status == RunStatus.WAITING_INPUT \
                and state.flow_id == flow.id and (node := flow.node(state.node or "")) is not None \
                and node.type == "menu":
            if pending is not None:
                self._set_options(pending[0], pending[1], node.id)
            elif self._options_node == node.id:
                self.chips.setVisible(bool(self._options))
        else:
            self._set_options((), "text", None)
        self._show_status()
        self._show_clock()
        if state is not None:
            self._show_variables(dict(state.variables))
        elif conversation is not None:
            self._show_variables(dict(conversation.flow.variables))
        current: str | None = None
        if state is not None and flow is not None and state.flow_id == flow.id and (
                state.status.is_waiting or state.status == RunStatus.ERROR):
            current = state.node
        if current != self._current:
            self._current = current
            self._emit_current()
        self._update_enabled()

    def _set_options(self, options: tuple[MenuOption, ...], style: str,
                     node_id: str | None) -> None:
        self._options, self._options_style, self._options_node = options, style, node_id
        while (old := self._chips_layout.takeAt(0)) is not None:
            widget = old.widget()
            if widget is not None:
                widget.deleteLater()
        for option in options:
            chip = QToolButton()
            chip.setObjectName("testChatChip")
            chip.setFixedHeight(30)  # the stylesheet's radius needs at most half the height
            chip.setText(option.label)
            chip.setToolTip(self.tr("Answer “%1”").replace("%1", option.label))
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.clicked.connect(lambda _=False, oid=option.id: self.choose(oid))
            self._chips_layout.addWidget(chip)
        self.chips.setVisible(bool(options))

    def _show_status(self) -> None:
        state = self.conversation.state if self.conversation else None
        text = ""
        if self.conversation is None:
            text = self.tr("The flow could not be started.")
        elif state is None:
            text = ""
        elif state.status == RunStatus.WAITING_INPUT:
            if state.wake_at is not None:
                text = self.tr("Waiting for the customer's reply; no answer by %1 takes the "
                               "timeout exit.").replace(
                                   "%1", _clock_text(state.wake_at, zone=self._zone()))
            else:
                text = self.tr("Waiting for the customer's reply.")
        elif state.status == RunStatus.WAITING_TIMER:
            text = self.tr("Waiting until %1.").replace(
                "%1", _clock_text(state.wake_at, zone=self._zone()))
        elif state.status == RunStatus.ENDED:
            text = self.tr("The flow ended. A new message starts it again.")
        elif state.status.bot_stopped:
            text = self.tr("The bot stopped answering. Restart to test again.")
        self.status.setText(text)

    def _show_clock(self) -> None:
        self.clock_label.setText(_clock_text(self.clock.now(), with_day=True, zone=self._zone()))

    def _show_variables(self, variables: dict[str, str]) -> None:
        if variables == self._variables:
            return
        self._variables = dict(variables)
        names = sorted(variables)
        self.variables.setRowCount(len(names))
        for row, name in enumerate(names):
            value = variables[name]
            shown = " ".join(str(value).split())
            for column, text in enumerate((name, shown)):
                item = QTableWidgetItem(text)
                item.setToolTip(str(value) if column else name)
                self.variables.setItem(row, column, item)
        self.variables_changed.emit(dict(variables))

    def _update_enabled(self) -> None:
        can_talk = self.conversation is not None and not self._bot_stopped()
        self.field.setEnabled(can_talk)
        self.send_button.setEnabled(can_talk)
        self.attach_button.setEnabled(can_talk)
        self.chips.setEnabled(can_talk and not self.busy)
        self.wait_button.setEnabled(self.conversation is not None)

    # ---- widgets ------------------------------------------------------------------------

    def _send_typed(self) -> None:
        text = self.field.text()
        if text.strip():
            self.field.clear()
            self.send_text(text)

    def _fill_start_menu(self) -> None:
        self.start_from_menu.clear()
        nodes = sorted(self.flow.nodes, key=lambda n: (n.x, n.y, n.id))
        for node in nodes:
            action = self.start_from_menu.addAction(_node_title(node, self._locale))
            action.triggered.connect(lambda _=False, nid=node.id: self.start_from(nid))
        if not nodes:
            self.start_from_menu.addAction(self.tr("The flow has no nodes")).setEnabled(False)

    def _thumbnail(self, item: MessageItem, size: QSize) -> QPixmap | None:
        if item.msg.row.from_me:  # the tester's "photo" is a stand-in with no file
            return _stand_in_photo(size)
        return self.thumbnails.get(item, size)

    def _media_file(self, row: Any) -> Path | None:
        path = Path(row.media_path) if getattr(row, "media_path", None) else None
        return path if path is not None and path.is_file() else None

    def _on_seek(self, row: int, fraction: float) -> None:
        item = self.model.items[row] if 0 <= row < len(self.model.items) else None
        if not isinstance(item, MessageItem):
            return
        path = self._media_file(item.msg.row)
        if path is None:
            return
        if self.playback.message_id != item.msg.id:
            self.playback.toggle(item.msg.id, path)
        self.playback.seek(item.msg.id, fraction)

    def _on_action(self, name: str, row: int) -> None:
        item = self.model.items[row] if 0 <= row < len(self.model.items) else None
        if not isinstance(item, MessageItem):
            return
        r = item.msg.row
        if name.startswith("option:"):
            last_menu = next((i for i in reversed(self.model.items) if isinstance(i, MessageItem)
                              and i.msg.row.kind in ("buttons", "list")), None)
            if item is last_menu and self.chips.isVisibleTo(self) and self.chips.isEnabled():
                self.choose(name.split(":", 1)[1])  # an older menu's buttons no longer answer
        elif name == "play":
            path = self._media_file(r)
            if path is not None:
                self.playback.toggle(item.msg.id, path)
        elif name == "speed":
            self.playback.cycle_speed(item.msg.id)
        elif name == "media":
            path = self._media_file(r)
            if path is not None:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif name == "map":
            url = map_url(r.latitude, r.longitude)
            if url is not None:
                QDesktopServices.openUrl(url)
        elif name.startswith("add_contact"):
            phone = ((r.payload or {}).get("contact") or {}).get("phone") or ""
            clipboard = QGuiApplication.clipboard()
            if phone and clipboard is not None:
                clipboard.setText(str(phone))
                self._notice(self.tr("Number copied: %1").replace("%1", str(phone)))

    def _tool(self, icon_name: str, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        if icon_name:
            button.setIcon(icon(icon_name, theme.palette().text_secondary))
            button.setIconSize(QSize(18, 18))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button

    def _emit_current(self, shown: bool | None = None) -> None:
        """Tell the editor which card the test waits on, only while the test is on screen:
        a hidden test (another side panel open) outlines no card on the canvas."""
        if self._current is ...:
            return  # the run has not said where it is yet
        shown = self.isVisible() if shown is None else shown
        value = self._current if shown else None
        if value != getattr(self, "_emitted", ...):
            self._emitted = value
            self.current_node_changed.emit(value)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._emit_current(True)

    def hideEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().hideEvent(event)
        self._emit_current(False)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange,
                            QEvent.Type.FontChange) and not self._styling:
            self.delegate.update_fonts(self.view.font())
            self._apply_style()
        super().changeEvent(event)

    def _apply_style(self) -> None:
        pal = theme.palette()
        self._styling = True
        self.setStyleSheet(
            f"#testChat {{ background: {pal.panel}; }}"
            f"#testChatBar {{ background: {pal.background}; border-bottom: 1px solid"
            f" {pal.divider}; }}"
            f"#testChatClock {{ color: {pal.text_secondary}; }}"
            f"#testChatBar QToolButton {{ color: {pal.text}; padding: 4px 6px; border: none;"
            f" border-radius: 6px; }}"
            f"#testChatBar QToolButton:hover {{ background: {pal.hover}; }}"
            f"#testChatBar QToolButton::menu-indicator {{ image: none; width: 0; }}"
            f"#testChatView {{ background: {pal.chat_wallpaper}; border: none; }}"
            f"#testChatChips {{ background: {pal.chat_wallpaper}; }}"
            f"#testChatChip {{ background: {pal.panel}; color: {pal.accent}; border: 1px solid"
            f" {pal.divider}; border-radius: 14px; padding: 0 14px; font-weight: 600; }}"
            f"#testChatChip:hover {{ background: {pal.hover}; }}"
            f"#testChatChip:disabled {{ color: {pal.text_secondary}; }}"
            f"#testChatStatusRow {{ background: {pal.background}; }}"
            f"#testChatStatus {{ color: {pal.text_secondary}; }}"
            f"#testChatWait {{ color: {pal.accent}; font-weight: 600; padding: 4px 8px;"
            f" border: 1px solid {pal.divider}; border-radius: 6px; background: {pal.panel}; }}"
            f"#testChatWait:hover {{ background: {pal.hover}; }}"
            f"#testChatComposer {{ background: {pal.background}; }}"
            f"#testChatField {{ background: {pal.panel}; color: {pal.text}; border: none;"
            f" border-radius: 8px; padding: 8px 10px; }}"
            f"#testChatSend {{ background: {pal.accent}; border-radius: 18px; }}"
            f"#testChatAttach {{ border: none; }}"
            f"#testChatAttach::menu-indicator {{ image: none; width: 0; }}"
            f"#testChatSend:disabled {{ background: {pal.divider}; }}"
            f"#testChatSection {{ color: {pal.text_secondary}; font-weight: 600;"
            f" padding: 6px 10px 2px 10px; background: {pal.panel}; }}"
            f"#testChatVariables {{ border: none; background: {pal.panel};"
            f" color: {pal.text}; }}"
            f"#testChatVariables::item {{ padding: 0 8px; }}"
            f"#testChatVariables QHeaderView::section {{ background: {pal.panel};"
            f" color: {pal.text_secondary}; border: none; border-bottom: 1px solid"
            f" {pal.divider}; padding: 3px 8px; }}"
            f"#testChatStatusRow QSpinBox {{ background: {pal.panel}; color: {pal.text};"
            f" border: 1px solid {pal.divider}; border-radius: 6px; padding: 3px 4px; }}"
            # typed or scrolled; hidden arrows (NoButtons would hide the text with a style)
            f"#testChatStatusRow QSpinBox::up-button, #testChatStatusRow QSpinBox::down-button"
            f" {{ width: 0; border: none; }}")
        self._styling = False


# ---- helpers ----------------------------------------------------------------------------

def _clock_text(at: datetime | None, with_day: bool = False, zone: Any = None) -> str:
    """The time as the flow sees it: in the connection's time zone (business hours use it)."""
    if at is None:
        return ""
    local = at.astimezone(zone)
    if not with_day:
        return local.strftime("%H:%M")
    days = [translate("TestChatPanel", "Mon"), translate("TestChatPanel", "Tue"),
            translate("TestChatPanel", "Wed"), translate("TestChatPanel", "Thu"),
            translate("TestChatPanel", "Fri"), translate("TestChatPanel", "Sat"),
            translate("TestChatPanel", "Sun")]
    return f"{days[local.weekday()]} {local.strftime('%d/%m %H:%M')}"


def _stand_in_photo(size: QSize) -> QPixmap:
    pixmap = QPixmap(size)
    pixmap.fill(QColor("#8FB8C9"))
    painter = QPainter(pixmap)
    painter.setPen(QColor("white"))
    font = painter.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), int(Qt.AlignmentFlag.AlignCenter),
                     translate("TestChatPanel", "Customer's photo"))
    painter.end()
    return pixmap


async def _cancellable(action: Coroutine[Any, Any, None]) -> None:
    """A restart cancels what the old conversation was playing; that is not a failure."""
    try:
        await action
    except asyncio.CancelledError:
        pass


def _waited(minutes: float) -> str:
    whole = round(minutes)
    if whole >= 60 and whole % 60 == 0:
        hours = whole // 60
        return (translate("TestChatPanel", "⏱ Waited 1 hour") if hours == 1 else
                translate("TestChatPanel", "⏱ Waited %1 hours").replace("%1", str(hours)))
    return (translate("TestChatPanel", "⏱ Waited 1 minute") if whole == 1 else
            translate("TestChatPanel", "⏱ Waited %1 minutes").replace("%1", str(whole)))


def _node_title(node: Any, locale: str) -> str:
    node_type = registry.get(node.type)
    kind = node_type.title(locale) if node_type is not None else node.type
    return f"{node.id} · {kind}"


__all__ = ["NoticeItem", "TestChatDelegate", "TestChatModel", "TestChatPanel", "bot_item"]
