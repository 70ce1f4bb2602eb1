"""The one language chooser (pt_BR or en) for the window and the command line; no Qt here."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping

log = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("pt_BR", "en")
FALLBACK = "en"


def supported(name: str) -> str | None:
    """The supported language a locale name means ("pt_BR.UTF-8", "pt", "en-US"), or None."""
    base = name.strip().split(".")[0].split("@")[0].replace("-", "_").lower()
    if not base:
        return None
    for lang in SUPPORTED_LANGUAGES:
        if base.split("_")[0] == lang.split("_")[0].lower():
            return lang  # pt_PT reads pt_BR better than English; en_GB is en
    return None


def choose_language(env: Mapping[str, str] | None = None, system: str | None = None) -> str:
    """pt_BR or en, in this order: WHATDESK_LANG; the POSIX message locale (LC_ALL, then
    LC_MESSAGES, then LANG, with GNU's LANGUAGE list taking precedence unless the locale is
    C); the system locale name `system` (the app passes Qt's, the CLI asks the OS); en."""
    env = os.environ if env is None else env
    wanted = (env.get("WHATDESK_LANG") or "").strip()
    if wanted:
        lang = supported(wanted)
        if lang is not None:
            return lang
        log.warning("WHATDESK_LANG=%r is not supported (use pt_BR or en)", wanted[:20])
    posix = next((env[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(k)), "")
    if posix:
        if posix.split(".")[0] in ("C", "POSIX"):
            return FALLBACK  # gettext ignores LANGUAGE under the C locale, and so do we
        for item in (env.get("LANGUAGE") or "").split(":"):
            lang = supported(item) if item else None
            if lang is not None:
                return lang
        return supported(posix) or FALLBACK
    if system is None:
        system = _os_locale_name()
    return (supported(system) if system else None) or FALLBACK


def _os_locale_name() -> str | None:
    """The user's locale when no environment variable says it (Windows and macOS apps)."""
    if sys.platform == "win32":
        import ctypes

        buffer = ctypes.create_unicode_buffer(85)
        if ctypes.windll.kernel32.GetUserDefaultLocaleName(buffer, 85):  # type: ignore[attr-defined]
            return buffer.value
        return None
    import locale

    name = locale.getlocale(locale.LC_CTYPE)[0]
    return name if name and name not in ("C", "POSIX") else None


def flows_locale(language: str) -> str:
    """The flows layer's locale key ("pt" or "en") for a chosen language."""
    return "en" if language == "en" else "pt"
