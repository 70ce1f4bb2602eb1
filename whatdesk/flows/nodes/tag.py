"""`tag`: add and remove contact tags."""

from __future__ import annotations

from typing import Any

from ..document import Node
from ..registry import FieldKind, FieldSpec, NodeType, Text, register
from ..runtime import Goto, Outcome, Step
from ..validation import Checker
from ._common import NEXT


def _names(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [v.strip() for v in value if isinstance(v, str) and v.strip()]


async def execute(step: Step) -> Outcome:
    add = [step.render(n) for n in _names(step.config.get("add"))]
    remove = [step.render(n) for n in _names(step.config.get("remove"))]
    await step.ctx.sink.tag([n for n in add if n], [n for n in remove if n])
    return Goto("next")


def check(node: Node, config: dict[str, Any], checker: Checker) -> None:
    if not _names(config.get("add")) and not _names(config.get("remove")):
        checker.warning("tag_empty", "Nenhuma etiqueta para adicionar ou remover.",
                        "No tag to add or remove.")


NODE_TYPE = register(NodeType(
    name="tag", title=Text("Etiquetar", "Tag"), category="ticket", icon="tag",
    description=Text("Adiciona e remove etiquetas do contato.", "Adds and removes contact tags."),
    fields=(
        FieldSpec("add", FieldKind.STRING_LIST, Text("Adicionar", "Add"), default=[]),
        FieldSpec("remove", FieldKind.STRING_LIST, Text("Remover", "Remove"), default=[]),
    ),
    execute=execute, ports=(NEXT,), check=check,
))
