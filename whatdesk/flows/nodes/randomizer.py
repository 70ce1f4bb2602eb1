"""`randomizer`: pick a branch with probability weight / sum (A/B tests)."""

from __future__ import annotations

from typing import Any

from ..document import Node
from ..registry import FieldKind, FieldSpec, NodeType, PortSpec, Text, register
from ..runtime import Goto, Outcome, RunStatus, Step, Stop
from ..validation import Checker


def _branches(config: dict[str, Any]) -> list[dict[str, Any]]:
    rows = config.get("branches")
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def _weight(row: dict[str, Any]) -> float:
    value = row.get("weight")
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def _ports(config: dict[str, Any]) -> list[PortSpec]:
    return [PortSpec(r["id"], Text(f"{r['id']} ({_weight(r):g})", f"{r['id']} ({_weight(r):g})"))
            for r in _branches(config) if isinstance(r.get("id"), str) and r["id"]]


async def execute(step: Step) -> Outcome:
    rows = [r for r in _branches(step.config)
            if isinstance(r.get("id"), str) and r["id"] and _weight(r) > 0]
    if not rows:
        return Stop(RunStatus.ERROR, "randomizer_bad_weight", "no branch with a positive weight")
    chosen = step.services.rng.choices(rows, weights=[_weight(r) for r in rows])[0]
    return Goto(chosen["id"])


def check(node: Node, config: dict[str, Any], checker: Checker) -> None:
    rows = _branches(config)
    if not rows:
        checker.error("randomizer_no_branches", "Sorteio sem ramos.", "Randomizer with no branches.")
    seen: set[str] = set()
    for row in rows:
        if _weight(row) <= 0:
            checker.error("randomizer_bad_weight",
                          f"O ramo {row.get('id')!r} precisa de peso maior que zero.",
                          f"Branch {row.get('id')!r} needs a weight above zero.")
        branch_id = row.get("id")
        if isinstance(branch_id, str) and branch_id in seen:
            checker.error("randomizer_duplicate_branch", f"Ramo repetido: {branch_id!r}.",
                          f"Duplicate branch id: {branch_id!r}.")
        if isinstance(branch_id, str):
            seen.add(branch_id)


NODE_TYPE = register(NodeType(
    name="randomizer", title=Text("Sorteio", "Randomizer"), category="logic", icon="shuffle",
    description=Text("Escolhe um caminho ao acaso, conforme os pesos.",
                     "Picks a path at random, by weight."),
    fields=(FieldSpec(
        "branches", FieldKind.OBJECT_LIST, Text("Ramos", "Branches"),
        default=[{"id": "a", "weight": 50}, {"id": "b", "weight": 50}],
        item_fields=(
            FieldSpec("id", FieldKind.TEXT, Text("Id", "Id"), default="", required=True),
            FieldSpec("weight", FieldKind.NUMBER, Text("Peso", "Weight"), default=1),
        ),
        new_item=lambda rows: {"id": chr(ord("a") + len(rows) % 26), "weight": 1}),),
    dynamic_ports=_ports, execute=execute, check=check,
))
