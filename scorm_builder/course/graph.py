"""Dialogue graphs: reachability, dead ends, longest paths, loop-closing edges, layers and score ranges.

A graph is ``edges``: each node id to the node ids its choices lead to, in the order of the
choices. Every walk here is iterative and linear in nodes plus edges, except
:func:`score_ranges`, which follows paths and is bounded by a step limit.
"""
from __future__ import annotations

from collections import deque
from typing import Iterable, Mapping, Sequence

Edges = Mapping[str, Sequence[str]]


def reachable(start: str, edges: Edges) -> set[str]:
    """The nodes a learner can get to from ``start`` (targets that are not nodes are left out)."""
    seen, todo = {start}, deque([start])
    while todo:
        for nxt in edges.get(todo.popleft(), ()):
            if nxt in edges and nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def can_finish(edges: Edges, endings: Iterable[str]) -> set[str]:
    """Nodes from which some ending can be reached."""
    back: dict[str, list[str]] = {n: [] for n in edges}
    for src, targets in edges.items():
        for t in targets:
            if t in back:
                back[t].append(src)
    seen = set(endings)
    todo = deque(seen)
    while todo:
        for prev in back.get(todo.popleft(), ()):
            if prev not in seen:
                seen.add(prev)
                todo.append(prev)
    return seen


def longest_path(start: str, edges: Edges) -> tuple[int, bool]:
    """Edges on the longest path from ``start``, and whether a loop can be reached from it.

    Without loops this is exact. With a loop, the number of edges out of the nodes reachable
    from the start is returned: a path using each edge once is no longer, but laps add more.
    Targets that are not nodes are left out; a start that is not a node raises KeyError.
    """
    out = {n: [t for t in targets if t in edges] for n, targets in edges.items()}
    state: dict[str, int] = {start: 1}  # 1 on the stack, 2 done
    cyclic = False
    order: list[str] = []
    stack = [(start, iter(out[start]))]
    while stack:
        node, todo = stack[-1]
        nxt = next(todo, None)
        if nxt is None:
            stack.pop()
            state[node] = 2
            order.append(node)
        elif state.get(nxt) == 1:
            cyclic = True
        elif nxt not in state:
            state[nxt] = 1
            stack.append((nxt, iter(out[nxt])))
    if cyclic:
        return sum(len(out[n]) for n in state), True
    length: dict[str, int] = {}
    for node in order:  # children before parents
        length[node] = max((1 + length[n] for n in out[node]), default=0)
    return length[start], False


def back_edges(start: str, edges: Edges) -> set[tuple[str, str]]:
    """The edges that close a loop: edges to a node still open in a depth-first walk from the start
    (then from each node not yet seen, in order). An edge from a node to itself is not one."""
    state: dict[str, str] = {}
    back: set[tuple[str, str]] = set()
    for root in [start, *edges]:
        if root in state:
            continue
        state[root] = "open"
        stack = [(root, iter(edges[root]))]
        while stack:
            here, todo = stack[-1]
            nxt = next(todo, None)
            if nxt is None:
                state[here] = "done"
                stack.pop()
            elif state.get(nxt) == "open":
                if nxt != here:
                    back.add((here, nxt))
            elif nxt not in state:
                state[nxt] = "open"
                stack.append((nxt, iter(edges[nxt])))
    return back


def layer_depths(parents: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Each node's layer in a graph without loops: one below its deepest parent (0 for none).

    ``parents`` maps every node to the nodes with an edge to it. Kahn's order, so linear.
    Raises ValueError when the graph still has a loop.
    """
    children: dict[str, list[str]] = {n: [] for n in parents}
    waiting = {n: len(ps) for n, ps in parents.items()}
    for node, ps in parents.items():
        for p in ps:
            children[p].append(node)
    depth: dict[str, int] = {}
    ready = deque(n for n, count in waiting.items() if count == 0)
    while ready:
        node = ready.popleft()
        depth[node] = max((depth[p] + 1 for p in parents[node]), default=0)
        for child in children[node]:
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
    if len(depth) < len(parents):
        raise ValueError(f"the graph has a loop through {sorted(set(parents) - set(depth))}")
    return depth


def score_ranges(start: str, choices: Mapping[str, Sequence[tuple[str, Mapping[str, int]]]],
                 scores: Sequence[str], limit: int = 20000) -> dict[str, tuple[int, int]]:
    """Lowest and highest total of each score over the paths from start to an ending.

    ``choices`` maps each node to its choices as (next node, score changes). Paths never
    repeat a choice edge, so loops count once; the search stops after ``limit`` steps (the
    range then covers the paths seen, which is what the player reports against).
    """
    lo = {s: 0 for s in scores}
    hi = {s: 0 for s in scores}
    found = False
    steps = 0
    stack = [(start, {s: 0 for s in scores}, frozenset())]
    while stack and steps < limit:
        node, totals, used = stack.pop()
        steps += 1
        outs = choices.get(node)
        if not outs:  # an ending
            for s in scores:
                if not found:
                    lo[s] = hi[s] = totals[s]
                else:
                    lo[s], hi[s] = min(lo[s], totals[s]), max(hi[s], totals[s])
            found = True
            continue
        for i, (nxt, effects) in enumerate(outs):
            edge = (node, i)
            if edge in used:
                continue
            new = {s: totals[s] + effects.get(s, 0) for s in scores}
            stack.append((nxt, new, used | {edge}))
    return {s: (lo[s], hi[s]) for s in scores}


Step = tuple[str, int]  # (node id, index of the choice taken there)


def paths(start: str, choices: Mapping[str, Sequence[str]], limit: int = 5000) -> tuple[list[tuple[Step, ...]], bool]:
    """Every path from ``start`` to an ending (a node without choices), as its steps, and whether
    that is all of them.

    ``choices`` maps each node to the nodes its choices lead to, in order. A path takes no choice
    twice, so each loop is taken at most once, as in :func:`score_ranges`. Paths come in the order
    of the choices (the first choice's paths first), so the list is the same on every run; at most
    ``limit`` are returned, and ``complete`` is False when more were left.
    """
    found: list[tuple[Step, ...]] = []
    stack: list[tuple[str, tuple[Step, ...]]] = [(start, ())]
    while stack:
        node, steps = stack.pop()
        outs = choices.get(node)
        if not outs:
            if node in choices:  # a node without choices is an ending; a target that is no node is no path
                if len(found) == limit:
                    return found, False
                found.append(steps)
            continue
        taken = set(steps)
        for i in reversed(range(len(outs))):
            if (node, i) not in taken:
                stack.append((outs[i], (*steps, (node, i))))
    return found, True
