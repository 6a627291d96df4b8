"""Stage 3: practice that counts, the way back and the confidence check in the player's data.

``add_practice_data`` adds keys to the player data only where the course uses them, so a course without
weights, review links, routes or remediation pages has the same data as before: "weight" on a scenario or
dialogue that counts, "review" on an option or ending, "routes" on a routed choice, "remediation" on a
remediation page, and course "practice": {"assessment_weight"} (the weight of the assessment in the course
score: the questions an attempt draws times the pool's mean weight; docs/player.md, "Practice that counts").
"""
from __future__ import annotations

from typing import Any, Mapping

from scorm_builder.course import graph
from scorm_builder.course.model import Course
from scorm_builder.course.practice import ConfidencePage
from scorm_builder.render.item_hashes import content_hash, dialogue_content
from scorm_builder.render.markdown import markdown


def confidence_data(page: ConfidencePage, titles: Mapping[str, str]) -> dict[str, Any]:
    """A confidence page: each principle rated, with the interaction id conf_<moment>_<principle>."""
    return {"moment": page.moment, "intro_html": markdown(page.intro),
            "principles": [{"id": p, "title": titles.get(p, p.replace("-", " ").capitalize()),
                            "interaction_id": f"conf_{page.moment}_{p}"} for p in page.principles]}


def assessment_weight(course: Course) -> float:
    a = course.assessment
    if a is None:
        return 0
    weight = a.draw * sum(q.weight for q in a.questions) / len(a.questions)
    return int(weight) if weight == int(weight) else round(weight, 4)


def add_practice_data(data: dict[str, Any], course: Course) -> None:
    """The practice keys, on the player data of ``course`` (after its item hashes)."""
    pages = [page for lesson in data["lessons"] for page in lesson["pages"]]
    for page in pages:
        if page["kind"] == "confidence":
            page["h"] = content_hash(["confidence", [p["id"] for p in page["principles"]]])
    practice = course.practice
    if practice is None:
        return
    if practice.weights:
        data["course"]["practice"] = {"assessment_weight": assessment_weight(course)}
    for page in pages:
        pid = page["id"]
        if pid in practice.weights:
            page["weight"] = practice.weights[pid]
        if pid in practice.remediation:
            page["remediation"] = True
        for option in page.get("options") or () if page["kind"] == "scenario" else ():
            if (pid, option["key"]) in practice.reviews:
                option["review"] = practice.reviews[(pid, option["key"])]
        if page["kind"] == "dialogue":
            _dialogue(page, practice)


def _dialogue(page: dict[str, Any], practice) -> None:
    pid, routed = page["id"], []
    for node_id, node in page["nodes"].items():
        if node["ending"] and (pid, node_id) in practice.reviews:
            node["ending"]["review"] = practice.reviews[(pid, node_id)]
        for choice in node["choices"]:
            routes = practice.routes.get((pid, node_id, choice["key"]))
            if routes:
                choice["routes"] = [{"when": [list(c) for c in r.when], "next": r.next} for r in routes]
                routed.append([node_id, choice["key"], choice["routes"]])
    if routed:  # a saved path is read again only under the same routes; the meters cover every route
        page["h"] = content_hash([dialogue_content(page), sorted(routed)])
        choices_of = {n: [(target, c["effects"]) for c in node["choices"]
                          for target in ([r["next"] for r in c["routes"]] if c.get("routes") else [c["next"]])]
                      for n, node in page["nodes"].items()}
        ranges = graph.score_ranges(page["start"], choices_of, [s["id"] for s in page["scores"]])
        for score in page["scores"]:
            score["min"], score["max"] = ranges[score["id"]]


def route_targets(choice: dict[str, Any]) -> list[str]:
    """The nodes a choice of the player data may lead to: its routes' (in order), else its next."""
    routes = choice.get("routes")
    if isinstance(routes, list) and routes:
        return [r.get("next") for r in routes if isinstance(r, dict)]
    return [choice["next"]]


def add_practice_records(data: dict[str, Any], pages: list[dict[str, Any]], state: dict[str, Any]) -> None:
    """The practice records at their largest, for the suspend bound (render/suspend.py; practice.js describes
    them): a result for every scenario and dialogue (written when the package has view-practice.js: the course
    uses practice, course/practice.py uses_practice), every remediation page opened, every confidence page rated.
    ``data`` may come from any package (``check``): what isn't as the build writes it is passed over."""
    results = [f"{p.get('id')}:2" for p in pages if p.get("kind") in ("scenario", "dialogue")]
    reviews = [str(p.get("id")) for p in pages if p.get("remediation")]
    ratings = {str(p.get("id")): ["5" * len(p.get("principles") or ()), p.get("h", "0" * 5)]
               for p in pages if p.get("kind") == "confidence"}
    course = data.get("course") if isinstance(data.get("course"), dict) else {}
    if results and (_uses_practice(course, pages) or "practice" in str(course.get("completion", ""))):
        state["pr"] = " ".join(results)
    if reviews:
        state["rv"] = " ".join(reviews)
    if ratings:
        state["cf"] = ratings


def _items(value: Any) -> list[dict[str, Any]]:
    return [v for v in (value.values() if isinstance(value, dict) else value or ()) if isinstance(v, dict)] \
        if isinstance(value, (dict, list)) else []


def _uses_practice(course: dict[str, Any], pages: list[dict[str, Any]]) -> bool:
    """Whether the data has a key of add_practice_data (the course has a practice table)."""
    nodes = [n for p in pages if p.get("kind") == "dialogue" for n in _items(p.get("nodes"))]
    return bool(course.get("practice")) or any(p.get("remediation") for p in pages) or any(
        o.get("review") for p in pages if p.get("kind") == "scenario" for o in _items(p.get("options"))) or any(
        (n.get("ending") if isinstance(n.get("ending"), dict) else {}).get("review")
        or any(c.get("routes") for c in _items(n.get("choices"))) for n in nodes)
