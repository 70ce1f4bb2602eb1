"""Helpers for the vault tests: a session store like whatsmeow's."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def write_store(path: Path, secret: bytes) -> None:
    """A session like whatsmeow's: a SQLite file holding a device's private key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE IF NOT EXISTS whatsmeow_device (jid TEXT, noise_key BLOB)")
    con.execute("INSERT INTO whatsmeow_device VALUES (?, ?)", ("5511999990000@s.whatsapp.net",
                                                               secret))
    con.commit()
    con.close()


def read_store(path: Path) -> list[bytes]:
    con = sqlite3.connect(path)
    try:
        return [row[0] for row in con.execute("SELECT noise_key FROM whatsmeow_device")]
    finally:
        con.close()


def files_holding(roots: list[Path], *needles: bytes) -> list[Path]:
    """Every file under ``roots`` that contains one of ``needles`` in clear."""
    found = []
    for root in roots:
        if not root.exists():
            continue
        for path in root.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                if any(n in data for n in needles):
                    found.append(path)
    return found


def new_secret() -> bytes:
    return b"KEY:" + os.urandom(28)
