"""Undo commands: the only way the editor changes a flow document. Each touches the document only."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from PySide6.QtGui import QUndoCommand

from whatdesk.flows.document import Edge, Flow, Node, Note

ID_SET_CONFIG = 8001
ID_UPDATE_NOTE = 8002
ID_SET_FLOW = 8003

EdgeTuple = tuple[str, str, str]  # (source, port, target)


def _edge_tuple(edge: Edge) -> EdgeTuple:
    return (edge.source, edge.port, edge.target)


Leaves = frozenset[tuple[Any, ...]]


def _changed_leaves(old: Any, new: Any, path: tuple[Any, ...] = ()) -> Leaves | None:
    """Where the one scalar that differs between two configs is (its path, and another
    name for it when a key appears), else None: several differ, or a list changed length."""
    if isinstance(old, dict) and isinstance(new, dict):
        if old.keys() != new.keys():
            renamed = _renamed_key(old, new)
            if renamed is not None:  # a key being typed (an HTTP header's name)
                return frozenset({(*path, ("key", renamed))})
            added = new.keys() - old.keys()
            if old.keys() - new.keys() or len(added) != 1:
                return None
            key = next(iter(added))  # a field (or header) typed into for the first time
            rest = {k: v for k, v in new.items() if k != key}
            if rest != old or _changed_leaves(None, new[key]) is None:
                return None
            return frozenset({(*path, key), (*path, ("key", list(new).index(key)))})
        changed = [key for key in old if old[key] != new[key]]
        if len(changed) != 1:
            return None
        return _changed_leaves(old[changed[0]], new[changed[0]], (*path, changed[0]))
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return None
        diffs = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
        if len(diffs) != 1:
            return None
        return _changed_leaves(old[diffs[0]], new[diffs[0]], (*path, diffs[0]))
    scalar = (str, int, float, type(None))
    if isinstance(old, scalar) and isinstance(new, scalar) and not isinstance(old, bool) \
            and not isinstance(new, bool) and old != new:
        return frozenset({path})
    return None


def _renamed_key(old: dict[Any, Any], new: dict[Any, Any]) -> int | None:
    """The position of the one key renamed (same place, same value), else None."""
    if len(old) != len(new):
        return None
    pairs = list(zip(old.items(), new.items(), strict=True))
    diffs = [i for i, (a, b) in enumerate(pairs) if a != b]
    if len(diffs) != 1:
        return None
    (old_key, old_value), (new_key, new_value) = pairs[diffs[0]]
    return diffs[0] if old_key != new_key and old_value == new_value else None


class SetNodeConfig(QUndoCommand):
    """Replace a node's config. Typing in one field (one value changing again and again)
    merges into one undo step; adding, moving or removing a list row is a step of its own."""

    def __init__(self, flow: Flow, node_id: str, new_config: dict[str, Any], text: str,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        node = flow.node(node_id)
        if node is None:
            raise KeyError(node_id)
        self.flow, self.node_id = flow, node_id
        self.old = copy.deepcopy(node.config)
        self.new = copy.deepcopy(new_config)
        self.leaves = _changed_leaves(self.old, self.new)

    def id(self) -> int:
        return ID_SET_CONFIG

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetNodeConfig) or other.flow is not self.flow \
                or other.node_id != self.node_id or not self.leaves or not other.leaves \
                or not self.leaves & other.leaves:
            return False
        self.new = copy.deepcopy(other.new)
        self.leaves = other.leaves
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        self.flow.set_node_config(self.node_id, self.new)

    def undo(self) -> None:
        self.flow.set_node_config(self.node_id, self.old)


class SetFlowProperties(QUndoCommand):
    """Change the flow's own properties (name, description, variables, triggers); typing
    in one of them merges into one undo step, like SetNodeConfig."""

    def __init__(self, flow: Flow, values: dict[str, Any], text: str,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self.flow = flow
        self.old = {key: copy.deepcopy(getattr(flow, key)) for key in values}
        self.new = copy.deepcopy(values)
        self.leaves = _changed_leaves(self.old, self.new)

    def id(self) -> int:
        return ID_SET_FLOW

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFlowProperties) or other.flow is not self.flow \
                or other.new.keys() != self.new.keys() or not self.leaves \
                or not other.leaves or not self.leaves & other.leaves:
            return False
        self.new = copy.deepcopy(other.new)
        self.leaves = other.leaves
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        self.flow.set_properties(**self.new)

    def undo(self) -> None:
        self.flow.set_properties(**self.old)


class MoveNodes(QUndoCommand):
    """Move nodes (and notes: ids of either) to new positions; one drag is one command."""

    def __init__(self, flow: Flow, positions: dict[str, tuple[float, float]], text: str) -> None:
        super().__init__(text)
        self.flow = flow
        self.new = {k: (float(x), float(y)) for k, (x, y) in positions.items()}
        self.old: dict[str, tuple[float, float]] = {}
        for item_id in self.new:
            item = flow.node(item_id) or flow.note(item_id)
            if item is None:
                raise KeyError(item_id)
            self.old[item_id] = (item.x, item.y)

    def _apply(self, positions: dict[str, tuple[float, float]]) -> None:
        for item_id, (x, y) in positions.items():
            if self.flow.node(item_id) is not None:
                self.flow.move_node(item_id, x, y)
            else:
                self.flow.update_note(item_id, x=x, y=y)

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class AddItems(QUndoCommand):
    """Add nodes, notes and the edges between them (a new node, a paste, a duplicate)."""

    def __init__(self, flow: Flow, text: str, nodes: Iterable[Node] = (),
                 edges: Iterable[EdgeTuple] = (), notes: Iterable[Note] = ()) -> None:
        super().__init__(text)
        self.flow = flow
        self.nodes = [copy.deepcopy(n) for n in nodes]
        self.notes = [copy.deepcopy(n) for n in notes]
        self.edges = list(edges)
        self._replaced: list[Edge] = []  # edges the new ones pushed out of their ports

    def redo(self) -> None:
        for node in self.nodes:
            self.flow.add_node(copy.deepcopy(node))
        for note in self.notes:
            self.flow.add_note(copy.deepcopy(note))
        self._replaced = []
        for source, port, target in self.edges:
            old = self.flow.edge_from(source, port)
            if old is not None:
                self._replaced.append(old)
            self.flow.add_edge(source, port, target)

    def undo(self) -> None:
        for source, port, _target in reversed(self.edges):
            edge = self.flow.edge_from(source, port)
            if edge is not None:
                self.flow.remove_edge(edge)
        for note in reversed(self.notes):
            self.flow.remove_note(note.id)
        for node in reversed(self.nodes):
            self.flow.remove_node(node.id)
        for edge in self._replaced:
            self.flow.add_edge(edge.source, edge.port, edge.target)


def AddNode(flow: Flow, node: Node, text: str) -> AddItems:
    return AddItems(flow, text, nodes=[node])


def Connect(flow: Flow, source: str, port: str, target: str, text: str) -> AddItems:
    """Connect a port (replacing the edge it had); undo restores the old edge."""
    return AddItems(flow, text, edges=[(source, port, target)])


class RemoveItems(QUndoCommand):
    """Remove nodes (with every edge touching them), notes and single edges."""

    def __init__(self, flow: Flow, text: str, node_ids: Iterable[str] = (),
                 note_ids: Iterable[str] = (), edges: Iterable[EdgeTuple] = ()) -> None:
        super().__init__(text)
        self.flow = flow
        self.node_ids = [i for i in node_ids if flow.node(i) is not None]
        self.note_ids = [i for i in note_ids if flow.note(i) is not None]
        self.edge_keys = list(edges)
        self._nodes: list[Node] = []
        self._notes: list[Note] = []
        self._edges: list[EdgeTuple] = []

    def redo(self) -> None:
        gone = set(self.node_ids)
        keys = {(s, p) for s, p, _t in self.edge_keys}
        self._edges = [_edge_tuple(e) for e in self.flow.edges
                       if e.source in gone or e.target in gone or (e.source, e.port) in keys]
        for source, port, _target in self._edges:
            edge = self.flow.edge_from(source, port)
            if edge is not None:
                self.flow.remove_edge(edge)
        self._nodes = [self.flow.remove_node(i) for i in self.node_ids]
        self._notes = [self.flow.remove_note(i) for i in self.note_ids]

    def undo(self) -> None:
        for node in self._nodes:
            self.flow.add_node(node)
        for note in self._notes:
            self.flow.add_note(note)
        for source, port, target in self._edges:
            self.flow.add_edge(source, port, target)


class UpdateNote(QUndoCommand):
    """Change a note's text, position or size (x, y, w, h, text)."""

    def __init__(self, flow: Flow, note_id: str, values: dict[str, Any], text: str) -> None:
        super().__init__(text)
        self.flow, self.note_id = flow, note_id
        note = flow.note(note_id)
        if note is None:
            raise KeyError(note_id)
        self.new = dict(values)
        self.old = {k: getattr(note, k) for k in values}

    def redo(self) -> None:
        self.flow.update_note(self.note_id, **self.new)

    def undo(self) -> None:
        self.flow.update_note(self.note_id, **self.old)
