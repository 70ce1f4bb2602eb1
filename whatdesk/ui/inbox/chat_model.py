"""The chat's item model: messages, day separators and system lines in time order, loaded in
pages and updated row by row (never reset by a live event)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from whatdesk.services.chat import ChatMessage, ChatPage, SystemLine

ItemRole = Qt.ItemDataRole.UserRole + 1
RUN_GAP = timedelta(seconds=60)  # same sender within a minute: one run, bubbles 2 px apart


translate = QCoreApplication.translate  # lupdate finds calls named "translate"


@dataclass
class DayItem:
    day: date
    version: int = 0

    @property
    def key(self) -> tuple[str, Any]:
        return ("d", self.day)


@dataclass
class LineItem:
    line: SystemLine
    version: int = 0

    @property
    def key(self) -> tuple[str, Any]:
        return ("e", self.line.event_id)

    @property
    def at(self) -> datetime:
        return self.line.at


@dataclass
class MessageItem:
    msg: ChatMessage
    version: int = 0
    highlighted: bool = False
    # Set by the model from the previous row: continues a run (no tail, 2 px gap, no name).
    continues: bool = field(default=False)

    @property
    def key(self) -> tuple[str, Any]:
        return ("m", self.msg.id)

    @property
    def at(self) -> datetime:
        return self.msg.row.created_at


Item = DayItem | LineItem | MessageItem


def local_day(at: datetime) -> date:
    return at.astimezone().date()


def _timeline(messages: list[ChatMessage], lines: list[SystemLine]) -> list[MessageItem | LineItem]:
    """Messages and system lines merged by time (a line at a message's instant goes first)."""
    merged: list[tuple[datetime, int, int, MessageItem | LineItem]] = []
    for i, m in enumerate(messages):
        merged.append((m.row.created_at, 1, i, MessageItem(m)))
    for i, ln in enumerate(lines):
        merged.append((ln.at, 0, i, LineItem(ln)))
    merged.sort(key=lambda t: (t[0], t[1], t[2]))
    return [t[3] for t in merged]


def _with_days(items: list[MessageItem | LineItem], last_day: date | None) -> list[Item]:
    out: list[Item] = []
    for item in items:
        day = local_day(item.at)
        if day != last_day:
            out.append(DayItem(day))
            last_day = day
        out.append(item)
    return out


class ChatModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[Item] = []
        self.more_before = False
        self.more_after = False
        self._rows: dict[int, int] = {}  # message id -> row
        self._event_ids: set[int] = set()

    # ---- Qt -----------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        if role == ItemRole:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return describe(item)
        return None

    # ---- loading ------------------------------------------------------------------------

    def load(self, page: ChatPage) -> None:
        """A new ticket (or a jump): the one place the model is reset."""
        self.beginResetModel()
        self._event_ids = {ln.event_id for ln in page.lines}
        self.items = _with_days(_timeline(page.messages, page.lines), None)
        self.more_before, self.more_after = page.more_before, page.more_after
        self._link_runs(0, len(self.items))
        self._reindex()
        self.endResetModel()

    def clear(self) -> None:
        self.load(ChatPage([]))

    def prepend(self, page: ChatPage) -> int:
        """Older messages above the first row. Returns how many rows were added."""
        return self.insert_older(self.older_items(page))

    def older_items(self, page: ChatPage) -> list[Item]:
        """The rows an older page adds (not inserted yet: the view may lay them out first)."""
        self.more_before = page.more_before
        lines = [ln for ln in page.lines if ln.event_id not in self._event_ids]
        known = set(self._rows)
        messages = [m for m in page.messages if m.id not in known]
        new = _with_days(_timeline(messages, lines), None)
        _link(new, 0, len(new))
        return new

    def insert_older(self, new: list[Item]) -> int:
        """Insert rows made by older_items above the first row. Returns how many were added."""
        known = set(self._rows)
        if not new or any(isinstance(i, MessageItem) and i.msg.id in known for i in new):
            return 0  # empty, or the model changed meanwhile (a reload): the page is stale
        self._event_ids.update(i.line.event_id for i in new if isinstance(i, LineItem))
        # The first old row is the separator of its day; the new rows may end on that day.
        last_new_day = next((local_day(i.at) for i in reversed(new)
                             if not isinstance(i, DayItem)), None)
        if self.items and isinstance(self.items[0], DayItem) and self.items[0].day == last_new_day:
            self.beginRemoveRows(QModelIndex(), 0, 0)
            del self.items[0]
            self.endRemoveRows()
        self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
        self.items[0:0] = new
        self._reindex()
        self.endInsertRows()
        self._link_runs(len(new), len(new) + 1, notify=True)
        return len(new)

    def append(self, messages: list[ChatMessage], lines: list[SystemLine] = ()) -> int:  # type: ignore[assignment]
        """Newer messages / lines at the end (live arrivals, pages below). Returns rows added."""
        lines = [ln for ln in lines if ln.event_id not in self._event_ids]
        messages = [m for m in messages if m.id not in self._rows]
        if not messages and not lines:
            return 0
        self._event_ids.update(ln.event_id for ln in lines)
        last_day = next((local_day(i.at) if not isinstance(i, DayItem) else i.day
                         for i in reversed(self.items)), None)
        new = _with_days(_timeline(messages, list(lines)), last_day)
        first = len(self.items)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self.items.extend(new)
        self._reindex(first)
        self.endInsertRows()
        self._link_runs(first, len(self.items))
        return len(new)

    def trim_after(self, keep: int) -> int:
        """Forget the rows below the first ``keep`` (far below the agent, reading history):
        the view stays a bounded window of the chat, reloaded as a page when scrolled back
        down (``more_after``). Returns how many rows were removed."""
        if len(self.items) <= keep:
            return 0
        cut = keep
        while cut > 0 and isinstance(self.items[cut - 1], DayItem):
            cut -= 1  # never end on a day separator with nothing under it
        if cut == 0:
            return 0
        return self._remove(cut, len(self.items), more_after=True)

    def trim_before(self, keep: int) -> int:
        """Forget the rows above the last ``keep`` (far above the agent, who scrolled down):
        the first kept message gets its day separator and starts a run. Returns rows removed."""
        if len(self.items) <= keep:
            return 0
        cut = len(self.items) - keep
        first = self.items[cut]
        removed = self._remove(0, cut, more_before=True)
        if not isinstance(first, DayItem):
            self.beginInsertRows(QModelIndex(), 0, 0)
            self.items.insert(0, DayItem(local_day(first.at)))
            self._reindex()
            self.endInsertRows()
            removed -= 1
        self._link_runs(0, 2, notify=True)
        return removed

    def _remove(self, start: int, stop: int, more_before: bool = False,
                more_after: bool = False) -> int:
        gone = self.items[start:stop]
        self.beginRemoveRows(QModelIndex(), start, stop - 1)
        del self.items[start:stop]
        for item in gone:
            if isinstance(item, LineItem):
                self._event_ids.discard(item.line.event_id)
        self._reindex()
        self.endRemoveRows()
        self.more_before = self.more_before or more_before
        self.more_after = self.more_after or more_after
        return len(gone)

    def update_message(self, msg: ChatMessage) -> bool:
        row = self._rows.get(msg.id)
        if row is None:
            return False
        item = self.items[row]
        assert isinstance(item, MessageItem)
        item.msg = msg
        item.version += 1
        self._changed(row)
        return True

    def set_highlight(self, message_id: int, on: bool) -> None:
        row = self._rows.get(message_id)
        if row is not None:
            item = self.items[row]
            assert isinstance(item, MessageItem)
            item.highlighted = on
            item.version += 1
            self._changed(row)

    # ---- lookups ------------------------------------------------------------------------

    def row_of(self, message_id: int) -> int | None:
        return self._rows.get(message_id)

    def row_of_wa_id(self, wa_id: str) -> int | None:
        for row, item in enumerate(self.items):
            if isinstance(item, MessageItem) and item.msg.row.wa_id == wa_id:
                return row
        return None

    def first_message_id(self) -> int | None:
        return next((i.msg.id for i in self.items if isinstance(i, MessageItem)), None)

    def last_message_id(self) -> int | None:
        return next((i.msg.id for i in reversed(self.items) if isinstance(i, MessageItem)), None)

    def last_at(self) -> datetime | None:
        return next((i.at for i in reversed(self.items) if not isinstance(i, DayItem)), None)

    def message_items(self) -> list[MessageItem]:
        return [i for i in self.items if isinstance(i, MessageItem)]

    # ---- internals ----------------------------------------------------------------------

    def _changed(self, row: int) -> None:
        index = self.index(row, 0)
        self.dataChanged.emit(index, index, [ItemRole])

    def _reindex(self, start: int = 0) -> None:
        if start == 0:
            self._rows = {}
        for row in range(start, len(self.items)):
            item = self.items[row]
            if isinstance(item, MessageItem):
                self._rows[item.msg.id] = row

    def _link_runs(self, start: int, stop: int, notify: bool = False) -> None:
        for row in _link(self.items, start, stop):
            if notify:
                self._changed(row)


def _link(items: list[Item], start: int, stop: int) -> list[int]:
    """Mark which messages continue the previous one's run (no tail, no repeated name);
    returns the rows that changed."""
    changed = []
    for row in range(start, min(stop, len(items))):
        item = items[row]
        if not isinstance(item, MessageItem):
            continue
        prev = items[row - 1] if row > 0 else None
        continues = isinstance(prev, MessageItem) and same_run(prev.msg, item.msg)
        if continues != item.continues:
            item.continues = continues
            item.version += 1
            changed.append(row)
    return changed


def same_run(a: ChatMessage, b: ChatMessage) -> bool:
    ra, rb = a.row, b.row
    return (ra.from_me == rb.from_me and ra.is_private_note == rb.is_private_note
            and (ra.sender_jid or "") == (rb.sender_jid or "")
            and timedelta(0) <= rb.created_at - ra.created_at <= RUN_GAP)


def kind_label(kind: str) -> str:
    """The translated name of a message kind ("Photo", "Voice message", ...)."""
    names = {
        "image": translate("ChatView", "Photo"), "video": translate("ChatView", "Video"), "audio": translate("ChatView", "Audio"),
        "voice": translate("ChatView", "Voice message"), "document": translate("ChatView", "Document"), "sticker": translate("ChatView", "Sticker"),
        "location": translate("ChatView", "Location"), "contact": translate("ChatView", "Contact"), "buttons": translate("ChatView", "Buttons"),
        "list": translate("ChatView", "List"), "button_reply": translate("ChatView", "Button reply"),
        "list_reply": translate("ChatView", "List reply"), "unsupported": translate("ChatView", "Unsupported message"),
    }
    return names.get(kind, "")


def day_label(day: date, today: date) -> str:
    if day == today:
        return translate("ChatView", "Today")
    if day == today - timedelta(days=1):
        return translate("ChatView", "Yesterday")
    if today - day < timedelta(days=7):
        return [translate("ChatView", "Monday"), translate("ChatView", "Tuesday"), translate("ChatView", "Wednesday"), translate("ChatView", "Thursday"),
                translate("ChatView", "Friday"), translate("ChatView", "Saturday"), translate("ChatView", "Sunday")][day.weekday()]
    return day.strftime("%d/%m/%Y")


def line_text(line: SystemLine) -> str:
    """A system line as the agent reads it ("Accepted by Bia")."""
    who = line.actor_name
    k = line.kind
    if k == "accept":
        return translate("ChatView", "Accepted by %1").replace("%1", who) if who else translate("ChatView", "Accepted")
    if k == "transfer":
        target = line.to_agent or line.to_queue
        if target and who:
            return translate("ChatView", "Transferred to %1 by %2").replace("%1", target).replace("%2", who)
        return translate("ChatView", "Transferred to %1").replace("%1", target) if target else translate("ChatView", "Transferred")
    if k == "close":
        return translate("ChatView", "Closed by %1").replace("%1", who) if who else translate("ChatView", "Closed")
    if k == "reopen":
        return translate("ChatView", "Reopened by %1").replace("%1", who) if who else translate("ChatView", "Reopened")
    if k == "bot_stopped":
        return translate("ChatView", "Bot handed over the conversation")
    if k == "returned":
        return (translate("ChatView", "Returned to waiting by %1").replace("%1", who) if who
                else translate("ChatView", "Returned to waiting"))
    if k == "to_bot":
        return translate("ChatView", "Handed back to the bot")
    if k == "opened":
        return translate("ChatView", "Opened by %1").replace("%1", who) if who else translate("ChatView", "Opened")
    return ""


def describe(item: Item) -> str:
    """Plain text of a row (accessibility, tests, copy)."""
    if isinstance(item, DayItem):
        return day_label(item.day, datetime.now().astimezone().date())
    if isinstance(item, LineItem):
        return line_text(item.line)
    r = item.msg.row
    if r.deleted:
        return translate("ChatView", "This message was deleted")
    label = kind_label(r.kind)
    text = r.text or r.media_filename or r.location_name or ""
    return f"{label}: {text}" if label and text else (label or text)
