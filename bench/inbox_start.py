"""Start probe for bench/inbox.py: runs the real `python -m whatdesk --data-dir DIR` entry
point and prints one JSON line with the wall-clock time at which the first event-loop
iteration after the main window's show() ran, then closes the window (a normal exit). The
agent is signed in as a remembered one would be (no dialog).

    QT_QPA_PLATFORM=offscreen python bench/inbox_start.py --data-dir DIR
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    from PySide6.QtCore import QTimer

    from whatdesk.cli import main as whatdesk_main
    from whatdesk.ui import main_window

    original_show = main_window.MainWindow.show

    def show(self: main_window.MainWindow) -> None:
        original_show(self)

        def ready() -> None:
            print(json.dumps({"ready_wall": time.time(), "rss_mb": round(
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}), flush=True)
            self.close()  # the app shuts down as when the user closes it

        QTimer.singleShot(0, ready)

    main_window.MainWindow.show = show  # type: ignore[method-assign]

    from whatdesk.ui import login

    async def remembered_admin(runtime: object, *_: object, **__: object) -> object:
        """The database has several agents: sign in as "remember me" would, with no dialog
        (the keyring read it replaces costs a few ms)."""
        return await runtime.agents.ensure_first_admin()  # type: ignore[attr-defined]

    login.ask_sign_in = remembered_admin  # type: ignore[assignment]

    import keyring

    from whatdesk.secrets.memory import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())  # a desktop's keyring: the session key, no dialog
    return whatdesk_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
