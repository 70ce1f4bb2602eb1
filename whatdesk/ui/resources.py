"""Where icons and translations live (source checkout, or a PyInstaller bundle)."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)  # PyInstaller puts data files here
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def user_guide_path() -> Path | None:
    """The README that is the user guide: next to `resources/` in a checkout, at the top of
    a PyInstaller bundle (whatdesk.spec ships it there); None when this install has none."""
    path = resources_dir().parent / "README.md"
    return path if path.is_file() else None


@cache
def icon(name: str) -> QIcon:
    """An icon from resources/icons (an empty icon when missing: never crash for a picture)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def badge_icon(base: QIcon, count: int, size: int = 64) -> QIcon:
    """``base`` with a red unread-count badge in the top-right corner ("99+" above 99)."""
    pixmap = base.pixmap(size, size)
    if pixmap.isNull():
        pixmap = QPixmap(size, size)
        pixmap.fill(QColor("#128c7e"))
    if count <= 0:
        return QIcon(pixmap)
    text = "99+" if count > 99 else str(count)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    diameter = int(size * 0.56)
    width = max(diameter, int(diameter * (0.55 + 0.3 * len(text))))
    rect = QRect(size - width, 0, width, diameter)
    painter.setPen(QColor("white"))
    painter.setBrush(QColor("#d93025"))
    painter.drawRoundedRect(rect, diameter / 2, diameter / 2)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(diameter * (0.62 if len(text) == 1 else 0.5)))
    painter.setFont(font)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)
