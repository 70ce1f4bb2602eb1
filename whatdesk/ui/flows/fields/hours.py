"""The business-hours field: the connection's schedule, or a weekly table typed per day."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from whatdesk.flows.nodes.business_hours import DAYS, hours_problem
from whatdesk.flows.registry import FieldSpec

from .base import FieldContext, FieldEditor, problem_label, show_problem, translate

_DAY_TITLES = {
    "mon": ("Segunda", "Monday"), "tue": ("Terça", "Tuesday"), "wed": ("Quarta", "Wednesday"),
    "thu": ("Quinta", "Thursday"), "fri": ("Sexta", "Friday"), "sat": ("Sábado", "Saturday"),
    "sun": ("Domingo", "Sunday"),
}
_RANGE = re.compile(r"\s*(?:-|–|a|to)\s*")
WEEKDAYS_DEFAULT = {day: [["09:00", "18:00"]] for day in DAYS[:5]}


def parse_spans(text: str) -> list[list[str]]:
    """"09:00-12:00, 13:00-18:00" -> [["09:00", "12:00"], ["13:00", "18:00"]]; a malformed
    part is kept as written so the validator can say what is wrong with it."""
    spans = []
    for part in re.split(r"\s*[,;]\s*", text.strip()):
        if not part:
            continue
        pieces = _RANGE.split(part, maxsplit=1)
        spans.append([pieces[0], pieces[1] if len(pieces) > 1 else ""])
    return spans


def format_spans(spans: Any) -> str:
    if not isinstance(spans, list):
        return ""
    return ", ".join(f"{s[0]}–{s[1]}" if isinstance(s, list) and len(s) == 2 else str(s)
                     for s in spans)


class HoursEditor(FieldEditor):
    """FieldKind.HOURS: "connection" or {"mon": [["09:00", "18:00"]], ...}; an empty day is
    closed all day."""

    def __init__(self, spec: FieldSpec, ctx: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        self.use_connection = QRadioButton(translate("HoursEditor", "The connection's hours"))
        self.use_table = QRadioButton(translate("HoursEditor", "These hours:"))
        group = QButtonGroup(self)
        group.addButton(self.use_connection)
        group.addButton(self.use_table)
        self.table = QWidget()
        grid = QGridLayout(self.table)
        grid.setContentsMargins(22, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        self.days: dict[str, QLineEdit] = {}
        for row, day in enumerate(DAYS):
            title = _DAY_TITLES[day][0 if ctx.locale == "pt" else 1]
            line = QLineEdit()
            line.setPlaceholderText(translate("HoursEditor", "closed"))
            line.textEdited.connect(lambda _t: self._emit())
            ctx.guard(line)
            grid.addWidget(QLabel(title), row, 0)
            grid.addWidget(line, row, 1)
            self.days[day] = line
        grid.setColumnStretch(1, 1)
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.use_connection)
        layout.addWidget(self.use_table)
        layout.addWidget(self.table)
        layout.addWidget(self.problem)
        self.use_connection.clicked.connect(lambda: self._mode_picked(True))
        self.use_table.clicked.connect(lambda: self._mode_picked(False))
        self._value: Any = None

    def value(self) -> Any:
        if self.use_connection.isChecked():
            return "connection"
        return {day: parse_spans(line.text()) for day, line in self.days.items()
                if line.text().strip()}

    def set_value(self, value: Any) -> None:
        if value is None:
            value = "connection"
        if value == self._value and self.value() == value:
            return
        self._value = value
        connection = value == "connection" or not isinstance(value, dict)
        self.use_connection.setChecked(connection)
        self.use_table.setChecked(not connection)
        self.table.setVisible(not connection)
        if not connection:
            for day, line in self.days.items():
                text = format_spans(value.get(day))
                if parse_spans(line.text()) != parse_spans(text):
                    position = line.cursorPosition()
                    line.setText(text)
                    line.setCursorPosition(min(position, len(text)))
        self._check()

    def _check(self) -> None:
        value = self.value()
        problem = None if value == "connection" else hours_problem(value)
        show_problem(self.problem, problem if problem and self.ctx.locale == "pt" else (
            translate("HoursEditor", "Use times like 09:00–12:00, 13:00–18:00.") if problem
            else None))

    def _mode_picked(self, connection: bool) -> None:
        self.table.setVisible(not connection)
        if not connection and not any(line.text().strip() for line in self.days.values()):
            for day, spans in WEEKDAYS_DEFAULT.items():
                self.days[day].setText(format_spans(spans))
        self._emit()

    def _emit(self) -> None:
        self._value = self.value()
        self._check()
        self.edited.emit(self._value, "")

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for widget in (self.use_connection, self.use_table):
            widget.setEnabled(not read_only)
        for line in self.days.values():
            line.setReadOnly(read_only)
