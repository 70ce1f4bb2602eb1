"""The Contacts page: every customer in one searchable list, their details on the right."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from whatdesk.store.contact_list import ContactListQuery, ContactSort
from whatdesk.ui import tasks, theme
from whatdesk.ui.avatars import AvatarCache
from whatdesk.ui.inbox.contact_panel import ContactPanel
from whatdesk.ui.inbox.context import InboxContext
from whatdesk.ui.inbox.toast import Toast
from whatdesk.ui.resources import icon

from .delegate import ContactRowDelegate
from .dialogs import AddContactDialog, ImportDialog
from .model import CONTACT_ID_ROLE, ContactListModel

SEARCH_MS = 250  # typing pauses this long before the list is searched
PANEL_WIDTH = 360
CLOCK_MS = 60_000


class ContactsPage(QWidget):
    """List (search, tag filter, order) | the contact panel of the selected contact, with
    "New conversation" and "Add contact"."""

    open_ticket_requested = Signal(int)  # a conversation was started or reused: show it

    def __init__(self, ctx: InboxContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("contactsPage")
        self.selected_id: int | None = None
        self._quiet = 0  # >0: selection changes come from the model, not the agent
        self.avatars = AvatarCache(getattr(ctx.runtime, "data_dir", None), self)
        self.model = ContactListModel(ctx.runtime.contacts, self)
        self.add_dialog: AddContactDialog | None = None
        self.import_picker: QFileDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self._toast: Toast | None = None

        lists = QWidget()
        lists.setObjectName("contactListPane")
        lists.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        column = QVBoxLayout(lists)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._header())
        column.addWidget(self._filters())
        column.addWidget(self._list_stack(), 1)

        self.panel = ContactPanel(ctx, collapsible=False)
        self.new_conversation_button = QPushButton(self.tr("New conversation"))
        self.new_conversation_button.setObjectName("newConversation")
        self.new_conversation_button.setIcon(icon("new-chat", "#FFFFFF"))
        self.new_conversation_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.new_conversation_button.setToolTip(self.tr(
            "Write to this contact (their open conversation when there is one)"))
        self.new_conversation_button.clicked.connect(self.start_conversation)
        bar = self.panel.findChild(QWidget, "contactBar")
        if bar is not None and bar.layout() is not None:
            bar.layout().addWidget(self.new_conversation_button)
        self.nothing = QLabel(self.tr(
            "Select a contact to see their number, e-mail, tags, notes and conversations, "
            "edit them, or write to them."))
        self.nothing.setObjectName("nothingSelected")
        self.nothing.setWordWrap(True)
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nothing.setContentsMargins(32, 32, 32, 32)
        self.right = QStackedWidget()
        self.right.addWidget(self.nothing)
        self.right.addWidget(self.panel)
        self.right.setFixedWidth(PANEL_WIDTH)

        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(lists)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.splitter)
        self._style()

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_MS)
        self._search_timer.timeout.connect(self.reload_list)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.tag_filter.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.sort.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelAboutToBeReset.connect(self._hush)
        self.model.modelReset.connect(self._after_reset)
        self.model.rows_changed.connect(self._update_empty)
        self.model.loading_changed.connect(lambda _l: self._update_empty())
        self.avatars.loaded.connect(lambda _p: self.view.viewport().update())
        self.panel.contact_loaded.connect(self._panel_loaded)
        ctx.bridge.contact_changed.connect(lambda ev: self.model.refresh([ev.contact_id]))
        ctx.bridge.message_created.connect(self._on_message)
        self._clock = QTimer(self, interval=CLOCK_MS)
        self._clock.timeout.connect(self.view.viewport().update)
        self._clock.start()
        # Ctrl+F searches; Down in the search box goes to the list
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self,
                                       self._focus_search)
        self.search.installEventFilter(self)
        self._show_selected(None)

    # ---- building -------------------------------------------------------------------------

    def _header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("contactsHeader")
        header.setFixedHeight(59)
        row = QHBoxLayout(header)
        row.setContentsMargins(16, 0, 12, 0)
        title = QLabel(self.tr("Contacts"))
        title.setObjectName("contactsTitle")
        self.add_button = QPushButton(self.tr("Add contact"))
        self.add_button.setObjectName("addContact")
        self.add_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.add_button.setToolTip(self.tr("Add a customer by name and phone number"))
        self.add_button.clicked.connect(self.open_add_contact)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setObjectName("importContacts")
        self.import_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.import_button.setToolTip(self.tr(
            "Add many contacts from a CSV file (name, phone, e-mail) or a vCard (.vcf) file "
            "exported from a phone or Google Contacts"))
        self.import_button.clicked.connect(self.choose_import_file)
        row.addWidget(title, 1)
        row.addWidget(self.import_button)
        row.addWidget(self.add_button)
        return header

    def _filters(self) -> QWidget:
        box = QWidget()
        box.setObjectName("contactFilters")
        column = QVBoxLayout(box)
        column.setContentsMargins(12, 8, 12, 8)
        column.setSpacing(6)
        self.search = QLineEdit()
        self.search.setObjectName("contactSearch")
        self.search.setPlaceholderText(self.tr("Search by name, number or e-mail"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMaxLength(200)
        self.search.returnPressed.connect(self._search_now)
        self.tag_filter = QComboBox()
        self.tag_filter.setObjectName("contactTagFilter")
        self.tag_filter.setToolTip(self.tr("Show contacts with this tag"))
        self.tag_filter.addItem(self.tr("All tags"), None)
        self.tag_filter.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.sort = QComboBox()
        self.sort.setObjectName("contactSort")
        self.sort.setToolTip(self.tr("Order of the list"))
        self.sort.addItem(self.tr("Name (A–Z)"), ContactSort.NAME)
        self.sort.addItem(self.tr("Last conversation"), ContactSort.ACTIVITY)
        self.sort.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        line = QHBoxLayout()
        line.setSpacing(6)
        line.addWidget(self.tag_filter)
        line.addWidget(self.sort)
        column.addWidget(self.search)
        column.addLayout(line)
        return box

    def _list_stack(self) -> QWidget:
        self.view = QListView()
        self.view.setObjectName("contactList")
        self.view.setModel(self.model)
        self.view.setItemDelegate(ContactRowDelegate(self.avatars, self.ctx.runtime.clock.now,
                                                     self.view))
        self.view.setUniformItemSizes(True)
        self.view.setMouseTracking(True)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName(self.tr("Contacts"))

        self.empty = QWidget()
        self.empty.setObjectName("contactListEmpty")
        col = QVBoxLayout(self.empty)
        col.setContentsMargins(32, 24, 32, 24)
        col.addStretch(1)
        self.empty_title = QLabel()
        self.empty_title.setObjectName("emptyTitle")
        self.empty_text = QLabel()
        self.empty_text.setObjectName("emptyText")
        for label in (self.empty_title, self.empty_text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            col.addWidget(label)
        self.empty_action = QPushButton()
        self.empty_action.setObjectName("emptyAction")
        self.empty_action.clicked.connect(self._empty_action)
        col.addWidget(self.empty_action, 0, Qt.AlignmentFlag.AlignHCenter)
        col.addStretch(2)

        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.view)
        self.list_stack.addWidget(self.empty)
        return self.list_stack

    def _style(self) -> None:
        pal = theme.palette()
        self.setStyleSheet(
            f"#contactListPane, #contactList, #contactListEmpty {{ background: {pal.list};"
            " border: none; }"
            f"#contactsHeader {{ background: {pal.panel}; border-bottom: 1px solid {pal.divider}; }}"
            f"#contactsTitle {{ color: {pal.text}; font-size: 19px; font-weight: 600; }}"
            f"#contactFilters {{ background: {pal.list}; border-bottom: 1px solid {pal.divider}; }}"
            f"#contactSearch {{ border: none; border-radius: 8px; padding: 6px 8px;"
            f" background: {pal.background}; color: {pal.text}; }}"
            # (Qt draws square corners when the radius is over half the height)
            f"#addContact, #newConversation {{ background: {pal.accent}; color: white;"
            " border: none; border-radius: 15px; min-height: 30px; max-height: 30px;"
            " padding: 0 14px; font-weight: 600; }"
            f"#addContact:hover, #newConversation:hover {{ background: #008F6F; }}"
            f"#newConversation:disabled {{ background: {pal.divider};"
            f" color: {pal.text_secondary}; }}"
            f"#importContacts {{ color: {pal.accent}; background: transparent;"
            f" border: 1px solid {pal.accent}; border-radius: 15px; min-height: 30px;"
            " max-height: 30px; padding: 0 14px; font-weight: 600; }"
            f"#emptyAction {{ color: {pal.accent}; background: transparent;"
            f" border: 1px solid {pal.accent}; border-radius: 15px; min-height: 30px;"
            " max-height: 30px; padding: 0 16px; font-weight: 600; }"
            f"#emptyTitle {{ color: {pal.text}; font-size: 16px; font-weight: 600; }}"
            f"#emptyText, #nothingSelected {{ color: {pal.text_secondary}; font-size: 13px; }}"
            f"#nothingSelected {{ background: {pal.background}; }}"
        )

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 (Qt override)
        from PySide6.QtCore import QEvent

        if obj is self.search and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down and self.model.rowCount():
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.view.currentIndex().isValid():
                self.view.setCurrentIndex(self.model.index(0))
            return True
        return super().eventFilter(obj, event)

    # ---- loading --------------------------------------------------------------------------

    async def reload(self) -> None:
        """Tag choices and the list, as stored now (the page was shown)."""
        await self._load_tags()
        await self.model.set_query(self.query())

    async def _load_tags(self) -> None:
        tags = await self.ctx.runtime.contacts.all_tags()
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        try:
            self.tag_filter.clear()
            self.tag_filter.addItem(self.tr("All tags"), None)
            for tag in tags:
                self.tag_filter.addItem(tag.name, tag.id)
            at = self.tag_filter.findData(current)
            self.tag_filter.setCurrentIndex(max(0, at))
        finally:
            self.tag_filter.blockSignals(False)

    def query(self) -> ContactListQuery:
        return ContactListQuery(viewer=self.ctx.agent, text=self.search.text().strip(),
                                tag_id=self.tag_filter.currentData(),
                                sort=self.sort.currentData() or ContactSort.NAME)

    def reload_list(self) -> None:
        self._search_timer.stop()
        tasks.spawn(self.model.set_query(self.query()))

    def _search_now(self) -> None:
        self.reload_list()

    def _filters_changed(self) -> None:
        self.reload_list()

    # ---- selection ------------------------------------------------------------------------

    def _hush(self) -> None:
        self._quiet += 1

    def _after_reset(self) -> None:
        self._quiet = max(0, self._quiet - 1)
        # the selected contact stays selected when it is still in the list
        if self.selected_id is not None:
            at = self.model.row_of(self.selected_id)
            if at is not None:
                self._quiet += 1
                try:
                    self.view.selectionModel().setCurrentIndex(
                        self.model.index(at), QItemSelectionModel.SelectionFlag.ClearAndSelect)
                finally:
                    self._quiet -= 1
        self._update_empty()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        self.select_contact(int(current.data(CONTACT_ID_ROLE)))

    def select_contact(self, contact_id: int | None) -> None:
        """Show this contact in the panel (and select its row when it is loaded)."""
        self.selected_id = contact_id
        at = self.model.row_of(contact_id) if contact_id is not None else None
        if at is not None and self.view.currentIndex().row() != at:
            self._quiet += 1
            try:
                self.view.selectionModel().setCurrentIndex(
                    self.model.index(at), QItemSelectionModel.SelectionFlag.ClearAndSelect)
            finally:
                self._quiet -= 1
        self._show_selected(contact_id)

    def _show_selected(self, contact_id: int | None) -> None:
        self.new_conversation_button.setEnabled(False)
        if contact_id is None:
            self.right.setCurrentWidget(self.nothing)
            self.panel.show_contact(None)
            return
        self.right.setCurrentWidget(self.panel)
        self.panel.show_contact(contact_id)

    def _panel_loaded(self, contact_id: int) -> None:
        card = self.panel.card
        if card is None or contact_id != self.selected_id:
            return
        c = card.contact
        can_write = bool(c.phone) and not c.is_group and not c.blocked
        self.new_conversation_button.setEnabled(can_write)
        if not c.phone:
            tip = self.tr("This contact has no phone number to write to")
        elif c.blocked:
            tip = self.tr("Unblock this contact to write to them")
        else:
            tip = self.tr("Write to this contact (their open conversation when there is one)")
        self.new_conversation_button.setToolTip(tip)

    def _update_empty(self) -> None:
        if self.model.rowCount() or self.model.loading:
            self.list_stack.setCurrentWidget(self.view)
            return
        searching = bool(self.search.text().strip()) or self.tag_filter.currentData() is not None
        if searching:
            self.empty_title.setText(self.tr("No contact found"))
            self.empty_text.setText(self.tr(
                "No contact matches this search or tag. Search looks at names, numbers and "
                "e-mails."))
            self.empty_action.setText(self.tr("Clear search"))
        else:
            self.empty_title.setText(self.tr("No contacts yet"))
            self.empty_text.setText(self.tr(
                "Customers who write to you appear here. You can also add one yourself."))
            self.empty_action.setText(self.tr("Add contact"))
        self.list_stack.setCurrentWidget(self.empty)

    def _empty_action(self) -> None:
        if self.search.text().strip() or self.tag_filter.currentData() is not None:
            self.clear_search()
        else:
            self.open_add_contact()

    def clear_search(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.tag_filter.blockSignals(True)
        self.tag_filter.setCurrentIndex(0)
        self.tag_filter.blockSignals(False)
        self.reload_list()

    def _on_message(self, event: Any) -> None:
        contact_id = getattr(event, "contact_id", None)
        if contact_id is not None:
            self.model.refresh([contact_id])  # its last conversation time moved

    # ---- actions --------------------------------------------------------------------------

    def toast(self) -> Toast:
        if self._toast is None:
            self._toast = Toast(self)
        return self._toast

    def open_add_contact(self) -> None:
        dialog = AddContactDialog(self.ctx.runtime.contacts.add, self)
        dialog.saved.connect(self._added)
        self.add_dialog = dialog
        dialog.open()

    def _added(self, result: Any) -> None:
        row, created = result
        if created:
            self.toast().show_message(self.tr("{name} was added.").format(name=row.display_name))
            self._show_added(row)
            return
        # a number already known: shown only when this agent may see that contact

        async def visible() -> bool:
            query = ContactListQuery(viewer=self.ctx.agent)
            return (await self.ctx.runtime.contacts.list_rows(query, [row.id])).get(
                row.id) is not None

        def answer(seen: bool) -> None:
            if seen:
                self.toast().show_message(self.tr(
                    "{name} was already in your contacts with this number.").format(
                    name=row.display_name))
                self._show_added(row)
            else:
                self.toast().show_message(self.tr(
                    "This number already belongs to a contact of another queue."))

        tasks.spawn(visible(), on_success=answer,
                    on_error=lambda text: self.toast().show_message(str(text)))

    def _show_added(self, row: Any) -> None:
        self.selected_id = row.id
        self._show_selected(row.id)
        # the list is read again with the new contact; a search that hides it is cleared
        if self.search.text().strip() or self.tag_filter.currentData() is not None:
            self.clear_search()
        else:
            self.reload_list()

    def choose_import_file(self) -> None:
        picker = QFileDialog(self, self.tr("Import contacts"))
        picker.setObjectName("importPicker")
        picker.setFileMode(QFileDialog.FileMode.ExistingFile)
        picker.setNameFilters([self.tr("Contacts (*.csv *.vcf)"), self.tr("All files (*)")])
        picker.fileSelected.connect(self.read_import_file)
        self.import_picker = picker
        picker.open()

    def read_import_file(self, path: str) -> None:
        """Read the file (nothing written yet) and show what it holds."""
        if not path:
            return
        from whatdesk.services.contact_import import ImportRefused

        self.import_button.setEnabled(False)

        async def read() -> tuple[Any, Any]:
            try:
                return await self.ctx.runtime.contacts.read_import(path), None
            except ImportRefused as exc:
                return None, exc

        def show(result: tuple[Any, Any]) -> None:
            self.import_button.setEnabled(True)
            dialog = ImportDialog(result[0], result[1], self)
            dialog.import_requested.connect(self._write_import)
            self.import_dialog = dialog
            dialog.open()

        def failed(text: str) -> None:
            self.import_button.setEnabled(True)
            self.toast().show_message(str(text))

        tasks.spawn(read(), on_success=show, on_error=failed)

    def _write_import(self, plan: Any) -> None:
        self.import_button.setEnabled(False)

        def done(counts: Any) -> None:
            self.import_button.setEnabled(True)
            self.toast().show_message(self.tr(
                "Import finished: {added} added, {completed} completed, {unchanged} already "
                "up to date.").format(added=counts.added, completed=counts.completed,
                                      unchanged=counts.unchanged))
            self.reload_list()

        def failed(text: str) -> None:
            self.import_button.setEnabled(True)
            self.toast().show_message(str(text))

        tasks.spawn(self.ctx.runtime.contacts.import_people(plan), on_success=done,
                    on_error=failed)

    def start_conversation(self) -> None:
        """Write to the selected contact: their open conversation (same connection) when there
        is one, else a new one that is the agent's; the inbox then shows it."""
        card = self.panel.card
        if card is None or not card.contact.phone:
            return
        phone, last = card.contact.phone, (card.history[0].connection_id if card.history
                                           else None)
        self.new_conversation_button.setEnabled(False)

        async def start() -> Any:
            # the connection they last talked to (when it still exists), else the default one
            known = {c.id for c in await self.ctx.runtime.connections.list()}
            return await self.ctx.runtime.tickets.start_conversation(
                phone, self.ctx.agent.id, last if last in known else None)

        def done(ticket: Any) -> None:
            self.new_conversation_button.setEnabled(True)
            self.open_ticket_requested.emit(int(ticket.id))

        def failed(text: str) -> None:
            self.new_conversation_button.setEnabled(True)
            self.toast().show_message(str(text))

        tasks.spawn(start(), on_success=done, on_error=failed)
