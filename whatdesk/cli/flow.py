"""`whatdesk flow validate|run`: check a flow file, or play a conversation against it in a sandbox."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from whatdesk.domain.clock import VirtualClock
from whatdesk.domain.errors import InvalidPhone
from whatdesk.domain.phone import normalize_phone
from whatdesk.flows.document import Flow, FlowFormatError, load_file
from whatdesk.flows.interpreter import Interpreter
from whatdesk.flows.matching import fold
from whatdesk.flows.runtime import (
    ConnectionInfo, ContactInfo, MessageSpec, RunContext, RunState, RunStatus,
)
from whatdesk.flows.validation import Report, validate
from whatdesk.flows.validators import Answer

EXIT_OK, EXIT_FLOW_ERRORS, EXIT_UNREADABLE = 0, 1, 2
MAX_AUTO_TIMERS = 200  # delays fired back to back for one input (a delay loop must not spin)
DEFAULT_CONTACT_NAME = "Maria Silva"
DEFAULT_CONTACT_NUMBER = "5511999990000"


class UsageError(Exception):
    """Bad command-line input: one line on stderr, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _locale() -> str:
    return "en" if os.environ.get("WHATDESK_LANG", "pt").lower().startswith("en") else "pt"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="whatdesk flow", description="Valida ou executa um fluxo de chatbot.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    val = sub.add_parser("validate", help="verifica um arquivo de fluxo")
    val.add_argument("file", type=Path)
    val.add_argument("--json", action="store_true", help="saída em JSON")
    run = sub.add_parser("run", help="conversa com o fluxo num ambiente de teste")
    run.add_argument("file", type=Path)
    run.add_argument("--input", action="append", default=[], metavar="TEXT",
                     help="uma mensagem do contato (repita para várias)")
    run.add_argument("--script", type=Path, help="roteiro JSON Lines: {\"text\": ...}, "
                     "{\"wait\": s}, {\"button\": id}, {\"media\": \"image\"}, "
                     "{\"location\": [lat, lon]}")
    run.add_argument("--var", action="append", default=[], metavar="NAME=VALUE",
                     help="valor inicial de uma variável")
    run.add_argument("--contact-name", default=DEFAULT_CONTACT_NAME)
    run.add_argument("--contact-number", default=DEFAULT_CONTACT_NUMBER, metavar="DIGITS")
    run.add_argument("--now", help="hora virtual inicial, ISO 8601 (padrão: agora)")
    run.add_argument("--json", action="store_true", help="saída em JSON")
    run.add_argument("--data-dir", type=Path, default=None,
                     help="pasta de dados: os anexos vêm da sua pasta flow-media, como no "
                          "aplicativo (padrão: WHATDESK_DATA_DIR ou a pasta do usuário)")
    from .flowdb import add_parsers

    add_parsers(sub)
    return parser


