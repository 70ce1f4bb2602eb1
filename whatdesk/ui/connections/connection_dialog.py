"""Add / edit a connection: name, channel, messages, business hours, timezone, rate limits."""

from __future__ import annotations

import zoneinfo
from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from whatdesk.domain.clock import DEFAULT_TIMEZONE
from whatdesk.ui.tasks import spawn

from .status import channel_label

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_HOURS = {d: [["09:00", "18:00"]] for d in WEEKDAYS[:5]} | {"sat": [["09:00", "13:00"]]}

SaveCallback = Callable[[dict[str, Any]], Awaitable[Any]]


def _weekday_name(key: str) -> str:
    names = {
        "mon": QCoreApplication.translate("ConnectionDialog", "Monday"),
        "tue": QCoreApplication.translate("ConnectionDialog", "Tuesday"),
        "wed": QCoreApplication.translate("ConnectionDialog", "Wednesday"),
        "thu": QCoreApplication.translate("ConnectionDialog", "Thursday"),
        "fri": QCoreApplication.translate("ConnectionDialog", "Friday"),
        "sat": QCoreApplication.translate("ConnectionDialog", "Saturday"),
        "sun": QCoreApplication.translate("ConnectionDialog", "Sunday"),
    }
    return names[key]


class _ErrorLabel(QLabel):
    """Red text under a field; hidden while there is nothing to say."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("fieldError")
        self.setStyleSheet("color: #c5221f;")
        self.setWordWrap(True)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class _DayRow:
    def __init__(self, key: str, grid: QGridLayout, row: int) -> None:
        self.key = key
        self.open = QCheckBox(_weekday_name(key))
        self.start = QTimeEdit(QTime(9, 0))
        self.end = QTimeEdit(QTime(18, 0))
        self.extra: list[list[str]] = []  # further intervals of the day, kept as they were
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self.error = _ErrorLabel()
        grid.addWidget(self.open, row, 0)
        grid.addWidget(self.start, row, 1)
        grid.addWidget(QLabel("–"), row, 2)
        grid.addWidget(self.end, row, 3)
        grid.addWidget(self.error, row, 4)
        self.open.toggled.connect(self._sync)
        self._sync(False)

    def _sync(self, checked: bool) -> None:
        self.start.setEnabled(checked)
        self.end.setEnabled(checked)
        if not checked:
            self.error.show_error("")

    def load(self, intervals: list[list[str]] | None) -> None:
        if intervals:
            start, end = intervals[0]
            self.start.setTime(QTime.fromString(start, "HH:mm"))
            self.end.setTime(QTime.fromString(end, "HH:mm"))
            self.extra = [list(i) for i in intervals[1:]]
        self.open.setChecked(bool(intervals))

    def value(self) -> list[list[str]]:
        if not self.open.isChecked():
            return []
        first = [self.start.time().toString("HH:mm"), self.end.time().toString("HH:mm")]
        return [first, *self.extra]


class ConnectionDialog(QDialog):
    """Modal-free (``open()``) form. ``save(values)`` is awaited on the loop; a service error
    keeps the dialog open with everything the user typed."""

    def __init__(self, save: SaveCallback, row: Any | None = None, parent: QWidget | None = None,
                 sandbox_available: bool = False) -> None:
        super().__init__(parent)
        self._save = save
        self._row = row
        self._saving = False
        self.setWindowTitle(self.tr("New connection") if row is None
                            else self.tr("Edit connection"))
        self.setMinimumWidth(560)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_tab(sandbox_available), self.tr("General"))
        self.tabs.addTab(self._messages_tab(), self.tr("Messages"))
        self.tabs.addTab(self._hours_tab(), self.tr("Business hours"))

        self.form_error = _ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        if row is not None:
            self._load(row)
        else:
            for day in self.days:
                day.load(DEFAULT_HOURS.get(day.key))

    # ---- tabs -------------------------------------------------------------------------
    def _general_tab(self, sandbox_available: bool) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Sales, Support, Store downtown"))
        self.name.setMaxLength(80)
        self.name_error = _ErrorLabel()
        self.channel = QComboBox()
        self.channel.addItem(self.tr("WhatsApp"), "neonize")
        if sandbox_available:
            self.channel.addItem(self.tr("Test sandbox"), "sandbox")
        self.channel_hint = QLabel(
            self.tr("The channel cannot be changed after the connection is created."))
        self.channel_hint.setWordWrap(True)
        self.channel_hint.setStyleSheet("color: #5f6368;")
        self.channel_hint.setVisible(self._row is not None)
        self.is_default = QCheckBox(self.tr("Default connection (used to start new conversations)"))
        self.rate = QSpinBox()
        self.rate.setRange(1, 600)
        self.rate.setValue(30)
        self.rate.setSuffix(self.tr(" messages/min"))
        self.rate.setToolTip(self.tr("Most messages sent to one contact per minute"))
        self.gap = QSpinBox()
        self.gap.setRange(0, 60_000)
        self.gap.setSingleStep(250)
        self.gap.setValue(1000)
        self.gap.setSuffix(self.tr(" ms"))
        self.gap.setToolTip(self.tr("Shortest pause between two messages of this connection"))
        form.addRow(self.tr("Name"), self.name)
        form.addRow("", self.name_error)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow("", self.channel_hint)
        form.addRow("", self.is_default)
        form.addRow(self.tr("Limit per contact"), self.rate)
        form.addRow(self.tr("Minimum gap"), self.gap)
        limits_hint = QLabel(self.tr("Sending too fast can get a number blocked by WhatsApp. "
                                     "Messages above these limits wait in the queue; none "
                                     "are lost."))
        limits_hint.setWordWrap(True)
        limits_hint.setStyleSheet("color: #5f6368;")
        form.addRow("", limits_hint)
        return page

    def _messages_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def box(placeholder: str) -> QPlainTextEdit:
            edit = QPlainTextEdit()
            edit.setPlaceholderText(placeholder)
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(64)  # the boxes, not the hint, take spare height
            return edit

        self.welcome_flow = QComboBox()
        self.welcome_flow_hint = QLabel()
        self.welcome_flow_hint.setWordWrap(True)
        self.welcome_flow_hint.setStyleSheet("color: #5f6368;")
        self.welcome_flow_hint.setSizePolicy(QSizePolicy.Policy.Preferred,
                                             QSizePolicy.Policy.Maximum)
        self.set_flow_choices([])
        form.addRow(self.tr("Welcome flow"), self.welcome_flow)
        form.addRow("", self.welcome_flow_hint)
        self.greeting = box(self.tr("Sent when a customer starts a conversation (optional)"))
        self.farewell = box(self.tr("Sent when a ticket is closed (optional)"))
        self.out_of_hours = box(self.tr("Sent outside business hours (optional)"))
        form.addRow(self.tr("Greeting"), self.greeting)
        form.addRow(self.tr("Farewell"), self.farewell)
        form.addRow(self.tr("Out of hours"), self.out_of_hours)
        return page

    def _hours_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.use_hours = QCheckBox(self.tr("Only attend during business hours"))
        self.use_hours.setToolTip(self.tr("Unchecked: the connection attends at any time"))
        layout.addWidget(self.use_hours)
        self.hours_box = QWidget()
        grid = QGridLayout(self.hours_box)
        grid.setContentsMargins(18, 4, 0, 4)
        grid.setColumnStretch(4, 1)
        self.days = [_DayRow(key, grid, i) for i, key in enumerate(WEEKDAYS)]
        layout.addWidget(self.hours_box)
        tz_row = QFormLayout()
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        zones = sorted(zoneinfo.available_timezones())
        self.timezone.addItems(zones)
        completer = QCompleter(zones, self.timezone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.timezone.setCompleter(completer)
        self.timezone.setCurrentText(DEFAULT_TIMEZONE)
        self.timezone_error = _ErrorLabel()
        tz_row.addRow(self.tr("Timezone"), self.timezone)
        tz_row.addRow("", self.timezone_error)
        layout.addLayout(tz_row)
        layout.addStretch(1)
        self.use_hours.toggled.connect(self.hours_box.setEnabled)
        self.hours_box.setEnabled(False)
        return page

    # ---- load / read ------------------------------------------------------------------
    def _load(self, row: Any) -> None:
        self.name.setText(row.name)
        i = self.channel.findData(row.channel)
        if i < 0:
            self.channel.addItem(channel_label(row.channel), row.channel)  # e.g. an old demo
            i = self.channel.count() - 1
        self.channel.setCurrentIndex(i)
        self.channel.setEnabled(False)
        self.is_default.setChecked(bool(row.is_default))
        self.greeting.setPlainText(row.greeting or "")
        self.farewell.setPlainText(row.farewell or "")
        self.out_of_hours.setPlainText(row.out_of_hours_message or "")
        hours = dict(row.business_hours or {})
        self.use_hours.setChecked(bool(hours))
        for day in self.days:
            day.load(hours.get(day.key) if hours else DEFAULT_HOURS.get(day.key))
        self.timezone.setCurrentText(row.timezone or DEFAULT_TIMEZONE)
        self.rate.setValue(int(row.rate_per_contact_per_min))
        self.gap.setValue(int(row.min_gap_ms))

    def set_flow_choices(self, choices: list[tuple[str, str]]) -> None:
        """Offer these published flows (id, name) as the welcome flow, keeping the selection."""
        current = (self.welcome_flow.currentData() if self.welcome_flow.count()
                   else getattr(self._row, "welcome_flow_id", None))
        self.welcome_flow.clear()
        self.welcome_flow.addItem(self.tr("None: send the greeting and wait for an agent"), None)
        for flow_id, flow_name in choices:
            self.welcome_flow.addItem(flow_name, flow_id)
        if current and self.welcome_flow.findData(current) < 0:
            # chosen before, not published now: keep it visible rather than drop it silently
            self.welcome_flow.addItem(self.tr("(flow not published)"), current)
        self.welcome_flow.setCurrentIndex(max(0, self.welcome_flow.findData(current)))
        self.welcome_flow_hint.setText(
            self.tr("The chatbot flow every new conversation starts (keyword triggers of "
                    "other flows come first). Only published flows are listed.")
            if choices else
            self.tr("No chatbot flow is published yet. Until there is one, new conversations "
                    "get the greeting below and wait for an agent."))

    def values(self) -> dict[str, Any]:
        hours = {d.key: d.value() for d in self.days} if self.use_hours.isChecked() else {}
        return {
            "name": self.name.text().strip(),
            "channel": self.channel.currentData(),
            "is_default": self.is_default.isChecked(),
            "greeting": self.greeting.toPlainText().strip(),
            "farewell": self.farewell.toPlainText().strip(),
            "out_of_hours_message": self.out_of_hours.toPlainText().strip(),
            "business_hours": {k: v for k, v in hours.items() if v},
            "timezone": self.timezone.currentText().strip(),
            "rate_per_contact_per_min": self.rate.value(),
            "min_gap_ms": self.gap.value(),
            "welcome_flow_id": self.welcome_flow.currentData(),
        }

    def validate(self) -> bool:
        """Show every problem next to its field; return True when the form can be saved."""
        first_bad_tab: int | None = None

        def bad(tab: int) -> None:
            nonlocal first_bad_tab
            if first_bad_tab is None:
                first_bad_tab = tab

        v = self.values()
        self.name_error.show_error("")
        if not v["name"]:
            self.name_error.show_error(self.tr("Give the connection a name."))
            bad(0)
        self.timezone_error.show_error("")
        try:
            zoneinfo.ZoneInfo(v["timezone"])
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            self.timezone_error.show_error(
                self.tr("Unknown timezone. Pick one from the list, e.g. America/Sao_Paulo.")
            )
            bad(2)
        if self.use_hours.isChecked():
            any_open = False
            for day in self.days:
                day.error.show_error("")
                if day.open.isChecked():
                    any_open = True
                    if day.start.time() >= day.end.time():
                        day.error.show_error(self.tr("Closing time must be after opening time."))
                        bad(2)
            if not any_open:
                self.days[0].error.show_error(
                    self.tr("Open at least one day, or uncheck business hours."))
                bad(2)
        if first_bad_tab is not None:
            self.tabs.setCurrentIndex(first_bad_tab)
            return False
        return True

    # ---- save ---------------------------------------------------------------------------
    def submit(self) -> None:
        if self._saving:
            return
        self.form_error.show_error("")
        if not self.validate():
            return
        self._set_saving(True)

        def failed(text: str) -> None:
            self._set_saving(False)
            self.form_error.show_error(text)

        def saved(_: object) -> None:
            self._set_saving(False)
            self.accept()

        spawn(self._save(self.values()), on_success=saved, on_error=failed)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not saving)
