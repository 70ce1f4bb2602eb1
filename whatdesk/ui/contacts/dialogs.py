"""Add a contact: a name and a number, checked as they are typed."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from whatdesk.domain.errors import InvalidPhone
from whatdesk.domain.phone import display_phone, normalize_phone
from whatdesk.store.contacts import NAME_MAX
from whatdesk.ui import tasks, theme

Save = Callable[[str, str], Coroutine[Any, Any, Any]]


class AddContactDialog(QDialog):
    """Name and number (any format people type; validated with phonenumbers). ``save(name,
    phone)`` stores it; the dialog stays open with the reason when that fails."""

    saved = Signal(object)  # what ``save`` returned

    def __init__(self, save: Save, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.setObjectName("addContactDialog")
        self.setWindowTitle(self.tr("Add contact"))
        self.setMinimumWidth(460)
        self.name = QLineEdit()
        self.name.setObjectName("contactName")
        self.name.setMaxLength(NAME_MAX)
        self.name.setPlaceholderText(self.tr("e.g. Ana Paula Souza"))
        self.phone = QLineEdit()
        self.phone.setObjectName("contactPhone")
        self.phone.setMaxLength(40)
        self.phone.setPlaceholderText(self.tr("e.g. (11) 98765-4321 or +351 912 345 678"))
        self.hint = QLabel()
        self.hint.setObjectName("phoneHint")
        self.hint.setWordWrap(True)
        self.hint.setMinimumHeight(self.hint.fontMetrics().lineSpacing() * 2 + 4)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet(f"color: {theme.palette().failed};")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.setVerticalSpacing(8)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Phone number"), self.phone)
        form.addRow("", self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton(self.tr("Add contact"),
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setObjectName("addButton")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.problem)
        column.addWidget(self.buttons)
        self.name.textChanged.connect(self._validate)
        self.phone.textChanged.connect(self._validate)
        self.name.returnPressed.connect(self.phone.setFocus)
        self._busy = False
        self._validate()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def digits(self) -> str | None:
        try:
            return normalize_phone(self.phone.text())
        except InvalidPhone:
            return None

    def _validate(self) -> None:
        digits = self.digits()
        typed = bool(self.phone.text().strip())
        self.problem.setText("")
        if digits is not None:
            self.hint.setText(self.tr("Saved as {number}").format(number=display_phone(digits)))
            self.hint.setStyleSheet(f"color: {theme.palette().text_secondary};")
        elif typed:
            self.hint.setText(self.tr("Not a valid phone number. Outside Brazil, start with + "
                                      "and the country code."))
            self.hint.setStyleSheet(f"color: {theme.palette().failed};")
        else:
            self.hint.setText("")
        self.add_button.setEnabled(not self._busy and digits is not None
                                   and bool(self.name.text().strip()))

    def _submit(self) -> None:
        if not self.add_button.isEnabled():
            return
        self._busy = True
        self._validate()

        def done(result: Any) -> None:
            self._busy = False
            self.saved.emit(result)
            self.accept()

        def failed(text: str) -> None:
            self._busy = False
            self._validate()
            self.problem.setText(str(text))

        tasks.spawn(self._save(self.name.text(), self.phone.text()), on_success=done,
                    on_error=failed)
