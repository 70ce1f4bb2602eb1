"""Where the agent writes: text, quick replies, emoji, attachments, notes."""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from whatdesk.domain.enums import TicketStatus
from whatdesk.services.drafts import StoredDraft
from whatdesk.services.quick_replies import fill
from whatdesk.store.quick_replies import QuickReplyRow
from whatdesk.ui import tasks, theme
from whatdesk.ui.resources import icon
from whatdesk.ui.widgets import plain_label

from .context import InboxContext
from .emoji_picker import EmojiPicker
from .quick_reply_popup import QuickReplyList

log = logging.getLogger(__name__)

MAX_LINES = 6  # the field grows up to this many lines, then scrolls
TYPING_REFRESH_S = 8.0  # WhatsApp drops "typing..." after ~10 s without a refresh
TYPING_IDLE_MS = 4000  # no key for this long: "paused"
DRAFT_SAVE_MS = 500  # the draft is written to the database this long after the last change


@dataclass
class Draft:
    """What the agent left in the composer of one ticket."""

    text: str = ""
    quote_id: int | None = None
    note: bool = False
    files: list[Path] = field(default_factory=list)

    def empty(self) -> bool:
        return not self.text and self.quote_id is None and not self.files and not self.note


class ComposerField(QPlainTextEdit):
    """The text field: Enter sends, Shift+Enter breaks the line, grows to MAX_LINES; files
    dropped or images pasted become attachments."""

    send_requested = Signal()
    files_given = Signal(list)  # list[Path]
    image_pasted = Signal(QImage)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composerField")
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(8)
        # the composer looks at keys first (quick-reply list navigation, Esc)
        self.key_hook: Any = None
        self.textChanged.connect(self.fit_height)
        self.fit_height()

    def fit_height(self) -> None:
        line = self.fontMetrics().lineSpacing()
        margin = int(self.document().documentMargin() * 2) + self.frameWidth() * 2
        # visual lines (wrapped), not paragraphs: a long line grows the field too
        lines = 0
        block = self.document().begin()
        while block.isValid():
            layout = block.layout()
            lines += max(1, layout.lineCount() if layout is not None else 1)
            block = block.next()
        if self.document().isEmpty() and self.placeholderText():
            lines = max(lines, self.placeholder_lines())  # a wrapped placeholder is never cut
        # past MAX_LINES the field stops growing and scrolls
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if lines > MAX_LINES
                                        else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lines = min(max(lines, 1), MAX_LINES)
        height = lines * line + margin + 4
        if self.height() != height:
            self.setFixedHeight(height)

    def placeholder_lines(self) -> int:
        """How many lines the placeholder takes, wrapped at the field's width."""
        width = self.viewport().width() - int(self.document().documentMargin() * 2)
        if width <= 0:
            return 1
        rect = self.fontMetrics().boundingRect(
            0, 0, width, 10_000, int(Qt.TextFlag.TextWordWrap), self.placeholderText())
        return max(1, -(-rect.height() // self.fontMetrics().lineSpacing()))

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 (Qt override)
        super().setPlaceholderText(text)
        self.fit_height()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self.fit_height)  # wrapping changes with the width

    def event(self, event: QEvent) -> bool:
        # Tab moves the focus before keyPressEvent sees it; the quick-reply list wants it first
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Tab and self.key_hook is not None
                and self.key_hook(event)):
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.key_hook is not None and self.key_hook(event):
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.send_requested.emit()
            return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasImage() or source.hasUrls() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasUrls() and all(u.isLocalFile() for u in source.urls()):
            self.files_given.emit([Path(u.toLocalFile()) for u in source.urls()])
            return
        if source.hasImage():
            image = source.imageData()
            if isinstance(image, QImage) and not image.isNull():
                self.image_pasted.emit(image)
                return
        self.insertPlainText(source.text())  # never rich text: WhatsApp takes plain text

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if event.mimeData().hasUrls():
            self.insertFromMimeData(event.mimeData())
            event.acceptProposedAction()
            return
        super().dropEvent(event)


