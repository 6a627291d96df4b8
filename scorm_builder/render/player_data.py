"""Stage 3: the course model as the player's data (JSON in index.html)."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from scorm_builder import standards
from scorm_builder.errors import BuilderError
from scorm_builder.course.model import Course, Page
from scorm_builder.render.markdown import markdown
from scorm_builder.render.strings import strings_for

def letters(n: int) -> list[str]:
    return [chr(ord("a") + i) for i in range(n)]


def _text_page(page: Page) -> dict[str, Any]:
    d = page.data
    callout = d.get("callout")
    return {
        "body_html": markdown(d["body"]),
        "image": ({k: d["image"].get(k, "") for k in ("src", "alt", "caption")} if d.get("image") else None),
        "callout": {"style": callout["style"], "html": markdown(callout["text"])} if callout else None,
        "quote": {"text": d["quote"]["text"], "by": d["quote"].get("by", "")} if d.get("quote") else None,
    }


def _scenario_page(page: Page, course: Course) -> dict[str, Any]:
    d = page.data
    titles = {p["id"]: p["title"] for p in course.principles}
    principle = d.get("principle")
    options = d["options"]
    return {
        "channel": d["channel"],
        "customer": {k: d["customer"].get(k, "") for k in ("name", "says", "context", "subject", "mood")},
        "prompt": d["prompt"],
        "principle": {"id": principle, "title": titles.get(principle, principle.replace("-", " ").capitalize())}
        if principle else None,
        "options": [{"key": key, "text": o["text"], "verdict": o["verdict"], "feedback_html": markdown(o["feedback"])}
                    for key, o in zip(letters(len(options)), options)],
        "retry": d.get("retry", course.scenario_retry),
        "scored": d["scored"],
        "interaction_id": f"scn_{page.id}",
    }


def _dialogue_page(page: Page) -> dict[str, Any]:
    from scorm_builder.course import graph

    d = page.data
    nodes: dict[str, Any] = {}
    choices_of: dict[str, list] = {}
    for node in d["nodes"]:
        choices = node.get("choices") or []
        totals = [sum(c.get("effects", {}).values()) for c in choices]
        top = max(totals) if totals else 0
        nodes[node["id"]] = {
            "customer": node.get("customer", ""),
            "mood": node.get("mood", ""),
            "choices": [{"key": key, "text": c["text"], "next": c["next"], "effects": dict(c.get("effects", {})),
                         "feedback_html": markdown(c.get("feedback")), "best": total == top}
                        for key, c, total in zip(letters(len(choices)), choices, totals)],
            "ending": ({"outcome": node["ending"]["outcome"], "title": node["ending"]["title"],
                        "debrief_html": markdown(node["ending"]["debrief"])} if node.get("ending") else None),
        }
        choices_of[node["id"]] = [(c["next"], c.get("effects", {})) for c in choices]
    start = d.get("start") or d["nodes"][0]["id"]
    ranges = graph.score_ranges(start, choices_of, list(d["scores"]))
    return {
        "channel": d["channel"],
        "customer": d.get("customer", ""),
        "intro_html": markdown(d.get("intro")),
        "scores": [{"id": s, "label": s.replace("-", " ").capitalize(), "min": ranges[s][0], "max": ranges[s][1]}
                   for s in d["scores"]],
        "start": start,
        "nodes": nodes,
        "scored": d["scored"],
        "interaction_prefix": f"dlg_{page.id}",
    }


def _question(q: dict[str, Any]) -> dict[str, Any]:
    fb = q.get("feedback") or {}
    out: dict[str, Any] = {
        "id": q["id"], "kind": q["type"], "text_html": markdown(q["text"]), "weight": q["weight"],
        "feedback": {"correct_html": markdown(fb.get("correct")), "incorrect_html": markdown(fb.get("incorrect"))},
        "interaction_id": f"q_{q['id']}",
    }
    if q["type"] in ("single-choice", "multiple-response"):
        out["choices"] = [{"key": key, "text": c["text"], "correct": c["correct"],
                           "feedback_html": markdown(c.get("feedback"))}
                          for key, c in zip(letters(len(q["choices"])), q["choices"])]
    elif q["type"] == "true-false":
        out["answer"] = q["answer"]
    elif q["type"] == "matching":
        out["pairs"] = [{"key": key, "left": p["left"], "right": p["right"]}
                        for key, p in zip(letters(len(q["pairs"])), q["pairs"])]
    elif q["type"] == "ordering":
        out["items"] = [{"key": key, "text": t} for key, t in zip(letters(len(q["items"])), q["items"])]
    return out


def player_data(course: Course, standard: str, dirs: Sequence[Path] = ()) -> dict[str, Any]:
    """Everything the player needs, as JSON-ready data."""
    lessons = []
    for lesson in course.lessons:
        pages = []
        for page in lesson.pages:
            body = {"text": _text_page, "scenario": lambda p: _scenario_page(p, course),
                    "dialogue": _dialogue_page}[page.kind](page)
            pages.append({"kind": page.kind, "id": page.id, "title": page.title, **body})
        lessons.append({"id": lesson.id, "title": lesson.title, "pages": pages})
    assessment = None
    if course.assessment:
        a = course.assessment
        s = a.settings
        assessment = {
            "title": a.title, "intro_html": markdown(s.get("intro")), "pass_mark": a.pass_mark,
            "attempts": a.attempts, "draw": a.draw, "shuffle_questions": s.get("shuffle_questions", True),
            "shuffle_choices": s.get("shuffle_choices", True), "feedback": s.get("feedback", "immediate"),
            "review": s.get("review", True), "questions": [_question(q) for q in a.questions],
        }
    data = {
        "format": 1,
        "standard": standards.get(standard).family,
        "course": {"id": course.id, "title": course.title, "version": course.version, "language": course.language,
                   "description": course.description, "audience": course.audience,
                   "duration_minutes": course.duration_minutes, "completion": course.completion},
        "lessons": lessons,
        "assessment": assessment,
        "strings": strings_for(course.language, dirs),
    }
    company = course.company
    data["brand"] = ({"company": company.name, "logo": company.logo.href if company.logo else "",
                      "logo_alt": company.logo_alt} if company else None)
    data["build"] = {"course_version": course.version, "company": company.id if company else "",
                     "profile_sha256": company.sha256 if company else ""}
    data["course"]["fingerprint"] = fingerprint(data)
    return data


def fingerprint(data: dict[str, Any]) -> str:
    """A short hash of the course's structure (ids and answer keys), so saved state from another
    structure is recognised and not misread."""
    shape = []
    for lesson in data["lessons"]:
        for page in lesson["pages"]:
            item = [page["kind"], page["id"]]
            if page["kind"] == "scenario":
                item.append(len(page["options"]))
            if page["kind"] == "dialogue":
                item.append(sorted((n, len(v["choices"])) for n, v in page["nodes"].items()))
            shape.append(item)
    if data["assessment"]:
        a = data["assessment"]
        shape.append([a["draw"], a["attempts"],
                      [[q["id"], q["kind"], len(q.get("choices") or q.get("pairs") or q.get("items") or [])]
                       for q in a["questions"]]])
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:8]
