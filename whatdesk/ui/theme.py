"""The look of the window in one place: palette, metrics and fonts for light and dark."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette


@dataclass(frozen=True)
class Palette:
    """Colours every widget and delegate reads (see shared/notes/ui.md)."""

    background: str
    panel: str
    list: str
    chat_wallpaper: str
    bubble_out: str
    bubble_in: str
    note: str
    text: str
    text_secondary: str
    accent: str
    unread_badge: str
    tick_read: str
    failed: str
    divider: str
    hover: str
    selected: str
    canvas: str

    def color(self, role: str) -> QColor:
        return QColor(getattr(self, role))


LIGHT = Palette(
    background="#F0F2F5", panel="#FFFFFF", list="#FFFFFF", chat_wallpaper="#EFEAE2",
    bubble_out="#D9FDD3", bubble_in="#FFFFFF", note="#FFF4C2", text="#111B21",
    text_secondary="#667781", accent="#00A884", unread_badge="#25D366", tick_read="#53BDEB",
    failed="#EA0038", divider="#E9EDEF", hover="#F5F6F6", selected="#F0F2F5",
    canvas="#F7F8FA",
)
DARK = Palette(
    background="#111B21", panel="#202C33", list="#111B21", chat_wallpaper="#0B141A",
    bubble_out="#005C4B", bubble_in="#202C33", note="#4A3F12", text="#E9EDEF",
    text_secondary="#8696A0", accent="#00A884", unread_badge="#25D366", tick_read="#53BDEB",
    failed="#EA0038", divider="#222D34", hover="#202C33", selected="#2A3942",
    canvas="#15181E",
)


@dataclass(frozen=True)
class Metrics:
    """Sizes in device-independent pixels."""

    ticket_row_height: int = 72
    avatar: int = 49
    bubble_radius: int = 8
    bubble_padding_h: int = 9
    bubble_padding_v: int = 6
    bubble_max_width: float = 0.65  # of the chat pane
    bubble_gap_same_sender: int = 2
    bubble_gap: int = 12
    list_min_width: int = 320
    contact_panel_width: int = 320


METRICS = Metrics()
_override: str | None = None  # "light" | "dark" | None (follow the system)


def set_scheme(scheme: str | None) -> None:
    """Force "light" or "dark", or None to follow the operating system."""
    global _override
    _override = scheme if scheme in ("light", "dark") else None


def is_dark() -> bool:
    if _override is not None:
        return _override == "dark"
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def palette() -> Palette:
    return DARK if is_dark() else LIGHT


def qt_palette(pal: Palette) -> QPalette:
    """A Qt palette from ours: the frames, menus, lists and fields Qt draws itself."""
    roles = QPalette.ColorRole
    qp = QPalette()
    for role, value in ((roles.Window, pal.background), (roles.Base, pal.panel),
                        (roles.AlternateBase, pal.hover), (roles.Button, pal.panel),
                        (roles.WindowText, pal.text), (roles.Text, pal.text),
                        (roles.ButtonText, pal.text), (roles.ToolTipBase, pal.panel),
                        (roles.ToolTipText, pal.text), (roles.PlaceholderText, pal.text_secondary),
                        (roles.Highlight, pal.accent), (roles.HighlightedText, "#FFFFFF"),
                        (roles.Link, pal.accent), (roles.Light, pal.selected),
                        (roles.Midlight, pal.selected), (roles.Mid, pal.divider),
                        (roles.Dark, pal.divider), (roles.Shadow, "#000000")):
        qp.setColor(role, QColor(value))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        qp.setColor(QPalette.ColorGroup.Disabled, role, QColor(pal.text_secondary))
    return qp


def apply_to_app() -> None:
    """In the dark scheme, give Qt's own widgets our dark palette when the style did not
    (offscreen, some Linux desktops): otherwise the rail, menus and section lists stay light
    around dark panels and their dark text is unreadable. The light scheme is left to the
    style."""
    app = QGuiApplication.instance()
    if app is None or not is_dark():
        return
    if QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() > 128:
        QGuiApplication.setPalette(qt_palette(DARK))


def avatar_color(key: int | str) -> QColor:
    """A stable colour for a contact's initials (the same contact, the same colour)."""
    hues = (14, 35, 160, 190, 210, 260, 290, 330)
    index = (key if isinstance(key, int) else sum(map(ord, key))) % len(hues)
    return QColor.fromHsl(hues[index], 140, 120 if is_dark() else 140)


def ticket_status_color(status: str) -> QColor:
    """The colour a ticket status is written in (contact history, headers)."""
    pal = palette()
    return QColor({"bot": pal.tick_read, "pending": "#E9A23B", "open": pal.accent,
                   "closed": pal.text_secondary}.get(str(status), pal.text_secondary))
