"""The media attachment field: a file from <data>/flow-media with a preview; a file picked
elsewhere is checked and copied in (a flow never points outside that folder)."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from whatdesk.domain.errors import WhatdeskError
from whatdesk.flows import media as flow_media
from whatdesk.flows.registry import FieldSpec
from whatdesk.ui.resources import icon
from whatdesk.ui.theme import palette
from whatdesk.ui.widgets import ElidedLabel

from .base import FieldContext, FieldEditor, problem_label, show_problem, translate
from .form import FieldRow
from .objects import ObjectEditor

MAX_MEDIA_BYTES = 100 * 1024 * 1024  # WhatsApp's largest attachment (a document)
PREVIEW = 72
_KINDS = {
    "image": {".jpg", ".jpeg", ".png"}, "sticker": {".webp"},
    "video": {".mp4", ".3gp", ".mov"}, "audio": {".mp3", ".m4a", ".aac", ".amr"},
    "voice": {".ogg", ".opus"},
}


class MediaImportError(WhatdeskError):
    """A picked file that cannot become an attachment."""


def guess_kind(path: str) -> str:
    suffix = Path(path).suffix.lower()
    return next((kind for kind, suffixes in _KINDS.items() if suffix in suffixes), "document")


def _safe_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name)
    name = re.sub(r"[^\w .()+-]", "_", name).strip(" .")
    if len(name) > 120:
        stem, suffix = os.path.splitext(name)
        name = stem[:120 - len(suffix[:12])] + suffix[:12]
    return name or "arquivo"


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()


def import_media(root: Path | None, source: Path) -> str:
    """The flow's path for `source`: as is when it is already in `root`, else a copy made
    there under a safe, free name (the same content already there is reused)."""
    if root is None:
        raise MediaImportError("Sem pasta de dados: não é possível anexar arquivos aqui.",
                               en="No data folder: files cannot be attached here.")
    try:
        base = root.resolve()
        real = source.resolve(strict=True)
        if not real.is_file():
            raise MediaImportError(f"{source.name}: não é um arquivo.",
                                   en=f"{source.name}: not a file.")
        size = real.stat().st_size
    except (OSError, RuntimeError):
        raise MediaImportError(f"{source.name}: não foi possível ler o arquivo.",
                               en=f"{source.name}: the file cannot be read.") from None
    if size > MAX_MEDIA_BYTES:
        raise MediaImportError(
            f"{source.name}: arquivo grande demais ({size // (1024 * 1024)} MB; máximo "
            f"{MAX_MEDIA_BYTES // (1024 * 1024)} MB).",
            en=f"{source.name}: file too large ({size // (1024 * 1024)} MB; at most "
            f"{MAX_MEDIA_BYTES // (1024 * 1024)} MB).")
    if size == 0:
        raise MediaImportError(f"{source.name}: arquivo vazio.", en=f"{source.name}: empty file.")
    if real.is_relative_to(base):
        relative = real.relative_to(base).as_posix()
        if flow_media.path_problem(relative) is None:
            return relative
    name = _safe_name(source.name)
    stem, suffix = os.path.splitext(name)
    try:
        base.mkdir(parents=True, exist_ok=True)
        digest = _digest(real)
        for n in range(1, 1000):
            candidate = base / (name if n == 1 else f"{stem} ({n}){suffix}")
            if candidate.exists():
                if candidate.is_file() and candidate.stat().st_size == size \
                        and _digest(candidate) == digest:
                    return candidate.name
                continue
            partial = candidate.with_name(candidate.name + ".part")
            shutil.copyfile(real, partial)
            os.replace(partial, candidate)
            return candidate.name
    except OSError as err:
        raise MediaImportError(
            f"Não foi possível copiar {source.name} para a pasta {flow_media.FOLDER_NAME}: "
            f"{err.strerror or err}.",
            en=f"Could not copy {source.name} into the {flow_media.FOLDER_NAME} folder: "
            f"{err.strerror or err}.") from None
    raise MediaImportError("Arquivos demais com esse nome.", en="Too many files with that name.")


def choose_file(parent: QWidget, root: Path | None) -> Path | None:
    """The file dialog (a function, so tests can stand in for the user's pick)."""
    path, _ = QFileDialog.getOpenFileName(
        parent, translate("MediaFileEditor", "Choose a file to send"),
        str(root) if root is not None else "")
    return Path(path) if path else None


class MediaFileEditor(FieldEditor):
    """The `path` of a media object: a preview, the file name and "Choose file…"."""

    def __init__(self, spec: FieldSpec, ctx: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        self._path = ""
        self.kind = "image"
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW, PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet(f"background: {palette().background}; border-radius: 6px;")
        self.name = ElidedLabel()
        self.choose = QPushButton(translate("MediaFileEditor", "Choose file…"))
        self.choose.clicked.connect(self.pick)
        if ctx.media_root is None:
            self.choose.setEnabled(False)
            self.choose.setToolTip(translate("MediaFileEditor", "No data folder is open."))
        self.problem = problem_label()
        side = QVBoxLayout()
        side.setSpacing(4)
        side.addWidget(self.name)
        side.addWidget(self.choose, 0, Qt.AlignmentFlag.AlignLeft)
        side.addStretch(1)
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.preview)
        top.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.problem)

    def value(self) -> Any:
        return self._path

    def set_value(self, value: Any) -> None:
        path = value if isinstance(value, str) else ""
        if path == self._path and self.name.text():
            return
        self._path = path
        self._show()

    def set_kind(self, kind: str) -> None:
        if kind != self.kind:
            self.kind = kind
            self._show()

    def _show(self) -> None:
        self.name.setText(self._path or translate("MediaFileEditor", "No file chosen"))
        problem = flow_media.path_problem(self._path)
        file: Path | None = None
        if problem is None and self.ctx.media_root is not None:
            try:
                file = flow_media.resolve(self.ctx.media_root, self._path)
            except flow_media.MediaPathError as err:
                problem = err.problem
        if problem is not None and problem.code != "media_no_file":
            text = problem.pt if self.ctx.locale == "pt" else problem.en
            show_problem(self.problem, text[:1].upper() + text[1:] + ".")
        else:
            show_problem(self.problem, None)
        self.preview.setPixmap(self._thumbnail(file))

    def _thumbnail(self, file: Path | None) -> QPixmap:
        if file is not None and self.kind in ("image", "sticker"):
            reader = QImageReader(str(file))
            reader.setAutoTransform(True)
            size = reader.size()
            if size.isValid() and size.width() > 0 and size.height() > 0:
                reader.setScaledSize(size.scaled(QSize(PREVIEW, PREVIEW),
                                                 Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            if not image.isNull():
                return QPixmap.fromImage(image)
        return icon(f"kind-{self.kind}", palette().text_secondary).pixmap(32, 32)

    def pick(self) -> None:
        source = choose_file(self, self.ctx.media_root)
        if source is None:
            return
        try:
            path = import_media(self.ctx.media_root, source)
        except MediaImportError as err:
            show_problem(self.problem, err.message(self.ctx.locale))
            return
        self._path = path
        self.kind = guess_kind(path)
        self._show()
        self.edited.emit(path, "")

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.choose.setVisible(not read_only)


class MediaEditor(ObjectEditor):
    """FieldKind.MEDIA: "+ Add" opens the file picker; the kind follows the picked file."""

    def make_row(self, sub: FieldSpec) -> FieldRow:
        if sub.name == "path":
            return FieldRow(sub, MediaFileEditor(sub, self.ctx), self.ctx)
        return super().make_row(sub)

    @property
    def file(self) -> MediaFileEditor:
        editor = self.fields["path"].editor
        assert isinstance(editor, MediaFileEditor)
        return editor

    def new_object(self) -> dict[str, Any] | None:
        source = choose_file(self, self.ctx.media_root)
        if source is None:
            return None
        try:
            path = import_media(self.ctx.media_root, source)
        except MediaImportError as err:
            show_problem(self.problem, err.message(self.ctx.locale))
            return None
        value = super().new_object() or {}
        value.update(path=path, kind=guess_kind(path))
        return value

    def _sub_edited(self, sub: FieldSpec, value: Any) -> None:
        if sub.name == "path":
            kind = guess_kind(value)
            self._value = {**(self._value or {}), "path": value, "kind": kind}
            self.fields["kind"].editor.set_value(kind)
            self.edited.emit(self.value(), self.ctx.text(sub.title))
            return
        super()._sub_edited(sub, value)
        if sub.name == "kind":
            self.file.set_kind(str(value))

    def _show(self) -> None:
        if self._value is not None and "path" in self.fields:
            self.file.kind = str(self._value.get("kind") or "document")
        super()._show()
