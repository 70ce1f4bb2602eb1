"""Automatic layout of a flow: layered, left to right from the Start node (pure Python, no Qt).

The classic Sugiyama steps, kept small:

1. Back edges (a loop back to an earlier node, found by a depth-first walk from Start that
   follows exits in port order) are ignored; the rest is a DAG.
2. Layers: longest path from the sources, so every kept edge goes from one column to a
   column further right. Start nodes are in column 0.
3. Order inside each column: the depth-first discovery order first (menu options fan out
   top to bottom in port order), then barycenter sweeps left-to-right and right-to-left over
   a graph where edges pass through one placeholder per column they cross (up to
   LONG_EDGE columns; longer ones do not steer the order); the order with the
   fewest crossings wins. Nodes not reachable from Start always sit below the reachable ones.
4. Vertical positions: each node as close as possible to the mean of its neighbours in the
   previous column without overlapping (isotonic regression, so a fan is centred on its
   parent); unreachable nodes in the first column line up with what they feed.

Notes are left where they are: the result only has node ids.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence

from . import registry
from .document import Edge, Flow, Node

NODE_WIDTH = 220.0  # a card's width on the canvas
NODE_HEIGHT = 90.0  # a card's height with up to PORTS_IN_BASE_HEIGHT exits
GAP_X = 100.0  # between columns: room for the edge curves and their labels
GAP_Y = 40.0  # between cards of one column
PORT_ROW = 22.0  # each exit beyond PORTS_IN_BASE_HEIGHT makes a card this much taller
PORTS_IN_BASE_HEIGHT = 3
SWEEPS = 8  # barycenter passes (each one left-to-right or right-to-left)
LONG_EDGE = 4  # edges spanning more columns than this get no placeholders

Size = Callable[[Node], tuple[float, float]]
Position = tuple[float, float]


def port_order(node: Node) -> list[str]:
    """The node's exits in the order the card shows them (options top to bottom)."""
    node_type = registry.get(node.type)
    return node_type.port_ids(node.config) if node_type is not None else []


def node_size(node: Node) -> tuple[float, float]:
    """The size this layout assumes for a card: taller when it has many exits."""
    ports = len(port_order(node))
    extra = max(0, ports - PORTS_IN_BASE_HEIGHT) * PORT_ROW
    return NODE_WIDTH, NODE_HEIGHT + extra


