"""`menu`: numbered options (or buttons / a list); waits; one exit per option."""

from __future__ import annotations

from typing import Any

from ..document import Node
from ..matching import Choice, match_option
from ..registry import FieldKind, FieldSpec, NodeType, PortSpec, Text, register
from ..runtime import Goto, MenuOption, MessageSpec, Outcome, Step
from ..validation import Checker
from ..validators import Answer
from ._common import INVALID, MAX_RETRIES, TIMEOUT, TIMEOUT_S, retry_or_give_up, wait_for_input

RESERVED_PORTS = ("invalid", "timeout")
WHATSAPP_LIMITS = {"buttons": (3, 20), "list": (10, 24)}  # (options, label characters)
DEFAULT_INVALID = Text("Opção inválida. Responda com o número de uma das opções.",
                       "Invalid option. Reply with the number of one of the options.")


def options_of(config: dict[str, Any]) -> list[dict[str, Any]]:
    rows = config.get("options")
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def _ports(config: dict[str, Any]) -> list[PortSpec]:
    ports: list[PortSpec] = []
    for row in options_of(config):
        option_id = row.get("id")
        if isinstance(option_id, str) and option_id and option_id not in RESERVED_PORTS:
            label = row.get("label") if isinstance(row.get("label"), str) else option_id
            ports.append(PortSpec(option_id, Text(label or option_id, label or option_id)))
    return ports


def _choices(step: Step) -> list[Choice]:
    out = []
    for row in options_of(step.config):
        if not isinstance(row.get("id"), str):
            continue
        keywords = row.get("keywords") if isinstance(row.get("keywords"), list) else []
        out.append(Choice(row["id"], step.render(row.get("label")),
                          tuple(step.render(k) for k in keywords if isinstance(k, str))))
    return out


def menu_message(step: Step) -> MessageSpec:
    text = step.render(step.config.get("text"))
    choices = _choices(step)
    numbered = "\n".join(f"{i} - {c.label}" for i, c in enumerate(choices, 1))
    fallback = f"{text}\n\n{numbered}" if text.strip() else numbered
    style = step.config.get("style") if step.config.get("style") in ("buttons", "list") else "text"
    return MessageSpec(text=fallback if style == "text" else text,
                       options=tuple(MenuOption(c.id, c.label) for c in choices),
                       style=style, fallback_text=fallback)


async def execute(step: Step) -> Outcome:
    await step.ctx.sink.send(menu_message(step))
    return wait_for_input(step)


async def on_input(step: Step, answer: Answer) -> Outcome:
    choice = match_option(_choices(step), answer.text, answer.reply_id)
    if choice is not None:
        save_as = step.config.get("save_as")
        if isinstance(save_as, str) and save_as.strip():
            step.set_var(save_as.strip(), choice.label)
        return Goto(choice.id)
    invalid_text = step.config.get("invalid_text")
    text = step.render(invalid_text) if isinstance(invalid_text, str) and invalid_text.strip() \
        else step.text(DEFAULT_INVALID.pt, DEFAULT_INVALID.en)
    return await retry_or_give_up(step, text, menu_message(step))


async def on_timer(step: Step) -> Outcome:
    return Goto("timeout")


def check(node: Node, config: dict[str, Any], checker: Checker) -> None:
    rows = options_of(config)
    if not rows:
        checker.error("menu_no_options", "Menu sem opções.", "Menu with no options.")
        return
    seen: set[str] = set()
    for row in rows:
        option_id = row.get("id")
        if not isinstance(option_id, str) or not option_id.strip():
            continue  # reported by the field check (missing_required)
        if option_id in seen:
            checker.error("menu_duplicate_option", f"Opção repetida: {option_id!r}.",
                          f"Duplicate option id: {option_id!r}.")
        if option_id in RESERVED_PORTS:
            checker.error("menu_reserved_option",
                          f"O id de opção {option_id!r} é reservado (use outro).",
                          f"Option id {option_id!r} is reserved (use another).")
        seen.add(option_id)
    style = config.get("style")
    if isinstance(style, str) and style in WHATSAPP_LIMITS:
        max_options, max_label = WHATSAPP_LIMITS[style]
        name = "botões" if style == "buttons" else "lista"
        if len(rows) > max_options:
            checker.warning(f"{'buttons' if style == 'buttons' else 'list'}_too_many",
                            f"O WhatsApp aceita no máximo {max_options} opções em {name} "
                            f"(há {len(rows)}).",
                            f"WhatsApp allows at most {max_options} options in a {style} "
                            f"message (there are {len(rows)}).")
        for row in rows:
            label = row.get("label")
            if isinstance(label, str) and len(label) > max_label:
                checker.warning(f"{'button' if style == 'buttons' else 'list'}_label_too_long",
                                f"Rótulo com mais de {max_label} caracteres: {label[:30]!r}.",
                                f"Label longer than {max_label} characters: {label[:30]!r}.")


NODE_TYPE = register(NodeType(
    name="menu", title=Text("Menu", "Menu"), category="input", icon="menu",
    description=Text("Mostra opções e segue pela escolhida.",
                     "Shows options and follows the chosen one."),
    fields=(
        FieldSpec("text", FieldKind.MULTILINE, Text("Texto", "Text"), default="Escolha uma opção:"),
        FieldSpec(
            "options", FieldKind.OBJECT_LIST, Text("Opções", "Options"),
            default=[{"id": "op1", "label": "Opção 1", "keywords": []}],
            item_fields=(
                FieldSpec("id", FieldKind.TEXT, Text("Id", "Id"), default="", required=True),
                FieldSpec("label", FieldKind.TEMPLATE, Text("Rótulo", "Label"), default=""),
                FieldSpec("keywords", FieldKind.STRING_LIST, Text("Palavras-chave", "Keywords"),
                          default=[]),
            ),
            new_item=lambda rows: {"id": _free_id(rows), "label": "", "keywords": []}),
        FieldSpec("style", FieldKind.CHOICE, Text("Estilo", "Style"), default="text", choices=(
            ("text", Text("Texto numerado", "Numbered text")),
            ("buttons", Text("Botões (até 3)", "Buttons (up to 3)")),
            ("list", Text("Lista (até 10)", "List (up to 10)")))),
        FieldSpec("invalid_text", FieldKind.MULTILINE,
                  Text("Resposta inválida", "Invalid reply text"), default=""),
        MAX_RETRIES,
        TIMEOUT_S,
        FieldSpec("save_as", FieldKind.VARIABLE, Text("Salvar escolha em", "Save choice as"),
                  default=""),
    ),
    dynamic_ports=_ports, ports=(INVALID, TIMEOUT), waits=True,
    execute=execute, on_input=on_input, on_timer=on_timer, check=check,
))


def _free_id(rows: list[dict[str, Any]]) -> str:
    used = {r.get("id") for r in rows}
    n = len(rows) + 1
    while f"op{n}" in used:
        n += 1
    return f"op{n}"
