"""Field widgets for one value: text, templates, numbers, booleans, choices, variables,
regexes, timezones, flow references and comma-separated lists."""

from __future__ import annotations

import re
import zoneinfo
from datetime import date
from functools import cache
from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from whatdesk.flows import regexes, templates
from whatdesk.flows.registry import FieldSpec

from .base import FieldContext, FieldEditor, problem_label, show_problem, translate
from .completion import TemplateLineEdit, TemplateTextEdit

INVALID = object()  # a text that does not parse (a half-typed number): nothing is stored


class LineEditor(FieldEditor):
    """A one-line field; subclasses say how text becomes a value and what is wrong with it."""

    def __init__(self, spec: FieldSpec, ctx: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        self.line = self.make_line()
        ctx.guard(self.line)
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line)
        layout.addWidget(self.problem)
        self.line.textEdited.connect(self._on_edited)
        self.line.editingFinished.connect(self._on_finished)
        self._last = self.parse("")

    def make_line(self) -> QLineEdit:
        return QLineEdit()

    def parse(self, text: str) -> Any:
        if self.spec.nullable and not text:
            return None
        return text

    def format(self, value: Any) -> str:
        return "" if value is None else str(value)

    def problem_of(self, text: str) -> str | None:
        return None

    def value(self) -> Any:
        parsed = self.parse(self.line.text())
        return self._last if parsed is INVALID else parsed

    def set_value(self, value: Any) -> None:
        self._last = value
        if self.parse(self.line.text()) == value and type(self.parse(self.line.text())) is type(value):
            return
        position = self.line.cursorPosition()
        self.line.setText(self.format(value))
        self.line.setCursorPosition(min(position, len(self.line.text())))
        show_problem(self.problem, self.problem_of(self.line.text()))

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.line.setReadOnly(read_only)

    def _on_edited(self, text: str) -> None:
        show_problem(self.problem, self.problem_of(text))
        value = self.parse(text)
        if value is INVALID:
            return
        self._last = value
        self.edited.emit(value, "")

    def _on_finished(self) -> None:
        """Leaving a field with a half-typed value shows the stored one again."""
        if self.parse(self.line.text()) is INVALID and not self.problem_of(self.line.text()):
            self.line.setText(self.format(self._last))


def _with_completer(line: QLineEdit, names: list[str]) -> QCompleter:
    completer = QCompleter(QStringListModel(names, line), line)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    line.setCompleter(completer)
    return completer


class TextEditor(LineEditor):
    """FieldKind.TEXT: a plain line (ids, names, paths)."""


class TemplateEditor(LineEditor):
    """FieldKind.TEMPLATE: one line with `{{variable}}` completion."""

    def make_line(self) -> QLineEdit:
        return TemplateLineEdit(self.ctx.variables)

    def problem_of(self, text: str) -> str | None:
        return template_problem(text, self.ctx.locale)


class TemplateOrListEditor(TemplateEditor):
    """FieldKind.TEMPLATE_OR_LIST: shown as one line; a list reads as "a, b" (the `in`
    operator splits a text on commas, so storing the line keeps its meaning)."""

    def format(self, value: Any) -> str:
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return super().format(value)

    def set_value(self, value: Any) -> None:
        if isinstance(value, list) and self.line.text() == self.format(value):
            self._last = value
            return
        super().set_value(value)


def template_problem(text: str, locale: str) -> str | None:
    found = templates.problems_in(text)
    if not found:
        return None
    if locale == "pt":
        return f"Marcador malformado: {found[0].detail!r} (use {{{{nome}}}})."
    return f"Malformed placeholder: {found[0].detail!r} (use {{{{name}}}})."


