"""Dialogs of the ticket actions that need several fields: transfer, new conversation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from whatdesk.ui import theme
from whatdesk.ui.widgets import PhoneEdit


class TransferDialog(QDialog):
    """To a queue and/or an agent, with an optional note for whoever receives it."""

    def __init__(self, queues: list[Any], agents: list[Any], current_queue_id: int | None,
                 me: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transfer conversation"))
        self.setMinimumWidth(400)
        self.queue = QComboBox()
        self.queue.addItem(self.tr("Keep the current queue"), None)
        for q in queues:
            self.queue.addItem(q.name, q.id)
        self.agent = QComboBox()
        self.agent.addItem(self.tr("Nobody: wait in the queue"), None)
        for a in agents:
            if a.active and a.id != me:
                self.agent.addItem(a.name, a.id)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Optional: what the next agent should know"))
        self.note.setFixedHeight(80)
        form = QFormLayout()
        form.addRow(self.tr("Queue"), self.queue)
        form.addRow(self.tr("Agent"), self.agent)
        form.addRow(self.tr("Note"), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.transfer_button = self.buttons.addButton(self.tr("Transfer"),
                                                      QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.buttons)
        self.queue.currentIndexChanged.connect(self._update)
        self.agent.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        # "keep the queue, nobody" changes nothing: not a transfer
        self.transfer_button.setEnabled(self.queue_id() is not None or self.agent_id() is not None)

    def queue_id(self) -> int | None:
        return self.queue.currentData()

    def agent_id(self) -> int | None:
        return self.agent.currentData()

    def note_text(self) -> str:
        return self.note.toPlainText().strip()


class NewConversationDialog(QDialog):
    """Write first to any number (validated as it is typed)."""

    def __init__(self, connections: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New conversation"))
        self.setMinimumWidth(400)
        self.phone = PhoneEdit()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Optional"))
        self.connection = QComboBox()
        for c in connections:
            self.connection.addItem(c.name, c.id)
            if c.is_default:
                self.connection.setCurrentIndex(self.connection.count() - 1)
        self.problem = QLabel()
        self.problem.setStyleSheet(f"color: {theme.palette().failed};")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Phone number"), self.phone)
        form.addRow(self.tr("Name"), self.name)
        if len(connections) > 1:
            form.addRow(self.tr("Send from"), self.connection)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = self.buttons.addButton(self.tr("Start conversation"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.problem)
        column.addWidget(self.buttons)
        self.phone.textChanged.connect(self._validate)
        self._validate()
        self.phone.setFocus(Qt.FocusReason.OtherFocusReason)

    def digits(self) -> str | None:
        return self.phone.digits()

    def _validate(self) -> None:
        ok = self.digits() is not None
        typed = bool(self.phone.text().strip())
        self.problem.setText("" if ok or not typed else
                             self.tr("This is not a valid phone number."))
        self.start_button.setEnabled(ok and self.connection.count() > 0)
        if not self.connection.count():
            self.problem.setText(self.tr("Create a connection first."))

    def connection_id(self) -> int | None:
        return self.connection.currentData()

    def contact_name(self) -> str | None:
        return self.name.text().strip() or None
