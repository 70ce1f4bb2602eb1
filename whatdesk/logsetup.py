"""Logging to a rotating file in the data dir; must run before neonize is imported."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from whatdesk.domain.phone import mask_phones_in

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
        file_handler.addFilter(MaskPhones())
        root.addHandler(file_handler)
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(formatter)
        stream.setLevel(logging.WARNING)
        stream.addFilter(MaskPhones())
        root.addHandler(stream)
    # whatsmeow is chatty at INFO; keep its records in the file only at WARNING and above.
    logging.getLogger("whatsmeow").setLevel(logging.WARNING)
    return log_file


class MaskPhones(logging.Filter):
    """Safety net under the call sites: every record at INFO and above leaves with its
    phone numbers and JIDs masked to the last 4 digits, its exception text included (a
    library's or Go's error may quote a number). DEBUG, written only with --debug, is left
    whole. On a handler, not a logger, so records of every logger (whatsmeow's too) pass it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.INFO or getattr(record, "whatdesk_masked", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep what we can, masked
            message = f"{record.msg} {record.args}"
        record.msg = mask_phones_in(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = _FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_phones_in(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_phones_in(record.stack_info)
        record.whatdesk_masked = True
        return True


_FORMATTER = logging.Formatter()
