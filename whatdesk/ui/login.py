"""Signing in: who works in this window (asked only when the desktop has several agents)."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from whatdesk.domain.errors import WhatdeskError
from whatdesk.store.rows import AgentRow
from whatdesk.ui import tasks
from whatdesk.ui.resources import icon
from whatdesk.ui.theme import palette


class LoginDialog(QDialog):
    """E-mail or name, password, "remember me". ``agent`` holds who signed in."""

    def __init__(self, runtime: Any, keyring_problem: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.agent: AgentRow | None = None
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Sign in to whatdesk"))
        self.setWindowIcon(icon("whatdesk"))
        self.setMinimumWidth(380)

        logo = QLabel()
        logo.setPixmap(icon("whatdesk").pixmap(56, 56))
        logo.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        title = QLabel(self.tr("Who is signing in?"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        hint = QLabel(self.tr("Several agents work on this desktop."))
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        hint.setStyleSheet(f"color: {palette().text_secondary};")

        self.user = QLineEdit()
        self.user.setObjectName("loginUser")
        self.user.setPlaceholderText(self.tr("ana@example.com or Ana"))
        self.password = QLineEdit()
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember me on this computer"))
        self.remember.setObjectName("loginRemember")
        if keyring_problem is not None:
            self.remember.setEnabled(False)
            self.remember.setToolTip(self.tr(
                "Not available: this system has no keyring to keep the sign-in token safely "
                "({reason}).").format(reason=keyring_problem))
        else:
            self.remember.setToolTip(self.tr(
                "Keeps a sign-in token (never your password) in the system keyring."))
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setStyleSheet(f"color: {palette().failed};")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow(self.tr("E-mail or name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button = self.buttons.addButton(self.tr("Sign in"),
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setObjectName("loginSubmit")
        self.sign_in_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        column = QVBoxLayout(self)
        column.setContentsMargins(28, 24, 28, 20)
        column.setSpacing(10)
        column.addWidget(logo)
        column.addWidget(title)
        column.addWidget(hint)
        column.addSpacing(8)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addWidget(self.buttons)
        self.user.setFocus()

    def submit(self) -> None:
        if not self.user.text().strip() or not self.password.text():
            self._refuse(self.tr("Type your e-mail or name and your password."))
            return
        self.sign_in_button.setEnabled(False)
        tasks.spawn(self._sign_in(), on_error=self._refuse)

    async def _sign_in(self) -> None:
        try:
            agent = await self.runtime.agents.sign_in(self.user.text(), self.password.text())
        except WhatdeskError:
            self._refuse(self.tr("Wrong e-mail, name or password."))
            return
        finally:
            self.sign_in_button.setEnabled(True)
        if self.remember.isChecked() and self.remember.isEnabled():
            await self.runtime.agents.remember(agent.id)
        self.agent = agent
        self.accept()

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.password.selectAll()
        self.password.setFocus()


async def ask_sign_in(runtime: Any, parent: QWidget | None = None,
                      *, use_remembered: bool = True) -> AgentRow | None:
    """Who works in this window: the only agent without asking, the agent remembered on this
    computer, or whoever signs in through the dialog (None: the user cancelled)."""
    admin = await runtime.agents.ensure_first_admin()
    if not await runtime.agents.needs_sign_in():
        await runtime.agents.set_presence(admin.id, "online")
        return await runtime.agents.get(admin.id)
    if use_remembered:
        remembered = await runtime.agents.remembered()
        if remembered is not None:
            return remembered
    dialog = LoginDialog(runtime, await runtime.agents.keyring_problem(), parent)
    done = asyncio.get_running_loop().create_future()
    dialog.finished.connect(lambda code: done.done() or done.set_result(code))
    dialog.open()
    try:
        await done
    finally:
        dialog.deleteLater()
    return dialog.agent
