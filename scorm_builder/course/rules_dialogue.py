"""The rules of a dialogue page: node ids, what each node holds, where choices lead, scores, and the graph."""
from __future__ import annotations

from scorm_builder.course import graph
from scorm_builder.errors import Collector
from scorm_builder.format.spec import did_you_mean
from scorm_builder.source.loader import Map


def check_dialogue(page: Map, path: str, found: Collector) -> None:
    """Every node sound, every choice leading to a node, then the graph: a start, an ending,
    every node reachable, and no loop without a way out."""
    nodes = [(i, n) for i, n in enumerate(page.get("nodes") or []) if isinstance(n, dict) and n.get("id")]
    by_id, sound = _nodes(nodes, path, found)
    edges, leads = _choices(page, [(i, n) for i, n in nodes if by_id.get(n["id"]) is n], by_id, path, found)
    if by_id and sound and leads:
        _graph(page, nodes, by_id, edges, path, found)


def _nodes(nodes: list[tuple[int, Map]], path: str, found: Collector) -> tuple[dict[str, Map], bool]:
    """The nodes by id; ``sound`` is False when an id repeats or a node is neither a step nor an
    ending (the graph is judged only when it is True)."""
    by_id: dict[str, Map] = {}
    sound = True
    for i, node in nodes:
        npath = f"{path}.nodes[{i}]"
        if node["id"] in by_id:
            line = by_id[node["id"]].where("id")[1][0]
            found.error(node.where("id"), f"{npath}.id",
                        f"duplicate node id '{node['id']}' (already used on line {line})",
                        "give each node of the dialogue its own id", rule="dialogue-duplicate-node")
            sound = False
            continue
        by_id[node["id"]] = node
        has_choices, has_ending = "choices" in node, "ending" in node
        if has_choices == has_ending:
            sound = False
            found.error(node.where(None), npath, "a node needs either 'choices' or 'ending' (got "
                        + ("both" if has_choices else "neither") + ")",
                        "give the node choices that lead on, or make it an ending", rule="dialogue-node-kind")
        if has_choices and not node.get("customer"):
            found.error(node.where(None), f"{npath}.customer", "missing required key 'customer' in node (a node "
                        "with choices needs the customer's line)", "add 'customer:' with what the customer says",
                        rule="dialogue-node-without-customer")
    return by_id, sound


def _choices(page: Map, nodes: list[tuple[int, Map]], by_id: dict[str, Map], path: str,
             found: Collector) -> tuple[dict[str, list[str]], bool]:
    """The graph's edges, and whether every choice's 'next' names a node; unknown scores reported."""
    raw_scores = page.get("scores")
    # a malformed 'scores:' is reported by the format; don't also flag every effect
    scores = {s for s in raw_scores if isinstance(s, str)} if isinstance(raw_scores, list) else None
    edges: dict[str, list[str]] = {}
    leads = True
    for i, node in nodes:
        targets = edges.setdefault(node["id"], [])
        for k, choice in enumerate(node.get("choices") or []):
            if not isinstance(choice, dict):
                continue
            cpath = f"{path}.nodes[{i}].choices[{k}]"
            nxt = choice.get("next")
            if nxt and nxt not in by_id:
                leads = False
                found.error(choice.where("next"), f"{cpath}.next",
                            f"no node has id '{nxt}' (expected one of: {', '.join(by_id)})",
                            did_you_mean(nxt, by_id) or "point 'next' at an existing node id, or add that node",
                            rule="dialogue-unknown-node")
            elif nxt:
                targets.append(nxt)
            effects = choice.get("effects")
            for name in (effects or {}) if scores is not None else ():
                if name not in scores:
                    found.error(effects.where(name), f"{cpath}.effects.{name}",
                                f"unknown score '{name}' (expected one of: {', '.join(sorted(scores))})",
                                did_you_mean(name, scores) or "add it to the dialogue's 'scores:' list",
                                rule="dialogue-unknown-score")
    return edges, leads


def _graph(page: Map, nodes: list[tuple[int, Map]], by_id: dict[str, Map], edges: dict[str, list[str]],
           path: str, found: Collector) -> None:
    start = page.get("start") or next(iter(by_id))
    if start not in by_id:
        found.error(page.where("start"), f"{path}.start", f"no node has id '{start}'",
                    did_you_mean(start, by_id) or "point 'start' at an existing node id", rule="dialogue-unknown-start")
        return
    endings = {n for n, node in by_id.items() if "ending" in node}
    if not endings:
        found.error(page.where("nodes"), f"{path}.nodes",
                    "the dialogue has no ending (expected at least one node with 'ending:')",
                    "add a node with 'ending:' and lead a choice to it", rule="dialogue-no-ending")
        return
    live = graph.reachable(start, edges)
    finishing = graph.can_finish(edges, endings)
    for i, node in nodes:
        if by_id[node["id"]] is not node:
            continue
        if node["id"] not in live:
            found.error(node.where("id"), f"{path}.nodes[{i}]",
                        f"node '{node['id']}' can never be reached from the start node '{start}'",
                        "lead a choice to it with 'next:', or delete it", rule="dialogue-unreachable")
        elif node["id"] not in finishing:
            found.error(node.where("id"), f"{path}.nodes[{i}]",
                        f"node '{node['id']}' is in a loop with no way out (no ending can be reached from it)",
                        "give one of the loop's choices a 'next:' that leads to an ending", rule="dialogue-loop")
