"""Practice that counts and the way back, as a table by page id (``Course.practice``), and the confidence page.

- ``weights``: the scenarios and dialogues whose first result counts toward the course score;
- ``reviews``: the remediation page a poor choice or an ending sends the learner to, by (page id, option key
  or ending node id);
- ``remediation``: the pages only for learners sent to them (hidden from the others, not needed to complete);
- ``routes``: a dialogue choice's ways on, chosen by the score totals after it, by (page id, node id, key).

The completion rule stays in ``Course.completion``: lessons, assessment, both, or a mapping's requirements
joined by '+' (``requirements`` reads either). Reads the checked tree only.
"""
from __future__ import annotations

import re
from typing import Any, ClassVar, Mapping

from scorm_builder.course.model import Source
from scorm_builder.source.loader import Map, Seq

from .record import field, record

PRACTICE_KINDS = ("scenario", "dialogue")
RESULT = {"best": 100, "acceptable": 50, "poor": 0, "good": 100, "mixed": 50}  # a first answer, or an ending
CONDITION = re.compile(r"\s*(>=|<=|==|!=|>|<)\s*(-?\d+)\s*$")
OPERATORS_TEXT = "an operator (>=, <=, >, <, == or !=)"
Condition = tuple[str, str, int]  # (score, operator, number)


@record
class Route:
    """A way on from a choice: taken when every condition holds on the totals after the choice (none: otherwise)."""

    when: tuple[Condition, ...]
    next: str


@record
class Practice:
    weights: Mapping[str, int] = field(default_factory=dict)
    reviews: Mapping[tuple[str, str], str] = field(default_factory=dict)
    remediation: frozenset[str] = frozenset()
    routes: Mapping[tuple[str, str, str], tuple[Route, ...]] = field(default_factory=dict)


@record
class ConfidencePage:
    kind: ClassVar[str] = "confidence"
    id: str
    title: str
    moment: str  # before | after
    intro: str  # Markdown, or ""
    principles: tuple[str, ...]  # the principle ids rated, in order
    source: Source


def requirements(completion: str) -> tuple[str, ...]:
    """What the completion rule needs: some of lessons, practice, assessment, in that order."""
    return {"lessons": ("lessons",), "assessment": ("assessment",), "both": ("lessons", "assessment")}.get(
        completion, tuple(completion.split("+")))


def uses_practice(course: Any) -> bool:
    """Whether the player needs practice.js: practice counts, a page reviews or is remediation, a choice is routed,
    or the completion rule names practice."""
    return getattr(course, "practice", None) is not None or "practice" in requirements(course.completion)


def cmi5_move_on(completion: str) -> str:
    """cmi5's moveOn for the rule: Passed when only the assessment counts, CompletedAndPassed when it and more
    do, Completed otherwise (the player sends completed once the whole rule holds)."""
    needs = requirements(completion)
    return "Completed" if "assessment" not in needs else "Passed" if needs == ("assessment",) else "CompletedAndPassed"


def completion_of(value: Any, has_assessment: bool) -> str:
    """The course's completion as a word: a mapping's requirements joined by '+', e.g. lessons+practice."""
    if isinstance(value, Map):
        return "+".join(k for k in ("lessons", "practice", "assessment") if value.get(k))
    return value or ("both" if has_assessment else "lessons")


def condition(text: str) -> tuple[str, int] | None:
    """'>= 3' as ('>=', 3); None when it is no comparison."""
    m = CONDITION.match(text) if isinstance(text, str) else None
    return (m.group(1), int(m.group(2))) if m else None


def holds(when: tuple[Condition, ...], totals: Mapping[str, int]) -> bool:
    ops = {">=": int.__ge__, "<=": int.__le__, ">": int.__gt__, "<": int.__lt__, "==": int.__eq__,
           "!=": int.__ne__}
    return all(ops[op](totals.get(score, 0), number) for score, op, number in when)


def route_next(routes: tuple[Route, ...], default: str, totals: Mapping[str, int]) -> str:
    """The node a routed choice leads to after the totals ``totals`` (those after its own effects)."""
    return next((r.next for r in routes if holds(r.when, totals)), default)


