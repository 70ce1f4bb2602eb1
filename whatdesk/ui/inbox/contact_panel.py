"""The panel on the right: the contact of the open ticket, editable in place."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QCompleter,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from whatdesk.domain.enums import TicketStatus
from whatdesk.domain.phone import display_phone
from whatdesk.services.audit import Actor
from whatdesk.store.privacy import is_anonymized
from whatdesk.ui import tasks, theme
from whatdesk.ui.widgets import plain_label

from .context import InboxContext

log = logging.getLogger(__name__)

AVATAR_SIZE = 96
NOTES_SAVE_AFTER_MS = 1200  # a pause in typing this long saves the notes
COLLAPSED_KEY = "inbox/contact_panel_collapsed"
REFRESH_AFTER_MS = 500  # new messages of the shown contact: history previews catch up


translate = QCoreApplication.translate  # lupdate finds calls named "translate"


def initials(name: str) -> str:
    words = [w for w in name.split() if w[:1].isalpha()]
    return "".join(w[0] for w in words[:2]).upper()


def status_text(status: TicketStatus) -> str:
    return {
        TicketStatus.BOT: translate("ContactPanel", "With the bot"),
        TicketStatus.PENDING: translate("ContactPanel", "Waiting"),
        TicketStatus.OPEN: translate("ContactPanel", "Open"),
        TicketStatus.CLOSED: translate("ContactPanel", "Closed"),
    }.get(TicketStatus(status), str(status))


def kind_text(kind: str) -> str:
    """What a message without text was, for the read-only history."""
    return {
        "image": translate("ContactPanel", "Photo"),
        "video": translate("ContactPanel", "Video"),
        "audio": translate("ContactPanel", "Audio"),
        "voice": translate("ContactPanel", "Voice message"),
        "document": translate("ContactPanel", "Document"),
        "sticker": translate("ContactPanel", "Sticker"),
        "location": translate("ContactPanel", "Location"),
        "contact": translate("ContactPanel", "Contact card"),
    }.get(kind, translate("ContactPanel", "Message"))


def short_date(when: datetime | None) -> str:
    if when is None:
        return ""
    return when.astimezone().strftime("%d/%m/%Y %H:%M")


# ---- small widgets --------------------------------------------------------------------


class Avatar(QWidget):
    """A round photo, else the contact's initials on its colour (a silhouette without any)."""

    def __init__(self, size: int = AVATAR_SIZE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(size, size)
        self.image: QImage | None = None
        self.text = ""
        self.key: int | str = 0

    def set_contact(self, key: int | str, name: str, image: QImage | None) -> None:
        self.key, self.text, self.image = key, initials(name), image
        self.update()

    def paintEvent(self, _event: Any) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect()
        clip = QPainterPath()
        clip.addEllipse(rect.toRectF())
        p.setClipPath(clip)
        if self.image is not None and not self.image.isNull():
            scaled = self.image.scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                       Qt.TransformationMode.SmoothTransformation)
            p.drawImage(rect, scaled, QRect(QPoint((scaled.width() - rect.width()) // 2,
                                                   (scaled.height() - rect.height()) // 2),
                                            rect.size()))
            return
        p.fillRect(rect, theme.avatar_color(self.key))
        p.setPen(QColor("white"))
        p.setBrush(QColor(255, 255, 255, 235))
        if self.text:
            font = QFont(self.font())
            font.setPixelSize(int(rect.height() * 0.38))
            font.setWeight(QFont.Weight.DemiBold)
            p.setFont(font)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text)
        else:  # no name: a silhouette, as WhatsApp shows for unknown numbers
            w = rect.width()
            p.setPen(Qt.PenStyle.NoPen)
            p.drawEllipse(int(w * 0.33), int(w * 0.18), int(w * 0.34), int(w * 0.34))
            p.drawEllipse(int(w * 0.15), int(w * 0.58), int(w * 0.70), int(w * 0.70))


