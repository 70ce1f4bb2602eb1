"""Undo commands for flow edits (a minimal stand-in: the editor-core branch owns this module;
at merge its version, with the same SetNodeConfig signature, is kept)."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtGui import QUndoCommand

from whatdesk.flows.document import Flow

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
        self.leaves = _changed_leaves(self.old, self.new)

    def id(self) -> int:
        return self.ID

    def redo(self) -> None:
        self.flow.set_node_config(self.node_id, self.new)

    def undo(self) -> None:
        self.flow.set_node_config(self.node_id, self.old)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetNodeConfig) or other.flow is not self.flow \
                or other.node_id != self.node_id or not self.leaves or not other.leaves \
                or not self.leaves & other.leaves:
            return False
        self.new = copy.deepcopy(other.new)
        self.leaves = other.leaves
        self.setObsolete(self.new == self.old)
        return True
