"""Settings → Queues: where waiting tickets line up, who serves them, auto-assignment."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from whatdesk.store.rows import AgentRow, QueueRow
from whatdesk.ui import tasks
from whatdesk.ui.theme import palette

from .common import CheckList, ColorButton, Column, FormDialog, Section, confirm, danger_button

QUEUE_COLORS = ("#00A884", "#1976D2", "#F57C00", "#8E24AA", "#D81B60", "#6D4C41")


translate = QCoreApplication.translate  # lupdate finds calls named "translate"


class QueueDialog(FormDialog):
    def __init__(self, agents: list[AgentRow], queue: QueueRow | None,
                 agent_ids: tuple[int, ...], default_color: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(translate("QueuesSection", "New queue") if queue is None else translate("QueuesSection", "Edit queue"), parent)
        self.setObjectName("queueDialog")
        self.name = QLineEdit(queue.name if queue else "")
        self.name.setObjectName("queueName")
        self.name.setPlaceholderText(translate("QueuesSection", "Sales, Support…"))
        self.color = ColorButton(queue.color if queue else default_color)
        self.greeting = QPlainTextEdit(queue.greeting if queue else "")
        self.greeting.setObjectName("queueGreeting")
        self.greeting.setPlaceholderText(translate("QueuesSection", "Sent when a ticket enters this queue (optional)"))
        self.greeting.setFixedHeight(80)
        self.agents = CheckList([(a.id, a.name) for a in agents if a.active], agent_ids)
        self.agents.setObjectName("queueAgents")
        self.auto_assign = QCheckBox(translate("QueuesSection", "Assign new waiting tickets automatically"))
        self.auto_assign.setObjectName("queueAutoAssign")
        self.auto_assign.setChecked(bool(queue and queue.auto_assign))
        self.auto_assign.setToolTip(translate("QueuesSection", 
            "A ticket that starts waiting here goes to the online agent of this queue with the "
            "fewest open tickets, within their capacity."))
        self.form.addRow(translate("QueuesSection", "Name"), self.name)
        self.form.addRow(translate("QueuesSection", "Colour"), self.color)
        self.form.addRow(translate("QueuesSection", "Greeting"), self.greeting)
        self.form.addRow(translate("QueuesSection", "Agents"), self.agents)
        self.form.addRow("", self.auto_assign)
        hint = QLabel(translate("QueuesSection", "Without online agents with room, tickets wait in the queue."))
        hint.setStyleSheet(f"color: {palette().text_secondary};")
        self.form.addRow("", hint)

    def check(self) -> str:
        return "" if self.name.text().strip() else translate("QueuesSection", "Give the queue a name.")

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "color": self.color.name(),
                "greeting": self.greeting.toPlainText().strip(),
                "auto_assign": self.auto_assign.isChecked(),
                "agent_ids": self.agents.checked_ids()}


class QueuesSection(Section):
    def __init__(self, runtime: Any, parent: QWidget | None = None) -> None:
        self.runtime = runtime
        self.agents: list[AgentRow] = []
        super().__init__(
            translate("QueuesSection", "Queues"),
            translate("QueuesSection", "Waiting tickets line up in queues (Sales, Support…); a queue's agents see "
                "and accept them."),
            [Column(translate("QueuesSection", "Name"), lambda q: q.name, color=lambda q: q.color),
             Column(translate("QueuesSection", "Agents"), self._agent_names),
             Column(translate("QueuesSection", "Auto-assignment"), lambda q: translate("QueuesSection", "On") if q.auto_assign else translate("QueuesSection", "Off")),
             Column(translate("QueuesSection", "Greeting"), lambda q: " ".join(q.greeting.split()) or "—")],
            translate("QueuesSection", "No queues yet. Queues route waiting tickets to the right agents."),
            translate("QueuesSection", "Add queue"), parent)
        self.setObjectName("queuesSection")
        self.add_row_buttons(translate("QueuesSection", "Edit"), translate("QueuesSection", "Delete"), "queue")
        self.update_actions()

    def _agent_names(self, queue: QueueRow) -> str:
        names = [a.name for a in self.agents if queue.id in a.queue_ids and a.active]
        return ", ".join(names) or "—"

    async def reload(self) -> None:
        self.agents = await self.runtime.agents.list()
        self.show_rows(await self.runtime.queues.list())

    def add(self) -> None:
        color = QUEUE_COLORS[len(self.model.rows) % len(QUEUE_COLORS)]
        dialog = QueueDialog(self.agents, None, (), color, self)

        self.open_form(dialog, lambda: self.runtime.queues.create(**dialog.values()))

    def edit_selected(self) -> None:
        queue = self.selected()
        if queue is None:
            return

        async def go() -> None:
            agent_ids = await self.runtime.queues.agent_ids(queue.id)
            dialog = QueueDialog(self.agents, queue, agent_ids, queue.color, self)

            self.open_form(dialog, lambda: self.runtime.queues.update(queue.id, **dialog.values()))

        tasks.spawn(go(), on_error=self.show_error)

    def delete_selected(self) -> None:
        queue = self.selected()
        if queue is None:
            return

        async def go() -> None:
            if await confirm(self, translate("QueuesSection", "Delete queue"), translate("QueuesSection", 
                    "Delete the queue “{name}”? Its tickets stay, without a queue.").format(
                    name=queue.name), translate("QueuesSection", "Delete")):
                self.run(self.runtime.queues.delete(queue.id))

        tasks.spawn(go(), on_error=self.show_error)
