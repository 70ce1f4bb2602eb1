"""The menu bar (Quit, User guide, About) and what `whatdesk` says when there is no display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from whatdesk import __version__

ROOT = Path(__file__).parents[2]


def _menu_titles(window: Any) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_menu_bar_has_file_quit_and_help_with_guide_and_about(window: Any) -> None:
    assert _menu_titles(window) == ["&File", "&Help"]
    file_menu, help_menu = (a.menu() for a in window.menuBar().actions())
    assert [a.text() for a in file_menu.actions()] == ["&Mute notifications", "&Quit"]
    assert [a.text() for a in help_menu.actions() if not a.isSeparator()] == [
        "&Keyboard shortcuts", "&User guide", "&About whatdesk"]
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"


def test_about_shows_the_name_version_and_what_it_is(window: Any, qtbot: Any) -> None:
    window.about_action.trigger()
    box = window.about_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.windowTitle() == "About whatdesk"
    assert f"whatdesk {__version__}" in box.text() and "WhatsApp" in box.text()
    box.close()


def test_quit_closes_the_window(window: Any, qtbot: Any) -> None:
    with qtbot.waitSignal(window.close_requested, timeout=2000):
        window.quit_action.trigger()
    assert not window.isVisible()


def test_user_guide_opens_the_readme_that_exists(window: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(url) or True))
    window.guide_action.trigger()
    [url] = opened
    path = Path(url.toLocalFile())
    assert url.isLocalFile() and path.is_file() and path.name == "README.md"
    assert path.read_text(encoding="utf-8").startswith("# whatdesk")


def test_user_guide_is_found_inside_a_pyinstaller_bundle(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from whatdesk.ui.resources import user_guide_path

    (tmp_path / "resources").mkdir()
    (tmp_path / "README.md").write_text("# whatdesk\n", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert user_guide_path() == tmp_path / "README.md"
    spec = (ROOT / "whatdesk.spec").read_text(encoding="utf-8")
    assert '("README.md", ".")' in spec  # the bundle puts it where user_guide_path looks


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="X11/Wayland only")
@pytest.mark.parametrize("lang, words", [
    ("en_US.UTF-8", "no display found"),
    ("pt_BR.UTF-8", "nenhuma tela encontrada"),
])
def test_no_display_says_what_to_do_and_exits_2(tmp_path: Path, lang: str, words: str) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "WHATDESK_LANG",
                        "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(LANG=lang, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "whatdesk", "--data-dir", str(tmp_path / "d")],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert words in done.stderr
    for advice in ("xvfb-run whatdesk", "QT_QPA_PLATFORM=offscreen whatdesk"):
        assert advice in done.stderr
    assert "platform plugin" not in done.stderr and done.stdout == ""


def test_menus_and_about_are_in_portuguese_with_the_translation(
        qapp: Any, runtime: Any, settings: Any, qtbot: Any) -> None:
    from PySide6.QtCore import QLocale

    from whatdesk.app import install_translators
    from whatdesk.ui.main_window import MainWindow

    translators = install_translators(qapp, "pt_BR")
    try:
        win = MainWindow.for_runtime(runtime, settings=settings)
        qtbot.addWidget(win)
        assert _menu_titles(win) == ["&Arquivo", "Aj&uda"]
        assert win.quit_action.text() == "&Sair"
        win.show_about()
        assert win.about_box.windowTitle() == "Sobre o whatdesk"
        assert f"whatdesk {__version__}" in win.about_box.text()
        assert "Atenda seus clientes" in win.about_box.text()
        win.about_box.close()
    finally:
        for t in translators:
            qapp.removeTranslator(t)
        QLocale.setDefault(QLocale(QLocale.Language.English))


def test_readme_screenshot_script_draws_the_demo_linked(
        qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/make_screenshot.py regenerates the README picture from the real --demo app."""
    import importlib.util

    from PySide6.QtGui import QImage

    spec = importlib.util.spec_from_file_location("make_screenshot",
                                                  ROOT / "docs" / "make_screenshot.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.setenv("WHATDESK_LANG", "en")
    out = tmp_path / "shot.png"
    health = script.capture(out, timeout_s=30, settle_ms=300)
    assert health == "1 connection: 1 connected"
    image = QImage(str(out))
    assert (image.width(), image.height()) == script.SIZE
