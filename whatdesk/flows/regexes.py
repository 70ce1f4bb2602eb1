"""User-written regexes, run on RE2 (linear time): no pattern or answer can stall the event loop."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import re2

MAX_PATTERN_CHARS = 500
MAX_SUBJECT_CHARS = 500  # longer texts never match: bounded work per message
# RE2's matching time grows with text length x program size; both are capped (the text above,
# the program by max_mem), so every match has a hard bound. Past this size a pattern still
# runs, but validation warns that it is big enough to be slow on every message.
SLOW_PROGRAM_SIZE = 5_000
_MAX_MEM = 8 << 20  # bytes RE2 may use to compile one pattern; bigger patterns are refused

# Perl/Python syntax that RE2 refuses, with how to say it to a designer: (pt, en).
_UNSUPPORTED: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("(?=", "(?!"), "lookahead (?= ou (?!", "lookahead (?= or (?!"),
    (("(?<=", "(?<!"), "lookbehind (?<= ou (?<!", "lookbehind (?<= or (?<!"),
    (("(?>",), "grupo atômico (?>", "atomic group (?>"),
    (("++", "*+", "?+", "}+"), "quantificador possessivo (a++)", "possessive quantifier (a++)"),
)
_BACKREFERENCE = ("referência a grupo (\\1, (?P=nome))",
                  "backreference (\\1, (?P=name))")


class _Compiled(Protocol):
    """What we use of a compiled RE2 pattern (its class is private to the re2 package)."""

    programsize: int

    def search(self, text: str) -> Any: ...

    def fullmatch(self, text: str) -> Any: ...


@dataclass(frozen=True)
class RegexProblem:
    """Why a pattern cannot be used; `code` is the validation code."""

    code: str  # invalid_regex | regex_unsupported
    pt: str
    en: str


class UnusableRegex(ValueError):
    """A pattern met at run time (e.g. rendered from a variable) that cannot be compiled."""

    def __init__(self, problem: RegexProblem) -> None:
        # without RE2's detail: it quotes the pattern, which may hold a customer's text and
        # this message reaches the log
        super().__init__(problem.en.split(":", 1)[0])
        self.problem = problem


def _options(ignore_case: bool) -> re2.Options:
    options = re2.Options()
    options.log_errors = False  # RE2 would print every refused pattern to stderr
    options.max_mem = _MAX_MEM
    options.case_sensitive = not ignore_case
    return options


def _unsupported(pattern: str) -> tuple[str, str] | None:
    for needles, pt, en in _UNSUPPORTED:
        if any(n in pattern for n in needles):
            return pt, en
    if "(?P=" in pattern or any(f"\\{d}" in pattern for d in "123456789"):
        return _BACKREFERENCE
    return None


@lru_cache(maxsize=512)
def _compile(pattern: str, ignore_case: bool) -> _Compiled | RegexProblem:
    if len(pattern) > MAX_PATTERN_CHARS:
        return RegexProblem("invalid_regex",
                            f"expressão longa demais (máximo {MAX_PATTERN_CHARS} caracteres)",
                            f"expression too long (at most {MAX_PATTERN_CHARS} characters)")
    try:
        return re2.compile(pattern, _options(ignore_case))
    except re2.error as err:
        detail = err.args[0] if err.args else ""
        detail = detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)
        unsupported = _unsupported(pattern)
        if unsupported is not None:
            pt, en = unsupported
            return RegexProblem("regex_unsupported",
                                f"expressão usa {pt}, que não é suportado (o motor RE2 "
                                "garante que nenhuma resposta trava o atendimento)",
                                f"expression uses {en}, which is not supported (the RE2 "
                                "engine guarantees no answer can stall the service)")
        if "too large" in detail or "repetition size" in detail:
            return RegexProblem("invalid_regex",
                                "expressão grande demais (repetições muito longas)",
                                "expression too large (repetition counts too big)")
        return RegexProblem("invalid_regex", f"expressão regular inválida: {detail[:120]}",
                            f"invalid regular expression: {detail[:120]}")


def problem(pattern: str) -> RegexProblem | None:
    """None when the pattern is usable, else why not (pt and en)."""
    compiled = _compile(pattern, False)
    return compiled if isinstance(compiled, RegexProblem) else None


def is_slow(pattern: str) -> bool:
    """A usable pattern big enough to cost noticeable time on every message."""
    compiled = _compile(pattern, False)
    return not isinstance(compiled, RegexProblem) and compiled.programsize > SLOW_PROGRAM_SIZE


def _compiled(pattern: str, ignore_case: bool) -> _Compiled:
    compiled = _compile(pattern, ignore_case)
    if isinstance(compiled, RegexProblem):
        raise UnusableRegex(compiled)
    return compiled


def search(pattern: str, text: str, ignore_case: bool = False) -> bool:
    """True when `pattern` occurs in `text`; over-long texts never match.

    Raises UnusableRegex when the pattern cannot be compiled.
    """
    compiled = _compiled(pattern, ignore_case)
    if len(text) > MAX_SUBJECT_CHARS:
        return False
    return compiled.search(text) is not None


def fullmatch(pattern: str, text: str, ignore_case: bool = False) -> bool:
    compiled = _compiled(pattern, ignore_case)
    if len(text) > MAX_SUBJECT_CHARS:
        return False
    return compiled.fullmatch(text) is not None
