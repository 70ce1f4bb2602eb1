"""`whatdesk backup create|restore|verify|list`: encrypted backups of the data folder."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from .common import Parser, UsageError, add_data_options, parse
from .texts import locale, t
from .texts import use as use_language

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
MAX_PASSPHRASE_FILE = 4096



def build_parser() -> argparse.ArgumentParser:
    """The `whatdesk backup` parser; build it inside texts.argparse_language()."""
    parser = Parser(prog="whatdesk backup", description=t(
        "Backups criptografados (.wdbackup) do banco de dados, das mídias, dos fluxos e, se "
        "pedido, das sessões.",
        "Encrypted backups (.wdbackup) of the database, media, flows and, when asked, the "
        "sessions."))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser,
                                metavar=t("COMANDO", "COMMAND"))

    def common(p: argparse.ArgumentParser, passphrase: bool = True) -> None:
        if passphrase:
            p.add_argument("--passphrase-file", type=Path, default=None,
                           metavar=t("ARQUIVO", "FILE"), help=t(
                               "lê a senha da primeira linha deste arquivo (- para a entrada "
                               "padrão); sem ele, a senha é pedida no terminal",
                               "read the passphrase from this file's first line (- for "
                               "standard input); without it, the terminal asks"))
        add_data_options(p)

    file_help = t("o arquivo .wdbackup", "the .wdbackup file")
    p = sub.add_parser("create", help=t("grava um backup agora (o aplicativo pode continuar "
                                        "aberto)", "write a backup now (the app may stay open)"))
    p.add_argument("file", type=Path, metavar=t("ARQUIVO", "FILE"), help=file_help)
    p.add_argument("--include-sessions", action="store_true", help=t(
        "inclui as sessões do WhatsApp (seladas, como estão no disco): o backup restaurado "
        "já vem conectado", "include the WhatsApp sessions (sealed, as they are on disk): "
        "the restored copy comes back linked"))
    common(p)
    p = sub.add_parser("restore", help=t(
        "verifica tudo e substitui os dados por este backup",
        "check everything, then replace the data with this backup"))
    p.add_argument("file", type=Path, metavar=t("ARQUIVO", "FILE"), help=file_help)
    common(p)
    p = sub.add_parser("verify", help=t("confere um backup sem restaurá-lo",
                                        "check a backup without restoring it"))
    p.add_argument("file", type=Path, metavar=t("ARQUIVO", "FILE"), help=file_help)
    p.add_argument("--json", action="store_true", help=t("saída em JSON", "JSON output"))
    common(p)
    p = sub.add_parser("list", help=t(
        "lista os backups de uma pasta (padrão: a pasta dos backups automáticos)",
        "list the backups in a folder (default: the automatic backups' folder)"))
    p.add_argument("folder", type=Path, nargs="?", default=None, metavar=t("PASTA", "DIR"))
    p.add_argument("--json", action="store_true", help=t("saída em JSON", "JSON output"))
    common(p, passphrase=False)
    return parser


def main(argv: list[str]) -> int:
    use_language()
    args = parse(build_parser, argv, "whatdesk backup")
    if isinstance(args, int):
        return args
    from whatdesk.domain.errors import WhatdeskError

    try:
        return _run(args)
    except UsageError as err:
        print(f"whatdesk backup: {err}", file=sys.stderr)
        return EXIT_USAGE
    except WhatdeskError as err:
        print(f"whatdesk backup: {err.message(locale())}", file=sys.stderr)
        detail = getattr(err, "detail", "")
        if detail:
            print(f"  ({detail})", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print(t("whatdesk backup: interrompido; nada foi alterado.",
                "whatdesk backup: interrupted; nothing was changed."), file=sys.stderr)
        return EXIT_REFUSED


def read_passphrase(path: Path | None, confirm: bool) -> str:
    """From --passphrase-file (first line), else asked on the terminal (twice for a new one)."""
    if path is not None:
        try:
            if str(path) == "-":
                raw = sys.stdin.read(MAX_PASSPHRASE_FILE + 1)
            else:
                with open(path, encoding="utf-8") as handle:
                    raw = handle.read(MAX_PASSPHRASE_FILE + 1)
        except (OSError, UnicodeError) as exc:
            raise UsageError(t(f"não foi possível ler o arquivo da senha {path}: {exc}",
                               f"cannot read the passphrase file {path}: {exc}")) from exc
        lines = raw.splitlines()
        if len(raw) > MAX_PASSPHRASE_FILE or not lines or not lines[0]:
            raise UsageError(t("o arquivo da senha deve ter a senha na primeira linha",
                               "the passphrase file must hold the passphrase on its first line"))
        return lines[0]
    if not sys.stdin.isatty():
        raise UsageError(t("sem terminal para pedir a senha: use --passphrase-file",
                           "no terminal to ask for the passphrase: use --passphrase-file"))
    first = getpass.getpass(t("Senha do backup: ", "Backup passphrase: "))
    if confirm and getpass.getpass(t("Repita a senha: ", "Repeat the passphrase: ")) != first:
        raise UsageError(t("as senhas não conferem", "the passphrases differ"))
    return first


def _progress() -> Any:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        percent = int(done * 100 / total) if total else 100
        print(f"\r{percent:3d}%", end="" if percent < 100 else "\n", file=sys.stderr, flush=True)

    return show


def _size(n: int) -> str:
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} B"


def _run(args: argparse.Namespace) -> int:
    from whatdesk.paths import database_url, default_data_dir, prepare_data_dir
    from whatdesk.services.backup import core

    data_dir = prepare_data_dir(args.data_dir or default_data_dir())
    url = database_url(args.database_url)
    if args.command == "list":
        return _list(args, data_dir, url)
    if args.command == "create":
        passphrase = read_passphrase(args.passphrase_file, confirm=True)
        summary = core.create_backup(data_dir, url, args.file, passphrase,
                                     include_sessions=args.include_sessions,
                                     progress=_progress())
        print(t(f"Backup gravado: {summary.file} ({_size(summary.size)}, "
                f"{summary.messages} mensagens, {summary.files} arquivos"
                + (", com as sessões" if summary.include_sessions else "") + ").",
                f"Backup written: {summary.file} ({_size(summary.size)}, "
                f"{summary.messages} messages, {summary.files} files"
                + (", with the sessions" if summary.include_sessions else "") + ")."))
        return EXIT_OK
    passphrase = read_passphrase(args.passphrase_file, confirm=False)
    if args.command == "verify":
        summary = core.verify_backup(args.file, passphrase, progress=_progress())
        if args.json:
            print(json.dumps({"file": summary.file, "created_at": summary.created_at.isoformat(),
                              "database": summary.database, "schema": summary.schema,
                              "messages": summary.messages, "files": summary.files,
                              "include_sessions": summary.include_sessions,
                              "app_version": summary.app_version}, indent=2))
        else:
            print(t(f"Backup íntegro: {summary.file}, feito em {_when(summary.created_at)}, "
                    f"{summary.messages} mensagens, {summary.files} arquivos"
                    + (", com as sessões" if summary.include_sessions else "") + ".",
                    f"Backup is sound: {summary.file}, made {_when(summary.created_at)}, "
                    f"{summary.messages} messages, {summary.files} files"
                    + (", with the sessions" if summary.include_sessions else "") + "."))
        return EXIT_OK
    summary = core.stage_restore(args.file, passphrase, data_dir, url, progress=_progress())
    core.apply_pending_restore(data_dir, url)  # BackupError(APP_RUNNING): left for next start
    print(t(f"Restaurado: {summary.file} (feito em {_when(summary.created_at)}, "
            f"{summary.messages} mensagens) em {data_dir}.",
            f"Restored: {summary.file} (made {_when(summary.created_at)}, "
            f"{summary.messages} messages) into {data_dir}."))
    return EXIT_OK


def _when(moment: Any) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _list(args: argparse.Namespace, data_dir: Path, url: str | None) -> int:
    from whatdesk.services.backup import core

    folder = args.folder
    if folder is None:
        folder = _scheduled_folder(data_dir, url)
        if folder is None:
            raise UsageError(t("nenhuma pasta indicada e os backups automáticos não têm pasta "
                               "configurada", "no folder given and the automatic backups have "
                               "no folder set"))
    rows = core.list_backups(folder)
    if args.json:
        print(json.dumps([{"file": str(r.path), "size": r.size,
                           "modified": r.modified.isoformat(), "readable": r.readable}
                          for r in rows], indent=2))
        return EXIT_OK
    if not rows:
        print(t(f"Nenhum backup em {folder}.", f"No backups in {folder}."))
    for r in rows:
        state = "" if r.readable else "\t" + t("(não é um backup legível)",
                                               "(not a readable backup)")
        print(f"{_when(r.modified)}\t{_size(r.size)}\t{r.path.name}{state}")
    return EXIT_OK


def _scheduled_folder(data_dir: Path, url: str | None) -> Path | None:
    from whatdesk.services.backup.service import SCHEDULE_KEY, Schedule
    from whatdesk.store import Database, get_setting, sqlite_url

    db = Database.open(url or sqlite_url(data_dir / "whatdesk.db"))
    try:
        schedule = Schedule.from_value(db.read_sync(lambda s: get_setting(s, SCHEDULE_KEY)))
    finally:
        db.close()
    return Path(schedule.folder) if schedule.folder else None
