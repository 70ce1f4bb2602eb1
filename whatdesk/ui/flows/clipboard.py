"""Copy and paste of nodes as flow-format JSON: pastes between windows and into a text editor.

Pasted text is untrusted: it is size-capped, parsed by the document loader (which checks
types, depth and sizes), given fresh ids, and only edges between the pasted nodes are kept.
"""

from __future__ import annotations

import copy
import json

from whatdesk.flows import document, registry
from whatdesk.flows.document import Flow, FlowFormatError, Node, Note

MAX_PASTE_CHARS = 2 * 1024 * 1024
MAX_PASTE_NODES = 5000
PASTE_OFFSET = 40.0

Items = tuple[list[Node], list[tuple[str, str, str]], list[Note]]


def to_text(flow: Flow, node_ids: list[str], note_ids: list[str] | None = None) -> str:
    """The selection as a flow document (only the edges between selected nodes)."""
    chosen = set(node_ids)
    part = Flow(id=flow.id, name=flow.name)
    nodes = [flow.node(i) for i in node_ids]
    notes = [flow.note(i) for i in note_ids or []]
    doc = document.to_dict(part)
    doc["nodes"] = _nodes_dict(nodes)
    doc["edges"] = [{"from": e.source, "port": e.port, "to": e.target}
                    for e in flow.edges if e.source in chosen and e.target in chosen]
    doc["notes"] = _notes_dict(notes)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _nodes_dict(nodes: list[Node | None]) -> list[dict]:
    tmp = Flow()
    for node in nodes:
        if node is not None:
            tmp._load_node(copy.deepcopy(node))  # a private copy nobody listens to
    return document.to_dict(tmp)["nodes"]


def _notes_dict(notes: list[Note | None]) -> list[dict]:
    tmp = Flow()
    for note in notes:
        if note is not None:
            tmp._load_note(copy.deepcopy(note))
    return document.to_dict(tmp)["notes"]


def parse(text: str) -> Flow:
    """A pasted text as a flow fragment, or FlowFormatError (in both languages)."""
    if len(text) > MAX_PASTE_CHARS:
        raise FlowFormatError("O texto colado é grande demais para ser um trecho de fluxo.",
                              "The pasted text is too large to be part of a flow.")
    if not text.lstrip().startswith("{"):
        raise FlowFormatError("A área de transferência não contém nós de fluxo.",
                              "The clipboard holds no flow nodes.")
    fragment = document.load(text)
    if len(fragment.nodes) > MAX_PASTE_NODES:
        raise FlowFormatError(f"Nós demais para colar ({len(fragment.nodes)}).",
                              f"Too many nodes to paste ({len(fragment.nodes)}).")
    return fragment


def prepare(fragment: Flow, target: Flow, at: tuple[float, float] | None) -> Items:
    """The fragment's items with new ids, placed at ``at`` (its top-left) or offset a little."""
    taken = {n.type for n in target.nodes}
    nodes = [n for n in fragment.nodes
             if not (getattr(registry.get(n.type), "unique", False) and n.type in taken)]
    notes = fragment.notes
    if not nodes and not notes:
        return [], [], []
    xs = [n.x for n in nodes] + [n.x for n in notes]
    ys = [n.y for n in nodes] + [n.y for n in notes]
    if at is None:
        dx = dy = PASTE_OFFSET
    else:
        dx, dy = at[0] - min(xs), at[1] - min(ys)
    ids = {n.id: document.new_id() for n in nodes}
    new_nodes = [Node(ids[n.id], n.type, n.x + dx, n.y + dy, copy.deepcopy(n.config),
                      copy.deepcopy(n.extra)) for n in nodes]
    new_notes = [Note(document.new_id(), n.x + dx, n.y + dy, n.w, n.h, n.text,
                      copy.deepcopy(n.extra)) for n in notes]
    edges = [(ids[e.source], e.port, ids[e.target]) for e in fragment.edges
             if e.source in ids and e.target in ids]
    return new_nodes, edges, new_notes
