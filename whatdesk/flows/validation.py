"""Flow validation: errors (the flow cannot run) and warnings, each with a node id and a stable code."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import networkx as nx

from . import registry, templates
from .document import Flow, Node
from . import regexes
from .registry import FieldKind, FieldSpec

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    node: str | None
    code: str
    severity: str
    message_pt: str
    message_en: str

    def message(self, locale: str = "pt") -> str:
        return self.message_en if locale.startswith("en") else self.message_pt

    def to_dict(self, locale: str = "pt") -> dict[str, Any]:
        return {"node": self.node, "code": self.code, "message": self.message(locale)}


@dataclass
class Report:
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def for_node(self, node_id: str) -> list[Finding]:
        """For drawing a badge on a node in the editor."""
        return [f for f in (*self.errors, *self.warnings) if f.node == node_id]

    def codes(self) -> set[str]:
        return {f.code for f in (*self.errors, *self.warnings)}

    def to_dict(self, locale: str = "pt") -> dict[str, Any]:
        return {"errors": [f.to_dict(locale) for f in self.errors],
                "warnings": [f.to_dict(locale) for f in self.warnings]}


class Checker:
    """What a node type's own `check` reports through; it knows which node it is about."""

    def __init__(self, report: Report, node_id: str | None) -> None:
        self.report = report
        self.node_id = node_id

    def error(self, code: str, pt: str, en: str) -> None:
        self.report.errors.append(Finding(self.node_id, code, ERROR, pt, en))

    def warning(self, code: str, pt: str, en: str) -> None:
        self.report.warnings.append(Finding(self.node_id, code, WARNING, pt, en))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_regex(pattern: str, checker: Checker, label: tuple[str, str] = ("", "")) -> None:
    """Report a pattern RE2 cannot run (error) or one big enough to be slow (warning)."""
    found = regexes.problem(pattern)
    if found is not None:
        checker.error(found.code, f"{label[0]}{found.pt} ({pattern[:40]!r}).",
                      f"{label[1]}{found.en} ({pattern[:40]!r}).")
    elif regexes.is_slow(pattern):
        checker.warning("regex_slow", f"{label[0]}expressão muito grande; pode deixar cada "
                        f"resposta lenta ({pattern[:40]!r}).",
                        f"{label[1]}very large expression; it may slow down every answer "
                        f"({pattern[:40]!r}).")


