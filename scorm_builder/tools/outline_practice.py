"""The outline's words for practice that counts, the way back and the confidence check: the completion rule in
words, each page's weight, the remediation pages ("for review"), each option's or ending's review link, each
routed choice's routes, and how to read a confidence page's interactions. Adds keys to the outline's page data
(tools/outline.py context); the templates show them where they are set."""
from __future__ import annotations

from typing import Any

from scorm_builder.course import record
from scorm_builder.course.model import Course, DialoguePage, Node
from scorm_builder.course.practice import Practice, requirements
from scorm_builder.render.practice_data import assessment_weight
from scorm_builder.tools.diagram import diagram, mermaid

WORDS = {"lessons": "every lesson viewed", "practice": "every scenario answered and every dialogue ended",
         "assessment": "the assessment passed"}
CONFIDENCE_HOW = ("each principle rated 1 (not at all confident) to 5 (very confident), reported as a likert "
                  "interaction; compare conf_before_<principle> with conf_after_<principle> in the LMS's "
                  "interaction report to see the change per principle")


def completion_text(course: Course) -> str:
    """The completion rule in words: 'every lesson viewed and the assessment passed'."""
    parts = [WORDS[p] for p in requirements(course.completion)]
    text = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 2 else parts)
    return text + (" (remediation pages are not needed)" if course.practice and course.practice.remediation else "")


def score_text(course: Course) -> str:
    """How the course score is made, when practice counts; "" otherwise."""
    practice = course.practice
    if practice is None or not practice.weights:
        return ""
    parts = ([f"the assessment's best attempt × {assessment_weight(course)}"] if course.assessment else []) + [
        f"{pid} × {w}" for pid, w in practice.weights.items()]
    total = (assessment_weight(course) if course.assessment else 0) + sum(practice.weights.values())
    return (f"weighted mean of {', '.join(parts)}, over {total}: a scenario's first answer counts best 100 %, "
            "acceptable 50 %, poor 0 %; a dialogue's first ending good 100 %, mixed 50 %, poor 0 %")


def add_practice_outline(lessons: list[dict[str, Any]], course: Course) -> None:
    """The practice keys on the outline's pages (the page data of tools/outline.py _page), on every page, with
    their empty values where the course has no practice."""
    practice = course.practice or Practice()
    for page in (p for lesson in lessons for p in lesson["pages"]):
        pid = page["id"]
        page["how_to_read"] = CONFIDENCE_HOW if page["kind"] == "confidence" else ""
        page["weight"], page["remediation"] = practice.weights.get(pid, 0), pid in practice.remediation
        for option in page.get("options") or () if page["kind"] == "scenario" else ():
            option["review"] = practice.reviews.get((pid, option["key"]), "")
        if page["kind"] == "dialogue" and any(key[0] == pid for key in practice.routes):
            _routed_diagrams(page, next(p for p in course.pages if p.id == pid), practice.routes)
        for node in page.get("node_list") or ():
            if node["ending"]:
                node["ending"]["review"] = practice.reviews.get((pid, node["id"]), "")
            for choice in node["choices"]:
                routes = practice.routes.get((pid, node["id"], choice["key"]), ())
                choice["routes_text"] = "; ".join(
                    (" and ".join(f"{s} {op} {n}" for s, op, n in r.when) or "otherwise") + f" → {r.next}"
                    for r in routes)


def _routed_diagrams(page: dict[str, Any], model: DialoguePage, routes) -> None:
    """The dialogue's graph with a routed choice drawn as an arrow to each of its routes' nodes."""
    nodes: list[Node] = []
    for node in model.nodes:
        choices = [record.replace(c, next=r.next) for c in node.choices
                   for r in routes.get((model.id, node.id, c.key), (record.replace(c),))]
        nodes.append(record.replace(node, choices=tuple(choices)))
    page["mermaid"] = mermaid(model.start, nodes)
    page["diagram"] = diagram(model.start, nodes, model.id)