def default_next(value: Any) -> str:
    """A choice's 'next' for the graph's default: the id, or a route list's last route (the otherwise)."""
    return value[-1]["next"] if isinstance(value, Seq) else value


def practice_from_tree(clean: Map) -> Practice | None:
    """The course's practice table; None when no page counts, reviews, routes or is remediation."""
    weights: dict[str, int] = {}
    reviews: dict[tuple[str, str], str] = {}
    remediation: set[str] = set()
    routes: dict[tuple[str, str, str], tuple[Route, ...]] = {}
    for lesson in clean["lessons"]:
        for j, page in enumerate(lesson["pages"]):
            kind, pid = page["type"], page.get("id") or f"{lesson['id']}-{j + 1}"
            if page.get("weight"):
                weights[pid] = page["weight"]
            if kind == "text" and page.get("remediation"):
                remediation.add(pid)
            for k, option in enumerate(page.get("options") or ()) if kind == "scenario" else ():
                if option.get("review"):
                    reviews[(pid, chr(ord("a") + k))] = option["review"]
            for node in page.get("nodes") or () if kind == "dialogue" else ():
                _node(pid, node, reviews, routes)
    if not (weights or reviews or remediation or routes):
        return None
    return Practice(weights, reviews, frozenset(remediation), routes)


def _node(pid: str, node: Map, reviews: dict, routes: dict) -> None:
    ending = node.get("ending")
    if ending is not None and ending.get("review"):
        reviews[(pid, node["id"])] = ending["review"]
    for k, choice in enumerate(node.get("choices") or ()):
        if isinstance(choice["next"], Seq):
            routes[(pid, node["id"], chr(ord("a") + k))] = tuple(
                Route(tuple((s, *condition(v)) for s, v in (r.get("when") or {}).items()), r["next"])
                for r in choice["next"])


def confidence_page(page: Map, pid: str, source: Source) -> ConfidencePage:
    """A confidence page of the model."""
    return ConfidencePage(pid, page["title"], page["moment"], page.get("intro", ""), tuple(page["principles"]), source)


Walk = tuple[tuple[tuple[str, int], ...], str, dict[str, int]]  # (steps, ending node id, totals)


def walks(page: Any, routes: Mapping[tuple[str, str, str], tuple[Route, ...]], limit: int = 5000
          ) -> tuple[list[Walk], bool]:
    """Every path from a dialogue's start to an ending, as course/graph.py ``paths`` finds them (no choice taken
    twice, in the order of the choices), with a routed choice leading where its routes say after the totals so
    far; each with its ending and totals, and whether that is all of them."""
    by_id = {n.id: n for n in page.nodes}
    found: list[Walk] = []
    stack: list[Walk] = [(page.start, (), {s: 0 for s in page.scores})]  # type: ignore[list-item]
    while stack:
        node_id, steps, totals = stack.pop()  # type: ignore[misc]
        node = by_id.get(node_id)
        if node is None:
            continue
        if not node.choices:
            if len(found) == limit:
                return found, False
            found.append((steps, node_id, totals))
            continue
        for i in reversed(range(len(node.choices))):
            if (node_id, i) in steps:
                continue
            choice, after = node.choices[i], dict(totals)
            for name, value in choice.effects:
                after[name] = after.get(name, 0) + value
            nxt = route_next(routes.get((page.id, node_id, choice.key), ()), choice.next, after)
            stack.append((nxt, (*steps, (node_id, i)), after))  # type: ignore[arg-type]
    return found, True


def route_text(routes: tuple[Route, ...], totals: Mapping[str, int]) -> str:
    """Which route a routed choice took after ``totals``, for outline --paths: '-> calm (rapport >= 2)'."""
    for route in routes:
        if holds(route.when, totals):
            when = ", ".join(f"{s} {op} {n}" for s, op, n in route.when) or "otherwise"
            return f" -> {route.next} ({when})"
    return ""
