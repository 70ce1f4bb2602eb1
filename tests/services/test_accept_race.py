"""Two desktops accept the same waiting ticket at the same instant: exactly one gets it and
the other is told who did (SQLite shared by two processes; PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from whatdesk.domain.enums import TicketStatus
from whatdesk.store import (
    Database,
    create_agent,
    create_connection,
    find_or_create_ticket,
    get_ticket,
    sqlite_url,
    ticket_events,
    upsert_contact,
)

CHILD = Path(__file__).with_name("accept_child.py")
ROOT = Path(__file__).parents[2]


def _waiting_ticket(url: str) -> tuple[int, int, int]:
    db = Database.open(url)
    try:
        def write(s):
            conn = create_connection(s, "Loja")
            contact = upsert_contact(s, phone="5511987654321", name="Ana")
            ticket, _ = find_or_create_ticket(s, conn.id, contact.id, TicketStatus.PENDING)
            return ticket.id, create_agent(s, "Bia").id, create_agent(s, "Caio").id
        return db.write_sync(write)
    finally:
        db.close()


def _race(tmp_path: Path, url: str, rounds: int) -> list[str]:
    """Run ``rounds`` races; returns what each round's loser was told."""
    told: list[str] = []
    for round_ in range(rounds):
        tid, bia, caio = _waiting_ticket(url) if round_ == 0 else _reset(url, tid)
        start_at = str(time.time() + 3)  # both are up and warm by then (imports vary)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        procs = [subprocess.Popen(
            [sys.executable, str(CHILD), str(tmp_path / f"desk{i}"), url, str(tid), str(agent),
             start_at], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            for i, agent in enumerate((bia, caio))]
        outs = [p.communicate(timeout=90) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outs
        results = [o[0].strip() for o in outs]
        assert sorted(r.split()[0] for r in results) == ["LOST", "WON"], results
        db = Database.open(url)
        try:
            ticket = db.read_sync(lambda s: get_ticket(s, tid))
            accepts = [e for e in db.read_sync(lambda s: ticket_events(s, tid))
                       if e.kind == "accept"]
        finally:
            db.close()
        winner, loser_said = (bia, results[1]) if results[0] == "WON" else (caio, results[0])
        assert (ticket.status, ticket.agent_id) == (TicketStatus.OPEN, winner)
        assert loser_said == f"LOST {'Bia' if winner == bia else 'Caio'}"
        assert len(accepts) == round_ + 1  # one accept per round, never two
        told.append(loser_said)
    return told


def _reset(url: str, tid: int) -> tuple[int, int, int]:
    from whatdesk.store import list_agents, set_ticket_status

    db = Database.open(url)
    try:
        db.write_sync(lambda s: set_ticket_status(s, tid, TicketStatus.PENDING, "test"))
        agents = {a.name: a.id for a in db.read_sync(list_agents)}
        return tid, agents["Bia"], agents["Caio"]
    finally:
        db.close()


def test_two_processes_on_one_sqlite_file_accept_at_once_one_wins(tmp_path: Path) -> None:
    told = _race(tmp_path, sqlite_url(tmp_path / "shared.db"), rounds=3)
    assert len(told) == 3 and all(t in ("LOST Bia", "LOST Caio") for t in told)


def test_two_desktops_on_postgresql_accept_at_once_one_wins(tmp_path: Path, pg_url: str) -> None:
    told = _race(tmp_path, pg_url, rounds=3)
    assert len(told) == 3 and all(t in ("LOST Bia", "LOST Caio") for t in told)
