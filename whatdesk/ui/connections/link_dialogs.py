"""Link a connection: the QR code dialog and the phone pairing-code dialog."""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from whatdesk.domain.enums import ConnectionStatus
from whatdesk.domain.errors import InvalidPhone
from whatdesk.domain.phone import normalize_phone
from whatdesk.engine.events import ConnectionStatusChanged, PairingCodeChanged, QRCodeChanged
from whatdesk.domain.reasons import Reason
from whatdesk.ui.bridge import Bridge
from whatdesk.ui.details import DetailsExpander
from whatdesk.ui.qr import qr_image
from whatdesk.ui.reasons import reason_advice, reason_text, sentence
from whatdesk.ui.tasks import spawn

QR_SIDE = 360  # px; comfortably scannable from a phone held at arm's length
CLOSE_AFTER_SUCCESS_MS = 1500

_ERROR_COLOR = "#c5221f"
_MUTED_COLOR = "#5f6368"
_ERROR_STYLE = "color: #c5221f;"
_SUCCESS_STYLE = "color: #188038; font-weight: bold;"
_MUTED_STYLE = "color: #5f6368;"


def fit_to_contents(dialog: QDialog) -> None:
    """Grow to show every wrapped line: labels that appear or lengthen after a dialog opened
    would otherwise be squeezed (and clipped) into the height it opened with."""
    layout = dialog.layout()
    layout.activate()
    width = max(dialog.width(), dialog.minimumWidth())
    needed = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
              else layout.totalSizeHint().height())
    dialog.setMinimumHeight(needed)
    if needed > dialog.height() or width > dialog.width():
        dialog.resize(width, max(needed, dialog.height()))


def _remaining_seconds(expires_at: datetime, now: datetime) -> float:
    if expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=UTC)
    return (expires_at - now).total_seconds()


