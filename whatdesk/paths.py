"""Where whatdesk keeps its data: the data dir and the files inside it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from whatdesk.domain.errors import DataDirError

APP_NAME = "whatdesk"


def default_data_dir() -> Path:
    env = os.environ.get("WHATDESK_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_url(explicit: str | None) -> str | None:
    """--database-url, else WHATDESK_DATABASE_URL, else None (whatdesk.db in the data dir)."""
    return explicit or os.environ.get("WHATDESK_DATABASE_URL") or None


def prepare_data_dir(path: Path) -> Path:
    """Create the data dir and its sub-folders; raise DataDirError if it is not writable."""
    path = path.expanduser().resolve()
    try:
        for sub in ("", "sessions", "media", "logs", "flow-media", "inbound"):
            (path / sub).mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as err:
        raise DataDirError(
            f"Não foi possível usar a pasta de dados {path}: {err.strerror or err}. "
            "Escolha outra com --data-dir ou WHATDESK_DATA_DIR.",
            en=f"Cannot use the data folder {path}: {err.strerror or err}. "
            "Choose another with --data-dir or WHATDESK_DATA_DIR."
        ) from err
    return path


def inbound_journal_path(data_dir: Path, connection_id: int) -> Path:
    """The journal of what a connection received but has not committed yet."""
    return data_dir / "inbound" / f"{int(connection_id)}.journal"


def resources_dir() -> Path:
    """The shipped resources (icons, translations, example flows), also inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
