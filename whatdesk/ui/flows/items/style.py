"""Colours, sizes and small drawing helpers shared by the editor's graphics items."""

from __future__ import annotations

import unicodedata
from functools import cache

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QFont, QPixmap

from whatdesk.flows import registry
from whatdesk.ui import resources, theme

GRID = 20  # the dot grid and snap step
CARD_WIDTH = 200  # example flows place nodes 240 apart: a 40 px gutter
HEADER_HEIGHT = 30
SUMMARY_HEIGHT = 24
PORT_ROW = 20
PORT_RADIUS = 5
CARD_RADIUS = 8
BOTTOM_PAD = 6
ICON_SIZE = 16
EDGE_COLOR = "#94A3B8"
ERROR_COLOR = "#EA0038"
WARNING_COLOR = "#E9A23B"
DIFF_COLORS = {"added": "#16A34A", "removed": "#DC2626", "changed": "#D97706"}
LOW_DETAIL = 0.25  # below this zoom, cards are drawn as plain coloured blocks

# Header tint per category (shared/notes/ui.md: messages blue, inputs green, logic purple,
# integrations orange, ticket actions teal); "flow" (start/end/jump) in slate.
CATEGORY_COLORS = {
    "flow": "#64748B", "messages": "#3B82F6", "input": "#22A06B", "logic": "#8B5CF6",
    "ticket": "#0D9488", "integrations": "#F97316",
}
UNKNOWN_COLOR = "#9CA3AF"


def locale() -> str:
    """"pt" or "en": the language validation messages and node titles are shown in."""
    return "pt" if QLocale().language() == QLocale.Language.Portuguese else "en"


def category_color(category: str | None) -> QColor:
    return QColor(CATEGORY_COLORS.get(category or "", UNKNOWN_COLOR))


def header_tint(category: str | None) -> QColor:
    """The category colour blended towards the card background (a light header)."""
    base = category_color(category)
    card = QColor(theme.palette().panel)
    mix = 0.22 if theme.is_dark() else 0.14
    return QColor(round(card.red() + (base.red() - card.red()) * mix),
                  round(card.green() + (base.green() - card.green()) * mix),
                  round(card.blue() + (base.blue() - card.blue()) * mix))


@cache
def node_icon_pixmap(icon_name: str, color: str, size: int = 32) -> QPixmap:
    """A node type's icon (resources/icons/nodes/NAME.svg) drawn in ``color``."""
    icon = resources.icon(f"nodes/{icon_name}", color)
    if icon.isNull():
        icon = resources.icon("nodes/flow", color)
    return icon.pixmap(size, size)


@cache
def port_pixmap(color: str, filled: bool, dark: bool | None = None) -> QPixmap:
    """A port circle, drawn once at 4x (ellipses are the slowest thing on a card)."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QPainter, QPen

    scale = 4
    size = (PORT_RADIUS + 1) * 2 * scale
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(color), 2 * scale))
    painter.setBrush(QColor(color) if filled else QColor(theme.palette().panel))
    painter.drawEllipse(QPointF(size / 2, size / 2), PORT_RADIUS * scale, PORT_RADIUS * scale)
    painter.end()
    return pixmap


def editor_icon(name: str):  # -> QIcon
    return resources.icon(f"editor/{name}", theme.palette().text_secondary)


def type_title(type_name: str) -> str:
    node_type = registry.get(type_name)
    return node_type.title(locale()) if node_type else type_name


def fold(text: str) -> str:
    """Lower case without accents, for searching ("Opção" matches "opcao")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def font(point_size: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    f = QFont()
    f.setPointSizeF(point_size)
    f.setWeight(weight)
    return f