def _check_field(spec: FieldSpec, value: Any, checker: Checker,
                 label: tuple[str, str] = ("", "")) -> None:
    """Type and range of one value, derived from its FieldSpec."""
    def bad(what_pt: str, what_en: str) -> None:
        checker.error("invalid_config", f"{label[0]}{spec.title.pt}: {what_pt}.",
                      f"{label[1]}{spec.title.en}: {what_en}.")

    if spec.required and (not value or (isinstance(value, str) and not value.strip())) \
            and value != 0:
        checker.error(spec.required_code, f"{label[0]}{spec.title.pt}: campo obrigatório.",
                      f"{label[1]}{spec.title.en}: required field.")
        return
    if value is None:
        return  # null means "not set"; defaults apply
    kind = spec.kind
    if kind in (FieldKind.TEXT, FieldKind.TEMPLATE, FieldKind.MULTILINE, FieldKind.FLOW_REF,
                FieldKind.VARIABLE, FieldKind.REGEX, FieldKind.TIMEZONE):
        if not isinstance(value, str):
            bad("deve ser um texto", "must be text")
            return
        if kind == FieldKind.VARIABLE and value.strip() and \
                not templates.VARIABLE_NAME.match(value.strip()):
            checker.error("invalid_variable_name",
                          f"{label[0]}{spec.title.pt}: nome de variável inválido {value[:40]!r} (use letras, "
                          "números e _).",
                          f"{label[1]}{spec.title.en}: invalid variable name {value[:40]!r}.")
        elif kind == FieldKind.REGEX and value:
            check_regex(value, checker, label)
        elif kind == FieldKind.TIMEZONE and value:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                checker.error("invalid_timezone", f"{label[0]}{spec.title.pt}: fuso horário desconhecido "
                              f"{value[:40]!r} (ex.: America/Sao_Paulo).",
                              f"{label[1]}{spec.title.en}: unknown timezone {value[:40]!r}.")
    elif kind in (FieldKind.NUMBER, FieldKind.INTEGER):
        if not _is_number(value) or (kind == FieldKind.INTEGER and not float(value).is_integer()):
            bad("deve ser um número" + (" inteiro" if kind == FieldKind.INTEGER else ""),
                "must be a number")
            return
        if spec.minimum is not None and value < spec.minimum:
            bad(f"deve ser no mínimo {spec.minimum:g}", f"must be at least {spec.minimum:g}")
        if spec.maximum is not None and value > spec.maximum:
            bad(f"deve ser no máximo {spec.maximum:g}", f"must be at most {spec.maximum:g}")
    elif kind == FieldKind.BOOL:
        if not isinstance(value, bool):
            bad("deve ser verdadeiro ou falso", "must be true or false")
    elif kind == FieldKind.CHOICE:
        allowed = [c[0] for c in spec.choices]
        if value not in allowed:
            bad(f"valor {str(value)[:30]!r} inválido (use {', '.join(allowed)})",
                f"invalid value {str(value)[:30]!r} (use {', '.join(allowed)})")
    elif kind in (FieldKind.STRING_LIST, FieldKind.DATE_LIST):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            bad("deve ser uma lista de textos", "must be a list of text")
            return
        if kind == FieldKind.DATE_LIST:
            for item in value:
                try:
                    date.fromisoformat(item)
                except ValueError:
                    checker.error("invalid_date", f"{label[0]}{spec.title.pt}: data inválida {item[:20]!r} "
                                  "(use AAAA-MM-DD).",
                                  f"{label[1]}{spec.title.en}: invalid date {item[:20]!r} (use YYYY-MM-DD).")
    elif kind == FieldKind.KEY_VALUE:
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            bad("deve ser uma tabela nome → texto", "must be a name → text table")
    elif kind == FieldKind.TEMPLATE_OR_LIST:
        if not (isinstance(value, str)
                or (isinstance(value, list) and all(isinstance(v, str) for v in value))):
            bad("deve ser um texto ou uma lista de textos", "must be text or a list of text")
    elif kind == FieldKind.HOURS:
        if value != "connection" and not isinstance(value, dict):
            bad('use "connection" ou uma tabela de horários', 'use "connection" or a table')
    elif kind in registry.OBJECT_KINDS:
        if not isinstance(value, dict):
            bad("deve ser um objeto", "must be an object")
            return
        for sub in spec.item_fields:
            if sub.name in value:
                _check_field(sub, value[sub.name], checker,
                             (f"{label[0]}{spec.title.pt} › ", f"{label[1]}{spec.title.en} › "))
    elif kind == FieldKind.OBJECT_LIST:
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            bad("deve ser uma lista", "must be a list")
            return
        for index, row in enumerate(value, 1):
            for sub in spec.item_fields:
                _check_field(sub, row.get(sub.name), checker,
                             (f"{label[0]}{spec.title.pt} {index} › ",
                              f"{label[1]}{spec.title.en} {index} › "))