class QrDialog(QDialog):
    """Shows the connection's current QR code and follows the connection until it links.

    ``request_link()`` (awaited) asks the service to start linking (again; while an automatic
    retry is pending it retries at once); codes arrive on the bridge as QRCodeChanged and
    success as ConnectionStatusChanged(CONNECTED). When WhatsApp cannot be reached the code
    square says why, what to do, and when the next attempt is.
    """

    def __init__(self, connection_id: int, connection_name: str, bridge: Bridge,
                 request_link: Callable[[], Awaitable[Any]], *,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.connection_id = connection_id
        self._request_link = request_link
        self._now = now
        self._deadline: float | None = None  # time.monotonic() when the shown code expires
        self._retry_at: float | None = None  # time.monotonic() of the next automatic attempt
        self.failure: Reason | None = None  # why no code can be shown right now
        self.connected = False
        self.setWindowTitle(self.tr("Link “{name}” by QR code").format(name=connection_name))

        steps = QLabel(self.tr(
            "<ol style='margin-left:-20px'>"
            "<li>Open <b>WhatsApp</b> on the phone you want to link.</li>"
            "<li>Tap <b>⋮ Menu</b> (Android) or <b>Settings</b> (iPhone), then "
            "<b>Linked devices</b>.</li>"
            "<li>Tap <b>Link a device</b> and point the phone at this code.</li></ol>"))
        steps.setTextFormat(Qt.TextFormat.RichText)
        steps.setWordWrap(True)
        steps.setMinimumWidth(240)

        self.qr_label = QLabel()
        self.qr_label.setObjectName("qrCode")
        self.qr_label.setFixedSize(QR_SIDE + 8, QR_SIDE + 8)
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_label.setWordWrap(True)
        self.qr_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.qr_label.setMargin(28)
        self._square_style(_MUTED_COLOR)
        self.qr_label.setText(self.tr("Generating the code…"))

        self.status = QLabel()
        self.status.setObjectName("qrStatus")
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setMaximumWidth(QR_SIDE + 8)
        self.details = DetailsExpander()
        self.details.setMaximumWidth(QR_SIDE + 8)
        self.retry_now = QPushButton(self.tr("Try again now"))
        self.retry_now.setObjectName("retryNow")
        self.retry_now.hide()
        self.retry_now.clicked.connect(self.start)
        self.new_code = QPushButton(self.tr("Generate new code"))
        self.new_code.hide()
        self.new_code.clicked.connect(self.restart)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)

        right = QVBoxLayout()
        right.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.status)
        right.addWidget(self.details)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(steps, 1, Qt.AlignmentFlag.AlignTop)
        body.addSpacing(12)
        body.addLayout(right)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_now)
        buttons.addWidget(self.new_code)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addLayout(buttons)

        self.details.toggle.toggled.connect(lambda _on: fit_to_contents(self))
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        bridge.qr_code_changed.connect(self.on_qr)
        bridge.connection_status_changed.connect(self.on_status)

    # ---- events ------------------------------------------------------------------------
    def on_qr(self, event: QRCodeChanged) -> None:
        if event.connection_id != self.connection_id or self.connected:
            return
        self._clear_failure()
        self.qr_label.setPixmap(QPixmap.fromImage(qr_image(event.payload, QR_SIDE)))
        remaining = _remaining_seconds(event.expires_at, self._now())
        # a clock mismatch must not show nonsense: fall back to WhatsApp's usual 20 s
        if not 0 < remaining <= 300:
            remaining = 20.0
        self._deadline = time.monotonic() + remaining
        self.new_code.hide()
        self._tick()
        self._ticker.start()

    def on_status(self, event: ConnectionStatusChanged) -> None:
        if event.connection_id != self.connection_id:
            return
        s = event.status
        if s is ConnectionStatus.CONNECTED:
            self._succeeded()
        elif s is ConnectionStatus.PAIRING:
            self._clear_failure()
            self._ticker.stop()
            self._set_status(self.tr("Code read — finishing the link…"), _MUTED_STYLE)
        elif s is ConnectionStatus.DISCONNECTED:
            self._failed(event.reason, event.detail, event.retry_in_s)
        elif s is ConnectionStatus.CONNECTING and self.failure is not None:
            self._retry_at = None
            self._tick()
        elif s is ConnectionStatus.TIMEOUT:
            self._expired(reason_text(Reason.QR_EXPIRED))
        elif s is ConnectionStatus.LOGGED_OUT:
            self._expired(reason_text(event.reason or Reason.LOGGED_OUT_BY_PHONE), event.detail)
        elif s is ConnectionStatus.STOPPED:
            self._expired(self.tr("Linking was stopped."))

    # ---- actions -----------------------------------------------------------------------
    def start(self) -> None:
        """Ask the service for a code (when the dialog opens, on "Generate new code" and on
        "Try again now")."""
        self.new_code.hide()
        self.retry_now.setEnabled(False)  # until the attempt answers
        if self.failure is None:
            self.qr_label.setPixmap(QPixmap())
            self.qr_label.setText(self.tr("Generating the code…"))
            self._set_status("", "")
        spawn(self._request_link(), on_success=lambda _r: self.retry_now.setEnabled(True),
              on_error=lambda text: self._expired(text, getattr(text, "details", "")))

    restart = start

    # ---- internals ---------------------------------------------------------------------
    def _tick(self) -> None:
        if self.failure is not None:
            advice = reason_advice(self.failure)
            if self._retry_at is None:
                when = self.tr("Trying again…")
            else:
                left = max(0, math.ceil(self._retry_at - time.monotonic()))
                when = (self.tr("Trying again in {seconds} s.").format(seconds=left) if left
                        else self.tr("Trying again…"))
            self._set_status(f"{advice}\n{when}" if advice else when, _MUTED_STYLE)
            return
        if self._deadline is None:
            return
        left = math.ceil(self._deadline - time.monotonic())
        if left > 0:
            self._set_status(self.tr("The code expires in {seconds} s").format(seconds=left),
                             _MUTED_STYLE)
        else:
            self._set_status(self.tr("Waiting for a new code…"), _MUTED_STYLE)

    def _failed(self, reason: Reason, raw: str, retry_in_s: float | None) -> None:
        """WhatsApp cannot be reached (or dropped us): say why in the code square."""
        if self.connected:
            return
        self.failure = reason if reason is not Reason.NONE else Reason.CONNECTION_LOST
        self._deadline = None
        self.qr_label.setPixmap(QPixmap())
        self._square_style(_ERROR_COLOR)
        self.qr_label.setText(reason_text(self.failure))
        self.details.set_details(raw)
        self._retry_at = time.monotonic() + retry_in_s if retry_in_s is not None else None
        self.retry_now.setVisible(retry_in_s is not None)
        self.retry_now.setEnabled(True)
        self.new_code.setVisible(retry_in_s is None)
        self._tick()
        self._ticker.start()

    def _clear_failure(self) -> None:
        if self.failure is None:
            return
        self.failure = None
        self._retry_at = None
        self._square_style(_MUTED_COLOR)
        self.details.set_details("")
        self.retry_now.hide()

    def _expired(self, reason: str, details: str = "") -> None:
        if self.connected:
            return
        self._clear_failure()
        self._ticker.stop()
        self._deadline = None
        self.qr_label.setPixmap(QPixmap())
        self.qr_label.setText(self.tr("Code expired"))
        self._set_status(reason, _ERROR_STYLE)
        self.details.set_details(details)
        self.new_code.show()
        self.new_code.setDefault(True)

    def _succeeded(self) -> None:
        self.connected = True
        self._clear_failure()
        self._ticker.stop()
        self.qr_label.setPixmap(QPixmap())
        self.qr_label.setText("✔")
        font = self.qr_label.font()
        font.setPointSize(72)
        self.qr_label.setFont(font)
        self.qr_label.setStyleSheet("background: white; color: #188038;")
        self._set_status(self.tr("Connected! WhatsApp is linked."), _SUCCESS_STYLE)
        self.new_code.hide()
        QTimer.singleShot(CLOSE_AFTER_SUCCESS_MS, self.accept)

    def _square_style(self, color: str) -> None:
        self.qr_label.setStyleSheet(f"background: white; color: {color}; font-size: 13pt;")

    def _set_status(self, text: str, style: str) -> None:
        self.status.setStyleSheet(style)
        if text != self.status.text():
            self.status.setText(text)
            fit_to_contents(self)

    def done(self, result: int) -> None:
        self._ticker.stop()
        super().done(result)


