"""The Flows page: the list of chatbot flows, their actions, and the editor opened on one."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from whatdesk.flows import Flow, load
from whatdesk.services.flows import FlowSummary, PublishRefused, flow_templates
from whatdesk.ui import tasks
from whatdesk.ui.settings.common import (
    Column,
    FormDialog,
    Section,
    confirm,
    danger_button,
    primary_button,
)
from whatdesk.ui.theme import palette

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate finds calls named "translate"

EditorFactory = Callable[[Flow, bool], Any]


def editor_factory_for(data_dir: Path | None = None, resolver: Any = None,
                       flow_fields: tuple[str, ...] | None = None) -> EditorFactory:
    """Opens the editor with its panels; attachments come from `data_dir`'s flow-media and a
    go_to_flow in the test chat finds its flow through `resolver`; `flow_fields`: the flow
    properties its Properties panel edits (default: those the flows page does not)."""
    from whatdesk.ui.flows.workbench import build_editor

    def open_editor(flow: Flow, read_only: bool) -> Any:
        extra = {} if flow_fields is None else {"flow_fields": flow_fields}
        return build_editor(flow, read_only, data_dir=data_dir, resolver=resolver,
                            locale=flows_locale(), **extra)
    return open_editor


def default_editor_factory(runtime: Any = None) -> EditorFactory | None:
    """The editor factory for this runtime, or None when this build has no editor (then no
    Open buttons)."""
    try:
        return editor_factory_for(getattr(runtime, "data_dir", None),
                                  getattr(runtime, "flow_runner", None))
    except ImportError:
        log.warning("the flow editor is not available in this build")
        return None


def flows_locale() -> str:
    """The flows layer's language key for the window's language."""
    return "pt" if QLocale().language() == QLocale.Language.Portuguese else "en"


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def status_text(item: FlowSummary) -> str:
    version = item.row.published_version
    if item.status == "draft":
        return translate("FlowsPage", "Draft (never published)")
    if item.status == "modified":
        return translate("FlowsPage", "Published v{n} · draft changed").format(n=version)
    return translate("FlowsPage", "Published v{n}").format(n=version)


def status_color(item: FlowSummary) -> str:
    return {"published": palette().accent, "modified": "#E0A100"}.get(
        item.status, palette().text_secondary)


def problems_text(item: FlowSummary) -> str:
    parts = []
    if item.errors:
        parts.append(translate("FlowsPage", "1 error") if item.errors == 1 else
                     translate("FlowsPage", "{n} errors").format(n=item.errors))
    if item.warnings:
        parts.append(translate("FlowsPage", "1 warning") if item.warnings == 1 else
                     translate("FlowsPage", "{n} warnings").format(n=item.warnings))
    return ", ".join(parts) or translate("FlowsPage", "None")


def triggers_text(item: FlowSummary) -> str:
    words = []
    for trig in item.triggers:
        keyword = str(trig.get("keyword", ""))
        words.append(f"“{keyword}”" if trig.get("match") == "contains" else
                     translate("FlowsPage", "“{keyword}” (exact)").format(keyword=keyword))
    return ", ".join(words) or "—"


# ---- dialogs ------------------------------------------------------------------------------

class NewFlowDialog(FormDialog):
    """Name and what to start from: a blank flow or one of the shipped examples."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("FlowsPage", "New flow"), parent)
        self.setObjectName("newFlowDialog")
        self.name = QLineEdit()
        self.name.setObjectName("flowName")
        self.name.setPlaceholderText(translate("FlowsPage", "Welcome, Sales, After hours…"))
        self.start = QComboBox()
        self.start.setObjectName("flowTemplate")
        self.start.addItem(translate("FlowsPage", "Blank flow (just a Start node)"), None)
        for template in flow_templates():
            self.start.addItem(translate("FlowsPage", "Example: {name}").format(
                name=template.name), template)
        self.form.addRow(translate("FlowsPage", "Name"), self.name)
        self.form.addRow(translate("FlowsPage", "Start from"), self.start)
        self.save_button.setText(translate("FlowsPage", "Create"))  # nothing to save yet

    def check(self) -> str:
        if self.name.text().strip() or self.start.currentData() is not None:
            return ""
        return translate("FlowsPage", "Give the flow a name.")


