"""The main window: navigation, the Connections screen, the status bar and the tray icon."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QDesktopServices,
    QIcon,
    QKeySequence,
    QPainter,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QSystemTrayIcon,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from whatdesk import __version__
from whatdesk.domain.errors import WhatdeskError
from whatdesk.domain.reasons import Reason, reason_of
from whatdesk.engine.bus import EventBus
from whatdesk.engine.events import CountsChanged, ErrorRaised
from whatdesk.ui import tasks, theme
from whatdesk.ui.bridge import Bridge
from whatdesk.ui.connections.page import ConnectionsPage
from whatdesk.ui.connections.status import health_summary, status_color
from whatdesk.ui.reasons import sentence
from whatdesk.ui.widgets import ElidedLabel
from whatdesk.ui.resources import badge_icon, icon, user_guide_path

log = logging.getLogger(__name__)


def _dot_icon(color: str, size: int = 12) -> QIcon:
    """A filled circle: the agent's presence next to their name."""
    from PySide6.QtGui import QColor, QPixmap

    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)

CountsSource = Callable[[], Awaitable[Any]]


def counts_event(counts: Any) -> CountsChanged:
    """CountsChanged from the store's Counts(waiting, unread, bot, open) or a CountsChanged."""
    if isinstance(counts, CountsChanged):
        return counts
    return CountsChanged(waiting_tickets=int(counts.waiting), unread_messages=int(counts.unread),
                         bot_tickets=int(getattr(counts, "bot", 0)),
                         open_tickets=int(getattr(counts, "open", 0)))


