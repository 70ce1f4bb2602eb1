"""The quick menu: a searchable list of node types at the cursor (double-click, Tab, edge drop)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from whatdesk.flows import registry

from .items import style
from .palette import matches, type_icon

translate = QCoreApplication.translate
TYPE_ROLE = Qt.ItemDataRole.UserRole + 1


class QuickMenu(QFrame):
    """A popup: type to filter, arrows to move, Enter or click to pick, Escape to close."""

    picked = Signal(str)  # node type name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("flowQuickMenu")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(translate("FlowEditor", "Add a node…"))
        self.list = QListWidget(self)
        self.list.setIconSize(QSize(24, 24))
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.resize(280, 340)
        loc = style.locale()
        titles = {c.id: c.title(loc) for c in registry.CATEGORIES}
        for category, types in registry.by_category():
            for node_type in types:
                if node_type.unique:
                    continue  # start: a flow has exactly one
                item = QListWidgetItem(type_icon(node_type, 24),
                                       f"{node_type.title(loc)}  ·  {titles[category.id]}")
                item.setToolTip(node_type.description(loc))
                item.setData(TYPE_ROLE, node_type.name)
                item.setData(TYPE_ROLE + 1, titles[category.id])
                self.list.addItem(item)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.list.itemActivated.connect(self._pick)
        self.list.itemClicked.connect(self._pick)

    def popup(self, global_pos: QPoint) -> None:
        self.search.clear()
        self._filter("")
        self.move(global_pos)
        self.show()
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        words = style.fold(text).split()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            node_type = registry.get(item.data(TYPE_ROLE))
            hidden = node_type is None or not matches(node_type, words, item.data(TYPE_ROLE + 1))
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        self.list.setCurrentItem(first)

    def visible_types(self) -> list[str]:
        return [self.list.item(r).data(TYPE_ROLE) for r in range(self.list.count())
                if not self.list.item(r).isHidden()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = QKeyEvent(event).key() if not isinstance(event, QKeyEvent) else event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._step(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.list.currentItem() is not None:
                    self._pick(self.list.currentItem())
                return True
        return super().eventFilter(watched, event)

    def _step(self, direction: int) -> None:
        row = self.list.currentRow()
        count = self.list.count()
        for _ in range(count):
            row = (row + direction) % count
            if not self.list.item(row).isHidden():
                self.list.setCurrentRow(row)
                return

    def _pick(self, item: QListWidgetItem) -> None:
        type_name = item.data(TYPE_ROLE)
        self.hide()
        if type_name:
            self.picked.emit(str(type_name))
