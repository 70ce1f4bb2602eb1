"""Settings → Privacy (LGPD): the retention policy, and the audit log (who exported,
anonymized, restored or changed settings, and when)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from whatdesk.services.privacy import (
    RETENTION_MAX_DAYS,
    RETENTION_MIN_DAYS,
    RetentionPolicy,
)
from whatdesk.ui import tasks
from whatdesk.ui.theme import palette

from .common import Column, Section, primary_button

translate = QCoreApplication.translate  # lupdate finds calls named "translate"

AUDIT_PAGE_SIZE = 50


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    return label


def _secondary(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {palette().text_secondary};")
    return label


class PrivacySection(QWidget):
    """The retention policy: off by default; when on, every day the conversations closed
    more than N days ago are anonymized (or deleted)."""

    def __init__(self, runtime: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.setObjectName("privacySection")
        self.enabled = QCheckBox(translate(
            "PrivacySection", "Erase old conversations automatically"))
        self.enabled.setObjectName("retentionEnabled")
        self.days = QSpinBox()
        self.days.setObjectName("retentionDays")
        self.days.setRange(RETENTION_MIN_DAYS, RETENTION_MAX_DAYS)
        self.days.setSuffix(translate("PrivacySection", " days"))
        self.days.setMaximumWidth(140)
        self.mode = QComboBox()
        self.mode.setObjectName("retentionMode")
        self.mode.setMaximumWidth(420)
        self.mode.addItem(translate(
            "PrivacySection", "Anonymize (texts and files erased, counts kept)"), "anonymize")
        self.mode.addItem(translate(
            "PrivacySection", "Delete the conversations"), "delete")
        self.save_button = primary_button(translate("PrivacySection", "Save"))
        self.save_button.setObjectName("retentionSave")
        self.save_button.clicked.connect(self.save)
        self.saved_label = _secondary("")
        self.saved_label.setObjectName("retentionSaved")
        self.status = QLabel()
        self.status.setObjectName("sectionStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet(f"color: {palette().failed};")
        self.status.hide()

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.addRow("", self.enabled)
        form.addRow(translate("PrivacySection", "Closed more than"), self.days)
        form.addRow(translate("PrivacySection", "What happens"), self.mode)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved_label, 1)

        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 16)
        column.setSpacing(10)
        column.addWidget(_heading(translate("PrivacySection", "Privacy (LGPD)")))
        column.addWidget(_secondary(translate(
            "PrivacySection", "Keep customers' conversations only as long as you need them. "
                              "Once a day, conversations closed longer ago than this are "
                              "erased; each run is written in the audit log. To export or "
                              "anonymize one customer, open their conversation and use the "
                              "contact panel.")))
        column.addLayout(form)
        column.addLayout(buttons)
        column.addWidget(self.status)
        column.addStretch(1)
        self.enabled.toggled.connect(self._enable_fields)
        self._enable_fields(False)

    def _enable_fields(self, on: bool) -> None:
        self.days.setEnabled(on)
        self.mode.setEnabled(on)

    def show_error(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    async def reload(self) -> None:
        policy = await self.runtime.privacy.retention()
        self.enabled.setChecked(policy.enabled)
        self.days.setValue(policy.days)
        self.mode.setCurrentIndex(max(0, self.mode.findData(policy.mode)))
        self._enable_fields(policy.enabled)
        self.saved_label.setText("")

    def policy(self) -> RetentionPolicy:
        return RetentionPolicy(self.enabled.isChecked(), self.days.value(),
                               str(self.mode.currentData()))

    def save(self) -> None:
        self.show_error("")
        self.save_button.setEnabled(False)

        async def go() -> None:
            try:
                await self.runtime.privacy.set_retention(self.policy())
            finally:
                self.save_button.setEnabled(True)
            self.saved_label.setText(translate("PrivacySection", "Saved."))

        tasks.spawn(go(), on_error=self.show_error)


def _action_text(action: str) -> str:
    """The audit actions as an admin reads them; an unknown one as it is stored."""
    known = {
        "contact.export": translate("AuditSection", "Contact data exported"),
        "contact.anonymize": translate("AuditSection", "Contact anonymized"),
        "retention.run": translate("AuditSection", "Retention policy applied"),
        "settings.retention": translate("AuditSection", "Retention policy changed"),
        "backup.restore": translate("AuditSection", "Backup restored"),
        "settings.agent.create": translate("AuditSection", "Agent added"),
        "settings.agent.update": translate("AuditSection", "Agent changed"),
        "settings.agent.activate": translate("AuditSection", "Agent reactivated"),
        "settings.agent.deactivate": translate("AuditSection", "Agent deactivated"),
        "settings.agent.password": translate("AuditSection", "Agent password reset"),
        "settings.connection.create": translate("AuditSection", "Connection added"),
        "settings.connection.update": translate("AuditSection", "Connection changed"),
        "settings.connection.delete": translate("AuditSection", "Connection deleted"),
        "settings.queue.create": translate("AuditSection", "Queue added"),
        "settings.queue.update": translate("AuditSection", "Queue changed"),
        "settings.queue.delete": translate("AuditSection", "Queue deleted"),
        "settings.tag.create": translate("AuditSection", "Tag added"),
        "settings.tag.update": translate("AuditSection", "Tag changed"),
        "settings.tag.delete": translate("AuditSection", "Tag deleted"),
        "settings.quick_reply.create": translate("AuditSection", "Quick reply added"),
        "settings.quick_reply.update": translate("AuditSection", "Quick reply changed"),
        "settings.quick_reply.delete": translate("AuditSection", "Quick reply deleted"),
    }
    if action in known:
        return known[action]
    if action.startswith("settings."):
        return translate("AuditSection", "Settings: {what}").format(what=action[9:])
    return action


def _target_text(target: str) -> str:
    """"connection#3" as "Connection #3"; anything else as it is stored."""
    kind, _, number = target.partition("#")
    names = {
        "contact": translate("AuditSection", "Contact"),
        "agent": translate("AuditSection", "Agent"),
        "connection": translate("AuditSection", "Connection"),
        "queue": translate("AuditSection", "Queue"),
        "tag": translate("AuditSection", "Tag"),
        "quick_reply": translate("AuditSection", "Quick reply"),
    }
    if number.isdigit() and kind in names:
        return f"{names[kind]} #{number}"
    if target == "retention":
        return translate("AuditSection", "Retention policy")
    return target


def _actor_text(row: Any) -> str:
    if row.actor_id is None and row.actor == "cli":
        return translate("AuditSection", "Terminal (whatdesk command)")
    if row.actor_id is None and row.actor == "system":
        return translate("AuditSection", "whatdesk (automatic)")
    return row.actor


def _details_text(row: Any) -> str:
    return ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in row.details.items())


class AuditSection(Section):
    """The audit log, newest first, a page at a time."""

    def __init__(self, runtime: Any, parent: QWidget | None = None) -> None:
        self.runtime = runtime
        self.offset = 0
        self.total = 0
        super().__init__(
            translate("AuditSection", "Audit log"),
            translate("AuditSection", "Who exported or anonymized a contact, restored a backup "
                                      "or changed settings, and when. It holds no customer data."),
            [Column(translate("AuditSection", "When"),
                    lambda r: r.at.astimezone().strftime("%d/%m/%Y %H:%M")),
             Column(translate("AuditSection", "Who"), _actor_text),
             Column(translate("AuditSection", "What"), lambda r: _action_text(r.action)),
             Column(translate("AuditSection", "On"), lambda r: _target_text(r.target)),
             Column(translate("AuditSection", "Details"), _details_text)],
            translate("AuditSection", "Nothing recorded yet."),
            translate("AuditSection", "Refresh"), parent)
        self.setObjectName("auditSection")
        self.empty_button.hide()  # there is nothing to add: the log fills itself
        self.add_button.setText(translate("AuditSection", "Refresh"))
        self.add_button.setObjectName("auditRefresh")
        self.newer_button = QPushButton(translate("AuditSection", "‹ Newer"))
        self.newer_button.setObjectName("auditNewer")
        self.older_button = QPushButton(translate("AuditSection", "Older ›"))
        self.older_button.setObjectName("auditOlder")
        self.page_label = QLabel()
        self.page_label.setObjectName("auditPage")
        self.page_label.setStyleSheet(f"color: {palette().text_secondary};")
        self.toolbar.addWidget(self.page_label)
        self.toolbar.addWidget(self.newer_button)
        self.toolbar.addWidget(self.older_button)
        self.newer_button.clicked.connect(lambda: self.go_to(self.offset - AUDIT_PAGE_SIZE))
        self.older_button.clicked.connect(lambda: self.go_to(self.offset + AUDIT_PAGE_SIZE))
        self.update_actions()

    async def reload(self) -> None:
        page = await self.runtime.audit.page(self.offset, AUDIT_PAGE_SIZE)
        if not page.rows and self.offset > 0:  # the page emptied (cannot, but be safe)
            self.offset = 0
            page = await self.runtime.audit.page(0, AUDIT_PAGE_SIZE)
        self.total = page.total
        self.show_rows(page.rows)
        first = self.offset + 1 if page.rows else 0
        self.page_label.setText(translate("AuditSection", "{first}–{last} of {total}").format(
            first=first, last=self.offset + len(page.rows), total=page.total))
        self.newer_button.setEnabled(self.offset > 0)
        self.older_button.setEnabled(self.offset + len(page.rows) < page.total)

    def go_to(self, offset: int) -> None:
        self.offset = max(0, offset)
        tasks.spawn(self.reload(), on_error=self.show_error)

    def add(self) -> None:  # the toolbar's first button: Refresh
        self.go_to(self.offset)

    def edit_selected(self) -> None:  # a double-click on an entry: nothing to edit
        return

    def delete_selected(self) -> None:  # entries are never deleted
        return