class MultilineEditor(FieldEditor):
    """FieldKind.MULTILINE: a message body with `{{variable}}` completion."""

    def __init__(self, spec: FieldSpec, ctx: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        self.edit = TemplateTextEdit(ctx.variables)
        self.edit.setUndoRedoEnabled(False)
        ctx.guard(self.edit)
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.problem)
        self._setting = False
        self.edit.textChanged.connect(self._on_changed)

    def value(self) -> Any:
        text = self.edit.toPlainText()
        return None if self.spec.nullable and not text else text

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.edit.toPlainText() == text:
            return
        cursor = self.edit.textCursor()
        position = cursor.position()
        self._setting = True
        try:
            self.edit.setPlainText(text)
        finally:
            self._setting = False
        cursor = self.edit.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.edit.setTextCursor(cursor)
        show_problem(self.problem, template_problem(text, self.ctx.locale))

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.edit.setReadOnly(read_only)

    def _on_changed(self) -> None:
        if self._setting:
            return
        show_problem(self.problem, template_problem(self.edit.toPlainText(), self.ctx.locale))
        self.edited.emit(self.value(), "")


class NumberEditor(LineEditor):
    """FieldKind.NUMBER / INTEGER: typed freely (a comma is a decimal point); empty means
    "not set" for nullable fields; the allowed range is shown as the placeholder."""

    def make_line(self) -> QLineEdit:
        line = QLineEdit()
        low, high = self.spec.minimum, self.spec.maximum
        if low is not None and high is not None and high <= 100_000:
            line.setPlaceholderText(f"{low:g} – {high:g}")
        line.setAlignment(Qt.AlignmentFlag.AlignLeft)
        line.setMaximumWidth(160)
        return line

    def parse(self, text: str) -> Any:
        text = text.strip().replace(",", ".")
        if not text:
            return None if self.spec.nullable else INVALID
        try:
            number = float(text) if self.spec.kind == "number" else int(text)
        except ValueError:
            return INVALID
        if self.spec.kind == "number" and number.is_integer() and "." not in text \
                and "e" not in text.lower():
            return int(number)
        return number

    def format(self, value: Any) -> str:
        if value is None or isinstance(value, bool):
            return ""
        if isinstance(value, float):
            return f"{value:g}" if abs(value) < 1e15 else str(value)
        return str(value)

    def problem_of(self, text: str) -> str | None:
        if self.parse(text) is not INVALID:
            return None
        if not text.strip():
            return translate("FieldEditor", "Enter a value.")
        if self.spec.kind == "integer":
            return translate("FieldEditor", "Enter a whole number.")
        return translate("FieldEditor", "Enter a number (e.g. 2.5).")


class BoolEditor(FieldEditor):
    """FieldKind.BOOL: a check box carrying the field's title."""

    inline_title = True

    def __init__(self, spec: FieldSpec, ctx: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        self.box = QCheckBox(ctx.text(spec.title))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        self.box.clicked.connect(lambda checked: self.edited.emit(bool(checked), ""))

    def value(self) -> Any:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))


