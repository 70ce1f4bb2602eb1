"""The node palette, generated from the node registry: categories, icons, search, drag to add."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from whatdesk.flows import registry
from whatdesk.flows.registry import NodeType
from whatdesk.ui import theme

from .items import style
from .view import NODE_MIME

translate = QCoreApplication.translate
TYPE_ROLE = Qt.ItemDataRole.UserRole + 1


def type_icon(node_type: NodeType, size: int = 28) -> QIcon:
    """The node's icon on a chip of its category colour, as on its card."""
    from PySide6.QtGui import QPainter

    ratio = 2
    pixmap = QPixmap(size * ratio, size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.category_color(node_type.category))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 6, 6)
    glyph = style.node_icon_pixmap(node_type.icon, "#FFFFFF")
    inset = size // 5
    painter.drawPixmap(inset, inset, size - 2 * inset, size - 2 * inset, glyph)
    painter.end()
    return QIcon(pixmap)


def matches(node_type: NodeType, words: list[str], category_title: str = "") -> bool:
    """Every typed word appears in the title, name, description or category (accents ignored)."""
    haystack = style.fold(" ".join((node_type.title("pt"), node_type.title("en"), node_type.name,
                                    node_type.description(style.locale()), category_title)))
    return all(word in haystack for word in words)


class _Tree(QTreeWidget):
    def mimeData(self, items: list[QTreeWidgetItem]) -> QMimeData:
        data = QMimeData()
        for item in items:
            type_name = item.data(0, TYPE_ROLE)
            if type_name:
                data.setData(NODE_MIME, str(type_name).encode("utf-8"))
                break
        return data

    def mimeTypes(self) -> list[str]:
        return [NODE_MIME]


class NodePalette(QWidget):
    """Drag a node type onto the canvas, or double-click / Enter to add it at the centre."""

    activated = Signal(str)  # node type name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flowPalette")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(translate("FlowEditor", "Search nodes"))
        self.search.setClearButtonEnabled(True)
        self.tree = _Tree(self)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(0)
        self.tree.setIconSize(QSize(28, 28))
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setFrameShape(QTreeWidget.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        self._items: list[tuple[QTreeWidgetItem, NodeType, str]] = []
        self._fill()
        self.search.textChanged.connect(self._filter)
        self.tree.itemActivated.connect(self._activate)
        self.setMinimumWidth(210)
        self.setMaximumWidth(280)

    def _fill(self) -> None:
        loc = style.locale()
        pal = theme.palette()
        for category, types in registry.by_category():
            header = QTreeWidgetItem(self.tree, [category.title(loc).upper()])
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            header.setForeground(0, QBrush(QColor(pal.text_secondary)))
            font = header.font(0)
            font.setPointSizeF(font.pointSizeF() * 0.82)
            font.setBold(True)
            header.setFont(0, font)
            header.setExpanded(True)
            for node_type in types:
                item = QTreeWidgetItem(header, [node_type.title(loc)])
                item.setIcon(0, type_icon(node_type))
                item.setToolTip(0, node_type.description(loc))
                item.setData(0, TYPE_ROLE, node_type.name)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsDragEnabled)
                self._items.append((item, node_type, category.title(loc)))
        self.tree.expandAll()

    def _filter(self, text: str) -> None:
        words = style.fold(text).split()
        for item, node_type, category_title in self._items:
            item.setHidden(not matches(node_type, words, category_title))
        for index in range(self.tree.topLevelItemCount()):
            header = self.tree.topLevelItem(index)
            header.setHidden(all(header.child(i).isHidden() for i in range(header.childCount())))

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        type_name = item.data(0, TYPE_ROLE)
        if type_name:
            self.activated.emit(str(type_name))

    def item_for(self, type_name: str) -> QTreeWidgetItem | None:
        return next((i for i, t, _c in self._items if t.name == type_name), None)
