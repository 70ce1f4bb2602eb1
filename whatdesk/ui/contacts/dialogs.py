"""Add a contact (a name and a number, checked as they are typed); import a contacts file."""

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
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from whatdesk.domain.phone import display_phone
from whatdesk.store.contacts import NAME_MAX
from whatdesk.ui import tasks, theme
from whatdesk.ui.widgets import PhoneEdit

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
        self.phone = PhoneEdit()
        self.phone.setObjectName("contactPhone")
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
        return self.phone.digits()

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


class ImportDialog(QDialog):
    """What a contacts file holds before anything is written: how many people, and each bad
    line with its reason. A refused file shows why, and nothing can be imported."""

    import_requested = Signal(object)  # the plan

    def __init__(self, plan: Any = None, refused: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import contacts"))
        self.setMinimumWidth(520)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("importProblems")
        self.problems.setReadOnly(True)
        self.problems.setFixedHeight(160)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(self.problems)
        column.addWidget(self.buttons)
        if refused is not None:
            self._show_refused(refused)
        else:
            self._show_plan(plan)

    def _show_refused(self, error: Any) -> None:
        code, value = getattr(error, "code", ""), getattr(error, "value", "")
        reason = {
            "too_big": self.tr("The file is larger than 5 MB. Split it into smaller files."),
            "too_many": self.tr("The file has more than {n} contacts. Split it into smaller "
                                "files.").format(n=value),
            "unreadable": self.tr("The file could not be read."),
            "not_text": self.tr("This is not a CSV or vCard (.vcf) file."),
            "not_contacts": self.tr("No contacts were found in this file."),
            "damaged": self.tr("The CSV file is damaged near line {line}.").format(line=value),
            "no_phone_column": self.tr("The file has no phone number column (a column named "
                                       "“Telefone”, “Celular” or “Phone”)."),
        }.get(code, str(error))
        self.summary.setText(reason + " " + self.tr("Nothing was imported."))
        # the system's own words (e.g. "Permission denied") are details, shown on hover
        self.summary.setToolTip(str(value) if code == "unreadable" and value else "")
        self.summary.setStyleSheet(f"color: {theme.palette().failed};")
        self.problems.hide()
        self.import_button.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))

    def problem_text(self, problem: Any) -> str:
        texts = {
            "bad_phone": self.tr("Line {line}: “{value}” is not a valid phone number."),
            "no_phone": self.tr("Line {line}: “{value}” has no phone number."),
            "bad_email": self.tr("Line {line}: “{value}” is not a valid e-mail."),
            "long_name": self.tr("Line {line}: the name is longer than 200 characters."),
        }
        return texts.get(problem.code, "{line}: {value}").format(line=problem.line,
                                                                 value=problem.value)

    def _show_plan(self, plan: Any) -> None:
        n = len(plan.contacts)
        parts = [self.tr("{n} contacts ready to import.").format(n=n) if n != 1
                 else self.tr("1 contact ready to import.")]
        if plan.duplicates:
            parts.append(self.tr("{n} repeated numbers in the file were merged.").format(
                n=plan.duplicates))
        parts.append(self.tr("Numbers already in whatdesk are not added again: they only get "
                             "the name or e-mail they lack."))
        if plan.problem_count:
            parts.append(self.tr("{n} lines will be skipped:").format(n=plan.problem_count)
                         if plan.problem_count != 1 else self.tr("1 line will be skipped:"))
        self.summary.setText(" ".join(parts))
        lines = [self.problem_text(p) for p in plan.problems]
        hidden = plan.problem_count - len(plan.problems)
        if hidden > 0:
            lines.append(self.tr("…and {n} more.").format(n=hidden))
        self.problems.setPlainText("\n".join(lines))
        self.problems.setVisible(bool(lines))
        self.import_button.setText(self.tr("Import {n} contacts").format(n=n) if n != 1
                                   else self.tr("Import 1 contact"))
        self.import_button.setEnabled(n > 0)

    def _import(self) -> None:
        if self.plan is not None and self.plan.contacts:
            self.import_requested.emit(self.plan)
            self.accept()
