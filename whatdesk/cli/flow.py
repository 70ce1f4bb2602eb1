"""`whatdesk flow validate|run`: check a flow file, or play a conversation against it in a sandbox."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import stat
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from whatdesk.domain.clock import VirtualClock
from whatdesk.domain.errors import InvalidPhone
from whatdesk.domain.phone import normalize_phone
from whatdesk.flows import playback
from whatdesk.flows.document import Flow, FlowFormatError, load_file
from whatdesk.flows.interpreter import Interpreter
from whatdesk.flows.matching import fold
from whatdesk.flows.runtime import (
    ConnectionInfo,
    ContactInfo,
    MessageSpec,
    RunContext,
    RunStatus,
)
from whatdesk.flows.validation import Report, validate
from whatdesk.flows.validators import Answer

from .common import Parser, UsageError, parse
from .texts import locale, t
from .texts import use as use_language

EXIT_OK, EXIT_FLOW_ERRORS, EXIT_UNREADABLE = 0, 1, 2
MAX_AUTO_TIMERS = playback.MAX_AUTO_TIMERS
DEFAULT_CONTACT_NAME = playback.DEFAULT_CONTACT.name
DEFAULT_CONTACT_NUMBER = playback.DEFAULT_CONTACT.number
MAX_LINE_CHARS = 64 * 1024  # one piped or typed line: a WhatsApp text is at most 65,536



def build_parser() -> argparse.ArgumentParser:
    """The `whatdesk flow` parser; build it inside texts.argparse_language()."""
    parser = Parser(prog="whatdesk flow", description=t(
        "Valida ou executa um fluxo de chatbot, ou gerencia os fluxos do aplicativo.",
        "Check or run a chatbot flow, or manage the app's flows."))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser,
                                metavar=t("COMANDO", "COMMAND"))
    json_help = t("saída em JSON", "JSON output")
    val = sub.add_parser("validate", help=t("verifica arquivos de fluxo",
                                             "check flow files"))
    val.add_argument("file", type=Path, nargs="+", metavar=t("ARQUIVO", "FILE"),
                     help=t("um ou mais arquivos .wdflow.json",
                            "one or more .wdflow.json files"))
    val.add_argument("--json", action="store_true", help=json_help)
    run = sub.add_parser("run", help=t(
        "conversa com o fluxo num ambiente de teste (linhas da entrada padrão também valem "
        "como mensagens)", "talk to the flow in a sandbox (lines piped to standard input "
        "are played as messages too)"))
    run.add_argument("file", type=Path, metavar=t("ARQUIVO", "FILE"))
    run.add_argument("--input", action="append", default=[], metavar=t("TEXTO", "TEXT"),
                     help=t("uma mensagem do contato (repita para várias)",
                            "one message from the contact (repeat for several)"))
    run.add_argument("--script", type=Path, metavar=t("ARQUIVO", "FILE"), help=t(
        "roteiro JSON Lines: {\"text\": ...}, {\"wait\": s}, {\"button\": id}, "
        "{\"media\": \"image\"}, {\"location\": [lat, lon]}",
        "JSON Lines script: {\"text\": ...}, {\"wait\": s}, {\"button\": id}, "
        "{\"media\": \"image\"}, {\"location\": [lat, lon]}"))
    run.add_argument("--var", action="append", default=[], metavar=t("NOME=VALOR", "NAME=VALUE"),
                     help=t("valor inicial de uma variável", "initial value of a variable"))
    run.add_argument("--contact-name", default=DEFAULT_CONTACT_NAME, metavar=t("NOME", "NAME"),
                     help=t("nome do contato simulado", "the simulated contact's name"))
    run.add_argument("--contact-number", default=DEFAULT_CONTACT_NUMBER,
                     metavar=t("DÍGITOS", "DIGITS"),
                     help=t("número do contato simulado", "the simulated contact's number"))
    run.add_argument("--now", metavar=t("QUANDO", "WHEN"), help=t(
        "hora virtual inicial, ISO 8601 (padrão: agora)",
        "initial virtual time, ISO 8601 (default: now)"))
    run.add_argument("--json", action="store_true", help=json_help)
    run.add_argument("--data-dir", type=Path, default=None, metavar=t("PASTA", "DIR"), help=t(
        "pasta de dados: os anexos vêm da sua pasta flow-media, como no aplicativo "
        "(padrão: WHATDESK_DATA_DIR ou a pasta do usuário)",
        "data folder: attachments come from its flow-media folder, as in the app "
        "(default: WHATDESK_DATA_DIR or the user's folder)"))
    edit = sub.add_parser("edit", help=t(
        "abre o arquivo no editor de fluxos; Salvar grava o arquivo",
        "open the file in the flow editor; Save writes the file back"))
    edit.add_argument("file", type=Path, metavar=t("ARQUIVO", "FILE"),
                      help=t("um arquivo .wdflow.json", "a .wdflow.json file"))
    edit.add_argument("--data-dir", type=Path, default=None, metavar=t("PASTA", "DIR"), help=t(
        "pasta de dados: os anexos vêm da sua pasta flow-media, como no aplicativo "
        "(padrão: WHATDESK_DATA_DIR ou a pasta do usuário)",
        "data folder: attachments come from its flow-media folder, as in the app "
        "(default: WHATDESK_DATA_DIR or the user's folder)"))
    from .flowdb import add_parsers

    add_parsers(sub)
    return parser


def main(argv: list[str]) -> int:
    use_language()  # each command reads the locale afresh
    args = parse(build_parser, argv, "whatdesk flow")
    if isinstance(args, int):
        return args
    if args.command == "edit":
        return _edit(args.file, args.data_dir)
    if args.command not in ("validate", "run"):
        from .flowdb import run as run_db_command

        return run_db_command(args)
    if args.command == "validate":
        return _validate_files(args.file, args.json)
    try:
        flow = load_file(args.file)
    except FlowFormatError as err:
        print(f"whatdesk flow: {err.message(locale())}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        return _run(flow, args)
    except UsageError as err:
        print(f"whatdesk flow: {err}", file=sys.stderr)
        return EXIT_UNREADABLE


# ---- edit -------------------------------------------------------------------------------

def _edit(path: Path, data_dir: Path | None = None) -> int:
    """Open FILE in the editor window. The file must load (else exit 2, nothing opened)."""
    try:
        flow = load_file(path)
    except FlowFormatError as err:
        print(f"whatdesk flow: {err.message(locale())}", file=sys.stderr)
        return EXIT_UNREADABLE
    from whatdesk.cli import missing_display, no_display_message

    if missing_display():
        print(no_display_message(), file=sys.stderr)
        return EXIT_UNREADABLE
    from whatdesk.ui.flows.file_editor import run as run_editor

    code = run_editor(path, flow, _flow_media_root(data_dir).parent)
    if code == 3:
        print(t("whatdesk flow: o editor de fluxos não faz parte desta instalação.",
                "whatdesk flow: the flow editor is not part of this installation."),
              file=sys.stderr)
        return EXIT_UNREADABLE
    return code


# ---- validate ---------------------------------------------------------------------------

def _print_report(report: Report, locale: str, stream: Any = None, prefix: str = "") -> None:
    stream = stream or sys.stdout
    labels = ("error", "warning") if locale == "en" else ("erro", "aviso")
    for kind, findings in ((labels[0], report.errors), (labels[1], report.warnings)):
        for finding in findings:
            where = f"[{finding.node}] " if finding.node else ""
            print(f"{prefix}{kind}: {where}{finding.code}: {finding.message(locale)}",
                  file=stream)


def _counts(errors: int, warnings: int) -> str:
    return t(f"{errors} erro(s), {warnings} aviso(s)", f"{errors} error(s), {warnings} warning(s)")


def _validate_files(paths: list[Path], as_json: bool) -> int:
    """Each file is named in front of its findings (like a compiler); the exit code is the
    worst: 2 if any file is unreadable, else 1 if any has errors, else 0.

    --json: one file prints {"errors", "warnings"} exactly as before; several print a list
    of {"file", "errors", "warnings"}, or {"file", "unreadable": reason} for a file that is
    not a readable flow."""
    lang = locale()
    results: list[dict[str, Any]] = []
    worst = EXIT_OK
    totals = [0, 0]
    for path in paths:
        name = str(path)
        try:
            flow = load_file(path)
        except FlowFormatError as err:
            print(f"whatdesk flow: {err.message(lang)}", file=sys.stderr)
            results.append({"file": name, "unreadable": err.message(lang)})
            worst = EXIT_UNREADABLE
            continue
        report = validate(flow)
        results.append({"file": name, **report.to_dict(lang)})
        totals[0] += len(report.errors)
        totals[1] += len(report.warnings)
        if not report.ok and worst == EXIT_OK:
            worst = EXIT_FLOW_ERRORS
        if not as_json:
            _print_report(report, lang, prefix=f"{name}: ")
            print(f"{name}: {_counts(len(report.errors), len(report.warnings))}.")
    if as_json:
        if len(paths) == 1:
            if "unreadable" not in results[0]:
                print(json.dumps({k: v for k, v in results[0].items() if k != "file"},
                                 ensure_ascii=False, indent=2))
        else:
            print(json.dumps(results, ensure_ascii=False, indent=2))
    elif len(paths) > 1:
        unreadable = sum(1 for r in results if "unreadable" in r)
        extra = t(f", {unreadable} ilegível(is)", f", {unreadable} unreadable") \
            if unreadable else ""
        print(t(f"Total de {len(paths)} arquivos: ", f"Total for {len(paths)} files: ")
              + _counts(*totals) + extra + ".")
    return worst


# ---- run: inputs ------------------------------------------------------------------------

@dataclass(frozen=True)
class Wait:
    seconds: float


Action = Answer | Wait


def _media_answer(kind: str, index: int, caption: str = "") -> Answer:
    ext = {"image": "jpg", "video": "mp4", "audio": "ogg", "voice": "ogg", "sticker": "webp"}
    return Answer(text=caption, kind=kind,
                  media_path=f"sandbox/media/{kind}-{index}.{ext.get(kind, 'bin')}")


def parse_script_line(line: str, number: int) -> Action:
    where = t(f"roteiro, linha {number}", f"script, line {number}")
    try:
        item = json.loads(line)
    except (ValueError, RecursionError):
        raise UsageError(f"{where}: " + t("JSON inválido.", "invalid JSON.")) from None
    if not isinstance(item, dict):
        raise UsageError(f"{where}: " + t("cada linha deve ser um objeto JSON.",
                                          "each line must be a JSON object."))
    if "wait" in item:
        seconds = item["wait"]
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0 \
                or seconds > 10 * 365 * 86400:
            raise UsageError(f"{where}: " + t("\"wait\" deve ser um número de segundos >= 0.",
                                              "\"wait\" must be a number of seconds >= 0."))
        return Wait(float(seconds))
    if "button" in item:
        if not isinstance(item["button"], str):
            raise UsageError(f"{where}: " + t("\"button\" deve ser o id de uma opção.",
                                              "\"button\" must be an option id."))
        return Answer(text=str(item.get("text", "")), kind="button_reply",
                      reply_id=item["button"])
    if "media" in item:
        kind = item["media"]
        if kind not in ("image", "video", "audio", "voice", "document", "sticker"):
            raise UsageError(f"{where}: " + t(
                "\"media\" deve ser image, video, audio, voice, document ou sticker.",
                "\"media\" must be image, video, audio, voice, document or sticker."))
        caption = item.get("text", "")
        return _media_answer(kind, number, caption if isinstance(caption, str) else "")
    if "location" in item:
        loc = item["location"]
        if (not isinstance(loc, list) or len(loc) != 2
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in loc)):
            raise UsageError(f"{where}: " + t("\"location\" deve ser [latitude, longitude].",
                                              "\"location\" must be [latitude, longitude]."))
        return Answer(kind="location", latitude=float(loc[0]), longitude=float(loc[1]))
    if "text" in item:
        if not isinstance(item["text"], str):
            raise UsageError(f"{where}: " + t("\"text\" deve ser um texto.",
                                              "\"text\" must be text."))
        return Answer(text=item["text"])
    raise UsageError(f"{where}: " + t("use text, wait, button, media ou location.",
                                      "use text, wait, button, media or location."))


def read_script(path: Path) -> list[Action]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: " + t("roteiro não encontrado.", "script not found.")) \
            from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: " + t("o roteiro não é texto UTF-8.",
                                         "the script is not UTF-8 text.")) from None
    except OSError as err:
        raise UsageError(f"{path}: " + t(f"não foi possível ler o roteiro ({err.strerror}).",
                                         f"the script could not be read ({err.strerror}).")) \
            from None
    return [parse_script_line(line, n) for n, line in enumerate(text.splitlines(), 1)
            if line.strip()]


def _parse_vars(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--var {item[:40]}: " + t("use NOME=VALOR.", "use NAME=VALUE."))
        out[name.strip()] = value
    return out


# ---- run: the sandbox -------------------------------------------------------------------

@dataclass
class RecordingSink:
    """The ActionSink of `flow run`: records what the bot did, optionally printing it live."""

    transcript: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    echo: Callable[[dict[str, Any]], None] | None = None

    def _add(self, entry: dict[str, Any], to_events: bool = False) -> None:
        (self.events if to_events else self.transcript).append(entry)
        if self.echo is not None:
            self.echo(entry)

    async def send(self, message: MessageSpec) -> None:
        entry: dict[str, Any] = {"from": "bot", "kind": message.kind, "text": message.text}
        if message.options:
            entry["options"] = [o.label for o in message.options]
            entry["style"] = message.style
        if message.media_path:
            entry["path"] = message.media_path
            if message.filename:
                entry["filename"] = message.filename
        if message.kind == "location":
            entry.update(latitude=message.latitude, longitude=message.longitude,
                         name=message.location_name, address=message.location_address)
        if message.kind == "contact":
            entry.update(name=message.contact_name, phone=message.contact_phone)
        self._add(entry)

    async def typing(self, ms: int) -> None:
        pass  # virtual time: "typing..." takes no time here

    async def tag(self, add: list[str], remove: list[str]) -> None:
        self._add({"type": "tag", "add": add, "remove": remove}, True)

    async def transfer(self, queue: str | None, agent: str | None) -> None:
        self._add({"type": "transfer", "queue": queue, "agent": agent}, True)

    async def close(self, text: str) -> None:
        if text.strip():
            await self.send(MessageSpec(text=text))
        self._add({"type": "close"}, True)

    async def go_to_flow(self, flow: str) -> None:
        self._add({"type": "go_to_flow", "flow": flow}, True)

    async def end(self) -> None:
        self._add({"type": "end"}, True)

    async def http(self, method: str, url: str, status: int | None) -> None:
        self._add({"type": "http", "method": method, "url": url, "status": status}, True)

    async def error(self, code: str, message: str) -> None:
        self._add({"type": "error", "code": code, "message": message}, True)


class DirectoryResolver:
    """`go_to_flow` in the sandbox: other flow files next to the one being run."""

    def __init__(self, folder: Path, current: Flow) -> None:
        self.folder = folder
        self.cache: dict[str, Flow] = {current.id: current}

    async def resolve(self, ref: str) -> Flow | None:
        wanted = fold(ref)
        for flow in self.cache.values():
            if flow.id == ref or fold(flow.name) == wanted:
                return flow
        for path in sorted(self.folder.glob("*.json")):
            try:
                flow = load_file(path)
            except FlowFormatError:
                continue
            self.cache.setdefault(flow.id, flow)
            if flow.id == ref or fold(flow.name) == wanted:
                return flow
        return None


class Conversation(playback.Conversation):
    """One sandbox conversation on virtual time, recording what the contact said."""

    def __init__(self, flow: Flow, sink: RecordingSink, ctx: RunContext, clock: VirtualClock,
                 interpreter: Interpreter, variables: dict[str, str]) -> None:
        resolver = interpreter.services.resolver
        super().__init__(flow, ctx, clock, interpreter, variables,
                         flows=resolver.cache.get if isinstance(resolver, DirectoryResolver)
                         else None)
        self.sink = sink

    async def send(self, answer: Answer) -> None:
        entry: dict[str, Any] = {"from": "contact", "text": answer.text}
        if answer.kind != "text":
            entry["kind"] = answer.kind
        if answer.reply_id is not None:
            entry["button"] = answer.reply_id
        if answer.media_path:
            entry["path"] = answer.media_path
        if answer.kind == "location":
            entry["location"] = [answer.latitude, answer.longitude]
        self.sink._add(entry)
        await super().send(answer)

    def result(self) -> dict[str, Any]:
        state = self.state
        out: dict[str, Any] = {
            "transcript": self.sink.transcript,
            "events": self.sink.events,
            "variables": dict(state.variables) if state else dict(self.variables),
            "state": state.status.value if state else "waiting_input",
            "node": state.node if state else None,
        }
        if state is not None and state.status == RunStatus.ERROR:
            out["error"] = state.error
        return out


def _start_time(text: str | None) -> datetime:
    if not text:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--now {text[:40]}: " + t(
            "use uma data ISO 8601, ex. 2025-01-06T09:30-03:00.",
            "use an ISO 8601 date, e.g. 2025-01-06T09:30-03:00.")) from None
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)


KIND_WORDS: dict[str, tuple[str, str]] = {
    "image": ("imagem", "image"), "video": ("vídeo", "video"), "audio": ("áudio", "audio"),
    "voice": ("mensagem de voz", "voice message"), "document": ("documento", "document"),
    "sticker": ("figurinha", "sticker"), "location": ("localização", "location"),
    "contact": ("contato", "contact"), "button_reply": ("botão", "button"),
}
STATE_WORDS: dict[str, tuple[str, str]] = {
    "waiting_input": ("esperando a resposta do contato", "waiting for the contact's reply"),
    "waiting_timer": ("esperando um prazo", "waiting for a timer"),
    "ended": ("encerrado (a próxima mensagem recomeça o fluxo)",
              "ended (the next message starts the flow again)"),
    "transferred": ("transferido para um atendente", "handed over to a human"),
    "closed": ("ticket fechado", "ticket closed"),
    "error": ("parou com erro", "stopped with an error"),
}


def _words(table: dict[str, tuple[str, str]], key: str) -> str:
    pair = table.get(key)
    return t(*pair) if pair else key


def _names(items: list[str]) -> str:
    return ", ".join(f"“{item}”" for item in items)


def _describe_event(entry: dict[str, Any]) -> str:
    """One event of the run in plain words (the JSON output keeps the machine form)."""
    kind = entry.get("type")
    if kind == "tag":
        parts = []
        if entry.get("add"):
            parts.append(t("etiqueta(s) adicionada(s): ", "tag(s) added: ") + _names(entry["add"]))
        if entry.get("remove"):
            parts.append(t("etiqueta(s) removida(s): ", "tag(s) removed: ")
                         + _names(entry["remove"]))
        return "; ".join(parts) or t("nenhuma etiqueta mudou", "no tag changed")
    if kind == "transfer":
        queue, agent = entry.get("queue"), entry.get("agent")
        if queue and agent:
            return t(f"transferido para a fila “{queue}”, atendente “{agent}”",
                     f"transferred to queue “{queue}”, agent “{agent}”")
        if queue:
            return t(f"transferido para a fila “{queue}”", f"transferred to queue “{queue}”")
        if agent:
            return t(f"transferido para o atendente “{agent}”",
                     f"transferred to agent “{agent}”")
        return t("transferido para um atendente (sem fila)", "handed over to a human (no queue)")
    if kind == "close":
        return t("ticket fechado", "ticket closed")
    if kind == "go_to_flow":
        return t(f"segue no fluxo “{entry.get('flow')}”",
                 f"continues in flow “{entry.get('flow')}”")
    if kind == "end":
        return t("fim do fluxo", "end of the flow")
    if kind == "http":
        status = entry.get("status")
        answer = str(status) if status is not None else t("sem resposta", "no response")
        return f"HTTP {entry.get('method')} {entry.get('url')} → {answer}"
    if kind == "error":
        return t("erro: ", "error: ") + str(entry.get("message") or entry.get("code"))
    return str(kind)


def _format_entry(entry: dict[str, Any]) -> str:
    if entry.get("from") == "contact":
        said = entry.get("text") or entry.get("button") or ""
        kind = entry.get("kind")
        if kind == "location":
            said = f"[{_words(KIND_WORDS, 'location')} {entry['location'][0]}, " \
                   f"{entry['location'][1]}]"
        elif kind == "button_reply":
            said = f"[{_words(KIND_WORDS, kind)} {entry.get('button')}]"
        elif kind:
            said = f"[{_words(KIND_WORDS, kind)}] {entry.get('text', '')}".strip()
        return t("contato> ", "contact> ") + said
    if entry.get("from") == "bot":
        kind = entry.get("kind")
        body = entry.get("text", "")
        if kind not in ("text", None):
            detail = entry.get("filename") or entry.get("path") or entry.get("name") or ""
            label = _words(KIND_WORDS, str(kind))
            body = f"[{label}: {detail}] {body}" if detail else f"[{label}] {body}"
            body = body.strip()
        if entry.get("options") and entry.get("style") != "text":
            body += "\n" + "\n".join(f"  [{o}]" for o in entry["options"])
        return "bot> " + body.replace("\n", "\n     ")
    return f"  ({_describe_event(entry)})"


def _interactive_action(line: str, number: int) -> Action | None:
    """A typed line, or a slash command: /esperar N, /botao ID, /imagem, /local LAT LON."""
    words = line.strip().split()
    if not words or not words[0].startswith("/"):
        return Answer(text=line.rstrip("\r\n"))
    cmd, rest = words[0].lower(), words[1:]
    try:
        if cmd in ("/esperar", "/wait") and len(rest) == 1:
            return Wait(float(rest[0]))
        if cmd in ("/botao", "/botão", "/button") and len(rest) == 1:
            return Answer(kind="button_reply", reply_id=rest[0])
        if cmd in ("/imagem", "/image"):
            return _media_answer("image", number, " ".join(rest))
        if cmd in ("/local", "/location") and len(rest) == 2:
            return Answer(kind="location", latitude=float(rest[0]), longitude=float(rest[1]))
    except ValueError:
        pass
    return None


def stdin_is_piped() -> bool:
    """Lines come from a pipe or a file (`printf 'oi\\n1\\n' | whatdesk flow run F`), not a
    terminal; /dev/null and a closed stdin count as nothing to read."""
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (AttributeError, OSError, ValueError):  # no stdin, or pytest's stand-in
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode)


def _run(flow: Flow, args: argparse.Namespace) -> int:
    variables = _parse_vars(args.var)
    actions: list[Action] = [Answer(text=text) for text in args.input]
    if args.script is not None:
        actions.extend(read_script(args.script))
    number = args.contact_number.strip()
    try:
        number = normalize_phone(number) if number else ""
    except InvalidPhone:
        raise UsageError(f"--contact-number {args.contact_number[:40]}: "
                         + t("número inválido.", "invalid number.")) from None
    start = _start_time(args.now)
    report = validate(flow)
    if not report.ok:
        _print_report(report, locale(), sys.stderr)
        print("whatdesk flow: " + t("o fluxo tem erros e não pode ser executado.",
                                    "the flow has errors and cannot run."), file=sys.stderr)
        return EXIT_FLOW_ERRORS
    # where the contact's messages come from: the arguments, else a pipe, else the keyboard
    source = "args" if actions else ("pipe" if stdin_is_piped() else (
        "keyboard" if sys.stdin is not None and sys.stdin.isatty() and not args.json
        else "none"))
    return asyncio.run(_play(flow, args, variables, actions, number, start, source))


def _read_line(prompt: str | None) -> str | None:
    """The next line from stdin (None at its end), capped so one line cannot fill memory."""
    if prompt is not None:
        try:
            return input(prompt)
        except EOFError:
            return None
    line = sys.stdin.readline(MAX_LINE_CHARS + 1)
    if not line:
        return None
    if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
        sys.stdin.readline()  # drop the rest of an over-long line
    return line[:MAX_LINE_CHARS].rstrip("\r\n")


async def _play(flow: Flow, args: argparse.Namespace, variables: dict[str, str],
                actions: list[Action], number: str, start: datetime, source: str) -> int:
    import httpx

    clock = VirtualClock(start=start)
    keyboard = source == "keyboard"

    def echo(entry: dict[str, Any]) -> None:
        if not (keyboard and entry.get("from") == "contact"):  # the user just typed it
            print(_format_entry(entry), flush=True)

    sink = RecordingSink(echo=None if args.json else echo)
    ctx = RunContext(sink=sink, clock=clock,
                     contact=ContactInfo(args.contact_name, number),
                     connection=ConnectionInfo(name="Sandbox"), ticket_id="1",
                     locale=locale(),
                     # a fresh key per test run: a receiver that drops repeated
                     # Idempotency-Keys must not drop the next `flow run`'s calls
                     step_key=f"cli-{uuid.uuid4().hex}")
    async with httpx.AsyncClient(follow_redirects=True) as client:
        interpreter = Interpreter(DirectoryResolver(args.file.resolve().parent, flow), client,
                                  media_root=_flow_media_root(args.data_dir))
        talk = Conversation(flow, sink, ctx, clock, interpreter, variables)
        if source in ("keyboard", "pipe"):
            if keyboard:
                print(t("Conversa de teste. Comandos: /esperar SEGUNDOS, /botao ID, /imagem, "
                        "/local LAT LON, /sair.",
                        "Test conversation. Commands: /wait SECONDS, /button ID, /image, "
                        "/location LAT LON, /quit."), flush=True)
            prompt = t("você> ", "you> ") if keyboard else None
            count = 0
            while True:
                try:
                    line = await asyncio.to_thread(_read_line, prompt)
                except KeyboardInterrupt:
                    break
                if line is None or line.strip().lower() in ("/sair", "/quit", "/exit"):
                    break
                count += 1
                action = _interactive_action(line, count)
                if action is None:
                    print(t(f"comando desconhecido: {line.strip()[:40]} (use /esperar, /botao, "
                            "/imagem, /local ou /sair)",
                            f"unknown command: {line.strip()[:40]} (use /wait, /button, "
                            "/image, /location or /quit)"),
                          file=sys.stdout if keyboard else sys.stderr, flush=True)
                    continue
                await _apply(talk, action)
            if count == 0 and not keyboard:
                await _apply(talk, Answer())  # an empty pipe: the flow still starts
        elif not actions:
            await _apply(talk, Answer())
        for action in actions:
            await _apply(talk, action)
    result = talk.result()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(_summary(result))
    return EXIT_FLOW_ERRORS if result["state"] == "error" else EXIT_OK


def _summary(result: dict[str, Any]) -> str:
    """How the run stands, and its variables, in plain words."""
    where = t(f" (no nó “{result['node']}”)", f" (at node “{result['node']}”)") \
        if result["node"] and result["state"] in ("waiting_input", "waiting_timer", "error") \
        else ""
    lines = [t("Situação: ", "State: ") + _words(STATE_WORDS, result["state"]) + where]
    if result.get("error"):
        said = [e["message"] for e in result["events"] if e.get("type") == "error"]
        lines[0] += f" — {said[-1] if said else result['error']}"
    if result["variables"]:
        lines.append(t("Variáveis:", "Variables:"))
        for name, value in result["variables"].items():
            shown = str(value).replace("\n", " ")
            lines.append(f"  {name} = {shown if shown else t('(vazia)', '(empty)')}")
    return "\n".join(lines)


def _flow_media_root(data_dir: Path | None) -> Path:
    """Where the app takes a flow's attachments from, so a test run finds the same files."""
    from whatdesk.flows.media import FOLDER_NAME
    from whatdesk.paths import default_data_dir

    return (data_dir or default_data_dir()).expanduser() / FOLDER_NAME


async def _apply(talk: Conversation, action: Action) -> None:
    if isinstance(action, Wait):
        await talk.wait(action.seconds)
    else:
        await talk.send(action)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
