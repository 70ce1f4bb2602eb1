"""The dark scheme darkens Qt's own widgets too, so no dark text lands on a dark panel."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QGuiApplication, QPalette

from whatdesk.ui import theme


def test_dark_scheme_gives_qt_widgets_light_text_on_dark(qapp: Any) -> None:
    before = QGuiApplication.palette()
    theme.set_scheme("dark")
    try:
        theme.apply_to_app()
        pal = QGuiApplication.palette()
        window = pal.color(QPalette.ColorRole.Window)
        text = pal.color(QPalette.ColorRole.Text)
        assert window.lightness() < 64 and text.lightness() > 192
        assert pal.color(QPalette.ColorRole.Base).name().upper() == theme.DARK.panel
    finally:
        theme.set_scheme(None)
        QGuiApplication.setPalette(before)


def test_light_scheme_leaves_the_style_palette_alone(qapp: Any) -> None:
    before = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    theme.set_scheme("light")
    try:
        theme.apply_to_app()
        assert QGuiApplication.palette().color(QPalette.ColorRole.Window) == before
    finally:
        theme.set_scheme(None)
