"""Settings → Quick replies: ``/shortcut`` → text with {{variables}} and an optional file,
for every agent or for one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from whatdesk.flows.templates import problems_in
from whatdesk.services.quick_replies import VARIABLES
from whatdesk.store.quick_replies import QuickReplyRow
from whatdesk.store.rows import AgentRow
from whatdesk.ui import tasks
from whatdesk.ui.theme import palette

from .common import Column, FormDialog, Section, confirm, danger_button


HINT_PER_LINE = 3


def variables_hint() -> str:
    """Every variable the composer fills, as the agent types it, a few per line."""
    names = ["{{" + name + "}}" for name in VARIABLES]
    return "\n".join("  ".join(names[i:i + HINT_PER_LINE])
                     for i in range(0, len(names), HINT_PER_LINE))


translate = QCoreApplication.translate  # lupdate finds calls named "translate"


def _one_line(text: str, width: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width - 1] + "…"


class QuickReplyDialog(FormDialog):
    def __init__(self, agents: list[AgentRow], reply: QuickReplyRow | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(translate("QuickRepliesSection", "New quick reply") if reply is None else translate("QuickRepliesSection", "Edit quick reply"),
                         parent)
        self.setObjectName("quickReplyDialog")
        self.setMinimumWidth(520)
        self.shortcut = QLineEdit(f"/{reply.shortcut}" if reply else "/")
        self.shortcut.setObjectName("replyShortcut")
        self.shortcut.setPlaceholderText("/bomdia")
        self.text = QPlainTextEdit(reply.text if reply else "")
        self.text.setObjectName("replyText")
        self.text.setPlaceholderText(translate("QuickRepliesSection", "{{greeting}}, {{contact.first_name}}! How can I help?"))
        self.text.setMinimumHeight(110)
        hint = QLabel(translate("QuickRepliesSection", "Variables: {names}").format(
            names="\n" + variables_hint()))
        hint.setObjectName("replyVariables")
        hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = hint
        hint.setStyleSheet(f"color: {palette().text_secondary};")
        self.scope = QComboBox()
        self.scope.setObjectName("replyScope")
        self.scope.addItem(translate("QuickRepliesSection", "Every agent"), None)
        for agent in agents:
            if agent.active or (reply is not None and reply.agent_id == agent.id):
                self.scope.addItem(translate("QuickRepliesSection", "Only {name}").format(name=agent.name), agent.id)
        if reply is not None and reply.agent_id is not None:
            self.scope.setCurrentIndex(max(0, self.scope.findData(reply.agent_id)))

        # The file: None (no file), the stored copy's path, or a newly picked file.
        self.media: str | None = reply.media_path if reply else None
        self.file_label = QLabel()
        self.file_label.setObjectName("replyFile")
        self.pick_button = QPushButton(translate("QuickRepliesSection", "Choose file…"))
        self.pick_button.setObjectName("replyPickFile")
        self.remove_button = QPushButton(translate("QuickRepliesSection", "Remove file"))
        self.remove_button.setObjectName("replyRemoveFile")
        self.pick_button.clicked.connect(self.choose_file)
        self.remove_button.clicked.connect(lambda: self._set_media(None))
        file_row = QWidget()
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.file_label, 1)
        row.addWidget(self.pick_button)
        row.addWidget(self.remove_button)
        self._set_media(self.media)

        self.form.addRow(translate("QuickRepliesSection", "Shortcut"), self.shortcut)
        self.form.addRow(translate("QuickRepliesSection", "Text"), self.text)
        self.form.addRow("", hint)
        self.form.addRow(translate("QuickRepliesSection", "File"), file_row)
        self.form.addRow(translate("QuickRepliesSection", "Who can use it"), self.scope)
        self.picker: QFileDialog | None = None

    def _set_media(self, path: str | None) -> None:
        self.media = path
        self.file_label.setText(Path(path).name if path else translate("QuickRepliesSection", "No file"))
        self.file_label.setToolTip(path or "")
        self.remove_button.setEnabled(path is not None)

    def choose_file(self) -> None:
        picker = QFileDialog(self, translate("QuickRepliesSection", "Choose a file to send with this reply"))
        picker.setObjectName("replyFilePicker")
        picker.setFileMode(QFileDialog.FileMode.ExistingFile)
        picker.fileSelected.connect(self._set_media)
        self.picker = picker
        picker.open()

    def check(self) -> str:
        if not self.shortcut.text().strip().lstrip("/"):
            return translate("QuickRepliesSection", "Type a shortcut, like /hello.")
        if not self.text.toPlainText().strip() and not self.media:
            return translate("QuickRepliesSection", "Write the reply's text or choose a file.")
        if problems_in(self.text.toPlainText()):
            return translate("QuickRepliesSection", "A {{variable}} in the text is not closed or has an invalid name.")
        return ""

    def values(self) -> dict[str, Any]:
        return {"shortcut": self.shortcut.text(), "text": self.text.toPlainText(),
                "agent_id": self.scope.currentData(), "media_path": self.media}


class QuickRepliesSection(Section):
    def __init__(self, runtime: Any, parent: QWidget | None = None) -> None:
        self.runtime = runtime
        self.agents: list[AgentRow] = []
        super().__init__(
            translate("QuickRepliesSection", "Quick replies"),
            translate("QuickRepliesSection", "Answers agents insert by typing “/” and the shortcut in the chat."),
            [Column(translate("QuickRepliesSection", "Shortcut"), lambda r: f"/{r.shortcut}"),
             Column(translate("QuickRepliesSection", "Who can use it"), self._scope),
             Column(translate("QuickRepliesSection", "File"), lambda r: Path(r.media_path).suffix.lstrip(".").upper()
                    if r.media_path else "—"),
             Column(translate("QuickRepliesSection", "Text"), lambda r: _one_line(r.text))],
            translate("QuickRepliesSection", "No quick replies yet. Save the answers you type every day."),
            translate("QuickRepliesSection", "Add quick reply"), parent)
        self.setObjectName("quickRepliesSection")
        self.add_row_buttons(translate("QuickRepliesSection", "Edit"), translate("QuickRepliesSection", "Delete"), "reply")
        self.update_actions()

    def _scope(self, reply: QuickReplyRow) -> str:
        if reply.agent_id is None:
            return translate("QuickRepliesSection", "Every agent")
        name = next((a.name for a in self.agents if a.id == reply.agent_id), "?")
        return translate("QuickRepliesSection", "Only {name}").format(name=name)

    async def reload(self) -> None:
        self.agents = await self.runtime.agents.list()
        self.show_rows(await self.runtime.quick_replies.list(everyone=True))

    def add(self) -> None:
        dialog = QuickReplyDialog(self.agents, None, self)

        self.open_form(dialog, lambda: self.runtime.quick_replies.create(**dialog.values()))

    def edit_selected(self) -> None:
        reply = self.selected()
        if reply is None:
            return
        dialog = QuickReplyDialog(self.agents, reply, self)

        self.open_form(dialog, lambda: self.runtime.quick_replies.update(reply.id, **dialog.values()))

    def delete_selected(self) -> None:
        reply = self.selected()
        if reply is None:
            return

        async def go() -> None:
            if await confirm(self, translate("QuickRepliesSection", "Delete quick reply"), translate("QuickRepliesSection", 
                    "Delete the quick reply /{shortcut}?").format(shortcut=reply.shortcut),
                    translate("QuickRepliesSection", "Delete")):
                self.run(self.runtime.quick_replies.delete(reply.id))

        tasks.spawn(go(), on_error=self.show_error)
