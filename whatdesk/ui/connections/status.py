"""How a connection's state reads to a user: its words, its colour, what can be done with it."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from whatdesk.domain.enums import ConnectionStatus as S
from whatdesk.domain.reasons import Reason
from whatdesk.ui.reasons import sentence

# network trouble: the row says so in a few words, the tooltip says what to do
_OFFLINE = frozenset({Reason.NO_INTERNET})
_UNREACHABLE = frozenset({Reason.WHATSAPP_UNREACHABLE, Reason.SECURE_CONNECTION_FAILED,
                          Reason.WHATSAPP_DOWN, Reason.NO_RESPONSE})

GREEN = QColor("#1fa855")
AMBER = QColor("#e0a100")
RED = QColor("#d93025")
GREY = QColor("#9aa0a6")
BLUE = QColor("#1a73e8")


@dataclass(frozen=True)
class ConnectionState:
    """What the UI knows about one connection's health right now."""

    status: S
    linked: bool  # has an account behind it (a jid), i.e. a saved session
    retry_in_s: float | None = None  # seconds left before the next automatic attempt
    detail: str = ""  # raw transport words: only ever shown under "Details"
    reason: Reason = Reason.NONE


def status_text(state: ConnectionState) -> str:
    s = state.status
    if s is S.CONNECTED:
        return QCoreApplication.translate("ConnectionStatus", "Connected")
    if s is S.CONNECTING:
        return QCoreApplication.translate("ConnectionStatus", "Connecting…")
    if s is S.QR_WAITING:
        return QCoreApplication.translate(
            "ConnectionStatus", "Waiting for the QR code to be scanned")
    if s is S.PAIRING:
        return QCoreApplication.translate(
            "ConnectionStatus", "Waiting for the pairing code on the phone")
    if s is S.DISCONNECTED:
        if state.reason in _OFFLINE:
            head = QCoreApplication.translate("ConnectionStatus", "No internet")
        elif state.reason in _UNREACHABLE:
            head = QCoreApplication.translate("ConnectionStatus", "WhatsApp unreachable")
        else:
            head = QCoreApplication.translate("ConnectionStatus", "Disconnected")
        if state.retry_in_s is not None:
            seconds = max(0, math.ceil(state.retry_in_s))
            if seconds == 0:
                return QCoreApplication.translate(
                    "ConnectionStatus", "{head} — trying again now").format(head=head)
            text = QCoreApplication.translate("ConnectionStatus",
                                              "{head} — retrying in {seconds} s")
            return text.format(head=head, seconds=seconds)
        return head
    if s is S.TIMEOUT:
        return QCoreApplication.translate("ConnectionStatus", "The code expired — link again")
    if s is S.LOGGED_OUT:
        if state.reason is Reason.LOGGED_OUT_BY_USER:
            return QCoreApplication.translate("ConnectionStatus", "Logged out — link again")
        return QCoreApplication.translate("ConnectionStatus", "Unlinked on the phone")
    # STOPPED
    if state.reason is Reason.SESSION_LOCKED:
        return QCoreApplication.translate("ConnectionStatus", "Session locked")
    if state.linked:
        return QCoreApplication.translate("ConnectionStatus", "Disconnected")
    return QCoreApplication.translate("ConnectionStatus", "Not linked yet")


def status_tooltip(state: ConnectionState) -> str:
    """The row's tooltip: what happened and what to do, in the user's language."""
    return sentence(state.reason) or status_text(state)


def status_color(state: ConnectionState) -> QColor:
    s = state.status
    if s is S.CONNECTED:
        return GREEN
    if s in (S.QR_WAITING, S.PAIRING, S.CONNECTING):
        return AMBER
    if s is S.LOGGED_OUT and state.reason is Reason.LOGGED_OUT_BY_USER:
        return GREY  # the user's own choice, not an alarm
    if s in (S.DISCONNECTED, S.LOGGED_OUT, S.TIMEOUT) or state.reason is Reason.SESSION_LOCKED:
        return RED
    return GREY


