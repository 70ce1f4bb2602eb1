"""Contact pictures: the stored photo (read off the UI thread, cached) or coloured initials."""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPainterPath, QPixmap

from whatdesk.ui import theme

log = logging.getLogger(__name__)

MAX_AVATAR_BYTES = 5 * 1024 * 1024
CACHE_SIZE = 300


def initials(name: str) -> str:
    """Up to two letters: first and last word ("Ana Paula Souza" -> "AS"); digits of a bare
    number are not initials (a "+55 11..." contact gets "#")."""
    words = [w for w in name.replace("+", " ").split() if w[:1].isalpha()]
    if not words:
        return "#"
    if len(words) == 1:
        return words[0][:1].upper()
    return (words[0][:1] + words[-1][:1]).upper()


class AvatarCache(QObject):
    """Photos by path, decoded in an executor; ``loaded(path)`` when one becomes available.
    Only files inside ``root`` (the data dir) are ever read: the path comes from the
    database, which a restored backup or another desktop may have written."""

    loaded = Signal(str)

    def __init__(self, root: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = root.resolve() if root is not None else None
        self._pixmaps: OrderedDict[str, QPixmap | None] = OrderedDict()
        self._loading: set[str] = set()

    def pixmap(self, path: str | None) -> QPixmap | None:
        """The photo when it is ready (None meanwhile, or when it cannot be used)."""
        if not path or self._root is None:
            return None
        if path in self._pixmaps:
            self._pixmaps.move_to_end(path)
            return self._pixmaps[path]
        if path not in self._loading:
            self._loading.add(path)
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                self._loading.discard(path)
                return None
            future = loop.run_in_executor(None, _read_image, self._root, path)
            future.add_done_callback(lambda f, p=path: self._done(p, f))
        return None

    def known(self, path: str) -> bool:
        """Whether this path was read (with or without a usable picture)."""
        return path in self._pixmaps

    def _done(self, path: str, future: asyncio.Future[QImage | None]) -> None:
        self._loading.discard(path)
        image = None if future.cancelled() or future.exception() else future.result()
        self._pixmaps[path] = QPixmap.fromImage(image) if image is not None else None
        while len(self._pixmaps) > CACHE_SIZE:
            self._pixmaps.popitem(last=False)
        if image is not None:
            self.loaded.emit(path)


def _read_image(root: Path, path: str) -> QImage | None:
    try:
        target = (root / path).resolve()
        if not target.is_relative_to(root) or not target.is_file():
            return None
        if target.stat().st_size > MAX_AVATAR_BYTES:
            return None
        image = QImage.fromData(target.read_bytes())
        return None if image.isNull() else image
    except OSError as exc:
        log.info("avatar not readable: %s", exc.strerror)
        return None


def paint_avatar(painter: QPainter, rect: QRectF, key: int, name: str,
                 photo: QPixmap | None) -> None:
    """A round avatar in ``rect``: the photo, else initials on the contact's colour."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    clip = QPainterPath()
    clip.addEllipse(rect)
    if photo is not None and not photo.isNull():
        painter.setClipPath(clip)
        scaled = photo.scaled(rect.size().toSize() * photo.devicePixelRatio(),
                              Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                              Qt.TransformationMode.SmoothTransformation)
        painter.drawPixmap(rect.toRect(), scaled)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(theme.avatar_color(key)))
        painter.drawPath(clip)
        font = QFont(painter.font())
        font.setPixelSize(max(10, int(rect.height() * 0.38)))
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.restore()
