"""Settings → Backup (administrators): make a backup now, restore one, and the automatic
backups' schedule with the last result. The work runs in the BackupService; this page only
asks (file, passphrase, confirmation) and shows progress."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from whatdesk.ui import tasks
from whatdesk.ui.theme import palette

from .common import FormDialog, confirm, danger_button, primary_button

translate = QCoreApplication.translate
SUFFIX = ".wdbackup"
MIN_PASSPHRASE_CHARS = 8


def _when(moment: datetime) -> str:
    return QLocale().toString(QDateTime(moment.astimezone()), QLocale.FormatType.ShortFormat)


def _size(n: int) -> str:
    return QLocale().formattedDataSize(n)


def _language() -> str:
    return "pt" if QLocale().language() == QLocale.Language.Portuguese else "en"


class PassphraseDialog(FormDialog):
    """The backup passphrase: typed twice for a new backup, once to read one."""

    def __init__(self, title: str, new: bool, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName("passphraseDialog")
        self.new = new
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(translate("BackupSection", "Passphrase"), self.passphrase)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("passphraseRepeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        if new:
            self.form.addRow(translate("BackupSection", "Repeat it"), self.repeat)
            hint = QLabel(translate(
                "BackupSection", "At least 8 characters. Without it the backup cannot be "
                "restored: keep it somewhere safe, apart from the backup."))
            hint.setWordWrap(True)
            hint.setStyleSheet(f"color: {palette().text_secondary};")
            self.form.addRow("", hint)
        self.save_button.setText(translate("BackupSection", "Continue"))

    def check(self) -> str:
        text = self.passphrase.text()
        if self.new and len(text) < MIN_PASSPHRASE_CHARS:
            return translate("BackupSection", "The passphrase needs at least 8 characters.")
        if not text:
            return translate("BackupSection", "Type the backup's passphrase.")
        if self.new and self.repeat.text() != text:
            return translate("BackupSection", "The two passphrases differ.")
        return ""


async def _finished(dialog: Any) -> bool:
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    dialog.finished.connect(lambda code: done.done() or done.set_result(code))
    dialog.open()
    return bool(await done)


class BackupSection(QWidget):
    """Backup now, restore, schedule; progress bar and the last result."""

    def __init__(self, runtime: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupSection")
        self.runtime = runtime
        self.busy = False
        p = palette()
        heading = QLabel(self.tr("Backup"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        about = QLabel(self.tr(
            "One encrypted file with the database, the media and the flows. Make one now, "
            "restore one, or let whatdesk make them on a schedule."))
        about.setWordWrap(True)
        about.setStyleSheet(f"color: {p.text_secondary};")

        # ---- now ----
        self.include_sessions = QCheckBox(self.tr(
            "Include the WhatsApp sessions (the restored copy comes back connected)"))
        self.include_sessions.setObjectName("includeSessions")
        self.create_button = primary_button(self.tr("Create backup…"))
        self.create_button.setObjectName("createBackup")
        self.verify_button = QPushButton(self.tr("Check a backup…"))
        self.verify_button.setObjectName("verifyBackup")
        self.restore_button = danger_button(self.tr("Restore from a backup…"))
        self.restore_button.setObjectName("restoreBackup")
        actions = QHBoxLayout()
        actions.addWidget(self.create_button)
        actions.addWidget(self.verify_button)
        actions.addStretch(1)
        actions.addWidget(self.restore_button)

        self.progress = QProgressBar()
        self.progress.setObjectName("backupProgress")
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()

        # ---- a staged restore ----
        self.pending_box = QFrame()
        self.pending_box.setObjectName("pendingRestore")
        self.pending_box.setStyleSheet(
            f"QFrame#pendingRestore {{ background: {p.note}; border-radius: 8px; }}")
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pendingRestoreText")
        self.pending_label.setWordWrap(True)
        self.close_app_button = primary_button(self.tr("Close whatdesk now"))
        self.close_app_button.setObjectName("closeToRestore")
        self.cancel_restore_button = QPushButton(self.tr("Cancel the restore"))
        self.cancel_restore_button.setObjectName("cancelRestore")
        pending_row = QHBoxLayout()
        pending_row.addStretch(1)
        pending_row.addWidget(self.cancel_restore_button)
        pending_row.addWidget(self.close_app_button)
        pending_column = QVBoxLayout(self.pending_box)
        pending_column.setContentsMargins(14, 12, 14, 12)
        pending_column.addWidget(self.pending_label)
        pending_column.addLayout(pending_row)
        self.pending_box.hide()

        # ---- schedule ----
        self.every = QComboBox()
        self.every.setObjectName("scheduleEvery")
        for key, text in (("off", self.tr("Off")), ("daily", self.tr("Every day")),
                          ("weekly", self.tr("Every week"))):
            self.every.addItem(text, key)
        self.folder = QLineEdit()
        self.folder.setObjectName("scheduleFolder")
        self.folder.setPlaceholderText(self.tr("Choose a folder, ideally on another disk"))
        self.folder_button = QPushButton(self.tr("Choose…"))
        self.folder_button.setObjectName("scheduleFolderPick")
        folder_row = QHBoxLayout()
        folder_row.setContentsMargins(0, 0, 0, 0)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.folder_button)
        self.keep = QSpinBox()
        self.keep.setObjectName("scheduleKeep")
        self.keep.setRange(1, 365)
        self.keep.setValue(7)
        self.keep.setSuffix(" " + self.tr("backups"))
        self.schedule_sessions = QCheckBox(self.tr("Include the WhatsApp sessions"))
        self.schedule_sessions.setObjectName("scheduleSessions")
        self.schedule_passphrase = QLineEdit()
        self.schedule_passphrase.setObjectName("schedulePassphrase")
        self.schedule_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.save_schedule_button = primary_button(self.tr("Save schedule"))
        self.save_schedule_button.setObjectName("saveSchedule")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Automatic backup"), self.every)
        form.addRow(self.tr("Folder"), folder_row)
        form.addRow(self.tr("Keep the newest"), self.keep)
        form.addRow("", self.schedule_sessions)
        form.addRow(self.tr("Passphrase"), self.schedule_passphrase)
        self.schedule_status = QLabel()
        self.schedule_status.setObjectName("scheduleStatus")
        self.schedule_status.setWordWrap(True)
        save_row = QHBoxLayout()
        save_row.addWidget(self.schedule_status, 1)
        save_row.addWidget(self.save_schedule_button)
        self.last_label = QLabel()
        self.last_label.setObjectName("lastBackup")
        self.last_label.setWordWrap(True)
        self.next_label = QLabel()
        self.next_label.setObjectName("nextBackup")
        self.next_label.setStyleSheet(f"color: {p.text_secondary};")
        self.last_restore_label = QLabel()
        self.last_restore_label.setObjectName("lastRestore")
        self.last_restore_label.setWordWrap(True)
        self.last_restore_label.hide()

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(24, 20, 24, 16)
        column.setSpacing(10)
        column.addWidget(heading)
        column.addWidget(about)
        column.addSpacing(6)
        column.addWidget(self._subheading(self.tr("Now")))
        column.addWidget(self.include_sessions)
        column.addLayout(actions)
        column.addWidget(self.progress)
        column.addWidget(self.status)
        column.addWidget(self.pending_box)
        column.addSpacing(10)
        column.addWidget(self._subheading(self.tr("Automatic backups")))
        column.addLayout(form)
        column.addLayout(save_row)
        column.addWidget(self.last_label)
        column.addWidget(self.next_label)
        column.addWidget(self.last_restore_label)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.create_button.clicked.connect(lambda: self._start(self._create()))
        self.verify_button.clicked.connect(lambda: self._start(self._verify()))
        self.restore_button.clicked.connect(lambda: self._start(self._restore()))
        self.folder_button.clicked.connect(lambda: self._start(self._pick_folder(), busy=False))
        self.save_schedule_button.clicked.connect(self._start_save_schedule)
        self.cancel_restore_button.clicked.connect(
            lambda: self._start(self._cancel_restore(), busy=False))
        self.close_app_button.clicked.connect(lambda: self.window().close())
        self.every.currentIndexChanged.connect(lambda _i: self._schedule_fields())
        self.picker: QFileDialog | None = None
        self.dialog: PassphraseDialog | None = None

    def _subheading(self, text: str) -> QLabel:
        label = QLabel(text)
        font = QFont(label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        label.setFont(font)
        return label

    # ---- what SettingsPage calls ---------------------------------------------------------
    async def reload(self) -> None:
        backups = self.runtime.backups
        schedule = await backups.schedule()
        self.every.setCurrentIndex(max(0, self.every.findData(schedule.every)))
        self.folder.setText(schedule.folder)
        self.keep.setValue(schedule.keep)
        self.schedule_sessions.setChecked(schedule.include_sessions)
        stored = await backups.has_scheduled_passphrase()
        self.schedule_passphrase.clear()
        self.schedule_passphrase.setPlaceholderText(
            self.tr("Saved in the system keyring; type to change it") if stored
            else self.tr("Kept in the system keyring, never in the database"))
        self._schedule_fields()
        await self._show_results()
        self._show_pending(backups.pending_restore())

    def show_error(self, text: str) -> None:
        self._say(text, error=True)

    # ---- helpers -------------------------------------------------------------------------
    def _start(self, coro: Any, busy: bool = True) -> None:
        if busy and self.busy:
            coro.close()
            return
        self._say("")
        tasks.spawn(coro, on_error=self.show_error)

    def _say(self, text: str, error: bool = False) -> None:
        p = palette()
        self.status.setStyleSheet(f"color: {p.failed if error else p.text};")
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        for button in (self.create_button, self.verify_button, self.restore_button):
            button.setEnabled(not busy)
        self.progress.setValue(0)
        self.progress.setFormat(f"{text} %p%" if text else "%p%")
        self.progress.setVisible(busy)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setValue(int(done * 100 / total) if total else 100)

    def _schedule_fields(self) -> None:
        on = self.every.currentData() != "off"
        for widget in (self.folder, self.folder_button, self.keep, self.schedule_sessions,
                       self.schedule_passphrase):
            widget.setEnabled(on)

    async def _pick(self, title: str, save: bool, directory: bool = False,
                    suggested: str = "") -> str | None:
        picker = QFileDialog(self, title)
        picker.setObjectName("backupFilePicker")
        if directory:
            picker.setFileMode(QFileDialog.FileMode.Directory)
            picker.setOption(QFileDialog.Option.ShowDirsOnly, True)
        elif save:
            picker.setDirectory(self.folder.text().strip() or str(Path.home()))
            picker.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            picker.setDefaultSuffix(SUFFIX.lstrip("."))
            picker.selectFile(suggested)
        else:
            picker.setFileMode(QFileDialog.FileMode.ExistingFile)
        if not directory:
            picker.setNameFilter(self.tr("whatdesk backups (*.wdbackup)"))
        self.picker = picker
        try:
            if not await _finished(picker):
                return None
            files = picker.selectedFiles()
            return files[0] if files else None
        finally:
            self.picker = None
            picker.deleteLater()

    async def _passphrase(self, title: str, new: bool) -> str | None:
        dialog = PassphraseDialog(title, new, self)
        self.dialog = dialog
        try:
            return dialog.passphrase.text() if await _finished(dialog) else None
        finally:
            self.dialog = None
            dialog.deleteLater()

    # ---- actions -------------------------------------------------------------------------
    async def _create(self) -> None:
        stamp = self.runtime.clock.now().astimezone().strftime("%Y-%m-%d")
        path = await self._pick(self.tr("Save the backup as"), save=True,
                                suggested=f"whatdesk-{stamp}{SUFFIX}")
        if not path:
            return
        if not path.endswith(SUFFIX):
            path += SUFFIX
        passphrase = await self._passphrase(self.tr("Protect the backup"), new=True)
        if passphrase is None:
            return
        self._set_busy(True, self.tr("Making the backup…"))
        try:
            summary = await self.runtime.backups.create(
                Path(path), passphrase, include_sessions=self.include_sessions.isChecked(),
                progress=self._progress)
        finally:
            self._set_busy(False)
            await self._show_results()
        self._say(self.tr("Backup saved: {file} ({size}, {messages} messages, {files} files)."
                          ).format(file=summary.file, size=_size(summary.size),
                                   messages=summary.messages, files=summary.files))

    async def _verify(self) -> None:
        path = await self._pick(self.tr("Choose the backup to check"), save=False)
        if not path:
            return
        passphrase = await self._passphrase(self.tr("Backup passphrase"), new=False)
        if passphrase is None:
            return
        self._set_busy(True, self.tr("Checking…"))
        try:
            summary = await self.runtime.backups.verify(Path(path), passphrase, self._progress)
        finally:
            self._set_busy(False)
        self._say(self.tr("The backup is sound: made {when}, {messages} messages, {files} "
                          "files.").format(when=_when(summary.created_at),
                                           messages=summary.messages, files=summary.files))

    async def _restore(self) -> None:
        path = await self._pick(self.tr("Choose the backup to restore"), save=False)
        if not path:
            return
        passphrase = await self._passphrase(self.tr("Backup passphrase"), new=False)
        if passphrase is None:
            return
        self._set_busy(True, self.tr("Checking the whole backup…"))
        try:
            summary = await self.runtime.backups.stage_restore(Path(path), passphrase,
                                                               self._progress)
        finally:
            self._set_busy(False)
        sure = await confirm(
            self, self.tr("Replace all data?"),
            self.tr("The backup is sound: made {when}, {messages} messages. Every "
                    "conversation, contact, flow and media file here will be replaced by the "
                    "backup's. The current data is kept until the restore has finished."
                    ).format(when=_when(summary.created_at), messages=summary.messages),
            self.tr("Replace with the backup"))
        if not sure:
            await self.runtime.backups.cancel_pending_restore()
            self._say(self.tr("Restore cancelled; nothing was changed."))
            return
        self._show_pending(self.runtime.backups.pending_restore())

    async def _cancel_restore(self) -> None:
        await self.runtime.backups.cancel_pending_restore()
        self._show_pending(None)
        self._say(self.tr("Restore cancelled; nothing was changed."))

    async def _pick_folder(self) -> None:
        folder = await self._pick(self.tr("Folder for automatic backups"), save=False,
                                  directory=True)
        if folder:
            self.folder.setText(folder)

    def _start_save_schedule(self) -> None:
        self._schedule_say("")
        tasks.spawn(self._save_schedule(),
                    on_error=lambda text: self._schedule_say(text, error=True))

    def _schedule_say(self, text: str, error: bool = False) -> None:
        p = palette()
        self.schedule_status.setStyleSheet(f"color: {p.failed if error else p.text_secondary};")
        self.schedule_status.setText(text)

    async def _save_schedule(self) -> None:
        typed = self.schedule_passphrase.text()
        await self.runtime.backups.set_schedule(
            self.every.currentData(), self.folder.text().strip(), self.keep.value(),
            self.schedule_sessions.isChecked(), typed or None)
        await self.reload()
        self._schedule_say(self.tr("Schedule saved."))

    # ---- what is shown -------------------------------------------------------------------
    async def _show_results(self) -> None:
        backups = self.runtime.backups
        last = await backups.last_result()
        p = palette()
        if last is None:
            self.last_label.setText(self.tr("Last backup: none yet."))
            self.last_label.setStyleSheet(f"color: {p.text_secondary};")
        elif last.ok:
            kind = self.tr("automatic") if last.automatic else self.tr("manual")
            self.last_label.setText(self.tr("Last backup: {when}, {kind}, succeeded ({size}) "
                                            "— {file}").format(
                when=_when(last.at), kind=kind, size=_size(last.size), file=last.file))
            self.last_label.setStyleSheet(f"color: {p.text};")
        else:
            self.last_label.setText(self.tr("Last backup: {when}, failed — {reason}").format(
                when=_when(last.at), reason=last.message(_language())))
            self.last_label.setStyleSheet(f"color: {p.failed};")
        due = await backups.next_due()
        self.next_label.setText(self.tr("Next automatic backup: {when}").format(
            when=_when(due)) if due else self.tr("Automatic backups are off."))
        restored = await backups.last_restore()
        if restored:
            try:
                when = _when(datetime.fromisoformat(restored.get("applied_at", "")))
            except (TypeError, ValueError):
                when = "?"
            if restored.get("ok"):
                text = self.tr("Last restore: {when}, from {file}.").format(
                    when=when, file=restored.get("file", ""))
            else:
                reason = restored.get("message_en" if _language() == "en" else "message_pt")
                text = self.tr("Last restore: {when}, failed — {reason}").format(
                    when=when, reason=reason or "")
            self.last_restore_label.setText(text)
        self.last_restore_label.setVisible(bool(restored))

    def _show_pending(self, pending: dict[str, Any] | None) -> None:
        if pending:
            try:
                when = _when(datetime.fromisoformat(pending.get("created_at", "")))
            except (TypeError, ValueError):
                when = "?"
            self.pending_label.setText(self.tr(
                "The backup made {when} is checked and ready. Close whatdesk and open it again "
                "to finish the restore; until then nothing changes.").format(when=when))
        self.pending_box.setVisible(bool(pending))
        self.restore_button.setEnabled(not self.busy)