def layered_layout(flow: Flow, size: Size | None = None) -> dict[str, Position]:
    """Top-left (x, y) of every node; the first Start node lands on (0, 0).

    Deterministic: the same document gives the same positions. `size` gives a card's
    (width, height); by default `node_size`.
    """
    nodes = flow.nodes
    if not nodes:
        return {}
    size = size or node_size
    ids = [n.id for n in nodes]
    index = {node_id: i for i, node_id in enumerate(ids)}
    count = len(ids)
    ports = [port_order(n) for n in nodes]
    port_rank = [{p: r for r, p in enumerate(order)} for order in ports]
    # exits of each node in port order (unknown ports after, by name), self-loops dropped
    out: list[list[tuple[float, int]]] = [[] for _ in range(count)]
    for edge in flow.edges:
        s, t = index.get(edge.source), index.get(edge.target)
        if s is None or t is None or s == t:
            continue
        out[s].append((_rank(port_rank[s], edge), t))
    for s in range(count):
        out[s].sort(key=lambda item: (item[0], item[1]))
    starts = [index[n.id] for n in nodes if n.type == "start"]

    order, back = _depth_first(count, out, starts)
    reachable = _reachable(count, out, starts)
    succ: list[list[tuple[float, int]]] = [[] for _ in range(count)]
    pred: list[list[int]] = [[] for _ in range(count)]
    start_set = set(starts)
    for s in range(count):
        for rank, t in out[s]:
            if (s, t) in back or t in start_set:  # nothing is laid out left of Start
                continue
            if t not in (x[1] for x in succ[s]):  # two exits to one node: one link
                succ[s].append((rank, t))
                pred[t].append(s)
    layer = _layers(count, succ, pred, order)

    # the layered graph: long edges pass through one placeholder per column they cross
    columns: list[list[int]] = [[] for _ in range(max(layer) + 1)]
    up: list[list[tuple[int, float]]] = [[] for _ in range(count)]  # (left neighbour, port key)
    down: list[list[int]] = [[] for _ in range(count)]
    low_priority: list[bool] = [not reachable[i] for i in range(count)]
    discovery = {v: i for i, v in enumerate(order)}
    for v in sorted(range(count), key=lambda v: discovery[v]):
        columns[layer[v]].append(v)
    vertex = count
    for s in order:
        fanout = max(1, len(succ[s]))
        for slot, (_rank_, t) in enumerate(succ[s]):
            key = (slot + 1) / (fanout + 1)
            prev = s
            span = layer[t] - layer[s]
            # a very long edge (typically to a shared "no answer" handler) gets no
            # placeholders: it does not steer the order, and does not cost its length in time
            for column in range(layer[s] + 1, layer[t] if span <= LONG_EDGE else layer[s] + 1):
                dummy = vertex
                vertex += 1
                up.append([(prev, key)])
                down.append([])
                low_priority.append(low_priority[s] or low_priority[t])
                down[prev].append(dummy)
                columns[column].append(dummy)
                prev, key = dummy, 0.5
            up[t].append((prev, key))
            down[prev].append(t)
    _sort_initial(columns, up, low_priority)
    _reduce_crossings(columns, up, down, low_priority)

    sizes = [size(n) for n in nodes]
    width = max(w for w, _ in sizes)
    positions = _vertical(columns, up, down, count, sizes, low_priority)
    result: dict[str, Position] = {}
    for v in range(count):
        result[ids[v]] = (layer[v] * (width + GAP_X), positions[v])
    anchor = result[ids[starts[0]]] if starts else (0.0, min(y for _, y in result.values()))
    ax, ay = anchor
    return {node_id: (x - ax, round(y - ay, 1)) for node_id, (x, y) in result.items()}


def _rank(ranks: dict[str, int], edge: Edge) -> float:
    rank = ranks.get(edge.port)
    return float(rank) if rank is not None else len(ranks) + 0.5


def _depth_first(count: int, out: list[list[tuple[float, int]]], starts: list[int]
                 ) -> tuple[list[int], set[tuple[int, int]]]:
    """Discovery order (from Start first, then every node not yet seen, in document order)
    and the back edges: those that close a cycle."""
    state = [0] * count  # 0 new, 1 on the stack, 2 done
    order: list[int] = []
    back: set[tuple[int, int]] = set()
    for root in [*starts, *range(count)]:
        if state[root]:
            continue
        state[root] = 1
        order.append(root)
        stack: list[tuple[int, int]] = [(root, 0)]
        while stack:
            v, i = stack[-1]
            if i < len(out[v]):
                stack[-1] = (v, i + 1)
                t = out[v][i][1]
                if state[t] == 1:
                    back.add((v, t))
                elif state[t] == 0:
                    state[t] = 1
                    order.append(t)
                    stack.append((t, 0))
            else:
                state[v] = 2
                stack.pop()
    return order, back


def _reachable(count: int, out: list[list[tuple[float, int]]], starts: list[int]) -> list[bool]:
    seen = [False] * count
    todo = list(starts)
    for v in todo:
        seen[v] = True
    while todo:
        v = todo.pop()
        for _, t in out[v]:
            if not seen[t]:
                seen[t] = True
                todo.append(t)
    if not starts:
        return [True] * count
    return seen


def _layers(count: int, succ: list[list[tuple[float, int]]], pred: list[list[int]],
            order: list[int]) -> list[int]:
    """Longest path from the sources (Kahn's topological order)."""
    layer = [0] * count
    missing = [len(p) for p in pred]
    ready = [v for v in order if missing[v] == 0]
    ready.reverse()  # pop() takes them in discovery order
    while ready:
        v = ready.pop()
        for _, t in succ[v]:
            layer[t] = max(layer[t], layer[v] + 1)
            missing[t] -= 1
            if missing[t] == 0:
                ready.append(t)
    return layer