class ChoiceEditor(FieldEditor):
    """FieldKind.CHOICE: a drop-down of the declared choices, in the user's language."""

    def __init__(self, spec: FieldSpec, ctx: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        self.combo = QComboBox()
        for key, title in spec.choices:
            self.combo.addItem(ctx.text(title), key)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        self.combo.activated.connect(lambda i: self.edited.emit(self.combo.itemData(i), ""))

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        if index < 0:  # a hand-edited file: show the value, the validator reports it
            self.combo.addItem(translate("FieldEditor", "{value} (unknown)").format(
                value=str(value)[:40]), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)


class VariableEditor(LineEditor):
    """FieldKind.VARIABLE: a variable name the node writes, completed from the known ones."""

    def make_line(self) -> QLineEdit:
        line = QLineEdit()
        line.setPlaceholderText(translate("FieldEditor", "variable_name"))
        self._model = _with_completer(line, []).model()
        return line

    def parse(self, text: str) -> Any:
        return text

    def problem_of(self, text: str) -> str | None:
        name = text.strip()
        if not name or templates.VARIABLE_NAME.match(name):
            return None
        return translate(
            "FieldEditor",
            "Use letters, digits and _ only, starting with a letter (e.g. customer_name).")

    def _on_edited(self, text: str) -> None:
        model = self._model
        if isinstance(model, QStringListModel) and model.rowCount() == 0:
            model.setStringList(self.ctx.variables())
        super()._on_edited(text)

    def showEvent(self, event: Any) -> None:
        model = self._model
        if isinstance(model, QStringListModel):
            model.setStringList(self.ctx.variables())
        super().showEvent(event)


class RegexEditor(LineEditor):
    """FieldKind.REGEX: monospace, with RE2's verdict shown under it as one types."""

    def make_line(self) -> QLineEdit:
        line = QLineEdit()
        line.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        line.setPlaceholderText(translate("FieldEditor", "e.g. ^[0-9]{5}-?[0-9]{3}$"))
        return line

    def problem_of(self, text: str) -> str | None:
        if not text:
            return None
        found = regexes.problem(text)
        if found is not None:
            text = found.pt if self.ctx.locale == "pt" else found.en
            return text[:1].upper() + text[1:] + "."
        if regexes.is_slow(text):
            return translate("FieldEditor", "Very large expression: it may slow down every answer.")
        return None


@cache
def _zones() -> list[str]:
    return sorted(zoneinfo.available_timezones())


class TimezoneEditor(LineEditor):
    """FieldKind.TIMEZONE: an IANA name, completed from the known zones."""

    def make_line(self) -> QLineEdit:
        line = QLineEdit()
        line.setPlaceholderText(translate("FieldEditor", "e.g. America/Sao_Paulo"))
        _with_completer(line, _zones())
        return line

    def problem_of(self, text: str) -> str | None:
        if not text or text in _zones():
            return None
        return translate("FieldEditor", "Unknown timezone (e.g. America/Sao_Paulo).")


class FlowRefEditor(LineEditor):
    """FieldKind.FLOW_REF: another flow's name or id, completed from the flows the
    inspector was told about."""

    def make_line(self) -> QLineEdit:
        line = QLineEdit()
        self._model = _with_completer(line, []).model()
        return line

    def showEvent(self, event: Any) -> None:
        if isinstance(self._model, QStringListModel):
            self._model.setStringList(self.ctx.flow_names())
        super().showEvent(event)


_SPLIT = re.compile(r"\s*[,;\n]\s*")


class StringListEditor(LineEditor):
    """FieldKind.STRING_LIST: items separated by commas (tags, keywords)."""

    def make_line(self) -> QLineEdit:
        line = TemplateLineEdit(self.ctx.variables)
        line.setPlaceholderText(translate("FieldEditor", "separate with commas"))
        return line

    def parse(self, text: str) -> Any:
        return [item for item in _SPLIT.split(text.strip()) if item]

    def format(self, value: Any) -> str:
        return ", ".join(str(v) for v in value) if isinstance(value, list) else ""


_BR_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class DateListEditor(StringListEditor):
    """FieldKind.DATE_LIST: dates separated by commas; DD/MM/YYYY is stored as YYYY-MM-DD."""

    def make_line(self) -> QLineEdit:
        line = QLineEdit()
        line.setPlaceholderText(translate("FieldEditor", "e.g. 25/12/2026, 01/01/2027"))
        return line

    def parse(self, text: str) -> Any:
        out = []
        for item in super().parse(text):
            match = _BR_DATE.match(item)
            if match:
                try:
                    item = date(int(match[3]), int(match[2]), int(match[1])).isoformat()
                except ValueError:
                    pass
            out.append(item)
        return out

    def format(self, value: Any) -> str:
        if not isinstance(value, list):
            return ""
        shown = []
        for item in value:
            try:
                shown.append(date.fromisoformat(item).strftime("%d/%m/%Y"))
            except (TypeError, ValueError):
                shown.append(str(item))
        return ", ".join(shown)

    def problem_of(self, text: str) -> str | None:
        for item in self.parse(text):
            try:
                date.fromisoformat(item)
            except ValueError:
                return translate("FieldEditor", "Not a date: {item} (use DD/MM/YYYY).").format(
                    item=item[:20])
        return None
