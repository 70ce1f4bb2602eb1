"""The `whatdesk` command: opens the window, or runs a sub-command (`whatdesk flow ...`)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from whatdesk import __version__

SUBCOMMANDS = ("flow",)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="whatdesk",
        description="Atenda seus clientes no WhatsApp a partir de um PC: caixa de entrada, "
        "conexões e fluxos de chatbot. Sub-comandos: whatdesk flow --help",
    )
    parser.add_argument("--version", action="version", version=f"whatdesk {__version__}")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="pasta de dados (padrão: WHATDESK_DATA_DIR ou a pasta do usuário)")
    parser.add_argument("--database-url", default=None,
                        help="URL SQLAlchemy do banco (padrão: WHATDESK_DATABASE_URL ou "
                             "whatdesk.db na pasta de dados)")
    parser.add_argument("--demo", action="store_true",
                        help="abre com uma conexão sandbox já vinculada e clientes simulados")
    parser.add_argument("--debug", action="store_true", help="registra mensagens de depuração")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    argv = _global_options_after_subcommand(argv)
    if argv and argv[0] in SUBCOMMANDS:
        from whatdesk.logsetup import configure_logging

        configure_logging(None, logging.WARNING)  # before anything imports neonize
        from whatdesk.cli.flow import main as flow_main

        return flow_main(argv[1:])

    args = build_parser().parse_args(argv)
    from whatdesk.domain.errors import DataDirError
    from whatdesk.logsetup import configure_logging
    from whatdesk.paths import database_url as resolve_database_url
    from whatdesk.paths import default_data_dir, prepare_data_dir

    try:
        data_dir = prepare_data_dir(args.data_dir or default_data_dir())
    except DataDirError as err:
        print(f"whatdesk: {err}", file=sys.stderr)
        return 2
    configure_logging(data_dir, logging.DEBUG if args.debug else logging.INFO)
    database_url = resolve_database_url(args.database_url)
    logging.getLogger(__name__).info("whatdesk %s starting, data dir %s", __version__, data_dir)

    from whatdesk.app import run  # imports Qt (and, through the engine, neonize) only now

    return run(data_dir=data_dir, database_url=database_url, demo=args.demo)


def _global_options_after_subcommand(argv: list[str]) -> list[str]:
    """`whatdesk --data-dir D flow list` works like `whatdesk flow list --data-dir D`."""
    options: list[str] = []
    rest = list(argv)
    while rest and rest[0] in ("--data-dir", "--database-url") and len(rest) >= 2:
        options += rest[:2]
        rest = rest[2:]
    while rest and rest[0].startswith(("--data-dir=", "--database-url=")):
        options.append(rest.pop(0))
    if options and rest and rest[0] in SUBCOMMANDS:
        return rest + options
    return argv


if __name__ == "__main__":
    sys.exit(main())