class InlineEdit(QStackedWidget):
    """A value shown as text; a click turns it into a field: Enter saves, Esc cancels."""

    submitted = Signal(str)

    def __init__(self, placeholder: str, big: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = placeholder
        self.value = ""
        self.label = plain_label()
        self.label.setCursor(Qt.CursorShape.IBeamCursor)
        self.label.setWordWrap(True)
        self.label.setToolTip(translate("ContactPanel", "Click to edit"))
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.field = QLineEdit()
        self.field.setPlaceholderText(placeholder)
        if big:
            font = QFont(self.label.font())
            font.setPointSizeF(font.pointSizeF() * 1.45)
            font.setWeight(QFont.Weight.DemiBold)
            self.label.setFont(font)
            self.field.setFont(font)
            self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.label)
        self.addWidget(self.field)
        self.label.mousePressEvent = self._label_clicked  # type: ignore[method-assign]
        self.field.returnPressed.connect(lambda: self.submitted.emit(self.field.text()))
        self.field.installEventFilter(self)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.set_value("")

    def sizeHint(self) -> QSize:  # the current page, not the tallest of the two
        return self.currentWidget().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.currentWidget().minimumSizeHint()

    def set_value(self, value: str, shown: str | None = None) -> None:
        """Show ``shown`` (or the value, or the placeholder greyed) and leave edit mode."""
        self.value = value
        text = shown if shown is not None else value
        if text:
            self.label.setText(text)
            self.label.setStyleSheet(f"color: {theme.palette().text};")
        else:
            self.label.setText(self.placeholder)
            self.label.setStyleSheet(f"color: {theme.palette().text_secondary};")
        self.setCurrentWidget(self.label)
        self.updateGeometry()

    @property
    def editing(self) -> bool:
        return self.currentWidget() is self.field

    def start_editing(self) -> None:
        self.field.setText(self.value)
        self.setCurrentWidget(self.field)
        self.updateGeometry()
        self.field.setFocus(Qt.FocusReason.MouseFocusReason)
        self.field.selectAll()

    def cancel(self) -> None:
        self.setCurrentWidget(self.label)
        self.updateGeometry()

    def _label_clicked(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.start_editing()

    def eventFilter(self, obj: Any, event: Any) -> bool:
        if obj is self.field and isinstance(event, QKeyEvent) \
                and event.type() == QKeyEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return True
        return super().eventFilter(obj, event)


class NotesEdit(QPlainTextEdit):
    focus_lost = Signal()

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()


class FlowLayout(QLayout):
    """Children left to right, wrapping to new lines (tag pills)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y()


class TagPill(QFrame):
    remove_clicked = Signal(int)

    def __init__(self, tag_id: int, name: str, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tag_id = tag_id
        self.setObjectName("tagPill")
        tint = QColor(color)
        tint.setAlpha(40)
        self.setStyleSheet(
            f"#tagPill {{ background: rgba({tint.red()},{tint.green()},{tint.blue()},0.16);"
            f" border: 1px solid {color}; border-radius: 11px; }}"
            f"#tagPill QLabel {{ color: {theme.palette().text}; }}"
            f"#tagPill QToolButton {{ border: none; color: {theme.palette().text_secondary};"
            " font-weight: bold; padding: 0 2px; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(9, 2, 4, 2)
        row.setSpacing(2)
        self.label = plain_label(name)
        self.remove = QToolButton()
        self.remove.setText("×")
        self.remove.setToolTip(translate("ContactPanel", "Remove tag"))
        self.remove.setCursor(Qt.CursorShape.PointingHandCursor)
        self.remove.clicked.connect(lambda: self.remove_clicked.emit(self.tag_id))
        row.addWidget(self.label)
        row.addWidget(self.remove)


class Section(QFrame):
    """A white card with a small grey title, as WhatsApp's contact info stacks them."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactSection")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(18, 12, 18, 14)
        self.body.setSpacing(6)
        if title:
            self.title = QLabel(title)
            self.title.setObjectName("sectionTitle")
            self.body.addWidget(self.title)


class FieldRow(QWidget):
    """One custom field: the name above, the value editable in place, × removes it."""

    def __init__(self, key: str, value: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 2, 0, 2)
        col.setSpacing(0)
        top = QHBoxLayout()
        self.name = plain_label(key)
        self.name.setObjectName("fieldName")
        self.remove = QToolButton()
        self.remove.setText("×")
        self.remove.setObjectName("fieldRemove")
        self.remove.setToolTip(translate("ContactPanel", "Remove field"))
        self.remove.setCursor(Qt.CursorShape.PointingHandCursor)
        top.addWidget(self.name, 1)
        top.addWidget(self.remove)
        self.value = InlineEdit(translate("ContactPanel", "Add a value"))
        self.value.set_value(value)
        col.addLayout(top)
        col.addWidget(self.value)


TICKET_ROLE = Qt.ItemDataRole.UserRole  # the ticket id of a history row
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # a dict the delegate paints from


class HistoryDelegate(QStyledItemDelegate):
    """Paints the history: a ticket as number, status, dates, agent and last message; a
    message as a small bubble (ours green, notes yellow, the customer's grey)."""

    PAD = 8
    MESSAGE_LINES = 8  # a long message is cut here; the chat view shows it whole

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self.view = view

    def _width(self, index: QModelIndex) -> int:
        depth = 1 if index.parent().isValid() else 0
        return max(80, self.view.viewport().width() - self.view.indentation() * (depth + 1))

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.9)
        return bold, small

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        row = index.data(ROW_ROLE)
        if not isinstance(row, dict):
            return QSize(self._width(index), QFontMetrics(option.font).height() + 2 * self.PAD)
        bold, small = self._fonts(option)
        fm, fs = QFontMetrics(option.font), QFontMetrics(small)
        if row["kind"] == "ticket":
            return QSize(self._width(index), fm.height() * 2 + fs.height() * 2 + 2 * self.PAD)
        body = self._body_rect(option, index, fm)
        return QSize(self._width(index), fs.height() + body.height() + 2 * self.PAD + 8)

    def _body_rect(self, option: QStyleOptionViewItem, index: QModelIndex,
                   fm: QFontMetrics) -> QRect:
        row = index.data(ROW_ROLE)
        width = self._width(index) - 2 * self.PAD - 16
        rect = fm.boundingRect(QRect(0, 0, width, fm.height() * self.MESSAGE_LINES),
                               Qt.TextFlag.TextWordWrap, row["body"])
        return QRect(0, 0, width, min(rect.height(), fm.height() * self.MESSAGE_LINES))

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        pal = theme.palette()
        if not isinstance(row, dict):
            p.save()
            p.setPen(pal.color("text_secondary"))
            p.drawText(option.rect.adjusted(self.PAD, 0, 0, 0),
                       Qt.AlignmentFlag.AlignVCenter, index.data(Qt.ItemDataRole.DisplayRole))
            p.restore()
            return
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        bold, small = self._fonts(option)
        fm, fs = QFontMetrics(option.font), QFontMetrics(small)
        r = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        if row["kind"] == "ticket":
            if option.state & QStyle.StateFlag.State_MouseOver:
                p.fillRect(option.rect, pal.color("hover"))
            p.setPen(pal.color("divider"))
            p.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
            y = r.top()
            p.setFont(bold)
            p.setPen(pal.color("text"))
            number = f"#{row['id']}"
            p.drawText(QRect(r.left(), y, r.width(), fm.height()), 0, number)
            x = r.left() + QFontMetrics(bold).horizontalAdvance(number) + 8
            p.setPen(QColor(row["status_color"]))
            p.drawText(QRect(x, y, r.width(), fm.height()), 0, row["status"])
            x += QFontMetrics(bold).horizontalAdvance(row["status"]) + 8
            if row["current"]:
                p.setFont(small)
                label = translate("ContactPanel", "this conversation")
                pill = QRect(x, y + 1, fs.horizontalAdvance(label) + 12, fm.height() - 2)
                p.setPen(Qt.PenStyle.NoPen)
                tint = pal.color("accent")
                tint.setAlpha(36)
                p.setBrush(tint)
                p.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
                p.setPen(pal.color("accent"))
                p.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
            y += fm.height()
            p.setFont(small)
            p.setPen(pal.color("text_secondary"))
            for line in (row["dates"], row["who"]):
                p.drawText(QRect(r.left(), y, r.width(), fs.height()), 0,
                           fs.elidedText(line, Qt.TextElideMode.ElideRight, r.width()))
                y += fs.height()
            p.setFont(option.font)
            p.setPen(pal.color("text"))
            p.drawText(QRect(r.left(), y, r.width(), fm.height()), 0,
                       fm.elidedText(row["preview"], Qt.TextElideMode.ElideRight, r.width()))
        else:
            fill = {"out": pal.bubble_out, "note": pal.note}.get(row["side"], pal.background)
            bubble = QRect(r.left(), r.top(), r.width(), r.height() + 2)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(fill))
            p.drawRoundedRect(bubble, theme.METRICS.bubble_radius, theme.METRICS.bubble_radius)
            inner = bubble.adjusted(8, 4, -8, -4)
            p.setFont(small)
            p.setPen(pal.color("accent") if row["side"] != "in" else pal.color("text_secondary"))
            p.drawText(QRect(inner.left(), inner.top(), inner.width(), fs.height()), 0,
                       row["who"])
            p.setFont(option.font)
            p.setPen(pal.color("text"))
            body = QRect(inner.left(), inner.top() + fs.height(), inner.width(),
                         inner.height() - fs.height())
            p.drawText(body, Qt.TextFlag.TextWordWrap, row["body"])
        p.restore()


