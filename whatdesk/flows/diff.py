"""What changed between two versions of a flow: nodes added, removed, changed, and edges."""

from __future__ import annotations

from dataclasses import dataclass, field

from .document import Flow

EdgeKey = tuple[str, str, str]  # (from node, port, to node)


@dataclass(frozen=True)
class FlowDiff:
    """`old` → `new`. A node whose type or config differs is `changed`; one only dragged
    elsewhere is `moved` (the canvas may show it, but it changes nothing the bot does)."""

    added: frozenset[str] = field(default_factory=frozenset)
    removed: frozenset[str] = field(default_factory=frozenset)
    changed: frozenset[str] = field(default_factory=frozenset)
    moved: frozenset[str] = field(default_factory=frozenset)
    edges_added: frozenset[EdgeKey] = field(default_factory=frozenset)
    edges_removed: frozenset[EdgeKey] = field(default_factory=frozenset)
    settings_changed: tuple[str, ...] = ()  # "name", "description", "variables", "triggers"
    notes_changed: bool = False

    @property
    def is_empty(self) -> bool:
        """True when the bot would behave the same and the file reads the same (moves aside)."""
        return not (self.added or self.removed or self.changed or self.edges_added
                    or self.edges_removed or self.settings_changed or self.notes_changed)

    def summary(self) -> dict[str, int]:
        return {"added": len(self.added), "removed": len(self.removed),
                "changed": len(self.changed), "edges_added": len(self.edges_added),
                "edges_removed": len(self.edges_removed)}


def _edges(flow: Flow) -> set[EdgeKey]:
    return {(e.source, e.port, e.target) for e in flow.edges}


def _notes(flow: Flow) -> dict[str, tuple[float, float, float, float, str]]:
    return {n.id: (n.x, n.y, n.w, n.h, n.text) for n in flow.notes}


def diff(old: Flow, new: Flow) -> FlowDiff:
    old_nodes = {n.id: n for n in old.nodes}
    new_nodes = {n.id: n for n in new.nodes}
    common = old_nodes.keys() & new_nodes.keys()
    changed = {i for i in common
               if (old_nodes[i].type, old_nodes[i].config, old_nodes[i].extra)
               != (new_nodes[i].type, new_nodes[i].config, new_nodes[i].extra)}
    moved = {i for i in common - changed
             if (old_nodes[i].x, old_nodes[i].y) != (new_nodes[i].x, new_nodes[i].y)}
    old_edges, new_edges = _edges(old), _edges(new)
    settings = tuple(key for key in ("name", "description", "variables", "triggers")
                     if getattr(old, key) != getattr(new, key))
    return FlowDiff(
        added=frozenset(new_nodes.keys() - old_nodes.keys()),
        removed=frozenset(old_nodes.keys() - new_nodes.keys()),
        changed=frozenset(changed), moved=frozenset(moved),
        edges_added=frozenset(new_edges - old_edges),
        edges_removed=frozenset(old_edges - new_edges),
        settings_changed=settings,
        notes_changed=_notes(old) != _notes(new))