def main(argv: list[str]) -> int:
    try:
        args = build_parser().parse_args(argv)
    except UsageError as err:
        print(f"whatdesk flow: {err}", file=sys.stderr)
        return EXIT_UNREADABLE
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
    if args.command not in ("validate", "run"):
        from .flowdb import run as run_db_command

        return run_db_command(args)
    try:
        flow = load_file(args.file)
    except FlowFormatError as err:
        print(f"whatdesk flow: {err}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.command == "validate":
        return _validate(flow, args.json)
    try:
        return _run(flow, args)
    except UsageError as err:
        print(f"whatdesk flow: {err}", file=sys.stderr)
        return EXIT_UNREADABLE


# ---- validate ---------------------------------------------------------------------------

def _print_report(report: Report, locale: str, stream: Any = None) -> None:
    stream = stream or sys.stdout
    labels = ("error", "warning") if locale == "en" else ("erro", "aviso")
    for kind, findings in ((labels[0], report.errors), (labels[1], report.warnings)):
        for finding in findings:
            where = f"[{finding.node}] " if finding.node else ""
            print(f"{kind}: {where}{finding.code}: {finding.message(locale)}", file=stream)


def _validate(flow: Flow, as_json: bool) -> int:
    report = validate(flow)
    locale = _locale()
    if as_json:
        print(json.dumps(report.to_dict(locale), ensure_ascii=False, indent=2))
    else:
        _print_report(report, locale)
        template = "{} error(s), {} warning(s)." if locale == "en" else "{} erro(s), {} aviso(s)."
        print(template.format(len(report.errors), len(report.warnings)))
    return EXIT_OK if report.ok else EXIT_FLOW_ERRORS


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
    where = f"roteiro, linha {number}"
    try:
        item = json.loads(line)
    except (ValueError, RecursionError):
        raise UsageError(f"{where}: JSON inválido.") from None
    if not isinstance(item, dict):
        raise UsageError(f"{where}: cada linha deve ser um objeto JSON.")
    if "wait" in item:
        seconds = item["wait"]
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0 \
                or seconds > 10 * 365 * 86400:
            raise UsageError(f"{where}: \"wait\" deve ser um número de segundos >= 0.")
        return Wait(float(seconds))
    if "button" in item:
        if not isinstance(item["button"], str):
            raise UsageError(f"{where}: \"button\" deve ser o id de uma opção.")
        return Answer(text=str(item.get("text", "")), kind="button_reply",
                      reply_id=item["button"])
    if "media" in item:
        kind = item["media"]
        if kind not in ("image", "video", "audio", "voice", "document", "sticker"):
            raise UsageError(f"{where}: \"media\" deve ser image, video, audio, voice, "
                             "document ou sticker.")
        caption = item.get("text", "")
        return _media_answer(kind, number, caption if isinstance(caption, str) else "")
    if "location" in item:
        loc = item["location"]
        if (not isinstance(loc, list) or len(loc) != 2
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in loc)):
            raise UsageError(f"{where}: \"location\" deve ser [latitude, longitude].")
        return Answer(kind="location", latitude=float(loc[0]), longitude=float(loc[1]))
    if "text" in item:
        if not isinstance(item["text"], str):
            raise UsageError(f"{where}: \"text\" deve ser um texto.")
        return Answer(text=item["text"])
    raise UsageError(f"{where}: use text, wait, button, media ou location.")


def read_script(path: Path) -> list[Action]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: roteiro não encontrado.") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: o roteiro não é texto UTF-8.") from None
    except OSError as err:
        raise UsageError(f"{path}: não foi possível ler o roteiro ({err.strerror}).") from None
    return [parse_script_line(line, n) for n, line in enumerate(text.splitlines(), 1)
            if line.strip()]


def _parse_vars(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--var {item!r}: use NOME=VALOR.")
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


class Conversation:
    """One sandbox conversation on virtual time."""

    def __init__(self, flow: Flow, sink: RecordingSink, ctx: RunContext, clock: VirtualClock,
                 interpreter: Interpreter, variables: dict[str, str]) -> None:
        self.flow, self.sink, self.ctx, self.clock = flow, sink, ctx, clock
        self.interpreter = interpreter
        self.variables = variables
        self.state: RunState | None = None

    def _flow_of(self, state: RunState) -> Flow:
        """The flow the run is in now (a go_to_flow may have moved it to another file)."""
        resolver = self.interpreter.services.resolver
        if isinstance(resolver, DirectoryResolver) and state.flow_id in resolver.cache:
            return resolver.cache[state.flow_id]
        return self.flow

    async def _settle(self) -> None:
        """Delays complete at once: fire due timers of `delay` nodes back to back."""
        for _ in range(MAX_AUTO_TIMERS):
            state = self.state
            if state is None or state.status != RunStatus.WAITING_TIMER or state.wake_at is None:
                return
            if state.wake_at > self.clock.now():
                self.clock.advance((state.wake_at - self.clock.now()).total_seconds())
            self.state = await self.interpreter.on_timer(self._flow_of(state), state, self.ctx)

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
        if self.state is None:
            self.state = await self.interpreter.start(self.flow, self.ctx, answer, self.variables)
        else:
            self.state = await self.interpreter.on_input(self._flow_of(self.state), self.state,
                                                         answer, self.ctx)
        await self._settle()

    async def wait(self, seconds: float) -> None:
        target = self.clock.now() + timedelta(seconds=seconds)
        for _ in range(MAX_AUTO_TIMERS):
            state = self.state
            if state is None or not state.status.is_waiting or state.wake_at is None \
                    or state.wake_at > target:
                break
            if state.wake_at > self.clock.now():
                self.clock.advance((state.wake_at - self.clock.now()).total_seconds())
            self.state = await self.interpreter.on_timer(self._flow_of(state), state, self.ctx)
            await self._settle()
        if target > self.clock.now():
            self.clock.advance((target - self.clock.now()).total_seconds())

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
        raise UsageError(f"--now {text!r}: use uma data ISO 8601, ex. 2025-01-06T09:30-03:00.") \
            from None
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)


