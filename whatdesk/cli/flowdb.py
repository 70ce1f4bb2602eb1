"""`whatdesk flow list|import|export|publish`: flows in the app's database, from a terminal."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

from .common import add_data_options
from .texts import locale, t

EXIT_OK, EXIT_REFUSED, EXIT_BAD_INPUT = 0, 1, 2
COMMANDS = ("list", "import", "export", "publish")


def add_parsers(sub: Any) -> None:
    """Declare the database sub-commands on `whatdesk flow`'s sub-parsers."""
    p = sub.add_parser("list", help=t("lista os fluxos do banco do aplicativo",
                                      "list the flows in the app's database"))
    p.add_argument("--json", action="store_true", help=t("saída em JSON", "JSON output"))
    add_data_options(p)
    p = sub.add_parser("import", help=t("importa um arquivo .wdflow.json como rascunho",
                                        "add a .wdflow.json file as a draft"))
    p.add_argument("file", type=Path, metavar=t("ARQUIVO", "FILE"))
    add_data_options(p)
    p = sub.add_parser("export", help=t("grava um fluxo num arquivo .wdflow.json",
                                        "write a flow to a .wdflow.json file"))
    p.add_argument("flow", metavar=t("NOME_OU_ID", "NAME_OR_ID"))
    p.add_argument("file", type=Path, metavar=t("ARQUIVO", "FILE"))
    p.add_argument("--published", action="store_true", help=t(
        "exporta a versão publicada em vez do rascunho",
        "export the published version instead of the draft"))
    add_data_options(p)
    p = sub.add_parser("publish", help=t("publica o rascunho (recusado se houver erros)",
                                         "publish the draft (refused while it has errors)"))
    p.add_argument("flow", metavar=t("NOME_OU_ID", "NAME_OR_ID"))
    p.add_argument("--by", default=os.environ.get("USER", ""), metavar=t("NOME", "NAME"),
                   help=t("quem publica", "who publishes"))
    add_data_options(p)


def run(args: argparse.Namespace) -> int:
    from whatdesk.domain.errors import DataDirError, NotFound, StoreError, WhatdeskError
    from whatdesk.flows import FlowFormatError
    from whatdesk.paths import database_url, default_data_dir, prepare_data_dir

    try:
        data_dir = prepare_data_dir(args.data_dir or default_data_dir())
    except DataDirError as err:
        print(f"whatdesk flow: {err.message(locale())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        from whatdesk.cli import secret_database_url

        url = secret_database_url(database_url(args.database_url))
        return asyncio.run(_run(args, data_dir, url))
    except FlowFormatError as err:
        print(f"whatdesk flow: {err.message(locale())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except NotFound as err:
        print(f"whatdesk flow: {err.message(locale())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except StoreError as err:
        print(f"whatdesk flow: {err.message(locale())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except WhatdeskError as err:  # e.g. a name already taken
        print(f"whatdesk flow: {err.message(locale())}", file=sys.stderr)
        return EXIT_REFUSED


async def _run(args: argparse.Namespace, data_dir: Path, url: str | None) -> int:
    from whatdesk.services.runtime import Runtime

    runtime = Runtime.open(data_dir, url)
    try:
        return await _command(runtime, args)
    finally:
        await runtime.close()


async def _command(runtime: Any, args: argparse.Namespace) -> int:
    from whatdesk.services.flows import PublishRefused

    flows = runtime.flows
    if args.command == "list":
        rows = await flows.list()
        if args.json:
            print(json.dumps([{"id": r.id, "name": r.name, "description": r.description,
                               "published_version": r.published_version,
                               "draft_updated_at": r.draft_updated_at.isoformat()}
                              for r in rows], ensure_ascii=False, indent=2))
            return EXIT_OK
        if not rows:
            print(t("Nenhum fluxo.", "No flows."))
        for r in rows:
            state = (f"v{r.published_version}" if r.published_version
                     else t("só rascunho", "draft only"))
            print(f"{r.id}\t{state}\t{r.name}")
        return EXIT_OK
    if args.command == "import":
        row = await flows.import_file(args.file)
        print(t("Importado", "Imported") + f": {row.name} ({row.id})")
        return EXIT_OK
    if args.command == "export":
        target = await flows.export_file(args.flow, args.file,
                                         None if args.published else "draft")
        print(t("Exportado para", "Exported to") + f" {target}")
        return EXIT_OK
    row = await flows.get(args.flow)
    try:
        version = await flows.publish(row.id, args.by, locale())
    except PublishRefused as refused:
        for f in refused.errors:
            where = f"[{f.node}] " if f.node else ""
            print(t("erro", "error") + f": {where}{f.code}: {f.message(locale())}",
                  file=sys.stderr)
        print(f"whatdesk flow: “{row.name}” " + t("não foi publicado: corrija os erros acima.",
                                                  "not published: fix the errors above."),
              file=sys.stderr)
        return EXIT_REFUSED
    print(t("Publicado", "Published") + f": {row.name} v{version}")
    return EXIT_OK