class NameDialog(FormDialog):
    def __init__(self, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName("renameFlowDialog")
        self.name = QLineEdit(name)
        self.name.setObjectName("flowName")
        self.form.addRow(translate("FlowsPage", "Name"), self.name)

    def check(self) -> str:
        return "" if self.name.text().strip() else translate("FlowsPage", "Give the flow a name.")


class PublishDialog(FormDialog):
    """Publishing asks what changed: the note goes into the version history."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(translate("FlowsPage", "Publish “{name}”").format(name=name), parent)
        self.setObjectName("publishDialog")
        about = QLabel(translate(
            "FlowsPage", "New conversations will use this version. Conversations already "
            "running finish on the version they started with."))
        about.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setObjectName("publishNote")
        self.note.setPlaceholderText(translate("FlowsPage", "What changed? (optional)"))
        self.form.addRow(about)
        self.form.addRow(translate("FlowsPage", "Note"), self.note)
        self.save_button.setText(translate("FlowsPage", "Publish"))


class PublishRefusedDialog(QDialog):
    """The draft has errors: they are listed, nothing was published."""

    def __init__(self, name: str, refused: PublishRefused, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publishRefused")
        self.setWindowTitle(translate("FlowsPage", "Not published"))
        self.setMinimumWidth(480)
        locale = flows_locale()
        head = QLabel(translate(
            "FlowsPage", "“{name}” was not published: fix these errors first (the flow "
            "cannot run with them).").format(name=name))
        head.setWordWrap(True)
        self.errors = QListWidget()
        self.errors.setObjectName("publishErrors")
        for finding in refused.errors:
            where = f"[{finding.node}] " if finding.node else ""
            self.errors.addItem(f"{where}{finding.message(locale)}")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        column = QVBoxLayout(self)
        column.addWidget(head)
        column.addWidget(self.errors)
        column.addWidget(buttons)


class TriggersDialog(FormDialog):
    """Keywords that start this flow for a new conversation (case and accents ignored)."""

    def __init__(self, name: str, triggers: tuple[dict[str, Any], ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(translate("FlowsPage", "Keyword triggers of “{name}”").format(
            name=name), parent)
        self.setObjectName("triggersDialog")
        self.setMinimumWidth(520)
        about = QLabel(translate(
            "FlowsPage", "A new conversation whose first message matches a keyword starts "
            "this flow instead of the connection's welcome flow. Case and accents are "
            "ignored. Changes apply when the flow is published."))
        about.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("triggersTable")
        self.table.setHorizontalHeaderLabels([translate("FlowsPage", "Keyword"),
                                              translate("FlowsPage", "Matches when the message")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        add = QPushButton(translate("FlowsPage", "Add keyword"))
        add.setObjectName("addTrigger")
        add.clicked.connect(lambda: self.add_row("", "contains"))
        remove = QPushButton(translate("FlowsPage", "Remove"))
        remove.setObjectName("removeTrigger")
        remove.clicked.connect(self.remove_row)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        self.form.addRow(about)
        self.form.addRow(self.table)
        self.form.addRow(row)
        for trig in triggers:
            self.add_row(str(trig.get("keyword", "")), str(trig.get("match", "exact")))

    def add_row(self, keyword: str, match: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        edit = QLineEdit(keyword)
        edit.setObjectName("triggerKeyword")
        edit.setFrame(False)
        self.table.setCellWidget(row, 0, edit)
        kind = QComboBox()
        kind.setObjectName("triggerMatch")
        kind.addItem(translate("FlowsPage", "contains it"), "contains")
        kind.addItem(translate("FlowsPage", "is exactly it"), "exact")
        kind.setCurrentIndex(max(0, kind.findData(match)))
        self.table.setCellWidget(row, 1, kind)
        edit.setFocus()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)

    def triggers(self) -> list[dict[str, str]]:
        out = []
        for row in range(self.table.rowCount()):
            keyword = self.table.cellWidget(row, 0).text().strip()  # type: ignore[attr-defined]
            if keyword:
                out.append({"keyword": keyword,
                            "match": self.table.cellWidget(row, 1).currentData()})  # type: ignore[attr-defined]
        return out


class WelcomeFlowsDialog(FormDialog):
    """Which published flow greets new conversations on each connection."""

    def __init__(self, connections: list[Any], flows: list[FlowSummary],
                 parent: QWidget | None = None) -> None:
        super().__init__(translate("FlowsPage", "Welcome flows"), parent)
        self.setObjectName("welcomeFlowsDialog")
        about = QLabel(translate(
            "FlowsPage", "Every new conversation on a connection starts its welcome flow "
            "(keyword triggers of other flows come first). Only published flows are listed."))
        about.setWordWrap(True)
        self.form.addRow(about)
        self.choices: dict[int, QComboBox] = {}
        for conn in connections:
            box = QComboBox()
            box.setObjectName(f"welcome_{conn.id}")
            box.addItem(translate("FlowsPage", "None: wait for an agent"), None)
            for item in flows:
                if item.row.published_version is not None:
                    box.addItem(item.name, item.id)
            box.setCurrentIndex(max(0, box.findData(conn.welcome_flow_id)))
            self.choices[conn.id] = box
            self.form.addRow(conn.name, box)
        if not connections:
            self.form.addRow(QLabel(translate(
                "FlowsPage", "No connections yet: link a WhatsApp account under Connections.")))

    def chosen(self) -> dict[int, str | None]:
        return {cid: box.currentData() for cid, box in self.choices.items()}


async def ask_restore(parent: QWidget, name: str) -> bool:
    """The app stopped before the last edits of this flow were saved: use them?"""
    import asyncio

    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, translate("FlowsPage", "Unsaved changes"),
                      translate("FlowsPage", "“{name}” has changes that were not saved "
                                "(whatdesk closed before saving them). Restore them?").format(
                          name=name),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("restoreJournalBox")
    yes = box.addButton(translate("FlowsPage", "Restore changes"),
                        QMessageBox.ButtonRole.AcceptRole)
    yes.setObjectName("restoreYes")
    no = box.addButton(translate("FlowsPage", "Discard them"), QMessageBox.ButtonRole.RejectRole)
    no.setObjectName("restoreNo")
    box.setDefaultButton(yes)
    done = asyncio.get_running_loop().create_future()
    box.finished.connect(lambda _code: done.done() or done.set_result(box.clickedButton()))
    box.open()
    return await done is yes


# ---- the editor, hosted in the page -----------------------------------------------------

PERIODS = (("off", 0), ("today", 1), ("7d", 7), ("30d", 30))


class EditorHost(QWidget):
    """One open flow: a toolbar (back, name, analytics period, history, publish) over the
    editor. A draft is autosaved; a read-only version (from the history) is not."""

    closed = Signal()

    def __init__(self, page: FlowsPage, flow_id: str, editor: Any, *, read_only: bool,
                 title: str, autosaver: Any = None) -> None:
        super().__init__()
        self.setObjectName("flowEditorHost")
        self.page = page
        self.flow_id = flow_id
        self.editor = editor
        self.read_only = read_only
        self.autosaver = autosaver
        bar = QWidget()
        bar.setObjectName("editorBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(12, 8, 12, 8)
        back = QToolButton()
        back.setObjectName("editorBack")
        back.setText(translate("FlowsPage", "← Flows"))
        back.setAutoRaise(True)
        back.clicked.connect(self.close_editor)
        self.title = QLabel(title)
        self.title.setObjectName("editorTitle")
        self.title.setStyleSheet("font-weight: bold;")
        self.saved_label = QLabel()
        self.saved_label.setObjectName("editorSaved")
        self.saved_label.setStyleSheet(f"color: {palette().text_secondary};")
        self.period = QComboBox()
        self.period.setObjectName("analyticsPeriod")
        for key, label in zip([p[0] for p in PERIODS], (
                translate("FlowsPage", "Analytics: off"), translate("FlowsPage", "Today"),
                translate("FlowsPage", "Last 7 days"), translate("FlowsPage", "Last 30 days")),
                strict=True):
            self.period.addItem(label, key)
        self.period.currentIndexChanged.connect(lambda _i: self.show_analytics())
        row.addWidget(back)
        row.addWidget(self.title)
        row.addWidget(self.saved_label)
        self.analytics_label = QLabel()  # what the chosen period adds up to
        self.analytics_label.setObjectName("analyticsSummary")
        self.analytics_label.setStyleSheet(f"color: {palette().text_secondary};")
        row.addStretch(1)
        row.addWidget(self.analytics_label)
        row.addWidget(self.period)
        if not read_only:
            history = QPushButton(translate("FlowsPage", "History…"))
            history.setObjectName("editorHistory")
            history.clicked.connect(lambda: page.show_history(flow_id))
            publish = primary_button(translate("FlowsPage", "Publish…"))
            publish.setObjectName("editorPublish")
            publish.clicked.connect(lambda: page.publish(flow_id))
            row.addWidget(history)
            row.addWidget(publish)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(bar)
        column.addWidget(editor, 1)
        if autosaver is not None:  # bound methods: nothing is called once the host is gone
            autosaver.saved.connect(self._draft_saved)
            autosaver.failed.connect(self._draft_not_saved)
            autosaver.dirtied.connect(self._draft_editing)

    def _draft_saved(self, _row: Any = None) -> None:
        self.saved_label.setText(translate("FlowsPage", "Draft saved"))

    def _draft_not_saved(self, text: str) -> None:
        self.saved_label.setText(translate("FlowsPage", "Not saved: {reason}").format(
            reason=text))

    def _draft_editing(self) -> None:
        self.saved_label.setText(translate("FlowsPage", "Editing…"))

    def period_range(self) -> tuple[datetime, datetime] | None:
        key = self.period.currentData()
        days = dict(PERIODS).get(key, 0)
        if not days:
            return None
        now = self.page.runtime.clock.now()
        local_midnight = now.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        return local_midnight - timedelta(days=days - 1), now + timedelta(seconds=1)

    def show_analytics(self) -> None:
        span = self.period_range()
        if span is None:
            self.editor.set_analytics(None)
            self.analytics_label.clear()
            return
        tasks.spawn(self.page.runtime.flows.analytics(self.flow_id, *span),
                    on_success=self._show_analytics, on_error=self.page.show_error)

    def _show_analytics(self, data: Any) -> None:
        self.editor.set_analytics(data)
        n = int(getattr(data, "conversations", 0) or 0)
        if n == 0:  # zeros on every card would look like a fault: say why instead
            text = translate("FlowsPage", "No conversation went through the published flow "
                             "in this period.")
        elif n == 1:
            text = translate("FlowsPage", "1 conversation in this period")
        else:
            text = translate("FlowsPage", "{n} conversations in this period").format(n=n)
        self.analytics_label.setText(text)

    def close_editor(self) -> None:
        tasks.spawn(self.finish(), on_error=self.page.show_error)

    async def finish(self) -> None:
        if self.autosaver is not None:
            await self.autosaver.close()
        self.closed.emit()


# ---- the list ---------------------------------------------------------------------------

class FlowsPage(QWidget):
    """The flows of this business: status, problems, where they are used; create, import,
    export, publish, history; the editor opens in place."""

    message = Signal(str)  # a short confirmation for the status bar

    def __init__(self, runtime: Any, session: Any = None,
                 editor_factory: EditorFactory | None | str = "default",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flowsPage")
        self.runtime = runtime
        self.session = session
        self.editor_factory: EditorFactory | None = (
            default_editor_factory(runtime) if editor_factory == "default" else editor_factory)  # type: ignore[assignment]
        self.host: EditorHost | None = None
        self.list = FlowsList(self)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.stack)

    @property
    def flows(self) -> Any:
        return self.runtime.flows

    def author(self) -> str:
        return self.session.agent.name if self.session is not None else ""

    def show_error(self, text: str) -> None:
        self.list.show_error(text)

    async def reload(self) -> None:
        await self.list.reload()

    # ---- opening --------------------------------------------------------------------------
    async def open_flow(self, flow_id: str) -> EditorHost | None:
        """Open the draft in the editor, offering an autosaved edit the draft lacks."""
        from whatdesk.ui.flows.autosave import DraftAutosaver

        if self.editor_factory is None:
            self.show_error(translate("FlowsPage", "The flow editor is not part of this build."))
            return None
        row = await self.flows.get(flow_id)
        flow = load(row.draft)
        pending = await self.flows.unsaved_journal(flow_id)
        if pending is not None:
            if await ask_restore(self, row.name):
                flow = pending
                flow.id = row.id
                await self.flows.save_draft(flow)
            self.flows.drop_journal(row.id)
        editor = self.editor_factory(flow, False)
        if editor is None:
            self.show_error(translate("FlowsPage", "The flow editor is not part of this build."))
            return None
        autosaver = DraftAutosaver(editor.flow, row.id, self.flows, parent=editor)
        return self._host(EditorHost(self, row.id, editor, read_only=False, title=row.name,
                                     autosaver=autosaver))

    def open_version(self, flow_id: str, name: str, flow: Flow, diff: Any = None) -> Any:
        """A published version, read-only (with its differences from the draft marked)."""
        if self.editor_factory is None:
            return None
        editor = self.editor_factory(flow, True)
        if editor is None:
            return None
        if diff is not None:
            editor.set_diff(diff)
        title = translate("FlowsPage", "{name} — version {n} (read-only)").format(
            name=name, n=flow.version)
        return self._host(EditorHost(self, flow_id, editor, read_only=True, title=title))

    def _host(self, host: EditorHost) -> EditorHost:
        self._drop_host()
        self.host = host
        host.closed.connect(self.close_editor)
        self.stack.addWidget(host)
        self.stack.setCurrentWidget(host)
        return host

    def _drop_host(self) -> None:
        if self.host is not None:
            old, self.host = self.host, None
            if old.autosaver is not None:  # outlives the editor until its last save is done
                old.autosaver.setParent(None)
                tasks.spawn(old.autosaver.close(), on_error=self.show_error)
            self.stack.removeWidget(old)
            old.deleteLater()

    def close_editor(self) -> None:
        self._drop_host()
        self.stack.setCurrentWidget(self.list)
        tasks.spawn(self.reload(), on_error=self.show_error)

    async def import_and_open(self, path: str | Path) -> Any:
        """A .wdflow.json dropped on the window or chosen in Import: add it, then open it."""
        row = await self.flows.import_file(path)
        await self.reload()
        self.list.select_id(row.id)
        self.message.emit(translate("FlowsPage", "“{name}” imported as a draft.").format(
            name=row.name))
        if self.editor_factory is not None:
            await self.open_flow(row.id)
        return row

    # ---- actions used by the list and the editor bar -------------------------------------
    def publish(self, flow_id: str) -> None:
        async def go() -> None:
            if self.host is not None and self.host.autosaver is not None:
                await self.host.autosaver.save()
            row = await self.flows.get(flow_id)
            dialog = PublishDialog(row.name, self)

            async def save() -> Any:
                try:
                    version = await self.flows.publish(
                        flow_id, self.author(), flows_locale(), note=dialog.note.text())
                except PublishRefused as refused:
                    dialog.reject()
                    self.refused = PublishRefusedDialog(row.name, refused, self)
                    self.refused.open()
                    return None
                self.message.emit(translate("FlowsPage", "“{name}” published as version "
                                            "{n}.").format(name=row.name, n=version))
                await self.reload()
                return version

            dialog.save = save
            dialog.open()
            self.publish_dialog = dialog

        tasks.spawn(go(), on_error=self.show_error)

    def show_history(self, flow_id: str) -> None:
        from whatdesk.ui.flows.history import HistoryDialog

        async def go() -> None:
            row = await self.flows.get(flow_id)
            dialog = HistoryDialog(self, row)
            self.history_dialog = dialog
            await dialog.reload()
            dialog.open()

        tasks.spawn(go(), on_error=self.show_error)


class FlowsList(Section):
    def __init__(self, page: FlowsPage) -> None:
        self.page = page
        super().__init__(
            translate("FlowsPage", "Flows"),
            translate("FlowsPage", "Chatbot flows greet new conversations, ask what the "
                      "customer needs and hand them to the right queue. Edit a draft, then "
                      "publish it."),
            [Column(translate("FlowsPage", "Name"), lambda f: f.name),
             Column(translate("FlowsPage", "Status"), status_text, color=status_color),
             Column(translate("FlowsPage", "Problems"), problems_text,
                    muted=lambda f: not f.errors),
             Column(translate("FlowsPage", "Welcome flow of"),
                    lambda f: ", ".join(f.welcome_of) or "—"),
             Column(translate("FlowsPage", "Keyword triggers"), triggers_text),
             Column(translate("FlowsPage", "Last edit"), lambda f: _when(f.row.draft_updated_at))],
            translate("FlowsPage", "No flows yet. A flow answers new conversations by itself: "
                      "it greets, asks what the customer needs and hands over to a queue."),
            translate("FlowsPage", "New flow"), page)
        self.setObjectName("flowsList")
        self.add_button.setObjectName("flowNew")
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setStretchLastSection(False)

        def button(text: str, name: str, slot: Callable[[], None]) -> QPushButton:
            b = QPushButton(text)
            b.setObjectName(name)
            b.clicked.connect(slot)
            return b

        self.open_button = button(translate("FlowsPage", "Open"), "flowOpen", self.edit_selected)
        self.publish_button = button(translate("FlowsPage", "Publish…"), "flowPublish",
                                     lambda: self._with(self.page.publish))
        self.history_button = button(translate("FlowsPage", "History…"), "flowHistory",
                                     lambda: self._with(self.page.show_history))
        self.more_button = QPushButton(translate("FlowsPage", "More"))
        self.more_button.setObjectName("flowMore")
        more = QMenu(self.more_button)
        self.rename_action = self._action(more, translate("FlowsPage", "Rename…"),
                                          "actionRename", self.rename_selected)
        self.duplicate_action = self._action(more, translate("FlowsPage", "Duplicate"),
                                             "actionDuplicate", self.duplicate_selected)
        self.triggers_action = self._action(more, translate("FlowsPage", "Keyword triggers…"),
                                            "actionTriggers", self.edit_triggers)
        self.export_action = self._action(more, translate("FlowsPage", "Export…"),
                                          "actionExport", self.export_selected)
        self.more_button.setMenu(more)
        self.import_button = button(translate("FlowsPage", "Import…"), "flowImport",
                                    self.import_file)
        self.welcome_button = button(translate("FlowsPage", "Welcome flows…"), "flowWelcome",
                                     self.edit_welcome_flows)
        self.delete_button = danger_button(translate("FlowsPage", "Delete"))
        self.delete_button.setObjectName("flowDelete")
        self.delete_button.clicked.connect(self.delete_selected)
        at = 1
        for widget in (self.open_button, self.publish_button, self.history_button,
                       self.more_button):
            self.toolbar.insertWidget(at, widget)
            at += 1
        self.toolbar.addWidget(self.import_button)
        self.toolbar.addWidget(self.welcome_button)
        self.toolbar.addWidget(self.delete_button)
        self.open_button.setVisible(page.editor_factory is not None)
        # the empty state also offers Import (a flow made elsewhere)
        self.empty_import = QPushButton(translate("FlowsPage", "Import a .wdflow.json file…"))
        self.empty_import.setObjectName("emptyImport")
        self.empty_import.clicked.connect(self.import_file)
        self.empty_button.parentWidget().layout().insertWidget(  # type: ignore[union-attr]
            3, self.empty_import, 0, Qt.AlignmentFlag.AlignHCenter)
        # Undo of a restore from the history
        self.undo_bar = QWidget()
        self.undo_bar.setObjectName("undoBar")
        undo_row = QHBoxLayout(self.undo_bar)
        undo_row.setContentsMargins(0, 0, 0, 0)
        self.undo_label = QLabel()
        self.undo_button = QPushButton(translate("FlowsPage", "Undo"))
        self.undo_button.setObjectName("undoRestore")
        self.undo_button.clicked.connect(self.undo_restore)
        undo_row.addWidget(self.undo_label)
        undo_row.addWidget(self.undo_button)
        undo_row.addStretch(1)
        self.undo_bar.hide()
        self.layout().insertWidget(3, self.undo_bar)  # type: ignore[union-attr]
        self._undo: tuple[str, dict[str, Any]] | None = None
        self.update_actions()

    @staticmethod
    def _action(menu: QMenu, text: str, name: str, slot: Callable[[], None]) -> QAction:
        action = menu.addAction(text)
        action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _with(self, fn: Callable[[str], None]) -> None:
        item = self.selected()
        if item is not None:
            fn(item.id)

    @property
    def flows(self) -> Any:
        return self.page.flows

    async def reload(self) -> None:
        self.show_rows(await self.flows.overview())

    def update_actions(self) -> None:
        on = self.selected() is not None
        for widget in (getattr(self, name, None) for name in (
                "open_button", "publish_button", "history_button", "more_button",
                "delete_button")):
            if widget is not None:
                widget.setEnabled(on)

    # ---- create / open ------------------------------------------------------------------
    def add(self) -> None:
        dialog = NewFlowDialog(self)
        self.new_dialog = dialog

        async def write() -> Any:
            template = dialog.start.currentData()
            if template is None:
                return await self.flows.create(dialog.name.text())
            return await self.flows.create_from_template(template.path, dialog.name.text())

        async def after(row: Any) -> None:
            if self.page.editor_factory is not None:
                await self.page.open_flow(row.id)

        dialog.saved.connect(lambda row: tasks.spawn(after(row), on_error=self.show_error))
        self.open_form(dialog, write)

    def edit_selected(self) -> None:
        item = self.selected()
        if item is None or self.page.editor_factory is None:
            return
        tasks.spawn(self.page.open_flow(item.id), on_error=self.show_error)

    def rename_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        dialog = NameDialog(translate("FlowsPage", "Rename flow"), item.name, self)
        self.rename_dialog = dialog
        self.open_form(dialog, lambda: self.flows.rename(item.id, dialog.name.text()))

    def duplicate_selected(self) -> None:
        item = self.selected()
        if item is None:
            return

        async def go() -> None:
            row = await self.flows.duplicate(item.id)
            await self.reload()
            self.select_id(row.id)
            self.page.message.emit(translate("FlowsPage", "Copy “{name}” created.").format(
                name=row.name))

        tasks.spawn(go(), on_error=self.show_error)

    def delete_selected(self) -> None:
        item = self.selected()
        if item is None:
            return

        async def go() -> None:
            if await confirm(self, translate("FlowsPage", "Delete flow"), translate(
                    "FlowsPage", "Delete the flow “{name}”? Conversations already on it "
                    "finish on their version; nothing else starts it.").format(name=item.name),
                    translate("FlowsPage", "Delete")):
                self.run(self.flows.delete(item.id))

        tasks.spawn(go(), on_error=self.show_error)

    # ---- files --------------------------------------------------------------------------
    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, translate("FlowsPage", "Import a flow"), "",
            translate("FlowsPage", "whatdesk flows (*.wdflow.json *.json)"))
        if path:
            self.show_error("")
            tasks.spawn(self.page.import_and_open(path), on_error=self.show_error)

    def export_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in item.name).strip()
        path, _ = QFileDialog.getSaveFileName(
            self, translate("FlowsPage", "Export the flow"), f"{safe or 'flow'}.wdflow.json",
            translate("FlowsPage", "whatdesk flows (*.wdflow.json)"))
        if not path:
            return
        if not path.endswith(".json"):
            path += ".wdflow.json"

        async def go() -> None:
            target = await self.flows.export_file(item.id, path)
            self.page.message.emit(translate("FlowsPage", "Exported to {path}.").format(
                path=str(target)))

        self.show_error("")
        tasks.spawn(go(), on_error=self.show_error)

    # ---- triggers and welcome flows ---------------------------------------------------------
    def edit_triggers(self) -> None:
        item = self.selected()
        if item is None:
            return
        dialog = TriggersDialog(item.name, item.triggers, self)
        self.triggers_dialog = dialog
        self.open_form(dialog, lambda: self.flows.set_triggers(item.id, dialog.triggers()))

    def edit_welcome_flows(self) -> None:
        async def go() -> None:
            connections = await self.page.runtime.connections.list()
            dialog = WelcomeFlowsDialog(connections, list(self.model.rows), self)
            self.welcome_dialog = dialog
            before = {c.id: c.welcome_flow_id for c in connections}

            async def save() -> None:
                for cid, flow_id in dialog.chosen().items():
                    if before.get(cid) != flow_id:
                        await self.flows.set_welcome_flow(cid, flow_id)
                await self.reload()

            dialog.save = save
            dialog.open()

        tasks.spawn(go(), on_error=self.show_error)

    # ---- undo of a restore ------------------------------------------------------------------
    def offer_undo(self, flow_id: str, previous: dict[str, Any], text: str) -> None:
        self._undo = (flow_id, previous)
        self.undo_label.setText(text)
        self.undo_bar.show()

    def undo_restore(self) -> None:
        if self._undo is None:
            return
        flow_id, previous = self._undo
        self._undo = None
        self.undo_bar.hide()
        self.run(self.flows.save_draft({**previous, "id": flow_id}))
