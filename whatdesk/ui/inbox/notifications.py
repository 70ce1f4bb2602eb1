"""Desktop notifications and sound for the inbox, the "(3) whatdesk" title badge, and mute."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget

from whatdesk.domain.enums import MessageKind, TicketStatus
from whatdesk.engine.events import CountsChanged, MessageCreated, TicketChanged
from whatdesk.ui import tasks

from .context import InboxContext

log = logging.getLogger(__name__)

MUTE_KEY = "inbox/notifications_muted"
GATHER_MS = 400  # alerts arriving this close together become one notification
SOUND_GAP_S = 2.0  # a burst of messages beeps once, not once per message
PREVIEW_CHARS = 90
_BADGE = re.compile(r"^\(\d+\+?\) ")
_NOT_NEWS = {MessageKind.REACTION, MessageKind.EDIT, MessageKind.REVOKE}


translate = QCoreApplication.translate  # lupdate finds calls named "translate"


@dataclass(frozen=True)
class Notice:
    """One notification as the agent sees it."""

    title: str
    body: str
    ticket_id: int  # what clicking it opens
    contact: str


def badge_title(base: str, unread: int) -> str:
    """``(3) whatdesk`` like WhatsApp Web; the bare title when nothing is unread."""
    base = _BADGE.sub("", base)
    if unread <= 0:
        return base
    return f"({unread if unread < 1000 else '999+'}) {base}"


class Notifier(QObject):
    """Alerts the agent about a new waiting ticket (sound always; a desktop notification when
    the window is not focused) and about customers writing in the agent's own open tickets
    while the window is not focused. Never for a blocked contact, a note, or our own messages.

    ``notified(Notice)`` fires for each notification shown; ``open_requested(ticket_id)`` when
    the agent clicks one (the window brings itself up and opens that chat).
    """

    notified = Signal(object)  # Notice
    open_requested = Signal(int)

    def __init__(self, ctx: InboxContext, window: QWidget, tray: QSystemTrayIcon | None = None,
                 menu: QMenu | None = None, *, beep: Callable[[], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self.ctx = ctx
        self.window = window
        self.tray = tray
        self._beep = beep or QApplication.beep
        self.sounds = 0  # how many times the sound played (shown nowhere; for the record)
        self._last_sound = 0.0
        self._pending: list[Notice] = []
        self._last_ticket: int | None = None
        self._gather = QTimer(self)
        self._gather.setSingleShot(True)
        self._gather.setInterval(GATHER_MS)
        self._gather.timeout.connect(self._flush)

        self.mute_action = QAction(translate("Notifier", "&Mute notifications"), self)
        self.mute_action.setObjectName("action_mute_notifications")
        self.mute_action.setCheckable(True)
        self.mute_action.setChecked(self.muted)
        self.mute_action.toggled.connect(self.set_muted)
        if menu is not None:
            menu.addAction(self.mute_action)
        if tray is not None:
            tray.messageClicked.connect(self._clicked)

        bridge = ctx.bridge
        bridge.ticket_changed.connect(self._on_ticket_changed)
        bridge.message_created.connect(self._on_message_created)
        bridge.counts_changed.connect(self._on_counts)

    # ---- settings ---------------------------------------------------------------------------
    @property
    def muted(self) -> bool:
        value = self.ctx.settings.value(MUTE_KEY, False)
        return value in (True, "true", "1", 1)

    def set_muted(self, muted: bool) -> None:
        self.ctx.settings.setValue(MUTE_KEY, bool(muted))
        if self.mute_action.isChecked() != muted:
            self.mute_action.setChecked(muted)
        if muted:
            self._pending.clear()
            self._gather.stop()

    async def load(self) -> None:
        """Put the badge in the title from the current totals (later events keep it up)."""
        counts = await self.ctx.runtime.tickets.counts()
        self.window.setWindowTitle(badge_title(self.window.windowTitle(), int(counts.unread)))

    # ---- events -----------------------------------------------------------------------------
    def _focused(self) -> bool:
        return self.window.isVisible() and self.window.isActiveWindow() and \
            not self.window.isMinimized()

    def _on_counts(self, event: CountsChanged) -> None:
        self.window.setWindowTitle(badge_title(self.window.windowTitle(),
                                               event.unread_messages))

    def _on_ticket_changed(self, event: TicketChanged) -> None:
        if event.status is TicketStatus.PENDING and event.previous is not TicketStatus.PENDING \
                and not self.muted:
            tasks.spawn(self._waiting(event.ticket_id), on_error=self._ignore)

    def _on_message_created(self, event: MessageCreated) -> None:
        if event.from_me or event.kind in _NOT_NEWS or self.muted or self._focused():
            return
        tasks.spawn(self._message(event.ticket_id, event.kind, event.text),
                    on_error=self._ignore)

    async def _waiting(self, ticket_id: int) -> None:
        info = await self.ctx.runtime.notices.ticket(ticket_id)
        if info.contact_blocked or info.status is not TicketStatus.PENDING:
            return
        self._sound()
        if not self._focused():
            self._queue(Notice(translate("Notifier", "New conversation waiting"), info.contact_name, ticket_id,
                               info.contact_name))

    async def _message(self, ticket_id: int, kind: MessageKind, text: str) -> None:
        info = await self.ctx.runtime.notices.ticket(ticket_id)
        if info.contact_blocked or info.status is not TicketStatus.OPEN or \
                info.agent_id != self.ctx.agent.id:
            return
        self._sound()
        self._queue(Notice(info.contact_name, _preview(kind, text), ticket_id, info.contact_name))

    def _ignore(self, reason: str) -> None:
        # A notification that cannot be built (ticket gone, database busy) is skipped
        # quietly; the ticket list shows the same news.
        log.debug("notification skipped: %s", reason)

    # ---- output -----------------------------------------------------------------------------
    def _sound(self) -> None:
        now = time.monotonic()
        if self.muted or now - self._last_sound < SOUND_GAP_S:
            return
        self._last_sound = now
        self.sounds += 1
        self._beep()

    def _queue(self, notice: Notice) -> None:
        self._pending.append(notice)
        if not self._gather.isActive():
            self._gather.start()

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        if not pending or self.muted:
            return
        if len(pending) == 1:
            notice = pending[0]
        else:  # a burst: one line naming who wrote, newest conversation opens on click
            names = list(dict.fromkeys(n.contact for n in reversed(pending)))
            notice = Notice(translate("Notifier", "{n} new notifications").format(n=len(pending)),
                            ", ".join(names[:4]) + ("…" if len(names) > 4 else ""),
                            pending[-1].ticket_id, pending[-1].contact)
        self._last_ticket = notice.ticket_id
        if self.tray is not None and self.tray.isVisible():
            self.tray.showMessage(notice.title, notice.body,
                                  QSystemTrayIcon.MessageIcon.Information, 6000)
        else:  # no tray (some Linux desktops): the taskbar entry flashes instead
            QApplication.alert(self.window, 0)
        log.info("notification shown for ticket %s", notice.ticket_id)  # never the text
        self.notified.emit(notice)

    def _clicked(self) -> None:
        if self._last_ticket is not None:
            self.open_requested.emit(self._last_ticket)


def _preview(kind: MessageKind, text: str) -> str:
    body = " ".join(text.split())
    if kind is not MessageKind.TEXT or not body:
        label = {
            MessageKind.IMAGE: translate("Notifier", "Photo"), MessageKind.VIDEO: translate("Notifier", "Video"),
            MessageKind.AUDIO: translate("Notifier", "Audio"), MessageKind.VOICE: translate("Notifier", "Voice message"),
            MessageKind.DOCUMENT: translate("Notifier", "Document"), MessageKind.STICKER: translate("Notifier", "Sticker"),
            MessageKind.LOCATION: translate("Notifier", "Location"), MessageKind.CONTACT: translate("Notifier", "Contact card"),
        }.get(kind, translate("Notifier", "New message"))
        body = f"{label}: {body}" if body else label
    return body if len(body) <= PREVIEW_CHARS else body[:PREVIEW_CHARS - 1] + "…"