def _scan(node_type: registry.NodeType, config: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(template texts, variable names written) of one node, from its field declarations."""
    texts: list[str] = []
    written: list[str] = []
    for spec, value, _ in registry.iter_values(node_type.fields, config):
        kind = spec.kind
        if kind in registry.TEMPLATE_KINDS:
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, list):
                texts.extend(v for v in value if isinstance(v, str))
            elif isinstance(value, dict):
                texts.extend(v for v in value.values() if isinstance(v, str))
        elif kind == FieldKind.STRING_LIST and isinstance(value, list):
            texts.extend(v for v in value if isinstance(v, str))  # tags and keywords render too
        elif kind == FieldKind.VARIABLE and isinstance(value, str) and value.strip():
            written.append(value.strip())
    return texts, written


_VARIABLES_KEPT = 20_000
_variables_of: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}


def node_variables(node: Node) -> tuple[list[str], list[str]]:
    """(names its templates read, names it writes) of one node, in field order; an unknown
    node type reads and writes nothing. Kept per type and config: the editor's panels ask
    for every node's after each pause in typing, and only the edited one changed."""
    key = (node.type, repr(node.config))
    kept = _variables_of.get(key)
    if kept is None:
        node_type = registry.get(node.type)
        if node_type is None:
            return [], []
        texts, written = _scan(node_type, node.config)
        reads = [name for text in texts for name in templates.names_in(text) if name]
        if len(_variables_of) >= _VARIABLES_KEPT:
            _variables_of.clear()
        kept = _variables_of[key] = (tuple(reads), tuple(written))
    return list(kept[0]), list(kept[1])


def defined_variables(flow: Flow) -> set[str]:
    """Every variable name the flow declares or any node writes."""
    names = set(flow.variables) | set(templates.RUNTIME_VARIABLES)
    for node in flow.nodes:
        node_type = registry.get(node.type)
        if node_type is not None:
            names.update(_scan(node_type, node.config)[1])
    return names


@dataclass
class _NodePart:
    """What one node contributes to a report on its own (type and config only): its own
    findings, and what the flow-level checks need to know about it."""

    errors: list[Finding]
    warnings: list[Finding]
    known_type: bool = False
    written: list[str] = field(default_factory=list)
    # per template text with "{{": (its malformed-placeholder findings, the names it reads)
    templates: list[tuple[list[Finding], list[str]]] = field(default_factory=list)
    ports: list[str] = field(default_factory=list)
    waits: bool = False
    terminal: bool = False


def _node_part(node: Node) -> _NodePart:
    part = Report()
    checker = Checker(part, node.id)
    node_type = registry.get(node.type)
    if node_type is None:
        checker.error("unknown_node_type", f"Tipo de nó desconhecido: {node.type[:40]!r}.",
                      f"Unknown node type: {node.type[:40]!r}.")
        return _NodePart(part.errors, part.warnings)
    config = node.config
    for spec in node_type.fields:
        _check_field(spec, config.get(spec.name), checker)
    if node_type.check is not None:
        node_type.check(node, node_type.effective_config(config, False), checker)
    texts, written = _scan(node_type, config)
    found = _NodePart(part.errors, part.warnings, True, written,
                      ports=node_type.port_ids(config), waits=bool(node_type.waits),
                      terminal=bool(node_type.terminal))
    for text in texts:
        if "{{" not in text:
            continue
        malformed = Report()
        text_checker = Checker(malformed, node.id)
        for problem in templates.problems_in(text):
            text_checker.warning("template_unbalanced" if problem.code == "template_unbalanced"
                                 else "template_invalid",
                                 f"Marcador de variável malformado: {problem.detail!r} "
                                 "(use {{nome}}).",
                                 f"Malformed variable placeholder: {problem.detail!r} "
                                 "(use {{name}}).")
        names = [name for name in templates.names_in(text)
                 if name and templates.VARIABLE_NAME.match(name)]
        found.templates.append((malformed.warnings, names))
    return found


def _config_key(node: Node) -> tuple[str, str]:
    """What a node's own findings depend on. repr() of the JSON-like config is exact (and
    ~1 µs a node); a config edited in place is still noticed."""
    return (node.type, repr(node.config))


class Validator:
    """Validates the same flow again and again (the editor after each pause in typing).
    Each node's own checks (fields, its type's check, its template texts) are kept per node,
    keyed by its type and config, and run again only for nodes that changed; the flow-level
    checks (the Start node, unknown variables, edges, reachability, cycles) run every time,
    as they depend on every node. ``validate(flow)`` gives the same Report, finding for
    finding, as the module's ``validate``."""

    def __init__(self) -> None:
        self._parts: dict[str, tuple[tuple[str, str], _NodePart]] = {}
        self.rechecked = 0  # nodes checked again by the last run (for tests and benchmarks)
        self._graph: dict[str, Any] = {}  # the graph checks' findings and what they read

    def _part(self, node: Node) -> _NodePart:
        key = _config_key(node)
        kept = self._parts.get(node.id)
        if kept is not None and kept[0] == key:
            return kept[1]
        self.rechecked += 1
        return _node_part(node)

    def validate(self, flow: Flow) -> Report:
        self.rechecked = 0
        parts: dict[str, tuple[tuple[str, str], _NodePart]] = {}
        for node in flow.nodes:
            parts[node.id] = (_config_key(node), self._part(node))
        self._parts = parts  # nodes removed meanwhile are forgotten
        return _report(flow, {node_id: part for node_id, (_key, part) in parts.items()},
                       self._graph)


def validate(flow: Flow) -> Report:
    return _report(flow, {node.id: _node_part(node) for node in flow.nodes})


def _report(flow: Flow, parts: dict[str, _NodePart],
            graph_cache: dict[str, Any] | None = None) -> Report:
    report = Report()
    flow_checker = Checker(report, None)
    starts = flow.start_nodes()
    if not starts:
        flow_checker.error("start_missing", "O fluxo não tem um nó Início.",
                           "The flow has no Start node.")
    for extra in starts[1:]:
        Checker(report, extra.id).error("start_multiple", "O fluxo deve ter um só nó Início.",
                                        "The flow must have exactly one Start node.")

    known = set(flow.variables) | set(templates.RUNTIME_VARIABLES) | set(templates.BUILTINS)
    ports_of: dict[str, list[str]] = {}
    waiting: set[str] = set()
    terminal: set[str] = set()
    for node in flow.nodes:
        part = parts[node.id]
        report.errors.extend(part.errors)
        report.warnings.extend(part.warnings)
        if not part.known_type:
            continue
        known.update(part.written)
        ports_of[node.id] = part.ports
        if part.waits:
            waiting.add(node.id)
        if part.terminal:
            terminal.add(node.id)

    for node in flow.nodes:
        part = parts[node.id]
        checker = Checker(report, node.id)
        for malformed, names in part.templates:
            report.warnings.extend(malformed)
            for name in names:
                if name not in known:
                    checker.warning("unknown_variable",
                                    f"Variável desconhecida {{{{{name}}}}}: ficará vazia.",
                                    f"Unknown variable {{{{{name}}}}}: it renders empty.")

    if graph_cache is not None:
        key = _graph_key(flow, starts, ports_of, waiting, terminal)
        kept = graph_cache.get("key")
        if kept == key:
            report.errors.extend(graph_cache["errors"])
            report.warnings.extend(graph_cache["warnings"])
            return report
    graph_part = Report()
    _check_graph(flow, starts, ports_of, waiting, terminal, graph_part)
    report.errors.extend(graph_part.errors)
    report.warnings.extend(graph_part.warnings)
    if graph_cache is not None:
        graph_cache.update(key=key, errors=graph_part.errors, warnings=graph_part.warnings)
    return report


def _graph_key(flow: Flow, starts: list[Node], ports_of: dict[str, list[str]],
               waiting: set[str], terminal: set[str]) -> tuple[Any, ...]:
    """All the graph checks read: typing in a text changes none of it."""
    return (tuple(n.id for n in flow.nodes), tuple(n.id for n in starts),
            tuple((e.source, e.port, e.target) for e in flow.edges),
            tuple((node_id, tuple(ports), node_id in waiting, node_id in terminal,
                   _timeout_off(flow, node_id) if "timeout" in ports else None)
                  for node_id, ports in ports_of.items()))


def _timeout_off(flow: Flow, node_id: str) -> bool:
    node = flow.node(node_id)
    return node is None or node.config.get("timeout_s") in (None, 0)


def _check_graph(flow: Flow, starts: list[Node], ports_of: dict[str, list[str]],
                 waiting: set[str], terminal: set[str], report: Report) -> None:
    """Edges, reachability from Start, unconnected exits, cycles with no waiting node."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(n.id for n in flow.nodes)
    used_ports: set[tuple[str, str]] = set()
    for edge in flow.edges:
        checker = Checker(report, edge.source if flow.node(edge.source) else None)
        if flow.node(edge.source) is None or flow.node(edge.target) is None:
            missing = edge.source if flow.node(edge.source) is None else edge.target
            checker.error("edge_missing_node",
                          f"Ligação {edge.source[:30]!r}.{edge.port[:20]} → {edge.target[:30]!r} "
                          f"usa um nó inexistente ({missing[:30]!r}).",
                          f"Edge {edge.source[:30]!r}.{edge.port[:20]} → {edge.target[:30]!r} "
                          f"uses a missing node ({missing[:30]!r}).")
            continue
        if edge.source in ports_of and edge.port not in ports_of[edge.source]:
            checker.error("edge_missing_port",
                          f"Ligação sai da saída inexistente {edge.port[:30]!r}.",
                          f"Edge leaves a port that does not exist: {edge.port[:30]!r}.")
            continue
        if (edge.source, edge.port) in used_ports:
            checker.error("port_multiple_edges",
                          f"A saída {edge.port[:30]!r} tem mais de uma ligação.",
                          f"Port {edge.port[:30]!r} has more than one edge.")
            continue
        used_ports.add((edge.source, edge.port))
        graph.add_edge(edge.source, edge.target)

    if len(starts) == 1:
        reachable = nx.descendants(graph, starts[0].id) | {starts[0].id}
        for node in flow.nodes:
            if node.id not in reachable:
                Checker(report, node.id).warning(
                    "unreachable", "Nó inalcançável a partir do Início.",
                    "Node cannot be reached from Start.")

    for node in flow.nodes:
        if node.id in terminal or node.id not in ports_of:
            continue
        for port in ports_of[node.id]:
            if (node.id, port) in used_ports:
                continue
            if port == "timeout" and node.config.get("timeout_s") in (None, 0):
                continue  # this exit can never be taken
            Checker(report, node.id).warning(
                "port_unconnected", f"A saída {port!r} não está ligada (a conversa termina ali).",
                f"Port {port!r} is not connected (the conversation ends there).")

    order = {n.id: i for i, n in enumerate(flow.nodes)}
    for component in nx.strongly_connected_components(graph):
        if len(component) == 1:
            only = next(iter(component))
            if not graph.has_edge(only, only):
                continue
        if component & waiting:
            continue
        members = sorted(component, key=order.__getitem__)
        listed = ", ".join(repr(m[:30]) for m in members[:5]) + (" ..." if len(members) > 5 else "")
        Checker(report, members[0]).error(
            "cycle_without_wait",
            f"Ciclo sem nenhum nó que espere (menu, pergunta ou aguardar): {listed}; ele "
            "giraria até o limite de 50 passos.",
            f"Cycle with no waiting node (menu, question or delay): {listed}; it would spin "
            "until the 50-step limit.")


__all__ = ["Checker", "Finding", "Report", "Validator", "defined_variables", "node_variables",
           "validate"]
