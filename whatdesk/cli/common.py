"""What every `whatdesk` sub-command shares: its parser that reports instead of exiting, the
data-folder options, and the parse step (usage errors: one line on stderr, exit 2)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .texts import argparse_language, t

EXIT_USAGE = 2


class UsageError(Exception):
    """Bad command-line input: one line on stderr, exit 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def add_data_options(p: argparse.ArgumentParser) -> None:
    """--data-dir and --database-url, as the app itself takes them."""
    p.add_argument("--data-dir", type=Path, default=None, metavar=t("PASTA", "DIR"), help=t(
        "pasta de dados (padrão: WHATDESK_DATA_DIR ou a pasta do usuário)",
        "data folder (default: WHATDESK_DATA_DIR or the user's data folder)"))
    p.add_argument("--database-url", default=None, metavar="URL", help=t(
        "URL do banco (padrão: WHATDESK_DATABASE_URL ou whatdesk.db)",
        "database URL (default: WHATDESK_DATABASE_URL or whatdesk.db)"))


def parse(build_parser: Callable[[], argparse.ArgumentParser], argv: list[str],
          prog: str) -> argparse.Namespace | int:
    """The parsed arguments, or the exit code to return (usage error: 2, --help: 0)."""
    try:
        with argparse_language():
            return build_parser().parse_args(argv)
    except UsageError as err:
        print(f"{prog}: {err}", file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
