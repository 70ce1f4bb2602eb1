"""The Settings page (administrators only): a list of sections on the left, one on the right."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

from whatdesk.ui import tasks
from whatdesk.ui.theme import palette

from .agents import AgentsSection
from .backup import BackupSection
from .privacy import AuditSection, PrivacySection
from .queues import QueuesSection
from .quick_replies import QuickRepliesSection
from .tags import TagsSection


class SettingsPage(QWidget):
    def __init__(self, runtime: Any, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self.agents = AgentsSection(runtime, session)
        self.queues = QueuesSection(runtime)
        self.quick_replies = QuickRepliesSection(runtime)
        self.tags = TagsSection(runtime)
        self.privacy = PrivacySection(runtime)
        self.audit = AuditSection(runtime)
        self.backup = BackupSection(runtime)
        self.sections: list[Any] = [self.agents, self.queues, self.quick_replies, self.tags,
                                    self.backup, self.privacy, self.audit]
        self.menu = QListWidget()
        self.menu.setObjectName("settingsMenu")
        self.menu.setFixedWidth(200)
        self.menu.setIconSize(QSize(20, 20))
        p = palette()
        self.menu.setStyleSheet(
            f"QListWidget {{ background: {p.panel}; border: none;"
            f" border-right: 1px solid {p.divider}; padding-top: 12px; }}"
            " QListWidget::item { padding: 10px 16px; border-radius: 6px; margin: 1px 8px; }"
            f" QListWidget::item:selected {{ background: {p.selected}; color: {p.text};"
            " font-weight: bold; }")
        for text in (self.tr("Agents"), self.tr("Queues"), self.tr("Quick replies"),
                     self.tr("Tags"), self.tr("Backup"), self.tr("Privacy (LGPD)"),
                     self.tr("Audit log")):
            self.menu.addItem(text)
        self.stack = QStackedWidget()
        for section in self.sections:
            self.stack.addWidget(section)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.menu)
        row.addWidget(self.stack, 1)
        self.menu.currentRowChanged.connect(self.show_section)
        self.menu.setCurrentRow(0)

    def show_section(self, index: int) -> None:
        if 0 <= index < len(self.sections):
            self.stack.setCurrentIndex(index)
            section = self.sections[index]
            tasks.spawn(section.reload(), on_error=section.show_error)

    async def load(self) -> None:
        await self.sections[self.stack.currentIndex()].reload()
