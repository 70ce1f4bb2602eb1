"""The flow document: nodes, edges and notes, loaded and saved losslessly, emitting change signals."""

from __future__ import annotations

import copy
import json
import math
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whatdesk.domain.errors import WhatdeskError

FORMAT = "whatdesk.flow"
SCHEMA = 1  # the schema this code writes; older ones are migrated on load

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_STRING_CHARS = 64 * 1024  # a WhatsApp text is at most 65,536 characters
MAX_DEPTH = 24
MAX_NODES = 20_000


class FlowFormatError(WhatdeskError, ValueError):
    """The input is not a readable flow; str() is one clear sentence (Portuguese), and
    message(locale) gives it in either language, like a validation Finding."""

    def __init__(self, pt: str, en: str | None = None) -> None:
        super().__init__(pt, en=en)

    def about(self, name: str) -> FlowFormatError:
        """The same error prefixed with the file (or thing) it is about."""
        return FlowFormatError(f"{name}: {self}", f"{name}: {self.message('en')}")


# Where in the document a problem is, in both languages: ("nó 'a'", "node 'a'").
Where = tuple[str, str]
FLOW: Where = ("fluxo", "flow")


# ---- change signals ---------------------------------------------------------------------

class Signal:
    """A list of plain callbacks; the editor's scene connects here and only listens."""

    def __init__(self) -> None:
        self._slots: list[Callable[..., Any]] = []

    def connect(self, slot: Callable[..., Any]) -> None:
        self._slots.append(slot)

    def disconnect(self, slot: Callable[..., Any]) -> None:
        self._slots.remove(slot)

    def emit(self, *args: Any) -> None:
        for slot in list(self._slots):
            slot(*args)


# ---- parts ------------------------------------------------------------------------------

@dataclass
class Node:
    id: str
    type: str
    x: float = 0.0
    y: float = 0.0
    config: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # unknown keys, written back on save


@dataclass(frozen=True)
class Edge:
    source: str  # "from" in the file
    port: str
    target: str  # "to" in the file
    extra: tuple[tuple[str, Any], ...] = ()


@dataclass
class Note:
    id: str
    x: float = 0.0
    y: float = 0.0
    w: float = 220.0
    h: float = 90.0
    text: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def new_id() -> str:
    return str(uuid.uuid4())


