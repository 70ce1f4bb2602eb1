"""Bootstrap, translations, tray badge and the bus-to-signal bridge."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTimer
from PySide6.QtWidgets import QMessageBox

from whatdesk.app import choose_language, install_translators
from whatdesk.domain.enums import ConnectionStatus
from whatdesk.engine import events as ev
from whatdesk.engine.bus import EventBus
from whatdesk.ui.bridge import Bridge
from whatdesk.ui.resources import badge_icon, icon, resources_dir

TS_FILE = resources_dir() / "i18n" / "whatdesk_pt_BR.ts"


def test_language_follows_the_system_and_the_env_var_overrides() -> None:
    pt = QLocale(QLocale.Language.Portuguese, QLocale.Country.Brazil)
    en = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert choose_language({}, pt) == "pt_BR"
    assert choose_language({}, en) == "en"
    assert choose_language({"WHATDESK_LANG": "pt_BR"}, en) == "pt_BR"
    assert choose_language({"WHATDESK_LANG": "en"}, pt) == "en"
    assert choose_language({"WHATDESK_LANG": "klingon"}, en) == "en"


def test_every_string_in_the_portuguese_translation_is_finished() -> None:
    root = ET.parse(TS_FILE).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 100
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
                  or not "".join(m.find("translation").itertext()).strip()]  # plural forms too
    assert unfinished == []
    assert (TS_FILE.with_suffix(".qm")).stat().st_mtime >= TS_FILE.stat().st_mtime - 1


def test_portuguese_translation_is_applied_to_the_window(
        qapp: Any, runtime: Any, settings: Any, qtbot: Any, arun: Any) -> None:
    from whatdesk.ui.main_window import MainWindow

    translators = install_translators(qapp, "pt_BR")
    try:
        assert translators, "whatdesk_pt_BR.qm was not found"
        win = MainWindow.for_runtime(runtime, settings=settings)
        qtbot.addWidget(win)
        arun(win.load())
        assert win.nav_buttons["connections"].text() == "Conexões"
        assert win.nav_buttons["contacts"].text() == "Contatos"
        assert win.nav_buttons["flows"].text() == "Fluxos"
        assert win.nav_buttons["inbox"].text() == "Atendimentos"
        assert win.connections_page.buttons["add"].text() == "Adicionar conexão"
        assert win.counts_label.text().startswith("0 aguardando")
        assert "Nenhuma conexão" in win.health_label.text()
    finally:
        for t in translators:
            qapp.removeTranslator(t)
        QLocale.setDefault(QLocale(QLocale.Language.English))


def test_unbuilt_screens_are_hidden_not_faked(window: Any) -> None:
    button = window.nav_buttons["settings"]  # (no signed-in agent: no settings)
    assert not button.isEnabled() and button.isHidden()  # no greyed-out dead end
    assert window.nav_buttons["contacts"].isEnabled()
    assert window.nav_buttons["inbox"].isEnabled()
    assert window.nav_buttons["flows"].isEnabled()
    # nothing linked yet: the window opens where a WhatsApp account gets linked
    assert window.nav_buttons["connections"].isChecked()
    assert window.pages.currentWidget() is window.connections_page
    assert window.pages.count() == 2
    assert window.windowTitle() == "whatdesk"


def test_window_geometry_is_remembered(runtime: Any, settings: Any, qtbot: Any) -> None:
    from whatdesk.ui.main_window import MainWindow

    first = MainWindow.for_runtime(runtime, settings=settings)
    qtbot.addWidget(first)
    first.resize(790, 590)  # within the offscreen screen (800x600)
    first.show()
    first.close()
    second = MainWindow.for_runtime(runtime, settings=settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (790, 590)


def test_tray_badge_shows_the_unread_count_in_red(qapp: Any) -> None:
    plain = badge_icon(icon("whatdesk"), 0).pixmap(64, 64).toImage()
    badged = badge_icon(icon("whatdesk"), 7).pixmap(64, 64).toImage()
    corner = badged.pixelColor(58, 10)
    assert corner.red() > 180 and corner.green() < 90  # the red badge
    assert plain.pixelColor(58, 10) != corner


def test_bridge_reemits_every_bus_event_as_its_signal(qapp: Any) -> None:
    bus = EventBus()
    bridge = Bridge(bus)
    now = datetime(2025, 1, 6, tzinfo=UTC)
    cases = {
        "connection_status_changed": ev.ConnectionStatusChanged(1, ConnectionStatus.CONNECTED),
        "qr_code_changed": ev.QRCodeChanged(1, "2@x", now),
        "pairing_code_changed": ev.PairingCodeChanged(1, "ABCD-EFGH"),
        "connections_changed": ev.ConnectionsChanged(1),
        "message_created": ev.MessageCreated(1, 1, 1, 1, "in", "text", "oi", False, True),
        "message_updated": ev.MessageUpdated(1, 1),
        "ticket_changed": ev.TicketChanged(1, "pending"),
        "counts_changed": ev.CountsChanged(2, 3),
        "error_raised": ev.ErrorRaised("falhou"),
    }
    received: dict[str, object] = {}
    for name in cases:
        getattr(bridge, name).connect(lambda e, n=name: received.__setitem__(n, e))
    for event in cases.values():
        bus.publish(event)
    assert received == cases
    bridge.detach()
    bus.publish(ev.CountsChanged(9, 9))
    assert received["counts_changed"] == ev.CountsChanged(2, 3)


def test_unusable_data_dir_shows_a_readable_error_and_exits_1(
        qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from whatdesk import app

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    assert app.run(not_a_dir, None, demo=False) == 1
    assert len(shown) == 1 and str(not_a_dir) in shown[0] and "Traceback" not in shown[0]


def test_demo_links_the_sandbox_customers_write_in_and_the_app_exits_cleanly(
        qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole `whatdesk --demo` path: run() returns 0 after the window closes (no hang),
    and the demo's session went through the vault (sealed, nothing in clear)."""
    import keyring

    from whatdesk import app
    from whatdesk.secrets.memory import MemoryKeyring
    from whatdesk.ui.main_window import MainWindow

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    (tmp_path / "run").mkdir(mode=0o700)

    seen: dict[str, str] = {}

    def poll() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)
                   and w.isVisible()]
        if not windows:
            return
        win = windows[0]
        seen["health"] = win.health_label.text()
        seen["counts"] = win.counts_label.text()
        if "1 connected" in seen["health"] and not seen["counts"].startswith("0 waiting"):
            timer.stop()
            win.close()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(100)
    guard = QTimer()  # never hang the suite: close whatever is open after 30 s
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: [w.close() for w in qapp.topLevelWidgets()
                                   if isinstance(w, MainWindow)])
    guard.start(30_000)
    try:
        assert app.run(tmp_path / "demo", None, demo=True) == 0
    finally:
        timer.stop()
        guard.stop()
        keyring.set_keyring(previous)
    assert seen["health"] == "1 connection: 1 connected"
    sealed = list((tmp_path / "demo" / "sessions").glob("sandbox-*.vault"))
    assert len(sealed) == 1
    clear = [p for root in (tmp_path / "demo" / "sessions", tmp_path / "run")
             for p in root.rglob("*") if p.is_file() and b'"account"' in p.read_bytes()]
    assert clear == []
    assert not seen["counts"].startswith("0 waiting")
    QCoreApplication.processEvents()
