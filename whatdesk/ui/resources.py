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


_ICON_GREYS = ("#54656f", "#5f6368")  # the line colour our SVGs are drawn in


@cache
def icon(name: str, color: str | None = None) -> QIcon:
    """An icon from resources/icons (an empty icon when missing: never crash for a picture).
    ``color``: its grey lines redrawn in this colour (the theme's, e.g. for dark mode)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    if not path.exists():
        return QIcon()
    if color is None:
        return QIcon(str(path))
    svg = path.read_text(encoding="utf-8")
    for grey in _ICON_GREYS:
        svg = svg.replace(grey, color)
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(svg.encode("utf-8"))
    tinted = QIcon()
    for size in (24, 48, 96):  # drawn at each size: sharp at 100 % and 200 % scale
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        tinted.addPixmap(pixmap)
    return tinted


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
