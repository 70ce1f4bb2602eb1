"""Quick replies: ``/shortcut`` → text (and an optional file), global or personal to an agent."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from whatdesk.domain.errors import ConflictError, NotFound

from ._sql import conn_of, now_or, quick_replies_t
from .directory import InvalidName

_q = quick_replies_t.c
_SHORTCUT = re.compile(r"[\w-]{1,59}")


@dataclass(frozen=True)
class QuickReplyRow:
    id: int
    shortcut: str  # without the "/"
    text: str
    media_path: str | None  # a copy inside the data dir, never the path the user picked
    agent_id: int | None  # None: every agent sees it


class QuickReplyMatch(NamedTuple):
    """What the composer's "/" search needs."""

    id: int
    shortcut: str
    text: str
    media_path: str | None
    agent_id: int | None  # None: a reply for everyone (the list marks personal ones)


def clean_shortcut(value: str) -> str:
    """"/Boas Vindas " -> "boas-vindas"; letters, digits, "_" and "-" only."""
    text = "-".join(str(value or "").strip().lstrip("/").split()).lower()
    if not _SHORTCUT.fullmatch(text):
        raise InvalidName("Use um atalho de letras, números, “-” ou “_” (ex.: /bomdia).",
                          en="Use a shortcut of letters, digits, “-” or “_” (e.g. /hello).")
    return text


def _row(r: Any) -> QuickReplyRow:
    return QuickReplyRow(r.id, r.shortcut, r.text, r.media_path, r.agent_id)


def _visible_to(agent_id: int | None) -> Any:
    return or_(_q.agent_id.is_(None), _q.agent_id == agent_id)


def _check_free(s: Session, shortcut: str, agent_id: int | None, exclude: int | None) -> None:
    """One shortcut means one reply for whoever sees it: a personal one may not shadow a
    global one, nor a global one an agent's personal one."""
    query = select(_q.id).where(_q.shortcut == shortcut)
    if agent_id is not None:
        query = query.where(_visible_to(agent_id))
    if exclude is not None:
        query = query.where(_q.id != exclude)
    if conn_of(s).execute(query.limit(1)).first() is not None:
        raise ConflictError(f"Já existe uma resposta rápida /{shortcut}.",
                            en=f"A quick reply /{shortcut} already exists.")


def list_quick_replies(s: Session, agent_id: int | None = None,
                       everyone: bool = False) -> list[QuickReplyRow]:
    """The global replies and ``agent_id``'s personal ones (``everyone``: all of them)."""
    query = select(quick_replies_t).order_by(_q.shortcut, _q.id)
    if not everyone:
        query = query.where(_visible_to(agent_id))
    return [_row(r) for r in conn_of(s).execute(query).all()]


def get_quick_reply(s: Session, reply_id: int) -> QuickReplyRow:
    r = conn_of(s).execute(select(quick_replies_t).where(_q.id == reply_id)).first()
    if r is None:
        raise NotFound(f"Resposta rápida {reply_id} não encontrada.")
    return _row(r)


def search_quick_replies(s: Session, agent_id: int | None, prefix: str,
                         limit: int = 20) -> list[QuickReplyMatch]:
    """Replies this agent may use whose shortcut starts with ``prefix`` (case ignored; the
    prefix is compared as text, never as a pattern)."""
    start = str(prefix or "").strip().lstrip("/").lower()
    query = select(_q.id, _q.shortcut, _q.text, _q.media_path, _q.agent_id).where(
        _visible_to(agent_id))
    if start:
        query = query.where(func.substr(_q.shortcut, 1, len(start)) == start)
    rows = conn_of(s).execute(query.order_by(_q.shortcut, _q.id).limit(max(1, limit))).all()
    return [QuickReplyMatch(r.id, r.shortcut, r.text, r.media_path, r.agent_id) for r in rows]


def create_quick_reply(s: Session, shortcut: str, text: str, agent_id: int | None = None,
                       media_path: str | None = None,
                       now: datetime | None = None) -> QuickReplyRow:
    clean = clean_shortcut(shortcut)
    if not (text or "").strip() and not media_path:
        raise InvalidName("Escreva o texto da resposta ou escolha um arquivo.",
                          en="Write the reply's text or choose a file.")
    _check_free(s, clean, agent_id, None)
    new_id = conn_of(s).execute(quick_replies_t.insert().returning(_q.id), {
        "shortcut": clean, "text": text or "", "media_path": media_path,
        "agent_id": agent_id, "created_at": now_or(now)}).scalar_one()
    return get_quick_reply(s, int(new_id))


def update_quick_reply(s: Session, reply_id: int, shortcut: str, text: str,
                       agent_id: int | None, media_path: str | None) -> QuickReplyRow:
    clean = clean_shortcut(shortcut)
    if not (text or "").strip() and not media_path:
        raise InvalidName("Escreva o texto da resposta ou escolha um arquivo.",
                          en="Write the reply's text or choose a file.")
    _check_free(s, clean, agent_id, reply_id)
    result = conn_of(s).execute(update(quick_replies_t).where(_q.id == reply_id).values(
        shortcut=clean, text=text or "", agent_id=agent_id, media_path=media_path))
    if result.rowcount != 1:
        raise NotFound(f"Resposta rápida {reply_id} não encontrada.")
    return get_quick_reply(s, reply_id)


def delete_quick_reply(s: Session, reply_id: int) -> None:
    conn_of(s).execute(delete(quick_replies_t).where(_q.id == reply_id))
