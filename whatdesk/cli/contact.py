"""`whatdesk contact export|anonymize`: a customer's data (LGPD) from a terminal."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any

from .common import Parser, add_data_options, parse
from .texts import locale, t
from .texts import use as use_language

EXIT_OK, EXIT_REFUSED, EXIT_BAD_INPUT = 0, 1, 2



def build_parser() -> argparse.ArgumentParser:
    """The `whatdesk contact` parser; build it inside texts.argparse_language()."""
    parser = Parser(prog="whatdesk contact", description=t(
        "Dados de um contato (LGPD): exportar tudo num .zip ou anonimizar.",
        "A contact's data (LGPD): export everything as a .zip, or anonymize it."))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser,
                                metavar=t("COMANDO", "COMMAND"))
    phone_help = t("o número do contato, como se digita (+55 11 98765-4321)",
                   "the contact's number, as people type it (+55 11 98765-4321)")

    p = sub.add_parser("export", help=t(
        "grava num .zip tudo o que há sobre o contato (perfil, atendimentos, mensagens, "
        "notas, etiquetas, respostas de fluxos, arquivos)",
        "write everything about the contact to a .zip (profile, tickets, messages, notes, "
        "tags, flow answers, files)"))
    p.add_argument("phone", metavar=t("TELEFONE", "PHONE"), help=phone_help)
    p.add_argument("file", type=Path, metavar=t("ARQUIVO", "FILE"))
    add_data_options(p)
    p = sub.add_parser("anonymize", help=t(
        "troca nome e número por um marcador e apaga textos, respostas e arquivos do "
        "contato (os atendimentos continuam contados); não pode ser desfeito",
        "replace name and number by a placeholder and erase the contact's texts, answers "
        "and files (the tickets are still counted); cannot be undone"))
    p.add_argument("phone", metavar=t("TELEFONE", "PHONE"), help=phone_help)
    p.add_argument("--yes", action="store_true", help=t(
        "não pergunta antes (para scripts)", "do not ask first (for scripts)"))
    add_data_options(p)
    return parser


def main(argv: list[str]) -> int:
    use_language()
    args = parse(build_parser, argv, "whatdesk contact")
    if isinstance(args, int):
        return args
    from whatdesk.domain.errors import (
        DataDirError,
        InvalidPhone,
        NotFound,
        WhatdeskError,
    )
    from whatdesk.paths import database_url, default_data_dir, prepare_data_dir

    try:
        data_dir = prepare_data_dir(args.data_dir or default_data_dir())
        return asyncio.run(_run(args, data_dir, database_url(args.database_url)))
    except (DataDirError, InvalidPhone, NotFound) as err:
        print(f"whatdesk contact: {err.message(locale())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except WhatdeskError as err:
        print(f"whatdesk contact: {err.message(locale())}", file=sys.stderr)
        return EXIT_REFUSED


async def _run(args: argparse.Namespace, data_dir: Path, url: str | None) -> int:
    from whatdesk.services.audit import CLI
    from whatdesk.services.runtime import Runtime

    runtime = Runtime.open(data_dir, url)
    runtime.actor = CLI
    try:
        return await _command(runtime, args)
    finally:
        await runtime.close()


async def _command(runtime: Any, args: argparse.Namespace) -> int:
    contact = await runtime.privacy.find_by_phone(args.phone)
    if args.command == "export":
        result = await runtime.privacy.export_contact(contact.id, args.file)
        c = result.counts
        print(t(f"Exportado para {result.path}: {c['tickets']} atendimento(s), "
                f"{c['messages']} mensagem(ns), {c['media_files']} arquivo(s).",
                f"Exported to {result.path}: {c['tickets']} ticket(s), {c['messages']} "
                f"message(s), {c['media_files']} file(s)."))
        if result.missing_files:
            print(t(f"{result.missing_files} arquivo(s) não estavam mais na pasta de dados.",
                    f"{result.missing_files} file(s) were no longer in the data folder."),
                  file=sys.stderr)
        return EXIT_OK
    if not args.yes and not _confirmed(contact.display_name):
        print(t("Nada foi alterado.", "Nothing was changed."), file=sys.stderr)
        return EXIT_REFUSED
    erased = await runtime.privacy.anonymize_contact(contact.id)
    print(t(f"Contato anonimizado: {len(erased.ticket_ids)} atendimento(s) e "
            f"{erased.messages} mensagem(ns) sem conteúdo.",
            f"Contact anonymized: {len(erased.ticket_ids)} ticket(s) and {erased.messages} "
            "message(s) emptied."))
    return EXIT_OK


def _confirmed(name: str) -> bool:
    """Ask on the terminal; with no terminal to ask on, the answer is no (use --yes)."""
    if not sys.stdin.isatty():
        print(t("Confirme com --yes: não há terminal para perguntar.",
                "Confirm with --yes: there is no terminal to ask on."), file=sys.stderr)
        return False
    word = t("sim", "yes")
    answer = input(t(f"Anonimizar “{name}”? Não pode ser desfeito. Digite {word}: ",
                     f"Anonymize “{name}”? This cannot be undone. Type {word}: "))
    return answer.strip().lower() == word
