"""`condition`: compare templates (text ops ignore case and accents) -> `true` / `false`."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..document import Node
from ..matching import fold
from ..registry import FieldKind, FieldSpec, NodeType, PortSpec, Text, register
from ..regexes import search
from ..runtime import Goto, Outcome, Step
from ..validation import Checker, check_regex
from ..validators import parse_number

OPS: dict[str, Text] = {
    "equals": Text("é igual a", "equals"),
    "not_equals": Text("é diferente de", "does not equal"),
    "contains": Text("contém", "contains"),
    "not_contains": Text("não contém", "does not contain"),
    "starts_with": Text("começa com", "starts with"),
    "ends_with": Text("termina com", "ends with"),
    "matches": Text("corresponde à expressão", "matches regex"),
    "gt": Text("é maior que", "is greater than"),
    "gte": Text("é maior ou igual a", "is at least"),
    "lt": Text("é menor que", "is less than"),
    "lte": Text("é menor ou igual a", "is at most"),
    "is_empty": Text("está vazio", "is empty"),
    "is_not_empty": Text("não está vazio", "is not empty"),
    "in": Text("está na lista", "is one of"),
}
UNARY = ("is_empty", "is_not_empty")

_TEXT_OPS: dict[str, Callable[[str, str], bool]] = {
    "equals": lambda a, b: a == b,
    "not_equals": lambda a, b: a != b,
    "contains": lambda a, b: b in a,
    "not_contains": lambda a, b: b not in a,
    "starts_with": lambda a, b: a.startswith(b),
    "ends_with": lambda a, b: a.endswith(b),
}
_NUMERIC_OPS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "gt": lambda a, b: a > b, "gte": lambda a, b: a >= b,
    "lt": lambda a, b: a < b, "lte": lambda a, b: a <= b,
}


def evaluate(op: str, left: str, right: str | list[str]) -> bool:
    """One rule on already-rendered text."""
    if op == "is_empty":
        return not left.strip()
    if op == "is_not_empty":
        return bool(left.strip())
    if op == "in":
        items = right if isinstance(right, list) else right.split(",")
        return fold(left) in {fold(i) for i in items}
    right_text = ", ".join(right) if isinstance(right, list) else right
    if op in _TEXT_OPS:
        return _TEXT_OPS[op](fold(left), fold(right_text))
    if op == "matches":
        return search(right_text, left, ignore_case=True)
    if op in _NUMERIC_OPS:
        a, b = parse_number(left), parse_number(right_text)
        return a is not None and b is not None and _NUMERIC_OPS[op](a, b)
    return False


def _rules(config: dict[str, Any]) -> list[dict[str, Any]]:
    rows = config.get("rules")
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


async def execute(step: Step) -> Outcome:
    results = []
    for rule in _rules(step.config):
        right = rule.get("right")
        rendered: str | list[str] = [step.render(r) for r in right] if isinstance(right, list) \
            else step.render(right)
        results.append(evaluate(str(rule.get("op")), step.render(rule.get("left")), rendered))
    passed = any(results) if step.config.get("mode") == "any" else all(results)
    return Goto("true" if passed and results else "false")


def check(node: Node, config: dict[str, Any], checker: Checker) -> None:
    rules = _rules(config)
    if not rules:
        checker.warning("condition_no_rules", "Condição sem regras: sempre segue por Falso.",
                        "Condition with no rules: always takes False.")
    for rule in rules:
        right = rule.get("right")
        if rule.get("op") == "matches" and isinstance(right, str) and "{{" not in right:
            check_regex(right, checker, ("Regra: ", "Rule: "))

NODE_TYPE = register(NodeType(
    name="condition", title=Text("Condição", "Condition"), category="logic", icon="branch",
    description=Text("Compara valores e segue por Verdadeiro ou Falso.",
                     "Compares values and takes True or False."),
    fields=(
        FieldSpec("mode", FieldKind.CHOICE, Text("Combinar regras", "Combine rules"),
                  default="all", choices=(("all", Text("todas", "all")),
                                          ("any", Text("qualquer uma", "any")))),
        FieldSpec("rules", FieldKind.OBJECT_LIST, Text("Regras", "Rules"),
                  default=[{"left": "{{last_input}}", "op": "equals", "right": ""}],
                  item_fields=(
                      FieldSpec("left", FieldKind.TEMPLATE, Text("Valor", "Value"), default=""),
                      FieldSpec("op", FieldKind.CHOICE, Text("Operador", "Operator"),
                                default="equals", choices=tuple(OPS.items())),
                      FieldSpec("right", FieldKind.TEMPLATE_OR_LIST,
                                Text("Comparar com", "Compare with"), default="",
                                visible_when=("op", tuple(k for k in OPS if k not in UNARY))),
                  )),
    ),
    ports=(PortSpec("true", Text("Verdadeiro", "True")), PortSpec("false", Text("Falso", "False"))),
    execute=execute, check=check,
))
