"""Pictures of dialogue graphs for the outline: a Mermaid flowchart, and a layered layout for inline SVG.

Each function takes a dialogue's start node id and its nodes (course/model.py ``Node``); the
graph walks (loop-closing edges, layers) are course/graph.py's.
"""
from __future__ import annotations

from itertools import pairwise
from typing import Any, Sequence, Union

from scorm_builder.course import graph
from scorm_builder.course.model import Node

OUTCOME_COLOURS = {"good": "#1e7b34", "mixed": "#9a6700", "poor": "#b42318"}
OUTCOME_FILLS = {"good": "#f4f8f4", "mixed": "#fdf6e7", "poor": "#fdf0ef"}
NODE_COLOUR = "#44546a"
NODE_H, GAP_X, GAP_Y, MARGIN, CHAR_W, PAD, MIN_W = 44, 28, 64, 16, 7, 14, 96
LOOP_OUT, BACK_SHIFT, WAYPOINT_W = 40, 14, 12

Slot = Union[str, tuple[str, str, int]]  # a node id, or a waypoint (src, dst, row) of a long arrow


def edges_of(nodes: Sequence[Node]) -> list[tuple[str, str, list[str]]]:
    """(source, target, choice keys): choices that lead to the same node share one arrow."""
    merged: dict[tuple[str, str], list[str]] = {}
    for node in nodes:
        for choice in node.choices:
            merged.setdefault((node.id, choice.next), []).append(choice.key)
    return [(src, dst, keys) for (src, dst), keys in merged.items()]


def mermaid(start: str, nodes: Sequence[Node]) -> str:
    """A Mermaid flowchart. Node ids become n1, n2... (Mermaid reserves words such as 'end');
    labels hold only ids, moods and outcomes, which need no escaping."""
    alias = {node.id: f"n{i}" for i, node in enumerate(nodes, start=1)}
    lines = ["flowchart TD"]
    for node in nodes:
        if node.ending:
            lines.append(f'    {alias[node.id]}(["{node.id}: {node.ending.outcome} ending"])')
        else:
            mood = f" ({node.mood})" if node.mood else ""
            first = "start: " if node.id == start else ""
            lines.append(f'    {alias[node.id]}["{first}{node.id}{mood}"]')
    for src, dst, keys in edges_of(nodes):
        lines.append(f"    {alias[src]} -->|{', '.join(keys)}| {alias[dst]}")
    for outcome in ("good", "mixed", "poor"):
        ids = [alias[n.id] for n in nodes if n.ending and n.ending.outcome == outcome]
        if ids:
            lines.append(f"    classDef {outcome} stroke:{OUTCOME_COLOURS[outcome]},stroke-width:2px")
            lines.append(f"    class {','.join(ids)} {outcome}")
    return "\n".join(lines)


def _plan(start: str, nodes: Sequence[Node]):
    """Rows of slots, loop-closing edges, and each arrow's chain of slots from its upper end down.

    Without the loop-closing edges the graph has no cycle; each node goes one row below its
    lowest parent (longest path), so every arrow runs downwards (loops are drawn reversed). An
    arrow that spans several rows gets a waypoint in each row between, which takes a place in
    that row like a narrow node, so the arrow bends around the boxes instead of crossing them.
    Rows are ordered top-down by the mean place of each slot's parents.
    """
    edges: dict[str, list[str]] = {n.id: [] for n in nodes}
    for src, dst, _ in edges_of(nodes):
        edges[src].append(dst)
    back = graph.back_edges(start, edges)
    down = [(src, dst, *((dst, src) if (src, dst) in back else (src, dst)))
            for src, targets in edges.items() for dst in targets if src != dst]
    parents: dict[str, list[str]] = {n: [] for n in edges}
    for _, _, upper, lower in down:
        parents[lower].append(upper)
    depth = graph.layer_depths(parents)  # no loop is left once the loop-closing edges are reversed
    rows: list[list[Slot]] = [[] for _ in range(max(depth.values()) + 1)]
    for node in edges:
        rows[depth[node]].append(node)
    above: dict[Slot, list[Slot]] = {}
    chains: dict[tuple[str, str], list[Slot]] = {}
    for src, dst, upper, lower in down:
        chain: list[Slot] = [upper]
        for row in range(depth[upper] + 1, depth[lower]):
            waypoint = (src, dst, row)
            rows[row].append(waypoint)
            chain.append(waypoint)
        chain.append(lower)
        for a, b in pairwise(chain):
            above.setdefault(b, []).append(a)
        chains[(src, dst)] = chain
    place: dict[Slot, float] = {}
    for row in rows:
        def weight(slot: Slot) -> float:
            ups = above.get(slot, [])
            return sum(place[u] for u in ups) / len(ups) if ups else 0.0

        row.sort(key=weight)  # stable: ties keep the order of the course file
        place.update({slot: (i + 0.5) / len(row) for i, slot in enumerate(row)})
    return rows, back, chains


def layers(start: str, nodes: Sequence[Node]) -> tuple[list[list[str]], set[tuple[str, str]]]:
    """The node ids of each row, top to bottom, and the loop-closing (src, dst) edges."""
    rows, back, _ = _plan(start, nodes)
    return [[s for s in row if isinstance(s, str)] for row in rows], back


