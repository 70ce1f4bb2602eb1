"""`{{variable}}` completion for one-line and multi-line template fields."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QPlainTextEdit, QWidget

_OPEN = re.compile(r"\{\{\s*([A-Za-z0-9_.]*)$")
_POPUP_KEYS = (Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Escape,
               Qt.Key.Key_Backtab)


class VariableCompleter(QObject):
    """Shows the known variables after `{{` and inserts `name}}` when one is picked."""

    def __init__(self, widget: QLineEdit | QPlainTextEdit,
                 names: Callable[[], list[str]]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.names = names
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setWidget(widget)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.activated.connect(self.insert)

    # -- where the cursor is
    def _before_cursor(self) -> str:
        if isinstance(self.widget, QLineEdit):
            return self.widget.text()[:self.widget.cursorPosition()]
        cursor = self.widget.textCursor()
        block = cursor.block().text()
        return block[:cursor.positionInBlock()]

    def _cursor_rect(self) -> QRect:
        rect = self.widget.cursorRect() if isinstance(self.widget, QPlainTextEdit) \
            else self.widget.cursor_rect()  # type: ignore[union-attr]
        rect.setWidth(max(220, self.completer.popup().sizeHintForColumn(0) + 24))
        return rect

    def popup_visible(self) -> bool:
        return self.completer.popup().isVisible()

    def update(self) -> None:
        """After each keystroke: open, narrow or close the list."""
        match = _OPEN.search(self._before_cursor())
        if match is None:
            self.completer.popup().hide()
            return
        if not self.popup_visible():  # the names are read once per completion, not per key
            self.model.setStringList(self.names())
        self.completer.setCompletionPrefix(match.group(1))
        if self.completer.completionCount() == 0:
            self.completer.popup().hide()
            return
        self.completer.complete(self._cursor_rect())

    def insert(self, name: str) -> None:
        match = _OPEN.search(self._before_cursor())
        if match is None:
            return
        typed = len(match.group(1))
        if isinstance(self.widget, QLineEdit):
            text, pos = self.widget.text(), self.widget.cursorPosition()
            after = text[pos:]
            closing = "" if after.lstrip().startswith("}}") else "}}"
            new = text[:pos - typed] + name + closing + after
            self.widget.setText(new)
            self.widget.setCursorPosition(pos - typed + len(name) + len(closing))
            self.widget.textEdited.emit(new)
        else:
            cursor = self.widget.textCursor()
            cursor.movePosition(cursor.MoveOperation.Left, cursor.MoveMode.KeepAnchor, typed)
            rest = cursor.block().text()[cursor.positionInBlock() + typed:]
            closing = "" if rest.lstrip().startswith("}}") else "}}"
            cursor.insertText(name + closing)
            self.widget.setTextCursor(cursor)
        self.completer.popup().hide()

    def wants_key(self, event: QKeyEvent) -> bool:
        """True when the open popup handles this key (the editor must ignore it)."""
        return self.popup_visible() and event.key() in _POPUP_KEYS


class TemplateLineEdit(QLineEdit):
    """A one-line template with `{{` completion."""

    def __init__(self, names: Callable[[], list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.completion = VariableCompleter(self, names)
        self.textEdited.connect(lambda _t: self.completion.update())

    def cursor_rect(self) -> QRect:
        return self.cursorRect()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.completion.wants_key(event):
            event.ignore()
            return
        super().keyPressEvent(event)


class TemplateTextEdit(QPlainTextEdit):
    """A message body with `{{` completion; grows with its text from 3 to 10 lines."""

    def __init__(self, names: Callable[[], list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.completion = VariableCompleter(self, names)
        self.setTabChangesFocus(True)
        self.document().contentsChanged.connect(self._fit)
        self._user_typing = False
        self._fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.completion.wants_key(event):
            event.ignore()
            return
        super().keyPressEvent(event)
        if event.text():
            self.completion.update()

    def _fit(self) -> None:
        lines = max(3, min(10, int(self.document().size().height()) or 1))
        height = self.fontMetrics().lineSpacing() * lines + 2 * int(self.document().documentMargin()) \
            + self.frameWidth() * 2 + 4
        self.setFixedHeight(height)
