"""The rules of a dialogue page: node ids, what each node holds, where choices lead, scores, and the graph."""
from __future__ import annotations

from scorm_builder.course import graph
from scorm_builder.course.rules_practice import check_routes, route_targets
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
    if by_id:
        for i, node in nodes:
            debrief = node.get("ending", {}).get("debrief") if isinstance(node.get("ending"), dict) else None
            for k, line in enumerate(debrief if isinstance(debrief, list) else ()):
                cond = line.get("if") if isinstance(line, dict) else None
                if isinstance(cond, dict):
                    _condition(cond, by_id, f"{path}.nodes[{i}].ending.debrief[{k}].if", found)


def _condition(cond: Map, by_id: dict[str, Map], path: str, found: Collector) -> None:
    """A debrief line's 'if:': at least one of chose and not_chose, each a node with choices and one
    of that node's choice keys."""
    if "chose" not in cond and "not_chose" not in cond:
        found.error(cond.where(None), path, "the condition names no choice (expected 'chose:' or 'not_chose:')",
                    "add 'chose: [node, choice]' to show the line only on the paths that took that choice",
                    rule="dialogue-debrief-condition")
    for name in ("chose", "not_chose"):
        pick = cond.get(name)
        if not isinstance(pick, list) or None in pick or len(pick) < 2:
            continue  # missing, or already reported by the format
        if len(pick) != 2:
            found.error(cond.where(name), f"{path}.{name}", f"expected a node id and a choice key, e.g. [open, b] "
                        f"(got {len(pick)} values)", "write the node's id, then the letter of its choice",
                        rule="dialogue-debrief-condition")
            continue
        node_id, key = pick
        node = by_id.get(node_id)
        if node is None:
            found.error(pick.where(0), f"{path}.{name}[0]", f"no node has id '{node_id}' (expected one of: "
                        f"{', '.join(n for n, v in by_id.items() if 'choices' in v)})",
                        did_you_mean(node_id, by_id) or "name a node of this dialogue that has choices",
                        rule="dialogue-debrief-unknown-node")
            continue
        keys = [chr(ord("a") + k) for k in range(len(node.get("choices") or ()))]
        if not keys:
            found.error(pick.where(0), f"{path}.{name}[0]", f"node '{node_id}' is an ending, so it has no choices",
                        "name the node where the learner makes the choice", rule="dialogue-debrief-unknown-node")
        elif key not in keys:
            found.error(pick.where(1), f"{path}.{name}[1]", f"node '{node_id}' has no choice '{key}' "
                        f"(expected one of: {', '.join(keys)})", _choice_hint(key, node, keys),
                        rule="dialogue-debrief-unknown-choice")


def _choice_hint(key: str, node: Map, keys: list[str]) -> str:
    """'did you mean' the letter the writer meant (a capital, or the start of a choice's text), else how keys go."""
    texts = [c.get("text") if isinstance(c, dict) else None for c in node.get("choices") or ()]
    meant = key.lower() if key.lower() in keys else next(
        (k for k, text in zip(keys, texts, strict=True) if isinstance(text, str) and len(key) > 3
         and text.lower().startswith(key.lower())), None)
    if meant:
        return f"did you mean '{meant}'?"
    return f"use the letter of the choice: a for the node's first choice, b for its second, up to {keys[-1]}"


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
            if isinstance(choice.get("next"), list):  # routes chosen by the score totals (rules_practice.py)
                check_routes(choice, scores, cpath, found)
            for where, nxt in route_targets(choice.get("next")) or [(choice.where("next"), choice.get("next"))]:
                if nxt and isinstance(nxt, str) and nxt not in by_id:
                    leads = False
                    found.error(where, f"{cpath}.next", f"no node has id '{nxt}' (expected one of: {', '.join(by_id)})",
                                did_you_mean(nxt, by_id) or "point 'next' at an existing node id, or add that node",
                                rule="dialogue-unknown-node")
                elif nxt and isinstance(nxt, str):
                    targets.append(nxt)
            effects = choice.get("effects")
            for name in (effects or {}) if scores is not None else ():
                if name not in scores:
                    found.error(effects.where(name), f"{cpath}.effects.{name}",
                                f"unknown score '{name}' (expected one of: {', '.join(sorted(scores))})",
                                did_you_mean(name, scores) or "add it to the dialogue's 'scores:' list",
                                rule="dialogue-unknown-score")
    labels = page.get("score_labels")
    for name in (labels or {}) if scores is not None and hasattr(labels, "where") else ():
        if name not in scores:
            found.error((labels.where(name)[0], labels.key_pos.get(name, labels.pos)), f"{path}.score_labels.{name}",
                        f"unknown score '{name}' (expected one of: {', '.join(sorted(scores))})",
                        did_you_mean(name, scores) or "label a score named in the dialogue's 'scores:' list",
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