def _sort_initial(columns: list[list[int]], up: list[list[tuple[int, float]]],
                  low: list[bool]) -> None:
    """First order: following the first column's order and each parent's port order."""
    for c in range(1, len(columns)):
        where = {v: i for i, v in enumerate(columns[c - 1])}
        columns[c].sort(key=lambda v: (low[v], _barycenter(up[v], where, 1e9)))


def _barycenter(links: Sequence[tuple[int, float]], where: dict[int, int], default: float
                ) -> float:
    total, n = 0.0, 0
    for v, key in links:
        i = where.get(v)
        if i is not None:
            total += i + key
            n += 1
    return total / n if n else default


def _reduce_crossings(columns: list[list[int]], up: list[list[tuple[int, float]]],
                      down: list[list[int]], low: list[bool]) -> None:
    best = [list(c) for c in columns]
    best_count = _crossings(columns, down)
    stale = 0
    if best_count == 0:
        return
    for sweep in range(SWEEPS):
        if sweep % 2 == 0:
            for c in range(1, len(columns)):
                where = {v: i for i, v in enumerate(columns[c - 1])}
                old = {v: i for i, v in enumerate(columns[c])}
                columns[c].sort(key=lambda v: (low[v], _barycenter(up[v], where, old[v]),
                                               old[v]))
        else:
            for c in range(len(columns) - 2, -1, -1):
                where = {v: i for i, v in enumerate(columns[c + 1])}
                old = {v: i for i, v in enumerate(columns[c])}
                columns[c].sort(key=lambda v: (
                    low[v], _barycenter([(t, 0.0) for t in down[v]], where, old[v]), old[v]))
        found = _crossings(columns, down)
        if found < best_count:
            best, best_count, stale = [list(c) for c in columns], found, 0
            if found == 0:
                break
        else:
            stale += 1
            if stale == 2:  # a sweep each way without gain: it has settled
                break
    columns[:] = best


def _crossings(columns: list[list[int]], down: list[list[int]]) -> int:
    """Edge crossings between neighbouring columns (inversions, counted with bisect)."""
    total = 0
    for c in range(len(columns) - 1):
        where = {v: i for i, v in enumerate(columns[c + 1])}
        ends: list[int] = []
        for v in columns[c]:
            targets = sorted(where[t] for t in down[v] if t in where)
            for t in targets:  # edges after this one in the left order that end above it
                total += len(ends) - bisect_left(ends, t + 1)
            for t in targets:
                ends.insert(bisect_left(ends, t), t)
    return total


def _vertical(columns: list[list[int]], up: list[list[tuple[int, float]]],
              down: list[list[int]], count: int, sizes: list[tuple[float, float]],
              low: list[bool]) -> dict[int, float]:
    """Top y of every real node: placeholders take no room."""
    centre: dict[int, float] = {}
    real = [[v for v in column if v < count] for column in columns]

    def heights(column: list[int]) -> list[float]:
        return [sizes[v][1] for v in column]

    def place(column: list[int], wanted: list[float]) -> None:
        tops = _fit([w - h / 2 for w, h in zip(wanted, heights(column), strict=True)],
                    heights(column))
        for v, top, h in zip(column, tops, heights(column), strict=True):
            centre[v] = top + h / 2

    def follow(v: int, links: list[int]) -> float | None:
        """Mean centre of the real nodes a node (or a placeholder chain) links to."""
        seen: list[float] = []
        for u in links:
            while u >= count and u not in centre:
                nxt = [x for x, _ in up[u]]
                if not nxt:
                    break
                u = nxt[0]
            if u in centre:
                seen.append(centre[u])
        return sum(seen) / len(seen) if seen else None

    # left to right: next to what feeds each node
    for c, column in enumerate(real):
        wanted: list[float] = []
        cursor = 0.0
        for v in column:
            mean = follow(v, [u for u, _ in up[v]]) if c else None
            wanted.append(mean if mean is not None else cursor)
            cursor = (mean if mean is not None else cursor) + sizes[v][1] + GAP_Y
        place(column, wanted)
        for dummy in columns[c]:
            if dummy >= count:
                mean = follow(dummy, [u for u, _ in up[dummy]])
                if mean is not None:
                    centre[dummy] = mean
    # the first column's nodes other than Start (not reachable, nothing feeds them) line up
    # with what they feed instead of piling up under Start
    if real and any(low[v] and down[v] for v in real[0]):
        wanted = []
        for v in real[0]:
            targets = [_first_real(t, down, count) for t in down[v]] if low[v] else []
            seen = [centre[t] for t in targets if t is not None and t in centre]
            wanted.append(sum(seen) / len(seen) if seen else centre[v])
        place(real[0], wanted)
    return {v: centre[v] - sizes[v][1] / 2 for v in range(count)}


