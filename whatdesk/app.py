"""Qt bootstrap: QApplication + qasync loop, translations, the Runtime, the main window."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from whatdesk import i18n

log = logging.getLogger(__name__)

DEMO_CONNECTION_NAME = "Demonstração"
DEMO_FIRST_CUSTOMERS = 8  # customers writing in the moment a new demo opens


def choose_language(env: Mapping[str, str] | None = None, system: QLocale | None = None) -> str:
    """pt_BR or en (see whatdesk.i18n.choose_language); Qt supplies the system locale."""
    system = system or QLocale.system()
    return i18n.choose_language(env, system.name())


def install_translators(app: QCoreApplication, language: str | None = None) -> list[QTranslator]:
    """Load whatdesk's and Qt's own translations (standard buttons, context menus).

    Returns the installed translators (keep them alive; the app holds no reference)."""
    from whatdesk.ui.resources import resources_dir

    language = language or choose_language()
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    candidates = [
        (f"whatdesk_{language}", str(resources_dir() / "i18n")),
        (f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ]
    for name, folder in candidates:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("translation %s not found in %s", name, folder)
    QLocale.setDefault(QLocale(language))
    return installed



def run(data_dir: Path, database_url: str | None, demo: bool, *,
        session_key: str | None = None, passphrase_file: Path | None = None) -> int:
    """Run the desktop app until the window closes; returns the process exit code.

    ``session_key`` ("keyring" | "passphrase" | "unencrypted", default: the choice saved in
    the data folder, else the keyring) and ``passphrase_file`` pick how sessions are sealed."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("whatdesk")
    app.setOrganizationName("whatdesk")
    from whatdesk.ui.resources import icon

    app.setWindowIcon(icon("whatdesk"))
    translators = install_translators(app)  # noqa: F841 (kept alive for the app's lifetime)
    app.setQuitOnLastWindowClosed(False)  # we quit after the runtime has stopped every client

    import qasync

    from whatdesk.domain.errors import WhatdeskError
    from whatdesk.services.runtime import Runtime, tune_gc

    sandbox = None
    if demo:
        from whatdesk.channels.sandbox import SandboxNetwork

        sandbox = SandboxNetwork()
    try:
        from whatdesk.paths import prepare_data_dir

        data_dir = prepare_data_dir(Path(data_dir))  # DataDirError before any key question
        vault = open_vault(data_dir, session_key, passphrase_file)
        if vault is None:  # the user quit the key dialog: nothing opens, nothing changes
            return 0
        runtime = Runtime.open(Path(data_dir), database_url, sandbox=sandbox, vault=vault)
        tune_gc()  # after start-up: the long-lived heap is frozen out of collection
    except WhatdeskError as exc:  # StoreError, DataDirError: readable text, no traceback
        log.error("cannot open the database: %s", exc)
        _fatal(exc, data_dir)
        return 1

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        return loop.run_until_complete(_session(runtime, demo))
    except WhatdeskError as exc:
        log.error("whatdesk stopped: %s", exc)
        _fatal(exc, data_dir)
        return 1
    finally:
        loop.close()
        asyncio.set_event_loop(None)


def open_vault(data_dir: Path, session_key: str | None, passphrase_file: Path | None) -> Any:
    """The session vault with the key the user chose (dialogs when the keyring cannot be
    used or a passphrase is needed); None when the user quits."""
    from whatdesk.secrets.keys import KeyMode, read_passphrase_file
    from whatdesk.secrets.vault import SessionVault
    from whatdesk.ui.connections.vault_dialogs import ask_session_key

    mode = KeyMode(session_key) if session_key else None
    passphrase = None
    if passphrase_file is not None:
        passphrase = read_passphrase_file(passphrase_file)
        mode = mode or KeyMode.PASSPHRASE
    key = ask_session_key(data_dir, mode, passphrase, from_file=passphrase is not None)
    if key is None:
        return None
    vault = SessionVault(data_dir.expanduser().resolve(), key)
    vault.rekey()  # the user switched away from the keyring: nothing is left locked by it
    return vault


