"""The `whatdesk` command: opens the window, or runs a sub-command (`whatdesk flow ...`)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from whatdesk import __version__
from whatdesk.cli import texts
from whatdesk.cli.texts import t

EXIT_NO_DISPLAY = 2

SUBCOMMANDS = ("flow", "contact", "backup")


def build_parser() -> argparse.ArgumentParser:
    """The `whatdesk` parser; build and use it inside texts.argparse_language()."""
    parser = argparse.ArgumentParser(
        prog="whatdesk", add_help=False,
        description=t("Atenda seus clientes no WhatsApp a partir de um PC: caixa de entrada, "
                      "conexões e fluxos de chatbot. Sub-comandos: whatdesk flow --help, "
                      "whatdesk contact --help, whatdesk backup --help",
                      "Serve your WhatsApp customers from one PC: inbox, connections and "
                      "chatbot flows. Sub-commands: whatdesk flow --help, whatdesk contact "
                      "--help, whatdesk backup --help"),
    )
    parser.add_argument("-h", "--help", action="help", help=t("mostra esta ajuda e sai",
                                                              "show this help and exit"))
    parser.add_argument("--version", action="version", version=f"whatdesk {__version__}",
                        help=texts.version_help())
    parser.add_argument("--data-dir", type=Path, default=None, metavar=t("PASTA", "DIR"), help=t(
        "pasta de dados (padrão: WHATDESK_DATA_DIR ou a pasta do usuário)",
        "data folder (default: WHATDESK_DATA_DIR or the user's data folder)"))
    parser.add_argument("--database-url", default=None, metavar="URL", help=t(
        "URL SQLAlchemy do banco (padrão: WHATDESK_DATABASE_URL ou whatdesk.db na pasta de "
        "dados)", "SQLAlchemy database URL (default: WHATDESK_DATABASE_URL or whatdesk.db in "
        "the data folder)"))
    parser.add_argument("--demo", action="store_true", help=t(
        "abre com uma conexão sandbox já vinculada e clientes simulados",
        "open with a sandbox connection already linked and simulated customers"))
    parser.add_argument("--session-key", choices=("keyring", "passphrase", "unencrypted"),
                        default=None, help=texts.session_key_help())
    parser.add_argument("--passphrase-file", type=Path, default=None, metavar=t("ARQUIVO", "FILE"),
                        help=texts.passphrase_file_help())
    parser.add_argument("--store-database-password", action="store_true",
                        help=texts.store_database_password_help())
    parser.add_argument("--debug", action="store_true", help=t(
        "registra mensagens de depuração", "log debug messages"))
    return parser


def missing_display(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """True where Qt would abort for want of a screen: on X11/Wayland systems (not Windows or
    macOS) with neither DISPLAY nor WAYLAND_DISPLAY, unless QT_QPA_PLATFORM picks a platform."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform.startswith(("win", "darwin", "cygwin")):
        return False
    return not any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def no_display_message() -> str:
    return t(
        "whatdesk: nenhuma tela encontrada (DISPLAY e WAYLAND_DISPLAY estão vazios), então a "
        "janela não pode abrir.\n"
        "  - Numa área de trabalho, rode o whatdesk de dentro dela (um terminal da sessão "
        "gráfica).\n"
        "  - Num servidor, use uma tela virtual: xvfb-run whatdesk\n"
        "  - Para testes sem tela: QT_QPA_PLATFORM=offscreen whatdesk\n"
        "  - Os comandos de terminal funcionam sem tela: whatdesk flow --help",
        "whatdesk: no display found (DISPLAY and WAYLAND_DISPLAY are empty), so the window "
        "cannot open.\n"
        "  - On a desktop, run whatdesk from inside it (a terminal of the graphical session).\n"
        "  - On a server, use a virtual display: xvfb-run whatdesk\n"
        "  - For tests with no screen: QT_QPA_PLATFORM=offscreen whatdesk\n"
        "  - The terminal commands work with no display: whatdesk flow --help")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    texts.use()
    argv = _global_options_after_subcommand(argv)
    if argv and argv[0] in SUBCOMMANDS:
        from whatdesk.logsetup import configure_logging

        configure_logging(None, logging.WARNING)  # before anything imports neonize
        if argv[0] == "contact":
            from whatdesk.cli.contact import main as contact_main

            return contact_main(argv[1:])
        if argv[0] == "backup":
            from whatdesk.cli.backup import main as backup_main

            return backup_main(argv[1:])
        from whatdesk.cli.flow import main as flow_main

        return flow_main(argv[1:])

    with texts.argparse_language():
        args = build_parser().parse_args(argv)
    if args.store_database_password:  # a terminal command: no window, no display needed
        return store_database_password(args.database_url)
    if missing_display():  # Qt would abort with "could not load the platform plugin"
        print(no_display_message(), file=sys.stderr)
        return EXIT_NO_DISPLAY
    from whatdesk.domain.errors import DataDirError, WhatdeskError
    from whatdesk.logsetup import configure_logging
    from whatdesk.paths import database_url as resolve_database_url
    from whatdesk.paths import default_data_dir, prepare_data_dir
    from whatdesk.services.backup import apply_pending_restore

    try:  # a restore staged in the last session: swapped in before anything opens the folder
        if apply_pending_restore(args.data_dir or default_data_dir(),
                                 resolve_database_url(args.database_url)) is not None:
            print(t("whatdesk: backup restaurado.", "whatdesk: backup restored."),
                  file=sys.stderr)
    except WhatdeskError as err:
        print(f"whatdesk: {err.message(texts.locale())}", file=sys.stderr)
    try:
        data_dir = prepare_data_dir(args.data_dir or default_data_dir())
    except DataDirError as err:
        print(f"whatdesk: {err.message(texts.locale())}", file=sys.stderr)
        return 2
    configure_logging(data_dir, logging.DEBUG if args.debug else logging.INFO)
    try:
        database_url = secret_database_url(resolve_database_url(args.database_url))
    except WhatdeskError as err:
        print(f"whatdesk: {err.message(texts.locale())}", file=sys.stderr)
        return 2
    logging.getLogger(__name__).info("whatdesk %s starting, data dir %s", __version__, data_dir)

    from whatdesk.app import (
        run,  # imports Qt (and, through the engine, neonize) only now
    )

    if args.passphrase_file is not None and args.session_key not in (None, "passphrase"):
        print(texts.passphrase_file_conflict(), file=sys.stderr)
        return 2
    return run(data_dir=data_dir, database_url=database_url, demo=args.demo,
               session_key=args.session_key, passphrase_file=args.passphrase_file)


def secret_database_url(url: str | None) -> str | None:
    """The database URL to connect with: a ``keyring`` password is fetched from the OS
    keyring; a password typed in clear works but is warned about (without showing it)."""
    from whatdesk.secrets.keys import database_url_with_password, url_has_clear_password

    if url_has_clear_password(url):
        logging.getLogger(__name__).warning(
            "the database URL holds its password in clear; move it to the system keyring "
            "with --store-database-password")
    return database_url_with_password(url)


def store_database_password(explicit: str | None) -> int:
    """--store-database-password: the password of the database URL goes to the keyring."""
    from whatdesk.domain.errors import WhatdeskError
    from whatdesk.paths import database_url
    from whatdesk.secrets.keys import store_database_password as store

    url = database_url(explicit)
    if not url:
        print(texts.no_database_url(), file=sys.stderr)
        return 2
    try:
        safe = store(url)
    except WhatdeskError as err:
        print(f"whatdesk: {err.message(texts.locale())}", file=sys.stderr)
        return 2
    print(texts.database_password_stored(safe))
    return 0


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