class Flow:
    """A plain model. Every mutation goes through a method that emits its signal."""

    def __init__(self, id: str | None = None, name: str = "", description: str = "") -> None:
        self.id = id or new_id()
        self.name = name
        self.description = description
        self.variables: dict[str, str] = {}
        self.triggers: list[dict[str, Any]] = []
        self.extra: dict[str, Any] = {}
        self.version: int | None = None  # a published version number, set by the store; not saved
        # Set (to {}) by the engine on a published version it runs, which is never edited:
        # the interpreter keeps each node's type and effective config there. None: no cache.
        self.run_cache: dict[str, Any] | None = None
        self._nodes: dict[str, Node] = {}
        self._edges: list[Edge] = []
        self._notes: dict[str, Note] = {}
        self.node_added = Signal()  # (node)
        self.node_removed = Signal()  # (node)
        self.node_moved = Signal()  # (node)
        self.node_config_changed = Signal()  # (node)
        self.edge_added = Signal()  # (edge)
        self.edge_removed = Signal()  # (edge)
        self.note_added = Signal()  # (note)
        self.note_removed = Signal()  # (note)
        self.note_changed = Signal()  # (note)
        self.flow_changed = Signal()  # () after any change, for "modified" markers and autosave

    # -- reading
    @property
    def nodes(self) -> list[Node]:
        return list(self._nodes.values())

    @property
    def edges(self) -> list[Edge]:
        return list(self._edges)

    @property
    def notes(self) -> list[Note]:
        return list(self._notes.values())

    def node(self, node_id: str) -> Node | None:
        return self._nodes.get(node_id)

    def note(self, note_id: str) -> Note | None:
        return self._notes.get(note_id)

    def edge_from(self, node_id: str, port: str) -> Edge | None:
        for edge in self._edges:
            if edge.source == node_id and edge.port == port:
                return edge
        return None

    def edges_of(self, node_id: str) -> Iterator[Edge]:
        return (e for e in self._edges if node_id in (e.source, e.target))

    def start_nodes(self) -> list[Node]:
        return [n for n in self._nodes.values() if n.type == "start"]

    def find_by_type(self, type_name: str) -> list[Node]:
        return [n for n in self._nodes.values() if n.type == type_name]

    # -- nodes
    def add_node(self, node: Node) -> Node:
        if not node.id or node.id in self._nodes:
            raise ValueError(f"Id de nó vazio ou repetido: {node.id!r}")
        self._nodes[node.id] = node
        self.node_added.emit(node)
        self.flow_changed.emit()
        return node

    def remove_node(self, node_id: str) -> Node:
        node = self._nodes[node_id]
        for edge in list(self.edges_of(node_id)):
            self.remove_edge(edge)
        del self._nodes[node_id]
        self.node_removed.emit(node)
        self.flow_changed.emit()
        return node

    def move_node(self, node_id: str, x: float, y: float) -> None:
        node = self._nodes[node_id]
        node.x, node.y = float(x), float(y)
        self.node_moved.emit(node)
        self.flow_changed.emit()

    def set_node_config(self, node_id: str, config: dict[str, Any]) -> None:
        """Replace the whole config (an inspector edit); unknown keys the caller kept survive."""
        node = self._nodes[node_id]
        node.config = copy.deepcopy(config)
        self.node_config_changed.emit(node)
        self.flow_changed.emit()

    def update_node_config(self, node_id: str, **values: Any) -> None:
        node = self._nodes[node_id]
        self.set_node_config(node_id, {**node.config, **values})

    # -- edges
    def add_edge(self, source: str, port: str, target: str) -> Edge:
        """Connect `source.port` to `target`; a port holds one edge, so an old one is replaced."""
        if source not in self._nodes or target not in self._nodes:
            raise ValueError("Ligação entre nós inexistentes")
        old = self.edge_from(source, port)
        if old is not None:
            self.remove_edge(old)
        edge = Edge(source, port, target)
        self._edges.append(edge)
        self.edge_added.emit(edge)
        self.flow_changed.emit()
        return edge

    def remove_edge(self, edge: Edge) -> None:
        self._edges.remove(edge)
        self.edge_removed.emit(edge)
        self.flow_changed.emit()

    # -- notes
    def add_note(self, note: Note) -> Note:
        if not note.id or note.id in self._notes:
            raise ValueError(f"Id de nota vazio ou repetido: {note.id!r}")
        self._notes[note.id] = note
        self.note_added.emit(note)
        self.flow_changed.emit()
        return note

    def remove_note(self, note_id: str) -> Note:
        note = self._notes.pop(note_id)
        self.note_removed.emit(note)
        self.flow_changed.emit()
        return note

    def update_note(self, note_id: str, **values: Any) -> None:
        note = self._notes[note_id]
        for key, value in values.items():
            if key not in ("x", "y", "w", "h", "text"):
                raise KeyError(key)
            setattr(note, key, value)
        self.note_changed.emit(note)
        self.flow_changed.emit()

    def set_properties(self, **values: Any) -> None:
        """Name, description, variables, triggers."""
        for key, value in values.items():
            if key not in ("name", "description", "variables", "triggers"):
                raise KeyError(key)
            setattr(self, key, copy.deepcopy(value))
        self.flow_changed.emit()

    # -- loading that bypasses signals (nobody is listening yet)
    def _load_node(self, node: Node) -> None:
        if node.id in self._nodes:
            raise FlowFormatError(f"O id de nó {node.id!r} aparece mais de uma vez.",
                                  f"Node id {node.id!r} appears more than once.")
        self._nodes[node.id] = node

    def _load_edge(self, edge: Edge) -> None:
        self._edges.append(edge)

    def _load_note(self, note: Note) -> None:
        if note.id in self._notes:
            raise FlowFormatError(f"O id de nota {note.id!r} aparece mais de uma vez.",
                                  f"Note id {note.id!r} appears more than once.")
        self._notes[note.id] = note


# ---- migrations -------------------------------------------------------------------------