def _fatal(exc: BaseException, data_dir: Path) -> None:
    """Say in the user's language why the app cannot start; the raw error under Details."""
    from whatdesk.domain.reasons import Reason, reason_of
    from whatdesk.ui.reasons import reason_advice, reason_text

    title = QCoreApplication.translate("App", "whatdesk cannot start")
    reason = reason_of(exc)
    if reason is Reason.DATA_DIR_UNUSABLE:
        text = QCoreApplication.translate(
            "App", "The data folder “{path}” cannot be used.").format(path=data_dir)
    else:
        text = reason_text(reason)
    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
    box.setInformativeText(reason_advice(reason) or QCoreApplication.translate(
        "App", "Check the data folder and try again. Nothing was changed."))
    box.setDetailedText(str(exc))
    box.exec()


async def _session(runtime: Any, demo: bool) -> int:
    """Everything between opening the database and closing it."""
    from whatdesk.ui import tasks
    from whatdesk.ui.login import ask_sign_in
    from whatdesk.ui.main_window import MainWindow
    from whatdesk.ui.session import Session

    if demo:  # the demo has one agent, the administrator: no sign-in
        agent = await runtime.agents.ensure_first_admin()
        await runtime.agents.set_presence(agent.id, "online")
        agent = await runtime.agents.get(agent.id)
    else:
        agent = await ask_sign_in(runtime)
        if agent is None:  # the login dialog was cancelled: nothing opens
            await runtime.close()
            return 0
    session = Session(runtime, agent, demo=demo)
    closed = asyncio.Event()
    window = MainWindow.for_runtime(runtime, session=session)
    window.close_requested.connect(closed.set)
    # Ctrl+C in the terminal: Python only sees the signal when it gets control, so wake up often
    previous_sigint = signal.signal(signal.SIGINT, lambda *_: window.close())
    wake = QTimer()
    wake.start(300)
    wake.timeout.connect(lambda: None)
    driver = None
    try:
        window.show()
        await runtime.start()
        if demo:
            driver = await start_demo(runtime)
        tasks.spawn(window.load())
        await closed.wait()
    finally:
        wake.stop()
        signal.signal(signal.SIGINT, previous_sigint)
        if driver is not None:
            with contextlib.suppress(Exception):
                await driver.stop()
        await tasks.cancel_all()
        with contextlib.suppress(Exception):
            await session.sign_off()  # offline for the other desktops
        await runtime.close()  # stops every client BEFORE the loop closes (or exit hangs)
        window.deleteLater()
    return 0


async def start_demo(runtime: Any) -> Any:
    """Ensure the "Demonstração" sandbox connection exists and is linked, and start the driver
    that makes simulated customers write in. The driver's phone scans every QR code the demo
    connection shows, so the demo links again after a log-out (here or in an earlier run).
    Returns the driver (``await driver.stop()`` on exit)."""
    from whatdesk.channels.sandbox import DEMO_PUSH_NAME, DemoDriver
    from whatdesk.domain.enums import ConnectionStatus
    from whatdesk.services.demo import prepare_demo_shop
    from whatdesk.services.runtime import sandbox_account_phone

    service = runtime.connections
    rows = await service.list()
    row = next((r for r in rows if r.channel == "sandbox" and r.name == DEMO_CONNECTION_NAME),
               None)
    if row is None:
        row = await service.create(DEMO_CONNECTION_NAME, "sandbox", is_default=not rows)
    await prepare_demo_shop(runtime, row.id)  # queues and a welcome menu: every list fills
    network = runtime.sandbox
    phone = sandbox_account_phone(row.id)
    network.account(phone, DEMO_PUSH_NAME)
    driver = DemoDriver(network, phone)
    driver.start()  # before connecting: its phone scans the code the connection will show
    if service.live_status(row.id)[0] is not ConnectionStatus.CONNECTED:
        await service.connect(row.id)
        # open on a linked demo when possible; the user can still watch it link if slow
        for _ in range(100):
            if service.live_status(row.id)[0] is ConnectionStatus.CONNECTED:
                break
            await asyncio.sleep(0.1)
    counts = await runtime.tickets.counts()
    if counts.waiting + counts.bot + counts.open == 0:
        # A new demo opens on customers already writing in, not on an empty inbox.
        driver.open_conversations(DEMO_FIRST_CUSTOMERS)
    return driver
