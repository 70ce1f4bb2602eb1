"""The session vault's dialogs: how to protect sessions when there is no keyring, the
passphrase asked at start, and unlocking a locked session."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from whatdesk.secrets.keys import MIN_PASSPHRASE, KeyMode
from whatdesk.ui.details import DetailsExpander
from whatdesk.ui.reasons import error_message
from whatdesk.ui.tasks import spawn

from .link_dialogs import fit_to_contents

_ERROR_STYLE = "color: #c5221f;"
_WARNING_STYLE = "color: #b06000;"
_MUTED_STYLE = "color: #5f6368;"


def _password_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    return field


class KeyChoiceDialog(QDialog):
    """No usable keyring: the user chooses a passphrase or to store sessions unencrypted.
    Nothing is chosen for them; closing the dialog quits."""

    def __init__(self, details: str = "", parent: QWidget | None = None, *,
                 no_keyring: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("keyChoiceDialog")
        self.setWindowTitle(self.tr("Protect the WhatsApp sessions"))
        self.setMinimumWidth(480)
        self.mode: KeyMode | None = None
        self.passphrase: str | None = None

        head = QLabel(self.tr("This computer has no usable keyring to keep the key of the "
                              "WhatsApp sessions in.") if no_keyring else
                      self.tr("Choose the passphrase that will protect the WhatsApp sessions."))
        head.setWordWrap(True)
        head.setStyleSheet("font-weight: bold;")
        body = QLabel(self.tr("A linked session lets anyone who copies it read and send "
                              "messages as your business. Choose how to keep it:"))
        body.setWordWrap(True)

        self.use_passphrase = QRadioButton(self.tr("Protect with a passphrase (asked every "
                                                   "time whatdesk starts)"))
        self.use_passphrase.setObjectName("choosePassphrase")
        self.passphrase_field = _password_field(self.tr("Passphrase (at least {n} characters)")
                                                .format(n=MIN_PASSPHRASE))
        self.passphrase_field.setObjectName("newPassphrase")
        self.confirm_field = _password_field(self.tr("Type it again"))
        self.confirm_field.setObjectName("confirmPassphrase")
        self.unencrypted = QRadioButton(self.tr("Store the sessions unencrypted"))
        self.unencrypted.setObjectName("chooseUnencrypted")
        warning = QLabel(self.tr("Anyone who copies the data folder can then use your "
                                 "WhatsApp accounts. The Connections screen will say so."))
        warning.setWordWrap(True)
        warning.setStyleSheet(_WARNING_STYLE)
        group = QButtonGroup(self)
        group.addButton(self.use_passphrase)
        group.addButton(self.unencrypted)
        self.use_passphrase.setChecked(True)
        group.buttonToggled.connect(lambda *_: self._update())

        self.error = QLabel("")
        self.error.setObjectName("choiceError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.hide()

        self.ok = QPushButton(self.tr("Continue"))
        self.ok.setObjectName("continueButton")
        self.ok.setDefault(True)
        self.ok.clicked.connect(self._accept)
        quit_button = QPushButton(self.tr("Quit"))
        quit_button.setObjectName("quitButton")
        quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(quit_button)
        buttons.addWidget(self.ok)

        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(body)
        layout.addSpacing(4)
        layout.addWidget(self.use_passphrase)
        fields = QVBoxLayout()
        fields.setContentsMargins(24, 0, 0, 0)
        fields.addWidget(self.passphrase_field)
        fields.addWidget(self.confirm_field)
        layout.addLayout(fields)
        layout.addWidget(self.unencrypted)
        warn_box = QVBoxLayout()
        warn_box.setContentsMargins(24, 0, 0, 0)
        warn_box.addWidget(warning)
        layout.addLayout(warn_box)
        layout.addWidget(self.error)
        self.details = DetailsExpander()
        self.details.set_details(details)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        self._update()

    def _update(self) -> None:
        on = self.use_passphrase.isChecked()
        self.passphrase_field.setEnabled(on)
        self.confirm_field.setEnabled(on)
        self.error.hide()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        fit_to_contents(self)

    def _accept(self) -> None:
        if self.unencrypted.isChecked():
            self.mode, self.passphrase = KeyMode.UNENCRYPTED, None
            self.accept()
            return
        text = self.passphrase_field.text()
        if len(text) < MIN_PASSPHRASE:
            self._say(self.tr("The passphrase needs at least {n} characters.")
                      .format(n=MIN_PASSPHRASE))
            return
        if text != self.confirm_field.text():
            self._say(self.tr("The two passphrases are not the same."))
            return
        self.mode, self.passphrase = KeyMode.PASSPHRASE, text
        self.accept()


class PassphraseDialog(QDialog):
    """The sessions' passphrase, asked when whatdesk starts (``confirm``: a new one)."""

    def __init__(self, error: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(self.tr("Sessions passphrase"))
        self.setMinimumWidth(420)
        text = QLabel(self.tr("Type the passphrase that protects the WhatsApp sessions of "
                              "this data folder."))
        text.setWordWrap(True)
        self.field = _password_field(self.tr("Passphrase"))
        self.field.setObjectName("passphrase")
        self.error = QLabel(error)
        self.error.setObjectName("passphraseError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.setVisible(bool(error))
        ok = QPushButton(self.tr("Open"))
        ok.setObjectName("openButton")
        ok.setDefault(True)
        ok.clicked.connect(self.accept)
        quit_button = QPushButton(self.tr("Quit"))
        quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(quit_button)
        buttons.addWidget(ok)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    @property
    def passphrase(self) -> str:
        return self.field.text()


class UnlockDialog(QDialog):
    """Unlock a locked session with the passphrase it was sealed with."""

    def __init__(self, name: str, unlock: Callable[[str], Awaitable[Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle(self.tr("Unlock “{name}”").format(name=name))
        self.setMinimumWidth(440)
        self._unlock = unlock
        text = QLabel(self.tr("The saved session of “{name}” was sealed with another key "
                              "(another computer, or another passphrase). Type the passphrase "
                              "it was saved with.").format(name=name))
        text.setWordWrap(True)
        self.field = _password_field(self.tr("Passphrase"))
        self.field.setObjectName("unlockPassphrase")
        self.error = QLabel("")
        self.error.setObjectName("unlockError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.hide()
        self.ok = QPushButton(self.tr("Unlock"))
        self.ok.setObjectName("unlockButton")
        self.ok.setDefault(True)
        self.ok.clicked.connect(self._submit)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def _submit(self) -> None:
        self.ok.setEnabled(False)
        self.error.hide()
        spawn(self._unlock(self.field.text()), on_success=lambda _r: self.accept(),
              on_error=self._failed)

    def _failed(self, message: Any) -> None:
        self.ok.setEnabled(True)
        self.error.setText(str(message))
        self.error.show()
        self.field.selectAll()
        self.field.setFocus()
        fit_to_contents(self)


def ask_session_key(data_dir: Any, mode: KeyMode | None, passphrase: str | None,
                    from_file: bool = False) -> Any:
    """At start, before the window: the sessions' key as the user wants it. Shows the
    key-choice dialog when the keyring cannot be used and the passphrase dialog in passphrase
    mode. Returns a SessionKey, or None when the user quits."""
    from whatdesk.domain.errors import SecretsUnavailable, WrongPassphrase
    from whatdesk.secrets.keys import passphrase_is_set, resolve_key, saved_mode

    mode = mode or saved_mode(data_dir) or KeyMode.KEYRING
    error = ""
    while True:
        if mode is KeyMode.PASSPHRASE and passphrase is None:
            if not passphrase_is_set(data_dir):
                choice = KeyChoiceDialog(no_keyring=False)
                choice.unencrypted.setEnabled(False)  # the user asked for a passphrase
                if choice.exec() != QDialog.DialogCode.Accepted:
                    return None
                passphrase = choice.passphrase
            else:
                dialog = PassphraseDialog(error)
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return None
                passphrase = dialog.passphrase
        try:
            return resolve_key(data_dir, mode, passphrase)
        except SecretsUnavailable as exc:
            choice = KeyChoiceDialog(str(exc))
            if choice.exec() != QDialog.DialogCode.Accepted or choice.mode is None:
                return None
            mode, passphrase = choice.mode, choice.passphrase
        except WrongPassphrase as exc:
            if from_file:
                raise
            error = str(error_message(exc))
            passphrase = None
