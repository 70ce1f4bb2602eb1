"""Undo commands for flow edits (a minimal stand-in: the editor-core branch owns this module;
at merge its version, with the same SetNodeConfig signature, is kept)."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtGui import QUndoCommand

from whatdesk.flows.document import Flow

_MISSING = object()


def _changed_leaf(old: Any, new: Any, path: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    """The path of the one scalar that differs between two configs, else None (several
    differ, or a list/object changed shape)."""
    if isinstance(old, dict) and isinstance(new, dict):
        if old.keys() != new.keys():
            added = new.keys() - old.keys()
            if old.keys() - new.keys() or len(added) != 1:
                return None
            key = next(iter(added))  # a field typed into for the first time
            rest = {k: v for k, v in new.items() if k != key}
            return (*path, key) if rest == old and _changed_leaf(None, new[key]) == () \
                else None
        found: tuple[Any, ...] | None = None
        for key in old:
            if old[key] == new[key]:
                continue
            if found is not None:
                return None
            found = _changed_leaf(old[key], new[key], (*path, key))
            if found is None:
                return None
        return found
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return None
        diffs = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
        if len(diffs) != 1:
            return None
        return _changed_leaf(old[diffs[0]], new[diffs[0]], (*path, diffs[0]))
    scalar = (str, int, float, type(None))
    if isinstance(old, scalar) and isinstance(new, scalar) and not isinstance(old, bool) \
            and not isinstance(new, bool) and old != new:
        return path
    return None


class SetNodeConfig(QUndoCommand):
    """Replace a node's config. Typing in one field (one value changing again and again)
    merges into one undo step."""

    ID = 0x7F08

    def __init__(self, flow: Flow, node_id: str, new_config: dict[str, Any], text: str,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        node = flow.node(node_id)
        if node is None:
            raise KeyError(node_id)
        self.flow = flow
        self.node_id = node_id
        self.old = copy.deepcopy(node.config)
        self.new = copy.deepcopy(new_config)
        self.leaf = _changed_leaf(self.old, self.new)

    def id(self) -> int:  # noqa: A003 (Qt override)
        return self.ID

    def redo(self) -> None:
        self.flow.set_node_config(self.node_id, self.new)

    def undo(self) -> None:
        self.flow.set_node_config(self.node_id, self.old)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt override)
        if not isinstance(other, SetNodeConfig) or other.flow is not self.flow \
                or other.node_id != self.node_id or self.leaf is None \
                or other.leaf != self.leaf:
            return False
        self.new = copy.deepcopy(other.new)
        self.setObsolete(self.new == self.old)
        return True
