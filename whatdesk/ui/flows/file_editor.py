"""`whatdesk flow edit FILE`: the flow editor on a .wdflow.json file; Save writes it back."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QToolBar

from whatdesk.flows import Flow, save_file
from whatdesk.flows import validate as validate_flow
from whatdesk.ui.flows.page import EditorFactory, editor_factory_for
from whatdesk.ui.theme import palette

translate = QCoreApplication.translate


class FileEditorWindow(QMainWindow):
    """One flow file in the editor. Nothing touches the app's database."""

    def __init__(self, path: Path, flow: Flow, editor_factory: EditorFactory) -> None:
        super().__init__()
        self.setObjectName("flowFileEditor")
        self.path = Path(path)
        self.flow = flow
        self.editor = editor_factory(flow, False)
        self.modified = False
        self.setCentralWidget(self.editor)
        bar = QToolBar()
        bar.setMovable(False)
        self.addToolBar(bar)
        self.save_action = QAction(translate("FileEditorWindow", "Save"), self)
        self.save_action.setObjectName("actionSave")
        self.save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_action.triggered.connect(self.save)
        bar.addAction(self.save_action)
        self.state = QLabel()
        self.state.setObjectName("fileState")
        self.state.setStyleSheet(f"color: {palette().text_secondary}; padding-left: 12px;")
        bar.addWidget(self.state)
        self.editor.flow.flow_changed.connect(self._changed)
        self.resize(1200, 760)
        self._show_state()

    def _changed(self) -> None:
        self.modified = True
        self._show_state()

    def _show_state(self) -> None:
        name = self.editor.flow.name or self.path.name
        self.setWindowTitle(f"{'• ' if self.modified else ''}{name} — {self.path.name}")
        report = validate_flow(self.editor.flow)
        self.state.setText(translate("FileEditorWindow", "{path} · {errors} errors, {warnings} "
                                     "warnings").format(path=str(self.path),
                                                        errors=len(report.errors),
                                                        warnings=len(report.warnings)))

    def save(self) -> bool:
        """Write the file (atomically: a crash never leaves half a flow)."""
        try:
            save_file(self.editor.flow, self.path)
        except OSError as exc:
            QMessageBox.warning(self, "whatdesk", translate(
                "FileEditorWindow", "Could not write {path}: {reason}").format(
                path=str(self.path), reason=exc.strerror or str(exc)))
            return False
        self.modified = False
        self._show_state()
        self.statusBar().showMessage(translate("FileEditorWindow", "Saved."), 4000)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.modified:
            answer = QMessageBox.question(
                self, "whatdesk", translate("FileEditorWindow", "Save the changes to {name}?")
                .format(name=self.path.name),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel or (
                    answer == QMessageBox.StandardButton.Save and not self.save()):
                event.ignore()
                return
        super().closeEvent(event)


def run(path: Path, flow: Flow, data_dir: Path | None = None) -> int:
    """Open the window and run until it closes. 0, or 3 when this build has no editor."""
    try:
        from whatdesk.ui.flows.flow_form import FLOW_FIELD_NAMES

        factory = editor_factory_for(data_dir, flow_fields=FLOW_FIELD_NAMES)
    except ImportError:
        return 3
    app: Any = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("whatdesk")
    from whatdesk.app import install_translators

    translators = install_translators(app)  # noqa: F841 (kept alive while the window runs)
    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    closed = loop.create_future()

    def show() -> None:  # inside the running loop: the test chat starts playing at once
        window = FileEditorWindow(path, flow, factory)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda *_: closed.done() or closed.set_result(0))
        window.show()
    loop.call_soon(show)
    try:
        return int(loop.run_until_complete(closed))
    finally:
        loop.close()
        asyncio.set_event_loop(None)