class MainWindow(QMainWindow):
    close_requested = Signal()  # the user closed the window or chose Quit: the app shuts down

    def __init__(self, bus: EventBus, connection_service: Any, *,
                 counts: CountsSource | None = None,
                 now: Callable[[], datetime] | None = None,
                 flows: Callable[[], Awaitable[list[Any]]] | None = None,
                 settings: QSettings | None = None,
                 runtime: Any = None, session: Any = None) -> None:
        super().__init__()
        theme.apply_to_app()  # before any widget is built: Qt's own parts follow the scheme
        # who works in this window (whatdesk.ui.session.Session); None: no sign-in (tests of
        # the connection screens), then Settings stays hidden
        self.runtime = runtime
        self.session = session
        self.settings_page: Any = None
        self.setObjectName("mainWindow")
        self.setWindowTitle("whatdesk")
        self.setWindowIcon(icon("whatdesk"))
        self.setMinimumSize(QSize(720, 480))
        self.setAcceptDrops(True)  # a .wdflow.json dropped here is imported and opened
        self._settings = settings or QSettings()
        self._counts_source = counts
        self.counts = CountsChanged(0, 0)
        self.bridge = Bridge(bus, self)
        self.inbox_page: Any = None  # InboxPage, built in load() once the agent is known
        self.flows_page: Any = None  # FlowsPage, built when first shown
        self.contacts_page: Any = None  # ContactsPage, built when first shown (after load)

        self.connections_page = ConnectionsPage(connection_service, self.bridge, now=now,
                                                flows=flows)
        self.pages = QStackedWidget()
        self.inbox_holder = QWidget()
        self.inbox_holder.setObjectName("inboxHolder")
        QVBoxLayout(self.inbox_holder).setContentsMargins(0, 0, 0, 0)
        if runtime is not None:
            self.pages.addWidget(self.inbox_holder)
        self.pages.addWidget(self.connections_page)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self._navigation())
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        # status bar: connection health on the left, waiting/unread on the right
        self.health_dot = QLabel()
        self.health_dot.setFixedSize(12, 12)
        self.health_label = ElidedLabel()
        self.health_label.setObjectName("healthSummary")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("ticketCounts")
        bar = self.statusBar()
        holder = QWidget()
        h = QHBoxLayout(holder)
        h.setContentsMargins(8, 0, 0, 0)
        h.setSpacing(6)
        h.addWidget(self.health_dot)
        h.addWidget(self.health_label)
        bar.addWidget(holder, 1)
        bar.addPermanentWidget(self.counts_label)

        self.about_box: QMessageBox | None = None
        self._make_menu_bar()

        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._make_tray()

        self.connections_page.health_changed.connect(self.refresh_health)
        self.connections_page.message.connect(lambda text: bar.showMessage(text, 8000))
        self.connections_page.error.connect(self.show_error)
        self.bridge.counts_changed.connect(self.set_counts)
        self.bridge.error_raised.connect(self._on_error_raised)
        tasks.set_error_handler(self.show_error)
        self.set_counts(self.counts)
        self.refresh_health()
        self._restore_geometry()

    @classmethod
    def for_runtime(cls, runtime: Any, settings: QSettings | None = None,
                    session: Any = None) -> MainWindow:
        return cls(runtime.bus, runtime.connections, counts=runtime.tickets.counts,
                   now=runtime.clock.now, flows=runtime.flows.list, settings=settings,
                   runtime=runtime, session=session)

    # ---- navigation ---------------------------------------------------------------------
    def _navigation(self) -> QWidget:
        nav = QFrame()
        nav.setObjectName("navigation")
        nav.setFixedWidth(128)
        nav.setStyleSheet(
            "#navigation { background: palette(window); border-right: 1px solid palette(mid); }"
            "#navigation QToolButton { border: none; border-radius: 8px; padding: 6px 2px; }"
            "#navigation QToolButton:checked { background: palette(midlight); font-weight: bold; }"
            "#navigation QToolButton:hover:enabled { background: palette(light); }"
        )
        column = QVBoxLayout(nav)
        column.setContentsMargins(8, 12, 8, 12)
        column.setSpacing(4)
        self.nav_buttons: dict[str, QToolButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        soon = self.tr("Coming soon")
        for key, text, built in (
            ("inbox", self.tr("Inbox"), self.runtime is not None),
            ("flows", self.tr("Flows"), self.runtime is not None),
            ("connections", self.tr("Connections"), True),
            ("contacts", self.tr("Contacts"), self.runtime is not None),
            ("settings", self.tr("Settings"), False),
        ):
            button = QToolButton()
            button.setObjectName(f"nav_{key}")
            button.setText(text)
            button.setIcon(icon(key, theme.palette().text_secondary))  # readable in dark too
            button.setIconSize(QSize(26, 26))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(62)
            button.setEnabled(built)
            button.setToolTip(text if built else soon)
            button.setAccessibleDescription("" if built else soon)
            button.setHidden(not built)  # a screen that does not exist yet is not advertised
            group.addButton(button)
            self.nav_buttons[key] = button
            if key == "settings":
                column.addStretch(1)
            column.addWidget(button)
        self.nav_buttons["connections"].clicked.connect(
            lambda: self.show_page("connections"))
        self.nav_buttons["inbox"].clicked.connect(lambda: self.show_page("inbox"))
        self.nav_buttons["flows"].clicked.connect(lambda: self.show_page("flows"))
        self.nav_buttons["contacts"].clicked.connect(lambda: self.show_page("contacts"))
        self.nav_buttons["settings"].clicked.connect(self.open_settings)
        self._apply_session()
        self.show_page("inbox" if self.runtime is not None else "connections")
        return nav

    def show_page(self, key: str) -> None:
        """Switch to a page ("inbox", "flows", "contacts", "connections") and light its
        navigation button."""
        if key == "flows":
            page = self.ensure_flows_page()
            if page is None:
                return
            tasks.spawn(page.reload(), on_error=page.show_error)
        elif key == "contacts":
            page = self.ensure_contacts_page()
            if page is None:
                self.nav_buttons["contacts"].setChecked(False)
                self.nav_buttons[self._current_key()].setChecked(True)
                return
            tasks.spawn(page.reload())
        else:
            page = self.inbox_holder if key == "inbox" else self.connections_page
        if self.pages.indexOf(page) < 0:
            return
        self.pages.setCurrentWidget(page)
        self.nav_buttons[key].setChecked(True)

    def ensure_flows_page(self) -> Any:
        """The Flows page, built on first use (None without a runtime)."""
        if self.flows_page is None and self.runtime is not None:
            from whatdesk.ui.flows.page import FlowsPage

            self.flows_page = FlowsPage(self.runtime, self.session)
            self.flows_page.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            self.pages.addWidget(self.flows_page)
        return self.flows_page

    def ensure_contacts_page(self) -> Any:
        """The Contacts page, built on first use; it shares the inbox's context (services,
        bus signals, signed-in agent), so None until the inbox is loaded."""
        if self.contacts_page is None and self.inbox_page is not None:
            from whatdesk.ui.contacts.page import ContactsPage

            self.contacts_page = ContactsPage(self.inbox_page.ctx)
            self.contacts_page.open_ticket_requested.connect(self._open_started)
            self.pages.addWidget(self.contacts_page)
        return self.contacts_page

    def _current_key(self) -> str:
        current = self.pages.currentWidget()
        for key, page in (("inbox", self.inbox_holder), ("flows", self.flows_page),
                          ("contacts", self.contacts_page),
                          ("settings", self.settings_page)):
            if page is not None and current is page:
                return key
        return "connections"

    def _open_started(self, ticket_id: int) -> None:
        """A conversation started from Contacts: the inbox shows it."""
        self.show_page("inbox")
        if self.inbox_page is not None:
            self.inbox_page.open_ticket(ticket_id)

    # ---- a .wdflow.json dropped on the window: import it and open it ------------------------
    @staticmethod
    def _dropped_flow(mime: Any) -> str | None:
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".wdflow.json"):
                return str(url.toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if self.runtime is not None and self._dropped_flow(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        path = self._dropped_flow(event.mimeData()) if self.runtime is not None else None
        if path is None:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.show_page("flows")
        page = self.flows_page
        tasks.spawn(page.import_and_open(path), on_error=page.show_error)

    # ---- the signed-in agent --------------------------------------------------------------
    def _apply_session(self) -> None:
        """Settings exists for administrators only; agents do not see the button at all."""
        button = self.nav_buttons["settings"]
        if self.session is None:
            return
        admin = bool(self.session.agent.is_admin)
        button.setEnabled(admin)
        button.setVisible(admin)
        button.setToolTip(self.tr("Agents, queues, quick replies and tags"))
        button.setAccessibleDescription("")
        if not admin and self.pages.currentWidget() is self.settings_page:
            self.nav_buttons["connections"].click()

    def open_settings(self) -> None:
        if self.session is None or not self.session.agent.is_admin:
            return
        if self.settings_page is None:
            from whatdesk.ui.settings.page import SettingsPage

            self.settings_page = SettingsPage(self.runtime, self.session)
            self.pages.addWidget(self.settings_page)
        else:
            self.settings_page.show_section(self.settings_page.stack.currentIndex())
        self.nav_buttons["settings"].setChecked(True)
        self.pages.setCurrentWidget(self.settings_page)

    def _on_agent_changed(self, agent: Any) -> None:
        self._apply_session()
        if self.inbox_page is not None:  # "Mine" and the queues are the new agent's
            self.inbox_page.ctx.agent = agent
            tasks.spawn(self.inbox_page.load())
        if self.contacts_page is not None:  # which contacts an agent sees depends on them
            tasks.spawn(self.contacts_page.reload())
        self.agent_button.setText(agent.name)
        self._show_presence(self.session.presence)
        tasks.spawn(self._refresh_sign_in_actions())

    def _show_presence(self, presence: str) -> None:
        color = {"online": "#25D366", "away": "#E0A100"}.get(presence, "#9AA0A6")
        self.agent_button.setIcon(_dot_icon(color))
        self.agent_button.setToolTip({"online": self.tr("Online"),
                                      "away": self.tr("Away")}.get(presence, ""))
        self.online_action.setChecked(presence == "online")
        self.away_action.setChecked(presence == "away")

    async def _refresh_sign_in_actions(self) -> None:
        """Switch agent / Sign out only mean something with several agents."""
        if self.session is None or self.session.demo:
            return
        several = await self.runtime.agents.needs_sign_in()
        self.switch_action.setVisible(several)
        self.sign_out_action.setVisible(several)

    def switch_agent(self, sign_out: bool = False) -> None:
        tasks.spawn(self._switch_agent(sign_out))

    async def _switch_agent(self, sign_out: bool) -> None:
        from whatdesk.ui.login import ask_sign_in

        old = self.session.agent
        if sign_out:
            await self.runtime.agents.sign_out(old.id, forget=True)
        agent = await ask_sign_in(self.runtime, self, use_remembered=False)
        if agent is None:
            if sign_out:
                self.close()  # signed out and nobody signed in: the app ends
            return
        if agent.id != old.id and not sign_out:
            await self.runtime.agents.set_presence(old.id, "offline")
        self.session.set_agent(agent)

    # ---- menu bar -----------------------------------------------------------------------
    def _make_menu_bar(self) -> None:
        bar = self.menuBar()
        file_menu = self.file_menu = bar.addMenu(self.tr("&File"))
        file_menu.setObjectName("menu_file")
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setObjectName("action_quit")
        # Ctrl+Q everywhere (QKeySequence.Quit is empty on Windows)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        if self.session is not None:
            self._make_session_actions(file_menu)
        file_menu.addAction(self.quit_action)

        help_menu = self.help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.setObjectName("menu_help")
        self.guide_action = QAction(self.tr("&User guide"), self)
        self.guide_action.setObjectName("action_user_guide")
        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide_action.triggered.connect(self.open_user_guide)
        self.about_action = QAction(self.tr("&About whatdesk"), self)
        self.about_action.setObjectName("action_about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.guide_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _make_session_actions(self, file_menu: QMenu) -> None:
        self.online_action = QAction(self.tr("Online"), self)
        self.online_action.setObjectName("action_online")
        self.away_action = QAction(self.tr("Away"), self)
        self.away_action.setObjectName("action_away")
        for action, presence in ((self.online_action, "online"), (self.away_action, "away")):
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, p=presence: self.session.set_presence(p))
        self.switch_action = QAction(self.tr("&Switch agent…"), self)
        self.switch_action.setObjectName("action_switch_agent")
        self.switch_action.triggered.connect(lambda: self.switch_agent(False))
        self.sign_out_action = QAction(self.tr("Sign &out"), self)
        self.sign_out_action.setObjectName("action_sign_out")
        self.sign_out_action.triggered.connect(lambda: self.switch_agent(True))
        self.switch_action.setVisible(False)  # until load() knows there are several agents
        self.sign_out_action.setVisible(False)
        status = file_menu.addMenu(self.tr("&Status"))
        status.setObjectName("menu_presence")
        status.addAction(self.online_action)
        status.addAction(self.away_action)
        file_menu.addAction(self.switch_action)
        file_menu.addAction(self.sign_out_action)
        file_menu.addSeparator()
        file_menu.aboutToShow.connect(lambda: tasks.spawn(self._refresh_sign_in_actions()))
        # the agent's name and presence in the status bar, with the same menu
        self.agent_button = QToolButton()
        self.agent_button.setObjectName("agentButton")
        self.agent_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.agent_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.agent_button.setAutoRaise(True)
        menu = QMenu(self.agent_button)
        menu.addAction(self.online_action)
        menu.addAction(self.away_action)
        menu.addSeparator()
        menu.addAction(self.switch_action)
        menu.addAction(self.sign_out_action)
        self.agent_button.setMenu(menu)
        self.statusBar().addPermanentWidget(self.agent_button)
        self.agent_button.setText(self.session.agent.name)
        self.session.changed.connect(self._on_agent_changed)
        self.session.presence_changed.connect(self._show_presence)
        self._show_presence(self.session.presence)

    def open_user_guide(self) -> None:
        """Open the README (shipped next to the code, or inside the bundle) in the system's
        viewer for it."""
        path = user_guide_path()
        if path is None:
            self.show_error(self.tr("The user guide was not found in this installation."))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.show_error(self.tr("No program could open the user guide ({path}).").format(
                path=str(path)))

    def show_about(self) -> None:
        if self.about_box is not None:
            self.about_box.close()
        box = QMessageBox(QMessageBox.Icon.NoIcon, self.tr("About whatdesk"), "",
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("aboutBox")
        box.setIconPixmap(icon("whatdesk").pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            f"<h3>whatdesk {__version__}</h3><p>"
            + self.tr("Serve your WhatsApp customers from one PC: connections, tickets and "
                      "chatbot flows, all on this computer.")
            + "</p>")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(self._about_closed)
        self.about_box = box
        box.open()

    def _about_closed(self) -> None:
        self.about_box = None

    # ---- loading ------------------------------------------------------------------------
    async def load(self) -> None:
        """Fill the window from the services (called once the runtime has started)."""
        await self.connections_page.reload()
        if self.session is not None:
            await self._refresh_sign_in_actions()
        if self._counts_source is not None:
            self.set_counts(counts_event(await self._counts_source()))
        if self.runtime is not None and self.inbox_page is None:
            await self._load_inbox()

    async def _load_inbox(self) -> None:
        """Build the inbox for the signed-in agent. The first run has nothing to answer:
        it opens on Connections, where a WhatsApp account gets linked."""
        from whatdesk.ui.inbox import shortcuts
        from whatdesk.ui.inbox.context import InboxContext
        from whatdesk.ui.inbox.notifications import Notifier
        from whatdesk.ui.inbox.page import InboxPage

        agent = (self.session.agent if self.session is not None
                 else await self.runtime.agents.ensure_first_admin())
        ctx = InboxContext(self.runtime, self.bridge, agent, self._settings)
        self.inbox_page = InboxPage(ctx)
        self.inbox_holder.layout().addWidget(self.inbox_page)
        shortcuts.install(self.inbox_page, self.help_menu)
        # before Quit: File > Mute notifications
        self.notifier = Notifier(ctx, self, tray=self.tray)
        self.file_menu.insertAction(self.quit_action, self.notifier.mute_action)
        self.notifier.open_requested.connect(self._open_notified)
        if not self.connections_page.model.states():
            self.show_page("connections")
        await self.inbox_page.load()
        await self.notifier.load()

    def _open_notified(self, ticket_id: int) -> None:
        """A desktop notification was clicked: show that conversation."""
        self.bring_to_front()
        self.show_page("inbox")
        if self.inbox_page is not None:
            self.inbox_page.open_ticket(ticket_id)

    # ---- status bar and tray --------------------------------------------------------------
    def refresh_health(self) -> None:
        states = self.connections_page.model.states()
        self.health_label.setText(health_summary(states))
        worst = None
        order = ["#d93025", "#e0a100", "#9aa0a6", "#1fa855"]
        for st in states:
            color = status_color(st).name()
            if color in order and (worst is None or order.index(color) < order.index(worst)):
                worst = color
        self.health_dot.setStyleSheet(
            f"background: {worst or '#9aa0a6'}; border-radius: 6px;")
        self._update_tray()

    def set_counts(self, event: CountsChanged) -> None:
        self.counts = event
        waiting = (self.tr("1 waiting") if event.waiting_tickets == 1 else
                   self.tr("{n} waiting").format(n=event.waiting_tickets))
        unread = (self.tr("1 unread message") if event.unread_messages == 1 else
                  self.tr("{n} unread messages").format(n=event.unread_messages))
        self.counts_label.setText(f"{waiting}  ·  {unread}  ")
        self._update_tray()

    def _make_tray(self) -> None:
        self.tray = QSystemTrayIcon(icon("whatdesk"), self)
        menu = QMenu(self)
        show = QAction(self.tr("Show whatdesk"), menu)
        show.triggered.connect(self.bring_to_front)
        quit_ = QAction(self.tr("Quit"), menu)
        quit_.triggered.connect(self.close)
        menu.addAction(show)
        menu.addSeparator()
        menu.addAction(quit_)
        self.tray.setContextMenu(menu)
        self.tray.activated.connect(
            lambda reason: reason == QSystemTrayIcon.ActivationReason.Trigger
            and self.bring_to_front())
        self.tray.show()

    def tray_icon(self) -> QIcon:
        """The tray picture: the app icon with the unread badge."""
        return badge_icon(icon("whatdesk"), self.counts.unread_messages)

    def tray_tooltip(self) -> str:
        c = self.counts
        if c.unread_messages == 0 and c.waiting_tickets == 0:
            return self.tr("whatdesk — nothing waiting")
        return self.tr("whatdesk — {unread} unread, {waiting} waiting").format(
            unread=c.unread_messages, waiting=c.waiting_tickets)

    def _update_tray(self) -> None:
        if self.tray is None:
            return
        self.tray.setIcon(self.tray_icon())
        self.tray.setToolTip(self.tray_tooltip() + "\n" + self.health_label.text())

    def bring_to_front(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # ---- errors -------------------------------------------------------------------------
    def show_error(self, text: str) -> None:
        """A service call failed: say it plainly, without blocking the loop."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("whatdesk"), text,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        box.setDetailedText(getattr(text, "details", ""))  # raw words behind "Show Details…"
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.statusBar().showMessage(text, 10000)

    def _on_error_raised(self, event: ErrorRaised) -> None:
        # background failures (a send, a reconnect) go to the status bar, not a popup storm
        # in our words when the reason is known; other layers' own sentences otherwise
        known = reason_of(WhatdeskError(event.message, reason=event.reason))
        text = event.message if known is Reason.UNKNOWN else sentence(known)
        self.statusBar().showMessage(text, 15000)

    # ---- geometry and closing -------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self._settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray | bytes) and self.restoreGeometry(QByteArray(geometry)):
            return
        self.resize(1180, 720)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self._settings.setValue("main_window/geometry", self.saveGeometry())
        self._settings.sync()
        tasks.set_error_handler(None)
        self.bridge.detach()
        if self.tray is not None:
            self.tray.hide()
        self.close_requested.emit()
        super().closeEvent(event)
