"""User-written regexes: compiled once, patterns that can backtrack for ever refused, input capped."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

try:  # Python 3.11+: the parser moved under re.
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

MAX_PATTERN_CHARS = 500
MAX_SUBJECT_CHARS = 500  # longer texts never match: bounded work per message

_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT}
_POSSESSIVE = getattr(sre_parse, "POSSESSIVE_REPEAT", None)
_UNBOUNDED = sre_parse.MAXREPEAT


class UnsafeRegex(ValueError):
    pass


@lru_cache(maxsize=512)
def check(pattern: str) -> str | None:
    """None when the pattern is usable, else a short reason (Portuguese)."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"expressão longa demais (máximo {MAX_PATTERN_CHARS} caracteres)"
    try:
        re.compile(pattern)
        parsed = sre_parse.parse(pattern)
    except re.error as err:
        return f"expressão regular inválida: {err.msg}"
    except (RecursionError, OverflowError, ValueError):
        return "expressão regular inválida"
    try:
        if _dangerous(list(parsed), inside_repeat=False):
            return ("expressão com quantificadores aninhados ou alternativas sobrepostas "
                    "(pode travar: ex. (a+)+ ou (a|a)*)")
    except RecursionError:
        return "expressão regular complexa demais"
    return None


def _items(av: Any) -> list[Any]:
    return list(av) if av is not None else []


def _has_unbounded_repeat(seq: list[Any]) -> bool:
    for op, av in seq:
        if op in _REPEATS and av[1] == _UNBOUNDED:
            return True
        if _sub_sequences(op, av) and any(_has_unbounded_repeat(s) for s in _sub_sequences(op, av)):
            return True
    return False


def _sub_sequences(op: Any, av: Any) -> list[list[Any]]:
    if op in _REPEATS or op == _POSSESSIVE:
        return [list(av[2])]
    if op == sre_parse.SUBPATTERN:
        return [list(av[-1])]
    if op == sre_parse.BRANCH:
        return [list(alt) for alt in av[1]]
    if op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
        return [list(av[1])]
    if op == getattr(sre_parse, "ATOMIC_GROUP", None):
        return []  # atomic groups never backtrack into themselves
    return []


def _first_chars(seq: list[Any]) -> set[Any] | None:
    """Literal first characters of a sequence, or None when it may start with anything."""
    if not seq:
        return None
    op, av = seq[0]
    if op == sre_parse.LITERAL:
        return {av}
    if op == sre_parse.SUBPATTERN:
        return _first_chars(list(av[-1]))
    if op == sre_parse.BRANCH:
        out: set[Any] = set()
        for alt in av[1]:
            sub = _first_chars(list(alt))
            if sub is None:
                return None
            out |= sub
        return out
    return None


def _overlapping_branch(av: Any) -> bool:
    seen: set[Any] = set()
    for alt in av[1]:
        first = _first_chars(list(alt))
        if first is None or first & seen:
            return True
        seen |= first
    return False


def _dangerous(seq: list[Any], inside_repeat: bool) -> bool:
    for op, av in seq:
        if op in _REPEATS:
            body = list(av[2])
            unbounded = av[1] == _UNBOUNDED or av[1] > 64
            if unbounded and inside_repeat:
                return True
            if unbounded and _has_unbounded_repeat(body):
                return True  # (a+)+, (a*b*)*
            if unbounded and any(o == sre_parse.BRANCH and _overlapping_branch(a) for o, a in
                                 _flatten(body)):
                return True  # (a|a)*, (a|ab)*
            if _dangerous(body, inside_repeat or unbounded):
                return True
        else:
            for sub in _sub_sequences(op, av):
                if _dangerous(sub, inside_repeat):
                    return True
    return False


def _flatten(seq: list[Any]) -> list[tuple[Any, Any]]:
    out: list[tuple[Any, Any]] = []
    for op, av in seq:
        out.append((op, av))
        if op == sre_parse.SUBPATTERN:
            out.extend(_flatten(list(av[-1])))
    return out


@lru_cache(maxsize=512)
def compile_safe(pattern: str, flags: int = 0) -> re.Pattern[str]:
    reason = check(pattern)
    if reason is not None:
        raise UnsafeRegex(reason)
    return re.compile(pattern, flags)


def search(pattern: str, text: str, flags: int = 0) -> bool:
    """True when `pattern` occurs in `text`; unsafe patterns and over-long texts never match."""
    if len(text) > MAX_SUBJECT_CHARS:
        return False
    try:
        return compile_safe(pattern, flags).search(text) is not None
    except UnsafeRegex:
        return False


def fullmatch(pattern: str, text: str, flags: int = 0) -> bool:
    if len(text) > MAX_SUBJECT_CHARS:
        return False
    try:
        return compile_safe(pattern, flags).fullmatch(text) is not None
    except UnsafeRegex:
        return False
