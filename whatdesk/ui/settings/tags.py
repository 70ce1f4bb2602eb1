"""Settings → Tags: labels for contacts and tickets (name and colour)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from whatdesk.store.rows import TagRow
from whatdesk.ui import tasks

from .common import ColorButton, Column, FormDialog, Section, confirm, danger_button

TAG_COLORS = ("#607D8B", "#E53935", "#FB8C00", "#43A047", "#1E88E5", "#8E24AA")


translate = QCoreApplication.translate  # lupdate finds calls named "translate"


class TagDialog(FormDialog):
    def __init__(self, tag: TagRow | None, default_color: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(translate("TagsSection", "New tag") if tag is None else translate("TagsSection", "Edit tag"), parent)
        self.setObjectName("tagDialog")
        self.name = QLineEdit(tag.name if tag else "")
        self.name.setObjectName("tagName")
        self.name.setPlaceholderText(translate("TagsSection", "VIP, Lead, Complaint…"))
        self.color = ColorButton(tag.color if tag else default_color)
        self.form.addRow(translate("TagsSection", "Name"), self.name)
        self.form.addRow(translate("TagsSection", "Colour"), self.color)

    def check(self) -> str:
        return "" if self.name.text().strip() else translate("TagsSection", "Give the tag a name.")


class TagsSection(Section):
    def __init__(self, runtime: Any, parent: QWidget | None = None) -> None:
        self.runtime = runtime
        super().__init__(
            translate("TagsSection", "Tags"),
            translate("TagsSection", "Labels agents put on contacts to find and filter them (VIP, Lead…)."),
            [Column(translate("TagsSection", "Name"), lambda t: t.name, color=lambda t: t.color),
             Column(translate("TagsSection", "Colour"), lambda t: t.color.upper())],
            translate("TagsSection", "No tags yet. Tags help agents sort contacts."), translate("TagsSection", "Add tag"), parent)
        self.setObjectName("tagsSection")
        self.add_row_buttons(translate("TagsSection", "Edit"), translate("TagsSection", "Delete"), "tag")
        self.update_actions()

    async def reload(self) -> None:
        self.show_rows(await self.runtime.tags.list())

    def add(self) -> None:
        dialog = TagDialog(None, TAG_COLORS[len(self.model.rows) % len(TAG_COLORS)], self)

        self.open_form(dialog, lambda: self.runtime.tags.create(dialog.name.text(), dialog.color.name()))

    def edit_selected(self) -> None:
        tag = self.selected()
        if tag is None:
            return
        dialog = TagDialog(tag, tag.color, self)

        self.open_form(dialog, lambda: self.runtime.tags.update(tag.id, dialog.name.text(), dialog.color.name()))

    def delete_selected(self) -> None:
        tag = self.selected()
        if tag is None:
            return

        async def go() -> None:
            if await confirm(self, translate("TagsSection", "Delete tag"), translate("TagsSection", 
                    "Delete the tag “{name}”? It comes off every contact.").format(
                    name=tag.name), translate("TagsSection", "Delete")):
                self.run(self.runtime.tags.delete(tag.id))

        tasks.spawn(go(), on_error=self.show_error)
