"""Backups: one encrypted `.wdbackup` file with the database, media, flows and (on request)
the sealed sessions; verify, restore, and scheduled automatic backups."""

from __future__ import annotations

from .core import (
    BackupFile,
    BackupSummary,
    apply_pending_restore,
    cancel_pending_restore,
    create_backup,
    list_backups,
    pending_restore,
    stage_restore,
    verify_backup,
)
from .errors import BackupError, Problem

__all__ = [
    "BackupError", "BackupFile", "BackupSummary", "Problem", "apply_pending_restore",
    "cancel_pending_restore", "create_backup", "list_backups", "pending_restore",
    "stage_restore", "verify_backup",
]