@dataclass(frozen=True)
class Actions:
    """Which actions make sense for a connection in a given state."""

    link: bool
    disconnect: bool
    reconnect: bool
    logout: bool
    unlock: bool = False  # a locked session: "Unlock with passphrase" ...
    link_again: bool = False  # ... or give it up and link again


def allowed_actions(state: ConnectionState) -> Actions:
    s = state.status
    if s is S.STOPPED and state.reason is Reason.SESSION_LOCKED:
        return Actions(link=False, disconnect=False, reconnect=False, logout=False,
                       unlock=True, link_again=True)
    waiting_for_link = s in (S.QR_WAITING, S.PAIRING)
    needs_link = s in (S.TIMEOUT, S.LOGGED_OUT) or (
        s in (S.STOPPED, S.DISCONNECTED) and not state.linked
    )
    retrying = s is S.DISCONNECTED and state.retry_in_s is not None
    return Actions(
        link=waiting_for_link or needs_link,
        disconnect=s in (S.CONNECTED, S.CONNECTING, S.DISCONNECTED, S.QR_WAITING, S.PAIRING),
        # while an automatic attempt is pending, "Reconnect" means "retry now"
        reconnect=retrying or (state.linked and s in (S.STOPPED, S.DISCONNECTED)),
        logout=state.linked and s not in (S.LOGGED_OUT,),
    )


def health_summary(states: Iterable[ConnectionState]) -> str:
    """One line for the status bar: "2 connections: 1 connected, 1 waiting for QR"."""
    states = list(states)
    if not states:
        return QCoreApplication.translate(
            "ConnectionStatus", "No connections yet — add one under Connections")
    buckets: Counter[str] = Counter()
    for st in states:
        if st.status is S.CONNECTED:
            buckets["connected"] += 1
        elif st.status in (S.QR_WAITING, S.PAIRING):
            buckets["qr"] += 1
        elif not st.linked and st.status in (S.STOPPED, S.CONNECTING, S.DISCONNECTED):
            buckets["unlinked"] += 1  # waits for the user to link it; nothing to reconnect
        elif st.status in (S.CONNECTING, S.DISCONNECTED):
            buckets["reconnecting"] += 1
        elif st.status in (S.LOGGED_OUT, S.TIMEOUT) or st.reason is Reason.SESSION_LOCKED:
            buckets["attention"] += 1
        else:
            buckets["stopped"] += 1
    total = len(states)
    head = (QCoreApplication.translate("ConnectionStatus", "1 connection") if total == 1
            else QCoreApplication.translate("ConnectionStatus", "{n} connections").format(n=total))
    parts = []
    for key, one, many in (
        ("connected", QCoreApplication.translate("ConnectionStatus", "1 connected"),
         QCoreApplication.translate("ConnectionStatus", "{n} connected")),
        ("qr", QCoreApplication.translate("ConnectionStatus", "1 waiting for QR"),
         QCoreApplication.translate("ConnectionStatus", "{n} waiting for QR")),
        ("reconnecting", QCoreApplication.translate("ConnectionStatus", "1 reconnecting"),
         QCoreApplication.translate("ConnectionStatus", "{n} reconnecting")),
        ("attention", QCoreApplication.translate("ConnectionStatus", "1 needs a new link"),
         QCoreApplication.translate("ConnectionStatus", "{n} need a new link")),
        ("unlinked", QCoreApplication.translate("ConnectionStatus", "1 not linked yet"),
         QCoreApplication.translate("ConnectionStatus", "{n} not linked yet")),
        ("stopped", QCoreApplication.translate("ConnectionStatus", "1 stopped"),
         QCoreApplication.translate("ConnectionStatus", "{n} stopped")),
    ):
        n = buckets[key]
        if n:
            parts.append(one if n == 1 else many.format(n=n))
    return QCoreApplication.translate("ConnectionStatus", "{head}: {parts}").format(head=head,
                                                          parts=", ".join(parts))


def channel_label(channel: str) -> str:
    if channel == "sandbox":
        return QCoreApplication.translate("ConnectionStatus", "Test sandbox")
    if channel == "neonize":
        return QCoreApplication.translate("ConnectionStatus", "WhatsApp")
    return channel