def _first_real(v: int, down: list[list[int]], count: int) -> int | None:
    while v >= count:
        if not down[v]:
            return None
        v = down[v][0]
    return v


def _fit(wanted: list[float], heights: list[float]) -> list[float]:
    """Tops as close as possible (least squares) to `wanted`, in the same order, each card
    GAP_Y below the one above: isotonic regression by pooling adjacent violators."""
    offsets: list[float] = []
    acc = 0.0
    for h in heights:
        offsets.append(acc)
        acc += h + GAP_Y
    blocks: list[list[float]] = []  # [mean, weight, count]
    for w, off in zip(wanted, offsets, strict=True):
        blocks.append([w - off, 1.0, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, weight, n = blocks.pop()
            prev = blocks[-1]
            total = prev[1] + weight
            prev[0] = (prev[0] * prev[1] + mean * weight) / total
            prev[1] = total
            prev[2] += n
    tops: list[float] = []
    i = 0
    for mean, _weight, n in blocks:
        for _ in range(int(n)):
            tops.append(mean + offsets[i])
            i += 1
    return tops


NOTE_REACH = 320.0  # a note this close to a card belongs to it (its comment)
GROUP_PADDING = 40.0


def notes_after_layout(flow: Flow, positions: dict[str, Position],
                       size: Size | None = None) -> dict[str, tuple[float, float, float, float]]:
    """Where notes go once the nodes moved to `positions`: (x, y, w, h) per note that moves.

    A sticky note keeps its place beside the card nearest to it (within NOTE_REACH), moving
    with it; a group frame is fitted around the cards it enclosed, with a margin. A note
    with no card near it stays where it is."""
    size = size or node_size
    nodes = {n.id: n for n in flow.nodes}
    boxes = {nid: (n.x, n.y, *size(n)) for nid, n in nodes.items()}
    out: dict[str, tuple[float, float, float, float]] = {}
    for note in flow.notes:
        if note.extra.get("kind") == "group":
            inside = [nid for nid, (x, y, w, h) in boxes.items()
                      if note.x <= x and note.y <= y and x + w <= note.x + note.w
                      and y + h <= note.y + note.h and nid in positions]
            if not inside:
                continue
            left = min(positions[n][0] for n in inside) - GROUP_PADDING
            top = min(positions[n][1] for n in inside) - GROUP_PADDING * 1.5  # room for the title
            right = max(positions[n][0] + boxes[n][2] for n in inside) + GROUP_PADDING
            bottom = max(positions[n][1] + boxes[n][3] for n in inside) + GROUP_PADDING
            out[note.id] = (left, top, right - left, bottom - top)
            continue
        best: tuple[float, str] | None = None
        for nid, (x, y, w, h) in boxes.items():
            if nid not in positions:
                continue
            dx = max(x - (note.x + note.w), note.x - (x + w), 0.0)
            dy = max(y - (note.y + note.h), note.y - (y + h), 0.0)
            gap = (dx * dx + dy * dy) ** 0.5
            if gap <= NOTE_REACH and (best is None or gap < best[0]):
                best = (gap, nid)
        if best is not None:
            nid = best[1]
            old_x, old_y = nodes[nid].x, nodes[nid].y
            new_x, new_y = positions[nid]
            if (new_x, new_y) != (old_x, old_y):
                out[note.id] = (note.x + new_x - old_x, note.y + new_y - old_y, note.w, note.h)
    return out
