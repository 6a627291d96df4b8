"""Dialogue graphs: reachability, dead ends, and the range each score can take."""
from __future__ import annotations

from collections import deque


def reachable(start: str, edges: dict[str, list[str]]) -> set[str]:
    seen, todo = {start}, deque([start])
    while todo:
        for nxt in edges.get(todo.popleft(), []):
            if nxt in edges and nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def can_finish(edges: dict[str, list[str]], endings: set[str]) -> set[str]:
    """Nodes from which some ending can be reached."""
    back: dict[str, list[str]] = {n: [] for n in edges}
    for src, targets in edges.items():
        for t in targets:
            if t in back:
                back[t].append(src)
    seen, todo = set(endings), deque(endings)
    while todo:
        for prev in back.get(todo.popleft(), []):
            if prev not in seen:
                seen.add(prev)
                todo.append(prev)
    return seen


def score_ranges(start: str, choices: dict[str, list[tuple[str, dict[str, int]]]],
                 scores: list[str], limit: int = 20000) -> dict[str, tuple[int, int]]:
    """Lowest and highest total of each score over the paths from start to an ending.

    Paths never repeat a choice edge, so loops count once; the search stops after
    ``limit`` steps (the range then covers the paths seen, which is what the player
    reports against).
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