# MIGRATIONS[n] turns a schema-n document (a dict) into a schema-(n+1) one. When the format
# changes: bump SCHEMA, add the step here, never edit an old step.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def migrate(doc: dict[str, Any]) -> dict[str, Any]:
    schema = doc.get("schema", SCHEMA)
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise FlowFormatError("O campo \"schema\" deve ser um número inteiro.",
                              "The \"schema\" field must be a whole number.")
    if schema > SCHEMA:
        raise FlowFormatError(
            f"Este fluxo usa o formato {schema}, mais novo que o suportado ({SCHEMA}); "
            "atualize o whatdesk.",
            f"This flow uses format {schema}, newer than the supported one ({SCHEMA}); "
            "update whatdesk.")
    while schema < SCHEMA:
        step = MIGRATIONS.get(schema)
        if step is None:
            raise FlowFormatError(f"Formato de fluxo {schema} não é mais suportado.",
                                  f"Flow format {schema} is no longer supported.")
        doc = step(copy.deepcopy(doc))
        schema += 1
        doc["schema"] = schema
    return doc


# ---- loading ----------------------------------------------------------------------------

_TOP_KEYS = {"format", "schema", "id", "name", "description", "variables", "triggers",
             "nodes", "edges", "notes"}


def load_file(path: str | Path) -> Flow:
    """Load a flow file; every FlowFormatError names the file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FlowFormatError(
                f"{path.name}: arquivo grande demais para um fluxo ({size // 1024} KB).",
                f"{path.name}: file too large for a flow ({size // 1024} KB).")
        data = path.read_bytes()
    except FlowFormatError:
        raise
    except IsADirectoryError:
        raise FlowFormatError(f"{path}: é uma pasta, não um arquivo de fluxo.",
                              f"{path}: is a folder, not a flow file.") from None
    except FileNotFoundError:
        raise FlowFormatError(f"{path}: arquivo não encontrado.",
                              f"{path}: file not found.") from None
    except PermissionError:
        raise FlowFormatError(f"{path}: sem permissão de leitura.",
                              f"{path}: no permission to read it.") from None
    except OSError as err:
        raise FlowFormatError(f"{path}: não foi possível ler ({err.strerror}).",
                              f"{path}: could not be read ({err.strerror}).") from None
    try:
        return load(data)
    except FlowFormatError as err:
        raise err.about(str(path)) from None


# json's own messages are English phrases; these are the ones a hand-edited file produces.
_JSON_PROBLEMS: dict[str, tuple[str, str]] = {
    "Expecting value": ("esperava um valor", "a value was expected"),
    "Expecting property name enclosed in double quotes":
        ("esperava um nome de campo entre aspas duplas", "a key in double quotes was expected"),
    "Expecting ':' delimiter": ("falta ':'", "':' is missing"),
    "Expecting ',' delimiter": ("falta ','", "',' is missing"),
    "Unterminated string starting at": ("texto sem aspas de fechamento",
                                        "text without a closing quote"),
    "Invalid control character at": ("caractere de controle dentro de um texto",
                                     "control character inside text"),
    "Invalid \\escape": ("sequência \\ inválida", "invalid \\ escape"),
    "Invalid \\uXXXX escape": ("sequência \\u inválida", "invalid \\u escape"),
    "Extra data": ("há conteúdo depois do fim do JSON", "there is content after the JSON ends"),
}


def _json_error(err: json.JSONDecodeError) -> FlowFormatError:
    problem = _JSON_PROBLEMS.get(err.msg)
    pt, en = (f": {problem[0]}", f": {problem[1]}") if problem else ("", "")
    return FlowFormatError(f"JSON inválido na linha {err.lineno}, coluna {err.colno}{pt}.",
                           f"Invalid JSON at line {err.lineno}, column {err.colno}{en}.")


def load(source: str | bytes | dict[str, Any]) -> Flow:
    """Parse a flow from JSON text/bytes or an already-decoded dict. Raises FlowFormatError."""
    if isinstance(source, (bytes, bytearray)):
        if len(source) > MAX_FILE_BYTES:
            raise FlowFormatError("Arquivo grande demais para um fluxo.",
                                  "File too large for a flow.")
        try:
            source = bytes(source).decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise FlowFormatError(
                f"O arquivo não é texto UTF-8 válido (byte {err.start}).",
                f"The file is not valid UTF-8 text (byte {err.start}).") from None
    if isinstance(source, str):
        if len(source) > MAX_FILE_BYTES:
            raise FlowFormatError("Arquivo grande demais para um fluxo.",
                                  "File too large for a flow.")
        if not source.strip():
            raise FlowFormatError("Arquivo vazio: um fluxo é um objeto JSON ({...}).",
                                  "The file is empty: a flow is a JSON object ({...}).")
        try:
            doc = json.loads(source)
        except RecursionError:
            raise FlowFormatError(*_TOO_DEEP) from None
        except json.JSONDecodeError as err:
            raise _json_error(err) from None
        except ValueError:  # e.g. huge integer literals
            raise FlowFormatError("JSON inválido: número grande demais.",
                                  "Invalid JSON: a number is too large.") from None
    else:
        doc = source
    try:
        return _from_doc(doc)
    except RecursionError:
        raise FlowFormatError(*_TOO_DEEP) from None


_TOO_DEEP = ("JSON aninhado profundamente demais.", "JSON nested too deeply.")


def _check_plain(value: Any, where: Where, depth: int = 0) -> None:
    """Reject what JSON can carry but a flow never needs: deep nesting, huge strings."""
    if depth > MAX_DEPTH:
        raise _at(where, "aninhamento profundo demais.", "nested too deeply.")
    if isinstance(value, str):
        if len(value) > MAX_STRING_CHARS:
            raise _at(where, f"texto grande demais ({len(value)} caracteres; máximo "
                             f"{MAX_STRING_CHARS}).",
                      f"text too long ({len(value)} characters; at most {MAX_STRING_CHARS}).")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _at(where, "número inválido.", "invalid number.")
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise _at(where, "chave não textual.", "a key is not text.")
            _check_plain(item, (f"{where[0]}.{key[:40]}", f"{where[1]}.{key[:40]}"), depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_plain(item, (f"{where[0]}[{index}]", f"{where[1]}[{index}]"), depth + 1)
    elif value is not None and not isinstance(value, (bool, int)):
        raise _at(where, "valor de tipo não suportado.", "unsupported value type.")


def _at(where: Where, pt: str, en: str) -> FlowFormatError:
    return FlowFormatError(f"{where[0]}: {pt}", f"{where[1]}: {en}")


def _need(obj: dict[str, Any], key: str, kind: type | tuple[type, ...], where: Where,
          default: Any = ...) -> Any:
    if key not in obj:
        if default is ...:
            raise _at(where, f"falta o campo \"{key}\".", f"the \"{key}\" field is missing.")
        return default
    value = obj[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kind):
        raise _at(where, f"o campo \"{key}\" tem o tipo errado.",
                  f"the \"{key}\" field has the wrong type.")
    return value


def _coord(obj: dict[str, Any], key: str, where: Where, default: float = 0.0) -> float:
    value = _need(obj, key, (int, float), where, default)
    return float(value)


def _extra(obj: dict[str, Any], known: set[str]) -> dict[str, Any]:
    return {k: copy.deepcopy(v) for k, v in obj.items() if k not in known}


def _from_doc(doc: Any) -> Flow:
    if not isinstance(doc, dict):
        raise FlowFormatError("Um fluxo deve ser um objeto JSON ({...}).",
                              "A flow must be a JSON object ({...}).")
    fmt = doc.get("format", FORMAT)
    if fmt != FORMAT:
        raise FlowFormatError(f"Não é um fluxo whatdesk (format = {str(fmt)[:40]!r}).",
                              f"Not a whatdesk flow (format = {str(fmt)[:40]!r}).")
    _check_plain(doc, FLOW)
    doc = migrate(doc)
    flow_id = _need(doc, "id", str, FLOW, "") or new_id()
    flow = Flow(flow_id, _need(doc, "name", str, FLOW, ""),
                _need(doc, "description", str, FLOW, ""))
    variables = _need(doc, "variables", dict, FLOW, {})
    for name, value in variables.items():
        if isinstance(value, (dict, list)):
            raise _at(FLOW, f"a variável {name!r} deve ter um valor simples.",
                      f"variable {name!r} must have a plain value.")
        flow.variables[name] = "" if value is None else (
            value if isinstance(value, str) else json.dumps(value))
    triggers = _need(doc, "triggers", list, FLOW, [])
    for index, trig in enumerate(triggers):
        where: Where = (f"gatilho {index + 1}", f"trigger {index + 1}")
        if not isinstance(trig, dict):
            raise _at(where, "deve ser um objeto.", "must be an object.")
        _need(trig, "keyword", str, where)
        if trig.get("match", "exact") not in ("exact", "contains"):
            raise _at(where, "\"match\" deve ser \"exact\" ou \"contains\".",
                      "\"match\" must be \"exact\" or \"contains\".")
    flow.triggers = copy.deepcopy(triggers)
    nodes = _need(doc, "nodes", list, FLOW)
    if len(nodes) > MAX_NODES:
        raise _at(FLOW, f"nós demais ({len(nodes)}; máximo {MAX_NODES}).",
                  f"too many nodes ({len(nodes)}; at most {MAX_NODES}).")
    for index, raw in enumerate(nodes):
        where = (f"nó {index + 1}", f"node {index + 1}")
        if not isinstance(raw, dict):
            raise _at(where, "deve ser um objeto.", "must be an object.")
        node_id = _need(raw, "id", str, where)
        if not node_id.strip():
            raise _at(where, "o id está vazio.", "the id is empty.")
        where = (f"nó {node_id[:40]!r}", f"node {node_id[:40]!r}")
        node_type = _need(raw, "type", str, where)
        config = _need(raw, "config", dict, where, {})
        flow._load_node(Node(node_id, node_type, _coord(raw, "x", where), _coord(raw, "y", where),
                             copy.deepcopy(config),
                             _extra(raw, {"id", "type", "x", "y", "config"})))
    for index, raw in enumerate(_need(doc, "edges", list, FLOW, [])):
        where = (f"ligação {index + 1}", f"edge {index + 1}")
        if not isinstance(raw, dict):
            raise _at(where, "deve ser um objeto.", "must be an object.")
        extra = _extra(raw, {"from", "port", "to"})
        flow._load_edge(Edge(_need(raw, "from", str, where), _need(raw, "port", str, where),
                             _need(raw, "to", str, where),
                             tuple((k, extra[k]) for k in sorted(extra))))
    for index, raw in enumerate(_need(doc, "notes", list, FLOW, [])):
        where = (f"nota {index + 1}", f"note {index + 1}")
        if not isinstance(raw, dict):
            raise _at(where, "deve ser um objeto.", "must be an object.")
        note_id = _need(raw, "id", str, where, "") or new_id()
        flow._load_note(Note(note_id, _coord(raw, "x", where), _coord(raw, "y", where),
                             _coord(raw, "w", where, 220.0), _coord(raw, "h", where, 90.0),
                             _need(raw, "text", str, where, ""),
                             _extra(raw, {"id", "x", "y", "w", "h", "text"})))
    flow.extra = _extra(doc, _TOP_KEYS)
    return flow


# ---- saving -----------------------------------------------------------------------------

def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def to_dict(flow: Flow) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": FORMAT, "schema": SCHEMA, "id": flow.id, "name": flow.name,
        "description": flow.description, "variables": dict(flow.variables),
        "triggers": copy.deepcopy(flow.triggers),
        "nodes": [
            {"id": n.id, "type": n.type, "x": _num(n.x), "y": _num(n.y),
             "config": copy.deepcopy(n.config), **copy.deepcopy(n.extra)}
            for n in flow.nodes
        ],
        "edges": [{"from": e.source, "port": e.port, "to": e.target, **dict(e.extra)}
                  for e in flow.edges],
        "notes": [
            {"id": n.id, "x": _num(n.x), "y": _num(n.y), "w": _num(n.w), "h": _num(n.h),
             "text": n.text, **copy.deepcopy(n.extra)}
            for n in flow.notes
        ],
    }
    for key, value in flow.extra.items():
        doc.setdefault(key, copy.deepcopy(value))
    return doc


def dumps(flow: Flow) -> str:
    return json.dumps(to_dict(flow), ensure_ascii=False, indent=2) + "\n"


def save_file(flow: Flow, path: str | Path) -> None:
    """Write atomically: a crash mid-save never leaves a half-written flow."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dumps(flow), encoding="utf-8")
    tmp.replace(path)
