"""Quick replies: ``/shortcut`` texts, global (agent_id NULL) or personal to one agent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from whatdesk.domain.errors import ConflictError, NotFound, WhatdeskError

from ._sql import conn_of, now_or, quick_replies_t

_q = quick_replies_t.c
SHORTCUT_MAX = 60


@dataclass(frozen=True)
class QuickReplyRow:
    id: int
    shortcut: str  # without the leading "/"
    text: str
    media_path: str | None
    agent_id: int | None  # None: every agent sees it


def _from(r: object) -> QuickReplyRow:
    return QuickReplyRow(r.id, r.shortcut, r.text or "", r.media_path, r.agent_id)  # type: ignore[attr-defined]


def _clean_shortcut(shortcut: str) -> str:
    clean = (shortcut or "").strip().lstrip("/").strip()
    if not clean or any(ch.isspace() for ch in clean):
        raise WhatdeskError("O atalho não pode ficar vazio nem ter espaços.")
    if len(clean) > SHORTCUT_MAX:
        raise WhatdeskError(f"O atalho passa de {SHORTCUT_MAX} caracteres.")
    return clean


def _visible_to(agent_id: int | None) -> object:
    return or_(_q.agent_id.is_(None), _q.agent_id == agent_id) if agent_id is not None \
        else _q.agent_id.is_(None)


def search_quick_replies(s: Session, agent_id: int | None, prefix: str = "",
                         limit: int = 50) -> list[QuickReplyRow]:
    """What this agent may use whose shortcut starts with ``prefix`` (case-insensitive);
    the agent's own first when both have the same shortcut, then alphabetical."""
    q = select(quick_replies_t).where(_visible_to(agent_id))
    prefix = (prefix or "").lstrip("/").lower()
    if prefix:
        # a LIKE pattern would treat % and _ typed by the agent as wildcards: compare a slice
        q = q.where(func.substr(func.lower(_q.shortcut), 1, len(prefix)) == prefix)
    q = q.order_by(func.lower(_q.shortcut), _q.agent_id.is_(None), _q.id).limit(max(1, limit))
    return [_from(r) for r in conn_of(s).execute(q).all()]


def list_quick_replies(s: Session, agent_id: int | None = None,
                       include_all: bool = False) -> list[QuickReplyRow]:
    """Every reply (admin screen, ``include_all``) or those visible to ``agent_id``."""
    q = select(quick_replies_t)
    if not include_all:
        q = q.where(_visible_to(agent_id))
    q = q.order_by(func.lower(_q.shortcut), _q.id)
    return [_from(r) for r in conn_of(s).execute(q).all()]


def get_quick_reply(s: Session, reply_id: int) -> QuickReplyRow:
    row = conn_of(s).execute(select(quick_replies_t).where(_q.id == reply_id)).first()
    if row is None:
        raise NotFound(f"Resposta rápida {reply_id} não encontrada.")
    return _from(row)


def _check_unique(s: Session, shortcut: str, agent_id: int | None,
                  except_id: int | None = None) -> None:
    q = select(_q.id).where(func.lower(_q.shortcut) == shortcut.lower(),
                            _q.agent_id.is_(None) if agent_id is None else _q.agent_id == agent_id)
    if except_id is not None:
        q = q.where(_q.id != except_id)
    if conn_of(s).execute(q).first() is not None:
        raise ConflictError(f"Já existe uma resposta rápida /{shortcut}.")


def create_quick_reply(s: Session, shortcut: str, text: str, agent_id: int | None = None,
                       media_path: str | None = None,
                       now: datetime | None = None) -> QuickReplyRow:
    clean = _clean_shortcut(shortcut)
    if not (text or "").strip() and not media_path:
        raise WhatdeskError("A resposta rápida precisa de um texto ou de um arquivo.")
    _check_unique(s, clean, agent_id)
    new_id = conn_of(s).execute(quick_replies_t.insert().returning(_q.id), {
        "shortcut": clean, "text": text or "", "media_path": media_path,
        "agent_id": agent_id, "created_at": now_or(now)}).scalar_one()
    return get_quick_reply(s, int(new_id))


def update_quick_reply(s: Session, reply_id: int, *, shortcut: str | None = None,
                       text: str | None = None, media_path: str | None = None,
                       clear_media: bool = False) -> QuickReplyRow:
    current = get_quick_reply(s, reply_id)
    values: dict[str, object] = {}
    if shortcut is not None:
        values["shortcut"] = _clean_shortcut(shortcut)
        _check_unique(s, str(values["shortcut"]), current.agent_id, except_id=reply_id)
    if text is not None:
        values["text"] = text
    if media_path is not None or clear_media:
        values["media_path"] = None if clear_media else media_path
    if values:
        conn_of(s).execute(update(quick_replies_t).where(_q.id == reply_id).values(**values))
    return get_quick_reply(s, reply_id)


def delete_quick_reply(s: Session, reply_id: int) -> None:
    result = conn_of(s).execute(delete(quick_replies_t).where(_q.id == reply_id))
    if result.rowcount != 1:
        raise NotFound(f"Resposta rápida {reply_id} não encontrada.")
