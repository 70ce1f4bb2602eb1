"""Settings → Agents: who may sign in, their role, queues and how many tickets at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from whatdesk.services.agents import MIN_PASSWORD_LENGTH
from whatdesk.store.rows import AgentRow, QueueRow
from whatdesk.ui import tasks

from .common import CheckList, Column, FormDialog, Section, confirm, danger_button


translate = QCoreApplication.translate  # lupdate finds calls named "translate"


def presence_text(agent: AgentRow) -> str:
    if not agent.active:
        return translate("AgentsSection", "Deactivated")
    return {"online": translate("AgentsSection", "Online"), "away": translate("AgentsSection", "Away")}.get(agent.presence, translate("AgentsSection", "Offline"))


def presence_color(agent: AgentRow) -> str | None:
    if not agent.active:
        return None
    return {"online": "#25D366", "away": "#E0A100"}.get(agent.presence, "#9AA0A6")


def _password_fields(dialog: FormDialog) -> tuple[QLineEdit, QLineEdit]:
    first, again = QLineEdit(), QLineEdit()
    for edit, name in ((first, "passwordField"), (again, "passwordAgain")):
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setObjectName(name)
    first.setPlaceholderText(translate("AgentsSection", "At least {n} characters").format(n=MIN_PASSWORD_LENGTH))
    dialog.form.addRow(translate("AgentsSection", "Password"), first)
    dialog.form.addRow(translate("AgentsSection", "Repeat password"), again)
    return first, again


def _password_problem(first: QLineEdit, again: QLineEdit) -> str:
    if len(first.text()) < MIN_PASSWORD_LENGTH:
        return translate("AgentsSection", "The password needs at least {n} characters.").format(n=MIN_PASSWORD_LENGTH)
    if first.text() != again.text():
        return translate("AgentsSection", "The two passwords differ.")
    return ""


class AgentDialog(FormDialog):
    def __init__(self, queues: list[QueueRow], agent: AgentRow | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(translate("AgentsSection", "New agent") if agent is None else translate("AgentsSection", "Edit agent"), parent)
        self.setObjectName("agentDialog")
        self.name = QLineEdit(agent.name if agent else "")
        self.name.setObjectName("agentName")
        self.email = QLineEdit(agent.email or "" if agent else "")
        self.email.setObjectName("agentEmail")
        self.email.setPlaceholderText("ana@example.com")
        self.role = QComboBox()
        self.role.setObjectName("agentRole")
        self.role.addItem(translate("AgentsSection", "Agent"), False)
        self.role.addItem(translate("AgentsSection", "Administrator"), True)
        self.role.setCurrentIndex(1 if agent and agent.is_admin else 0)
        self.queues = CheckList([(q.id, q.name) for q in queues],
                                agent.queue_ids if agent else ())
        self.queues.setObjectName("agentQueues")
        self.capacity = QSpinBox()
        self.capacity.setObjectName("agentCapacity")
        self.capacity.setRange(0, 999)
        self.capacity.setSpecialValueText(translate("AgentsSection", "No limit"))
        self.capacity.setValue(agent.capacity if agent else 0)
        self.capacity.setToolTip(translate("AgentsSection", "Most open tickets auto-assignment gives this agent."))
        self.form.addRow(translate("AgentsSection", "Name"), self.name)
        self.form.addRow(translate("AgentsSection", "E-mail"), self.email)
        self.form.addRow(translate("AgentsSection", "Role"), self.role)
        if queues:
            self.form.addRow(translate("AgentsSection", "Queues"), self.queues)
        else:
            self.form.addRow(translate("AgentsSection", "Queues"), QLabel(translate("AgentsSection", "No queues yet (Settings → Queues).")))
        self.form.addRow(translate("AgentsSection", "Open tickets at once"), self.capacity)
        self.password: QLineEdit | None = None
        self.again: QLineEdit | None = None
        if agent is None:
            self.password, self.again = _password_fields(self)

    def check(self) -> str:
        if not self.name.text().strip():
            return translate("AgentsSection", "Give the agent a name.")
        if self.password is not None and self.again is not None:
            return _password_problem(self.password, self.again)
        return ""

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "email": self.email.text() or None,
                "is_admin": bool(self.role.currentData()),
                "queue_ids": self.queues.checked_ids(), "capacity": self.capacity.value()}


class PasswordDialog(FormDialog):
    def __init__(self, agent: AgentRow, why: str = "", parent: QWidget | None = None) -> None:
        super().__init__(translate("AgentsSection", "Password of {name}").format(name=agent.name), parent)
        self.setObjectName("passwordDialog")
        if why:
            note = QLabel(why)
            note.setWordWrap(True)
            self.form.addRow(note)
        self.password, self.again = _password_fields(self)

    def check(self) -> str:
        return _password_problem(self.password, self.again)


class AgentsSection(Section):
    def __init__(self, runtime: Any, session: Any, parent: QWidget | None = None) -> None:
        self.runtime = runtime
        self.session = session
        self.queues: list[QueueRow] = []
        super().__init__(
            translate("AgentsSection", "Agents"),
            translate("AgentsSection", "People who answer customers on this desktop. With more than one agent, "
                "whatdesk asks who is signing in."),
            [Column(translate("AgentsSection", "Name"), lambda a: a.name, muted=lambda a: not a.active),
             Column(translate("AgentsSection", "E-mail"), lambda a: a.email or "—", muted=lambda a: not a.active),
             Column(translate("AgentsSection", "Role"), lambda a: translate("AgentsSection", "Administrator") if a.is_admin else translate("AgentsSection", "Agent")),
             Column(translate("AgentsSection", "Queues"), self._queue_names),
             Column(translate("AgentsSection", "Capacity"), lambda a: str(a.capacity) if a.capacity else "∞"),
             Column(translate("AgentsSection", "Status"), presence_text, color=presence_color,
                    muted=lambda a: not a.active)],
            translate("AgentsSection", "No agents yet."), translate("AgentsSection", "Add agent"), parent)
        self.setObjectName("agentsSection")
        self.edit_button = QPushButton(translate("AgentsSection", "Edit"))
        self.edit_button.setObjectName("agentEdit")
        self.password_button = QPushButton(translate("AgentsSection", "Reset password"))
        self.password_button.setObjectName("agentPassword")
        self.active_button = danger_button(translate("AgentsSection", "Deactivate"))
        self.active_button.setObjectName("agentDeactivate")
        for button in (self.edit_button, self.password_button):
            self.toolbar.insertWidget(self.toolbar.count() - 1, button)
        self.toolbar.addWidget(self.active_button)
        self.edit_button.clicked.connect(self.edit_selected)
        self.password_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        self.update_actions()

    def _queue_names(self, agent: AgentRow) -> str:
        names = {q.id: q.name for q in self.queues}
        return ", ".join(names[i] for i in agent.queue_ids if i in names) or "—"

    async def reload(self) -> None:
        self.queues = await self.runtime.queues.list()
        self.show_rows(await self.runtime.agents.list())

    def update_actions(self) -> None:
        agent = self.selected()
        for button in (self.edit_button, self.password_button, self.active_button):
            button.setEnabled(agent is not None)
        if agent is not None and not agent.active:
            self.active_button.setText(translate("AgentsSection", "Reactivate"))
            self.active_button.setStyleSheet("")
        else:
            self.active_button.setText(translate("AgentsSection", "Deactivate"))
            self.active_button.setStyleSheet(danger_button("").styleSheet())

    def add(self) -> None:
        me = self.session.agent
        if not me.has_password:
            # Once there are two agents the app asks for a password at start: the admin
            # needs one first, or nobody could open the administrator's window again.
            dialog = PasswordDialog(me, translate("AgentsSection", 
                "Choose your own password first: with a second agent, whatdesk asks who is "
                "signing in."), self)

            async def save_own() -> None:
                await self.runtime.agents.set_password(me.id, dialog.password.text())
                await self.session.refresh()

            dialog.save = save_own
            dialog.saved.connect(lambda _r: tasks.spawn(self._open_add(),
                                                        on_error=self.show_error))
            dialog.open()
            return
        tasks.spawn(self._open_add(), on_error=self.show_error)

    async def _open_add(self) -> None:
        self.queues = await self.runtime.queues.list()  # another admin may have added one
        dialog = AgentDialog(self.queues, None, self)

        async def save() -> AgentRow:
            assert dialog.password is not None
            row = await self.runtime.agents.create(password=dialog.password.text(),
                                                   **dialog.values())
            await self.reload()
            self.select_id(row.id)
            return row

        dialog.save = save
        dialog.open()

    def edit_selected(self) -> None:
        agent = self.selected()
        if agent is not None:
            tasks.spawn(self._open_edit(agent), on_error=self.show_error)

    async def _open_edit(self, agent: AgentRow) -> None:
        self.queues = await self.runtime.queues.list()
        dialog = AgentDialog(self.queues, agent, self)

        async def save() -> AgentRow:
            row = await self.runtime.agents.update(agent.id, **dialog.values())
            await self.reload()
            if agent.id == self.session.agent.id:
                await self.session.refresh()
            return row

        dialog.save = save
        dialog.open()

    def reset_password(self) -> None:
        agent = self.selected()
        if agent is None:
            return
        dialog = PasswordDialog(agent, translate("AgentsSection", 
            "The agent signs in with the new password; \"remember me\" on every computer is "
            "forgotten."), self)

        async def save() -> None:
            await self.runtime.agents.set_password(agent.id, dialog.password.text())
            if agent.id == self.session.agent.id:
                await self.session.refresh()
            await self.reload()

        dialog.save = save
        dialog.open()

    def toggle_active(self) -> None:
        agent = self.selected()
        if agent is None:
            return
        if agent.id == self.session.agent.id:
            self.show_error(translate("AgentsSection", "You cannot deactivate yourself; another administrator can."))
            return
        if not agent.active:
            self.run(self.runtime.agents.set_active(agent.id, True))
            return

        async def go() -> None:
            if await confirm(self, translate("AgentsSection", "Deactivate agent"), translate("AgentsSection", 
                    "{name} will no longer be able to sign in or receive tickets. Their "
                    "tickets and messages stay.").format(name=agent.name), translate("AgentsSection", "Deactivate")):
                self.run(self.runtime.agents.set_active(agent.id, False))

        tasks.spawn(go(), on_error=self.show_error)
