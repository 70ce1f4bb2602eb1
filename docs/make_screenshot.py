"""Regenerate docs/screenshot-main.png: the `--demo` app, its connection linked, drawn offscreen.

Usage: python docs/make_screenshot.py [OUT.png]   (default: docs/screenshot-main.png)
A fresh data folder and a throwaway settings file are used, so your own data and window
geometry are never touched. The picture is taken only once the demo connection is linked
and simulated customers have written in (the first conversation is opened); otherwise nothing is written and the exit code is 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "screenshot-main.png"
SIZE = (1366, 768)  # the most common laptop screen


def capture(out: Path, timeout_s: float = 90.0, settle_ms: int = 2500) -> str | None:
    """Run the demo app until it is linked and busy, save the main window to `out`; returns
    the status-bar health text it showed, or None when it never got there."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from whatdesk import app as desktop
    from whatdesk.ui.main_window import MainWindow

    import keyring

    from whatdesk.secrets.memory import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())  # as on a desktop with a keyring: no key dialog
    shot: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="whatdesk-shot-") as tmp:
        # the window restores and saves its geometry through QSettings(): keep it in tmp
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)

        def window() -> MainWindow | None:
            found = [w for w in app.topLevelWidgets()
                     if isinstance(w, MainWindow) and w.isVisible()]
            return found[0] if found else None

        def take() -> None:
            win = window()
            if win is None:
                return
            health = win.health_label.text()
            if win.grab().save(str(out), "PNG"):
                shot["health"] = health
            win.close()

        def poll() -> None:
            win = window()
            if win is None or "taken" in shot:
                return
            if win.size().width() != SIZE[0]:
                win.resize(*SIZE)
            linked = "1 connected" in win.health_label.text() or \
                "1 conectada" in win.health_label.text()
            page = win.inbox_page
            busy = page is not None and page.tickets.model.rowCount() >= 1
            if linked and busy:
                shot["taken"] = "yes"
                poller.stop()
                page.tickets.select_next()  # a conversation open, as an agent sees it
                QTimer.singleShot(settle_ms, take)  # let the rows and the status bar settle

        def give_up() -> None:
            win = window()
            if win is not None and "taken" not in shot:
                win.close()

        poller = QTimer()
        poller.timeout.connect(poll)
        poller.start(100)
        guard = QTimer()
        guard.setSingleShot(True)
        guard.timeout.connect(give_up)
        guard.start(int(timeout_s * 1000))
        try:
            desktop.run(Path(tmp) / "data", None, demo=True)
        finally:
            poller.stop()
            guard.stop()
    return shot.get("health")


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else DEFAULT_OUT
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # the app speaks to Brazilian shops first (WHATDESK_LANG=en for an English picture)
    os.environ.setdefault("WHATDESK_LANG", "pt_BR")
    health = capture(out)
    if health is None:
        print("the demo connection did not link in time: no screenshot written", file=sys.stderr)
        return 1
    print(f"{out}: {health}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing
    sys.exit(main(sys.argv[1:]))
