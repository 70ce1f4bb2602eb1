"""Desktop UI (PySide6): main window, connection manager, dialogs, the bus-to-Qt bridge."""
