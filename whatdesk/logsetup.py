"""Logging to a rotating file in the data dir; must run before neonize is imported."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(data_dir: Path | None, level: int = logging.INFO, console: bool = True) -> Path | None:
    """Install our handlers on the root logger. neonize calls logging.basicConfig(INFO) on
    import, which is a no-op once the root logger has handlers — so this must come first."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.setLevel(level)
    formatter = logging.Formatter(LOG_FORMAT)
    log_file = None
    if data_dir is not None:
        log_file = data_dir / "logs" / "whatdesk.log"
        log_file.parent.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=5 * 1024 * 1024, backupCount=5, encoding="utf-8"
        )
        file_handler.setFormatter(formatter)
        root.addHandler(file_handler)
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(formatter)
        stream.setLevel(logging.WARNING)
        root.addHandler(stream)
    # whatsmeow is chatty at INFO; keep its records in the file only at WARNING and above.
    logging.getLogger("whatsmeow").setLevel(logging.WARNING)
    return log_file
