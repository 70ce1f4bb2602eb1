"""Matching what a contact typed against menu options, keywords and condition text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case without accents, inner spaces collapsed (for comparing, never for showing)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.casefold()).strip()


def _is_edge_noise(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in "PSZC"


def normalize_reply(text: str) -> str:
    """fold() plus surrounding punctuation and symbols removed: " Vendas!! " -> "vendas"."""
    folded = fold(text)
    start, end = 0, len(folded)
    while start < end and _is_edge_noise(folded[start]):
        start += 1
    while end > start and _is_edge_noise(folded[end - 1]):
        end -= 1
    return folded[start:end]


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    keywords: tuple[str, ...] = ()


_NEGATIVE = re.compile(r"[-−]\s*\d+")


def match_option(options: Sequence[Choice], text: str = "",
                 reply_id: str | None = None) -> Choice | None:
    """The option a reply picks: button/list reply id, then number, label, keyword.

    Keywords also match inside a longer reply as whole words ("quero ver o cardápio" picks
    the option with keyword "cardapio"); exact matches always win over those.
    """
    if reply_id:
        for option in options:
            if option.id == reply_id:
                return option
    if _NEGATIVE.fullmatch(text.strip()):
        return None  # "-1" is no option's number (normalizing would drop its sign)
    reply = normalize_reply(text)
    if not reply:
        return None
    if reply.isdigit() and reply.isascii():
        index = int(reply) - 1
        if 0 <= index < len(options):
            return options[index]
    for option in options:
        if normalize_reply(option.label) == reply:
            return option
    for option in options:
        if any(normalize_reply(k) == reply for k in option.keywords if normalize_reply(k)):
            return option
    padded = f" {_words(reply)} "
    for option in options:
        for keyword in option.keywords:
            word = _words(normalize_reply(keyword))
            if word and f" {word} " in padded:
                return option
    return None


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text))


def trigger_matches(keyword: str, match: str, text: str) -> bool:
    """Flow keyword triggers: `exact` (whole message) or `contains`, ignoring case and accents."""
    key, said = normalize_reply(keyword), normalize_reply(text)
    if not key:
        return False
    if match == "contains":
        return key in said
    return key == said
