"""An open inbound journal drops what it already delivered when asked (after an erase),
keeps what is still pending, and goes on appending."""

from __future__ import annotations

from pathlib import Path

from whatdesk.channels.neonize.journal import InboundJournal, compact_journal_file


def test_compact_keeps_pending_entries_and_drops_delivered_ones(tmp_path: Path) -> None:
    path = tmp_path / "1.journal"
    journal = InboundJournal(path)
    journal.open()
    done = journal.append(1, b"delivered: Zuleica 5511987654321")
    journal.append(1, b"still pending")
    journal.mark_done(done)
    assert b"Zuleica" in path.read_bytes()

    journal.compact()

    assert b"Zuleica" not in path.read_bytes()
    journal.append(1, b"after")
    journal.close()
    again = InboundJournal(path)
    assert [e.raw for e in again.open()] == [b"still pending", b"after"]
    again.close()


def test_compact_of_a_journal_nobody_has_open(tmp_path: Path) -> None:
    path = tmp_path / "2.journal"
    journal = InboundJournal(path)
    journal.open()
    journal.mark_done(journal.append(1, b"delivered: Quixabeira"))
    journal.close()
    assert b"Quixabeira" in path.read_bytes()
    compact_journal_file(path)
    assert b"Quixabeira" not in path.read_bytes()
