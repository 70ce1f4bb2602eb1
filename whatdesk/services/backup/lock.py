"""Who is using a data folder: the app holds a shared lock while it runs, a restore wants
it exclusive (so a folder is never swapped under a running whatdesk)."""

from __future__ import annotations

import os
from pathlib import Path

LOCK_NAME = "whatdesk.lock"


class DataDirLock:
    """An advisory lock on ``<data>/whatdesk.lock`` (flock on POSIX; on Windows the open
    files themselves stop a running app's folder from being renamed)."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / LOCK_NAME
        self._fd: int | None = None

    def acquire(self, exclusive: bool) -> bool:
        """True when held; False when another process holds it the other way."""
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            import fcntl
        except ImportError:  # Windows
            self._fd = fd
            return True
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None