def _format_entry(entry: dict[str, Any]) -> str:
    if entry.get("from") == "contact":
        said = entry.get("text") or entry.get("button") or entry.get("kind", "")
        if entry.get("kind") == "location":
            said = f"[localização {entry['location'][0]}, {entry['location'][1]}]"
        elif entry.get("path"):
            said = f"[{entry.get('kind')}] {entry.get('text', '')}".strip()
        return f"contato> {said}"
    if entry.get("from") == "bot":
        kind = entry.get("kind")
        body = entry.get("text", "")
        if kind not in ("text", None):
            detail = entry.get("path") or entry.get("name") or ""
            body = f"[{kind}: {detail}] {body}".strip()
        if entry.get("options") and entry.get("style") != "text":
            body += "\n" + "\n".join(f"  [{o}]" for o in entry["options"])
        return "bot> " + body.replace("\n", "\n     ")
    detail = ", ".join(f"{k}={v}" for k, v in entry.items() if k != "type")
    return f"  ({entry.get('type')}{': ' + detail if detail else ''})"


def _interactive_action(line: str, number: int) -> Action | None:
    """A typed line, or a slash command: /esperar N, /botao ID, /imagem, /local LAT LON."""
    words = line.strip().split()
    if not words or not words[0].startswith("/"):
        return Answer(text=line.rstrip("\n"))
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


def _run(flow: Flow, args: argparse.Namespace) -> int:
    variables = _parse_vars(args.var)
    actions: list[Action] = [Answer(text=t) for t in args.input]
    if args.script is not None:
        actions.extend(read_script(args.script))
    number = args.contact_number.strip()
    try:
        number = normalize_phone(number) if number else ""
    except InvalidPhone:
        raise UsageError(f"--contact-number {args.contact_number!r}: número inválido.") from None
    start = _start_time(args.now)
    report = validate(flow)
    if not report.ok:
        _print_report(report, _locale(), sys.stderr)
        print("whatdesk flow: o fluxo tem erros e não pode ser executado.", file=sys.stderr)
        return EXIT_FLOW_ERRORS
    interactive = not actions and sys.stdin.isatty() and not args.json
    return asyncio.run(_play(flow, args, variables, actions, number, start, interactive))


async def _play(flow: Flow, args: argparse.Namespace, variables: dict[str, str],
                actions: list[Action], number: str, start: datetime, interactive: bool) -> int:
    import httpx

    clock = VirtualClock(start=start)
    def echo(entry: dict[str, Any]) -> None:
        if not (interactive and entry.get("from") == "contact"):  # the user just typed it
            print(_format_entry(entry), flush=True)

    sink = RecordingSink(echo=None if args.json else echo)
    ctx = RunContext(sink=sink, clock=clock,
                     contact=ContactInfo(args.contact_name, number),
                     connection=ConnectionInfo(name="Sandbox"), ticket_id="1",
                     locale=_locale(),
                     # a fresh key per test run: a receiver that drops repeated
                     # Idempotency-Keys must not drop the next `flow run`'s calls
                     step_key=f"cli-{uuid.uuid4().hex}")
    async with httpx.AsyncClient(follow_redirects=True) as client:
        interpreter = Interpreter(DirectoryResolver(args.file.resolve().parent, flow), client,
                                  media_root=_flow_media_root(args.data_dir))
        talk = Conversation(flow, sink, ctx, clock, interpreter, variables)
        if interactive:
            print("Conversa de teste. Comandos: /esperar SEGUNDOS, /botao ID, /imagem, "
                  "/local LAT LON, /sair.", flush=True)
            count = 0
            while True:
                try:
                    line = await asyncio.to_thread(input, "você> ")
                except (EOFError, KeyboardInterrupt):
                    break
                if line.strip().lower() in ("/sair", "/quit", "/exit"):
                    break
                count += 1
                action = _interactive_action(line, count)
                if action is None:
                    print("comando desconhecido", flush=True)
                    continue
                await _apply(talk, action)
        elif not actions:
            await _apply(talk, Answer())
        for action in actions:
            await _apply(talk, action)
    result = talk.result()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        where = f" (nó {result['node']})" if result["node"] else ""
        error = f", erro {result['error']}" if result.get("error") else ""
        print(f"estado: {result['state']}{where}{error}")
        if result["variables"]:
            print("variáveis: " + ", ".join(f"{k}={v!r}" for k, v in result["variables"].items()))
    return EXIT_FLOW_ERRORS if result["state"] == "error" else EXIT_OK


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
