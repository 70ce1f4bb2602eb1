"""The app's own logging set-up (configure_logging, its log file) for a test, then undone."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whatdesk.logsetup import configure_logging


@contextmanager
def app_logging(data_dir: Path, level: int = logging.INFO) -> Iterator[Path]:
    """Log as the app does (its file in ``data_dir``, at ``level``); yields the file."""
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    try:
        path = configure_logging(data_dir, level, console=False)
        assert path is not None
        yield path
    finally:
        for handler in list(root.handlers):
            handler.close()
            root.removeHandler(handler)
        for handler in saved_handlers:
            root.addHandler(handler)
        root.setLevel(saved_level)


def read_log(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")