class PairingCodeDialog(QDialog):
    """Link with a phone number: the user types the number, WhatsApp gives an 8-character code
    to type on the phone."""

    def __init__(self, connection_id: int, connection_name: str, bridge: Bridge,
                 request_code: Callable[[str], Awaitable[str]], *,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.connection_id = connection_id
        self._request_code = request_code
        self.connected = False
        self.setWindowTitle(
            self.tr("Link “{name}” with a phone number").format(name=connection_name))
        self.setMinimumWidth(520)

        intro = QLabel(self.tr("Type the number of the WhatsApp account to link, with the area "
                               "code (e.g. +55 11 91234-5678)."))
        intro.setWordWrap(True)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("+55 11 91234-5678")
        self.phone.setMaxLength(40)
        self.phone.returnPressed.connect(self.submit)
        self.get_code = QPushButton(self.tr("Get code"))
        self.get_code.setDefault(True)
        self.get_code.clicked.connect(self.submit)
        self.phone_error = QLabel()
        self.phone_error.setObjectName("fieldError")
        self.phone_error.setStyleSheet(_ERROR_STYLE)
        self.phone_error.setWordWrap(True)
        self.phone_error.hide()

        self.code = QLabel()
        self.code.setObjectName("pairingCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        code_font = QFont("DejaVu Sans Mono")
        code_font.setStyleHint(QFont.StyleHint.Monospace)
        code_font.setPointSize(30)
        code_font.setBold(True)
        code_font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 4)
        self.code.setFont(code_font)
        self.code.setStyleSheet("background: #f1f3f4; border-radius: 8px; padding: 14px;")
        self.code.setMinimumHeight(QFontMetrics(code_font).height() + 36)
        self.code.hide()
        self.instructions = QLabel(self.tr(
            "On the phone open <b>WhatsApp › Linked devices › Link a device › "
            "Link with phone number instead</b> and type this code."))
        self.instructions.setTextFormat(Qt.TextFormat.RichText)
        self.instructions.setWordWrap(True)
        self.instructions.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("pairingStatus")
        self.details = DetailsExpander()
        self.network_problem: Reason | None = None  # the last reason WhatsApp was out of reach

        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.phone, 1)
        row.addWidget(self.get_code)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.phone_error)
        layout.addSpacing(6)
        layout.addWidget(self.code)
        layout.addWidget(self.instructions)
        layout.addWidget(self.status)
        layout.addWidget(self.details)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.details.toggle.toggled.connect(lambda _on: self._fit())

        bridge.pairing_code_changed.connect(self.on_pairing_code)
        bridge.connection_status_changed.connect(self.on_status)

    def submit(self) -> None:
        try:
            phone = normalize_phone(self.phone.text())
        except InvalidPhone:
            self._phone_error(self.tr("This does not look like a valid phone number. Include the "
                                      "area code, e.g. +55 11 91234-5678."))
            return
        self._phone_error("")
        self.details.set_details("")
        self.get_code.setEnabled(False)
        self.status.setStyleSheet(_MUTED_STYLE)
        self.status.setText(self.tr("Asking WhatsApp for a code…"))

        def failed(text: str) -> None:
            self.get_code.setEnabled(True)
            self.status.setText("")
            reason = getattr(text, "reason", Reason.UNKNOWN)
            if reason is Reason.NOT_READY and self.network_problem is not None:
                # "not ready" because it cannot get through: say the real cause
                text = sentence(self.network_problem)
            self.details.set_details(getattr(text, "details", "") or self.details.details())
            self._phone_error(text)

        spawn(self._request_code(phone), on_success=self.show_code, on_error=failed)

    def show_code(self, code: object) -> None:
        if not code or self.connected:
            return
        self.get_code.setEnabled(True)
        self.get_code.setText(self.tr("New code"))
        self.code.setText(str(code))
        self.code.show()
        self.instructions.show()
        self.status.setStyleSheet(_MUTED_STYLE)
        self.status.setText(self.tr("Waiting for the code to be typed on the phone…"))
        self._fit()

    def on_pairing_code(self, event: PairingCodeChanged) -> None:
        if event.connection_id == self.connection_id:
            self.show_code(event.code)

    def on_status(self, event: ConnectionStatusChanged) -> None:
        if event.connection_id != self.connection_id:
            return
        if event.status is ConnectionStatus.DISCONNECTED:
            self.network_problem = event.reason
            self.status.setStyleSheet(_ERROR_STYLE)
            self.status.setText(sentence(event.reason or Reason.CONNECTION_LOST))
            self.details.set_details(event.detail)
        elif event.status is ConnectionStatus.CONNECTED:
            self.connected = True
            self.status.setStyleSheet(_SUCCESS_STYLE)
            self.status.setText(self.tr("Connected! WhatsApp is linked."))
            self.get_code.setEnabled(False)
            QTimer.singleShot(CLOSE_AFTER_SUCCESS_MS, self.accept)
        elif event.status in (ConnectionStatus.TIMEOUT, ConnectionStatus.LOGGED_OUT):
            self.status.setStyleSheet(_ERROR_STYLE)
            self.status.setText(self.tr("The code was not used in time. Ask for a new one."))
            self.code.hide()
            self.instructions.hide()
        self._fit()

    def _phone_error(self, text: str) -> None:
        self.phone_error.setText(text)
        self.phone_error.setVisible(bool(text))
        self._fit()

    def _fit(self) -> None:
        fit_to_contents(self)