# ---- the panel ------------------------------------------------------------------------


class ContactPanel(QWidget):
    """Who the customer is: photo, name, number, e-mail, custom fields, tags, notes, past
    conversations and blocking. Every edit goes through ``runtime.contacts`` and comes back
    as a ``contact_changed`` bus event, which is what repaints the panel."""

    collapsed_changed = Signal(bool)
    contact_loaded = Signal(int)  # contact id, after each (re)load; tests and the page use it

    def __init__(self, ctx: InboxContext, parent: QWidget | None = None,
                 collapsible: bool = True) -> None:
        """``collapsible=False``: always shown, without the × (the Contacts page)."""
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("contactPanel")
        self.ticket_id: int | None = None
        self.shown_contact_id: int | None = None  # show_contact's (no ticket)
        self.collapsible = collapsible
        self.card: Any = None  # services.contacts.ContactCard of the shown contact
        self._generation = 0  # answers for a ticket no longer shown are dropped
        self._saved_notes = ""
        self._all_tags: list[Any] = []
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_SAVE_AFTER_MS)
        self._notes_timer.timeout.connect(self.save_notes)
        # answers that arrive after the widget is gone (window closed) are dropped; a list
        # because the destroyed signal must not capture the wrapper itself
        self._alive = [True]
        alive = self._alive
        self.destroyed.connect(lambda *_: alive.__setitem__(0, False))
        self._build()
        self._apply_style()
        ctx.bridge.contact_changed.connect(self._on_contact_changed)
        ctx.bridge.ticket_changed.connect(self._on_ticket_changed)
        ctx.bridge.message_created.connect(self._on_message_created)
        # a burst of messages from this customer refreshes the history once, not per message
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_AFTER_MS)
        self._refresh_timer.timeout.connect(self.reload)
        self._collapsed = collapsible and bool(ctx.settings.value(COLLAPSED_KEY, False,
                                                                  type=bool))
        self.close_button.setVisible(collapsible)
        if self._collapsed:
            self.hide()  # (never show() here: without a parent yet it would be a window)
        self._show_empty()

    # ---- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        bar = QWidget()
        bar.setObjectName("contactBar")
        bar_row = QHBoxLayout(bar)
        bar_row.setContentsMargins(12, 0, 12, 0)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setObjectName("closeButton")
        self.close_button.setToolTip(translate("ContactPanel", "Hide contact info"))
        self.close_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.close_button.clicked.connect(lambda: self.set_collapsed(True))
        bar_title = QLabel(translate("ContactPanel", "Contact info"))
        bar_title.setObjectName("barTitle")
        bar_row.addWidget(self.close_button)
        bar_row.addWidget(bar_title, 1)
        bar.setFixedHeight(59)
        outer.addWidget(bar)

        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setContentsMargins(32, 32, 32, 32)
        outer.addWidget(self.empty, 1)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll, 1)
        content = QWidget()
        content.setObjectName("contactContent")
        self.scroll.setWidget(content)
        col = QVBoxLayout(content)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(10)

        # who: photo, name, number, blocked banner
        who = Section("")
        who.body.setContentsMargins(18, 22, 18, 18)
        self.avatar = Avatar()
        who.body.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignHCenter)
        self.name_edit = InlineEdit(translate("ContactPanel", "Add a name"), big=True)
        self.name_edit.submitted.connect(self._save_name)
        who.body.addWidget(self.name_edit)
        self.name_error = self._error_label()
        who.body.addWidget(self.name_error)
        self.phone_label = QLabel()
        self.phone_label.setObjectName("phone")
        self.phone_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phone_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        who.body.addWidget(self.phone_label)
        self.push_name_label = plain_label()
        self.push_name_label.setObjectName("secondary")
        self.push_name_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        who.body.addWidget(self.push_name_label)
        self.blocked_banner = QLabel(translate(
            "ContactPanel", "Blocked: no bot and no notifications; anything that still "
                          "arrives is kept"))
        self.blocked_banner.setObjectName("blockedBanner")
        self.blocked_banner.setWordWrap(True)
        self.blocked_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        who.body.addWidget(self.blocked_banner)
        col.addWidget(who)

        # about: e-mail and custom fields
        about = Section(translate("ContactPanel", "About"))
        email_name = QLabel(translate("ContactPanel", "E-mail"))
        email_name.setObjectName("fieldName")
        about.body.addWidget(email_name)
        self.email_edit = InlineEdit(translate("ContactPanel", "Add an e-mail"))
        self.email_edit.submitted.connect(self._save_email)
        about.body.addWidget(self.email_edit)
        self.email_error = self._error_label()
        about.body.addWidget(self.email_error)
        self.fields_box = QVBoxLayout()
        self.fields_box.setSpacing(4)
        about.body.addLayout(self.fields_box)
        self.field_rows: list[FieldRow] = []
        self.new_field = QWidget()
        new_row = QHBoxLayout(self.new_field)
        new_row.setContentsMargins(0, 0, 0, 0)
        self.new_key = QLineEdit()
        self.new_key.setPlaceholderText(translate("ContactPanel", "Field"))
        self.new_value = QLineEdit()
        self.new_value.setPlaceholderText(translate("ContactPanel", "Value"))
        new_row.addWidget(self.new_key, 2)
        new_row.addWidget(self.new_value, 3)
        self.new_key.returnPressed.connect(self.new_value.setFocus)
        self.new_value.returnPressed.connect(self._add_field)
        for edit in (self.new_key, self.new_value):
            edit.installEventFilter(self)
        self.new_field.hide()
        about.body.addWidget(self.new_field)
        self.fields_error = self._error_label()
        about.body.addWidget(self.fields_error)
        self.add_field_button = QPushButton(translate("ContactPanel", "+ Add field"))
        self.add_field_button.setObjectName("linkButton")
        self.add_field_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.add_field_button.clicked.connect(self._start_new_field)
        about.body.addWidget(self.add_field_button, 0, Qt.AlignmentFlag.AlignLeft)
        col.addWidget(about)

        # tags
        tags = Section(translate("ContactPanel", "Tags"))
        self.tags_host = QWidget()
        self.tags_flow = FlowLayout(self.tags_host)
        tags.body.addWidget(self.tags_host)
        self.tag_input = QLineEdit()
        self.tag_input.setPlaceholderText(translate("ContactPanel", "Add a tag…"))
        self.tag_completer = QCompleter([], self.tag_input)
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tag_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tag_input.setCompleter(self.tag_completer)
        self.tag_input.returnPressed.connect(self._add_tag)
        self.tag_completer.activated.connect(lambda _text: QTimer.singleShot(0, self._add_tag))
        tags.body.addWidget(self.tag_input)
        self.tags_error = self._error_label()
        tags.body.addWidget(self.tags_error)
        col.addWidget(tags)

        # notes
        notes = Section(translate("ContactPanel", "Notes"))
        self.notes_edit = NotesEdit()
        self.notes_edit.setPlaceholderText(translate(
            "ContactPanel", "Notes about this customer, seen by every agent"))
        self.notes_edit.setFixedHeight(96)
        self.notes_edit.textChanged.connect(self._notes_typed)
        self.notes_edit.focus_lost.connect(self.save_notes)
        notes.body.addWidget(self.notes_edit)
        self.notes_status = QLabel()
        self.notes_status.setObjectName("secondary")
        self.notes_status.hide()
        notes.body.addWidget(self.notes_status)
        col.addWidget(notes)

        # earlier conversations
        history = Section(translate("ContactPanel", "Conversations"))
        self.history = QTreeWidget()
        self.history.setObjectName("history")
        self.history.setHeaderHidden(True)
        self.history.setColumnCount(1)
        self.history.setRootIsDecorated(True)
        self.history.setUniformRowHeights(False)
        self.history.setItemDelegate(HistoryDelegate(self.history))
        self.history.setMouseTracking(True)
        self.history.setIndentation(14)
        self.history.setFrameShape(QFrame.Shape.NoFrame)
        self.history.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.history.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.history.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.history.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history.itemExpanded.connect(self._history_expanded)
        self.history.itemCollapsed.connect(lambda _i: self.history.updateGeometry())
        history.body.addWidget(self.history)
        col.addWidget(history)

        # block
        block = Section("")
        self.block_note = QLabel(translate(
            "ContactPanel", "Blocking also blocks the number on WhatsApp: they can no longer "
                            "write to you. Anything that still arrives is stored, but gets no "
                            "bot and raises no notification."))
        self.block_note.setObjectName("secondary")
        self.block_note.setWordWrap(True)
        self.block_button = QPushButton()
        self.block_button.setObjectName("blockButton")
        self.block_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.block_button.clicked.connect(self._toggle_block)
        block.body.addWidget(self.block_button, 0, Qt.AlignmentFlag.AlignLeft)
        block.body.addWidget(self.block_note)
        self.block_outcome = QLabel()  # what WhatsApp made of the last block / unblock
        self.block_outcome.setObjectName("blockOutcome")
        self.block_outcome.setWordWrap(True)
        self.block_outcome.hide()
        block.body.addWidget(self.block_outcome)
        self.block_error = self._error_label()
        block.body.addWidget(self.block_error)
        col.addWidget(block)

        # personal data (LGPD): administrators only
        self.privacy = Section(translate("ContactPanel", "Personal data (LGPD)"))
        self.privacy.setObjectName("contactSection")
        self.export_button = QPushButton(translate("ContactPanel", "Export data (LGPD)…"))
        self.export_button.setObjectName("linkButton")
        self.export_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.export_button.setToolTip(translate(
            "ContactPanel", "Save everything stored about this contact in a .zip file: profile, "
                            "conversations, messages, notes, tags, flow answers and files."))
        self.export_button.clicked.connect(self.choose_export_file)
        self.anonymize_button = QPushButton(translate("ContactPanel", "Anonymize…"))
        self.anonymize_button.setObjectName("blockButton")
        self.anonymize_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.anonymize_button.clicked.connect(self.anonymize)
        self.privacy_note = QLabel()
        self.privacy_note.setObjectName("secondary")
        self.privacy_note.setWordWrap(True)
        self.privacy_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.privacy_note.hide()
        self.privacy_error = self._error_label()
        for widget in (self.export_button, self.anonymize_button):
            self.privacy.body.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        self.privacy.body.addWidget(self.privacy_note)
        self.privacy.body.addWidget(self.privacy_error)
        self.export_picker: QFileDialog | None = None
        col.addWidget(self.privacy)
        col.addStretch(1)

    def _error_label(self) -> QLabel:
        label = QLabel()
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.hide()
        return label

    def _apply_style(self) -> None:
        pal = theme.palette()
        self.setStyleSheet(f"""
            #contactPanel, #contactContent, QScrollArea {{ background: {pal.background}; }}
            #contactBar {{ background: {pal.panel}; border-bottom: 1px solid {pal.divider}; }}
            #barTitle {{ color: {pal.text}; font-size: 15px; }}
            #closeButton {{ border: none; font-size: 20px; color: {pal.text_secondary};
                            padding: 0 8px 2px 0; }}
            #emptyState {{ color: {pal.text_secondary}; background: {pal.panel}; }}
            #contactSection {{ background: {pal.panel}; }}
            #sectionTitle {{ color: {pal.text_secondary}; font-size: 13px; }}
            #fieldName {{ color: {pal.text_secondary}; font-size: 12px; }}
            #phone {{ color: {pal.text_secondary}; font-size: 15px; }}
            #secondary {{ color: {pal.text_secondary}; font-size: 12px; }}
            #fieldError {{ color: {pal.failed}; font-size: 12px; }}
            #blockedBanner {{ color: {pal.failed}; border: 1px solid {pal.failed};
                              border-radius: 6px; padding: 4px 8px; font-size: 12px; }}
            #blockButton {{ color: {pal.failed}; border: none; text-align: left;
                            font-size: 14px; padding: 4px 0; background: transparent; }}
            #linkButton {{ color: {pal.accent}; border: none; padding: 2px 0;
                           background: transparent; }}
            #fieldRemove {{ border: none; color: {pal.text_secondary}; font-weight: bold; }}
            QLineEdit, QPlainTextEdit {{ border: 1px solid {pal.background}; border-radius: 6px;
                                         padding: 4px 6px; background: {pal.background};
                                         color: {pal.text}; }}
            QLineEdit:focus, QPlainTextEdit:focus {{ border: 1px solid {pal.accent}; }}
            #history {{ background: {pal.panel}; color: {pal.text}; }}
        """)

    # ---- public API ---------------------------------------------------------------------

    def show_ticket(self, ticket_id: int | None) -> None:
        """Show the contact behind this ticket (nothing for None)."""
        self.save_notes()  # what was typed for the previous contact is not lost
        self.ticket_id = ticket_id
        self.shown_contact_id = None
        self._generation += 1
        if ticket_id is None:
            self.card = None
            self._show_empty()
            return
        self.reload()

    def _guard(self, fn: Any) -> Any:
        """``fn`` for a task callback: skipped once the widget is destroyed."""
        alive = self._alive

        def call(*args: Any) -> None:
            if alive[0]:
                fn(*args)

        return call

    def show_contact(self, contact_id: int | None) -> None:
        """Show a contact without a ticket (the Contacts page); nothing for None."""
        self.save_notes()
        self.ticket_id = None
        self.shown_contact_id = contact_id
        self._generation += 1
        if contact_id is None:
            self.card = None
            self._show_empty()
            return
        self.reload()

    def reload(self) -> None:
        if self.ticket_id is None and self.shown_contact_id is None:
            return
        generation = self._generation
        tasks.spawn(self._load(self.ticket_id, generation, self.shown_contact_id),
                    on_error=self._guard(lambda text: self._load_failed(text, generation)))

    def set_collapsed(self, collapsed: bool) -> None:
        """Hide (True) or show the panel; remembered for the next start."""
        if not self.collapsible:
            return
        changed = collapsed != self._collapsed
        self._collapsed = collapsed
        self.setHidden(collapsed)
        self.ctx.settings.setValue(COLLAPSED_KEY, collapsed)
        if changed:
            self.collapsed_changed.emit(collapsed)

    def is_collapsed(self) -> bool:
        return self._collapsed

    def toggle_collapsed(self) -> None:
        self.set_collapsed(not self.is_collapsed())

    @property
    def contact_id(self) -> int | None:
        return self.card.contact.id if self.card is not None else None

    # ---- loading ------------------------------------------------------------------------

    async def _load(self, ticket_id: int | None, generation: int,
                    contact_id: int | None = None) -> None:
        service = self.ctx.runtime.contacts
        if ticket_id is not None:
            card = await service.card_for_ticket(ticket_id)
        else:
            card = await service.card_for_contact(int(contact_id or 0))
        all_tags = await service.all_tags()
        image = await self._read_avatar(card.contact.avatar_path)
        if generation != self._generation or not self._alive[0]:
            return
        self._fill(card, all_tags, image)

    async def _read_avatar(self, stored: str | None) -> QImage | None:
        if not stored:
            return None
        root = Path(self.ctx.runtime.data_dir).resolve()
        path = (root / stored).resolve()
        if not path.is_relative_to(root):  # a restored or edited database must not steer it
            log.warning("contact avatar outside the data folder ignored")
            return None
        image = await asyncio.get_running_loop().run_in_executor(None, QImage, str(path))
        return None if image.isNull() else image

    def _load_failed(self, text: str, generation: int) -> None:
        if generation == self._generation:
            self.card = None
            self.empty.setText(text)
            self.empty.show()
            self.scroll.hide()

    def _show_empty(self) -> None:
        self.empty.setText(translate(
            "ContactPanel", "Open a conversation to see who the customer is: number, "
                            "e-mail, tags, notes and earlier conversations."))
        self.empty.show()
        self.scroll.hide()

    def _fill(self, card: Any, all_tags: list[Any], image: QImage | None) -> None:
        same_contact = self.card is not None and self.card.contact.id == card.contact.id
        self.card = card
        c = card.contact
        self.empty.hide()
        self.scroll.show()
        self.avatar.set_contact(c.id, c.display_name if (c.name or c.push_name) else "", image)
        if not self.name_edit.editing:
            self.name_edit.set_value(c.name, c.display_name)
        anonymized = is_anonymized(c.phone)
        if anonymized:
            self.phone_label.setText(translate("ContactPanel", "Anonymized (LGPD)"))
        else:
            self.phone_label.setText(
                display_phone(c.phone) if c.phone else (c.group_jid or c.lid or ""))
        # exporting and anonymizing are for administrators, and only about a person
        self.privacy.setVisible(bool(self.ctx.agent.is_admin) and not c.is_group)
        self.anonymize_button.setVisible(not anonymized)
        self.anonymize_button.setText(
            translate("ContactPanel", "Anonymize {name}…").format(name=c.display_name))
        self.push_name_label.setText(f"~{c.push_name}" if c.push_name and c.name else "")
        self.push_name_label.setVisible(bool(c.push_name and c.name))
        self.blocked_banner.setVisible(c.blocked)
        if c.blocked:
            action = translate("ContactPanel", "Unblock {name}")
        else:
            action = translate("ContactPanel", "Block {name}")
        self.block_button.setText(action.format(name=c.display_name))
        if not self.email_edit.editing:
            self.email_edit.set_value(c.email or "")
        self._fill_fields(c.custom_fields)
        self._fill_tags(card.tags, all_tags)
        # an agent typing notes is never overwritten by a reload; another contact replaces them
        if not (same_contact and self.notes_edit.toPlainText() != self._saved_notes):
            self._saved_notes = c.notes
            if self.notes_edit.toPlainText() != c.notes:
                self.notes_edit.blockSignals(True)
                self.notes_edit.setPlainText(c.notes)
                self.notes_edit.blockSignals(False)
        if not same_contact:
            # the customer's WhatsApp picture, fetched in the background when due
            connection = next((r.connection_id for r in card.history
                               if r.id == card.ticket_id or card.ticket_id is None), None)
            if connection is not None:
                self.ctx.runtime.avatars.schedule(c.id, connection)
            self._notes_message("")
            for label in (self.name_error, self.email_error, self.fields_error,
                          self.tags_error, self.block_error, self.block_outcome,
                          self.privacy_error, self.privacy_note):
                label.hide()
            self.new_field.hide()
        self._fill_history(card.history, keep_expanded=same_contact)
        self.contact_loaded.emit(c.id)

    def _fill_fields(self, fields: dict[str, Any]) -> None:
        for row in self.field_rows:
            self.fields_box.removeWidget(row)
            row.deleteLater()
        self.field_rows = []
        for key, value in fields.items():
            row = FieldRow(str(key), str(value))
            row.value.submitted.connect(lambda text, k=row.key: self._save_field(k, text))
            row.remove.clicked.connect(lambda _=False, k=row.key: self._remove_field(k))
            self.fields_box.addWidget(row)
            self.field_rows.append(row)

    def _fill_tags(self, tags: list[Any], all_tags: list[Any]) -> None:
        while (item := self.tags_flow.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        for tag in tags:
            pill = TagPill(tag.id, tag.name, tag.color)
            pill.remove_clicked.connect(self._remove_tag)
            self.tags_flow.addWidget(pill)
        self.tags_host.setVisible(bool(tags))
        self.tags_flow.invalidate()
        self._all_tags = all_tags
        mine = {t.id for t in tags}
        model = self.tag_completer.model()
        names = [t.name for t in all_tags if t.id not in mine]
        model.setStringList(names)  # type: ignore[attr-defined]

    def tag_pills(self) -> list[TagPill]:
        return [item.widget() for item in (self.tags_flow.itemAt(i)
                                           for i in range(self.tags_flow.count()))
                if item is not None and isinstance(item.widget(), TagPill)]

    def _fill_history(self, history: list[Any], keep_expanded: bool) -> None:
        expanded = {self.history.topLevelItem(i).data(0, TICKET_ROLE)
                    for i in range(self.history.topLevelItemCount())
                    if self.history.topLevelItem(i).isExpanded()} if keep_expanded else set()
        self.history.clear()
        if not history:
            item = QTreeWidgetItem([translate("ContactPanel", "No conversations yet")])
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.history.addTopLevelItem(item)
        for row in history:
            current = row.id == self.ticket_id
            status = status_text(row.status)
            dates = short_date(row.created_at)
            if row.closed_at is not None:
                dates += " → " + short_date(row.closed_at)
            who = row.agent_name or translate("ContactPanel", "no agent")
            if row.queue_name:
                who += f" · {row.queue_name}"
            preview = row.last_message_preview or translate("ContactPanel", "(no messages)")
            head = f"#{row.id} · {status}"
            if current:
                head += " · " + translate("ContactPanel", "this conversation")
            # the text is what screen readers and copy get; the delegate paints from ROW_ROLE
            item = QTreeWidgetItem([f"{head}\n{dates}\n{who}\n{preview}"])
            item.setData(0, TICKET_ROLE, row.id)
            item.setData(0, ROW_ROLE, {
                "kind": "ticket", "id": row.id, "status": status, "current": current,
                "status_color": theme.ticket_status_color(row.status).name(),
                "dates": dates, "who": who, "preview": preview})
            item.setToolTip(0, preview)
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            self.history.addTopLevelItem(item)
            if row.id in expanded:
                item.setExpanded(True)
        self.history.updateGeometry()

    def history_item(self, ticket_id: int) -> QTreeWidgetItem | None:
        for i in range(self.history.topLevelItemCount()):
            item = self.history.topLevelItem(i)
            if item.data(0, TICKET_ROLE) == ticket_id:
                return item
        return None

    def _history_expanded(self, item: QTreeWidgetItem) -> None:
        ticket_id = item.data(0, TICKET_ROLE)
        if ticket_id is None:
            return
        item.takeChildren()
        loading = QTreeWidgetItem([translate("ContactPanel", "Loading…")])
        item.addChild(loading)
        tasks.spawn(self.ctx.runtime.contacts.ticket_messages(int(ticket_id)),
                    on_success=self._guard(
                        lambda rows: self._show_messages(item, int(ticket_id), rows)),
                    on_error=self._guard(
                        lambda text: self._messages_failed(item, int(ticket_id), text)))

    def _show_messages(self, item: QTreeWidgetItem, ticket_id: int, rows: list[Any]) -> None:
        if self.history_item(ticket_id) is not item:  # the list was rebuilt meanwhile
            return
        item.takeChildren()
        for m in rows:
            if m.kind in ("reaction", "revoke", "edit"):
                continue
            if m.is_private_note:
                who, side = translate("ContactPanel", "Private note"), "note"
            elif m.from_me:
                who, side = translate("ContactPanel", "You"), "out"
            else:
                who, side = translate("ContactPanel", "Customer"), "in"
            if m.deleted:
                body = translate("ContactPanel", "(message deleted)")
            else:
                body = m.text or kind_text(m.kind)
            when = m.created_at.astimezone().strftime("%d/%m/%Y %H:%M")
            child = QTreeWidgetItem([f"{who} · {when}\n{body}"])
            child.setData(0, ROW_ROLE, {"kind": "message", "who": f"{who} · {when}",
                                        "body": body, "side": side})
            child.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.addChild(child)
        if item.childCount() == 0:
            empty = QTreeWidgetItem([translate("ContactPanel", "(no messages)")])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            item.addChild(empty)
        self.history.updateGeometry()

    def _messages_failed(self, item: QTreeWidgetItem, ticket_id: int, text: str) -> None:
        if self.history_item(ticket_id) is not item:
            return
        item.takeChildren()
        item.addChild(QTreeWidgetItem([text]))

    # ---- edits --------------------------------------------------------------------------

    def _run_edit(self, coro: Any, error_label: QLabel,
                  on_success: Any = None) -> None:
        error_label.hide()

        def failed(text: str) -> None:
            error_label.setText(text)
            error_label.show()

        def done(result: Any) -> None:
            if on_success is not None:
                on_success(result)

        # on_error receives readable text: validation errors come in the UI's language
        # (InvalidContactField carries Portuguese and English)
        tasks.spawn(coro, on_success=self._guard(done), on_error=self._guard(failed))

    def _save_name(self, text: str) -> None:
        if self.card is None:
            return
        self._run_edit(self.ctx.runtime.contacts.update(self.card.contact.id, name=text),
                       self.name_error,
                       on_success=lambda r: self.name_edit.set_value(r.name, r.display_name))

    def _save_email(self, text: str) -> None:
        if self.card is None:
            return
        self._run_edit(self.ctx.runtime.contacts.update(self.card.contact.id, email=text),
                       self.email_error,
                       on_success=lambda r: self.email_edit.set_value(r.email or ""))

    def _save_field(self, key: str, value: str) -> None:
        if self.card is None:
            return
        self._run_edit(self.ctx.runtime.contacts.set_custom_field(self.card.contact.id, key,
                                                                  value), self.fields_error)

    def _remove_field(self, key: str) -> None:
        if self.card is None:
            return
        self._run_edit(self.ctx.runtime.contacts.remove_custom_field(self.card.contact.id, key),
                       self.fields_error)

    def _start_new_field(self) -> None:
        self.new_key.clear()
        self.new_value.clear()
        self.new_field.show()
        self.new_key.setFocus()

    def _add_field(self) -> None:
        if self.card is None:
            return
        key = self.new_key.text()
        if self.card.contact.custom_fields.get(" ".join(key.split())) is not None:
            self.fields_error.setText(translate(
                "ContactPanel", "There is already a field “{name}”.").format(
                name=" ".join(key.split())))
            self.fields_error.show()
            return

        def added(_row: Any) -> None:
            self.new_field.hide()

        self._run_edit(self.ctx.runtime.contacts.set_custom_field(
            self.card.contact.id, key, self.new_value.text()), self.fields_error, added)

    def _add_tag(self) -> None:
        name = self.tag_input.text().strip()
        if self.card is None or not name:
            return
        self.tag_input.clear()
        self._run_edit(self.ctx.runtime.contacts.add_tag(self.card.contact.id, name),
                       self.tags_error)

    def _remove_tag(self, tag_id: int) -> None:
        if self.card is None:
            return
        self._run_edit(self.ctx.runtime.contacts.remove_tag(self.card.contact.id, tag_id),
                       self.tags_error)

    def _notes_typed(self) -> None:
        self._notes_message("")
        self._notes_timer.start()

    def _notes_message(self, text: str, error: bool = False) -> None:
        self.notes_status.setText(text)
        self.notes_status.setObjectName("fieldError" if error else "secondary")
        self.notes_status.style().unpolish(self.notes_status)
        self.notes_status.style().polish(self.notes_status)
        self.notes_status.setVisible(bool(text))

    def save_notes(self) -> None:
        """Store the notes if they changed (after a pause, on focus-out, on switching)."""
        self._notes_timer.stop()
        if self.card is None:
            return
        text = self.notes_edit.toPlainText()
        if text == self._saved_notes:
            return
        contact_id = self.card.contact.id
        self._saved_notes = text  # one save per change, even if focus-out follows the timer

        def saved(_row: Any) -> None:
            if self.contact_id == contact_id:
                self._notes_message(translate("ContactPanel", "Saved"))

        def failed(message: str) -> None:
            if self.contact_id == contact_id:
                self._saved_notes = ""  # not stored: the next pause tries again
                self._notes_message(message, error=True)

        tasks.spawn(self.ctx.runtime.contacts.set_notes(contact_id, text),
                    on_success=self._guard(saved), on_error=self._guard(failed))

    def _toggle_block(self) -> None:
        if self.card is None:
            return
        c = self.card.contact
        self.block_outcome.hide()
        self._run_edit(self.ctx.runtime.contacts.set_blocked(c.id, not c.blocked),
                       self.block_error, on_success=self._show_block_outcome)

    def _show_block_outcome(self, result: Any) -> None:
        if self.card is None or result.contact.id != self.card.contact.id:
            return
        blocked = result.contact.blocked
        if result.refused:
            text = (translate("ContactPanel", "WhatsApp refused to block the number. "
                                              "It stays blocked in whatdesk only.")
                    if blocked else
                    translate("ContactPanel", "WhatsApp refused to unblock the number. "
                                              "Unblock it on the phone."))
        elif result.pending:
            text = (translate("ContactPanel", "The connection is offline: the number is blocked "
                                              "in whatdesk now and on WhatsApp as soon as the "
                                              "connection is back.")
                    if blocked else
                    translate("ContactPanel", "The connection is offline: the number is "
                                              "unblocked in whatdesk now and on WhatsApp as soon "
                                              "as the connection is back."))
        elif result.on_whatsapp:
            text = (translate("ContactPanel", "Blocked on WhatsApp too.") if blocked
                    else translate("ContactPanel", "Unblocked on WhatsApp too."))
        else:
            text = (translate("ContactPanel", "Blocked in whatdesk (no WhatsApp conversation "
                                              "to block yet).") if blocked
                    else translate("ContactPanel", "Unblocked."))
        self.block_outcome.setText(text)
        # WhatsApp's own words are details: on hover, never in the sentence
        self.block_outcome.setToolTip(translate("ContactPanel", "Details: {reason}").format(
            reason=result.refused[0]) if result.refused else "")
        self.block_outcome.setStyleSheet(
            f"color: {theme.palette().failed if result.refused else theme.palette().text_secondary};")
        self.block_outcome.show()

    # ---- personal data (LGPD) -------------------------------------------------------------

    def choose_export_file(self) -> None:
        """Ask where to save the contact's data (a .zip), then write it."""
        if self.card is None:
            return
        picker = QFileDialog(self, translate("ContactPanel", "Export the contact's data"))
        picker.setObjectName("exportPicker")
        picker.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        picker.setNameFilter(translate("ContactPanel", "Zip files (*.zip)"))
        picker.setDefaultSuffix("zip")
        picker.selectFile(f"contato-{self.card.contact.id}.zip")
        contact_id = self.card.contact.id
        picker.fileSelected.connect(lambda path: self.export_to(contact_id, path))
        self.export_picker = picker
        picker.open()

    def export_to(self, contact_id: int, path: str) -> None:
        if not path:
            return
        self.privacy_note.hide()

        def done(result: Any) -> None:
            self.privacy_note.setText(translate(
                "ContactPanel", "Exported to {path}").format(path=str(result.path)))
            self.privacy_note.show()

        self._run_edit(self.ctx.runtime.privacy.export_contact(
            contact_id, path, actor=Actor.agent(self.ctx.agent)), self.privacy_error, done)

    def anonymize(self) -> None:
        """After a red confirmation naming the contact: erase them (cannot be undone)."""
        if self.card is None:
            return
        contact = self.card.contact
        from whatdesk.ui.settings.common import confirm

        async def go() -> None:
            text = translate(
                "ContactPanel", "Anonymize {name}? Their name and number are replaced, every "
                                "message text, note, flow answer and file of theirs is erased "
                                "and open conversations are closed. The conversations are still "
                                "counted in the statistics. This cannot be undone.").format(
                name=contact.display_name)
            if not await confirm(self, translate("ContactPanel", "Anonymize contact"), text,
                                 translate("ContactPanel", "Anonymize"), red_text=True):
                return
            self.privacy_note.hide()
            await self.ctx.runtime.privacy.anonymize_contact(
                contact.id, actor=Actor.agent(self.ctx.agent))
            self.privacy_note.setText(translate("ContactPanel", "The contact was anonymized."))
            self.privacy_note.show()

        def failed(text: str) -> None:
            self.privacy_error.setText(text)
            self.privacy_error.show()

        self.privacy_error.hide()
        tasks.spawn(go(), on_error=self._guard(failed))

    def eventFilter(self, obj: Any, event: Any) -> bool:
        if obj in (self.new_key, self.new_value) and isinstance(event, QKeyEvent) \
                and event.type() == QKeyEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape:
            self.new_field.hide()
            self.fields_error.hide()
            return True
        return super().eventFilter(obj, event)

    # ---- bus ----------------------------------------------------------------------------

    def _on_contact_changed(self, event: Any) -> None:
        if self.card is not None and event.contact_id == self.card.contact.id:
            self.reload()

    def _on_message_created(self, event: Any) -> None:
        if self.card is not None and event.contact_id == self.card.contact.id:
            self._refresh_timer.start()

    def _on_ticket_changed(self, event: Any) -> None:
        if self.card is not None and any(row.id == event.ticket_id
                                         for row in self.card.history):
            self.reload()