def subtitle(node: Node, start: str) -> str:
    if node.ending:
        return f"ending: {node.ending.outcome}"
    return " · ".join(part for part in ("start" if node.id == start else "", node.mood) if part)


def diagram(start: str, nodes: Sequence[Node], page_id: str) -> dict[str, Any]:
    """The layout as numbers the HTML template draws as inline SVG: boxes in rows from the start
    down, arrows down to later rows, dashed arrows for choices that loop back up (drawn from the
    upper node down, with the arrowhead at the upper end), small loops for choices that stay."""
    by_id = {n.id: n for n in nodes}
    rows, back, chains = _plan(start, nodes)

    def width(slot: Slot) -> int:
        if isinstance(slot, tuple):
            return WAYPOINT_W
        return max(MIN_W, CHAR_W * max(len(slot), len(subtitle(by_id[slot], start))) + 2 * PAD)

    row_w = [sum(width(s) for s in row) + GAP_X * (len(row) - 1) for row in rows]
    boxes: dict[Slot, dict[str, Any]] = {}
    for r, row in enumerate(rows):
        x = MARGIN + (max(row_w) - row_w[r]) // 2
        for slot in row:
            box = {"x": x, "y": MARGIN + r * (NODE_H + GAP_Y), "w": width(slot), "h": NODE_H, "row": r}
            if isinstance(slot, str):
                ending = by_id[slot].ending
                box.update(id=slot, subtitle=subtitle(by_id[slot], start), start=slot == start,
                           colour=OUTCOME_COLOURS[ending.outcome] if ending else NODE_COLOUR,
                           fill=OUTCOME_FILLS[ending.outcome] if ending else "#ffffff")
            boxes[slot] = box
            x += width(slot) + GAP_X
    arrows = [_arrow(src, dst, keys, boxes, back, chains) for src, dst, keys in edges_of(nodes)]
    right = max([b["x"] + b["w"] for b in boxes.values()] + [a["reach"] for a in arrows])
    bottom = max([b["y"] + NODE_H for b in boxes.values()] + [a["ly"] + 10 for a in arrows])
    return {"boxes": [boxes[n.id] for n in sorted(nodes, key=lambda n: boxes[n.id]["row"])],
            "arrows": arrows, "width": right + MARGIN + 8, "height": bottom + MARGIN,
            "marker": f"arrow-{page_id}"}


def _arrow(src: str, dst: str, keys: list[str], boxes, back, chains) -> dict[str, Any]:
    a = boxes[src]
    label = ", ".join(keys)
    if src == dst:  # a choice that stays on its node: a small loop on the right
        x, y1, y2 = a["x"] + a["w"], a["y"] + NODE_H // 3, a["y"] + 2 * NODE_H // 3
        c1, c2 = (x + LOOP_OUT, y1 - NODE_H // 2), (x + LOOP_OUT, y2 + NODE_H // 2)
        lx, ly = _midpoint((x, y1), c1, c2, (x, y2))
        return {"d": f"M{x} {y1} C{c1[0]} {c1[1]} {c2[0]} {c2[1]} {x} {y2}", "label": label, "lx": lx, "ly": ly,
                "src": src, "dst": dst, "back": False, "reach": x + LOOP_OUT}
    is_back = (src, dst) in back
    chain = chains[(src, dst)]  # from the upper end down: for a loop, from dst down to src
    shift = BACK_SHIFT if is_back else 0
    first, last = boxes[chain[0]], boxes[chain[-1]]
    points = [(first["x"] + first["w"] // 2 + shift, first["y"] + NODE_H)]
    for waypoint in chain[1:-1]:
        w = boxes[waypoint]
        points += [(w["x"] + w["w"] // 2, w["y"]), (w["x"] + w["w"] // 2, w["y"] + NODE_H)]
    points.append((last["x"] + last["w"] // 2 + shift, last["y"]))
    d = f"M{points[0][0]} {points[0][1]}"
    segments = []
    for i in range(0, len(points), 2):  # curves across the gaps between rows, straight through waypoints
        (x1, y1), (x2, y2) = points[i], points[i + 1]
        bend = (y2 - y1) // 2
        c1, c2 = (x1, y1 + bend), (x2, y2 - bend)
        if i:
            d += f" L{x1} {y1}"
        d += f" C{c1[0]} {c1[1]} {c2[0]} {c2[1]} {x2} {y2}"
        segments.append(((x1, y1), c1, c2, (x2, y2)))
    lx, ly = _midpoint(*(segments[-1] if is_back else segments[0]))  # the label sits by the choosing node
    return {"d": d, "label": label, "lx": lx, "ly": ly, "src": src, "dst": dst, "back": is_back,
            "reach": max(x for x, _ in points)}


def _midpoint(p0, p1, p2, p3) -> tuple[int, int]:
    """The point of a cubic curve halfway along its parameter."""
    return (p0[0] + 3 * p1[0] + 3 * p2[0] + p3[0]) // 8, (p0[1] + 3 * p1[1] + 3 * p2[1] + p3[1]) // 8