def _tool(name: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setIcon(icon(name, theme.palette().text_secondary))
    button.setIconSize(QSize(24, 24))
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setAutoRaise(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setFixedSize(40, 40)
    return button


class Composer(QWidget):
    message_sent = Signal(int)  # the new message row's id

    def __init__(self, ctx: InboxContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("composer")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAcceptDrops(True)
        self.ticket_id: int | None = None
        self.ticket_status: TicketStatus | None = None
        self.contact_name = ""  # shown as the sender of a quoted customer message
        self.quote_id: int | None = None
        self.editing_id: int | None = None  # one of our messages being corrected
        self._before_edit: Draft | None = None  # what the field held before the edit began
        self.files: list[Path] = []
        self.drafts: dict[int, Draft] = {}
        self._search_seq = 0  # only the newest quick-reply search may fill the list
        self._load_seq = 0
        self._last_typing = 0.0
        self._typing_ticket: int | None = None
        self._setting_text = False
        self._restoring = False  # a draft being put back is no change to save

        # quote bar: the message being answered
        self.quote_bar = QFrame()
        self.quote_bar.setObjectName("quoteBar")
        self.quote_sender = QLabel()
        self.quote_sender.setObjectName("quoteSender")
        self.quote_text = plain_label()
        self.quote_text.setObjectName("quoteText")
        self.quote_close = _tool("close", self.tr("Cancel reply (Esc)"))
        self.quote_close.setFixedSize(28, 28)
        quote_col = QVBoxLayout()
        quote_col.setSpacing(0)
        quote_col.addWidget(self.quote_sender)
        quote_col.addWidget(self.quote_text)
        quote_row = QHBoxLayout(self.quote_bar)
        quote_row.setContentsMargins(10, 6, 6, 6)
        quote_row.addLayout(quote_col, 1)
        quote_row.addWidget(self.quote_close, 0, Qt.AlignmentFlag.AlignTop)
        self.quote_bar.hide()

        # attachments waiting to go, the field's text becomes their caption
        self.files_bar = QFrame()
        self.files_bar.setObjectName("filesBar")
        self.files_label = QLabel()
        self.files_label.setObjectName("filesLabel")
        self.files_clear = _tool("close", self.tr("Remove the attachments"))
        self.files_clear.setFixedSize(28, 28)
        files_row = QHBoxLayout(self.files_bar)
        files_row.setContentsMargins(10, 4, 6, 4)
        clip = QLabel()
        clip.setPixmap(icon("attach", theme.palette().text_secondary).pixmap(18, 18))
        files_row.addWidget(clip, 0)
        files_row.addWidget(self.files_label, 1)
        files_row.addWidget(self.files_clear)
        self.files_bar.hide()

        self.quick_list = QuickReplyList()
        self.hint = QLabel()  # why the field is disabled, or why a send failed
        self.hint.setObjectName("composerHint")
        self.hint.setWordWrap(True)
        self.hint.hide()

        self.emoji_button = _tool("emoji", self.tr("Emoji"))
        self.attach_button = _tool("attach", self.tr("Attach files (or drop them, or paste an image)"))
        self.field = ComposerField()
        self.quick_button = _tool("quick-reply", self.tr("Quick replies (type /)"))
        self.note_button = _tool("note", self.tr("Private note: only agents see it"))
        self.note_button.setCheckable(True)
        self.sign_button = QToolButton()
        self.sign_button.setObjectName("signButton")
        self.sign_button.setCheckable(True)
        self.sign_button.setText(self.tr("Sign"))
        self.sign_button.setToolTip(self.tr("Start my messages with my name"))
        self.sign_button.setAutoRaise(True)
        self.sign_button.setFixedHeight(40)
        self.send_button = _tool("send", self.tr("Send (Enter)"))
        self.send_button.setObjectName("sendButton")

        bar = QHBoxLayout()
        bar.setContentsMargins(10, 6, 10, 6)
        bar.setSpacing(4)
        for w in (self.emoji_button, self.attach_button):
            bar.addWidget(w, 0, Qt.AlignmentFlag.AlignBottom)
        bar.addWidget(self.field, 1, Qt.AlignmentFlag.AlignBottom)
        for w in (self.quick_button, self.note_button, self.sign_button, self.send_button):
            bar.addWidget(w, 0, Qt.AlignmentFlag.AlignBottom)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.quick_list)
        column.addWidget(self.quote_bar)
        column.addWidget(self.files_bar)
        column.addWidget(self.hint)
        column.addLayout(bar)

        self.emoji_picker = EmojiPicker(self)
        self._typing_idle = QTimer(self)
        self._typing_idle.setSingleShot(True)
        self._typing_idle.setInterval(TYPING_IDLE_MS)
        self._typing_idle.timeout.connect(self._typing_stopped)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_SAVE_MS)
        self._draft_timer.timeout.connect(self._persist_draft)

        self.field.key_hook = self._key_hook
        self.field.send_requested.connect(self.send)
        self.field.textChanged.connect(self._text_changed)
        self.field.files_given.connect(self.attach_files)
        self.field.image_pasted.connect(self._paste_image)
        self.send_button.clicked.connect(self.send)
        self.quote_close.clicked.connect(
            lambda: self.cancel_edit() if self.editing_id is not None else self.cancel_quote())
        self.files_clear.clicked.connect(self.clear_files)
        self.note_button.toggled.connect(self._note_toggled)
        self.sign_button.toggled.connect(self._sign_toggled)
        self.emoji_button.clicked.connect(lambda: self.emoji_picker.popup_above(self.field))
        self.emoji_picker.picked.connect(self._insert_emoji)
        self.attach_button.clicked.connect(self._choose_files)
        self.quick_button.clicked.connect(self._open_quick_replies)
        self.quick_list.clicked.connect(lambda _i: self._apply_quick_reply())
        ctx.bridge.ticket_changed.connect(self._on_ticket_changed)
        self._apply_style()
        self.set_ticket(None)
        tasks.spawn(ctx.runtime.messages.signs(ctx.agent.id),
                    on_success=self._show_signs, on_error=lambda _m: None)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange and self.parentWidget() is not None:
            self.setHidden(self.ticket_id is None)  # put in the chat pane before any chat
        return super().event(event)

    # ---- public -------------------------------------------------------------------------

    def set_ticket(self, ticket_id: int | None) -> None:
        """Write to this ticket from now on (drafts are kept per ticket)."""
        if ticket_id == self.ticket_id and ticket_id is not None:
            return
        self.cancel_edit()  # an unfinished correction is dropped, the draft before it kept
        self._save_draft()
        self._typing_stopped()
        self.ticket_id = ticket_id
        self.ticket_status = None
        if self.parentWidget() is not None:  # in the chat pane (never pop up a lone window)
            self.setHidden(ticket_id is None)  # no conversation open: no field to type into
        kept = self.drafts.pop(ticket_id, None) if ticket_id else None
        self._restore_draft(kept or Draft())
        if ticket_id is not None and kept is None:
            tasks.spawn(self.ctx.runtime.drafts.get(self.ctx.agent.id, ticket_id),
                        on_success=lambda d: self._stored_draft_loaded(ticket_id, d),
                        on_error=lambda _m: None)
        self.quick_list.hide()
        self._show_hint("")
        self._update_enabled()
        if ticket_id is not None:
            self._load_seq += 1
            seq = self._load_seq
            tasks.spawn(self.ctx.runtime.tickets.get(ticket_id),
                        on_success=lambda t: self._ticket_loaded(seq, t),
                        on_error=self._show_error)

    def quote(self, message_id: int) -> None:
        """Reply to this message: show it above the field until sent or Esc."""
        self.quote_id = message_id
        self._draft_changed()
        self.quote_sender.setText("…")
        self.quote_text.setText("")
        self.quote_bar.show()
        self.field.setFocus()
        tasks.spawn(self.ctx.runtime.messages.get(message_id),
                    on_success=lambda m: self._show_quote(message_id, m),
                    on_error=self._show_error)

    def cancel_quote(self) -> None:
        self.quote_id = None
        self._draft_changed()
        if self.editing_id is None:
            self.quote_bar.hide()

    def edit(self, message_id: int) -> None:
        """Correct one of our recent messages: its text goes into the field, Enter saves
        (WhatsApp allows it for 15 minutes), Esc gives the field back as it was."""
        tid = self.ticket_id

        async def load() -> Any:
            message = await self.ctx.runtime.messages.get(message_id)
            return message, self.ctx.runtime.messages.can_edit(message)

        def start(result: Any) -> None:
            message, allowed = result
            if self.ticket_id != tid or message.ticket_id != tid:
                return
            if not allowed:
                self._show_hint(self.tr("This message can no longer be edited."), error=True)
                return
            if self.editing_id is None:
                self._before_edit = Draft(self.field.toPlainText(), self.quote_id,
                                          self.note_mode, list(self.files))
            self.cancel_quote()
            self.editing_id = message_id
            self.quote_sender.setText(self.tr("Edit message"))
            self.quote_text.setText(self.quote_text.fontMetrics().elidedText(
                " ".join(message.text.split()), Qt.TextElideMode.ElideRight,
                max(200, self.width() - 120)))
            self.quote_bar.show()
            self._set_text(message.text)
            self.field.moveCursor(QTextCursor.MoveOperation.End)
            self.field.setFocus()

        tasks.spawn(load(), on_success=start, on_error=self._show_error)

    def cancel_edit(self) -> None:
        if self.editing_id is None:
            return
        self.editing_id = None
        self.quote_bar.hide()
        before, self._before_edit = self._before_edit, None
        self._restore_draft(before or Draft())

    def attach(self) -> None:
        """Pick files to attach (the paper-clip button, Alt+A)."""
        self._choose_files()

    def attach_files(self, paths: list[Path]) -> None:
        """Files to send with the next Enter (the text becomes the caption)."""
        for path in paths:
            path = Path(path)
            if path not in self.files:
                self.files.append(path)
        self._show_files()
        self.field.setFocus()
        self._draft_changed()

    def clear_files(self) -> None:
        self.files = []
        self._show_files()
        self._draft_changed()

    @property
    def note_mode(self) -> bool:
        return self.note_button.isChecked()

    def set_note_mode(self, on: bool) -> None:
        self.note_button.setChecked(on)

    def text(self) -> str:
        return self.field.toPlainText()

    def send(self) -> None:
        """Send what is in the composer. The field empties at once; the message row is
        written (pending) by the service before the returned task completes, and the text
        comes back into the field if that fails."""
        tid = self.ticket_id
        if tid is None or not self.field.isEnabled():
            return
        if self.quick_list.isVisible():
            self._apply_quick_reply()
            return
        text = self.field.toPlainText().strip()
        if self.editing_id is not None:
            self._save_edit(self.editing_id, text)
            return
        files, note, quote = list(self.files), self.note_mode, self.quote_id
        if not text and not files:
            return
        if note and files:
            self._show_hint(self.tr("Private notes cannot carry files; remove them or turn "
                                    "the note off."), error=True)
            return
        snapshot = Draft(self.field.toPlainText(), quote, note, files)
        self._set_text("")
        self.cancel_quote()
        self.clear_files()
        self._draft_timer.stop()
        tasks.spawn(self.ctx.runtime.drafts.clear(self.ctx.agent.id, tid),
                    on_error=lambda _m: None)
        self._show_hint("")
        self._typing_stopped()
        messages = self.ctx.runtime.messages
        agent_id = self.ctx.agent.id
        if note:
            coro: Any = messages.add_note(tid, text, agent_id)
        elif files:
            coro = self._send_files(tid, files, text)
        else:
            coro = messages.send_text(tid, text, agent_id=agent_id, quote_message_id=quote)
        tasks.spawn(coro, on_success=self.message_sent.emit,
                    on_error=lambda msg: self._send_failed(tid, snapshot, msg))

    # ---- sending --------------------------------------------------------------------------

    def _save_edit(self, message_id: int, text: str) -> None:
        if not text:
            return
        self.cancel_edit()  # the field gets back what it held before

        def failed(message: str) -> None:
            self._show_hint(self.tr("Not edited: {error}").format(error=message), error=True)

        tasks.spawn(self.ctx.runtime.messages.edit(message_id, text, self.ctx.agent.id),
                    on_error=failed)

    async def _send_files(self, tid: int, files: list[Path], caption: str) -> int:
        last = 0
        for i, path in enumerate(files):
            # the caption goes with the first file, as WhatsApp does
            last = await self.ctx.runtime.messages.send_media(
                tid, path, caption=caption if i == 0 else "", agent_id=self.ctx.agent.id)
        return last

    def _send_failed(self, tid: int, snapshot: Draft, message: str) -> None:
        if self.ticket_id == tid and not self.field.toPlainText() and not self.files:
            self._restore_draft(snapshot)
            self._show_hint(self.tr("Not sent: {error}").format(error=message), error=True)
        else:
            self.drafts.setdefault(tid, snapshot)  # back in that ticket's composer
            self._show_error(self.tr("A message was not sent: {error}").format(error=message))
        self._persist(tid, self.drafts.get(tid, snapshot))

    def _paste_image(self, image: QImage) -> None:
        """A pasted screenshot: saved to a temporary PNG off the UI thread, then attached."""
        async def save() -> Path:
            folder = Path(tempfile.mkdtemp(prefix="whatdesk-paste-"))
            path = folder / f"imagem-{time.strftime('%Y%m%d-%H%M%S')}.png"
            ok = await asyncio.get_running_loop().run_in_executor(
                None, lambda: image.save(str(path), "PNG"))
            if not ok:
                raise OSError("could not save the pasted image")
            return path

        tasks.spawn(save(), on_success=lambda p: self.attach_files([p]),
                    on_error=self._show_error)

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        if paths:
            self.attach_files([Path(p) for p in paths])

    # ---- quick replies --------------------------------------------------------------------

    def _quick_prefix(self) -> str | None:
        """The text after "/" while the field holds only "/word" (the command being typed)."""
        text = self.field.toPlainText()
        if text.startswith("/") and not any(c.isspace() for c in text):
            return text[1:]
        return None

    def _open_quick_replies(self) -> None:
        if self._quick_prefix() is None:
            self._set_text("/")
            self.field.moveCursor(QTextCursor.MoveOperation.End)
        self._search_quick(self._quick_prefix() or "")
        self.field.setFocus()

    def _search_quick(self, prefix: str) -> None:
        self._search_seq += 1
        seq = self._search_seq

        def show(rows: list[QuickReplyRow]) -> None:
            if seq == self._search_seq and self._quick_prefix() is not None:
                self.quick_list.show_rows(rows)

        tasks.spawn(self.ctx.runtime.quick_replies.search(self.ctx.agent.id, prefix),
                    on_success=show, on_error=self._show_error)

    def _apply_quick_reply(self) -> None:
        row = self.quick_list.current_row()
        self.quick_list.hide()
        tid = self.ticket_id
        if row is None or tid is None:
            return
        self._search_seq += 1  # a search still running must not reopen the list

        def put(values: dict[str, str]) -> None:
            if self.ticket_id != tid:
                return
            # shown filled in before sending: the agent sees exactly what goes
            self._set_text(fill(row.text, values))
            self.field.moveCursor(QTextCursor.MoveOperation.End)
            media = self._quick_reply_file(row)
            if media is not None:
                self.attach_files([media])

        tasks.spawn(self.ctx.runtime.quick_replies.variables(tid, self.ctx.agent.name),
                    on_success=put, on_error=self._show_error)

    def _quick_reply_file(self, row: QuickReplyRow) -> Path | None:
        """The reply's file, only when it lies inside the data folder (a restored or edited
        database must not make us send an arbitrary file)."""
        if not row.media_path:
            return None
        root = Path(self.ctx.runtime.data_dir).resolve()
        path = (root / row.media_path).resolve()
        if not path.is_relative_to(root):
            log.warning("quick reply %s: file outside the data folder ignored", row.id)
            return None
        return path

    def _key_hook(self, event: QKeyEvent) -> bool:
        key = event.key()
        if self.quick_list.isVisible():
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.quick_list.move_selection(-1 if key == Qt.Key.Key_Up else 1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
                self._apply_quick_reply()
                return True
            if key == Qt.Key.Key_Escape:
                self.quick_list.hide()
                return True
        if key == Qt.Key.Key_Escape:
            if self.editing_id is not None:
                self.cancel_edit()
                return True
            if self.quote_id is not None:
                self.cancel_quote()
                return True
            if self.files:
                self.clear_files()
                return True
        return False

    # ---- typing, drafts, state ------------------------------------------------------------

    def _text_changed(self) -> None:
        if self._setting_text:
            return
        prefix = self._quick_prefix()
        if prefix is not None:
            self._search_quick(prefix)
        elif self.quick_list.isVisible():
            self.quick_list.hide()
        if self.ticket_id is not None and not self.note_mode and self.field.toPlainText():
            self._typing()
        self._draft_changed()

    def _typing(self) -> None:
        """Tell the customer we are typing: at most every TYPING_REFRESH_S, never awaited."""
        now = time.monotonic()
        tid = self.ticket_id
        if tid is None:
            return
        if self._typing_ticket != tid or now - self._last_typing > TYPING_REFRESH_S:
            self._last_typing = now
            self._typing_ticket = tid
            tasks.spawn(self.ctx.runtime.messages.send_typing(tid, True),
                        on_error=lambda _m: None)
        self._typing_idle.start()

    def _typing_stopped(self) -> None:
        self._typing_idle.stop()
        tid, self._typing_ticket = self._typing_ticket, None
        self._last_typing = 0.0
        if tid is not None:
            tasks.spawn(self.ctx.runtime.messages.send_typing(tid, False),
                        on_error=lambda _m: None)

    def hideEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        # The window closing (or another page shown): what is pending is written now.
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self._persist_draft()
        super().hideEvent(event)

    def _current_draft(self) -> Draft:
        if self.editing_id is not None:  # the field holds the message being corrected
            return self._before_edit or Draft()
        return Draft(self.field.toPlainText(), self.quote_id, self.note_mode, list(self.files))

    def _save_draft(self) -> None:
        if self.ticket_id is None:
            return
        draft = self._current_draft()
        if draft.empty():
            self.drafts.pop(self.ticket_id, None)
        else:
            self.drafts[self.ticket_id] = draft
        if self._draft_timer.isActive():  # leaving the ticket: write what is pending now
            self._draft_timer.stop()
            self._persist(self.ticket_id, draft)

    def _draft_changed(self) -> None:
        """The agent changed the composer: write the draft soon (survives a restart)."""
        if not self._restoring and not self._setting_text and self.ticket_id is not None:
            self._draft_timer.start()

    def _persist_draft(self) -> None:
        if self.ticket_id is not None:
            self._persist(self.ticket_id, self._current_draft())

    def _persist(self, ticket_id: int, draft: Draft) -> None:
        stored = StoredDraft(draft.text, draft.quote_id, draft.note,
                             tuple(str(p) for p in draft.files))
        tasks.spawn(self.ctx.runtime.drafts.save(self.ctx.agent.id, ticket_id, stored),
                    on_error=lambda _m: None)

    def _stored_draft_loaded(self, ticket_id: int, stored: StoredDraft | None) -> None:
        """The draft saved in an earlier session: put back unless the agent began typing."""
        if stored is None or self.ticket_id != ticket_id or self.editing_id is not None:
            return
        if not self._current_draft().empty():
            return
        self._restore_draft(Draft(stored.text, stored.quote_id, stored.note,
                                  [Path(p) for p in stored.files]))

    def _restore_draft(self, draft: Draft) -> None:
        self._restoring = True
        try:
            self._set_text(draft.text)
            self.field.moveCursor(QTextCursor.MoveOperation.End)
            self.note_button.setChecked(draft.note)
            self.files = list(draft.files)
            self._show_files()
            if draft.quote_id is not None:
                self.quote(draft.quote_id)
            else:
                self.cancel_quote()
        finally:
            self._restoring = False

    def _set_text(self, text: str) -> None:
        self._setting_text = True
        try:
            self.field.setPlainText(text)
        finally:
            self._setting_text = False

    def _ticket_loaded(self, seq: int, ticket: Any) -> None:
        if seq != self._load_seq or ticket.id != self.ticket_id:
            return
        self.ticket_status = ticket.status
        self.contact_name = ticket.contact_name or ""
        self._update_enabled()

    def _on_ticket_changed(self, event: Any) -> None:
        if event.ticket_id == self.ticket_id:
            self.ticket_status = event.status
            self._update_enabled()

    def _update_enabled(self) -> None:
        status = self.ticket_status
        if self.ticket_id is None:
            reason = self.tr("Choose a conversation to reply.")
        elif status is None:
            reason = ""  # loading: keep the field usable, the draft is already there
        elif status in (TicketStatus.PENDING, TicketStatus.BOT):
            reason = self.tr("Accept to reply")
        elif status == TicketStatus.CLOSED:
            reason = self.tr("This conversation is closed. Reopen it to reply.")
        else:
            reason = ""
        enabled = not reason
        self.field.setEnabled(enabled)
        self.field.setPlaceholderText(reason or (
            self.tr("Private note (only agents see it)") if self.note_mode
            else self.tr("Type a message")))
        for w in (self.emoji_button, self.attach_button, self.quick_button, self.note_button,
                  self.sign_button, self.send_button):
            w.setEnabled(enabled)
        self.setAcceptDrops(enabled)

    def _show_quote(self, message_id: int, message: Any) -> None:
        if self.quote_id != message_id:
            return
        if message.is_private_note:
            sender = self.tr("Note")
        elif message.from_me:
            sender = self.tr("You")
        else:
            sender = message.sender_name or self.contact_name or self.tr("Customer")
        self.quote_sender.setText(sender)
        body = " ".join((message.text or message.media_filename or message.kind).split())
        self.quote_text.setText(self.quote_text.fontMetrics().elidedText(
            body, Qt.TextElideMode.ElideRight, max(200, self.width() - 120)))

    def _show_files(self) -> None:
        if not self.files:
            self.files_bar.hide()
            return
        names = ", ".join(p.name for p in self.files)
        self.files_label.setText(self.tr("%n file(s): {names} — the text is the caption",
                                         "", len(self.files)).format(names=names))
        self.files_bar.show()

    def _show_hint(self, text: str, error: bool = False) -> None:
        self.hint.setText(text)
        pal = theme.palette()
        self.hint.setStyleSheet(f"color: {pal.failed if error else pal.text_secondary};"
                                " padding: 4px 16px;")
        self.hint.setVisible(bool(text))

    def _show_error(self, message: str) -> None:
        self._show_hint(str(message), error=True)

    def _show_signs(self, on: bool) -> None:
        self.sign_button.blockSignals(True)
        self.sign_button.setChecked(on)
        self.sign_button.blockSignals(False)

    def _sign_toggled(self, on: bool) -> None:
        tasks.spawn(self.ctx.runtime.messages.set_signs(self.ctx.agent.id, on),
                    on_error=self._show_error)

    def _note_toggled(self, _on: bool) -> None:
        self._draft_changed()
        self._apply_style()
        self._update_enabled()
        if self.note_mode:
            self._typing_stopped()  # a note is not written to the customer

    def _insert_emoji(self, char: str) -> None:
        self.field.insertPlainText(char)
        self.field.setFocus()

    def _apply_style(self) -> None:
        pal = theme.palette()
        field_bg = pal.note if self.note_mode else pal.panel
        self.setStyleSheet(
            f"#composer {{ background: {pal.background}; }}"
            f"#composerField {{ background: {field_bg}; color: {pal.text}; border: none;"
            f" border-radius: 8px; }}"
            f"#quoteBar, #filesBar {{ background: {pal.panel}; border-left: 4px solid"
            f" {pal.accent}; margin: 6px 10px 0 10px; border-radius: 6px; }}"
            f"#quoteSender {{ color: {pal.accent}; font-weight: 600; }}"
            f"#quoteText, #filesLabel {{ color: {pal.text_secondary}; }}"
            f"#sendButton {{ background: {pal.accent}; border-radius: 20px; }}"
            f"#sendButton:disabled {{ background: {pal.divider}; }}"
            f"#signButton {{ color: {pal.text_secondary}; padding: 0 4px; }}"
            f"#signButton:checked {{ color: {pal.accent}; font-weight: 600; }}"
            f"QToolButton:checked {{ background: {pal.selected}; border-radius: 20px; }}")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self.field.isEnabled():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.attach_files([Path(u.toLocalFile()) for u in urls])
            event.acceptProposedAction()
